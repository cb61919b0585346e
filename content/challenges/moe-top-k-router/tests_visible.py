import numpy as np

from llmprep.services.challenges.checks import Suite, close, equal

suite = Suite()

@suite.test("example")
def example(sub):
    x = np.array([[1.0, 3.0, 2.0]])
    experts, weights = sub.route(x, 2)
    equal(np.asarray(experts).tolist(), [[1, 2]], input=x, what="experts")
    close(weights, [[1 / (1 + np.exp(-1)), 1 - 1 / (1 + np.exp(-1))]], rtol=1e-8, input=x, what="weights")
