"""The type size of a draft's table: 仿宋 3号 when every column fits its longest cell, else 4号.

A table of an official document spans the 版心 (156 mm). Set in 3号 (16 pt), the body's size, when
each column can hold its longest cell on one line — the columns then get that width plus an even
share of what is left — otherwise in 4号 (14 pt) with the widths of :func:`column_widths`, where
long cells wrap.
"""

from __future__ import annotations

import math

from paigen.docs import _geometry as g
from paigen.docs._xml import text_width

SIZES = (16.0, 14.0)  # 3号, 4号
CELL_MARGIN = 57  # twips each side (the OfficialTable style's cell margins)
SLACK = 40  # twips per column for the face's side bearings and rounding


def natural_widths(rows: tuple[tuple[str, ...], ...], size: float) -> list[int]:
    """Each column's width in twips that holds its longest cell on one line at *size* points."""
    cols = max(len(r) for r in rows)
    longest = [max((text_width(r[c]) if c < len(r) else 0 for r in rows), default=0) for c in range(cols)]
    return [math.ceil(max(n, 1) * size * 20) + 2 * CELL_MARGIN + SLACK for n in longest]


def fitted(rows: tuple[tuple[str, ...], ...], fallback: list[int]) -> tuple[float, list[int]]:
    """(size in points, column widths in twips) of a draft's table across the 版心."""
    total = g.twips(g.BLOCK_W)
    natural = natural_widths(rows, SIZES[0])
    if sum(natural) > total:
        return SIZES[1], fallback
    spare = total - sum(natural)
    widths = [n + spare * n // sum(natural) for n in natural]
    widths[-1] = total - sum(widths[:-1])
    return SIZES[0], widths


__all__ = ["SIZES", "fitted", "natural_widths"]
