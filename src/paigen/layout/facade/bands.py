"""Facade colour bands: the bands of one wall in wall millimetres, cut around its openings.

x runs from the wall's left end, y up from the ground. :func:`band_widths` applies the preset's
scaling rule, :func:`wall_bands` lays the bands on a wall and cuts the painted areas around its
openings, :func:`name_box` places the centre name on the main front.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from paigen.model.profile import Wall

EPS = 1e-6

KIND_CODES = {"door": "M", "window": "C"}

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
