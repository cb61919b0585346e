"""Feedback text for a grade: which points were made (quoting the answer briefly), which were missed,
which misconceptions were stated, and what the flags mean.

Plain text with one item per line so that the CLI, the web page and a stored attempt can all show it.
It deliberately invents nothing: every sentence is built from the rubric and the answer's own words.
"""

from __future__ import annotations

from llmprep.domain.grading import MisconceptionHit, PointVerdict

FLAG_MESSAGES: dict[str, str] = {
    "empty": "The answer is empty or too short to grade.",
    "prompt-injection": "Parts of the answer address the grader instead of the question; they earn nothing.",
    "keyword-stuffing": "Terms listed without explanation earn nothing; say what each one does and why.",
    "copied-question": "Restating the question earns nothing.",
    "off-topic": "The answer does not address this question.",
    "gibberish": "Much of the answer is not readable text.",
    "truncated": "The answer is very long; only its beginning was graded.",
}


def quote(text: str, limit: int = 90) -> str:
    """The text shortened to about `limit` characters, in quotes."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return f'"{text}"'


def compose(
    score: float,
    points: list[PointVerdict],
    hits: list[MisconceptionHit],
    flags: list[str],
) -> str:
    """The feedback shown under a grade."""
    lines = [f"Score {score:g}/10."]
    for flag in flags:
        if flag in FLAG_MESSAGES:
            lines.append(f"! {FLAG_MESSAGES[flag]}")
    made = [p for p in points if p.verdict == "covered"]
    partial = [p for p in points if p.verdict == "partial"]
    missed = [p for p in points if p.verdict == "missing"]
    if made:
        lines.append("Made:")
        lines.extend(
            f"  + {p.text} ({quote(p.evidence[0])})" if p.evidence else f"  + {p.text}" for p in made
        )
    if partial:
        lines.append("Partly made:")
        for p in partial:
            detail = f" ({quote(p.evidence[0])})" if p.evidence else ""
            note = f" {p.note}" if p.note else ""
            lines.append(f"  ~ {p.text}{detail}{note}")
    if missed:
        lines.append("Missed:")
        lines.extend(f"  - {p.text}" + (f" {p.note}" if p.note else "") for p in missed)
    if hits:
        lines.append("Misconceptions:")
        lines.extend(f"  x {h.belief} {h.why_wrong} (you wrote {quote(h.evidence)})" for h in hits)
    return "\n".join(lines)
