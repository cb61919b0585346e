"""Export a selection of bank items as an Anki deck (.apkg, via genanki).

One note per item: the front is the title and prompt, the back the model answer and the weighted key
points. Ids are stable (derived from the item id and the deck name), so re-importing an updated export
updates the same notes instead of duplicating them. Math is converted to Anki's MathJax delimiters
(`\\(...\\)` and `\\[...\\]`). Drafts are never exported. This module writes one file and nothing else.
"""

from __future__ import annotations

import hashlib
import html
from pathlib import Path

import genanki
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from llmprep.domain.questions import Item
from llmprep.errors import UserError

CSS = """
.card { font-family: system-ui, sans-serif; font-size: 17px; line-height: 1.5; text-align: left; color: #1d2230;
        max-width: 46em; margin: 0 auto; }
.meta { color: #667085; font-size: 13px; }
pre { background: #0f172a; color: #e2e8f0; padding: 10px; border-radius: 6px; overflow-x: auto; font-size: 14px; }
.kp { margin-top: 1em; border-top: 1px solid #e4e7ef; padding-top: .5em; }
.kp li span { color: #4f46e5; font-weight: 600; }
"""


def _stable_id(text: str) -> int:
    """A 31-bit positive id Anki accepts, stable for the same text."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) & 0x7FFFFFFF


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.use(dollarmath_plugin, allow_space=True, double_inline=True)
    md.add_render_rule(
        "math_inline", lambda self, tokens, idx, options, env: f"\\({html.escape(tokens[idx].content)}\\)"
    )
    md.add_render_rule(
        "math_block", lambda self, tokens, idx, options, env: f"\\[{html.escape(tokens[idx].content)}\\]"
    )
    md.add_render_rule(
        "math_block_label",
        lambda self, tokens, idx, options, env: f"\\[{html.escape(tokens[idx].content)}\\]",
    )
    return md


def _model(deck_name: str) -> genanki.Model:
    return genanki.Model(
        _stable_id(f"llmprep-model:{deck_name}"),
        "llmprep question",
        fields=[
            {"name": "Id"},
            {"name": "Question"},
            {"name": "Answer"},
            {"name": "KeyPoints"},
            {"name": "Meta"},
        ],
        templates=[
            {
                "name": "Recall",
                "qfmt": "<div class='meta'>{{Meta}}</div>{{Question}}",
                "afmt": "{{FrontSide}}<hr id='answer'>{{Answer}}<div class='kp'><b>Key points</b>{{KeyPoints}}</div>",
            }
        ],
        css=CSS,
    )


def export_deck(items: list[Item], path: Path, deck_name: str = "llmprep") -> int:
    """Write `items` (drafts skipped) as an .apkg deck at `path`; return the number of notes."""
    chosen = [it for it in items if not it.draft]
    if not chosen:
        raise UserError(
            "No questions match this selection.", "Loosen the filters ('llmprep bank list' shows them)."
        )
    md = _markdown()
    model = _model(deck_name)
    deck = genanki.Deck(_stable_id(f"llmprep-deck:{deck_name}"), deck_name)
    for it in chosen:
        points = (
            "<ol>"
            + "".join(f"<li>{html.escape(kp.text)} <span>({kp.weight:g})</span></li>" for kp in it.key_points)
            + "</ol>"
        )
        meta = html.escape(f"{it.topic} · {it.type} · {it.difficulty} · {', '.join(it.levels)}")
        note = genanki.Note(
            model=model,
            fields=[
                it.id,
                f"<h3>{html.escape(it.title)}</h3>{md.render(it.prompt)}",
                md.render(it.answer),
                points,
                meta,
            ],
            guid=genanki.guid_for("llmprep", it.id),
            tags=[f"llmprep::{it.topic}", *(t.replace(" ", "_") for t in it.tags)],
        )
        deck.add_note(note)
    path.parent.mkdir(parents=True, exist_ok=True)
    genanki.Package(deck).write_to_file(str(path))
    return len(chosen)
