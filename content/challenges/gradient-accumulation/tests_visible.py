import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

@suite.test("example")
def example(sub):
    X, y = np.array([[1.0], [2.0], [3.0]]), np.array([1.0, 2.0, 3.0])
    close(sub.accumulated_gradient(np.zeros(1), X, y, 2), [-28 / 3], rtol=1e-9, input=(X, y))
