"""Manipulation checks: prompt injection, bare keyword lists, the question copied back, gibberish.

These run on normalised text (see `text.normalise`) and only say *which units* are manipulative; the
rubric removes those units from the evidence so they earn nothing, and raises a flag the user sees.
Injection patterns cover several phrasings in English, French, German, Spanish, Italian, Portuguese,
Dutch, Russian, Chinese and Japanese, plus chat-template tokens. A quoted injection phrase in an answer to
a question that is itself about prompt injection is discussion, not an attack, and is not flagged.
This module deliberately uses no model: it must work the same with every embedder.
"""

from __future__ import annotations

import re

from llmprep.services.grading.text import STOPWORDS, content_words, words

_INJECTION_PATTERNS = [
    # English: override instructions, demand a score, role-play the grader, fake system turns.
    r"\b(ignore|disregard|forget|override|bypass)\s+(all\s+|any\s+)?(of\s+)?(the\s+|your\s+|my\s+|these\s+)?"
    r"(previous\s+|prior\s+|above\s+|earlier\s+|preceding\s+|grading\s+|system\s+)?"
    r"(instructions?|rubric|rules|guidelines|criteria|prompt|key\s*points)\b",
    r"\b(ignore|disregard|forget)\s+(everything|all)\s+(above|before|else)\b",
    r"\b(give|award|assign|grant)\s+(me|this|this answer|my answer|the answer|this response|the candidate|"
    r"the student|it|us)\b.{0,30}\b(10|ten|full|maximum|max|perfect|highest|top|100)\b",
    # "10/10" only as a whole mark: "80/10/10" (BERT's masking split) is a ratio, not a demand.
    r"\b(full\s+marks|full\s+credit|full\s+points|maximum\s+marks|(?<![\d/.])10\s*/\s*10(?![\d/.])|"
    r"10\s+out\s+of\s+10|ten\s+out\s+of\s+ten|(?<![\d/.])100\s*/\s*100(?![\d/.]))",
    r"\b(score|grade|rating|mark)\s*[:=]\s*(10|ten|100)\b",
    r"\b(this|my)\s+answer\s+(is|deserves|should (get|receive|be))\b.{0,30}\b(perfect|10|full|correct|"
    r"maximum|excellent|flawless)\b",
    r"\byou\s+(are|will|must|should)\s+now\b|\byou\s+(must|should|will)\s+(act|pretend|behave|role-?play)\b",
    r"\bpretend\s+(to\s+be|you\s+are)\b",
    r"\b(new|updated|hidden|override)\s+(instructions?|rules)\s*:|\bfollow\s+(these|the)\s+new\s+instructions",
    r"\bas\s+(the|an?)\s+(grader|evaluator|examiner|marker)\b|\b(dear|attention)\s+(grader|evaluator|examiner)",
    r"\b(mark|grade|treat|consider)\s+(all|every|each)?\s*(the\s+)?(key\s*)?points?\s+as\s+(covered|correct|met)\b",
    # Switching the assistant into a mode is an instruction; the word "jailbreak" alone is a topic.
    r"\b(enable|enter|activate|switch\s+(on|to|into))\s+(the\s+)?(dan|developer|jailbreak|god)\s+mode\b",
    r"\b(note|message|instruction|reminder)\s+(to|for)\s+(the\s+)?(grader|evaluator|examiner|marker|ai|llm|model)\b",
    # Tokens that open a turn; closing tokens such as <|endoftext|> are only named (a BPE answer has them).
    r"<\|?(im_start|system|assistant)\|?>|<\|(im_end|endoftext)\|>\s*<?\|?(im_start|system|assistant)|"
    r"\[/?(inst|sys)\]|<<sys>>|###\s*(system|instruction)",
    r"^\s*(system|assistant)\s*:",
    # French
    r"\b(ignore[zr]?|oublie[zr]?)\b.{0,30}\b(instructions?|consignes?|règles?|barème)\b",
    r"\b(donne[zr]?|attribue[zr]?|mets?)\b.{0,25}\b(10|dix|note maximale|maximum|20\s*/\s*20)\b",
    # German
    r"\b(ignoriere|ignorieren|vergiss|vergessen)\b.{0,40}\b(anweisungen|anweisung|regeln|vorgaben|"
    r"bewertung)\b",
    r"\b(gib|gebe|vergib|vergebe)\b.{0,30}\b(10|zehn|volle punktzahl|höchstpunktzahl|bestnote)\b",
    # Spanish / Portuguese / Italian
    r"\b(ignora|ignore|olvida|esquece|dimentica)\b.{0,30}\b(instrucciones|instruções|istruzioni|reglas|"
    r"regras|regole)\b",
    r"\b(dame|dé|da|dá|dai|me dê|dammi)\b.{0,30}\b(10|diez|dez|dieci|máxima|massimo|nota máxima|"
    r"puntuación máxima|pontuação máxima|punteggio massimo)\b",
    # Dutch
    r"\b(negeer|vergeet)\b.{0,30}\b(instructies|regels)\b",
    # Russian
    r"(игнорируй|игнорировать|забудь|проигнорируй).{0,40}(инструкц|правил)",
    r"(поставь|дай|выстави).{0,30}(10|десять|максимальн|высший балл)",
    # Chinese / Japanese
    r"(忽略|无视|無視|忘记|忘れ).{0,20}(指令|指示|说明|規則|规则|ルール|评分|採点)",
    r"(给我|给|打|付けて|ください).{0,10}(满分|満点|10分|十分)|满分|満点",
]
INJECTION = re.compile("|".join(f"(?:{p})" for p in _INJECTION_PATTERNS), re.IGNORECASE | re.MULTILINE)
_SPACED_LETTERS = re.compile(r"\b(?:\w[ .]){5,}\w\b")
_QUOTED = re.compile(r"[\"“”«»„'‘’`][^\"“”«»„'‘’`]{3,200}[\"“”«»„'‘’`]")
_INJECTION_TOPIC = re.compile(r"injection|jailbreak|guardrail|red[- ]team|adversarial prompt", re.IGNORECASE)


