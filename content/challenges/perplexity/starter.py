import numpy as np


def perplexity(logprobs: np.ndarray, mask: np.ndarray) -> float:
    """exp of the mean negative log-probability over real (mask == 1) tokens."""
    raise NotImplementedError
