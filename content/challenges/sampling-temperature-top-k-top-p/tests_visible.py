import numpy as np

from llmprep.services.challenges.checks import Suite, close, equal

suite = Suite()

@suite.test("example")
def example(sub):
    lg = np.log([0.5, 0.3, 0.2])
    close(sub.sampling_probs(lg, top_p=0.7), [0.625, 0.375, 0.0], rtol=1e-9, atol=1e-12, input=lg)
    equal(int(sub.sample(np.array([0.625, 0.375, 0.0]), 0.7)), 1, input="u = 0.7")
