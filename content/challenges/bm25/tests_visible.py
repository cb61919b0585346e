import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

@suite.test("example")
def example(sub):
    close(sub.bm25_scores(["cat"], [["cat", "sat"], ["dog"]]), [np.log(2) * 2.5 / 2.875, 0.0], rtol=1e-9, input=(["cat"], [["cat", "sat"], ["dog"]]))