_COMPACT_INJECTION = re.compile(
    r"(ignore|disregard|forget|override)(all|any|the|your|my|these|previous|prior|above|earlier|grading|system|of)*"
    r"(instructions?|rubric|rules|guidelines|criteria|prompt|keypoints)|fullmarks|fullcredit|fullpoints|"
    r"perfectscore|give(me|this|it)(a)?(10|ten)"
)


def _is_spaced_injection(text: str) -> bool:
    """'i g n o r e  t h e  r u b r i c': letters spaced out to dodge word patterns."""
    if not _SPACED_LETTERS.search(text):
        return False
    return bool(_COMPACT_INJECTION.search(re.sub(r"[^\w/]", "", text.lower())))


def is_injection(unit: str, *, topic_is_injection: bool = False) -> bool:
    """True when the text tries to instruct the grader rather than answer the question."""
    probe = _QUOTED.sub(" ", unit) if topic_is_injection else unit
    return bool(INJECTION.search(probe) or _is_spaced_injection(probe))


def is_injection_topic(prompt: str, reference: str) -> bool:
    """True when the question itself is about prompt injection (quoted examples are then allowed)."""
    return bool(_INJECTION_TOPIC.search(prompt) or _INJECTION_TOPIC.search(reference[:2000]))


_LIST_REQUEST = re.compile(
    r"\b(name|list|enumerate|write[- ]?down|state at least|give (at least )?(\d+|two|three|four|five))\b",
    re.IGNORECASE,
)


def asks_for_list(prompt: str) -> bool:
    """True when the question asks for a list ('Name the 3 service classes...'), so a list is an answer."""
    return bool(_LIST_REQUEST.search(prompt))


_FORMULA = re.compile(r"\w\s*[×*^]\s*\w|\s[x×]\s.*\s[x×]\s")
_COORDINATORS = frozenset({"and", "or", "nor", "vs", "etc", "e", "g", "eg", "i.e", "ie"})


def is_bare_list(unit: str, vocabulary: frozenset[str] | None = None) -> bool:
    """True for a unit that lists terms without saying anything about them.

    Itemised: 4+ items (mostly of 1-3 words) separated by commas, slashes, semicolons or "and" (3+ when no
    item has a function word), with few function words besides the coordinators "and"/"or"; so "The cache
    grows with layers, heads, head dimension and tokens" is a sentence, "KV cache, keys, values and GQA" a
    list. Or 6+ words with almost no function words ("KV cache keys values layers GQA paged attention").
    Formulas and calculations are never lists. With a `vocabulary` (the key points' words and term
    aliases), a list is stuffing only when most of its content words come from it: a line of other
    specifics ("GDPR, DPIAs, data residency") in a model answer is content, and earns no lexical credit.
    """
    if (
        "=" in unit
        or _FORMULA.search(unit)
        or len(re.findall(r"\d", unit)) >= 0.25 * max(1, len(unit.replace(" ", "")))
    ):
        return False  # a formula or a calculation, not a list of terms
    items = [i for i in re.split(r"[,;/|•·]+|\s+-\s+|\band\b", unit) if i.strip()]
    short = [i for i in items if 1 <= len(words(i)) <= 3]
    ws = words(unit)
    if not ws:
        return False
    function = sum(1 for w in ws if w in STOPWORDS)
    clause_words = sum(1 for w in ws if w in STOPWORDS and w not in _COORDINATORS)
    itemised = (len(items) >= 4 and len(short) >= 0.75 * len(items)) or (
        len(items) >= 3 and len(short) == len(items) and clause_words == 0
    )
    shaped = (itemised and clause_words / len(ws) < 0.15) or (len(ws) >= 6 and function / len(ws) < 0.12)
    if not shaped or vocabulary is None:
        return shaped
    mine = [w for w in ws if w not in STOPWORDS]
    return sum(1 for w in mine if w in vocabulary or w[:5] in vocabulary) >= 0.5 * max(1, len(mine))


def term_vocabulary(texts: list[str]) -> frozenset[str]:
    """Content words of `texts` and their 5-letter prefixes: what a keyword list would be stuffed with."""
    found = {w for t in texts for w in words(t) if w not in STOPWORDS}
    return frozenset(found | {w[:5] for w in found if len(w) >= 5})


def copied_share(unit: str, source: str) -> float:
    """Share of the unit's content words that also occur in `source` (1.0 = nothing new)."""
    mine = content_words(unit)
    if not mine:
        return 1.0
    theirs = set(content_words(source))
    return sum(1 for w in mine if w in theirs) / len(mine)


_VOWELS = set("aeiouyáéíóúàèìòùäöüâêîôûåæøœ")


def is_gibberish(text: str) -> bool:
    """True when most Latin-script words are implausible (no vowels, long consonant runs, very long)."""
    ws = [w for w in words(text) if w.isascii() and w.isalpha()]
    if len(ws) < 3:
        return False
    odd = 0
    for w in ws:
        vowels = sum(1 for ch in w if ch in _VOWELS)
        if len(w) > 3 and (
            vowels == 0 or vowels / len(w) < 0.15 or len(w) > 22 or re.search(r"[^aeiouy]{5,}", w)
        ):
            odd += 1
    return odd / len(ws) > 0.4
