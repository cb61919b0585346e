import numpy as np

from llmprep.services.challenges.checks import Suite, close, equal

suite = Suite()

@suite.test("example")
def example(sub):
    x = np.array([[0.5, -1.0, 0.25]])
    q, s = sub.quantize(x)
    equal(np.asarray(q).tolist(), [[64, -127, 32]], input=x, what="q")
    close(s, [1 / 127], rtol=1e-12, input=x, what="scale")
