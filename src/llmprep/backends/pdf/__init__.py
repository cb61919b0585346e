"""PDF rendering of `llmprep.domain.documents.Document`, locally, with fpdf2 and a bundled DejaVu Sans.

The font ships inside the package (fonts/, licence in fonts/LICENSE-DejaVu.txt), so non-Latin-1 text
(math symbols, arrows, accents, CJK is not covered) renders the same on every machine. No network, no
system fonts.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from llmprep.domain.documents import Bars, Bullets, Document, Heading, Para, TableBlock

FONTS = Path(__file__).resolve().parent / "fonts"
ACCENT = (79, 70, 229)
MUTED = (102, 112, 133)
INK = (29, 34, 48)


class _Pdf(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.doc_title = title
        self.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=16)
        self.set_margins(16, 16, 16)
        self.set_title(title)
        self.set_creator("llmprep")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, f"{self.doc_title} · page {self.page_no()}", align="C")


def _line(
    pdf: _Pdf,
    text: str,
    size: float,
    bold: bool = False,
    color: tuple[int, int, int] = INK,
    height: float = 5.5,
) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.set_text_color(*color)
    pdf.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")


def _table(pdf: _Pdf, block: TableBlock) -> None:
    n = len(block.header)
    rel = block.widths if len(block.widths) == n else tuple(1.0 for _ in range(n))
    total = sum(rel)
    widths = tuple(pdf.epw * w / total for w in rel)
    pdf.set_font("DejaVu", "", 8.5)
    pdf.set_text_color(*INK)
    head_style = FontFace(emphasis="BOLD", color=INK, fill_color=(238, 240, 255))
    with pdf.table(
        col_widths=widths,
        line_height=4.6,
        text_align="LEFT",
        headings_style=head_style,
        borders_layout="HORIZONTAL_LINES",
        padding=1,
    ) as table:
        head = table.row()
        for h in block.header:
            head.cell(h)
        for row in block.rows:
            r = table.row()
            for c in row:
                r.cell(c)
    pdf.ln(3)


def _bars(pdf: _Pdf, block: Bars) -> None:
    _line(pdf, block.title, 10, bold=True)
    label_w, bar_w, h = 62.0, pdf.epw - 62.0 - 14.0, 5.0
    for label, value in block.bars:
        if pdf.will_page_break(h + 1.5):
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_font("DejaVu", "", 8.5)
        pdf.set_text_color(*INK)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(label_w - 2, h, label[:40])
        pdf.set_fill_color(238, 240, 245)
        pdf.rect(pdf.l_margin + label_w, y + 0.5, bar_w, h - 1, style="F")
        share = max(0.0, min(value, block.scale)) / block.scale if block.scale else 0.0
        if share > 0:
            pdf.set_fill_color(*ACCENT)
            pdf.rect(pdf.l_margin + label_w, y + 0.5, bar_w * share, h - 1, style="F")
        pdf.set_xy(pdf.l_margin + label_w + bar_w + 2, y)
        pdf.set_text_color(*MUTED)
        pdf.cell(12, h, f"{value:.1f}")
        pdf.set_y(y + h + 1.5)
    pdf.ln(2)


def render_pdf(doc: Document) -> bytes:
    """The document as PDF bytes."""
    pdf = _Pdf(doc.title)
    pdf.add_page()
    _line(pdf, doc.title, 18, bold=True, height=8)
    if doc.subtitle:
        _line(pdf, doc.subtitle, 9.5, color=MUTED)
    pdf.ln(3)
    for b in doc.blocks:
        if isinstance(b, Heading):
            if pdf.will_page_break(20):
                pdf.add_page()
            pdf.ln(2)
            _line(
                pdf,
                b.text,
                {1: 14.0, 2: 12.0}.get(b.level, 10.5),
                bold=True,
                color=ACCENT if b.level <= 2 else INK,
                height=6.5,
            )
        elif isinstance(b, Para):
            _line(pdf, b.text, 8.5 if b.muted else 9.5, color=MUTED if b.muted else INK)
            pdf.ln(1)
        elif isinstance(b, Bullets):
            mark = "☐ " if b.checkbox else "• "
            for item in b.items:
                pdf.set_x(pdf.l_margin + 3)
                pdf.set_font("DejaVu", "", 9.5)
                pdf.set_text_color(*INK)
                pdf.multi_cell(pdf.epw - 3, 5.2, mark + item, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
            pdf.ln(1.5)
        elif isinstance(b, TableBlock):
            _table(pdf, b)
        else:
            _bars(pdf, b)
    return bytes(pdf.output())
