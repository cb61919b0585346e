import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

@suite.test("B = 0 gives the frozen model")
def zero(sub):
    rng = np.random.default_rng(0)
    x, W, A = rng.normal(size=(2, 3)), rng.normal(size=(4, 3)), rng.normal(size=(2, 3))
    close(sub.lora_forward(x, W, A, np.zeros((4, 2)), 16.0), x @ W.T, rtol=1e-9, input=x)
