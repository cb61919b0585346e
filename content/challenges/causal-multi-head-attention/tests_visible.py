import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

@suite.test("a single position returns x @ wv @ wo")
def single(sub):
    rng = np.random.default_rng(0)
    x, ws = rng.normal(size=(1, 4)), [rng.normal(size=(4, 4)) for _ in range(4)]
    close(sub.causal_self_attention(x, *ws, 2), x @ ws[2] @ ws[3], rtol=1e-6, input=x)
