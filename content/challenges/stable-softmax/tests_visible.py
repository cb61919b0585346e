import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()


@suite.test("example [1, 2, 3]")
def example(sub):
    x = np.array([1.0, 2.0, 3.0])
    close(sub.softmax(x), [0.09003057, 0.24472847, 0.66524096], rtol=1e-6, input=x)


@suite.test("large equal logits give a uniform distribution")
def large(sub):
    x = np.array([1000.0, 1000.0])
    close(sub.softmax(x), [0.5, 0.5], input=x)
