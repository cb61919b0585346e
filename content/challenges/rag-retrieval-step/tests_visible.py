import numpy as np

from llmprep.services.challenges.checks import Suite, equal

suite = Suite()

@suite.test("duplicates are used once")
def example(sub):
    docs = ["KV caches store keys.", " KV caches store keys. ", "Top-p keeps mass p."]
    vecs = np.array([[1.0, 0.0], [1.0, 0.0], [0.5, 0.5]])
    idx, ctx = sub.retrieve_context(np.array([1.0, 0.0]), vecs, docs, 3, 1000)
    equal(list(idx), [0, 2], input=docs, what="indices")
    equal(ctx, "KV caches store keys.\n\nTop-p keeps mass p.", input=docs, what="context")
