"""Finish a .docx package: official fonts in the theme and font table, fixed bytes.

python-docx's template carries a theme whose East-Asian slots send CJK text to MS Mincho (Jpan)
and SimSun (Hans), and a font table listing Japanese faces. Both are rewritten to name only the
official faces, then the zip is re-written with the build's reference time so two builds give
identical bytes.
"""

from __future__ import annotations

import io
import re
import zipfile

from paigen._zip import normalise_zip
from paigen.docs._styles import FONTS, font_table_xml

_SCRIPT_FONT = re.compile(r"<a:font script=\"[^\"]*\" typeface=\"[^\"]*\"/>")
_MAJOR = re.compile(r"(<a:majorFont>.*?<a:ea typeface=\")[^\"]*(\"/>)", re.S)
_MINOR = re.compile(r"(<a:minorFont>.*?<a:ea typeface=\")[^\"]*(\"/>)", re.S)


def fix_theme(xml: str) -> str:
    """Theme fonts: East-Asian slots to the official faces, no per-script CJK faces."""
    xml = _SCRIPT_FONT.sub("", xml)
    xml = _MAJOR.sub(rf"\g<1>{FONTS['hei']}\g<2>", xml)
    return _MINOR.sub(rf"\g<1>{FONTS['fangsong']}\g<2>", xml)


def finish_package(data: bytes) -> bytes:
    """Rewrite the theme and font table, then fix zip timestamps and core-property dates."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename.startswith("word/theme/") and info.filename.endswith(".xml"):
                body = fix_theme(body.decode("utf-8")).encode("utf-8")
            elif info.filename == "word/fontTable.xml":
                body = font_table_xml().encode("utf-8")
            dst.writestr(info, body)
    return normalise_zip(out.getvalue())
