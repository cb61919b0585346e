import numpy as np

from llmprep.services.challenges.checks import Suite, close, ensure, equal

suite = Suite()

rng = np.random.default_rng(10)


def refq(x):
    amax = np.abs(x).max(axis=1)
    s = np.where(amax > 0, amax / 127.0, 1.0)
    return np.clip(np.round(x / s[:, None]), -127, 127).astype(np.int8), s


xs = [np.array([[1.0, -0.5]]), rng.normal(size=(3, 4)), rng.normal(size=(4, 16)) * np.array([[0.01], [1], [100], [5]]), rng.standard_t(2, size=(8, 64))]


@suite.test("q is int8 and matches the reference; scale per row")
def exact(sub):
    for x in sorted(xs, key=lambda a: a.size):
        q, s = sub.quantize(x)
        wq, ws = refq(x)
        ensure(np.asarray(q).dtype == np.int8, "q must have dtype int8", input=x, expected="int8", got=str(np.asarray(q).dtype))
        close(s, ws, rtol=1e-12, input=x, what="scale")
        equal(np.asarray(q), wq, input=x, what="q")


@suite.test("round trip error <= scale/2 and the row max maps to +-127 (property)")
def roundtrip(sub):
    for x in xs:
        q, s = sub.quantize(x)
        back = np.asarray(sub.dequantize(q, s))
        err = np.abs(back - x).max(axis=1)
        ensure(bool(np.all(err <= np.asarray(s) / 2 + 1e-12)), "round-trip error exceeds scale/2", input=x, expected=np.asarray(s) / 2, got=err)
        ensure(bool(np.all(np.abs(np.asarray(q)).max(axis=1) == 127)), "the largest |value| of each row must map to 127", input=x, got=q)


@suite.test("all-zero rows quantise to zeros")
def zeros(sub):
    x = np.zeros((2, 3)); x[1] = [1.0, 2.0, -3.0]
    q, s = sub.quantize(x)
    equal(np.asarray(q)[0].tolist(), [0, 0, 0], input=x, what="q of the zero row")
    ensure(bool(np.all(np.isfinite(np.asarray(sub.dequantize(q, s))))), "dequantised values must be finite", input=x)
