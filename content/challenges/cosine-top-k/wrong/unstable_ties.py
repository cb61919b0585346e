import numpy as np


def top_k_cosine(query, matrix, k):
    qn = np.linalg.norm(query)
    rn = np.linalg.norm(matrix, axis=1)
    sims = np.divide(matrix @ query, rn * qn, out=np.zeros(len(matrix)), where=rn * qn > 0)
    return [int(i) for i in np.argsort(sims)[::-1][:k]]  # reversing puts later ties first
