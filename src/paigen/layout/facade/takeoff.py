"""Paint takeoff: the painted area of each wall per colour, in square metres that add up."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from paigen.layout.facade.bands import WallBands

HEADER = ("wall", "wall_m2", "openings_m2", "red_m2", "white_m2")

TOTAL = "合计"

def _cents(mm2: float) -> Decimal:
    return Decimal(repr(mm2 / 1e4))

def _split(total: int, parts: Sequence[Decimal]) -> list[int]:
    """Round *parts* to whole cents that add up to *total* (largest remainders get the odd cents)."""
    floors = [int(p) for p in parts]
    rest = total - sum(floors)
    order = sorted(range(len(parts)), key=lambda i: parts[i] - floors[i], reverse=True)
    for i in order[: max(rest, 0)]:
        floors[i] += 1
    return floors

def takeoff_row(wall: WallBands) -> dict:
    """One wall's paint areas in m² (2 decimals): red + white + openings = wall, exactly.

    Every band colour other than the main wall's counts as red (the seed's scheme is red and
    white); the parts are rounded so that the printed figures add up.
    """
    total = int(_cents(wall.wall_area).quantize(Decimal(1), ROUND_HALF_UP))
    areas = wall.areas()
    white = sum(v for k, v in areas.items() if k == wall.main_wall)
    red = sum(v for k, v in areas.items() if k != wall.main_wall)
    openings, red_c, white_c = _split(total, [_cents(wall.openings_area), _cents(red), _cents(white)])
    return {"wall": wall.name, "wall_m2": total / 100, "openings_m2": openings / 100, "red_m2": red_c / 100,
            "white_m2": white_c / 100}

def takeoff(walls: Sequence[WallBands]) -> list[dict]:
    """One row per wall and a total row (合计); empty when the profile has no walls."""
    rows = [takeoff_row(w) for w in walls]
    if rows:
        total: dict = {"wall": TOTAL}
        for key in HEADER[1:]:
            total[key] = sum(round(r[key] * 100) for r in rows) / 100
        rows.append(total)
    return rows

def paint_csv(rows: Sequence[dict]) -> bytes:
    """The takeoff as CSV, UTF-8 with a BOM and CRLF so that Excel opens the Chinese correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([row["wall"], *(f"{row[k]:.2f}" for k in HEADER[1:])])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
