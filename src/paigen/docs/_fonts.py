"""Which installed face sets each font role of a document, and how wide text set in it is.

The .docx names the official faces (仿宋_GB2312 ...); LibreOffice draws them with the faces
paigen resolved for the roles (:mod:`paigen.docs._soffice` maps the names). Positions that
depend on the width of a line — the signature centred over its date, the date two characters
right of the 署名 — are computed from the advance widths of those faces, and the PDF says which
faces it embeds, so each document's manifest entry records what rendered each role.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from paigen.docs._styles import FONTS
from paigen.errors import FontError
from paigen.fonts import resolve_roles
from paigen.i18n import _, listing
from paigen.model.settings import Settings

Measure = Callable[[str, str], float]  # (text, role) -> width in ems
GlyphTop = Callable[[str, str], float]  # (text, role) -> top of the tallest glyph, ems above baseline


def ideograph_top(text: str, role: str = "title") -> float:
    """Top of a hanzi's ink above the baseline when no face is known (Noto Serif CJK: 0.86 em)."""
    return 0.86


def em_width(text: str, role: str = "fangsong") -> float:
    """Width in ems when nothing better is known: half for ASCII, one for everything else."""
    return sum(0.5 if ord(c) < 0x2000 else 1.0 for c in text)


def role_measure(settings: Settings) -> Measure:
    """Advance widths from the faces that serve the roles (first face of the chain with the
    character); :func:`em_width` when the roles cannot be resolved."""
    from paigen.fonts.metrics import metrics_of

    try:
        roles = resolve_roles(settings)
    except FontError:
        return em_width

    def measure(text: str, role: str = "fangsong") -> float:
        chain = roles.get(role) or roles.get("fangsong")
        if chain is None:
            return em_width(text)
        total = 0.0
        for char in text:
            face = chain.face_for(char)
            metrics = metrics_of(face) if face else None
            glyph = metrics.glyph_name(char) if metrics else None
            total += metrics.advance(glyph) if glyph else em_width(char)
        return total

    return measure


def ideograph_bottom(text: str, role: str = "title") -> float:
    """Bottom of a hanzi's ink below the baseline when no face is known (Noto Serif CJK: 0.09 em)."""
    return 0.09


def role_glyph_top(settings: Settings) -> GlyphTop:
    """The ink top of the tallest character of a text, from the role's faces."""
    return _glyph_extent(settings, lambda box, upm: box.y_max / upm, ideograph_top)


def role_glyph_bottom(settings: Settings) -> GlyphTop:
    """How far the lowest character of a text reaches below the baseline (ems, positive down)."""
    return _glyph_extent(settings, lambda box, upm: -box.y_min / upm, ideograph_bottom)


def _glyph_extent(settings: Settings, pick: Callable, fallback: GlyphTop) -> GlyphTop:
    from paigen.fonts.metrics import metrics_of

    try:
        roles = resolve_roles(settings)
    except FontError:
        return fallback

    def extent(text: str, role: str = "title") -> float:
        chain = roles.get(role)
        best = None
        for char in text if chain else ():
            face = chain.face_for(char)
            metrics = metrics_of(face) if face else None
            glyph = metrics.glyph_name(char) if metrics else None
            box = metrics.bounds(glyph) if glyph else None
            if box:
                value = pick(box, metrics.upm)
                best = value if best is None else max(best, value)
        return fallback(text) if best is None else best

    return extent


def _pdf_font_names(pdf: bytes) -> list[str]:
    """Base names of the fonts a PDF uses (subset prefix removed), in first-use order."""
    import pikepdf

    names: dict[str, None] = {}
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            fonts = page.obj.get("/Resources", {}).get("/Font", {})
            for font in fonts.values():
                base = str(font.get("/BaseFont", ""))
                names[re.sub(r"^/?([A-Z]{6}\+)?", "", base)] = None
    return list(names)


def _key(name: str) -> str:
    """'NotoSerifCJKjp-Black-VKana', 'NotoSerifCJKsc-Black' → 'notoserifcjk-black'."""
    name = re.sub(r"-VKana$|-VKanaVert$", "", name)
    family, __, style = name.partition("-")
    family = re.sub(r"CJK(jp|sc|tc|kr|hk)$", "CJK", family)
    return f"{family}-{style}".lower()


def rendered_fonts(pdf: bytes, settings: Settings) -> tuple[dict[str, dict], list[str]]:
    """The face that rendered each role of *pdf*, and a warning per substituted official face.

    Returns ``({role: {"font": 仿宋_GB2312, "face": "FandolFang Regular", "file": ...,
    "chosen": preferred|configured|fallback}}, warnings)``; a role whose face the PDF does not
    embed is left out (the document does not use it), a font the PDF embeds that serves no
    role is listed under ``"other"`` and warned about.
    """
    try:
        roles = resolve_roles(settings)
    except FontError:
        return {}, []
    embedded = _pdf_font_names(pdf)
    keys = {_key(n): n for n in embedded}
    record: dict[str, dict] = {}
    warnings: list[str] = []
    known: set[str] = set()
    for role, official in FONTS.items():
        chain = roles.get(role)
        if chain is None:
            continue
        for face in chain.faces:
            known.add(_key(face.postscript))
        face = chain.primary
        if _key(face.postscript) not in keys:
            continue
        record[role] = {"font": official, "face": face.label, "file": face.path, "chosen": chain.source}
        if chain.source == "fallback":
            warnings.append(_("{official} is not installed: documents set it in {face}",
                              official=official, face=face.label))
    other = [n for k, n in keys.items() if k not in known]
    if other:
        record["other"] = {"faces": other}
        warnings.append(_("LibreOffice substituted {faces} for a face no font role serves",
                          faces=listing(other)))
    return record, warnings
