import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

@suite.test("example")
def example(sub):
    q, k, v = np.array([[1.0, 0.0]]), np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[1.0], [3.0]])
    w = np.exp([1 / np.sqrt(2), 0.0]); w /= w.sum()
    close(sub.attention(q, k, v), [[w[0] * 1 + w[1] * 3]], rtol=1e-6, input=(q, k, v))
