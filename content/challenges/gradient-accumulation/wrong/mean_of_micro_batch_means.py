import numpy as np


def accumulated_gradient(w, X, y, micro_batch):
    grads = []
    for start in range(0, len(X), micro_batch):
        xb, yb = X[start:start + micro_batch], y[start:start + micro_batch]
        grads.append(2 * xb.T @ (xb @ w - yb) / len(xb))
    return np.mean(grads, axis=0)
