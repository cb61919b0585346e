"""Markdown to safe HTML for bank text (math kept for KaTeX), and evidence highlighting of answers.

Raw HTML in Markdown is disabled, so bank text and user answers can never inject markup. Math is emitted
as `<span class="math inline">` / `<div class="math block">` for KaTeX (served locally) to typeset.
"""

from __future__ import annotations

import html
from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup
from mdit_py_plugins.dollarmath import dollarmath_plugin


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    md.use(dollarmath_plugin, allow_space=True, double_inline=True)
    return md


@lru_cache(maxsize=4096)
def markdown(text: str) -> Markup:
    """Render Markdown (with $math$) to HTML that is safe to embed."""
    return Markup(_md().render(text or ""))


def highlight(answer: str, spans: list[tuple[str, int]]) -> Markup:
    """Escape `answer` and wrap each evidence sentence in <mark class="kp kp-N"> for key point N.

    `spans` pairs an evidence string with its key-point number; overlapping marks keep the first.
    """
    marks: list[tuple[int, int, int]] = []
    for text, n in spans:
        needle = text.strip()
        if len(needle) < 3:
            continue
        start = answer.find(needle)
        if start < 0:
            continue
        end = start + len(needle)
        if any(s < end and start < e for s, e, _ in marks):
            continue
        marks.append((start, end, n))
    marks.sort()
    out: list[str] = []
    pos = 0
    for start, end, n in marks:
        out.append(html.escape(answer[pos:start]))
        out.append(
            f'<mark class="kp kp-{n % 8}" title="Key point {n + 1}">'
            f"{html.escape(answer[start:end])}<sup>{n + 1}</sup></mark>"
        )
        pos = end
    out.append(html.escape(answer[pos:]))
    return Markup("".join(out))
