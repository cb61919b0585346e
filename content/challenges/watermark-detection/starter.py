def is_green(prev: int, tok: int, gamma: float) -> bool:
    raise NotImplementedError


def watermark_z(tokens: list[int], gamma: float) -> tuple[int, float]:
    raise NotImplementedError


def is_watermarked(tokens: list[int], gamma: float, z_threshold: float = 4.0) -> bool:
    raise NotImplementedError
