import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

@suite.test("first step on an empty cache")
def first(sub):
    rng = np.random.default_rng(0)
    p = {"E": rng.normal(size=(5, 4)), "P": rng.normal(size=(8, 4)), "wq": rng.normal(size=(4, 4)),
         "wk": rng.normal(size=(4, 4)), "wv": rng.normal(size=(4, 4)), "wout": rng.normal(size=(4, 5))}
    x = p["E"][2] + p["P"][0]
    logits, cache = sub.decode_step(p, 2, 0, {"k": np.zeros((0, 4)), "v": np.zeros((0, 4))})
    close(logits, (x + x @ p["wv"]) @ p["wout"], rtol=1e-9, input="token 2 at position 0")
