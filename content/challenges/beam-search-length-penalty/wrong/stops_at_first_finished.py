import numpy as np


def beam_search(logprobs, bos, eos, beam_width, max_len, alpha):
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
        if finished or not alive:
            break
    finished.extend(alive)
    best = min(finished, key=lambda c: (-c[1] / len(c[0]) ** alpha, c[0]))
    return list(best[0]), best[1] / len(best[0]) ** alpha
