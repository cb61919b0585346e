import numpy as np


def rope(x, positions, base=10000.0):
    t, d = x.shape
    theta = base ** (-np.arange(d // 2) / d)  # i/d instead of 2i/d
    ang = np.asarray(positions, dtype=np.float64)[:, None] * theta[None, :]
    cos, sin = np.cos(ang), np.sin(ang)
    out = np.empty_like(x, dtype=np.float64)
    out[:, 0::2] = x[:, 0::2] * cos - x[:, 1::2] * sin
    out[:, 1::2] = x[:, 0::2] * sin + x[:, 1::2] * cos
    return out
