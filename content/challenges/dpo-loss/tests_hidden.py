import numpy as np

from llmprep.services.challenges.checks import Suite, close, ensure

suite = Suite()

rng = np.random.default_rng(19)


def ref(c):
    pc, pr, rc, rr, beta = c
    return np.mean(np.logaddexp(0, -beta * ((pc - rc) - (pr - rr))))


def case(b, scale, beta):
    return (*(rng.normal(size=b) * scale - 50 for _ in range(4)), beta)


cases = [case(1, 1, 0.1), case(4, 10, 0.5), case(16, 30, 0.1), case(64, 100, 1.0)]
suite.cases("matches the reference", cases, lambda sub, c: sub.dpo_loss(*c), ref, rtol=1e-9)

big = [(np.array([-1e4, -10.0]), np.array([-10.0, -1e4]), np.array([-20.0, -20.0]), np.array([-20.0, -20.0]), 0.1)]
suite.cases("finite and exact for huge margins", big, lambda sub, c: sub.dpo_loss(*c), ref, rtol=1e-9)


@suite.test("the reference model matters: shifting it changes the loss (property)")
def reference_matters(sub):
    pc, pr, rc, rr, beta = case(8, 5, 0.5)
    a = sub.dpo_loss(pc, pr, rc, rr, beta)
    b = sub.dpo_loss(pc, pr, rc - 3.0, rr, beta)
    close(b, ref((pc, pr, rc - 3.0, rr, beta)), rtol=1e-9, input="ref_chosen lowered by 3")
    ensure(b < a, "a lower reference log-prob for the chosen answer must lower the loss", expected=f"< {a}", got=b)
