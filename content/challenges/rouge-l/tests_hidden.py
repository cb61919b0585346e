import numpy as np

from llmprep.services.challenges.checks import Suite, close, ensure

suite = Suite()

def _lcs(a, b):
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def ref(candidate, reference):
    lcs = _lcs(candidate, reference)
    if lcs == 0:
        return 0.0, 0.0, 0.0
    p, r = lcs / len(candidate), lcs / len(reference)
    return p, r, 2 * p * r / (p + r)

S = str.split
cases = [(S("a"), S("a")), (S("a b c d"), S("a x c y d")), (S("the cat sat on the mat"), S("on the mat the cat sat")),
         (S("w x y z"), S("p q r")), ([], S("a b")), (S("one two three four five six"), S("one three five two four six one"))]
suite.cases("matches the reference (subsequence, not substring)", cases, lambda sub, c: sub.rouge_l(*c), lambda c: ref(*c), rtol=1e-12, atol=1e-15)


@suite.test("symmetric F1 and bounded scores (property)")
def props(sub):
    rng = np.random.default_rng(17)
    for n in (3, 8, 20):
        a, b = list(rng.choice(list("abcde"), n)), list(rng.choice(list("abcde"), n + 2))
        p, r, f = sub.rouge_l(a, b)
        p2, r2, f2 = sub.rouge_l(b, a)
        close(f, f2, rtol=1e-12, input=(a, b), what="F1 swapped")
        ensure(0 <= p <= 1 and 0 <= r <= 1, "precision and recall must lie in [0, 1]", input=(a, b), got=(p, r))
