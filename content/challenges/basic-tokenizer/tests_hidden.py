
from llmprep.services.challenges.checks import Suite, equal

suite = Suite()

import re
from collections import Counter

PATTERN = re.compile(r"\w+|[^\w\s]")


def ref_tok(text):
    return PATTERN.findall(text.lower())


def ref_vocab(texts, min_freq=1):
    counts = Counter(t for text in texts for t in ref_tok(text))
    vocab = {"<pad>": 0, "<unk>": 1}
    for tok, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if n >= min_freq:
            vocab[tok] = len(vocab)
    return vocab


def ref_encode(text, vocab):
    return [vocab.get(t, 1) for t in ref_tok(text)]

TEXTS = ["The cat sat. The cat ran!", "Don't panic: it's fine.", "LLMs, RAG & agents -- v2.0?", "a b c a b a", "Zebra apple Mango apple zebra"]
suite.cases("tokenize", TEXTS, lambda sub, t: sub.tokenize(t), ref_tok, exact=True)
suite.cases("build_vocab (frequency, then alphabetical)", [([t], 1) for t in TEXTS] + [(TEXTS, 2)], lambda sub, c: sub.build_vocab(*c), lambda c: ref_vocab(*c), exact=True)


@suite.test("encode maps unknown tokens to <unk>")
def enc(sub):
    vocab = ref_vocab(TEXTS[:2])
    for s in ["the cat", "The DOG sat!", "entirely new words"]:
        equal(sub.encode(s, vocab), ref_encode(s, vocab), input={"text": s})
