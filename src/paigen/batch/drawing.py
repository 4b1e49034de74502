"""One artwork's files — print PDF, SVG, PNG preview and the proof's thumbnail — drawn once per
worker for artworks that come out the same in many kits.

A county's villages share many artworks whole (the service wall, the banners, door plates of
the same rooms): the same scene, settings and text mode give the same bytes, so a worker that
has drawn one keeps its files (up to BUDGET bytes, least recently used out first) and hands them
to the next kit that lays out the same artwork. The key is a digest of the artwork as laid out
(every text, position and colour of its pages), the settings, the kit date its drawings carry,
the text mode and the kit's live-text character set. What no process of this run has drawn may
have been drawn by an earlier run: :mod:`paigen.batch._artcache` keeps the files on disk.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import OrderedDict

from paigen.batch import _artcache
from paigen.layout.scene import Artwork
from paigen.model.settings import Settings

BUDGET = 16 * 1024 * 1024  # bytes of files kept per process (a county's shared artworks)
_KEPT: OrderedDict[bytes, tuple[bytes, bytes, bytes, bytes | None]] = OrderedDict()
_SIZE = [0]
STATS = {"hits": 0, "misses": 0, "kept on disk": 0}


def _key(art: Artwork, settings: Settings, text: str, charset: dict, thumbnail: bool) -> bytes | None:
    try:
        scene = pickle.dumps(art, protocol=5)
    except Exception:
        return None
    digest = hashlib.sha256(scene)
    live = sorted((repr(face), "".join(sorted(chars))) for face, chars in charset.items())
    digest.update(repr((settings.sha256, settings.kit_date.isoformat(), text, live, thumbnail)).encode())
    return digest.digest()


def draw(art: Artwork, settings: Settings, text: str, charset: dict, print_pdf, thumb_px: int | None
         ) -> tuple[bytes, bytes, bytes, bytes | None]:
    """(print PDF, SVG, PNG, thumbnail JPEG or None) of *art*, drawn or as drawn before."""
    key = _key(art, settings, text, charset, thumb_px is not None)
    if key is not None and key in _KEPT:
        _KEPT.move_to_end(key)
        STATS["hits"] += 1
        return _KEPT[key]
    disk = _artcache.disk_key(art, key, print_pdf) if key is not None else None
    files = _artcache.load(disk) if disk is not None else None
    if files is not None:
        STATS["kept on disk"] += 1
    else:
        from paigen.backends import render_pdf, render_svg
        from paigen.backends.png import encode_png, render_rgb, thumbnail_jpeg

        preview = render_rgb(art, settings)
        pdf = render_pdf(art, settings, text=text, charset=charset)
        svg = render_svg(art, settings, text=text)
        files = (print_pdf(art, pdf), svg, encode_png(preview),
                 thumbnail_jpeg(preview, thumb_px) if thumb_px is not None else None)
        STATS["misses"] += 1
        if disk is not None:
            _artcache.store(disk, files)
    if key is not None:
        size = sum(len(f) for f in files if f)
        if size <= BUDGET // 4:
            _KEPT[key] = files
            _SIZE[0] += size
            while _SIZE[0] > BUDGET:
                __, old = _KEPT.popitem(last=False)
                _SIZE[0] -= sum(len(f) for f in old if f)
    return files


def forget() -> None:
    """Drop every kept artwork (tests; a process that builds for another county)."""
    _KEPT.clear()
    _SIZE[0] = 0
