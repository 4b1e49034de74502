"""Backends: draw a laid-out scene as print PDF, editable SVG or preview PNG.

Each renderer takes an :class:`~paigen.layout.scene.Artwork` and the settings and returns the
file's bytes; the same scene gives the same bytes. The PNG renderer (cairo) is imported when it
is first asked for: a rebuild whose artworks all come from the artwork cache never loads it.
"""

from paigen.backends._glyphs import chars_by_face
from paigen.backends.pdf import render_pdf
from paigen.backends.svg import render_svg

__all__ = ["RENDERERS", "chars_by_face", "render_pdf", "render_png", "render_svg"]


def __getattr__(name: str):
    if name == "render_png":
        from paigen.backends.png import render_png

        return render_png
    if name == "RENDERERS":
        from paigen.backends.png import render_png

        return {"pdf": render_pdf, "svg": render_svg, "png": render_png}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
