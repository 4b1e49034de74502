"""Draw an artwork's scene as a print-ready PDF: DeviceCMYK only, page boxes, optional crop marks.

Every page is trim + 2 × bleed (plus a margin for crop marks when they are on), with TrimBox and
BleedBox set. One transform per page makes the drawing code work in scene millimetres, y down,
so line widths, dashes and glyph matrices are millimetres too. Text is drawn as glyph outlines
(转曲, no fonts in the file) or as live text in embedded TrueType subsets.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from reportlab import rl_config
from reportlab.pdfgen.canvas import FILL_EVEN_ODD, FILL_NON_ZERO, Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from paigen import __version__
from paigen.backends._glyphs import as_char, chars_by_face, check_mode
from paigen.backends._pdffonts import live_font, null_font
from paigen.fonts.metrics import FaceKey, face_metrics
from paigen.layout.scene import Artwork, Image, Page, Path, QRCode, Rect, Slot, Stroke, Text
from paigen.model.settings import Settings

PT = 72 / 25.4  # points per millimetre


def render_pdf(artwork: Artwork, settings: Settings, text: str = "outline",
               charset: dict[FaceKey, frozenset[str]] | None = None) -> bytes:
    """Draw *artwork* as PDF bytes, text as outlines ("outline") or embedded subsets ("live").

    *charset* (live text) names the characters to subset each face to; passing one set for a
    whole kit subsets each face once instead of once per artwork. reportlab embeds only the
    glyphs a file uses either way.
    """
    check_mode(text)
    margin = _mark_margin(settings.section("print"))
    fonts = {}
    if text == "live":
        for face, chars in chars_by_face(artwork).items():
            wider = charset.get(face) if charset else None
            fonts[face] = live_font(face, wider if wider is not None and chars <= wider else chars)
    out = io.BytesIO()
    with _binary_streams():
        _draw(out, artwork, settings, margin, fonts)
    return out.getvalue()


def _draw(out: io.BytesIO, artwork: Artwork, settings: Settings, margin: float,
          fonts: dict[FaceKey, str]) -> None:
    marks = settings.section("print") if margin else None
    canvas = Canvas(out, pagesize=_page_size(artwork.page, margin), invariant=1, pageCompression=1,
                    enforceColorSpace="cmyk", initialFontName=null_font())
    canvas.setTitle(artwork.title)
    canvas.setAuthor(f"paigen {__version__}")
    canvas.setCreator(f"paigen {__version__}")
    canvas.setSubject(artwork.type)
    for page in artwork.pages:
        size = _page_size(page, margin)
        canvas.setPageSize(size)
        _set_boxes(canvas, page, margin)
        # Scene mm, y down, origin at the top-left trim corner.
        edge = (page.bleed + margin) * PT
        canvas.transform(PT, 0, 0, -PT, edge, size[1] - edge)
        _PageDrawer(canvas, settings, fonts).draw(page, marks)
        canvas.showPage()
    canvas.save()


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Compress streams without ASCII85: reportlab's pure-Python encoder costs more than drawing."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _mark_margin(marks: dict) -> float:
    """Return the room outside the bleed that crop marks need, in mm (0 when they are off)."""
    if not marks.get("crop_marks"):
        return 0.0
    return marks["crop_mark_offset_mm"] + marks["crop_mark_length_mm"] + 2.0


def _page_size(page: Page, margin: float) -> tuple[float, float]:
    edge = page.bleed + margin
    return ((page.width + 2 * edge) * PT, (page.height + 2 * edge) * PT)


def _set_boxes(canvas: Canvas, page: Page, margin: float) -> None:
    """Set TrimBox and BleedBox of the coming page (reportlab keeps them until changed)."""
    edge = page.bleed + margin
    canvas.setTrimBox(_points(edge, edge, edge + page.width, edge + page.height))
    canvas.setBleedBox(_points(margin, margin, edge + page.width + page.bleed,
                               edge + page.height + page.bleed))


def _points(*mm: float) -> tuple[float, ...]:
    return tuple(round(v * PT, 4) for v in mm)


@lru_cache(maxsize=8192)
def _glyph_path(face: FaceKey, glyph: str) -> PDFPathObject | None:
    """Build the outline of *glyph* as a reusable reportlab path in font units (y up)."""
    ops = face_metrics(*face).outline(glyph)
    if not ops:
        return None
    path = PDFPathObject()
    _trace(path, ops)
    return path


def _trace(path: PDFPathObject, ops) -> None:
    for op in ops:
        kind = op[0]
        if kind == "M":
            path.moveTo(op[1], op[2])
        elif kind == "L":
            path.lineTo(op[1], op[2])
        elif kind == "C":
            path.curveTo(*op[1:])
        else:
            path.close()


class _PageDrawer:
    """Draw one scene page onto a reportlab canvas in scene millimetres."""

    def __init__(self, canvas: Canvas, settings: Settings, fonts: dict[FaceKey, str]):
        self.c = canvas
        self.settings = settings
        self.fonts = fonts

    def draw(self, page: Page, marks: dict | None) -> None:
        c = self.c
        if page.background:
            b = page.bleed
            self.fill(page.background)
            c.rect(-b, -b, page.width + 2 * b, page.height + 2 * b, stroke=0, fill=1)
        for item in page.items:
            if isinstance(item, Rect):
                self.rect(item)
            elif isinstance(item, Path):
                self.path(item)
            elif isinstance(item, Text):
                self.text(item)
            elif isinstance(item, QRCode):
                self.qr(item)
            elif isinstance(item, Image):
                self.image(item)
            elif not isinstance(item, Slot):
                raise TypeError(f"the PDF backend cannot draw {type(item).__name__}")
        if marks:
            self.crop_marks(page, marks)

    # -- colours and strokes -------------------------------------------------------------
    def fill(self, swatch: str) -> None:
        self.c.setFillColorCMYK(*self.settings.swatch(swatch).cmyk_unit)

    def stroke(self, stroke: Stroke) -> None:
        c = self.c
        c.setStrokeColorCMYK(*self.settings.swatch(stroke.color).cmyk_unit)
        c.setLineWidth(stroke.width)
        c.setDash(list(stroke.dash))

    # -- items ---------------------------------------------------------------------------
    def paint(self, fill: str | None, stroke: Stroke | None) -> None:
        """Set the fill and stroke of the next shape (inside a saved graphics state)."""
        if fill:
            self.fill(fill)
        if stroke:
            self.stroke(stroke)

    def rect(self, item: Rect) -> None:
        c = self.c
        c.saveState()
        self.paint(item.fill, item.stroke)
        box, fill, stroke = item.box, int(bool(item.fill)), int(bool(item.stroke))
        if item.radius > 0:
            c.roundRect(box.x, box.y, box.w, box.h, item.radius, stroke=stroke, fill=fill)
        else:
            c.rect(box.x, box.y, box.w, box.h, stroke=stroke, fill=fill)
        c.restoreState()

    def path(self, item: Path) -> None:
        c = self.c
        c.saveState()
        self.paint(item.fill, item.stroke)
        path = c.beginPath()
        _trace(path, item.ops)
        c.drawPath(path, stroke=int(bool(item.stroke)), fill=int(bool(item.fill)),
                   fillMode=FILL_EVEN_ODD if item.evenodd else FILL_NON_ZERO)
        c.restoreState()

    def image(self, item: Image) -> None:
        """Place a picture; the page's y-down transform is undone so it stands upright."""
        from reportlab.lib.utils import ImageReader

        c = self.c
        c.saveState()
        c.transform(1, 0, 0, -1, item.box.x, item.box.bottom)
        c.drawImage(ImageReader(io.BytesIO(item.data)), 0, 0, item.box.w, item.box.h)
        c.restoreState()

    def qr(self, item: QRCode) -> None:
        c = self.c
        path = c.beginPath()
        for box in item.squares():
            path.rect(box.x, box.y, box.w, box.h)
        c.saveState()
        self.fill(item.color)
        c.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
        c.restoreState()

    def text(self, item: Text) -> None:
        c = self.c
        c.saveState()
        self.fill(item.color)
        outlined = item.glyphs if not self.fonts else [g for g in item.glyphs if not as_char(g)]
        for glyph in outlined:
            path = _glyph_path(glyph.face, glyph.glyph)
            if path is None:
                continue
            c.saveState()
            c.transform(*glyph.matrix)
            c.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
            c.restoreState()
        if self.fonts:
            self.live_text(item)
        c.restoreState()

    def live_text(self, item: Text) -> None:
        """Write the glyphs as characters, each placed by its matrix (font size = units per em)."""
        chars = [g for g in item.glyphs if as_char(g)]
        if not chars:
            return
        text = self.c.beginText()
        face = None
        for glyph in chars:
            if glyph.face != face:
                face = glyph.face
                text.setFont(self.fonts[face], face_metrics(*face).upm)
            text.setTextTransform(*glyph.matrix)
            text.textOut(glyph.char)
        self.c.drawText(text)

    def crop_marks(self, page: Page, marks: dict) -> None:
        """Draw two marks at each trim corner, outside the bleed, aligned with the trim edges."""
        c = self.c
        c.saveState()
        c.setStrokeColorCMYK(*self.settings.swatch("registration").cmyk_unit)
        c.setLineWidth(marks["crop_mark_width_pt"] / PT)
        c.setDash([])
        start = page.bleed + marks["crop_mark_offset_mm"]
        end = start + marks["crop_mark_length_mm"]
        trim = page.trim
        lines = []
        for x, sx in ((trim.x, -1), (trim.right, 1)):
            for y, sy in ((trim.y, -1), (trim.bottom, 1)):
                lines.append((x + sx * start, y, x + sx * end, y))
                lines.append((x, y + sy * start, x, y + sy * end))
        c.lines(lines)
        c.restoreState()

