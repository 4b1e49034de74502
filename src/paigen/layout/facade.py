"""Facade colour bands (seed 000, SPEC §7): band geometry, paint takeoff and A3 elevation sheets.

The geometry is pure and in wall millimetres: x from the wall's left end, y up from the ground.
:func:`band_widths` applies the preset's scaling rule, :func:`wall_bands` lays the bands on one
wall and cuts the painted areas around its openings, :func:`takeoff` sums them per colour, and
:func:`facade_sheet` draws a wall at the largest preset scale that fits the sheet. The DXF of a
wall is drawn from the same :class:`WallBands` by :func:`paigen.backends.dxf.render_dxf`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from paigen.errors import LayoutError
from paigen.layout.drawing import (
    FRAME,
    INK,
    chain,
    chain_depth,
    drawing_date,
    frame,
    title_block,
    title_block_box,
)
from paigen.layout.scene import Artwork, Box, Item, Page, Rect, Stroke
from paigen.layout.shapes import polyline
from paigen.layout.signs._common import Context
from paigen.model.profile import Profile, Wall
from paigen.model.settings import Settings

EPS = 1e-6
DIM = 3.0  # mm, dimension figures
NOTE = 3.2  # mm, legend text
HEAD = 5.0  # mm, the sheet heading
# The sheet: heading row at the top, legend and title block in a zone at the bottom, and margins
# around the wall for the chains of dimensions (left: bands and height; right: openings' heights;
# below: openings and length; above: centre name and flagpole).
TOP_ROW, BOTTOM_ZONE = 14.0, 62.0
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 38.0, 26.0, 22.0, 28.0
FIRST_TIER, TIER_GAP = 8.0, 3.0
HEADER = ("wall", "wall_m2", "openings_m2", "red_m2", "white_m2")
TOTAL = "合计"
KIND_CODES = {"door": "M", "window": "C"}
COLOR_NAMES = {"party-red": "红", "white": "白", "gold": "金", "black": "黑", "door-blue": "蓝"}


# -- geometry (wall mm) -------------------------------------------------------------------------
@dataclass(frozen=True)
class Area:
    """A rectangle on the wall: left x from the wall's left end, bottom y above the ground, in mm."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def area(self) -> float:
        return self.w * self.h

    def clip(self, other: Area) -> Area | None:
        """The overlap of two areas, or None when they only touch or are apart."""
        x0, x1 = max(self.x, other.x), min(self.right, other.right)
        y0, y1 = max(self.y, other.y), min(self.top, other.top)
        if x1 - x0 <= EPS or y1 - y0 <= EPS:
            return None
        return Area(x0, y0, x1 - x0, y1 - y0)


@dataclass(frozen=True)
class Band:
    """One colour band across the wall; the white main wall is a band too."""

    color: str  # swatch name
    bottom: float  # mm above the ground
    top: float
    part: str  # bottom | main | top
    standard: float | None  # the preset's width before scaling (None for the main wall)
    regions: tuple[Area, ...]  # what gets painted: the band minus the openings

    @property
    def width(self) -> float:
        return self.top - self.bottom

    @property
    def area(self) -> float:
        return sum(r.area for r in self.regions)


@dataclass(frozen=True)
class Hole:
    """An opening of the wall with its drawing code (M1, C1: one code per kind and size)."""

    index: int  # position in wall.openings
    kind: str
    code: str
    area: Area


@dataclass(frozen=True)
class NameBox:
    """Where the centre name sits on the main front: centred on the white main wall.

    One or two lines of square letters *letter_mm* high with *gap_mm* between letters (and
    between the lines); the centre-name sheet draws the same letters.
    """

    area: Area
    text: str
    letter_mm: float  # character height (and width)
    gap_mm: float = 0.0
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chain:
    """A chain of dimensions: stops (wall mm) along x or y, drawn on *side*, *tier* rows out."""

    axis: str  # x | y
    side: str  # left | right | above | below
    tier: int
    stops: tuple[float, ...]


