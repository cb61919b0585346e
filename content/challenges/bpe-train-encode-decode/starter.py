def train_bpe(text: str, num_merges: int) -> list[tuple[int, int]]:
    raise NotImplementedError


def encode(text: str, merges: list[tuple[int, int]]) -> list[int]:
    raise NotImplementedError


def decode(ids: list[int], merges: list[tuple[int, int]]) -> str:
    raise NotImplementedError
