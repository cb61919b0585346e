import numpy as np

from llmprep.services.challenges.checks import Suite, close, ensure

suite = Suite()

class Ref:
    def __init__(self, cap, rate, now=0.0):
        self.cap, self.rate, self.t, self.last = cap, rate, float(cap), now

    def allow(self, now, cost=1.0):
        self.t = min(self.cap, self.t + (now - self.last) * self.rate); self.last = now
        if self.t >= cost:
            self.t -= cost
            return True
        return False


def run(sub, c):
    cap, rate, events = c
    b = sub.TokenBucket(cap, rate)
    return [b.allow(t, cost) for t, cost in events]


def expect(c):
    cap, rate, events = c
    r = Ref(cap, rate)
    return [r.allow(t, cost) for t, cost in events]


rng = np.random.default_rng(14)
cases = [(1, 1.0, [(0.0, 1), (0.5, 1), (1.0, 1)]), (3, 0.5, [(0.0, 1)] * 4 + [(100.0, 1)] * 5),
         (5, 2.0, [(0.0, 5), (0.1, 1), (0.5, 1), (0.6, 2), (3.0, 5)]),
         (10, 3.0, [(float(t), float(c)) for t, c in zip(np.cumsum(rng.exponential(0.2, 60)), rng.integers(1, 4, 60))])]
suite.cases("decisions match the reference, idle time capped at capacity", cases, run, expect, exact=True)


@suite.test("tokens() refills but never exceeds capacity (property)")
def tokens(sub):
    b = sub.TokenBucket(4, 1.0)
    b.allow(0.0, 3)
    close(b.tokens(1.0), 2.0, rtol=1e-12, input="capacity 4, rate 1; took 3 at t=0", what="tokens at t=1")
    close(b.tokens(1000.0), 4.0, rtol=1e-12, input="idle until t=1000", what="tokens at t=1000")


@suite.test("long-run throughput equals the refill rate (property)")
def throughput(sub):
    b = sub.TokenBucket(1, 4.0)
    allowed = sum(bool(b.allow(i * 0.0625)) for i in range(1000))
    ensure(allowed == 250, "capacity + rate * duration requests must pass (1 + 4/s * 62.4375 s)", input="rate 4/s, a request every 62.5 ms", expected=250, got=allowed)
