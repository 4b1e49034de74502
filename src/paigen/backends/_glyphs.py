"""Decide how glyphs of shaped text can be written: as characters (live text) or only as outlines."""

from __future__ import annotations

from collections import defaultdict

from paigen.errors import PaigenError
from paigen.fonts.metrics import FaceKey, face_metrics
from paigen.i18n import _
from paigen.layout.scene import Artwork, Glyph


def as_char(glyph: Glyph) -> bool:
    """Tell whether *glyph* is what its character maps to, so live text can write the character."""
    return len(glyph.char) == 1 and face_metrics(*glyph.face).glyph_name(glyph.char) == glyph.glyph


def chars_by_face(artwork: Artwork) -> dict[FaceKey, frozenset[str]]:
    """Collect the characters each face writes as live text, over all pages of *artwork*.

    Pages laid out as they are drawn (a long table's) offer one sample of each distinct text
    instead: the characters are the same, and no page is laid out twice.
    """
    used: dict[FaceKey, set[str]] = defaultdict(set)
    samples = getattr(artwork.pages, "text_samples", None)
    texts = samples() if samples is not None else (t for page in artwork.pages for t in page.texts)
    for text in texts:
        for glyph in text.glyphs:
            if as_char(glyph):
                used[glyph.face].add(glyph.char)
    return {face: frozenset(chars) for face, chars in sorted(used.items())}


def check_mode(text: str) -> None:
    """Reject a text mode other than outline (转曲) or live."""
    if text not in ("outline", "live"):
        raise PaigenError(_("print.text: '{text}' is not a text mode; write outline (text "
                            "converted to outlines) or live (editable text)", text=text))
