import math
from collections import Counter


def _ngrams(tokens, n):
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def sentence_bleu(candidate, references, max_n=4):
    if not candidate:
        return 0.0
    log_sum = 0.0
    for n in range(1, max_n + 1):
        cand = _ngrams(candidate, n)
        total = sum(cand.values())
        if total == 0:
            return 0.0
        best = Counter()
        for ref in references:
            for g, c in _ngrams(ref, n).items():
                best[g] = max(best[g], c)
        matched = sum(min(c, best[g]) for g, c in cand.items())
        if matched == 0:
            return 0.0
        log_sum += math.log(matched / total)
    c = len(candidate)
    r = min((abs(len(ref) - c), len(ref)) for ref in references)[1]
    bp = 1.0 if c > r else math.exp(1 - r / c)
    return bp * math.exp(log_sum / max_n)
