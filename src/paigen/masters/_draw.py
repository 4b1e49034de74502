"""Drawing a master-based artwork: its PDF (a PDF master's page composed under the slot layer),
its SVG (the master page nested under the layer) and its preview (the master rendered once, the
slots drawn on it). An SVG master's shapes are scene paths, drawn like any built-in artwork.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

from paigen.layout.scene import Artwork
from paigen.masters._master import Master
from paigen.masters._pdfmaster import compose, render_trim
from paigen.model.settings import Settings


# -- drawing -------------------------------------------------------------------------------
def master_of(art: Artwork) -> Master | None:
    master = art.meta.get("master")
    return master if isinstance(master, Master) else None


def render_master_pdf(art: Artwork, settings: Settings, text: str = "outline", charset=None) -> bytes:
    """The artwork's PDF: for a PDF master, the slot layer drawn over the master's page."""
    from paigen.backends import render_pdf
    from paigen.backends.pdf import _mark_margin

    layer = render_pdf(art, settings, text=text, charset=charset)
    master = master_of(art)
    if master is None or master.pdf is None:
        return layer
    return compose(layer, master.pdf, art.page.bleed, _mark_margin(settings.section("print")))


def render_master_svg(art: Artwork, settings: Settings, text: str = "outline") -> bytes:
    """The artwork's SVG: for a PDF master, the master page (as SVG) under the slot layer."""
    from paigen.backends import render_svg

    layer = render_svg(art, settings, text=text)
    master = master_of(art)
    if master is None or master.pdf is None:
        return layer
    nested = _nested_svg(master, art.page.width, art.page.height, art.page.bleed)
    at = layer.find(b'<g id="background"')
    if nested is None or at < 0:
        return layer
    return layer[:at] + nested + layer[at:]


@lru_cache(maxsize=8)
def _nested_svg(master: Master, width: float, height: float, bleed: float) -> bytes | None:
    """The master page as an <svg> element covering the artwork's bleed box, made once."""
    import xml.etree.ElementTree as ET

    page_svg = master.page_svg()
    if page_svg is None or master.pdf is None:
        return None
    ns = "http://www.w3.org/2000/svg"
    ET.register_namespace("", ns)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    inner = ET.fromstring(page_svg)
    x0, y0, x1, y1 = master.pdf.clip
    media = master.pdf.media
    for key, value in (
        ("id", "master"),
        ("x", _n(-bleed)),
        ("y", _n(-bleed)),
        ("width", _n(width + 2 * bleed)),
        ("height", _n(height + 2 * bleed)),
        ("viewBox", " ".join(_n(v) for v in (x0 - media[0], media[3] - y1, x1 - x0, y1 - y0))),
        ("preserveAspectRatio", "none"),
    ):
        inner.set(key, value)
    # the page's own ids (glyph0-1, clip1…) get a prefix so they cannot meet the layer's
    data = ET.tostring(inner, encoding="unicode")
    data = re.sub(
        r'id="([^"]+)"', lambda m: 'id="master"' if m.group(1) == "master" else f'id="m-{m.group(1)}"', data
    )
    data = re.sub(r'(href="|url\()#', r"\1#m-", data)
    return data.encode("utf-8") + b"\n "


def _n(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def render_master_image(art: Artwork, settings: Settings):
    """The preview of the artwork (rows × columns × RGB bytes): for a PDF master, its page rendered
    with the slots drawn on it."""
    from paigen.backends.png import render_rgb, surface_rgb

    master = master_of(art)
    if master is None or master.pdf is None:
        return render_rgb(art, settings)
    import cairocffi as cairo

    from paigen.backends.png import _Drawer

    page = art.page
    per_100mm = settings.section("print")["preview_px_per_100mm"]
    width = max(1, round(page.width * per_100mm / 100))
    height = max(1, round(page.height * width / page.width))
    data = bytearray(_master_raster(master, width, height))  # cairo draws the slots onto a copy
    surface = cairo.ImageSurface.create_for_data(data, cairo.FORMAT_RGB24, width, height, width * 4)
    ctx = cairo.Context(surface)
    ctx.scale(width / page.width, height / page.height)
    ctx.set_fill_rule(cairo.FILL_RULE_WINDING)
    _Drawer(ctx, settings).draw(page)
    surface.flush()
    return surface_rgb(surface)


@lru_cache(maxsize=8)
def _master_raster(master: Master, width: int, height: int) -> bytes:
    """The master's trim at preview size, in cairo's RGB24 layout, rendered once per build."""
    layout = "BGRA" if sys.byteorder == "little" else "ARGB"
    return render_trim(master.pdf, width, height).convert("RGBA").tobytes("raw", layout)


def master_files(art: Artwork, settings: Settings, text: str, charset) -> tuple[bytes, bytes, object] | None:
    """(PDF, SVG, preview image) of a master-based artwork, or None for a built-in one."""
    if master_of(art) is None:
        return None
    return (
        render_master_pdf(art, settings, text, charset),
        render_master_svg(art, settings, text),
        render_master_image(art, settings),
    )
