class TokenBucket:
    def __init__(self, capacity, rate, now=0.0):
        self.capacity, self.rate, self._tokens, self._last = capacity, rate, float(capacity), now

    def _refill(self, now):
        self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.rate)
        self._last = now

    def allow(self, now, cost=1.0):
        self._refill(now)
        ok = self._tokens >= cost
        self._tokens = max(0.0, self._tokens - cost)
        return ok

    def tokens(self, now):
        self._refill(now)
        return self._tokens
