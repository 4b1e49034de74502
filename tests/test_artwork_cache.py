"""Drawn artworks kept on disk between runs: a rebuild gives the bytes a fresh drawing gives,
draws only what changed, shrugs off a damaged entry and keeps the folder within its budget."""

from __future__ import annotations

import os

from paigen.batch import _artcache, drawing
from paigen.build import BuildOptions, build
from paigen.layout.scene import Artwork, Box, Glyph, Page, Text

from conftest import sample_county, tree_bytes


def _county(tmp_path, monkeypatch):
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path / "cache"))
    return sample_county(tmp_path, monkeypatch, keep_artworks=True)


def test_a_rebuild_takes_the_kept_artworks_and_gives_the_same_bytes(tmp_path, monkeypatch):
    county = _county(tmp_path, monkeypatch)
    options = BuildOptions(only=("signs",), jobs=1)
    drawing.forget()
    build(county, tmp_path / "first", options)
    assert list((tmp_path / "cache" / "artworks").glob("*/*.bin"))
    drawing.forget()  # a new run: nothing in memory
    before = dict(drawing.STATS)
    build(county, tmp_path / "again", options)
    assert drawing.STATS["misses"] == before["misses"]  # nothing drawn
    assert drawing.STATS["kept on disk"] > before["kept on disk"]
    assert tree_bytes(tmp_path / "first") == tree_bytes(tmp_path / "again")


def test_a_damaged_entry_is_drawn_again(tmp_path, monkeypatch):
    county = _county(tmp_path, monkeypatch)
    options = BuildOptions(only=("signs",), jobs=1)
    drawing.forget()
    build(county, tmp_path / "first", options)
    entries = sorted((tmp_path / "cache" / "artworks").glob("*/*.bin"))
    data = bytearray(entries[0].read_bytes())
    data[-1] ^= 0xFF  # one byte of a kept file changed on disk
    entries[0].write_bytes(bytes(data))
    entries[1].write_bytes(b"not an entry")
    drawing.forget()
    before = dict(drawing.STATS)
    build(county, tmp_path / "again", options)
    assert drawing.STATS["misses"] - before["misses"] == 2
    assert tree_bytes(tmp_path / "first") == tree_bytes(tmp_path / "again")


def test_budget_zero_keeps_nothing(tmp_path, monkeypatch):
    county = _county(tmp_path, monkeypatch)
    monkeypatch.setenv("PAIGEN_ARTWORK_CACHE_MB", "0")
    drawing.forget()
    build(county, tmp_path / "out", BuildOptions(only=("signs",), jobs=1))
    assert not list((tmp_path / "cache" / "artworks").glob("*/*.bin"))


def test_the_least_recently_used_entries_go_first(tmp_path, monkeypatch):
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PAIGEN_ARTWORK_CACHE_MB", "1")
    for i in range(5):
        _artcache.store(f"{i:064x}", (os.urandom(300_000), b"svg", b"png", None))
        os.utime(_artcache._path(f"{i:064x}"), ns=(10**18 + i, 10**18 + i))
    assert _artcache.load(f"{0:064x}") is not None  # read now: the most recently used
    _artcache.prune()
    kept = {p.stem for p in (tmp_path / "cache" / "artworks").glob("*/*.bin")}
    assert kept == {f"{0:064x}", f"{4:064x}", f"{3:064x}"}


def test_a_changed_font_file_is_another_entry(tmp_path):
    font = tmp_path / "face.otf"
    font.write_bytes(b"one")
    glyph = Glyph("村", (str(font), 0), "uni6751", (1, 0, 0, 1, 0, 0))
    text = Text("村", "song", 10, "black", (glyph,), Box(0, 0, 10, 10))
    art = Artwork(type="banner", name="banner-1", title="横幅", pages=(Page(100, 50, 3, (text,)),))
    first = _artcache.disk_key(art, b"scene", None)
    os.utime(font, ns=(10**18, 10**18))
    assert _artcache.disk_key(art, b"scene", None) != first
    font.unlink()
    assert _artcache.disk_key(art, b"scene", None) is None  # gone: drawn, and the drawing says so
