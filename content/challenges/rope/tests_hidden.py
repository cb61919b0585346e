import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

rng = np.random.default_rng(5)


def ref(c):
    x, pos = c
    d = x.shape[1]
    ang = pos[:, None] * (10000.0 ** (-np.arange(0, d, 2) / d))[None, :]
    out = np.empty_like(x)
    out[:, 0::2] = x[:, 0::2] * np.cos(ang) - x[:, 1::2] * np.sin(ang)
    out[:, 1::2] = x[:, 0::2] * np.sin(ang) + x[:, 1::2] * np.cos(ang)
    return out


cases = [(rng.normal(size=(t, d)), rng.integers(0, 2048, size=t)) for t, d in [(1, 2), (2, 4), (3, 8), (8, 64), (32, 128)]]
suite.cases("matches the reference", cases, lambda sub, c: sub.rope(*c), ref, rtol=1e-9, atol=1e-12)


@suite.test("norms are preserved (property)")
def norms(sub):
    x = rng.normal(size=(10, 16)); pos = np.arange(10) * 37
    got = np.asarray(sub.rope(x, pos))
    close(np.linalg.norm(got, axis=1), np.linalg.norm(x, axis=1), rtol=1e-9, input=(x, pos), what="row norms")


@suite.test("dot products depend only on the offset (property)")
def relative(sub):
    q, k = rng.normal(size=(1, 8)), rng.normal(size=(1, 8))
    for m, n in [(5, 2), (105, 102), (1003, 1000)]:
        a = (np.asarray(sub.rope(q, np.array([m]))) @ np.asarray(sub.rope(k, np.array([n]))).T).item()
        b = (np.asarray(sub.rope(q, np.array([3]))) @ np.asarray(sub.rope(k, np.array([0]))).T).item()
        close(a, b, rtol=1e-9, atol=1e-12, input={"m": m, "n": n}, what="q.k at (m, n) vs at (3, 0)")
