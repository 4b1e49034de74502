"""The type size of a draft's table: 仿宋 3号 when every column fits its longest cell, else 4号.

A table of an official document spans the 版心 (156 mm). Set in 3号 (16 pt), the body's size, when
each column can hold its longest cell on one line — the columns then get that width plus a share
of what is left — otherwise in 4号 (14 pt), where the short columns still keep their cells on one
line and the long ones wrap.
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
    """(size in points, column widths in twips) of a draft's table across the 版心.

    In 3号 every column gets its longest cell plus an even share of the rest; in 4号 the short
    columns keep their longest cell on one line (序号, 村名, a phone number) and the long ones
    share what is left, wrapping (*fallback* when even the short ones do not fit)."""
    total = g.twips(g.BLOCK_W)
    natural = natural_widths(rows, SIZES[0])
    if sum(natural) <= total:
        return SIZES[0], _spread(natural, total)
    natural = natural_widths(rows, SIZES[1])
    if sum(natural) <= total:
        return SIZES[1], _spread(natural, total)
    remaining, left = total, len(natural)
    for n in sorted(natural):  # water-filling: the cap the long columns share
        if n * left > remaining:
            break
        remaining, left = remaining - n, left - 1
    cap = remaining // left
    if cap < min(natural):
        return SIZES[1], fallback
    widths = [min(n, cap) for n in natural]
    capped = [i for i, n in enumerate(natural) if n > cap]
    widths[capped[-1]] += total - sum(widths)
    return SIZES[1], widths


def _spread(natural: list[int], total: int) -> list[int]:
    """*natural* widths with the rest of *total* shared in proportion."""
    spare = total - sum(natural)
    widths = [n + spare * n // sum(natural) for n in natural]
    widths[-1] = total - sum(widths[:-1])
    return widths


__all__ = ["SIZES", "fitted", "natural_widths"]
