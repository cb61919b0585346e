"""The `VectorIndex` role: integer ids -> unit vectors, searched by cosine similarity.

Implementations must pass tests/conformance/test_vector_index.py. Ids are the caller's (the tutor uses
its chunk row ids); `add` replaces an id's vector; `search` returns (id, cosine similarity) best first and
never returns zero vectors. The index stores vectors only: texts and metadata live with the caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from llmprep.backends.embedding.base import Vectors


class VectorIndex(Protocol):
    """A persistent store of vectors with k-nearest-neighbour search."""

    name: str
    dim: int
    is_exact: bool  # False when search is approximate (an ANN index such as HNSW)

    def add(self, ids: Sequence[int], vectors: Vectors) -> None:
        """Insert or replace one vector per id (shape (len(ids), dim))."""
        ...

    def remove(self, ids: Sequence[int]) -> None:
        """Forget these ids (unknown ids are ignored)."""
        ...

    def search(self, query: Vectors, k: int) -> list[tuple[int, float]]:
        """The k ids most similar to `query` (shape (dim,)), as (id, cosine) pairs, best first."""
        ...

    def count(self) -> int:
        """How many vectors are stored."""
        ...

    def clear(self) -> None:
        """Remove every vector."""
        ...

    def close(self) -> None:
        """Release connections (the index reopens on next use)."""
        ...
