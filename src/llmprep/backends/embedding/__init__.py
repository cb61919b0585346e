"""Sentence embedders behind the `Embedder` protocol."""
