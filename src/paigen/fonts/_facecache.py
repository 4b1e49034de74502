"""Keep what a face costs to parse — its cmap and the glyph outlines a build drew — on disk.

Parsing a Noto CJK face's cmap takes ~0.2 s and decoding a CFF outline ~2 ms, in every build
process. Both are kept in the cache folder per face (file path, index, size and mtime) and read
back in a fraction of the time: the cmap and the advances as JSON, the outlines a line a glyph,
decoded only when the glyph is drawn. A damaged or unreadable entry is ignored and made anew; a
read-only cache folder only costs the next run the parsing.
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
OUTLINES = "outlines"  # a line a glyph: its name, a tab, its path operations as JSON
_dirty: dict[tuple[str, int, str], dict[str, Any]] = {}


def _file(path: str, index: int, kind: str, suffix: str = ".json") -> Path | None:
    from fontTools import version as fonttools_version

    from paigen.fonts.discovery import cache_dir

    try:
        stat = Path(path).stat()
    except OSError:
        return None
    key = json.dumps([VERSION, fonttools_version, path, index, stat.st_size, stat.st_mtime_ns])
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return cache_dir() / "faces" / f"{digest}.{kind}{suffix}"


def _load(path: str, index: int, kind: str) -> dict | None:
    file = _file(path, index, kind)
    if file is None:
        return None
    try:
        data = json.loads(file.read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _save(path: str, index: int, kind: str, data: dict) -> bytes:
    """Write *data* as the face's *kind* entry; the bytes written (or that would have been)."""
    from paigen._io import atomic_write

    body = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    file = _file(path, index, kind)
    if file is not None:
        with contextlib.suppress(OSError):
            atomic_write(file, body, durable=False)
    return body


# Faces that map alike — a family's weights, each a face of its own — share one cmap and one set of
# its code points per process, found by the bytes of their cache entries: five Noto CJK faces
# are two cmaps of 45,000 glyphs, not five (some 8 MB each as Python objects, in every worker).
_CMAPS: dict[bytes, dict[int, str]] = {}
_CODES: dict[bytes, frozenset[int]] = {}


def best_cmap(path: str, index: int, font) -> dict[int, str]:
    """The face's best cmap, from the cache or from *font* (a fontTools TTFont, or a callable
    returning one). Shared with the faces that map alike: read it, never change it."""
    return _cmap(path, index, font)[1]


def cmap_codes(path: str, index: int, font) -> frozenset[int]:
    """The code points of :func:`best_cmap`, shared like it."""
    key, cmap = _cmap(path, index, font)
    codes = _CODES.get(key)
    if codes is None:
        codes = _CODES[key] = frozenset(cmap)
    return codes


def _cmap(path: str, index: int, font) -> tuple[bytes, dict[int, str]]:
    file = _file(path, index, "cmap")
    try:
        raw = file.read_bytes() if file is not None else None
    except OSError:
        raw = None
    if raw is not None:
        key = hashlib.sha256(raw).digest()
        if key in _CMAPS:
            return key, _CMAPS[key]
        try:
            data = json.loads(raw)
            codes, names = data["codes"], data["names"]
            if len(codes) == len(names) and all(isinstance(n, str) for n in names[:10]):
                return key, _CMAPS.setdefault(key, dict(zip((int(c) for c in codes), names, strict=True)))
        except (KeyError, TypeError, ValueError):
            pass
    cmap = (font() if callable(font) else font).getBestCmap() or {}
    items = sorted(cmap.items())
    body = _save(path, index, "cmap", {"codes": [c for c, _ in items], "names": [n for _, n in items]})
    key = hashlib.sha256(body).digest()
    return key, _CMAPS.setdefault(key, cmap)


def advances(path: str, index: int) -> dict[str, int]:
    """The advance widths (font units) of the glyphs of the face laid out so far."""
    data = _load(path, index, "advances") or {}
    return {k: v for k, v in data.items() if isinstance(v, int) and not isinstance(v, bool)}


def outlines(path: str, index: int) -> dict[str, bytes]:
    """The outlines of the face cached so far: glyph name → its path operations still encoded
    (:func:`decode_outline`). A county's cache holds every glyph of every role's faces, some
    100 MB as Python objects in every process, of which a process draws a quarter; the encoded
    ones are the size of the file."""
    file = _file(path, index, OUTLINES, ".tsv")
    try:
        body = file.read_bytes() if file is not None else b""
    except OSError:
        return {}
    out: dict[str, bytes] = {}
    for line in body.split(b"\n"):
        name, tab, ops = line.partition(b"\t")
        if tab:
            with contextlib.suppress(UnicodeDecodeError):
                out[name.decode("utf-8")] = ops
    return out


def decode_outline(raw: bytes) -> tuple | None:
    """The path operations of a cached outline (None when the entry is damaged)."""
    try:
        return tuple((str(op[0]), *(float(v) if isinstance(v, float) else int(v) for v in op[1:]))
                     for op in json.loads(raw))
    except (TypeError, ValueError, IndexError):
        return None


def _encode_outline(ops: Any) -> bytes:
    return json.dumps([list(op) for op in ops], separators=(",", ":")).encode()


def _save_outlines(path: str, index: int, entries: dict[str, bytes]) -> None:
    from paigen._io import atomic_write

    file = _file(path, index, OUTLINES, ".tsv")
    if file is None:
        return
    body = b"".join(name.encode("utf-8") + b"\t" + ops + b"\n" for name, ops in sorted(entries.items()))
    with contextlib.suppress(OSError):
        atomic_write(file, body, durable=False)
        file.with_suffix(".json").unlink(missing_ok=True)  # the whole-JSON entry of earlier versions


def remember(path: str, index: int, glyph: str, ops: Any, kind: str = "outlines") -> None:
    """Note an outline (or an advance) found in this process; :func:`flush` writes it."""
    value = _encode_outline(ops) if kind == OUTLINES else ops
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
        if kind == OUTLINES:
            _save_outlines(path, index, outlines(path, index) | new)
            continue
        merged = _load(path, index, kind) or {}
        merged.update(new)
        _save(path, index, kind, dict(sorted(merged.items())))
