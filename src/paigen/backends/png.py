"""Render a preview PNG of an artwork's trim with cairo (RGB, for people only).

The scene is drawn straight onto a cairo surface — the library cairosvg draws with — rather than
through the SVG: parsing every glyph's path string back out of the SVG cost more than all the rest
of a county build. Glyph outlines are built once per process as cairo paths and placed with
their matrices, so the preview shows exactly the geometry the PDF and SVG carry.
"""

from __future__ import annotations

import io
import math
import struct
import sys
import zlib
from functools import lru_cache

import cairocffi as cairo
import numpy as np
import png
from cairocffi.context import _encode_path
from PIL import Image as PILImage

from paigen.fonts.metrics import FaceKey, face_metrics
from paigen.layout.scene import Artwork, Image, Path, QRCode, Rect, Slot, Stroke, Text
from paigen.model.settings import Settings


def render_png(artwork: Artwork, settings: Settings) -> bytes:
    """Draw the trim of *artwork* as PNG bytes at the preset's preview resolution."""
    return encode_png(render_rgb(artwork, settings))


def encode_png(pixels: np.ndarray) -> bytes:
    """PNG bytes of a preview's pixels (rows × columns × RGB bytes, as :func:`render_rgb` gives
    them): 8-bit RGB rows, unfiltered, deflated at zlib's fastest level.

    A preview is flat colour, which deflate packs well as it is: Pillow's writer tried five row
    filters on every row and took twice as long, for larger files. pypng writes the chunks.
    (Faster deflate libraries were measured: ISA-L's output changed with what the process had
    compressed before, zlib-ng's changes with the processor, and a preview must come out the same
    bytes on every run and machine.)
    """
    height, width = pixels.shape[:2]
    rows = np.empty((height, width * 3 + 1), np.uint8)  # each row: filter type 0, then its pixels
    rows[:, 0] = 0
    rows[:, 1:] = pixels.reshape(height, width * 3)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, not interlaced
    out = io.BytesIO()
    png.write_chunks(out, [(b"IHDR", header), (b"IDAT", zlib.compress(rows, 1)), (b"IEND", b"")])
    return out.getvalue()


