import numpy as np

from llmprep.services.challenges.checks import Suite, ensure, equal

suite = Suite()



def ref(query_vec, doc_vecs, docs, k, max_chars):
    qn = np.linalg.norm(query_vec)
    dn = np.linalg.norm(doc_vecs, axis=1)
    den = dn * qn
    sims = np.divide(doc_vecs @ query_vec, den, out=np.zeros(len(docs)), where=den > 0)
    order = np.lexsort((np.arange(len(sims)), -sims))
    chosen, seen, used = [], set(), 0
    for i in order:
        if len(chosen) == k:
            break
        text = docs[i].strip()
        if text in seen:
            continue
        cost = len(text) + (2 if chosen else 0)
        if used + cost > max_chars:
            continue
        seen.add(text)
        chosen.append(int(i))
        used += cost
    return chosen, "\n\n".join(docs[i].strip() for i in chosen)

rng = np.random.default_rng(23)
BASE = ["Attention mixes tokens.", "RoPE rotates pairs of dimensions by position.", "BM25 is a lexical ranking function.",
        "LoRA adds a low-rank update.", "Quantisation maps floats to int8.", "A token bucket limits request rates over time windows.",
        "Beam search keeps the best partial hypotheses.", "x"]


def case(n, d, k, budget):
    docs = [BASE[int(i)] + (" " if rng.uniform() < 0.3 else "") for i in rng.integers(0, len(BASE), size=n)]
    vecs = rng.normal(size=(n, d))
    vecs[rng.uniform(size=n) < 0.1] = 0.0
    return (rng.normal(size=d), vecs, docs, k, budget)


cases = [case(3, 2, 2, 100), case(6, 4, 3, 60), case(12, 8, 5, 120), case(30, 16, 8, 200), case(30, 16, 30, 10000)]
cases.append((np.array([1.0, 0.0]), np.array([[1.0, 0.0], [0.9, 0.1], [0.5, 0.5], [0.1, 0.9]]),
              ["short fact", "a much longer document that cannot fit in what is left", "tiny", "also small"], 3, 30))


@suite.test("selection and context match the reference (dedupe, budget, ties)")
def matches(sub):
    for c in sorted(cases, key=lambda c: len(c[2])):
        idx, ctx = sub.retrieve_context(*c)
        want_idx, want_ctx = ref(*c)
        info = {"docs": c[2], "k": c[3], "max_chars": c[4]}
        equal(list(idx), want_idx, input=info, what="indices")
        equal(ctx, want_ctx, input=info, what="context")


@suite.test("the context never exceeds the budget (property)")
def budget(sub):
    for c in cases:
        for budget in (0, 25, 50, 90):
            _, ctx = sub.retrieve_context(*c[:4], budget)
            ensure(len(ctx) <= budget, "context longer than max_chars", input={"max_chars": budget}, expected=f"<= {budget}", got=len(ctx))
