import numpy as np


def causal_self_attention(x, wq, wk, wv, wo, n_heads):
    t, d = x.shape
    dh = d // n_heads
    q, k, v = ((x @ w).reshape(t, n_heads, dh).transpose(1, 0, 2) for w in (wq, wk, wv))
    scores = q @ k.transpose(0, 2, 1) / np.sqrt(dh)
    allowed = np.tril(np.ones((t, t), dtype=bool), k=1)  # lets each position see one token ahead
    scores = np.where(allowed, scores, -np.inf)
    w = np.exp(scores - scores.max(axis=-1, keepdims=True))
    w /= w.sum(axis=-1, keepdims=True)
    return (w @ v).transpose(1, 0, 2).reshape(t, d) @ wo
