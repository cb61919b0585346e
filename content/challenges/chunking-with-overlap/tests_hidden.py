
from llmprep.services.challenges.checks import Suite, ensure, equal

suite = Suite()

from llmprep.backends.sandbox.base import SubmissionRaised


def ref(c):
    toks, size, ov = c
    out, s = [], 0
    while s < len(toks):
        out.append(toks[s:s + size])
        if s + size >= len(toks):
            break
        s += size - ov
    return out


cases = [([], 3, 1), ([1], 3, 1), (list(range(5)), 5, 0), (list(range(10)), 3, 0), (list(range(10)), 4, 3),
         (list(range(11)), 4, 1), (list("abcdefghijklmnopq"), 5, 2), (list(range(100)), 7, 3)]
suite.cases("matches the reference, tail kept, no redundant chunk", cases, lambda sub, c: sub.chunk(*c), ref, exact=True)


@suite.test("every token is covered and overlaps are exact (property)")
def cover(sub):
    for n, size, ov in [(13, 5, 2), (40, 8, 7), (9, 2, 1)]:
        chunks = sub.chunk(list(range(n)), size, ov)
        flat = sorted({t for c in chunks for t in c})
        equal(flat, list(range(n)), input=(n, size, ov), what="tokens covered")
        for a, b in zip(chunks, chunks[1:]):
            equal(a[-ov:] if ov else [], b[:ov], input=(n, size, ov), what="overlap between consecutive chunks")


@suite.test("invalid arguments raise ValueError")
def invalid(sub):
    for args in [([1, 2], 2, 2), ([1, 2], 0, 0), ([1, 2], 3, -1)]:
        try:
            sub.chunk(*args)
        except SubmissionRaised as exc:
            ensure(exc.type_name == "ValueError", "expected ValueError", input=args, expected="ValueError", got=exc.type_name)
        else:
            ensure(False, "expected ValueError, nothing was raised", input=args)
