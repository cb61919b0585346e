def _lcs(a, b):
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(candidate, reference):
    lcs = _lcs(candidate, reference)
    if lcs == 0:
        return 0.0, 0.0, 0.0
    p, r = lcs / len(candidate), lcs / len(reference)
    return p, r, 2 * p * r / (p + r)
