import numpy as np


def _inverse_cdf(probs, u):
    return int(min(np.searchsorted(np.cumsum(probs), u, side="right"), len(probs) - 1))


def speculative_accept(draft_tokens, p, q, u, u_final):
    out = []
    for i, x in enumerate(draft_tokens):
        if u[i] < min(1.0, q[i, x] / p[i, x]):
            out.append(int(x))
            continue
        residual = q[i].copy()
        out.append(_inverse_cdf(residual / residual.sum(), u_final))
        return out
    out.append(_inverse_cdf(q[len(draft_tokens)], u_final))
    return out
