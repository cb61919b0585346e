import numpy as np


def layer_norm(x, gamma, beta, eps: float = 1e-5) -> np.ndarray:
    """(x - mean) / sqrt(var + eps) * gamma + beta over the last axis."""
    raise NotImplementedError
