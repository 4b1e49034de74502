"""Render a preview PNG of an artwork's trim from its SVG with cairosvg (RGB, for people only)."""

from __future__ import annotations

import cairosvg

from paigen.backends.svg import render_svg
from paigen.layout.scene import Artwork
from paigen.model.settings import Settings


def render_png(artwork: Artwork, settings: Settings) -> bytes:
    """Draw the trim of *artwork* as PNG bytes at the preset's preview resolution."""
    page = artwork.page
    per_100mm = settings.section("print")["preview_px_per_100mm"]
    width = max(1, round(page.width * per_100mm / 100))
    height = max(1, round(page.height * width / page.width))
    svg = render_svg(artwork, settings, viewport="trim")
    # White paper under signs without a background, rather than a transparent hole.
    return cairosvg.svg2png(bytestring=svg, output_width=width, output_height=height,
                            background_color="#FFFFFF")
