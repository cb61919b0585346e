import numpy as np


def train_softmax_regression(X, y, n_classes: int, lr: float, epochs: int, batch_size: int):
    raise NotImplementedError
