class TokenBucket:
    def __init__(self, capacity: float, rate: float, now: float = 0.0) -> None:
        raise NotImplementedError

    def allow(self, now: float, cost: float = 1.0) -> bool:
        raise NotImplementedError

    def tokens(self, now: float) -> float:
        raise NotImplementedError
