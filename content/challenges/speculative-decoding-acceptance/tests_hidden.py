import numpy as np

from llmprep.services.challenges.checks import Suite, ensure, equal

suite = Suite()



def _inverse_cdf(probs, u):
    return int(min(np.searchsorted(np.cumsum(probs), u, side="right"), len(probs) - 1))


def ref(draft_tokens, p, q, u, u_final):
    out = []
    for i, x in enumerate(draft_tokens):
        if u[i] < min(1.0, q[i, x] / p[i, x]):
            out.append(int(x))
            continue
        residual = np.maximum(q[i] - p[i], 0.0)
        out.append(_inverse_cdf(residual / residual.sum(), u_final))
        return out
    out.append(_inverse_cdf(q[len(draft_tokens)], u_final))
    return out

rng = np.random.default_rng(21)


def dist(v):
    x = rng.dirichlet(np.ones(v) * 0.7)
    return x


def case(n, v):
    p = np.stack([dist(v) for _ in range(n)])
    q = np.stack([dist(v) for _ in range(n + 1)])
    drafts = [_inverse_cdf(p[i], rng.uniform()) for i in range(n)]
    return (drafts, p, q, rng.uniform(size=n), float(rng.uniform()))


cases = [case(n, v) for n, v in [(1, 2), (1, 3), (2, 4), (3, 5), (4, 8), (5, 16)] for _ in range(4)]
suite.cases("matches the reference on seeded cases", cases, lambda sub, c: list(sub.speculative_accept(*c)), lambda c: ref(*c), exact=True)


@suite.test("all accepted when the draft equals the target; bonus token from q[n]")
def all_accepted(sub):
    p = np.array([[0.2, 0.8], [0.6, 0.4]])
    q = np.vstack([p, [[0.0, 1.0]]])
    equal(list(sub.speculative_accept([1, 0], p, q, np.array([0.99, 0.99]), 0.5)), [1, 0, 1], input="q[:2] == p")


@suite.test("seeded statistical test: the first output token follows the target distribution")
def distribution(sub):
    gen = np.random.default_rng(7)
    p, q = np.array([[0.6, 0.3, 0.1]]), np.array([[0.2, 0.3, 0.5], [1 / 3, 1 / 3, 1 / 3]])
    counts = np.zeros(3)
    n = 1500
    for _ in range(n):
        x = _inverse_cdf(p[0], gen.uniform())
        counts[int(sub.speculative_accept([x], p, q, gen.uniform(size=1), float(gen.uniform()))[0])] += 1
    expected = q[0] * n
    chi2 = float(((counts - expected) ** 2 / expected).sum())
    ensure(chi2 < 13.8, "first-token frequencies deviate from q[0] (chi-square, 2 dof, p=0.001)", input=f"{n} seeded trials",
           expected=expected.round(1), got=counts)
