import numpy as np


def accumulated_gradient(w, X, y, micro_batch):
    n = len(X)
    grad = np.zeros_like(w, dtype=np.float64)
    for start in range(0, n, micro_batch):
        xb, yb = X[start:start + micro_batch], y[start:start + micro_batch]
        err = xb @ w - yb
        grad += 2 * xb.T @ err  # sum over the micro-batch; divide by the total count once
    return grad / micro_batch