@dataclass(frozen=True)
class WallBands:
    """Everything one wall's drawing, DXF and takeoff need, in wall millimetres."""

    name: str
    length: float
    height: float
    bands: tuple[Band, ...]  # bottom to top, the main wall included
    holes: tuple[Hole, ...]
    factor: float  # 1.0: the standard widths; below 1: every band scaled by it
    main_wall: str  # swatch of the main wall
    scale: int  # drawing scale 1:scale of the sheet (the DXF sizes its annotation by it)
    main: bool = False  # the main front: flagpole centre mark and centre name
    place: str = ""  # the project in the title block: 堂二里镇东庄村党员群众服务中心
    center_name: str = ""
    name_box: NameBox | None = None

    @property
    def scaled(self) -> bool:
        return self.factor < 1 - EPS

    @property
    def wall_area(self) -> float:
        return self.length * self.height

    @property
    def openings_area(self) -> float:
        return sum(h.area.area for h in self.holes)

    @property
    def flagpole_x(self) -> float | None:
        """The flagpole's centre line (seed 000: centred in front of the main building)."""
        return self.length / 2 if self.main else None  # the wall's own centre, as the builder finds it

    def areas(self) -> dict[str, float]:
        """Painted mm² per swatch, openings subtracted."""
        out: dict[str, float] = {}
        for band in self.bands:
            out[band.color] = out.get(band.color, 0.0) + band.area
        return out

    @property
    def chains(self) -> tuple[Chain, ...]:
        """The dimensions a builder needs: bands, height, openings, length, centre name and pole."""
        edges = _unique([0.0, *(b.top for b in self.bands)])
        out = [Chain("y", "left", 0, edges), Chain("y", "left", 1, (0.0, self.height))]
        if self.holes:
            ys = [0.0, self.height, *(v for h in self.holes for v in (h.area.y, h.area.top))]
            xs = [0.0, self.length, *(v for h in self.holes for v in (h.area.x, h.area.right))]
            out += [Chain("y", "right", 0, _unique(ys)), Chain("x", "below", 0, _unique(xs))]
        out.append(Chain("x", "below", 1 if self.holes else 0, (0.0, self.length)))
        if self.main:
            xs = [0.0, self.length / 2, self.length]
            if self.name_box:
                xs += [self.name_box.area.x, self.name_box.area.right]
            out.append(Chain("x", "above", 0, _unique(xs)))
        return tuple(out)


def _unique(values: Sequence[float]) -> tuple[float, ...]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > 0.5:  # half a millimetre apart is the same line on a wall
            out.append(v)
    return tuple(out)


def band_widths(height: float, bottom: Sequence[float], top: Sequence[float],
                min_main_ratio: float, step: float = 0.0) -> tuple[float, list[float], list[float]]:
    """The scale factor and the band widths of a wall *height* mm high.

    The standard widths stay while the main wall keeps at least *min_main_ratio* of the height;
    otherwise every band is scaled by one factor so that the bands take the rest, each rounded
    to the building *step* (the remainder stays with the main wall, which takes what is left).
    """
    total = sum(bottom) + sum(top)
    if total <= 0 or height - total >= min_main_ratio * height - EPS:
        return 1.0, list(bottom), list(top)
    factor = (1 - min_main_ratio) * height / total
    return factor, [to_step(w * factor, step) for w in bottom], [to_step(w * factor, step) for w in top]


def to_step(value: float, step: float, least: bool = True) -> float:
    """*value* rounded to the building step (builders work in 5 mm); never below one step."""
    if step <= 0:
        return value
    rounded = round(value / step + 1e-9) * step
    return max(step, rounded) if least else rounded


