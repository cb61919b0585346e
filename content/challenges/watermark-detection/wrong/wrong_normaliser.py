import math


def is_green(prev, tok, gamma):
    h = ((prev * 1000003 + tok) * 2654435761) % 2**32
    return h / 2**32 < gamma


def watermark_z(tokens, gamma):
    t = len(tokens) - 1
    if t <= 0:
        return 0, 0.0
    green = sum(is_green(a, b, gamma) for a, b in zip(tokens, tokens[1:]))
    return green, (green - gamma * t) / math.sqrt(t * gamma)


def is_watermarked(tokens, gamma, z_threshold=4.0):
    return watermark_z(tokens, gamma)[1] > z_threshold
