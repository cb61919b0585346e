import numpy as np


def retrieve_context(query_vec, doc_vecs, docs: list[str], k: int, max_chars: int) -> tuple[list[int], str]:
    raise NotImplementedError
