def tokenize(text: str) -> list[str]:
    raise NotImplementedError


def build_vocab(texts: list[str], min_freq: int = 1) -> dict[str, int]:
    raise NotImplementedError


def encode(text: str, vocab: dict[str, int]) -> list[int]:
    raise NotImplementedError
