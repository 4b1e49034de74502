"""Draw an artwork's first page as an editable SVG: 1 user unit = 1 mm, swatches kept as data.

The viewBox starts at (-bleed, -bleed) so scene coordinates are written unchanged. Every fill
and stroke is the swatch's screen RGB, with the print colour kept beside it (``data-swatch``,
``data-cmyk`` in percentages; ``data-stroke-*`` for strokes) so a designer can map it back.
Ids are assigned in scene order, so the same scene gives the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import lru_cache

import svgwrite

from paigen.backends._glyphs import as_char, check_mode
from paigen.fonts.metrics import FaceKey, face_metrics
from paigen.layout.scene import Artwork, Box, Glyph, Image, Page, Path, QRCode, Rect, Slot, Stroke, Text
from paigen.model.settings import Settings

VIEWPORTS = ("bleed", "trim")


def render_svg(artwork: Artwork, settings: Settings, text: str = "outline",
               viewport: str = "bleed") -> bytes:
    """Draw the first page of *artwork* as SVG bytes; *viewport* "trim" shows the trim only."""
    check_mode(text)
    if viewport not in VIEWPORTS:
        raise ValueError(f"viewport '{viewport}' is not known (use 'bleed' or 'trim')")
    page = artwork.page
    view = page.trim if viewport == "trim" else page.trim.inset(-page.bleed)
    drawing = svgwrite.Drawing(size=(f"{_n(view.w)}mm", f"{_n(view.h)}mm"), debug=False,
                               viewBox=" ".join(_n(v) for v in (view.x, view.y, view.w, view.h)))
    drawing.set_desc(title=artwork.title)
    _SvgDrawer(drawing, settings, live=text == "live").draw(page)
    root = drawing.get_xml()
    ET.indent(root, space=" ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8",
                                                                      xml_declaration=False) + b"\n"


def _n(value: float, digits: int = 4) -> str:
    """Write *value* as briefly as *digits* decimals allow."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _matrix(m: tuple[float, ...]) -> str:
    a, b, c, d, e, f = m
    return "matrix({} {} {} {} {} {})".format(*(f"{v:.7g}" for v in (a, b, c, d)), _n(e), _n(f))


def _path_d(ops, digits: int = 4) -> str:
    parts = []
    for op in ops:
        parts.append(op[0] + " ".join(_n(v, digits) for v in op[1:]))
    return "".join(parts)


@lru_cache(maxsize=8192)
def _glyph_d(face: FaceKey, glyph: str) -> str:
    """Write the outline of *glyph* as SVG path data in font units (y up)."""
    return _path_d(face_metrics(*face).outline(glyph), digits=2)


@lru_cache(maxsize=64)
def _font_attributes(face: FaceKey) -> dict[str, str]:
    """Name *face* to an SVG viewer: CSS font-family, font-weight and font-style."""
    font = face_metrics(*face).font
    names = font["name"]
    family = names.getDebugName(16) or names.getDebugName(1) or "serif"
    attributes = {"font-family": f"'{family}'"}
    if "OS/2" in font:
        attributes["font-weight"] = str(font["OS/2"].usWeightClass)
        if font["OS/2"].fsSelection & 1:
            attributes["font-style"] = "italic"
    return attributes


