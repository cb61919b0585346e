
from llmprep.services.challenges.checks import Suite, equal

suite = Suite()

@suite.test("examples")
def example(sub):
    equal(sub.chunk(list(range(7)), 4, 2), [[0, 1, 2, 3], [2, 3, 4, 5], [4, 5, 6]], input=(list(range(7)), 4, 2))
    equal(sub.chunk(list(range(6)), 4, 2), [[0, 1, 2, 3], [2, 3, 4, 5]], input=(list(range(6)), 4, 2))