def cut(area: Area, holes: Sequence[Area]) -> tuple[Area, ...]:
    """The parts of *area* outside *holes*, as disjoint rectangles (left to right, bottom up)."""
    inside = [c for c in (area.clip(h) for h in holes) if c]
    xs = _sorted_unique([area.x, area.right, *(v for c in inside for v in (c.x, c.right))])
    slabs: list[tuple[float, float, tuple[tuple[float, float], ...]]] = []
    for x0, x1 in pairwise(xs):
        covered = sorted((c.y, c.top) for c in inside if c.x <= x0 + EPS and c.right >= x1 - EPS)
        free, y = [], area.y
        for y0, y1 in covered:
            if y0 - y > EPS:
                free.append((y, y0))
            y = max(y, y1)
        if area.top - y > EPS:
            free.append((y, area.top))
        key = tuple(free)
        if slabs and abs(slabs[-1][1] - x0) < EPS and _same(slabs[-1][2], key):
            slabs[-1] = (slabs[-1][0], x1, slabs[-1][2])  # same free spans: widen the slab
        else:
            slabs.append((x0, x1, key))
    return tuple(Area(x0, y0, x1 - x0, y1 - y0) for x0, x1, spans in slabs for y0, y1 in spans)


def _sorted_unique(values: Sequence[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > EPS:
            out.append(v)
    return out


def _same(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(abs(p - q) < EPS for s, t in zip(a, b, strict=True)
                                    for p, q in zip(s, t, strict=True))


def holes_of(wall: Wall) -> tuple[Hole, ...]:
    """The wall's openings with codes: M1, M2... for doors, C1... for windows, one per size."""
    codes: dict[tuple, str] = {}
    counts: dict[str, int] = {}
    out = []
    for i, op in enumerate(wall.openings):
        key = (op.kind, op.width_mm, op.height_mm)
        if key not in codes:
            counts[op.kind] = counts.get(op.kind, 0) + 1
            codes[key] = f"{KIND_CODES.get(op.kind, 'D')}{counts[op.kind]}"
        out.append(Hole(i, op.kind, codes[key], Area(op.x_mm, op.sill_mm, op.width_mm, op.height_mm)))
    return tuple(out)


def wall_bands(wall: Wall, spec: dict, *, scale: int, main: bool = False, place: str = "",
               center_name: str = "", name_spec: dict | None = None, village: str = "") -> WallBands:
    """Lay the preset's bands (*spec* = the facade section) on *wall* and cut them at its openings."""
    bottom_spec, top_spec = spec["bottom_bands"], spec["top_bands"]
    step = float(spec.get("step_mm", 0) or 0)
    factor, bottom, top = band_widths(wall.height_mm, [float(b["mm"]) for b in bottom_spec],
                                      [float(b["mm"]) for b in top_spec], float(spec["min_main_wall_ratio"]),
                                      step)
    holes = holes_of(wall)
    hole_areas = [h.area for h in holes]

    def band(color: str, y0: float, y1: float, part: str, standard: float | None) -> Band:
        regions = cut(Area(0.0, y0, wall.length_mm, y1 - y0), hole_areas)
        return Band(color, y0, y1, part, standard, regions)

    bands: list[Band] = []
    y = 0.0
    for b, width in zip(bottom_spec, bottom, strict=True):
        bands.append(band(b["color"], y, y + width, "bottom", float(b["mm"])))
        y += width
    main_bottom, main_top = y, wall.height_mm - sum(top)
    if main_top - main_bottom > EPS:
        bands.append(band(spec["main_wall"], main_bottom, main_top, "main", None))
    y = wall.height_mm
    top_bands = []
    for b, width in zip(top_spec, top, strict=True):  # listed from the roof line down
        top_bands.append(band(b["color"], y - width, y, "top", float(b["mm"])))
        y -= width
    bands += reversed(top_bands)
    box = None
    if main and center_name and name_spec:
        box = name_box(wall, main_bottom, main_top, center_name, float(name_spec["letter_height_mm"]),
                       float(name_spec["letter_gap_ratio"]), step, village)
    return WallBands(wall.name, wall.length_mm, wall.height_mm, tuple(bands), holes, factor,
                     spec["main_wall"], scale, main, place, center_name, box)


def name_lines(text: str, village: str = "") -> list[tuple[str, ...]]:
    """The ways to set the centre name: one line, then two (after the village's name, or halved)."""
    chars = "".join(c for c in text if not c.isspace())
    out: list[tuple[str, ...]] = [(chars,)]
    if village and chars.startswith(village) and 0 < len(village) < len(chars):
        out.append((village, chars[len(village):]))
    half = (len(chars) + 1) // 2
    if len(chars) > 1 and (chars[:half], chars[half:]) not in out:
        out.append((chars[:half], chars[half:]))
    return out


def name_box(wall: Wall, low: float, high: float, text: str, letter: float,
             gap_ratio: float, step: float = 0.0, village: str = "") -> NameBox | None:
    """The centre name's box: centred on the wall, as high as the white main wall allows.

    Clear of the bands and openings by a quarter of the letter height. A name too long for the
    front goes on two lines before its letters shrink; they shrink in 50 mm steps when neither
    fits, down to a third of the preset size (smaller would not read from the road), below which
    the name belongs on the roof and the front gets no box. Sizes and positions are rounded to
    the building *step*.
    """
    h = letter
    while text.strip() and h >= letter / 3 - EPS:
        gap = to_step(h * gap_ratio, step, least=False)
        clear = h / 4
        for lines in name_lines(text, village):
            n = max(len(line) for line in lines)
            w = n * h + (n - 1) * gap
            bh = len(lines) * h + (len(lines) - 1) * gap
            x = to_step((wall.length_mm - w) / 2, step, least=False)
            if w > wall.length_mm - 2 * clear:
                continue
            blocked = sorted((op.sill_mm - clear, op.top_mm + clear) for op in wall.openings
                             if op.x_mm < x + w + clear and op.right_mm > x - clear)
            spans, y = [], low + clear
            for y0, y1 in blocked:
                if y0 > y:
                    spans.append((y, y0))
                y = max(y, y1)
            spans.append((y, high - clear))
            fitting = [(a, b) for a, b in spans if b - a >= bh - EPS]
            if fitting:
                a, b = fitting[-1]  # the highest free span: a name sign goes up high
                y = to_step((a + b - bh) / 2, step, least=False)
                if step > 0 and (y < a - EPS or y + bh > b + EPS):  # rounding left the span
                    y = min(b - bh, max(a, (a + b - bh) / 2))
                return NameBox(Area(x, y, w, bh), text, h, gap, lines)
        h -= 50
    return None


def pick_scale(length: float, height: float, scales: Sequence[int], sheet: tuple[float, float]) -> int | None:
    """The smallest preset scale (largest drawing) at which the wall fits the sheet's drawing area."""
    area = wall_area_box(*sheet)
    return next((s for s in sorted(scales) if length / s <= area.w and height / s <= area.h), None)


def wall_area_box(sheet_w: float, sheet_h: float) -> Box:
    """The part of the sheet a wall may take, its dimensions and notes left around it."""
    x = FRAME + 4 + MARGIN_LEFT
    y = FRAME + TOP_ROW + MARGIN_TOP
    right = sheet_w - FRAME - 4 - MARGIN_RIGHT
    bottom = sheet_h - FRAME - BOTTOM_ZONE - MARGIN_BOTTOM
    return Box(x, y, right - x, bottom - y)


# -- takeoff ------------------------------------------------------------------------------------
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


# -- the sheet ----------------------------------------------------------------------------------
def mm_label(value: float) -> str:
    """A dimension figure: whole millimetres, one decimal where scaled bands need it."""
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def color_name(name: str) -> str:
    return COLOR_NAMES.get(name, name)


def legend_lines(wall: WallBands, settings: Settings) -> list[tuple[str, str | None]]:
    """The legend as (text, swatch) lines; a swatch line gets a colour chip in front."""
    spec = settings.section("facade")
    lines: list[tuple[str, str | None]] = [("色带图例", None)]
    for color in dict.fromkeys(b.color for b in wall.bands):
        sw = settings.swatch(color)
        lines.append((f"{color_name(color)}色  {sw.describe()}  {sw.note}".rstrip(), color))
    def widths(bands) -> str:
        return "、".join(f"{color_name(b.color)} {mm_label(b.width)}" for b in bands)

    bottom = widths(b for b in wall.bands if b.part == "bottom")
    top = widths(b for b in reversed(wall.bands) if b.part == "top")
    main = next((b for b in wall.bands if b.part == "main"), None)
    rest = f"；其间为{color_name(main.color)}色主墙 {mm_label(main.width)}" if main else ""
    lines.append((f"自地面向上：{bottom}；屋面线向下：{top}{rest}（mm）", None))
    lines.append((f"缩放规则：{spec['rule_text']}", None))
    standard = sum(b.standard or 0 for b in wall.bands)
    ratio = float(spec["min_main_wall_ratio"])
    bands = wall.height - (main.width if main else 0)
    if wall.scaled:
        lines.append((f"本立面：标准色带合计 {mm_label(standard)} mm，白色主墙仅占墙高 "
                      f"{(wall.height - standard) / wall.height:.0%}（< {ratio:.0%}），全部色带按 "
                      f"{wall.factor:.3f} 缩放，色带合计 {mm_label(bands)} mm，占墙高 {1 - ratio:.0%}", None))
    else:
        lines.append((f"本立面：白色主墙占墙高 {1 - bands / wall.height:.0%}（≥ {ratio:.0%}），"
                      "采用标准色带宽度", None))
    row = takeoff_row(wall)
    lines.append((f"涂刷面积：红色 {row['red_m2']:.2f} m²，白色 {row['white_m2']:.2f} m²（墙面 "
                  f"{row['wall_m2']:.2f} m²，扣除门窗洞口 {row['openings_m2']:.2f} m²）", None))
    if wall.main:
        box = wall.name_box
        if box:
            rows = "，分两行" if len(box.lines) > 1 else ""
            lines.append((f"名称标识：{box.text}{rows}，字高 {box.letter_mm:.0f} mm，"
                          f"字距 {box.gap_mm:.0f} mm，总长 {box.area.w:.0f} mm，于主立面居中，"
                          f"底边距地 {box.area.y:.0f} mm；"
                          "旗杆位于主体建筑前中央", None))
        else:
            lines.append(("名称标识：主立面白色主墙无足够位置，置于楼顶居中；旗杆位于主体建筑前中央", None))
    lines.append(("注：尺寸单位为毫米；门窗洞口处色带断开；M 门，C 窗，同尺寸同编号", None))
    return lines


class _Sheet:
    """One wall drawn on an A3 sheet: paper mm, y down, ground line at *ground*."""

    def __init__(self, ctx: Context, wall: WallBands, size: tuple[float, float]):
        self.ctx, self.wall, self.engine = ctx, wall, ctx.engine
        self.w, self.h = size
        self.s = wall.scale
        area = wall_area_box(*size)
        self.x0 = area.x + (area.w - wall.length / self.s) / 2
        self.ground = area.y + (area.h + wall.height / self.s) / 2
        self.items: list[Item] = []

    def px(self, x: float) -> float:
        return self.x0 + x / self.s

    def py(self, y: float) -> float:
        return self.ground - y / self.s

    def box(self, a: Area) -> Box:
        return Box(self.px(a.x), self.py(a.top), a.w / self.s, a.h / self.s)

    def draw(self) -> list[Item]:
        wall = self.wall
        for band in wall.bands:
            self.items += [Rect(self.box(r), fill=band.color, name=f"band-{band.color}")
                           for r in band.regions]
        outline = Box(self.px(0), self.py(wall.height), wall.length / self.s, wall.height / self.s)
        self.items.append(Rect(outline, stroke=Stroke(INK, 0.35), name="wall"))
        for hole in wall.holes:
            self.opening(hole)
        self.items.append(polyline([(outline.x - 6, self.ground), (outline.right + 6, self.ground)],
                                   Stroke(INK, 0.7), name="ground"))
        if wall.name_box:
            self.name_box(wall.name_box)
        if wall.flagpole_x is not None:
            self.flagpole(wall.flagpole_x)
        self.chains()
        self.heading()
        self.legend()
        self.items += title_block(self.engine, self.w, self.h, self.title_rows())
        self.items.append(frame(self.w, self.h))
        return self.items

    def opening(self, hole: Hole) -> None:
        box = self.box(hole.area)
        inset = min(0.6, box.w / 6, box.h / 6)
        self.items.append(Rect(box, fill="white", stroke=Stroke(INK, 0.3), name=f"opening-{hole.kind}"))
        # A window shows its frame all round; a door's frame stops at the threshold.
        inner = Box(box.x + inset, box.y + inset, box.w - 2 * inset,
                    box.h - (2 * inset if hole.kind == "window" else inset))
        self.items.append(Rect(inner, stroke=Stroke(INK, 0.15), name="opening-frame"))
        a = hole.area
        lines = [hole.code, f"{a.w:.0f}×{a.h:.0f}"]
        font = self.engine.font("hei")
        for size in (DIM - 0.5, DIM - 1.0):
            fits = [line for line in lines if font.width(line, size) <= inner.w - 1]
            if fits == lines and len(lines) * size * 1.25 <= inner.h - 1:
                break
            fits = lines[:1] if font.width(lines[0], size) <= inner.w - 1 and size * 1.3 <= inner.h else []
            if fits:
                lines = fits
                break
        else:
            return
        self.items.append(self.engine.place(lines, "hei", size, inner, INK, leading=1.25,
                                            name="opening-label"))

    def name_box(self, box: NameBox) -> None:
        spec = self.ctx.spec("center-name")
        paper = self.box(box.area)
        self.items.append(Rect(paper.inset(-0.8), stroke=Stroke(spec["color"], 0.3, (1.5, 0.8)),
                               name="name-box"))
        size, pitch = box.letter_mm / self.s, (box.letter_mm + box.gap_mm) / self.s
        for i, line in enumerate(box.lines or (box.text,)):
            n = len(line)
            w = (n * box.letter_mm + (n - 1) * box.gap_mm) / self.s
            row = Box(paper.x + (paper.w - w) / 2, paper.y + i * pitch, w, size)
            self.items.append(self.engine.place([line], spec["font"], size, row, spec["color"],
                                                align="distribute" if n > 1 else "center",
                                                field="center.name", name="center-name"))

    def flagpole(self, x: float) -> None:
        """The flagpole's centre line, above the wall only: across it would cut the opening labels."""
        px, wall_top = self.px(x), self.py(self.wall.height)
        top = wall_top - FIRST_TIER - chain_depth(self.engine, [], "x", DIM) - 2.0
        self.items.append(self.engine.line("旗杆中心线", "hei", DIM, px, top - DIM - 1.0, INK,
                                           anchor="center", name="flagpole-label"))
        dash = Stroke(INK, 0.18, (6.0, 1.0, 1.0, 1.0))
        self.items.append(polyline([(px, top), (px, wall_top)], dash, name="flagpole"))

    def chains(self) -> None:
        reach = {"left": self.px(0), "right": self.px(self.wall.length), "above": self.py(self.wall.height),
                 "below": self.ground}
        sign = {"left": -1, "right": 1, "above": -1, "below": 1}
        for side in ("left", "right", "above", "below"):
            at = reach[side] + sign[side] * FIRST_TIER
            for ch in sorted((c for c in self.wall.chains if c.side == side), key=lambda c: c.tier):
                paper = sorted(self.px(v) if ch.axis == "x" else self.py(v) for v in ch.stops)
                along = [abs(b - a) * self.s for a, b in pairwise(paper)]
                labels = [mm_label(v) for v in along]
                self.items += chain(self.engine, ch.axis, paper, at, [reach[side]] * len(paper), sign[side],
                                    labels, size=DIM, name=f"dim-{side}")
                at += sign[side] * (chain_depth(self.engine, labels, ch.axis, DIM) + TIER_GAP)

    def heading(self) -> None:
        wall = self.wall
        text = f"{wall.name}外墙色带立面图" + ("（主立面）" if wall.main else "") + f"  1:{self.s}"
        self.items.append(self.engine.line(text, "hei", HEAD, FRAME + 6, FRAME + 5, INK, name="heading"))

    def legend(self) -> None:
        block = title_block_box(self.w, self.h, len(self.title_rows()))
        x0, top = FRAME + 6, self.h - FRAME - BOTTOM_ZONE + 4
        width, height = block.x - 6 - x0, self.h - FRAME - 2 - top
        chip = 7.0
        for size in (NOTE, 3.0, 2.8, 2.6, 2.5):
            laid = []
            for text, color in legend_lines(self.wall, self.ctx.settings):
                indent = chip + 2 if color else 0
                for k, line in enumerate(self.engine.break_lines(text, "hei", size, width - indent)):
                    laid.append((line, color if k == 0 else None, indent))
            pitch = size * 1.45
            if len(laid) * pitch <= height:
                break
        else:
            raise LayoutError(f"{self.ctx.where(self.wall.name)}: the facade legend does not fit the sheet; "
                              "shorten facade.rule_text in paigen.yaml")
        y = top
        for line, color, indent in laid:
            if color:
                self.items.append(Rect(Box(x0, y + (size - chip / 2) / 2, chip, chip / 2), fill=color,
                                       stroke=Stroke(INK, 0.15), name="legend-chip"))
            self.items.append(self.engine.line(line, "hei", size, x0 + indent, y, INK, name="legend"))
            y += pitch

    def title_rows(self) -> list[tuple[str, str]]:
        wall = self.wall
        rule = (f"按 {wall.factor:.3f} 缩放（色带合计占墙高 50%）" if wall.scaled else "标准宽度")
        return [("图名", f"外墙色带立面图（{wall.name}）"), ("项目", wall.place),
                ("比例", f"1:{wall.scale}"), ("色带", rule), ("日期", drawing_date(self.ctx.settings))]


def facade_sheet(ctx: Context, wall: WallBands) -> Artwork:
    """The A3 elevation drawing of one wall."""
    spec = ctx.settings.section("facade")
    w, h = (float(v) for v in spec["sheet_mm"])
    items = _Sheet(ctx, wall, (w, h)).draw()
    page = Page(w, h, 0.0, tuple(items), "white")
    note = f"比例1:{wall.scale}，" + (f"色带按{wall.factor:.3f}缩放" if wall.scaled else "标准色带")
    return Artwork("facade", wall.name, f"外墙色带立面图 {wall.name}", (page,), kind="drawing",
                   quantity=1, note=note, safe_margin=ctx.safe_margin(w, h),
                   meta={"scale": wall.scale, "band_factor": wall.factor, "main": wall.main})


# -- the kit ------------------------------------------------------------------------------------
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
        raise LayoutError(f"{_where(profile, 'facade')}: walls {names} all say main: true; "
                          "mark only the main front (the wall the flagpole stands in front of)")
    return marked[0] if marked else (0 if walls else None)


def _where(profile: Profile, name: str) -> str:
    return f"{profile.village.township}{profile.village.name} {name}"


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
            raise LayoutError(f"{_where(profile, wall.name)}: the wall ({wall.length_mm:g} × "
                              f"{wall.height_mm:g} mm) does not fit the {sheet[0]:g} × {sheet[1]:g} mm "
                              "sheet at any of the scales "
                              f"1:{', 1:'.join(map(str, spec['scales']))}; add a larger scale to "
                              "facade.scales in paigen.yaml")
        walls.append(wall_bands(wall, spec, scale=scale, main=i == main, place=f"{township}{center}",
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
