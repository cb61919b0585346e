def chunk(tokens, size, overlap):
    if size < 1 or overlap < 0 or overlap >= size:
        raise ValueError("bad arguments")
    step = size - overlap
    return [list(tokens[i:i + size]) for i in range(0, max(1, len(tokens) - size + 1), step) if tokens]
