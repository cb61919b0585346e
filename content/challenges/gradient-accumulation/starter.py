import numpy as np


def accumulated_gradient(w: np.ndarray, X: np.ndarray, y: np.ndarray, micro_batch: int) -> np.ndarray:
    raise NotImplementedError
