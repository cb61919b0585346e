import numpy as np


def sampling_probs(logits, temperature: float = 1.0, top_k: int = 0, top_p: float = 1.0) -> np.ndarray:
    raise NotImplementedError


def sample(probs: np.ndarray, u: float) -> int:
    raise NotImplementedError
