"""The 署名 and 成文日期 block of GB/T 9704-2012 §7.3.5, as numbers a writer can lay out.

* with a seal (§7.3.5.1): the date right-indented 4 characters, the office centred over it;
* without (§7.3.5.2): the office right-indented 2 characters, the date on the next line starting
  2 characters further right than the office; a date longer than that leaves 2 characters on its
  right and the office moves left to keep the 2-character step.

Widths come from the faces that render the text (:func:`paigen.docs._fonts.role_measure`), so the
PDF agrees with the rule to a fraction of a millimetre; indents are twips from the right edge of
the text block. A form with several offices (联合行文) lays out one :class:`SignatureLayout` per
office.
"""

from __future__ import annotations

from dataclasses import dataclass

from paigen.docs import _geometry as g
from paigen.docs._fonts import Measure, em_width

TRACKING = -5  # twips after every on-grid character (paigen.docs._styles.TRACKING)


@dataclass(frozen=True)
class Signature:
    office: str
    date: str  # 2026年5月26日
    seal: bool = True


@dataclass(frozen=True)
class SignatureLayout:
    office_right: int  # twips from the block's right edge to the end of the office name
    date_right: int  # ... to the end of the date
    gap_lines: int  # blank lines between the body (or 附件说明) and the office name


def rendered_twips(text: str, measure: Measure = em_width, size_pt: float = g.BODY_PT) -> float:
    """Width of *text* as set on the grid: advances at *size_pt* plus the tracking."""
    return measure(text, "fangsong") * size_pt * 20 + TRACKING * len(text)


def layout(sig: Signature, measure: Measure = em_width) -> SignatureLayout:
    office_w, date_w = rendered_twips(sig.office, measure), rendered_twips(sig.date, measure)
    one = g.CHAR_TWIPS
    if sig.seal:
        date_right = 4 * one
        office_right = max(0.0, date_right + (date_w - office_w) / 2)
        # a 42 mm seal centred a little above the office and date: its top then falls within
        # one line of the body, as §7.3.5.1 asks, when two blank lines come before the office
        gap = 2
    else:
        office_right = 2 * one
        date_right = office_right + office_w - 2 * one - date_w
        if date_right < 2 * one:
            date_right = 2 * one
            office_right = 4 * one + date_w - office_w
        gap = 1
    return SignatureLayout(round(office_right), round(date_right), gap)
