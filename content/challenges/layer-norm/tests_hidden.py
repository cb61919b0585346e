import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

rng = np.random.default_rng(6)


def ref(c):
    x, g, b = c
    m = x.mean(-1, keepdims=True)
    return (x - m) / np.sqrt(((x - m) ** 2).mean(-1, keepdims=True) + 1e-5) * g + b


cases = [(rng.normal(size=s) * 3 + 1, rng.normal(size=s[-1]), rng.normal(size=s[-1])) for s in [(1, 2), (3, 4), (2, 5, 8), (16, 64)]]
suite.cases("matches the reference", cases, lambda sub, c: sub.layer_norm(*c), ref, rtol=1e-7, atol=1e-9)


@suite.test("constant rows give beta")
def constant(sub):
    x, g, b = np.full((2, 4), 7.0), rng.normal(size=4), rng.normal(size=4)
    close(sub.layer_norm(x, g, b), np.broadcast_to(b, (2, 4)), atol=1e-9, input=x)


@suite.test("output rows have mean 0 and variance ~1 when gamma=1, beta=0 (property)")
def moments(sub):
    x = rng.normal(size=(5, 32)) * 10
    y = np.asarray(sub.layer_norm(x, np.ones(32), np.zeros(32)))
    close(y.mean(-1), np.zeros(5), atol=1e-9, input=x, what="row means")
    close(y.var(-1), np.ones(5), rtol=1e-5, input=x, what="row variances")
