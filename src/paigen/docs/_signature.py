"""The 署名 and 成文日期 block of GB/T 9704-2012 §7.3.5, as numbers a writer can lay out.

* with a seal (§7.3.5.1): the date right-indented 4 characters, the office centred over it;
* without (§7.3.5.2): the office right-indented 2 characters, the date on the next line starting
  2 characters further right than the office; a date longer than that leaves 2 characters on its
  right and the office moves left to keep the 2-character step.

Widths come from the faces that render the text (:func:`paigen.docs._fonts.role_measure`), so the
PDF agrees with the rule to a fraction of a millimetre; indents are twips from the right edge of
the text block.

Several offices (联合行文, :class:`JointSignature`):

* with seals (§7.3.5.1): the offices side by side in rows of two, each centred under its seal,
  the last one centred over the date; seals 42 mm across never touch and stay inside the block;
* without (§7.3.5.2): the lead office first, the others below it, their first characters
  aligned, the date two characters further right than them.
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
class JointSignature:
    """署名 of a 联合行文: the offices in order, the lead office first."""

    offices: tuple[str, ...]
    date: str
    seal: bool = True


SEAL_MM = 42.0  # an official seal's diameter
SEAL_GAP_MM = 6.0  # at least this much between two seals of a row
SEAL_ROW_LINES = 5  # rows of offices 5 grid lines apart: 51 mm, more than a seal


@dataclass(frozen=True)
class JointLayout:
    """Rows of offices: each office with the twips from the block's left edge to its centre
    (sealed) or from the block's right edge to its end (unsealed, one office a row)."""

    rows: tuple[tuple[tuple[str, int], ...], ...]
    date_right: int
    gap_lines: int
    centred: bool  # True: positions are centres from the left edge


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


def joint_layout(sig: JointSignature, measure: Measure = em_width) -> JointLayout:
    """Where each office of a joint signature goes (see the module docstring)."""
    one = g.CHAR_TWIPS
    full = g.twips(g.BLOCK_W)
    widths = {o: rendered_twips(o, measure) for o in sig.offices}
    date_w = rendered_twips(sig.date, measure)
    if sig.seal:
        right = full - 4 * one - date_w / 2  # centre of the last office and of the date
        pitch = g.twips(SEAL_MM + SEAL_GAP_MM)
        rows: list[tuple[tuple[str, int], ...]] = []
        offices = list(sig.offices)
        pairs = [offices[max(0, i - 2):i] for i in range(len(offices), 0, -2)][::-1]
        for pair in pairs:
            if len(pair) == 1:
                rows.append(((pair[0], round(right)),))
                continue
            a, b = pair
            centre_a = right - max(pitch, (widths[a] + widths[b]) / 2 + 2 * one)
            if centre_a - widths[a] / 2 < 0 or centre_a - g.twips(SEAL_MM) / 2 < 0:
                # names too long to stand side by side: one under the other, both over the date
                rows.extend([((a, round(right)),), ((b, round(right)),)])
                continue
            rows.append(((a, round(centre_a)), (b, round(right))))
        return JointLayout(tuple(rows), round(4 * one), 2, True)
    longest = max(widths.values())
    date_right = longest - date_w
    shift = 0.0
    if date_right < 2 * one:
        shift = 2 * one - date_right
        date_right = 2 * one
    rows = tuple(((o, round(2 * one + shift + longest - widths[o])),) for o in sig.offices)
    return JointLayout(rows, round(date_right), 1, False)
