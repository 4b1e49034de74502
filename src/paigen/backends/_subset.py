"""Cut a face down to the characters of a job and give it TrueType outlines, as reportlab needs.

reportlab embeds only TrueType (glyf) fonts and the Noto CJK faces are CFF, so a CFF subset is
converted with cu2qu, as fontTools' otf2ttf snippet does. Subset first: converting a whole CJK
face takes minutes, a subset well under a second.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from functools import lru_cache
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

from paigen._io import atomic_write
from paigen.errors import FontError
from paigen.fonts.metrics import FaceKey
from paigen.i18n import _

MAX_ERR = 0.5  # font units a quadratic curve may stray from the cubic one (fontTools uses 1.0)
# Live text writes characters through the cmap; shaping and vertical metrics stay in the layout.
_DROP = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx", "DSIG", "STAT"]


SUBSET_VERSION = 1  # bump when the subset's bytes would change for the same font and characters


def _cache_file(face: FaceKey, chars: frozenset[str]) -> Path | None:
    """Where the converted subset of (*face*, *chars*) is kept between runs (None: no cache)."""
    from fontTools import version as fonttools_version

    from paigen.fonts.discovery import cache_dir

    path, index = face
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    key = json.dumps([SUBSET_VERSION, fonttools_version, MAX_ERR, path, index, stat.st_size,
                      stat.st_mtime_ns, "".join(sorted(chars))], ensure_ascii=False)
    return cache_dir() / "subsets" / f"{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()}.ttf"


@lru_cache(maxsize=64)
def truetype_subset(face: FaceKey, chars: frozenset[str]) -> bytes:
    """Cut *face* down to *chars* with TrueType outlines; return the font file's bytes.

    Converting CFF outlines takes seconds for a few hundred characters, so the result is kept
    on disk by (font file, face, characters); a damaged or unreadable cache entry is made anew.
    """
    cached = _cache_file(face, chars)
    if cached is not None:
        try:
            data = cached.read_bytes()
            if len(data) > 32 and hashlib.sha256(data[:-32]).digest() == data[-32:]:
                return data[:-32]
        except OSError:
            pass
    data = _make_subset(face, chars)
    if cached is not None:
        with contextlib.suppress(OSError):  # a read-only cache only costs the next run the conversion
            atomic_write(cached, data + hashlib.sha256(data).digest(), durable=False)
    return data


def _make_subset(face: FaceKey, chars: frozenset[str]) -> bytes:
    from fontTools import subset  # a second to import; a warm cache does not need it

    path, index = face
    font = TTFont(io.BytesIO(Path(path).read_bytes()), fontNumber=index, recalcTimestamp=False)
    os2 = font.get("OS/2")
    if os2 is not None and (os2.fsType == 0x0002 or os2.fsType & 0x0300):
        raise FontError(_("{font} does not allow embedding ({fstype}); set {setting} in "
                          "paigen.yaml, or use a font whose licence allows embedding",
                          font=Path(path).name, fstype=f"OS/2 fsType {os2.fsType:#06x}",
                          setting="print.text: outline"))
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    options.drop_tables += _DROP
    for tag in _DROP:  # before the subsetter decompiles the layout tables it would then drop
        if tag in font:
            del font[tag]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    _rename(font, chars)
    if "CFF " in font:
        _cff_to_glyf(font)
    elif "glyf" not in font:
        raise FontError(_("{font} has no outlines paigen can embed; set {setting} in paigen.yaml, "
                          "or use another font", font=Path(path).name,
                          setting="print.text: outline"))
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _rename(font: TTFont, chars: frozenset[str]) -> None:
    """Give the subset a PostScript name of its own, derived from its characters.

    reportlab registers one font per PostScript name and silently hands out the first subset
    for every later one; and a print shop merging two PDFs must not mistake one subset for
    another (reportlab tags every subset "AAAAAA+").
    """
    names = font["name"]
    base = (names.getDebugName(6) or "paigen")[:55]  # PostScript names stop at 63 characters
    digest = hashlib.sha256("".join(sorted(chars)).encode("utf-8")).digest()
    tag = "".join(chr(ord("A") + b % 26) for b in digest[:6])
    for record in names.names:
        if record.nameID == 6:
            record.string = f"{base}-{tag}"


def _cff_to_glyf(font: TTFont) -> None:
    """Replace the CFF outlines of *font* with quadratic glyf outlines (fontTools' otf2ttf)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
