"""The rules every zh_CN catalogue keeps (shared by the catalogue test and scripts/catalogue.py).

A message is done when it has a translation that is not fuzzy, uses exactly the placeholders of
its id, and has no English left in it: Latin letters may remain only in placeholders, file names
and extensions, key paths and options (``center.floors``, ``--lang``), units and the names of
formats and programs a user sees on screen (PDF, Excel, LibreOffice …).
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from paigen.i18n import LOCALEDIR

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:[!:][^{}]*)?\}")
#: words a Chinese user sees as they are: formats, programs, units, standards, font names.
ALLOWED_WORDS = {
    "PDF", "SVG", "PNG", "DXF", "JPEG", "JPG", "WebP", "CMYK", "RGB", "YAML", "Excel", "Word",
    "WPS", "LibreOffice", "Inkscape", "Illustrator", "CAD", "QR", "URL", "UTF", "ZIP", "zip",
    "docx", "xlsx", "xls", "pdf", "svg", "png", "dxf", "yaml", "yml", "csv", "md", "txt", "odt",
    "doc", "mm", "cm", "m", "px", "pt", "dpi", "DPI", "KB", "MB", "GB", "s", "ms", "GB/T", "T", "X", "PDF/X", "ICC", "TrueType", "OpenType", "Type", "CID", "TTF", "OTF", "TTC", "RIP",
    "paigen", "Windows", "WSL", "Linux", "Debian", "Ubuntu", "Docker", "Dask", "Python",
    "Chromium", "Chrome", "Edge", "Firefox", "HTTP", "HTML", "RAL", "Pantone", "PMS", "Lab",
    "ID", "A", "B", "C", "D", "E", "F", "K", "a", "b", "N", "n", "x", "h", "w", "LANG", "CPU",
    "Ctrl", "Enter", "Noto", "Serif", "Sans", "CJK", "SC", "FangSong", "KaiTi", "SimSun",
    "SimHei", "Ghostscript", "Black", "Bold", "Regular", "Medium", "Light", "Heavy", "SemiBold",
    "ExtraLight", "Mono", "FandolFang", "FandolSong", "FandolHei", "FandolKai", "LXGW", "WenKai", "AR", "PL", "UMing", "UKai", "Source", "Han", "OK", "RSS", "PSS", "ETA", "SOURCE_DATE_EPOCH", "GUI",
}
#: spans that are not words: paths and file names, key paths, options, code, placeholders.
NOT_WORDS = re.compile(
    r"\{[^{}]*\}"                                   # placeholders
    r"|`[^`]*`"                                     # code spans
    r"|--?[A-Za-z][\w-]*"                           # options
    r"|[\w.~/-]*[\w~-]+\.[A-Za-z0-9]{1,5}\b"        # file names (paigen.yaml, 村.xlsx)
    r"|[A-Za-z_]\w*(?:\.\w+|\[\d+\])+"              # key paths (center.floors, people[0].name)
    r"|[a-z]+_[a-z_]+"                              # snake_case keys
    r"|\b[A-Z]{1,2}\d+(?::[A-Z]{1,2}\d+)?\b"       # cell references (D3, A1:B2)
    r"|https?://\S+"                                # addresses
)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def latin_words(text: str) -> list[str]:
    """Latin words of *text* that are not allowed in a Chinese message."""
    stripped = NOT_WORDS.sub(" ", text)
    return [w for w in LATIN_WORD.findall(stripped) if w not in ALLOWED_WORDS]


def catalogue_files(lang: str = "zh_CN") -> list[Path]:
    return sorted((LOCALEDIR / lang / "LC_MESSAGES").glob("*.po"))


def catalogue_problems(lang: str = "zh_CN") -> list[str]:
    problems: list[str] = []
    for path in catalogue_files(lang):
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for message in catalog:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            where = f"{path.name}: {ids[0]!r}"
            if message.fuzzy:
                problems.append(f"{where}: fuzzy translation")
            if not all(strings):
                problems.append(f"{where}: not translated")
                continue
            wanted = set().union(*(placeholders(i) for i in ids))
            for string in strings:
                got = placeholders(string)
                if got != wanted and not (len(ids) > 1 and got <= wanted | {"n"}):
                    problems.append(f"{where}: placeholders {sorted(got)} differ from "
                                    f"{sorted(wanted)}")
                words = latin_words(string)
                if words:
                    problems.append(f"{where}: English left in the translation: {' '.join(words)}")
    return problems
