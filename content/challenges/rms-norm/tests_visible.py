import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

@suite.test("example")
def example(sub):
    x = np.array([[3.0, 4.0]])
    close(sub.rms_norm(x, np.ones(2)), x / np.sqrt(12.5 + 1e-6), rtol=1e-7, input=x)
