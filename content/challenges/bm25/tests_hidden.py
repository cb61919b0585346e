import numpy as np

from llmprep.services.challenges.checks import Suite

suite = Suite()

import math
from collections import Counter

rng = np.random.default_rng(12)
WORDS = "the cat sat on mat dog ran far away model token attention query key value".split()


def ref(c):
    q, docs = c
    n = len(docs); avg = sum(map(len, docs)) / n
    df = Counter(t for d in docs for t in set(d))
    out = np.zeros(n)
    for t in q:
        if df[t]:
            idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
            for i, d in enumerate(docs):
                f = d.count(t)
                out[i] += idf * f * 2.5 / (f + 1.5 * (0.25 + 0.75 * len(d) / avg))
    return out


def corpus(n, lo, hi):
    return [list(rng.choice(WORDS, size=rng.integers(lo, hi))) for _ in range(n)]


cases = [(["cat", "mat"], corpus(3, 2, 6)), (["the", "dog", "the"], corpus(6, 3, 12)), (["attention", "query", "zzz"], corpus(20, 5, 40))]
suite.cases("matches the reference", cases, lambda sub, c: sub.bm25_scores(*c), ref, rtol=1e-9, atol=1e-12)

common = [(["the"], [["the", "a"], ["the", "b"], ["the", "c"], ["x", "y"]])]
suite.cases("very common terms still score positively", common, lambda sub, c: sub.bm25_scores(*c), ref, rtol=1e-9)

lengths = [(["cat"], [["cat"], ["cat"] + ["pad"] * 20, ["dog"] * 5])]
suite.cases("longer documents are penalised (b)", lengths, lambda sub, c: sub.bm25_scores(*c), ref, rtol=1e-9)
