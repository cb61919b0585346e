import numpy as np


def decode_step(params: dict, token: int, pos: int, cache: dict) -> tuple[np.ndarray, dict]:
    raise NotImplementedError


def greedy_decode(params: dict, prompt: list[int], n_new: int) -> list[int]:
    raise NotImplementedError
