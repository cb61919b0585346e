import numpy as np

from llmprep.services.challenges.checks import Suite

suite = Suite()

rng = np.random.default_rng(13)


def ref(c):
    q, m, k = c
    den = np.linalg.norm(m, axis=1) * np.linalg.norm(q)
    s = np.divide(m @ q, den, out=np.zeros(len(m)), where=den > 0)
    return [int(i) for i in np.lexsort((np.arange(len(s)), -s))[:k]]


def scaled(n, d):
    m = rng.normal(size=(n, d)) * rng.uniform(0.01, 100, size=(n, 1))
    return (rng.normal(size=d), m, 3)


cases = [scaled(3, 2), scaled(10, 8), scaled(200, 32)]
suite.cases("ranks by cosine, not dot product", cases, lambda sub, c: list(sub.top_k_cosine(*c)), ref, exact=True)

ties = [(np.array([1.0, 0.0]), np.array([[0.0, 1.0], [2.0, 0.0], [0.0, 0.0], [5.0, 0.0], [1.0, 0.0]]), 4)]
suite.cases("ties go to the lower index; zero rows score 0", ties, lambda sub, c: list(sub.top_k_cosine(*c)), ref, exact=True)

small = [(np.array([1.0, 1.0]), np.array([[1.0, 2.0], [3.0, 1.0]]), 5)]
suite.cases("k larger than N returns all rows", small, lambda sub, c: list(sub.top_k_cosine(*c)), ref, exact=True)
