import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

@suite.test("example")
def example(sub):
    lp, m = np.log(np.array([[0.5, 0.25, 1.0]])), np.array([[1, 1, 0]])
    close(sub.perplexity(lp, m), 2.8284271247461903, rtol=1e-9, input=(lp, m))
