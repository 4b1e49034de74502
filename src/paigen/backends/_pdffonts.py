"""Register the fonts reportlab needs: an empty initial font, and live-text subsets of the faces.

A reportlab canvas opens every page with ``BT /F1 12 Tf`` in its initial font, an unembedded
Helvetica unless that font is a registered TrueType font; an empty one-glyph font keeps
outline-only PDFs free of any font.
"""

from __future__ import annotations

import hashlib
import io
from functools import cache, lru_cache

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont

from paigen.backends._subset import truetype_subset
from paigen.fonts.metrics import FaceKey

NULL_FONT = "paigen-null"


@cache
def null_font() -> str:
    """Register the empty font a canvas starts with and return its name."""
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef"])
    builder.setupCharacterMap({})
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph()})
    builder.setupHorizontalMetrics({".notdef": (500, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "paigen null", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.font.recalcTimestamp = False
    data = io.BytesIO()
    builder.save(data)
    _register(NULL_FONT, data.getvalue())
    return NULL_FONT


@lru_cache(maxsize=64)
def live_font(face: FaceKey, chars: frozenset[str]) -> str:
    """Register a TrueType subset of *face* holding *chars*; return its reportlab name."""
    data = truetype_subset(face, chars)
    name = "paigen-" + hashlib.sha256(data).hexdigest()[:16]
    _register(name, data)
    return name


def _register(name: str, data: bytes) -> None:
    stream = io.BytesIO(data)
    stream.name = name  # reportlab names the embedded font file after it
    pdfmetrics.registerFont(ReportlabTTFont(name, stream))
