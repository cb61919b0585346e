import numpy as np


def speculative_accept(draft_tokens, p: np.ndarray, q: np.ndarray, u: np.ndarray, u_final: float) -> list[int]:
    raise NotImplementedError
