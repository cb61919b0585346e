"""A tiny document model for exported reports, kits and scorecards, and its Markdown rendering.

One `Document` feeds both exports, so the Markdown and the PDF (`llmprep.backends.pdf`) always say the
same thing. Blocks are deliberately few: headings, paragraphs, bullet lists, tables and bar charts.
Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading, level 1-3."""

    text: str
    level: int = 2


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph of plain text (`muted` for small print)."""

    text: str
    muted: bool = False


@dataclass(frozen=True, slots=True)
class Bullets:
    """A bullet list; `checkbox` renders '[ ]' boxes (scoring sheets)."""

    items: tuple[str, ...]
    checkbox: bool = False


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A table with a header row; `widths` are relative column widths for the PDF."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class Bars:
    """A horizontal bar chart of 0..`scale` values."""

    title: str
    bars: tuple[tuple[str, float], ...]
    scale: float = 10.0


Block = Heading | Para | Bullets | TableBlock | Bars


@dataclass(slots=True)
class Document:
    """A titled sequence of blocks."""

    title: str
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> Document:
        """Append blocks; returns self for chaining."""
        self.blocks.extend(blocks)
        return self


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(doc: Document) -> str:
    """The document as GitHub-flavoured Markdown."""
    out = [f"# {doc.title}", ""]
    if doc.subtitle:
        out += [f"_{doc.subtitle}_", ""]
    for b in doc.blocks:
        if isinstance(b, Heading):
            out += [f"{'#' * (b.level + 1 if b.level < 3 else 4)} {b.text}", ""]
        elif isinstance(b, Para):
            out += [f"_{b.text}_" if b.muted else b.text, ""]
        elif isinstance(b, Bullets):
            mark = "- [ ] " if b.checkbox else "- "
            out += [mark + item.replace("\n", " ") for item in b.items] + [""]
        elif isinstance(b, TableBlock):
            out.append("| " + " | ".join(_cell(h) for h in b.header) + " |")
            out.append("|" + "|".join("---" for _ in b.header) + "|")
            out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in b.rows]
            out.append("")
        else:
            out += [f"**{b.title}**", ""]
            for label, value in b.bars:
                filled = round(20 * max(0.0, min(value, b.scale)) / b.scale) if b.scale else 0
                out.append(f"    {label[:28]:<28} {'█' * filled}{'░' * (20 - filled)} {value:.1f}")
            out.append("")
    return "\n".join(out).rstrip() + "\n"
