
from llmprep.services.challenges.checks import Suite, equal

suite = Suite()

@suite.test("example")
def example(sub):
    r = [["a", "b", "c"], ["b", "a", "d"]]
    equal(list(sub.rrf(r)), ["a", "b", "c", "d"], input=r)
