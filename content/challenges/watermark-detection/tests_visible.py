
from llmprep.services.challenges.checks import Suite, close, equal

suite = Suite()

@suite.test("a two-token text")
def example(sub):
    g = sub.is_green(1, 2, 0.5)
    count, z = sub.watermark_z([1, 2], 0.5)
    equal(count, int(bool(g)), input=[1, 2], what="green count")
    close(z, (int(bool(g)) - 0.5) / 0.5, rtol=1e-9, input=[1, 2], what="z")
