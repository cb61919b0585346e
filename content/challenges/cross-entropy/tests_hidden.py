import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

rng = np.random.default_rng(1)


def ref(inp):
    x, t = inp
    m = x.max(axis=-1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(x - m).sum(axis=-1))
    return np.mean(lse - x[np.arange(len(t)), t])


cases = []
for n, v, s in [(1, 2, 1), (3, 5, 2), (16, 50, 5), (64, 1000, 3)]:
    cases.append((rng.normal(size=(n, v)) * s, rng.integers(0, v, size=n)))
suite.cases("matches the reference (mean over rows)", cases, lambda sub, c: sub.cross_entropy(*c), ref, rtol=1e-7)

extreme = [(np.array([[1000.0, 0.0]]), np.array([1])), (np.array([[-1e4, 1e4, 0.0], [0.0, 0.0, 0.0]]), np.array([0, 2]))]
suite.cases("finite and exact for extreme logits", extreme, lambda sub, c: sub.cross_entropy(*c), ref, rtol=1e-7)


@suite.test("uniform logits give log(V) (property)")
def uniform(sub):
    for v in (2, 10, 32000):
        x = np.zeros((2, v))
        close(sub.cross_entropy(x, np.array([0, v - 1])), np.log(v), rtol=1e-9, input=f"zeros((2, {v}))")
