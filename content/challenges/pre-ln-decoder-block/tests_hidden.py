import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

rng = np.random.default_rng(8)


def ln(x, g, b):
    m = x.mean(-1, keepdims=True)
    return (x - m) / np.sqrt(((x - m) ** 2).mean(-1, keepdims=True) + 1e-5) * g + b


def ref(c):
    x, p = c
    t, d = x.shape
    hh = p["n_heads"]
    a = ln(x, p["ln1_g"], p["ln1_b"])
    q, k, v = ((a @ p[w]).reshape(t, hh, d // hh).transpose(1, 0, 2) for w in ("wq", "wk", "wv"))
    s = q @ k.transpose(0, 2, 1) / np.sqrt(d // hh)
    s = np.where(np.tril(np.ones((t, t), dtype=bool)), s, -np.inf)
    w = np.exp(s - s.max(-1, keepdims=True)); w /= w.sum(-1, keepdims=True)
    h = x + (w @ v).transpose(1, 0, 2).reshape(t, d) @ p["wo"]
    z = ln(h, p["ln2_g"], p["ln2_b"]) @ p["w1"] + p["b1"]
    return h + 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3))) @ p["w2"] + p["b2"]


def case(t, d, f, h):
    p = {k: rng.normal(size=s) * sc for k, s, sc in [("ln1_g", d, 1), ("ln1_b", d, 0.1), ("ln2_g", d, 1), ("ln2_b", d, 0.1),
         ("wq", (d, d), d**-0.5), ("wk", (d, d), d**-0.5), ("wv", (d, d), d**-0.5), ("wo", (d, d), d**-0.5),
         ("w1", (d, f), d**-0.5), ("b1", f, 0.1), ("w2", (f, d), f**-0.5), ("b2", d, 0.1)]}
    p["n_heads"] = h
    return (rng.normal(size=(t, d)) * 2 + 0.5, p)


cases = [case(1, 4, 8, 1), case(3, 8, 16, 2), case(6, 16, 32, 4), case(12, 32, 64, 4)]
suite.cases("matches the reference", cases, lambda sub, c: sub.decoder_block(*c), ref, rtol=1e-6, atol=1e-8)


@suite.test("causal: earlier rows ignore later ones (property)")
def causal(sub):
    x, p = case(5, 8, 16, 2)
    base = np.asarray(sub.decoder_block(x, p))
    x2 = x.copy(); x2[3:] += 5.0
    close(np.asarray(sub.decoder_block(x2, p))[:3], base[:3], rtol=1e-9, atol=1e-9, input="rows 3.. changed", what="rows 0..2")
