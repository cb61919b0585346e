import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax of x along axis, stable for large |x|."""
    raise NotImplementedError
