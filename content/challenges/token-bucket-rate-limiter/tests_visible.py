
from llmprep.services.challenges.checks import Suite, equal

suite = Suite()

@suite.test("example")
def example(sub):
    b = sub.TokenBucket(2, 1.0)
    equal([b.allow(0.0), b.allow(0.0), b.allow(0.0), b.allow(1.0)], [True, True, False, True], input="TokenBucket(2, 1.0)")
