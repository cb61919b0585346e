import numpy as np


def lora_forward(x, W, A, B, alpha):
    return x @ W.T + (alpha / A.shape[0]) * ((x @ A.T) @ B.T)


def lora_merge(W, A, B, alpha):
    return W + B @ A
