import numpy as np

from llmprep.services.challenges.checks import Suite, equal

suite = Suite()

@suite.test("example")
def example(sub):
    m = np.array([[10.0, 10.0], [0.1, 0.0], [-1.0, 0.0]])
    equal(list(sub.top_k_cosine(np.array([1.0, 0.0]), m, 2)), [1, 0], input=m)
