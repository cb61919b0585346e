import math
from collections import Counter

import numpy as np


def bm25_scores(query, docs, k1=1.5, b=0.75):
    n = len(docs)
    avgdl = sum(len(d) for d in docs) / n
    df = Counter(t for d in docs for t in set(d))
    counts = [Counter(d) for d in docs]
    scores = np.zeros(n)
    for t in query:
        if df[t] == 0:
            continue
        idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
        for i, (c, d) in enumerate(zip(counts, docs)):
            f = c[t]
            scores[i] += idf * f * (k1 + 1) / (f + k1 * (1 - b + b * len(d) / avgdl))
    return scores
