class TokenBucket:
    def __init__(self, capacity, rate, now=0.0):
        self.capacity = float(capacity)
        self.rate = float(rate)
        self._tokens = float(capacity)
        self._last = float(now)

    def _refill(self, now):
        self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.rate)
        self._last = now

    def allow(self, now, cost=1.0):
        self._refill(now)
        if self._tokens >= cost:
            self._tokens -= cost
            return True
        return False

    def tokens(self, now):
        self._refill(now)
        return self._tokens
