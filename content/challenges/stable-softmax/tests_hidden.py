import numpy as np

from llmprep.services.challenges.checks import Suite, close, ensure

suite = Suite()
rng = np.random.default_rng(7)


def reference(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    e = np.exp(x - m)
    return e / e.sum(axis=axis, keepdims=True)


inputs = [rng.normal(size=s) * scale for s, scale in [((3,), 1), ((2, 5), 3), ((4, 3, 7), 10), ((8, 16), 50)]]
suite.cases("matches the reference on random logits", inputs, lambda sub, x: sub.softmax(x), reference, rtol=1e-6)

huge = [np.array([1000.0, 999.0, 0.0]), np.array([[-1e4, 0.0, 1e4]]), rng.normal(size=(3, 4)) * 1e3]
suite.cases("stays finite and exact for huge logits", huge, lambda sub, x: sub.softmax(x), reference, rtol=1e-6)


@suite.test("rows sum to one and entries lie in [0, 1] (property)")
def rows(sub):
    for n in range(1, 30, 4):
        x = rng.normal(size=(3, n)) * 20
        p = np.asarray(sub.softmax(x))
        ensure(np.allclose(p.sum(axis=-1), 1.0, atol=1e-6), "rows must sum to 1", input=x, got=p.sum(axis=-1))
        ensure(bool(np.all((p >= 0) & (p <= 1))), "entries must lie in [0, 1]", input=x, got=p)


@suite.test("axis argument is honoured")
def axis(sub):
    x = rng.normal(size=(3, 4, 5))
    for ax in (0, 1, 2, -1):
        close(sub.softmax(x, axis=ax), reference(x, ax), rtol=1e-6, input={"x": x, "axis": ax}, what=f"axis={ax}")


@suite.test("masked positions (-inf) get probability 0")
def masked(sub):
    x = np.array([[0.0, -np.inf, 1.0], [-np.inf, 5.0, -np.inf]])
    close(sub.softmax(x), reference(x), atol=1e-12, input=x)


@suite.test("float32 in, float32 out")
def dtype(sub):
    x = (rng.normal(size=(4, 6)) * 30).astype(np.float32)
    got = sub.softmax(x)
    ensure(np.asarray(got).dtype == np.float32, "dtype must be float32", input=x, expected="float32",
           got=str(np.asarray(got).dtype))
    close(got, reference(x.astype(np.float64)), rtol=1e-4, atol=1e-6, input=x)
