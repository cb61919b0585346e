"""The `Embedder` role: texts in, L2-normalised float32 vectors out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-length vectors; equal texts give equal vectors."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Shape (len(texts), dim), float32, each row of L2 norm 1 (all-zero rows for empty texts)."""
        ...
