import numpy as np

from llmprep.services.challenges.checks import Suite, close, equal

suite = Suite()



def ref(logprobs, bos, eos, beam_width, max_len, alpha):
    alive = [((), 0.0)]
    finished = []
    for _ in range(max_len):
        cands = []
        for seq, score in alive:
            last = seq[-1] if seq else bos
            for tok in range(logprobs.shape[1]):
                cands.append((seq + (tok,), score + float(logprobs[last, tok])))
        cands.sort(key=lambda c: (-c[1], c[0]))
        alive = []
        for seq, score in cands[:beam_width]:
            (finished if seq[-1] == eos else alive).append((seq, score))
        if not alive:
            break
    finished.extend(alive)
    best = min(finished, key=lambda c: (-c[1] / len(c[0]) ** alpha, c[0]))
    return list(best[0]), best[1] / len(best[0]) ** alpha

import itertools

rng = np.random.default_rng(16)


def table(v, eos_bias=0.0):
    lg = rng.normal(size=(v, v)) * 1.5
    lg[:, v - 1] += eos_bias
    return lg - np.log(np.exp(lg).sum(1, keepdims=True))


def brute(lp, bos, eos, max_len, alpha):
    best = None
    v = lp.shape[0]
    for n in range(1, max_len + 1):
        for seq in itertools.product(range(v), repeat=n):
            if eos in seq[:-1] or (n < max_len and seq[-1] != eos):
                continue
            prev, s = bos, 0.0
            for t in seq:
                s += lp[prev, t]; prev = t
            key = (-s / n ** alpha, seq)
            if best is None or key < best:
                best = key
    return list(best[1]), -best[0]


@suite.test("matches brute force on tiny inputs (beam >= V**max_len)")
def vs_brute(sub):
    for v, l, alpha, bias in [(2, 2, 1.0, 0.0), (3, 3, 0.6, 0.5), (3, 4, 1.0, -0.5), (4, 3, 0.0, 0.0), (4, 3, 2.0, 1.0)]:
        lp = table(v, bias)
        toks, score = sub.beam_search(lp, 0, v - 1, v ** l, l, alpha)
        want_t, want_s = brute(lp, 0, v - 1, l, alpha)
        case = {"V": v, "max_len": l, "alpha": alpha, "logprobs": lp.round(3).tolist()}
        equal(list(toks), want_t, input=case, what="tokens")
        close(score, want_s, rtol=1e-9, input=case, what="normalised score")


@suite.test("narrow beams follow the specified pruning")
def narrow(sub):
    for v, l, b, alpha in [(5, 4, 2, 1.0), (6, 6, 3, 0.7), (8, 8, 4, 1.2)]:
        lp = table(v, 0.3)
        toks, score = sub.beam_search(lp, 0, v - 1, b, l, alpha)
        want_t, want_s = ref(lp, 0, v - 1, b, l, alpha)
        case = {"V": v, "max_len": l, "beam": b, "alpha": alpha}
        equal(list(toks), want_t, input=case, what="tokens")
        close(score, want_s, rtol=1e-9, input=case, what="normalised score")
