"""The font warm-up before a county's workers: they find every glyph they draw in the cache, so
no worker opens a CJK face's tables; the outputs are the same bytes as without it."""

from __future__ import annotations

from pathlib import Path

from paigen.batch import fontwarm
from paigen.batch.records import BuildOptions
from paigen.build import build
from paigen.fonts.roles import resolve_roles
from paigen.inputs import open_inputs

from conftest import sample_county, tree_bytes


def _faces(cache: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((cache / "faces").glob("*.*"))}


def test_after_the_warm_up_the_workers_draw_the_county_from_the_cache(tmp_path, monkeypatch):
    county = sample_county(tmp_path, monkeypatch)
    cache = tmp_path / "cache"
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(cache))
    inputs = open_inputs(county)
    profiles = [e.profile for e in inputs.entries if e.profile]
    fontwarm.warm_fonts(inputs.settings, resolve_roles(inputs.settings), profiles)
    warmed = _faces(cache)
    assert any(name.endswith(".outlines.tsv") for name in warmed)
    report = build(county, tmp_path / "out", BuildOptions(jobs=2, only=("signs", "facade")))
    assert report.villages and not report.failed
    assert _faces(cache) == warmed  # no outline or advance was missing: no worker opened a face


def test_the_warm_up_changes_no_byte_of_the_outputs(tmp_path, monkeypatch):
    county = sample_county(tmp_path, monkeypatch)
    opts = BuildOptions(jobs=2, only=("signs", "facade"))
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path / "warmed"))
    build(county, tmp_path / "with", opts)
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path / "cold"))
    monkeypatch.setattr(fontwarm, "_warm", lambda *args: None)  # the workers fill the cache
    monkeypatch.setattr("paigen.build.warm_fonts", lambda *args: None)
    build(county, tmp_path / "without", opts)
    assert tree_bytes(tmp_path / "with") == tree_bytes(tmp_path / "without")


def test_the_county_characters_hold_the_profiles_boards_and_the_sheets_labels(tmp_path, monkeypatch):
    county = sample_county(tmp_path, monkeypatch)
    inputs = open_inputs(county)
    chars = fontwarm.county_chars(inputs.settings, [e.profile for e in inputs.entries if e.profile])
    names = "".join(e.profile.village.name for e in inputs.entries if e.profile)
    assert set(names) <= chars
    assert set("标识标牌印刷订单校样【未放党徽】0123456789 　") <= chars  # the sheets' own wording
