import numpy as np


def quantize(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    raise NotImplementedError


def dequantize(q: np.ndarray, scale: np.ndarray) -> np.ndarray:
    raise NotImplementedError
