
from llmprep.services.challenges.checks import Suite

suite = Suite()

def ref(c):
    layers, heads, kv, hd, t, b, e = c
    return 2 * layers * kv * hd * t * b * e


cases = [(1, 1, 1, 1, 1, 1, 1), (32, 32, 32, 128, 4096, 1, 2), (80, 64, 8, 128, 8192, 4, 2), (32, 32, 8, 128, 32768, 16, 1)]
suite.cases("kv_cache_bytes with and without GQA", cases, lambda sub, c: sub.kv_cache_bytes(*c), ref, exact=True)


def ref_batch(c):
    gpu, w, *rest = c
    return max(0, (gpu - w) // ref((*rest[:5], 1, rest[5])))


batches = [(80 * 2**30, 14 * 2**30, 32, 32, 32, 128, 4096, 2), (24 * 2**30, 16 * 2**30, 32, 32, 8, 128, 8192, 2),
           (8 * 2**30, 14 * 2**30, 32, 32, 32, 128, 4096, 2), (80 * 2**30, 140 * 2**29, 80, 64, 8, 128, 4096, 1)]
suite.cases("max_batch floors and never goes negative", batches, lambda sub, c: sub.max_batch(*c), ref_batch, exact=True)
