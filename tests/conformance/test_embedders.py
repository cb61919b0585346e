"""One suite run against every embedder: shape, dtype, unit norm, determinism, empty text, batching."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from llmprep.backends.embedding.base import Embedder
from llmprep.backends.embedding.cached import CachedEmbedder
from llmprep.backends.embedding.hashing import HashingEmbedder
from llmprep.backends.embedding.minilm import OnnxMiniLMEmbedder

TEXTS = [
    "The KV cache stores keys and values of past tokens.",
    "Attention cost grows quadratically with sequence length.",
    "",
    "Un texte en français, avec des accents : é, è, ç.",
    "word " * 400,  # longer than the model's 256-token window
]

_MINILM: OnnxMiniLMEmbedder | None = None


def _minilm() -> OnnxMiniLMEmbedder:
    global _MINILM
    if _MINILM is None:
        _MINILM = OnnxMiniLMEmbedder()
    return _MINILM


@pytest.fixture(
    params=[
        pytest.param("hashing"),
        pytest.param("cached-hashing"),
        pytest.param("minilm", marks=pytest.mark.slow),
    ]
)
def embedder(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Embedder]:
    if request.param == "hashing":
        yield HashingEmbedder()
    elif request.param == "cached-hashing":
        cached = CachedEmbedder(HashingEmbedder(), tmp_path / "cache.sqlite")
        yield cached
        cached.close()
    else:
        yield _minilm()


def test_embed_shape_and_dtype(embedder: Embedder) -> None:
    vectors = embedder.embed(TEXTS)
    assert vectors.shape == (len(TEXTS), embedder.dim)
    assert vectors.dtype == np.float32


def test_embed_rows_are_unit_length_and_empty_rows_zero(embedder: Embedder) -> None:
    vectors = embedder.embed(TEXTS)
    norms = np.linalg.norm(vectors, axis=1)
    assert norms[2] == 0.0
    np.testing.assert_allclose(np.delete(norms, 2), 1.0, atol=1e-4)


def test_embed_is_deterministic(embedder: Embedder) -> None:
    np.testing.assert_allclose(embedder.embed(TEXTS), embedder.embed(TEXTS), atol=1e-6)


def test_embed_batch_equals_single(embedder: Embedder) -> None:
    batch = embedder.embed(TEXTS)
    for i, text in enumerate(TEXTS):
        np.testing.assert_allclose(embedder.embed([text])[0], batch[i], atol=1e-4)


def test_embed_no_texts(embedder: Embedder) -> None:
    assert embedder.embed([]).shape == (0, embedder.dim)


def test_embedder_has_name_and_dim(embedder: Embedder) -> None:
    assert embedder.name
    assert embedder.dim > 0
    assert isinstance(embedder, Embedder)


@pytest.mark.slow
def test_minilm_paraphrase_closer_than_unrelated() -> None:
    a, paraphrase, unrelated = _minilm().embed(
        [
            "The KV cache avoids recomputing keys and values for earlier tokens.",
            "Keys and values of previous tokens are cached so they need not be computed again.",
            "The French Revolution began in 1789.",
        ]
    )
    assert float(a @ paraphrase) > 0.6
    assert float(a @ paraphrase) > float(a @ unrelated) + 0.4
