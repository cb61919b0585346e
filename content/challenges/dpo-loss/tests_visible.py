import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

@suite.test("z = 0 gives log 2")
def example(sub):
    a = np.array([-1.0])
    close(sub.dpo_loss(a, a, a, a, 0.1), np.log(2), rtol=1e-12, input="all log-probs -1")
