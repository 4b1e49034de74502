"""Drawn artworks kept on disk between runs, so a rebuild draws only what changed.

A kit rebuilt after one field of its profile changed, a county built again with one more
village, a clerk's second preview: most of their artworks come out as they did last time. The
files of an artwork (print PDF, SVG, preview PNG, proof thumbnail) are kept in the cache folder
under a key that covers everything that decides their bytes: the laid-out scene and the build's
options (the in-process key of :mod:`paigen.batch.drawing`), the font files the scene draws with
(path, size and modification time), the versions of paigen, of its source and of the drawing
libraries. An entry carries the SHA-256 of its contents and is ignored (and removed) when it does
not match; the folder is kept under BUDGET_MB (the least recently used entries go first).

``PAIGEN_ARTWORK_CACHE_MB`` sets the budget; 0 turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import struct
from functools import cache
from pathlib import Path

from paigen._io import atomic_write
from paigen.layout.scene import Artwork, Slot

BUDGET_MB = 1024
MAGIC = b"PAIGEN-ARTWORK-1\n"
_PARTS = 4  # print PDF, SVG, PNG, thumbnail (empty: none)


def budget() -> int:
    """Bytes the folder may hold (0: no cache)."""
    try:
        return max(0, int(os.environ.get("PAIGEN_ARTWORK_CACHE_MB", BUDGET_MB))) * 1024 * 1024
    except ValueError:
        return BUDGET_MB * 1024 * 1024


def folder() -> Path:
    from paigen.fonts.discovery import cache_dir

    return cache_dir() / "artworks"


@cache
def _code() -> bytes:
    """paigen's version and source, and the versions of the libraries that write the files."""
    from importlib.metadata import PackageNotFoundError, version

    import paigen

    digest = hashlib.sha256(paigen.__version__.encode())
    root = Path(paigen.__file__).parent
    for file in sorted(root.rglob("*.py")):
        digest.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes())
    for name in ("reportlab", "svgwrite", "cairocffi", "pillow", "pypng", "fonttools", "pikepdf", "numpy"):
        try:
            digest.update(f"{name}={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(name.encode())
    digest.update(_cairo_version())
    return digest.digest()


def _cairo_version() -> bytes:
    """The version of the cairo library the previews are drawn with — read from the library
    itself, so a rebuild served from the cache does not load the drawing bindings (~0.3 s)."""
    import ctypes

    try:
        version = ctypes.CDLL("libcairo.so.2").cairo_version_string
    except (OSError, AttributeError):  # another system's library name: ask the bindings
        import cairocffi

        return cairocffi.cairo_version_string().encode()
    version.restype = ctypes.c_char_p
    return version()


def _files_of(art: Artwork) -> list[str]:
    """The files the artwork's bytes depend on beyond its scene: its fonts and slot files."""
    files = {g.face[0] for page in art.pages for t in page.texts for g in t.glyphs}
    files |= {item.file for page in art.pages for item in page.items if isinstance(item, Slot) and item.file}
    return sorted(files)


def disk_key(art: Artwork, memo_key: bytes, print_pdf) -> str | None:
    """The entry's name, or None when a file the artwork depends on cannot be read."""
    digest = hashlib.sha256(memo_key + _code())
    intent = getattr(print_pdf, "intent", None)  # PDF/X: its ICC profile's file
    files = _files_of(art) + ([str(intent.file)] if intent is not None else [])
    digest.update(repr((getattr(print_pdf, "pdfx", ""), intent)).encode())
    for file in files:
        try:
            stat = os.stat(file)
        except OSError:
            return None  # a font gone since the layout: draw, and let the drawing say so
        digest.update(f"{file}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _path(key: str) -> Path:
    return folder() / key[:2] / f"{key}.bin"


def load(key: str) -> tuple[bytes, bytes, bytes, bytes | None] | None:
    """The kept files of *key*, or None (a missing, damaged or foreign entry is no entry)."""
    if not budget():
        return None
    path = _path(key)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 32 + 8 * _PARTS
    if len(data) < head or not data.startswith(MAGIC):
        path.unlink(missing_ok=True)
        return None
    body = data[head:]
    sizes = struct.unpack(">4Q", data[len(MAGIC) + 32:head])
    if sum(sizes) != len(body) or hashlib.sha256(body).digest() != data[len(MAGIC):len(MAGIC) + 32]:
        path.unlink(missing_ok=True)
        return None
    parts, at = [], 0
    for size in sizes:
        parts.append(body[at:at + size])
        at += size
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept longest
    pdf, svg, png, thumb = parts
    return pdf, svg, png, (thumb or None)


def store(key: str, files: tuple[bytes, bytes, bytes, bytes | None]) -> None:
    """Keep *files* under *key* (a full disk or a read-only folder only costs the next run time)."""
    if not budget():
        return
    parts = [f or b"" for f in files]
    body = b"".join(parts)
    data = MAGIC + hashlib.sha256(body).digest() + struct.pack(">4Q", *map(len, parts)) + body
    with contextlib.suppress(OSError):
        atomic_write(_path(key), data, durable=False)


def prune() -> None:
    """Remove the least recently used entries until the folder is within its budget."""
    root = folder()
    if not root.is_dir():
        return
    entries = []
    for path in root.glob("*/*.bin"):
        with contextlib.suppress(OSError):
            stat = path.stat()
            entries.append((stat.st_mtime_ns, stat.st_size, path))
    total, limit = sum(e[1] for e in entries), budget()
    for __, size, path in sorted(entries, key=lambda e: (e[0], e[2].name)):
        if total <= limit:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            total -= size
