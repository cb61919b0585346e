import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

rng = np.random.default_rng(18)


def case(n, d, mb):
    return (rng.normal(size=d), rng.normal(size=(n, d)), rng.normal(size=n), mb)


def full(c):
    w, X, y, _ = c
    return 2 * X.T @ (X @ w - y) / len(X)


cases = [case(4, 2, 4), case(5, 2, 2), case(10, 3, 3), case(64, 8, 5), case(100, 16, 7)]
suite.cases("equals the full-batch gradient (uneven last micro-batch)", cases, lambda sub, c: sub.accumulated_gradient(*c), full, rtol=1e-9, atol=1e-12)


@suite.test("independent of the micro-batch size (property)")
def invariant(sub):
    w, X, y, _ = case(23, 4, 1)
    base = full((w, X, y, 1))
    for mb in (1, 2, 5, 22, 23, 50):
        close(sub.accumulated_gradient(w, X, y, mb), base, rtol=1e-9, atol=1e-12, input={"N": 23, "micro_batch": mb})
