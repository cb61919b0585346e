import numpy as np


def retrieve_context(query_vec, doc_vecs, docs, k, max_chars):
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
