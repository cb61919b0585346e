import numpy as np


def train_softmax_regression(X, y, n_classes, lr, epochs, batch_size):
    n, d = X.shape
    W, b = np.zeros((d, n_classes)), np.zeros(n_classes)
    Y = np.eye(n_classes)[y]
    losses = []
    for _ in range(epochs):
        for s in range(0, n, batch_size):
            xb, yb = X[s:s + batch_size], Y[s:s + batch_size]
            z = xb @ W + b
            p = np.exp(z - z.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            g = (p - yb) / len(xb)
            W -= lr * xb.T @ g
        z = X @ W + b
        lse = z.max(axis=1) + np.log(np.exp(z - z.max(axis=1, keepdims=True)).sum(axis=1))
        losses.append(float(np.mean(lse - z[np.arange(n), y])))
    return W, b, losses
