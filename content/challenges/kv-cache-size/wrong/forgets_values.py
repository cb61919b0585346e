def kv_cache_bytes(n_layers, n_heads, n_kv_heads, head_dim, seq_len, batch, bytes_per_elem):
    return n_layers * n_kv_heads * head_dim * seq_len * batch * bytes_per_elem


def max_batch(gpu_bytes, weight_bytes, n_layers, n_heads, n_kv_heads, head_dim, seq_len, bytes_per_elem):
    per_seq = kv_cache_bytes(n_layers, n_heads, n_kv_heads, head_dim, seq_len, 1, bytes_per_elem)
    return max(0, (gpu_bytes - weight_bytes) // per_seq)
