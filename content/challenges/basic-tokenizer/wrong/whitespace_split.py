import re
from collections import Counter

PATTERN = re.compile(r"\w+|[^\w\s]")


def tokenize(text):
    return text.lower().split()


def build_vocab(texts, min_freq=1):
    counts = Counter(t for text in texts for t in tokenize(text))
    vocab = {"<pad>": 0, "<unk>": 1}
    for tok, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if n >= min_freq:
            vocab[tok] = len(vocab)
    return vocab


def encode(text, vocab):
    return [vocab.get(t, 1) for t in tokenize(text)]
