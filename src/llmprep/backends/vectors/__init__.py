"""Vector storage behind the `VectorIndex` protocol: sqlite-vec (default) and pgvector."""
