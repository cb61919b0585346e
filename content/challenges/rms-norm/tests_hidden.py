import numpy as np

from llmprep.services.challenges.checks import Suite, ensure

suite = Suite()

rng = np.random.default_rng(7)


def ref(c):
    x, w = c
    return x / np.sqrt((x * x).mean(-1, keepdims=True) + 1e-6) * w


cases = [(rng.normal(size=s) + 2.0, rng.normal(size=s[-1])) for s in [(1, 2), (3, 4), (2, 3, 16), (8, 128)]]
suite.cases("matches the reference (non-zero-mean inputs)", cases, lambda sub, c: sub.rms_norm(*c), ref, rtol=1e-7, atol=1e-12)

tiny = [(np.array([[1e-4, -2e-4, 3e-4]]), np.ones(3)), (np.zeros((1, 4)), np.ones(4))]
suite.cases("tiny activations: eps inside the square root", tiny, lambda sub, c: sub.rms_norm(*c), ref, rtol=1e-7, atol=1e-12)


@suite.test("float32 stays float32")
def dtype(sub):
    x, w = rng.normal(size=(2, 8)).astype(np.float32), np.ones(8, dtype=np.float32)
    got = sub.rms_norm(x, w)
    ensure(np.asarray(got).dtype == np.float32, "dtype must stay float32", expected="float32", got=str(np.asarray(got).dtype))
