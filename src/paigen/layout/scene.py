"""The backend-free scene: what an artwork looks like, in millimetres.

Sign types produce :class:`Artwork` objects; the PDF, SVG and PNG backends only draw them, so
the files of one artwork cannot drift apart. Coordinates are millimetres from the top-left
corner of the trim (y grows downwards); bleed lies outside ``0..width`` and ``0..height``.
Colours are swatch names of the settings, resolved to CMYK (print) or RGB (screen) by the
backends. Text arrives already shaped: every glyph with its face and its transform.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from paigen.fonts.metrics import FaceKey

Op = tuple  # ("M", x, y) | ("L", x, y) | ("C", x1, y1, x2, y2, x, y) | ("Z",)
Matrix = tuple[float, float, float, float, float, float]


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in mm: left, top, width, height."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def inset(self, dx: float, dy: float | None = None) -> Box:
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)

    def contains(self, other: Box, tolerance: float = 1e-6) -> bool:
        return (other.x >= self.x - tolerance and other.y >= self.y - tolerance
                and other.right <= self.right + tolerance and other.bottom <= self.bottom + tolerance)

    def union(self, other: Box) -> Box:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Box(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)


@dataclass(frozen=True)
class Stroke:
    color: str
    width: float  # mm
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Rect:
    """A filled and/or stroked rectangle (optionally rounded)."""

    box: Box
    fill: str | None = None
    stroke: Stroke | None = None
    radius: float = 0.0
    name: str = ""


@dataclass(frozen=True)
class Path:
    """A filled and/or stroked path of move/line/cubic/close operations in mm."""

    ops: tuple[Op, ...]
    fill: str | None = None
    stroke: Stroke | None = None
    name: str = ""
    evenodd: bool = False  # fill rule: even-odd instead of non-zero (placed vector art)

    def bounds(self) -> Box:
        xs = [v for op in self.ops for v in op[1::2]]
        ys = [v for op in self.ops for v in op[2::2]]
        return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


@dataclass(frozen=True)
class Glyph:
    """One glyph: its character, face, glyph name and the font-units → mm transform."""

    char: str
    face: FaceKey
    glyph: str
    matrix: Matrix  # maps font units (y up) to scene mm (y down)
    advance: float = 0.0  # mm along the line, for live text


@dataclass(frozen=True)
class Text:
    """A shaped text: the string, its role, size and colour, and the glyphs that draw it."""

    text: str
    role: str
    size: float  # em size in mm
    color: str
    glyphs: tuple[Glyph, ...]
    box: Box  # the area the text occupies (em boxes of its lines)
    field: str = ""  # where the text comes from in the profile, for messages
    vertical: bool = False
    name: str = ""


@dataclass(frozen=True)
class QRCode:
    """A QR code drawn as vector squares; ``modules`` rows of dark (True) modules."""

    box: Box  # the whole code including its quiet zone
    data: str
    modules: tuple[tuple[bool, ...], ...]
    color: str
    border: int = 2

    def squares(self) -> list[Box]:
        """Dark modules merged into horizontal runs, in mm."""
        n = len(self.modules) + 2 * self.border
        unit = self.box.w / n
        out = []
        for r, row in enumerate(self.modules):
            c = 0
            while c < len(row):
                if row[c]:
                    start = c
                    while c < len(row) and row[c]:
                        c += 1
                    out.append(Box(self.box.x + (start + self.border) * unit,
                                   self.box.y + (r + self.border) * unit, (c - start) * unit, unit))
                else:
                    c += 1
        return out


@dataclass(frozen=True)
class Slot:
    """An area reserved for an external file (the emblem); drawn only when a file is given."""

    box: Box
    name: str
    file: str | None = None


@dataclass(frozen=True)
class Image:
    """A raster picture (JPEG or PNG bytes) stretched to *box*: proof thumbnails, never print art."""

    box: Box
    data: bytes = field(repr=False)
    name: str = ""


Item = Rect | Path | Text | QRCode | Slot | Image


@dataclass(frozen=True)
class Page:
    """One page: trim size, bleed, background (filling the bleed too) and items in order."""

    width: float
    height: float
    bleed: float
    items: tuple[Item, ...]
    background: str | None = None

    @property
    def trim(self) -> Box:
        return Box(0, 0, self.width, self.height)

    @property
    def texts(self) -> list[Text]:
        return [i for i in self.items if isinstance(i, Text)]


@dataclass(frozen=True)
class Artwork:
    """One file of the kit: what it is, how many to print, on what, and its pages."""

    type: str  # plaque, door-plate, guide, ...
    name: str  # file stem: plaque-1, guide, center-name
    title: str  # for people: 吊牌 中共东庄村支部委员会
    pages: tuple[Page, ...]
    kind: str = "sign"  # sign | drawing
    quantity: int = 1
    material: str = ""
    note: str = ""  # colour and finishing notes for the print shop: 白底红字, 反光膜...
    safe_margin: float = 5.0  # mm from the trim that text keeps clear of
    meta: dict = field(default_factory=dict, compare=False)

    @property
    def page(self) -> Page:
        return self.pages[0]
