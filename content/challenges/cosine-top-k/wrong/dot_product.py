import numpy as np


def top_k_cosine(query, matrix, k):
    sims = matrix @ query
    return [int(i) for i in np.argsort(-sims, kind="stable")[:k]]
