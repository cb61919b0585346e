import numpy as np

from llmprep.services.challenges.checks import Suite, equal

suite = Suite()

@suite.test("example: rejection samples from the residual")
def example(sub):
    p, q = np.array([[0.5, 0.5]]), np.array([[0.25, 0.75], [1.0, 0.0]])
    equal(list(sub.speculative_accept([0], p, q, np.array([0.6]), 0.3)), [1], input={"p": p.tolist(), "q": q.tolist(), "u": 0.6})
