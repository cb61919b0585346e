
from llmprep.services.challenges.checks import Suite, close

suite = Suite()

@suite.test("example")
def example(sub):
    c, r = "police killed the gunman".split(), "the gunman was shot by police".split()
    close(sub.rouge_l(c, r), (0.5, 1 / 3, 0.4), rtol=1e-12, input=(c, r))
