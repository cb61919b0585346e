import numpy as np


def decode_step(params, token, pos, cache):
    x = params["E"][token] + params["P"][pos]
    q, k, v = x @ params["wq"], x @ params["wk"], x @ params["wv"]
    K = np.vstack([cache["k"], k[None, :]])
    V = np.vstack([cache["v"], v[None, :]])
    if len(cache["k"]):
        s = cache["k"] @ q / np.sqrt(q.shape[0])
        w = np.exp(s - s.max())
        h = (w / w.sum()) @ cache["v"]
    else:
        h = np.zeros_like(v)
    return (x + h) @ params["wout"], {"k": K, "v": V}


def greedy_decode(params, prompt, n_new):
    d = params["E"].shape[1]
    cache = {"k": np.zeros((0, d)), "v": np.zeros((0, d))}
    out, pos = [], 0
    for tok in prompt:
        logits, cache = decode_step(params, tok, pos, cache)
        pos += 1
    for _ in range(n_new):
        tok = int(np.argmax(logits))
        out.append(tok)
        logits, cache = decode_step(params, tok, pos, cache)
        pos += 1
    return out
