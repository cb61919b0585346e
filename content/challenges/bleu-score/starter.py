def sentence_bleu(candidate: list[str], references: list[list[str]], max_n: int = 4) -> float:
    raise NotImplementedError
