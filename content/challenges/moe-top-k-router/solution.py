import numpy as np


def route(logits, k):
    order = np.argsort(-logits, axis=1, kind="stable")[:, :k]
    picked = np.take_along_axis(logits, order, axis=1)
    w = np.exp(picked - picked.max(axis=1, keepdims=True))
    return order, w / w.sum(axis=1, keepdims=True)


def load_balancing_loss(logits, k):
    t, e = logits.shape
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    experts, _ = route(logits, k)
    f = np.bincount(experts.ravel(), minlength=e) / (t * k)
    return float(e * np.sum(f * p.mean(axis=0)))
