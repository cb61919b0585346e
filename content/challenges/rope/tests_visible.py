import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

@suite.test("example d=2, position 1")
def example(sub):
    x = np.array([[1.0, 0.0]])
    close(sub.rope(x, np.array([1])), [[np.cos(1), np.sin(1)]], rtol=1e-9, input=x)
