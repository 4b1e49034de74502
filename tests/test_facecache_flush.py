"""Outlines found while a county is built are written to the cache now and then, not once per
village, and none is lost when a worker of the pool ends."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

from paigen.fonts import _facecache


def _entry(font):
    return _facecache._file(str(font), 0, "outlines", ".tsv")


def _cached(font) -> dict:
    """What the cache holds for *font*: glyph name → path operations."""
    return {name: _facecache.decode_outline(raw) for name, raw in _facecache.outlines(str(font), 0).items()}


def _remember_in_worker(font: str, glyph: str) -> None:
    _facecache.remember(font, 0, glyph, [("M", 1, 2)])
    _facecache._flushed[0] = 1e18  # as if it had just flushed: this one waits for the exit
    _facecache.flush_soon()


def test_a_flush_is_put_off_until_it_is_due(tmp_path, monkeypatch):
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path / "cache"))
    font = tmp_path / "face.otf"
    font.write_bytes(b"not read")
    monkeypatch.setattr(_facecache, "_flushed", [0.0, True])
    _facecache.remember(str(font), 0, "g1", [("M", 0, 0)])
    _facecache.flush_soon()  # the first is due
    assert set(_cached(font)) == {"g1"}
    _facecache.remember(str(font), 0, "g2", [("L", 1, 1)])
    _facecache.flush_soon()  # not yet due: nothing written
    assert set(_cached(font)) == {"g1"}
    _facecache.flush()
    assert _cached(font) == {"g1": (("M", 0, 0),), "g2": (("L", 1, 1),)}


def test_a_pool_worker_writes_what_it_found_when_it_ends(tmp_path, monkeypatch):
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path / "cache"))
    font = tmp_path / "face.otf"
    font.write_bytes(b"not read")
    with ProcessPoolExecutor(1) as pool:
        pool.submit(_remember_in_worker, str(font), "g9").result()
        assert _entry(font) is not None and not _entry(font).exists()  # put off
    assert _cached(font) == {"g9": (("M", 1, 2),)}
