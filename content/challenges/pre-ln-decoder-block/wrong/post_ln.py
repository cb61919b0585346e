import numpy as np


def _ln(x, g, b):
    m = x.mean(-1, keepdims=True)
    return (x - m) / np.sqrt(((x - m) ** 2).mean(-1, keepdims=True) + 1e-5) * g + b


def _gelu(x):
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))


def _attn(x, p):
    t, d = x.shape
    h = p["n_heads"]
    q, k, v = ((x @ p[w]).reshape(t, h, d // h).transpose(1, 0, 2) for w in ("wq", "wk", "wv"))
    s = q @ k.transpose(0, 2, 1) / np.sqrt(d // h)
    s = np.where(np.tril(np.ones((t, t), dtype=bool)), s, -np.inf)
    w = np.exp(s - s.max(-1, keepdims=True))
    w /= w.sum(-1, keepdims=True)
    return (w @ v).transpose(1, 0, 2).reshape(t, d) @ p["wo"]


def decoder_block(x, p):
    h = _ln(x + _attn(x, p), p["ln1_g"], p["ln1_b"])
    return _ln(h + _gelu(h @ p["w1"] + p["b1"]) @ p["w2"] + p["b2"], p["ln2_g"], p["ln2_b"])
