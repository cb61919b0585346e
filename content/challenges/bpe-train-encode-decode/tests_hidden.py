
from llmprep.services.challenges.checks import Suite, equal

suite = Suite()

def _merge(ids, pair, new):
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            out.append(new)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


def _counts(ids):
    counts = {}
    for pair in zip(ids, ids[1:]):
        counts[pair] = counts.get(pair, 0) + 1
    return counts


def ref_train(text, num_merges):
    ids = list(text.encode("utf-8"))
    merges = []
    for i in range(num_merges):
        counts = _counts(ids)
        if not counts:
            break
        pair = min(counts, key=lambda p: (-counts[p], p))
        if counts[pair] < 2:
            break
        merges.append(pair)
        ids = _merge(ids, pair, 256 + i)
    return merges


def ref_encode(text, merges):
    ranks = {tuple(p): i for i, p in enumerate(merges)}
    ids = list(text.encode("utf-8"))
    while len(ids) >= 2:
        pair = min(zip(ids, ids[1:]), key=lambda p: ranks.get(p, float("inf")))
        if pair not in ranks:
            break
        ids = _merge(ids, pair, 256 + ranks[pair])
    return ids


def ref_decode(ids, merges):
    vocab = {i: bytes([i]) for i in range(256)}
    for i, (a, b) in enumerate(merges):
        vocab[256 + i] = vocab[a] + vocab[b]
    return b"".join(vocab[i] for i in ids).decode("utf-8", errors="replace")

TEXTS = ["hello hello hello world", "abababcabc", "zzyy yyzz zy zy yz", "the cat sat on the mat; the cat ate the rat",
         "low lower lowest newer newest wider widest " * 3]


def train_case(sub, c):
    return [tuple(m) for m in sub.train_bpe(*c)]


suite.cases("training matches the reference (ties to the smallest pair)", [(t, 12) for t in TEXTS], train_case, lambda c: ref_train(*c), exact=True)


@suite.test("encoding applies merges by rank")
def enc(sub):
    for t in TEXTS:
        merges = ref_train(t, 10)
        for s in (t, t[::-1], "unseen text " + t[:5]):
            equal(list(sub.encode(s, merges)), ref_encode(s, merges), input={"text": s, "merges": merges})


@suite.test("decode(encode(s)) == s, non-ASCII included (property)")
def roundtrip(sub):
    merges = ref_train("naïve café déjà vu — 東京 東京 😀😀 naïve café", 20)
    for s in ["", "a", "naïve café", "東京タワー", "😀 emoji 😀", "déjà vu — again"]:
        equal(sub.decode(sub.encode(s, merges), merges), s, input={"text": s})


@suite.test("training on non-ASCII text works on bytes")
def unicode_train(sub):
    t = "ééé üü ééé"
    equal(train_case(sub, (t, 5)), ref_train(t, 5), input=t)
