import numpy as np

from llmprep.services.challenges.checks import Suite, close, ensure

suite = Suite()



def ref(X, y, n_classes, lr, epochs, batch_size):
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
            b -= lr * g.sum(axis=0)
        z = X @ W + b
        lse = z.max(axis=1) + np.log(np.exp(z - z.max(axis=1, keepdims=True)).sum(axis=1))
        losses.append(float(np.mean(lse - z[np.arange(n), y])))
    return W, b, losses

rng = np.random.default_rng(24)


def case(n, d, c, lr, epochs, bs):
    centers = rng.normal(size=(c, d)) * 3
    y = rng.integers(0, c, size=n)
    return (centers[y] + rng.normal(size=(n, d)), y, c, lr, epochs, bs)


cases = [case(4, 2, 2, 0.5, 1, 2), case(10, 3, 3, 0.1, 3, 3), case(50, 5, 4, 0.05, 5, 8), case(128, 8, 5, 0.1, 4, 32)]


@suite.test("weights, bias and losses match the reference")
def matches(sub):
    for c in cases:
        W, b, losses = sub.train_softmax_regression(*c)
        want = ref(*c)
        info = {"N": len(c[0]), "C": c[2], "lr": c[3], "epochs": c[4], "batch_size": c[5]}
        close(W, want[0], rtol=1e-7, atol=1e-10, input=info, what="W")
        close(b, want[1], rtol=1e-7, atol=1e-10, input=info, what="b")
        close(losses, want[2], rtol=1e-7, input=info, what="losses")


@suite.test("loss falls on separable data (property)")
def falls(sub):
    X, y, c, _, _, _ = case(60, 4, 3, 0, 0, 0)
    _, _, losses = sub.train_softmax_regression(X, y, c, 0.1, 10, 10)
    ensure(losses[-1] < losses[0] < np.log(3), "the loss must decrease below the uniform-guess loss log(3)", input="60 points, 3 clusters", got=losses)
