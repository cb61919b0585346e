def rrf(rankings: list[list[str]], k: int = 60) -> list[str]:
    raise NotImplementedError
