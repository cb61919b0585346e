import numpy as np


def sampling_probs(logits, temperature=1.0, top_k=0, top_p=1.0):
    logits = np.asarray(logits, dtype=np.float64)
    v = logits.shape[0]
    if temperature == 0:
        out = np.zeros(v)
        out[int(np.argmax(logits))] = 1.0
        return out
    z = logits / temperature
    keep = np.ones(v, dtype=bool)
    if 0 < top_k < v:
        order = np.argsort(-z, kind="stable")
        keep[:] = False
        keep[order[:top_k]] = True
    z = np.where(keep, z, -np.inf)
    p = np.exp(z - z.max())
    p /= p.sum()
    if top_p < 1.0:
        order = np.argsort(-p, kind="stable")
        cum = np.cumsum(p[order])
        n = int(np.searchsorted(cum, top_p - 1e-12)) + 1
        mask = np.zeros(v, dtype=bool)
        mask[order[:n]] = True
        p = np.where(mask, p, 0.0)
        p /= p.sum()
    return p


def sample(probs, u):
    cum = np.cumsum(probs)
    return int(min(np.searchsorted(cum, u, side="right"), len(probs) - 1))
