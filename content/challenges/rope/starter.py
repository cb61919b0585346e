import numpy as np


def rope(x: np.ndarray, positions: np.ndarray, base: float = 10000.0) -> np.ndarray:
    """Rotate consecutive pairs of x by position-dependent angles."""
    raise NotImplementedError
