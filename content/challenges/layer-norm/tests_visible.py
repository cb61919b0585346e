import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

@suite.test("example")
def example(sub):
    x = np.array([[1.0, 3.0]])
    close(sub.layer_norm(x, np.ones(2), np.zeros(2)), [[-1 / np.sqrt(1 + 1e-5), 1 / np.sqrt(1 + 1e-5)]], rtol=1e-7, input=x)
