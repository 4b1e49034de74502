"""GB/T 9704-2012 page geometry and type sizes: the numbers every official document shares.

These are the national standard's values, not local practice, so they are constants. Lengths
are millimetres; :func:`twips` converts at the .docx edge (1 twip = 1/20 pt).
"""

from __future__ import annotations

import math

PAGE_W, PAGE_H = 210.0, 297.0  # A4
TOP, LEFT = 37.0, 28.0  # 天头 and 订口
BLOCK_W, BLOCK_H = 156.0, 225.0  # 版心
RIGHT = PAGE_W - LEFT - BLOCK_W  # 26
BOTTOM = PAGE_H - TOP - BLOCK_H  # 35
LINES, CHARS = 22, 28  # per page, per line

BODY_PT = 16.0  # 3号
TITLE_PT = 22.0  # 2号
FOOTER_PT = 14.0  # 4号: page numbers and 版记

MARK_GAP = 35.0  # 发文机关标志 top edge below the top of the text block
MARK_MAX_MM = 15.0  # widest character of the mark (GB/T 9704-1999: at most 22 × 15 mm)
RULE_GAP = 4.0  # red separator below the document number
PAGE_NUMBER_GAP = 7.0  # 一字线 of the page number below the text block

MM_PER_PT = 25.4 / 72


def twips(mm: float) -> int:
    """Millimetres to whole twips."""
    return round(mm / 25.4 * 1440)


def pt(mm: float) -> float:
    return mm / MM_PER_PT


# Whole twips, rounded down so that 22 lines really fit into the 225 mm block.
LINE_TWIPS = math.floor(BLOCK_H / 25.4 * 1440 / LINES)  # 579
LINE_MM = LINE_TWIPS / 1440 * 25.4
CHAR_PT = pt(BLOCK_W) / CHARS  # 15.79 pt: one character of a full line
CHAR_TWIPS = CHAR_PT * 20


def chars(n: float) -> int:
    """*n* characters of a full line in twips (indents)."""
    return round(n * CHAR_TWIPS)
