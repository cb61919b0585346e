import numpy as np


def top_k_cosine(query: np.ndarray, matrix: np.ndarray, k: int) -> list[int]:
    raise NotImplementedError
