from collections import defaultdict


def rrf(rankings, k=60):
    score = defaultdict(float)
    for ranking in rankings:
        for rank, doc in enumerate(ranking):
            score[doc] += 1.0 / (k + rank)
    return sorted(score, key=lambda d: (-score[d], d))
