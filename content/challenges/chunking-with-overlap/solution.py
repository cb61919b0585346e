def chunk(tokens, size, overlap):
    if size < 1 or overlap < 0 or overlap >= size:
        raise ValueError("need size >= 1 and 0 <= overlap < size")
    step = size - overlap
    out = []
    start = 0
    while start < len(tokens):
        out.append(list(tokens[start:start + size]))
        if start + size >= len(tokens):
            break
        start += step
    return out
