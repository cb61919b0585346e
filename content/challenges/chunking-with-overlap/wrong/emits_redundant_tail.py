def chunk(tokens, size, overlap):
    if size < 1 or overlap < 0 or overlap >= size:
        raise ValueError("bad arguments")
    return [list(tokens[i:i + size]) for i in range(0, len(tokens), size - overlap)]
