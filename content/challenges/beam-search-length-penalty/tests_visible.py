import numpy as np

from llmprep.services.challenges.checks import Suite, equal

suite = Suite()

@suite.test("eos right away is best when it is very likely")
def tiny(sub):
    lp = np.log(np.array([[0.05, 0.05, 0.9], [0.3, 0.3, 0.4], [0.4, 0.3, 0.3]]))
    toks, score = sub.beam_search(lp, 0, 2, 2, 3, 1.0)
    equal(list(toks), [2], input={"logprobs": lp.round(3).tolist(), "bos": 0, "eos": 2})
