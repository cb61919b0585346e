def kv_cache_bytes(n_layers, n_heads, n_kv_heads, head_dim, seq_len, batch, bytes_per_elem) -> int:
    raise NotImplementedError


def max_batch(gpu_bytes, weight_bytes, n_layers, n_heads, n_kv_heads, head_dim, seq_len, bytes_per_elem) -> int:
    raise NotImplementedError
