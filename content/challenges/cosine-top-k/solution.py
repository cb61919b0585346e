import numpy as np


def top_k_cosine(query, matrix, k):
    qn = np.linalg.norm(query)
    rn = np.linalg.norm(matrix, axis=1)
    denom = rn * qn
    sims = np.divide(matrix @ query, denom, out=np.zeros(len(matrix)), where=denom > 0)
    order = np.lexsort((np.arange(len(sims)), -sims))
    return [int(i) for i in order[:k]]
