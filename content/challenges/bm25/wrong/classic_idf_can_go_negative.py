import math
from collections import Counter

import numpy as np


def bm25_scores(query, docs, k1=1.5, b=0.75):
    n = len(docs)
    avgdl = sum(len(d) for d in docs) / n
    df = Counter(t for d in docs for t in set(d))
    scores = np.zeros(n)
    for t in query:
        if df[t] == 0:
            continue
        idf = math.log((n - df[t] + 0.5) / (df[t] + 0.5))
        for i, d in enumerate(docs):
            f = d.count(t)
            scores[i] += idf * f * (k1 + 1) / (f + k1 * (1 - b + b * len(d) / avgdl))
    return scores
