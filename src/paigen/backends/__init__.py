"""Backends: draw a laid-out scene as print PDF, editable SVG or preview PNG.

Each renderer takes an :class:`~paigen.layout.scene.Artwork` and the settings and returns the
file's bytes; the same scene gives the same bytes.
"""

from paigen.backends._glyphs import chars_by_face
from paigen.backends.pdf import render_pdf
from paigen.backends.png import render_png
from paigen.backends.svg import render_svg

RENDERERS = {"pdf": render_pdf, "svg": render_svg, "png": render_png}

__all__ = ["RENDERERS", "chars_by_face", "render_pdf", "render_png", "render_svg"]
