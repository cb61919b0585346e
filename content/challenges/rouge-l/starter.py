def rouge_l(candidate: list[str], reference: list[str]) -> tuple[float, float, float]:
    raise NotImplementedError
