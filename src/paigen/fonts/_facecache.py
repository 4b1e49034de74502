"""Keep what a face costs to parse — its cmap and the glyph outlines a build drew — on disk.

Parsing a Noto CJK face's cmap takes ~0.2 s and decoding a CFF outline ~2 ms, in every build
process. Both are kept in the cache folder per face (file path, index, size and mtime), as
JSON, and read back in a fraction of the time. A damaged or unreadable entry is ignored and
made anew; a read-only cache folder only costs the next run the parsing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

VERSION = 1
_dirty: dict[tuple[str, int, str], dict[str, Any]] = {}


def _file(path: str, index: int, kind: str) -> Path | None:
    from fontTools import version as fonttools_version

    from paigen.fonts.discovery import cache_dir

    try:
        stat = Path(path).stat()
    except OSError:
        return None
    key = json.dumps([VERSION, fonttools_version, path, index, stat.st_size, stat.st_mtime_ns])
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return cache_dir() / "faces" / f"{digest}.{kind}.json"


def _load(path: str, index: int, kind: str) -> dict | None:
    file = _file(path, index, kind)
    if file is None:
        return None
    try:
        data = json.loads(file.read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _save(path: str, index: int, kind: str, data: dict) -> None:
    from paigen._io import atomic_write

    file = _file(path, index, kind)
    if file is None:
        return
    body = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    with contextlib.suppress(OSError):
        atomic_write(file, body, durable=False)


def best_cmap(path: str, index: int, font) -> dict[int, str]:
    """The face's best cmap, from the cache or from *font* (a fontTools TTFont, or a callable
    returning one)."""
    data = _load(path, index, "cmap")
    if data is not None:
        try:
            codes, names = data["codes"], data["names"]
            if len(codes) == len(names) and all(isinstance(n, str) for n in names[:10]):
                return dict(zip((int(c) for c in codes), names, strict=True))
        except (KeyError, TypeError, ValueError):
            pass
    cmap = (font() if callable(font) else font).getBestCmap() or {}
    items = sorted(cmap.items())
    _save(path, index, "cmap", {"codes": [c for c, _ in items], "names": [n for _, n in items]})
    return cmap


def advances(path: str, index: int) -> dict[str, int]:
    """The advance widths (font units) of the glyphs of the face laid out so far."""
    data = _load(path, index, "advances") or {}
    return {k: v for k, v in data.items() if isinstance(v, int) and not isinstance(v, bool)}


def outlines(path: str, index: int) -> dict[str, tuple]:
    """The outlines of the face cached so far: glyph name → path operations."""
    data = _load(path, index, "outlines") or {}
    out: dict[str, tuple] = {}
    for name, ops in data.items():
        try:
            out[name] = tuple((str(op[0]), *(float(v) if isinstance(v, float) else int(v) for v in op[1:]))
                              for op in ops)
        except (TypeError, ValueError, IndexError):
            continue
    return out


def remember(path: str, index: int, glyph: str, ops: Any, kind: str = "outlines") -> None:
    """Note an outline (or an advance) found in this process; :func:`flush` writes it."""
    value = [list(op) for op in ops] if kind == "outlines" else ops
    _dirty.setdefault((path, index, kind), {})[glyph] = value


FLUSH_EVERY_S = 20.0  # a county's villages each add a few outlines: merged in now and then
_flushed: list = [0.0, 0]  # when the last flush was; the process that registered the exit flush


def flush_soon() -> None:
    """:func:`flush` when the last one is FLUSH_EVERY_S old, else at the process's exit.

    Each flush reads and writes the face's whole entry, which grows with the county: once per
    village it cost a county of hundreds of villages more than the outlines it saved.
    """
    if not _dirty:
        return
    if _flushed[1] != os.getpid():  # a forked worker inherits the flag, not the registration
        import atexit
        from multiprocessing import util

        atexit.register(flush)
        util.Finalize(None, flush, exitpriority=10)  # a pool's worker ends without atexit
        _flushed[1] = os.getpid()
    if time.monotonic() - _flushed[0] >= FLUSH_EVERY_S:
        flush()


def flush() -> None:
    """Write what was found since the last flush, merged with what the cache holds."""
    _flushed[0] = time.monotonic()
    while _dirty:
        (path, index, kind), new = _dirty.popitem()
        merged = _load(path, index, kind) or {}
        merged.update(new)
        _save(path, index, kind, dict(sorted(merged.items())))
