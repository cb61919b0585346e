import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

@suite.test("example: clipping and brevity")
def example(sub):
    c, r = "the the the the".split(), ["the cat is on the mat".split()]
    close(sub.sentence_bleu(c, r, 1), 0.5 * np.exp(1 - 6 / 4), rtol=1e-9, input=(c, r))
