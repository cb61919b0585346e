import numpy as np


def beam_search(logprobs: np.ndarray, bos: int, eos: int, beam_width: int, max_len: int,
                alpha: float) -> tuple[list[int], float]:
    raise NotImplementedError
