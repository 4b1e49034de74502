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


def test_a_warm_cache_gives_the_same_bytes_as_a_cold_one(tmp_path):
    """Subsets, cmaps, advances and outlines read back from the cache draw the same kit."""
    import os
    import subprocess
    import sys

    from conftest import SAMPLES

    env = {**os.environ, "PAIGEN_CACHE_DIR": str(tmp_path / "cache"), "SOURCE_DATE_EPOCH": "1700000000"}
    outs = []
    for name in ("cold", "warm"):
        out = tmp_path / name
        run = subprocess.run([sys.executable, "-m", "paigen", "build", str(SAMPLES / "东庄村.yaml"), "-o", str(out),
                              "--only", "signs", "-j", "1"], env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        outs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outs[0] == outs[1]
    kinds = {p.name.split(".")[-2] for p in (tmp_path / "cache" / "faces").glob("*.*")}
    assert kinds == {"cmap", "advances", "outlines"}
    assert list((tmp_path / "cache" / "subsets").glob("*.ttf"))
