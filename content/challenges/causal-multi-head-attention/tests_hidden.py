import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

def mha(x, wq, wk, wv, wo, h):
    t, d = x.shape
    dh = d // h
    q, k, v = [(x @ w).reshape(t, h, dh).transpose(1, 0, 2) for w in (wq, wk, wv)]
    s = q @ k.transpose(0, 2, 1) / np.sqrt(dh)
    s = np.where(np.tril(np.ones((t, t), dtype=bool)), s, -np.inf)
    w = np.exp(s - s.max(-1, keepdims=True)); w /= w.sum(-1, keepdims=True)
    return (w @ v).transpose(1, 0, 2).reshape(t, d) @ wo

rng = np.random.default_rng(4)


def case(t, d, h):
    return (rng.normal(size=(t, d)), *[rng.normal(size=(d, d)) / np.sqrt(d) for _ in range(4)], h)


cases = [case(2, 4, 2), case(3, 8, 2), case(5, 8, 4), case(9, 16, 4), case(16, 32, 8)]
suite.cases("matches the reference", cases, lambda sub, c: sub.causal_self_attention(*c), lambda c: mha(*c), rtol=1e-6, atol=1e-9)


@suite.test("the causal mask leaks nothing from the future (property)")
def causal(sub):
    for t in (2, 4, 7):
        x, *ws, h = case(t, 8, 2)
        base = np.asarray(sub.causal_self_attention(x, *ws, h))
        for i in range(t - 1):
            x2 = x.copy(); x2[i + 1:] = rng.normal(size=x2[i + 1:].shape) * 10
            got = np.asarray(sub.causal_self_attention(x2, *ws, h))
            close(got[: i + 1], base[: i + 1], rtol=1e-9, atol=1e-9, what=f"rows 0..{i} after changing rows > {i}",
                  input={"T": t, "changed_from": i + 1})


@suite.test("heads are independent: one head equals plain attention")
def one_head(sub):
    x, *ws, _ = case(6, 8, 1)
    close(sub.causal_self_attention(x, *ws, 1), mha(x, *ws, 1), rtol=1e-6, atol=1e-9, input="n_heads=1")
