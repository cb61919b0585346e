import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

rng = np.random.default_rng(2)


def ref(c):
    lp, m = c
    k = m.astype(bool)
    return np.exp(-lp[k].sum() / k.sum())


cases = []
for b, t in [(1, 4), (2, 6), (4, 9), (8, 33)]:
    lp = np.log(rng.uniform(0.01, 1.0, size=(b, t)))
    m = (rng.uniform(size=(b, t)) < 0.7).astype(np.int64)
    m[:, 0] = 1
    m[0] = np.r_[np.ones(t - 2), np.zeros(2)]
    cases.append((lp, m))
suite.cases("corpus perplexity over real tokens", cases, lambda sub, c: sub.perplexity(*c), ref, rtol=1e-9)


@suite.test("padding holding -inf or nan is ignored")
def padding(sub):
    lp = np.array([[np.log(0.5), -np.inf], [np.log(0.25), np.nan]])
    m = np.array([[1, 0], [1, 0]])
    close(sub.perplexity(lp, m), ref((lp, m)), rtol=1e-9, input=(lp, m))


@suite.test("a model that is always certain has perplexity 1 (property)")
def certain(sub):
    lp, m = np.zeros((3, 5)), np.ones((3, 5))
    close(sub.perplexity(lp, m), 1.0, rtol=1e-12, input=(lp, m))
