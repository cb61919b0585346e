
from llmprep.services.challenges.checks import Suite, equal

suite = Suite()

@suite.test("example")
def example(sub):
    merges = [tuple(m) for m in sub.train_bpe("aaabdaaabac", 3)]
    equal(merges, [(97, 97), (97, 98), (256, 257)], input="aaabdaaabac", what="merges")
    equal(list(sub.encode("aaabdaaabac", merges)), [258, 100, 258, 97, 99], input="aaabdaaabac", what="ids")