class _SvgDrawer:
    """Add the items of one scene page to an svgwrite drawing."""

    def __init__(self, drawing: svgwrite.Drawing, settings: Settings, live: bool):
        self.dwg = drawing
        self.settings = settings
        self.live = live
        self.counts: dict[str, int] = {}

    def new_id(self, kind: str) -> str:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        return f"{kind}-{self.counts[kind]}"

    def draw(self, page: Page) -> None:
        dwg = self.dwg
        background = dwg.add(dwg.g(id="background"))
        if page.background:
            area = page.trim.inset(-page.bleed)
            background.add(dwg.rect(id="background-fill", **self.box(area), **self.paint(page.background)))
        artwork = dwg.add(dwg.g(id="artwork"))
        for item in page.items:
            if isinstance(item, Rect):
                artwork.add(self.rect(item))
            elif isinstance(item, Path):
                artwork.add(self.path(item))
            elif isinstance(item, Text):
                artwork.add(self.text(item))
            elif isinstance(item, QRCode):
                artwork.add(self.qr(item))
            elif isinstance(item, Image):
                artwork.add(self.image(item))
            elif not isinstance(item, Slot):
                raise TypeError(f"the SVG backend cannot draw {type(item).__name__}")

    # -- attributes ----------------------------------------------------------------------
    @staticmethod
    def box(box: Box) -> dict[str, tuple[str, str]]:
        return {"insert": (_n(box.x), _n(box.y)), "size": (_n(box.w), _n(box.h))}

    def paint(self, fill: str | None, stroke: Stroke | None = None) -> dict[str, str]:
        """Paint in screen RGB, keeping each swatch and its CMYK beside it as data attributes."""
        out: dict[str, str] = {}
        if fill:
            swatch = self.settings.swatch(fill)
            out.update({"fill": swatch.rgb, "data-swatch": fill, "data-cmyk": _cmyk(swatch.cmyk)})
        else:
            out["fill"] = "none"
        if stroke:
            swatch = self.settings.swatch(stroke.color)
            # PDF's default miter limit is 10, SVG's 4: keep sharp joins alike in both files.
            out.update({"stroke": swatch.rgb, "stroke-width": _n(stroke.width), "stroke-miterlimit": "10",
                        "data-stroke-swatch": stroke.color, "data-stroke-cmyk": _cmyk(swatch.cmyk)})
            if stroke.dash:
                out["stroke-dasharray"] = " ".join(_n(v) for v in stroke.dash)
        return out

    @staticmethod
    def named(name: str) -> dict[str, str]:
        return {"data-name": name} if name else {}

    # -- items ---------------------------------------------------------------------------
    def rect(self, item: Rect):
        extra = {"rx": _n(item.radius), "ry": _n(item.radius)} if item.radius > 0 else {}
        return self.dwg.rect(id=self.new_id("rect"), **self.box(item.box), **extra,
                             **self.paint(item.fill, item.stroke), **self.named(item.name))

    def path(self, item: Path):
        rule = {"fill-rule": "evenodd"} if item.evenodd else {}
        return self.dwg.path(id=self.new_id("path"), d=_path_d(item.ops),
                             **self.paint(item.fill, item.stroke), **rule, **self.named(item.name))

    def image(self, item: Image):
        import base64

        kind = "jpeg" if item.data[:3] == b"\xff\xd8\xff" else "png"
        href = f"data:image/{kind};base64," + base64.b64encode(item.data).decode("ascii")
        return self.dwg.image(href, id=self.new_id("image"), preserveAspectRatio="none", **self.box(item.box))

    def qr(self, item: QRCode):
        d = "".join(f"M{_n(b.x)} {_n(b.y)}h{_n(b.w)}v{_n(b.h)}h{_n(-b.w)}Z" for b in item.squares())
        return self.dwg.path(id=self.new_id("qr"), d=d, **{"data-qr": item.data}, **self.paint(item.color))

    def text(self, item: Text):
        group = self.dwg.g(id=self.new_id("text"), **{"data-role": item.role, "data-text": item.text},
                           **self.paint(item.color), **self.named(item.name))
        for glyph in item.glyphs:
            element = self.live_glyph(glyph) if self.live and as_char(glyph) else self.outline_glyph(glyph)
            if element is not None:
                group.add(element)
        return group

    def outline_glyph(self, glyph: Glyph):
        d = _glyph_d(glyph.face, glyph.glyph)
        return self.dwg.path(d=d, transform=_matrix(glyph.matrix)) if d else None

    def live_glyph(self, glyph: Glyph):
        """Write the glyph as a character at font size = units per em, so the matrix places it."""
        a, b, c, d, e, f = glyph.matrix
        # SVG text runs y down, font units y up: flip before the glyph matrix.
        return self.dwg.text(glyph.char, transform=_matrix((a, b, -c, -d, e, f)),
                             font_size=str(face_metrics(*glyph.face).upm), **_font_attributes(glyph.face))


def _cmyk(cmyk: tuple[float, ...]) -> str:
    return ",".join(f"{v:g}" for v in cmyk)
