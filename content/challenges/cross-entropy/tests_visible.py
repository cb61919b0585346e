import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

@suite.test("example")
def example(sub):
    x = np.array([[2.0, 0.0, 0.0]])
    close(sub.cross_entropy(x, np.array([0])), 0.2395447, rtol=1e-6, input=x)
