"""Back-of-envelope estimation drills with fresh numbers each time.

A drill is generated from a kind and a seed (so a page can regenerate it without storing it): a model,
hardware and workload drawn from realistic choices, the question, the exact answer in base units, the
display unit the question asks for, a worked solution, and the reasoning steps a good answer states
(graded as key points). Checking the number: within 10% is right, within 30% is close, else wrong; an
answer in the wrong dimension is wrong; GB vs GiB confusion is named. Pure: no I/O.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from llmprep.domain.quantities import UNITS, Quantity, format_quantity, relative_error

# (name, params in billions, layers, query heads, kv heads, head dim) — published configurations
MODELS = [
    ("Llama-2-7B", 6.7, 32, 32, 32, 128),
    ("Llama-2-13B", 13.0, 40, 40, 40, 128),
    ("Llama-3-8B", 8.0, 32, 32, 8, 128),
    ("Llama-2-70B", 69.0, 80, 64, 8, 128),
    ("Mistral-7B", 7.2, 32, 32, 8, 128),
    ("Qwen2-72B", 72.7, 80, 64, 8, 128),
]
GPUS = [  # (name, memory GB, HBM bandwidth TB/s, dense bf16 TFLOP/s, $/hour on demand, typical)
    ("A100 80GB", 80, 2.0, 312, 2.5),
    ("H100 SXM", 80, 3.35, 989, 4.0),
    ("L40S", 48, 0.86, 362, 1.2),
    ("A10G", 24, 0.6, 125, 1.0),
]
DTYPES = [("fp16", 2), ("bf16", 2), ("fp8", 1), ("int8", 1)]


@dataclass(frozen=True, slots=True)
class Drill:
    """One generated estimation question."""

    kind: str
    seed: int
    title: str
    question: str
    answer: float
    unit: str
    solution: str
    steps: tuple[str, ...]

    @property
    def dimension(self) -> str:
        """The base dimension of the answer."""
        return UNITS[self.unit.lower()][0]

    @property
    def answer_text(self) -> str:
        """The exact answer in the unit asked for."""
        return format_quantity(self.answer, self.unit)


@dataclass(frozen=True, slots=True)
class NumberCheck:
    """How the number of an answer compares with the truth."""

    verdict: str  # right | close | wrong | no-number | wrong-dimension
    credit: float
    error: float | None
    note: str


def check_number(drill: Drill, got: Quantity | None) -> NumberCheck:
    """Grade the number (with units) of an answer against a drill."""
    if got is None:
        return NumberCheck("no-number", 0.0, None, f"No number found: answer like '{drill.answer_text}'.")
    value = got.value
    note = ""
    if got.dimension is None:
        factor = UNITS[drill.unit.lower()][1]
        value = got.value * factor
        note = f"No unit given; read as {drill.unit}. Always say the unit."
    elif got.dimension != drill.dimension:
        return NumberCheck(
            "wrong-dimension",
            0.0,
            None,
            f"That is a quantity in {got.dimension}, but the question asks for {drill.dimension}.",
        )
    err = relative_error(value, drill.answer)
    if got.unit and drill.dimension == "bytes":
        binary_got, binary_want = got.unit.endswith("ib"), drill.unit.lower().endswith("ib")
        if binary_got != binary_want and 0.05 < err < 0.12:
            note = "Mind GB (10^9 bytes) vs GiB (2^30 bytes): they differ by about 7%."
    if err <= 0.10:
        return NumberCheck("right", 1.0, err, note or "Within 10% of the exact value.")
    if err <= 0.30:
        return NumberCheck("close", 0.5, err, note or "Within 30%: check a factor or a rounding step.")
    return NumberCheck("wrong", 0.0, err, note or "Off by more than 30%: recheck the formula and units.")


def _kv_cache(rng: random.Random) -> Drill:
    name, _p, layers, _qh, kv, hd = rng.choice(MODELS)
    dtype, nbytes = rng.choice(DTYPES[:3])
    ctx = rng.choice([4096, 8192, 16384, 32768, 131072])
    batch = rng.choice([1, 4, 8, 16, 32])
    total = 2 * layers * kv * hd * ctx * batch * nbytes
    per_token = 2 * layers * kv * hd * nbytes
    return Drill(
        "kv-cache",
        0,
        "KV-cache memory",
        f"{name} has {layers} layers, {kv} key/value heads of dimension {hd}. How much memory does the "
        f"KV cache take for a batch of {batch} sequences of {ctx:,} tokens with a {dtype} cache? Answer in GiB.",
        float(total),
        "GiB",
        f"Per token: 2 (K and V) x {layers} layers x {kv} KV heads x {hd} x {nbytes} bytes = {per_token:,} bytes."
        f" Times {ctx:,} tokens x {batch} sequences = {total:,} bytes = {total / 2**30:,.2f} GiB.",
        (
            "Multiply 2 for keys and values by the number of layers, KV heads and head dimension.",
            f"Use {nbytes} bytes per element for a {dtype} cache.",
            "Scale the per-token size by the number of tokens and the batch size.",
        ),
    )


def _training_flops(rng: random.Random) -> Drill:
    n = rng.choice([1, 3, 7, 13, 34, 70])
    d = rng.choice([0.3, 1, 2, 15]) * 1e12
    gpu, _mem, _bw, tflops, _price = rng.choice(GPUS[:2])
    count = rng.choice([256, 512, 1024, 2048])
    mfu = rng.choice([0.35, 0.4, 0.5])
    flops = 6 * n * 1e9 * d
    seconds = flops / (count * tflops * 1e12 * mfu)
    return Drill(
        "training-flops",
        0,
        "Training time from 6ND",
        f"How many days does it take to pre-train a {n}B-parameter dense model on {d / 1e12:g}T tokens on "
        f"{count:,} {gpu} GPUs ({tflops} dense bf16 TFLOP/s each) at {mfu:.0%} MFU? Answer in days.",
        seconds,
        "days",
        f"Compute C = 6ND = 6 x {n}e9 x {d:.3g} = {flops:.3g} FLOPs. Throughput = {count} x {tflops}e12 x "
        f"{mfu} = {count * tflops * 1e12 * mfu:.3g} FLOP/s. Time = {seconds:.3g} s = {seconds / 86400:.1f} days.",
        (
            "Training compute is about 6 x parameters x tokens FLOPs (2 forward, 4 backward).",
            "Effective throughput is GPUs x peak FLOP/s x MFU.",
            "Divide compute by throughput and convert seconds to days.",
        ),
    )


def _finetune_memory(rng: random.Random) -> Drill:
    name, p, *_ = rng.choice(MODELS[:3] + MODELS[4:5])
    total = p * 1e9 * 16
    return Drill(
        "finetune-memory",
        0,
        "GPU memory for full fine-tuning",
        f"Roughly how much GPU memory do weights, gradients and Adam optimizer states need for full "
        f"fine-tuning of {name} ({p:g}B parameters) with bf16 mixed precision (fp32 master weights), "
        "ignoring activations? Answer in GB.",
        total,
        "GB",
        f"Mixed-precision Adam keeps 16 bytes per parameter: 2 (bf16 weights) + 2 (bf16 gradients) + 4 (fp32 "
        f"master copy) + 4 + 4 (Adam first and second moments). {p:g}e9 x 16 = {total / 1e9:,.0f} GB. "
        "LoRA keeps the frozen base at 2 bytes/param and trains well under 1% of the parameters; QLoRA stores "
        "the base in 4-bit (about 0.5 bytes/param).",
        (
            "Mixed-precision Adam needs about 16 bytes per parameter.",
            "The bytes split into bf16 weights and gradients, an fp32 master copy and two fp32 Adam moments.",
            "Multiply bytes per parameter by the parameter count.",
        ),
    )


def _decode_speed(rng: random.Random) -> Drill:
    name, p, *_ = rng.choice(MODELS)
    gpu, mem, bw, _t, _price = rng.choice(GPUS[:2])
    dtype, nbytes = rng.choice([("fp16", 2), ("int8", 1)])
    weight_bytes = p * 1e9 * nbytes
    gpus = max(1, int(-(-weight_bytes // (mem * 1e9 * 0.8))))
    tps = gpus * bw * 1e12 / weight_bytes
    return Drill(
        "decode-speed",
        0,
        "Decode speed from memory bandwidth",
        f"Batch-1 decoding of {name} ({p:g}B parameters, {dtype} weights) on {gpus} {gpu} "
        f"(each {bw} TB/s of HBM bandwidth, tensor-parallel). Assuming decoding is bound by reading every "
        "weight once per token, what is the upper bound on tokens per second?",
        tps,
        "tok/s",
        f"Weights: {p:g}e9 x {nbytes} bytes = {weight_bytes / 1e9:,.1f} GB. Aggregate bandwidth: {gpus} x {bw} TB/s."
        f" Tokens/s <= {gpus * bw:g}e12 / {weight_bytes:.3g} = {tps:,.0f}. Real systems reach 60-80% of this.",
        (
            "At batch 1 every weight is read from memory once per generated token.",
            "Tokens per second is bandwidth divided by the bytes of the weights.",
            "Compute the weight bytes as parameters times bytes per parameter.",
        ),
    )


def _serving_cost(rng: random.Random) -> Drill:
    gpu, _m, _b, _t, price = rng.choice(GPUS)
    throughput = rng.choice([800, 1500, 2500, 4000])
    cost = price / (throughput * 3600) * 1e6
    return Drill(
        "serving-cost",
        0,
        "Serving cost per million tokens",
        f"A {gpu} costs ${price:.2f} per hour and your server sustains {throughput:,} generated tokens per second "
        "on it at full load. What does a million generated tokens cost? Answer in dollars.",
        cost,
        "$",
        f"Tokens per hour = {throughput:,} x 3600 = {throughput * 3600:,}. Cost per token = ${price:.2f} / "
        f"{throughput * 3600:,}. Per million: ${cost:.3f}. Idle time and lower utilisation raise it.",
        (
            "Convert throughput to tokens per hour.",
            "Divide the hourly GPU price by the tokens per hour.",
            "Scale to a million tokens and note that utilisation below 100% raises the cost.",
        ),
    )


def _index_memory(rng: random.Random) -> Drill:
    n = rng.choice([10, 50, 100, 500]) * 1e6
    dim = rng.choice([384, 768, 1024, 1536])
    total = n * dim * 4
    return Drill(
        "index-memory",
        0,
        "Vector index memory",
        f"How much memory do {n / 1e6:,.0f} million embeddings of dimension {dim} take as raw float32 "
        "vectors (before any index overhead)? Answer in GB.",
        total,
        "GB",
        f"{n:.3g} vectors x {dim} dims x 4 bytes = {total / 1e9:,.1f} GB. Product quantisation to e.g. 64 bytes "
        f"per vector would need {n * 64 / 1e9:,.1f} GB; HNSW adds graph links (~M x 2 x 4 bytes per vector).",
        (
            "Each float32 component takes 4 bytes.",
            "Multiply the number of vectors by the dimension and 4 bytes.",
            "Index structures and quantisation change the total (overhead or compression).",
        ),
    )


GENERATORS: dict[str, Callable[[random.Random], Drill]] = {
    "kv-cache": _kv_cache,
    "training-flops": _training_flops,
    "finetune-memory": _finetune_memory,
    "decode-speed": _decode_speed,
    "serving-cost": _serving_cost,
    "index-memory": _index_memory,
}


def make_drill(kind: str, seed: int) -> Drill:
    """The drill of this kind for this seed (same seed, same numbers)."""
    drill = GENERATORS[kind](random.Random(f"{kind}:{seed}"))
    return Drill(
        kind, seed, drill.title, drill.question, drill.answer, drill.unit, drill.solution, drill.steps
    )
