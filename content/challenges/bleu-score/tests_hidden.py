
from llmprep.services.challenges.checks import Suite, close

suite = Suite()

import math
from collections import Counter


def _ngrams(tokens, n):
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def ref(candidate, references, max_n=4):
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

S = str.split
cases = [
    (S("the cat sat on the mat"), [S("the cat sat on the mat")], 4),
    (S("the the the the the the the"), [S("the cat is on the mat"), S("there is a cat on the mat")], 1),
    (S("it is a guide to action which ensures that the military always obeys the commands of the party"),
     [S("it is a guide to action that ensures that the military will forever heed party commands"),
      S("it is the guiding principle which guarantees the military forces always being under the command of the party"),
      S("it is the practical guide for the army always to heed the directions of the party")], 4),
    (S("a cat on the mat"), [S("the cat is on the mat today"), S("a cat on a mat")], 2),
    (S("on the mat a cat sat"), [S("the cat sat on the mat"), S("a cat sat on the mat right there now")], 2),
    (S("the cat"), [S("the cat sat on the mat")], 4),
    (S("the cat sat on the mat"), [S("the cat sat"), S("the cat sat on the mat now")], 4),
]
suite.cases("matches the reference (multi-reference, clipping, brevity)", cases, lambda sub, c: sub.sentence_bleu(*c), lambda c: ref(*c), rtol=1e-9, atol=1e-12)


@suite.test("identical candidate and reference score 1; disjoint score 0 (property)")
def extremes(sub):
    c = S("language models predict the next token")
    close(sub.sentence_bleu(c, [c]), 1.0, rtol=1e-12, input=c)
    close(sub.sentence_bleu(c, [S("nothing in common here at all")]), 0.0, atol=1e-12, input=c)
