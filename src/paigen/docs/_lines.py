"""Where a body paragraph's lines break on the document grid, as LibreOffice and Word break them.

A 3号 line holds 28 hanzi (315 twips each with the grid's tracking) in the 156 mm text block;
digits and Latin letters take their advance widths. Lines break anywhere between hanzi, never
inside a run of digits or Latin letters, never before closing punctuation (，。、）” …) nor after
opening punctuation (（“《 …) — the character before moves down with it (no hanging
punctuation). The writer uses the breaks to tie only a paragraph's last two lines to the
signature that follows, so the page before stays full (GB/T 9704 §7.3.5).
"""

from __future__ import annotations

from paigen.docs import _geometry as g
from paigen.docs._fonts import Measure, em_width
from paigen.docs._signature import TRACKING

NO_START = set("，。、；：？！）》」』】〕〉”’…—·％%,.;:?!)]}")
NO_END = set("（《「『【〔〈“‘([{")


def _alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def break_lines(text: str, measure: Measure = em_width, first_indent: float = 2.0) -> list[str]:
    """The lines of a justified body paragraph with a *first_indent*-character first line."""
    widths = [measure(c, "fangsong") * g.BODY_PT * 20 + TRACKING for c in text]
    full = g.twips(g.BLOCK_W)
    lines: list[str] = []
    start, room = 0, full - g.chars(first_indent)
    while start < len(text):
        used, end = 0.0, start
        while end < len(text) and used + widths[end] <= room + 1:
            used += widths[end]
            end += 1
        if end < len(text):
            cut = end
            # never inside a number or a Latin word
            while cut > start + 1 and _alnum(text[cut - 1]) and _alnum(text[cut]):
                cut -= 1
            # no closing punctuation at a line start, no opening punctuation at a line end
            while cut > start + 1 and (text[cut] in NO_START or text[cut - 1] in NO_END):
                cut -= 1
            end = cut if cut > start else end
        lines.append(text[start:end])
        start, room = end, full
    return lines
