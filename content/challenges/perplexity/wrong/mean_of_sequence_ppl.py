import numpy as np


def perplexity(logprobs, mask):
    keep = np.asarray(mask).astype(bool)
    per_seq = [np.exp(-lp[k].sum() / k.sum()) for lp, k in zip(logprobs, keep) if k.any()]
    return float(np.mean(per_seq))
