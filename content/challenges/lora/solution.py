import numpy as np


def lora_forward(x, W, A, B, alpha):
    r = A.shape[0]
    return x @ W.T + (alpha / r) * ((x @ A.T) @ B.T)


def lora_merge(W, A, B, alpha):
    return W + (alpha / A.shape[0]) * (B @ A)
