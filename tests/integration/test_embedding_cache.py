"""CachedEmbedder persists vectors in SQLite and never calls the model twice for the same text;
make_embedder builds the right embedder or names the valid choices."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from llmprep.backends.embedding.base import Vectors
from llmprep.backends.embedding.cached import CachedEmbedder, cache_key
from llmprep.backends.embedding.hashing import HashingEmbedder
from llmprep.backends.embedding.registry import cache_path, make_embedder
from llmprep.errors import UserError


class CountingEmbedder:
    """A fake embedder that records which texts it was asked to embed."""

    def __init__(self, name: str = "counting") -> None:
        self.name = name
        self.dim = 64
        self.seen: list[str] = []
        self._inner = HashingEmbedder(64)

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.seen.extend(texts)
        return self._inner.embed(texts)


def test_cached_embedder_embeds_each_text_once_across_instances(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "embeddings.sqlite"
    first = CountingEmbedder()
    cached = CachedEmbedder(first, path)
    vectors = cached.embed(["alpha beta", "gamma delta", "alpha beta"])
    assert first.seen == ["alpha beta", "gamma delta"]
    cached.close()

    second = CountingEmbedder()
    again = CachedEmbedder(second, path).embed(["gamma delta", "alpha beta"])
    assert second.seen == []
    np.testing.assert_allclose(again, vectors[[1, 0]])


def test_cached_embedder_keys_include_embedder_name(tmp_path: Path) -> None:
    path = tmp_path / "embeddings.sqlite"
    CachedEmbedder(CountingEmbedder("one"), path).embed(["same text"])
    other = CountingEmbedder("two")
    CachedEmbedder(other, path).embed(["same text"])
    assert other.seen == ["same text"]
    assert cache_key("one", "same text") != cache_key("two", "same text")


def test_cached_embedder_does_not_embed_empty_text(tmp_path: Path) -> None:
    inner = CountingEmbedder()
    out = CachedEmbedder(inner, tmp_path / "e.sqlite").embed(["", "  "])
    assert inner.seen == []
    assert not out.any()


def test_make_embedder_hashing_and_minilm_are_lazy(tmp_path: Path) -> None:
    assert isinstance(make_embedder("hashing", tmp_path), HashingEmbedder)
    minilm = make_embedder("minilm", tmp_path)
    assert isinstance(minilm, CachedEmbedder)
    assert minilm.dim == 384
    assert not cache_path(tmp_path).exists()  # nothing loaded or written until first use


def test_make_embedder_unknown_name_lists_choices(tmp_path: Path) -> None:
    with pytest.raises(UserError) as info:
        make_embedder("bert-huge", tmp_path)
    assert "hashing" in info.value.hint
    assert "minilm" in info.value.hint
