import numpy as np

from llmprep.services.challenges.checks import Suite, close

suite = Suite()

rng = np.random.default_rng(9)


def case(n, i, o, r):
    return (rng.normal(size=(n, i)), rng.normal(size=(o, i)), rng.normal(size=(r, i)), rng.normal(size=(o, r)), float(rng.choice([1, 8, 16, 32])))


cases = [case(1, 2, 2, 1), case(3, 4, 5, 2), case(8, 16, 12, 4), case(32, 64, 48, 8)]
suite.cases("forward matches the reference", cases, lambda sub, c: sub.lora_forward(*c),
            lambda c: c[0] @ c[1].T + c[4] / c[2].shape[0] * (c[0] @ c[2].T) @ c[3].T, rtol=1e-9, atol=1e-10)
suite.cases("merge matches the reference", cases, lambda sub, c: sub.lora_merge(*c[1:]),
            lambda c: c[1] + c[4] / c[2].shape[0] * c[3] @ c[2], rtol=1e-9, atol=1e-10)


@suite.test("merged forward equals the LoRA forward (property)")
def merged(sub):
    for c in cases:
        x, W, A, B, alpha = c
        close(x @ np.asarray(sub.lora_merge(W, A, B, alpha)).T, sub.lora_forward(x, W, A, B, alpha), rtol=1e-9, atol=1e-9,
              input={"shapes": [a.shape for a in c[:4]], "alpha": alpha})


