def chunk(tokens: list, size: int, overlap: int) -> list[list]:
    raise NotImplementedError
