import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

def sdpa(q, k, v, mask=None):
    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        s = np.where(mask, s, -np.inf)
    s = s - s.max(axis=-1, keepdims=True)
    w = np.exp(s)
    return (w / w.sum(axis=-1, keepdims=True)) @ v

rng = np.random.default_rng(3)
cases = [tuple(rng.normal(size=s) for s in shapes) for shapes in [
    [(1, 2), (2, 2), (2, 1)], [(3, 4), (5, 4), (5, 2)], [(2, 4, 8), (2, 6, 8), (2, 6, 3)], [(2, 3, 7, 16), (2, 3, 7, 16), (2, 3, 7, 16)]]]
suite.cases("matches the reference without a mask", cases, lambda sub, c: sub.attention(*c), lambda c: sdpa(*c), rtol=1e-6, atol=1e-9)

masked = []
for t in (2, 4, 7):
    q, k, v = rng.normal(size=(t, 8)), rng.normal(size=(t, 8)), rng.normal(size=(t, 3))
    masked.append((q, k, v, np.tril(np.ones((t, t), dtype=bool))))
    m = rng.uniform(size=(t, t)) < 0.5
    m[:, 0] = True
    masked.append((q, k, v, m))
suite.cases("honours boolean masks", masked, lambda sub, c: sub.attention(*c), lambda c: sdpa(*c), rtol=1e-6, atol=1e-9)


@suite.test("masked keys get exactly zero influence (property)")
def no_leak(sub):
    q, k, v = rng.normal(size=(4, 8)), rng.normal(size=(6, 8)), rng.normal(size=(6, 2))
    m = np.ones((4, 6), dtype=bool); m[:, 3:] = False
    v2 = v.copy(); v2[3:] += 1000.0
    a, b = sub.attention(q, k, v, m), sub.attention(q, k, v2, m)
    close(b, a, rtol=1e-9, atol=1e-9, input={"mask": m}, what="output after changing masked values")


@suite.test("large scores stay finite")
def large(sub):
    q, k, v = rng.normal(size=(3, 4)) * 100, rng.normal(size=(5, 4)) * 100, rng.normal(size=(5, 2))
    close(sub.attention(q, k, v), sdpa(q, k, v), rtol=1e-6, atol=1e-9, input=(q, k, v))
