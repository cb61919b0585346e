"""Embedder names -> implementations, imported lazily so choosing 'hashing' never loads onnxruntime.

`make_embedder` is what `bootstrap` calls with `settings.embedder` and `settings.home`. The model-backed
embedder is wrapped in `CachedEmbedder` (`<home>/cache/embeddings.sqlite`); the hashing one is cheaper
than a cache lookup and is returned bare. Third-party entry points are deliberately not supported yet.
"""

from __future__ import annotations

from pathlib import Path

from llmprep.backends.embedding.base import Embedder
from llmprep.errors import UserError

EMBEDDERS: dict[str, str] = {
    "minilm": "all-MiniLM-L6-v2 int8 ONNX, packaged with llmprep (default)",
    "hashing": "hashed word unigrams and bigrams: no model, lexical only (tests, tiny machines)",
}


def cache_path(home: Path) -> Path:
    """Where the persistent embedding cache lives."""
    return home / "cache" / "embeddings.sqlite"


def make_embedder(name: str, home: Path) -> Embedder:
    """Build the embedder called `name`.

    Raises:
        UserError: `name` is not one of `EMBEDDERS`.
    """
    key = name.strip().lower()
    if key == "minilm":
        from llmprep.backends.embedding.cached import CachedEmbedder
        from llmprep.backends.embedding.minilm import OnnxMiniLMEmbedder

        return CachedEmbedder(OnnxMiniLMEmbedder(), cache_path(home))
    if key == "hashing":
        from llmprep.backends.embedding.hashing import HashingEmbedder

        return HashingEmbedder()
    raise UserError(
        f"Unknown embedder '{name}'.",
        f"Set LLMPREP_EMBEDDER to one of: {', '.join(sorted(EMBEDDERS))}.",
    )
