"""Artworks that come out the same in several kits are drawn once per worker, and the kits get
the bytes they would have got drawn anew."""

from __future__ import annotations

from paigen.batch import drawing
from paigen.build import BuildOptions, build

from conftest import sample_county, tree_bytes


def test_kept_artworks_give_the_bytes_of_drawn_ones(tmp_path, monkeypatch):
    county = sample_county(tmp_path, monkeypatch)
    options = BuildOptions(only=("signs",), jobs=1)
    drawing.forget()
    before = dict(drawing.STATS)
    build(county, tmp_path / "kept", options)
    hits = drawing.STATS["hits"] - before["hits"]
    assert hits > 0  # the villages share artworks (the service wall, the banners)
    drawing.forget()
    monkeypatch.setattr(drawing, "BUDGET", 0)  # nothing kept: every artwork drawn
    before = dict(drawing.STATS)
    build(county, tmp_path / "drawn", options)
    assert drawing.STATS["hits"] == before["hits"]
    assert tree_bytes(tmp_path / "kept") == tree_bytes(tmp_path / "drawn")


def test_another_text_mode_or_settings_is_another_artwork(settings):
    from paigen.layout.scene import Artwork

    art = Artwork(type="banner", name="banner-1", title="横幅", pages=())
    live = drawing._key(art, settings, "live", {}, True)
    assert live != drawing._key(art, settings, "outline", {}, True)
    assert live != drawing._key(art, settings, "live", {("a.otf", 0): frozenset("村")}, True)
    assert live != drawing._key(art, settings, "live", {}, False)
    assert live == drawing._key(art, settings, "live", {}, True)


def test_the_memory_kept_stays_within_its_budget(monkeypatch, settings):
    from paigen.layout.scene import Artwork

    drawing.forget()
    monkeypatch.setattr(drawing, "BUDGET", 4000)
    import paigen.backends
    import paigen.backends.png

    monkeypatch.setattr(paigen.backends.png, "render_rgb", lambda art, s: art.name)
    monkeypatch.setattr(paigen.backends, "render_pdf", lambda art, s, **k: b"p" * 500)
    monkeypatch.setattr(paigen.backends, "render_svg", lambda art, s, **k: b"s" * 200)
    monkeypatch.setattr(paigen.backends.png, "encode_png", lambda image: b"g" * 200)
    for i in range(10):
        drawing.draw(Artwork(type="banner", name=f"b{i}", title="", pages=()), settings, "outline", {},
                     lambda art, pdf: pdf, None)
    assert drawing._SIZE[0] <= 4000 and len(drawing._KEPT) == 4
    drawing.forget()
