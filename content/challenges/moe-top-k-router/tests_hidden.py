import numpy as np

from llmprep.services.challenges.checks import Suite, close, equal

suite = Suite()



def ref_route(logits, k):
    order = np.argsort(-logits, axis=1, kind="stable")[:, :k]
    picked = np.take_along_axis(logits, order, axis=1)
    w = np.exp(picked - picked.max(axis=1, keepdims=True))
    return order, w / w.sum(axis=1, keepdims=True)


def ref_loss(logits, k):
    t, e = logits.shape
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    experts, _ = ref_route(logits, k)
    f = np.bincount(experts.ravel(), minlength=e) / (t * k)
    return float(e * np.sum(f * p.mean(axis=0)))

rng = np.random.default_rng(20)
cases = [(rng.normal(size=(t, e)) * 2, k) for t, e, k in [(1, 4, 1), (3, 4, 2), (16, 8, 2), (64, 16, 4)]]


@suite.test("experts and gate weights match the reference")
def routing(sub):
    for logits, k in cases:
        experts, weights = sub.route(logits, k)
        we, ww = ref_route(logits, k)
        equal(np.asarray(experts), we, input=(logits, k), what="experts")
        close(weights, ww, rtol=1e-9, input=(logits, k), what="weights")


@suite.test("gate weights sum to 1 per token (property)")
def sums(sub):
    for logits, k in cases:
        close(np.asarray(sub.route(logits, k)[1]).sum(axis=1), np.ones(len(logits)), rtol=1e-9, input=(logits, k), what="row sums")


suite.cases("load-balancing loss matches the reference", cases, lambda sub, c: sub.load_balancing_loss(*c), lambda c: ref_loss(*c), rtol=1e-9)


@suite.test("a perfectly balanced router has loss 1 (property)")
def balanced(sub):
    logits = np.tile(np.eye(4) * 5, (2, 1))
    close(sub.load_balancing_loss(logits, 2), ref_loss(logits, 2), rtol=1e-9, input=(logits, 2))
    close(sub.load_balancing_loss(np.zeros((8, 4)), 1), 1.0, rtol=1e-9, input="zeros((8, 4)), k=1")
