"""Facade colour bands (seed 000, SPEC §7): band geometry, paint takeoff and A3 elevation sheets.

The geometry is pure and in wall millimetres: x from the wall's left end, y up from the ground.
:func:`band_widths` applies the preset's scaling rule, :func:`wall_bands` lays the bands on one
wall and cuts the painted areas around its openings, :func:`takeoff` sums them per colour, and
:func:`facade_sheet` draws a wall at the largest preset scale that fits the sheet. The DXF of a
wall is drawn from the same :class:`WallBands` by :func:`paigen.backends.dxf.render_dxf`.

The geometry lives in :mod:`~paigen.layout.facade.bands`, the takeoff in
:mod:`~paigen.layout.facade.takeoff` and the sheet in :mod:`~paigen.layout.facade.sheet`; this
module makes a village's facade kit of them and names them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from paigen.errors import LayoutError
from paigen.i18n import _, listing
from paigen.layout.facade.bands import (
    EPS,
    KIND_CODES,
    Area,
    Band,
    Chain,
    Hole,
    NameBox,
    WallBands,
    band_widths,
    cut,
    holes_of,
    name_box,
    name_lines,
    to_step,
    wall_bands,
)
from paigen.layout.facade.sheet import (
    COLOR_NAMES,
    DIM,
    FIRST_TIER,
    HEAD,
    NOTE,
    TIER_GAP,
    color_name,
    facade_sheet,
    legend_lines,
    mm_label,
    pick_scale,
    wall_area_box,
)
from paigen.layout.facade.takeoff import HEADER, TOTAL, paint_csv, takeoff, takeoff_row
from paigen.layout.scene import Artwork
from paigen.layout.signs._common import Context, place_name
from paigen.model.profile import Profile
from paigen.model.settings import Settings


@dataclass(frozen=True)
class FacadeKit:
    """One village's facade deliverables: a drawing per wall, their geometry and the takeoff."""

    drawings: list[Artwork]  # one per wall, type "facade", name = the wall's name
    walls: list[WallBands]  # for render_dxf, in the same order
    takeoff: list[dict]  # rows of HEADER, one per wall, then 合计
    paint_csv: bytes  # the takeoff as CSV (UTF-8 with BOM); empty without walls

def main_front(profile: Profile) -> int | None:
    """The index of the main front: the wall that says main: true, else the first wall."""
    walls = profile.facade.walls
    marked = [i for i, w in enumerate(walls) if w.main]
    if len(marked) > 1:
        names = "、".join(walls[i].name for i in marked)
        raise LayoutError(_("{where}: walls {names} all say main: true; mark only the main front "
                            "(the wall the flagpole stands in front of)",
                            where=_where(profile, "facade"), names=names))
    return marked[0] if marked else (0 if walls else None)

def _where(profile: Profile, name: str) -> str:
    return f"{place_name(profile.village)} {name}"

def facade_walls(profile: Profile, settings: Settings) -> list[WallBands]:
    """Every wall of *profile* with its bands, openings, drawing scale and main-front marks.

    Needs no fonts: documents can take the paint areas from ``takeoff(facade_walls(...))``.
    """
    spec = settings.section("facade")
    sheet = tuple(float(v) for v in spec["sheet_mm"])
    township, center = profile.village.township, profile.center.name
    main = main_front(profile)
    walls = []
    for i, wall in enumerate(profile.facade.walls):
        scale = pick_scale(wall.length_mm, wall.height_mm, spec["scales"], sheet)
        if scale is None:
            raise LayoutError(_("{where}: the wall ({length} × {height} mm) does not fit the "
                                "{w} × {h} mm sheet at any of the scales {scales}; add a larger "
                                "scale to facade.scales in paigen.yaml",
                                where=_where(profile, wall.name), length=f"{wall.length_mm:g}",
                                height=f"{wall.height_mm:g}", w=f"{sheet[0]:g}", h=f"{sheet[1]:g}",
                                scales=listing(f"1:{s}" for s in spec["scales"])))
        place = center if township in center else f"{township}{center}"
        walls.append(wall_bands(wall, spec, scale=scale, main=i == main, place=place,
                                center_name=center, name_spec=settings.sign("center-name"),
                                village=profile.village.name))
    return walls

def center_name_plan(profile: Profile, settings: Settings) -> NameBox | None:
    """The centre name as set on the main front (letter height, gap, lines), or None without one.

    The centre-name sheet draws the same letters, so the facade and the sheet agree.
    """
    if not profile.facade.walls:
        return None
    try:
        walls = facade_walls(profile, settings)
    except LayoutError:
        return None  # the facade drawing reports it
    return next((w.name_box for w in walls if w.main), None)

def facade_kit(ctx: Context) -> FacadeKit:
    """Lay out every wall of the profile: drawings, band geometry and the paint takeoff."""
    walls = facade_walls(ctx.profile, ctx.settings)
    rows = takeoff(walls)
    return FacadeKit([facade_sheet(ctx, w) for w in walls], walls, rows, paint_csv(rows) if rows else b"")


__all__ = [
    "COLOR_NAMES", "DIM", "EPS", "FIRST_TIER", "HEAD", "HEADER", "KIND_CODES", "NOTE", "TIER_GAP", "TOTAL",
    "Area", "Band", "Chain", "FacadeKit", "Hole", "NameBox", "WallBands", "band_widths", "center_name_plan",
    "color_name", "cut", "facade_kit", "facade_sheet", "facade_walls", "holes_of", "legend_lines",
    "main_front", "mm_label", "name_box", "name_lines", "paint_csv", "pick_scale", "takeoff", "takeoff_row",
    "to_step", "wall_area_box", "wall_bands",
]
