
from llmprep.services.challenges.checks import Suite

suite = Suite()

def ref(c):
    r, k = c
    s = {}
    for lst in r:
        for i, d in enumerate(lst, 1):
            s[d] = s.get(d, 0.0) + 1 / (k + i)
    return sorted(s, key=lambda d: (-s[d], d))


cases = [([["x"]], 60), ([["b", "a"], ["a"]], 1), ([["d1", "d2", "d3"], ["d3", "d1"], ["d4", "d2"]], 0),
         ([["z", "y", "x", "w"], ["w", "x", "y", "z"]], 60), ([list("abcdefgh"), list("hgfedcba"), list("aceg")], 2)]
suite.cases("matches the reference (k varies)", cases, lambda sub, c: list(sub.rrf(*c)), ref, exact=True)
