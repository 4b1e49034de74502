"""Metrics and outlines of one font face, parsed once per process and cached.

Layout reads advance widths and the ideographic em box from here; the outline backends read
glyph outlines as path operations in font units (y up). CFF (Noto CJK) and TrueType faces give
the same operations: quadratic curves are converted to cubic by fontTools' BasePen.
"""

from __future__ import annotations

import mmap
from dataclasses import dataclass
from functools import cache, lru_cache

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTCollection, TTFont

from paigen.fonts import _facecache
from paigen.fonts.discovery import Face
from paigen.i18n import _

FaceKey = tuple[str, int]  # (file path, face index): how scenes name a face
Op = tuple  # ("M", x, y) | ("L", x, y) | ("C", x1, y1, x2, y2, x, y) | ("Z",)


class _OpsPen(BasePen):
    def __init__(self, glyph_set):
        super().__init__(glyph_set)
        self.ops: list[Op] = []

    def _moveTo(self, pt):
        self.ops.append(("M", *pt))

    def _lineTo(self, pt):
        self.ops.append(("L", *pt))

    def _curveToOne(self, pt1, pt2, pt3):
        self.ops.append(("C", *pt1, *pt2, *pt3))

    def _closePath(self):
        self.ops.append(("Z",))

    def _endPath(self):
        self.ops.append(("Z",))


@dataclass(frozen=True)
class GlyphBox:
    """A glyph's ink bounds in font units (x_min, y_min, x_max, y_max); None when blank."""

    x_min: float
    y_min: float
    x_max: float
    y_max: float


class FaceMetrics:
    """One face's cmap, advances, em box and outlines."""

    def __init__(self, path: str, index: int):
        self.key: FaceKey = (path, index)
        try:
            self._open(path, index)
        except Exception as exc:  # fontTools raises many kinds for a damaged file
            from paigen.errors import FontError

            raise FontError(_("font file '{path}' (face {index}) cannot be read ({error}); replace "
                              "the file, or point {setting} in paigen.yaml at another font",
                              setting="fonts.<role>.path",
                              path=path, index=index,
                              error=f"{type(exc).__name__}: {str(exc)[:80]}")) from None

    def _open(self, path: str, index: int) -> None:
        # Mapped, not read: the pages are shared with the other workers through the page cache
        # and only the tables a build touches are ever loaded (a Noto CJK .ttc is 20–27 MB).
        with open(path, "rb") as handle:
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        if path.lower().endswith((".ttc", ".otc")):
            self.font = TTCollection(data, lazy=True).fonts[index]
        else:
            self.font = TTFont(data, lazy=True)
        self.upm: int = self.font["head"].unitsPerEm
        self.cmap: dict[int, str] = _facecache.best_cmap(path, index, self.font)
        self._cached_outlines: dict[str, bytes] | None = None
        self._advances: dict[str, int] = _facecache.advances(path, index)
        self._hmtx_table: dict | None = None  # parsed only for a glyph the cache lacks
        self._glyph_set = None
        os2 = self.font.get("OS/2", None)
        hhea = self.font["hhea"]
        ascent = os2.sTypoAscender if os2 else hhea.ascent
        descent = os2.sTypoDescender if os2 else hhea.descent
        if ascent - descent <= 0:
            ascent, descent = hhea.ascent, hhea.descent
        # The ideographic em box: CJK glyphs sit in it; scaled so its height is one em.
        self.ascent = ascent / (ascent - descent)
        self.descent = descent / (ascent - descent)
        self.cff = "CFF " in self.font or "CFF2" in self.font

    def glyph_name(self, char: str) -> str | None:
        return self.cmap.get(ord(char))

    def has(self, char: str) -> bool:
        return ord(char) in self.cmap

    @property
    def glyph_set(self):
        """fontTools' glyph set, opened on first use (the CFF charset of a CJK face costs ~0.2 s)."""
        if self._glyph_set is None:
            self._glyph_set = self.font.getGlyphSet()
        return self._glyph_set

    def advance(self, glyph: str) -> float:
        """Advance width in ems."""
        width = self._advances.get(glyph)
        if width is None:
            if self._hmtx_table is None:
                self._hmtx_table = self.font["hmtx"].metrics
            width = self._advances[glyph] = int(self._hmtx_table[glyph][0])
            _facecache.remember(*self.key, glyph, width, kind="advances")
        return width / self.upm

    @lru_cache(maxsize=8192)  # noqa: B019 — faces live for the whole process anyway
    def outline(self, glyph: str) -> tuple[Op, ...]:
        """The glyph's outline as path operations in font units."""
        if self._cached_outlines is None:  # encoded: decoded here for the glyphs drawn only
            self._cached_outlines = _facecache.outlines(*self.key)
        raw = self._cached_outlines.get(glyph)
        ops = _facecache.decode_outline(raw) if raw is not None else None
        if ops is not None:
            return ops
        pen = _OpsPen(self.glyph_set)
        self.glyph_set[glyph].draw(pen)
        ops = tuple(pen.ops)
        _facecache.remember(*self.key, glyph, ops)
        return ops

    @lru_cache(maxsize=8192)  # noqa: B019
    def bounds(self, glyph: str) -> GlyphBox | None:
        """The glyph's ink bounds in font units: the extremes of its curves (from the cached
        outline), not the box of their control points, which reaches past the ink."""
        from fontTools.misc.bezierTools import calcCubicBounds

        xs: list[float] = []
        ys: list[float] = []
        current = (0.0, 0.0)
        for op in self.outline(glyph):
            if op[0] in ("M", "L"):
                current = (op[1], op[2])
                xs.append(op[1])
                ys.append(op[2])
            elif op[0] == "C":
                x0, y0, x1, y1 = calcCubicBounds(current, op[1:3], op[3:5], op[5:7])
                xs += [x0, x1]
                ys += [y0, y1]
                current = (op[5], op[6])
        if not xs:
            return None
        return GlyphBox(min(xs), min(ys), max(xs), max(ys))


@cache
def face_metrics(path: str, index: int) -> FaceMetrics:
    """The metrics of face *index* of *path*, loaded once per process."""
    return FaceMetrics(path, index)


def metrics_of(face: Face) -> FaceMetrics:
    return face_metrics(face.path, face.index)
