
from llmprep.services.challenges.checks import Suite, equal

suite = Suite()

@suite.test("LLaMA-2-7B at 4k context, fp16")
def example(sub):
    equal(sub.kv_cache_bytes(32, 32, 32, 128, 4096, 1, 2), 2147483648, input=(32, 32, 32, 128, 4096, 1, 2))
