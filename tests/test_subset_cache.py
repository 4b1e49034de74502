"""Converted font subsets are kept on disk by (font, characters) and give the same bytes."""

from __future__ import annotations

from paigen.backends import _subset
from paigen.fonts.discovery import installed_fonts


def _face():
    face = installed_fonts().find("Noto Sans CJK SC") or installed_fonts().faces[0]
    return (face.path, face.index)


def test_a_subset_is_cached_on_disk_and_reused(tmp_path, monkeypatch):
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path))
    chars = frozenset("党员群众服务中心")
    first = _subset._make_subset(_face(), chars)
    _subset.truetype_subset.cache_clear()
    assert _subset.truetype_subset(_face(), chars) == first
    files = list((tmp_path / "subsets").glob("*.ttf"))
    assert len(files) == 1
    calls = []
    monkeypatch.setattr(_subset, "_make_subset", lambda *a: calls.append(a) or b"")
    _subset.truetype_subset.cache_clear()
    assert _subset.truetype_subset(_face(), chars) == first and calls == []


def test_a_damaged_cache_entry_is_made_anew(tmp_path, monkeypatch):
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path))
    chars = frozenset("村委会")
    _subset.truetype_subset.cache_clear()
    good = _subset.truetype_subset(_face(), chars)
    (entry,) = (tmp_path / "subsets").glob("*.ttf")
    entry.write_bytes(entry.read_bytes()[:100])
    _subset.truetype_subset.cache_clear()
    assert _subset.truetype_subset(_face(), chars) == good