def thumbnail_jpeg(picture: PILImage.Image | np.ndarray, longest: int) -> bytes:
    """A small JPEG of a preview (an RGB image, or its pixels), for contact sheets."""
    if isinstance(picture, np.ndarray):
        picture = PILImage.fromarray(picture, "RGB")
    small = picture.reduce(max(1, max(picture.size) // longest))  # cheap box filter does most
    small.thumbnail((longest, longest), PILImage.Resampling.BILINEAR)
    out = io.BytesIO()
    small.save(out, "JPEG", quality=82)
    return out.getvalue()


MAX_PREVIEW_PX = 8000


def render_rgb(artwork: Artwork, settings: Settings) -> np.ndarray:
    """The trim of *artwork* drawn at the preset's preview resolution: rows × columns × RGB bytes
    (read from cairo's surface in one pass, with no image object between)."""
    page = artwork.page
    # 3 mm dimension figures on an A3 drawing need more pixels than a board read from 2 m.
    key = "drawing_preview_px_per_100mm" if artwork.kind == "drawing" else "preview_px_per_100mm"
    per_100mm = settings.section("print")[key]
    scale = per_100mm / 100
    longest = max(page.width, page.height) * scale
    if longest > MAX_PREVIEW_PX:  # a huge board: a preview a person can open (cairo stops at 32767)
        scale *= MAX_PREVIEW_PX / longest
    width = max(1, round(page.width * scale))
    height = max(1, min(round(page.height * width / page.width), MAX_PREVIEW_PX))
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, width, height)
    ctx = cairo.Context(surface)
    ctx.set_source_rgb(1, 1, 1)  # white paper under signs without a background
    ctx.paint()
    ctx.scale(width / page.width, height / page.height)
    ctx.set_fill_rule(cairo.FILL_RULE_WINDING)
    _Drawer(ctx, settings).draw(page)
    surface.flush()
    return surface_rgb(surface)


def surface_rgb(surface) -> np.ndarray:
    """The pixels of a cairo RGB24 surface as rows × columns × RGB bytes (a copy)."""
    width, height, stride = surface.get_width(), surface.get_height(), surface.get_stride()
    words = np.frombuffer(surface.get_data(), np.uint8).reshape(height, stride)[:, :width * 4]
    words = words.reshape(height, width, 4)  # each pixel a native-endian 32-bit word: xRGB
    rgb = np.empty((height, width, 3), np.uint8)
    for channel, byte in enumerate((2, 1, 0) if sys.byteorder == "little" else (1, 2, 3)):
        rgb[:, :, channel] = words[:, :, byte]  # a channel at a time: numpy copies these fastest
    return rgb


@lru_cache(maxsize=64)
def _rgb(hex_color: str) -> tuple[float, float, float]:
    value = hex_color.lstrip("#")
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


_SCRATCH = cairo.Context(cairo.ImageSurface(cairo.FORMAT_A8, 1, 1))


@lru_cache(maxsize=8192)
def _glyph_path(face: FaceKey, glyph: str):
    """The glyph's outline in font units as an encoded cairo path (None when blank).

    cairocffi's ``append_path`` re-encodes a Python path list into C structures on every call;
    the encoded ``cairo_path_t`` (and the data it points to) is kept instead and appended
    directly, which made glyph placement several times faster.
    """
    ops = face_metrics(*face).outline(glyph)
    if not ops:
        return None
    _SCRATCH.new_path()
    _trace(_SCRATCH, ops)
    return _encode_path(_SCRATCH.copy_path())


def _trace(ctx, ops) -> None:
    for op in ops:
        kind = op[0]
        if kind == "M":
            ctx.move_to(op[1], op[2])
        elif kind == "L":
            ctx.line_to(op[1], op[2])
        elif kind == "C":
            ctx.curve_to(*op[1:])
        else:
            ctx.close_path()


class _Drawer:
    def __init__(self, ctx, settings: Settings):
        self.ctx = ctx
        self.settings = settings

    def color(self, name: str) -> None:
        self.ctx.set_source_rgb(*_rgb(self.settings.swatch(name).rgb))

    def draw(self, page) -> None:
        ctx = self.ctx
        if page.background:
            self.color(page.background)
            ctx.paint()
        for item in page.items:
            if isinstance(item, Rect):
                self.rect(item)
            elif isinstance(item, Path):
                ctx.new_path()
                _trace(ctx, item.ops)
                ctx.set_fill_rule(cairo.FILL_RULE_EVEN_ODD if item.evenodd else cairo.FILL_RULE_WINDING)
                self.finish(item.fill, item.stroke)
                ctx.set_fill_rule(cairo.FILL_RULE_WINDING)
            elif isinstance(item, Text):
                self.text(item)
            elif isinstance(item, QRCode):
                ctx.new_path()
                for b in item.squares():
                    ctx.rectangle(b.x, b.y, b.w, b.h)
                self.finish(item.color, None)
            elif isinstance(item, Image):
                self.image(item)
            elif isinstance(item, Slot):
                self.empty_slot(item)
            else:
                raise TypeError(f"the PNG backend cannot draw {type(item).__name__}")

    def rect(self, item: Rect) -> None:
        ctx = self.ctx
        b = item.box
        ctx.new_path()
        r = min(item.radius, b.w / 2, b.h / 2)
        if r > 0:
            ctx.arc(b.right - r, b.y + r, r, -math.pi / 2, 0)
            ctx.arc(b.right - r, b.bottom - r, r, 0, math.pi / 2)
            ctx.arc(b.x + r, b.bottom - r, r, math.pi / 2, math.pi)
            ctx.arc(b.x + r, b.y + r, r, math.pi, 3 * math.pi / 2)
            ctx.close_path()
        else:
            ctx.rectangle(b.x, b.y, b.w, b.h)
        self.finish(item.fill, item.stroke)

    def empty_slot(self, item: Slot) -> None:
        """An empty emblem slot, outlined on the preview (and so the proof sheet) only, never printed."""
        if item.file:
            return
        ctx = self.ctx
        b = item.box
        ctx.new_path()
        ctx.rectangle(b.x, b.y, b.w, b.h)
        ctx.set_source_rgb(1.0, 0.85, 0.0)
        ctx.set_line_width(max(0.6, b.w / 60))
        ctx.set_dash([b.w / 12, b.w / 24])
        ctx.stroke()
        ctx.move_to(b.x, b.y)
        ctx.line_to(b.right, b.bottom)
        ctx.move_to(b.right, b.y)
        ctx.line_to(b.x, b.bottom)
        ctx.stroke()
        ctx.set_dash([])

    def finish(self, fill: str | None, stroke: Stroke | None) -> None:
        ctx = self.ctx
        if fill:
            self.color(fill)
            if stroke:
                ctx.fill_preserve()
            else:
                ctx.fill()
        if stroke:
            self.color(stroke.color)
            ctx.set_line_width(stroke.width)
            ctx.set_dash(list(stroke.dash))
            ctx.stroke()
        ctx.new_path()

    def text(self, item: Text) -> None:
        ctx = self.ctx
        self.color(item.color)
        for glyph in item.glyphs:
            path = _glyph_path(glyph.face, glyph.glyph)
            if path is None:
                continue
            ctx.save()
            ctx.transform(cairo.Matrix(*glyph.matrix))
            ctx.new_path()
            cairo.cairo.cairo_append_path(ctx._pointer, path[0])
            ctx.restore()  # the path stays, in page space
            ctx.fill()

    def image(self, item: Image) -> None:
        with PILImage.open(io.BytesIO(item.data)) as picture:
            png = io.BytesIO()
            picture.convert("RGB").save(png, "PNG")
        png.seek(0)
        source = cairo.ImageSurface.create_from_png(png)
        ctx = self.ctx
        ctx.save()
        ctx.translate(item.box.x, item.box.y)
        ctx.scale(item.box.w / source.get_width(), item.box.h / source.get_height())
        ctx.set_source_surface(source, 0, 0)
        ctx.paint()
        ctx.restore()
