import numpy as np


def perplexity(logprobs: np.ndarray, mask: np.ndarray) -> float:
    keep = np.asarray(mask).astype(bool)
    lp = np.asarray(logprobs, dtype=np.float64)[keep]
    return float(np.exp(-lp.sum() / keep.sum()))
