
from llmprep.services.challenges.checks import Suite, equal

suite = Suite()

@suite.test("example")
def example(sub):
    equal(sub.tokenize("Hello, world! Hello."), ["hello", ",", "world", "!", "hello", "."], input="Hello, world! Hello.")
    equal(sub.build_vocab(["Hello, world! Hello."]), {"<pad>": 0, "<unk>": 1, "hello": 2, "!": 3, ",": 4, ".": 5, "world": 6},
          input=["Hello, world! Hello."])
