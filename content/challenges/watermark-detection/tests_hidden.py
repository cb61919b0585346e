import numpy as np

from llmprep.services.challenges.checks import Suite, close, ensure, equal

suite = Suite()

import math


def ref_green(prev, tok, gamma):
    h = ((prev * 1000003 + tok) * 2654435761) % 2**32
    return h / 2**32 < gamma


def ref_z(tokens, gamma):
    t = len(tokens) - 1
    if t <= 0:
        return 0, 0.0
    green = sum(ref_green(a, b, gamma) for a, b in zip(tokens, tokens[1:]))
    return green, (green - gamma * t) / math.sqrt(t * gamma * (1 - gamma))


def ref_flag(tokens, gamma, z_threshold=4.0):
    return ref_z(tokens, gamma)[1] > z_threshold

rng = np.random.default_rng(22)
V = 5000


def generate(n, gamma, watermark, bias=0.9):
    toks = [int(rng.integers(V))]
    while len(toks) < n:
        cand = int(rng.integers(V))
        if watermark and rng.uniform() < bias:
            while not ref_green(toks[-1], cand, gamma):
                cand = int(rng.integers(V))
        toks.append(cand)
    return toks


texts = [(generate(n, g, w), g) for n, g, w in [(2, 0.25, True), (20, 0.25, False), (50, 0.5, True), (200, 0.25, True), (200, 0.25, False), (300, 0.1, True)]]


@suite.test("green counts and z-scores match the reference")
def scores(sub):
    for toks, g in texts:
        count, z = sub.watermark_z(toks, g)
        wc, wz = ref_z(toks, g)
        equal(int(count), wc, input={"tokens": toks[:12], "len": len(toks), "gamma": g}, what="green count")
        close(z, wz, rtol=1e-9, atol=1e-12, input={"len": len(toks), "gamma": g}, what="z")


@suite.test("detects watermarked text and spares normal text (property)")
def detect(sub):
    for n, g in [(200, 0.25), (200, 0.5), (400, 0.1)]:
        wm, plain = generate(n, g, True), generate(n, g, False)
        ensure(bool(sub.is_watermarked(wm, g)), "watermarked text not detected", input={"len": n, "gamma": g}, expected=True, got=False)
        ensure(not bool(sub.is_watermarked(plain, g)), "unwatermarked text flagged", input={"len": n, "gamma": g}, expected=False, got=True)


@suite.test("too short to score")
def short(sub):
    equal(tuple(sub.watermark_z([42], 0.5)), (0, 0.0), input=[42])
