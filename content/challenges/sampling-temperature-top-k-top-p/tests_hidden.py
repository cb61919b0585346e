import numpy as np

from llmprep.services.challenges.checks import Suite, close, ensure, equal

suite = Suite()



def ref(logits, temperature=1.0, top_k=0, top_p=1.0):
    logits = np.asarray(logits, dtype=np.float64)
    v = logits.shape[0]
    if temperature == 0:
        out = np.zeros(v)
        out[int(np.argmax(logits))] = 1.0
        return out
    z = logits / temperature
    keep = np.ones(v, dtype=bool)
    if 0 < top_k < v:
        order = np.argsort(-z, kind="stable")
        keep[:] = False
        keep[order[:top_k]] = True
    z = np.where(keep, z, -np.inf)
    p = np.exp(z - z.max())
    p /= p.sum()
    if top_p < 1.0:
        order = np.argsort(-p, kind="stable")
        cum = np.cumsum(p[order])
        n = int(np.searchsorted(cum, top_p - 1e-12)) + 1
        mask = np.zeros(v, dtype=bool)
        mask[order[:n]] = True
        p = np.where(mask, p, 0.0)
        p /= p.sum()
    return p


def ref_sample(probs, u):
    cum = np.cumsum(probs)
    return int(min(np.searchsorted(cum, u, side="right"), len(probs) - 1))

rng = np.random.default_rng(15)
cases = []
for v in (3, 8, 50):
    lg = rng.normal(size=v) * 2
    for t, k, p in [(1.0, 0, 1.0), (0.5, 0, 1.0), (2.0, 3, 1.0), (1.0, 0, 0.9), (0.7, 5, 0.8), (0.0, 0, 1.0)]:
        cases.append((lg, t, k, p))
suite.cases("distribution matches the reference", cases, lambda sub, c: sub.sampling_probs(*c), lambda c: ref(*c), rtol=1e-9, atol=1e-12)


@suite.test("top-p keeps at least p of the mass, and a minimal set (property)")
def nucleus(sub):
    for v, p in [(10, 0.5), (30, 0.9), (100, 0.95)]:
        lg = rng.normal(size=v) * 3
        full = ref(lg)
        got = np.asarray(sub.sampling_probs(lg, top_p=p))
        kept = got > 0
        ensure(full[kept].sum() >= p - 1e-9, f"kept mass must be >= {p}", input=lg, expected=f">= {p}", got=float(full[kept].sum()))
        smallest = full[kept].min()
        ensure(full[kept].sum() - smallest < p, "the kept set must be minimal", input=lg, got=int(kept.sum()))


@suite.test("sample is the inverse CDF")
def inverse_cdf(sub):
    probs = np.array([0.1, 0.0, 0.4, 0.5])
    for u, want in [(0.0, 0), (0.05, 0), (0.1, 2), (0.49, 2), (0.5, 3), (0.999, 3)]:
        equal(int(sub.sample(probs, u)), want, input={"probs": probs.tolist(), "u": u})


@suite.test("seeded statistical test: sample frequencies follow the distribution")
def chi_square(sub):
    lg = np.array([2.0, 1.0, 0.5, 0.0, -1.0])
    probs = np.asarray(sub.sampling_probs(lg, temperature=0.8, top_k=4))
    want = ref(lg, 0.8, 4)
    close(probs, want, rtol=1e-9, atol=1e-12, input=lg)
    us = np.random.default_rng(123).uniform(size=1500)
    counts = np.bincount([int(sub.sample(probs, float(u))) for u in us], minlength=5)
    expected = want * len(us)
    nz = expected > 0
    chi2 = float((((counts - expected) ** 2)[nz] / expected[nz]).sum())
    ensure(counts[~nz].sum() == 0 and chi2 < 16.3, "frequencies deviate from the distribution (chi-square, 3 dof, p=0.001)",
           input="1500 seeded uniforms", expected=expected.round(1), got=counts)
