import numpy as np

from llmprep.services.challenges.checks import Suite, close, equal

suite = Suite()

rng = np.random.default_rng(11)


def model(v, d, tmax=32):
    return {"E": rng.normal(size=(v, d)), "P": rng.normal(size=(tmax, d)) * 0.5, "wq": rng.normal(size=(d, d)) / np.sqrt(d),
            "wk": rng.normal(size=(d, d)) / np.sqrt(d), "wv": rng.normal(size=(d, d)) / np.sqrt(d), "wout": rng.normal(size=(d, v))}


def full_logits(p, toks):
    x = p["E"][toks] + p["P"][: len(toks)]
    q, k, v = x @ p["wq"], x @ p["wk"], x @ p["wv"]
    s = q @ k.T / np.sqrt(x.shape[1])
    s = np.where(np.tril(np.ones((len(toks), len(toks)), dtype=bool)), s, -np.inf)
    w = np.exp(s - s.max(-1, keepdims=True)); w /= w.sum(-1, keepdims=True)
    return (x + w @ v) @ p["wout"]


def full_greedy(p, prompt, n):
    toks = list(prompt)
    for _ in range(n):
        toks.append(int(np.argmax(full_logits(p, toks)[-1])))
    return toks[len(prompt):]


@suite.test("cached step logits equal full recomputation at every position (property)")
def steps(sub):
    for v, d, t in [(5, 4, 3), (11, 8, 9)]:
        p = model(v, d)
        toks = rng.integers(0, v, size=t)
        want = full_logits(p, toks)
        cache = {"k": np.zeros((0, d)), "v": np.zeros((0, d))}
        for i, tok in enumerate(toks):
            logits, cache = sub.decode_step(p, int(tok), i, cache)
            close(logits, want[i], rtol=1e-9, atol=1e-12, input={"tokens": toks[: i + 1].tolist()}, what=f"logits at position {i}")


@suite.test("the cache holds every key and value so far")
def cache_contents(sub):
    p = model(7, 6)
    toks = [3, 1, 4, 1, 5]
    cache = {"k": np.zeros((0, 6)), "v": np.zeros((0, 6))}
    for i, tok in enumerate(toks):
        _, cache = sub.decode_step(p, tok, i, cache)
    x = p["E"][toks] + p["P"][: len(toks)]
    close(cache["k"], x @ p["wk"], rtol=1e-9, input=toks, what="cache['k']")
    close(cache["v"], x @ p["wv"], rtol=1e-9, input=toks, what="cache['v']")


@suite.test("greedy decoding with the cache equals greedy with full recomputation")
def greedy(sub):
    for v, d, prompt, n in [(6, 4, [1], 3), (9, 8, [2, 7, 1], 6), (17, 16, [5, 5, 3, 9], 12)]:
        p = model(v, d)
        equal(list(sub.greedy_decode(p, prompt, n)), full_greedy(p, prompt, n), input={"prompt": prompt, "n_new": n, "V": v})
