"""What a process keeps of its faces: faces that map alike share one cmap, and the cached outlines
stay encoded until a glyph is drawn, then come back as the face draws them."""

from __future__ import annotations

from collections import defaultdict

from paigen.fonts import _facecache
from paigen.fonts.metrics import FaceMetrics
from paigen.fonts.roles import cmap_of, resolve_roles
from paigen.model.settings import load_settings

from conftest import SAMPLES


def _faces() -> list[tuple[str, int]]:
    roles = resolve_roles(load_settings(SAMPLES))
    return sorted({(face.path, face.index) for role in roles.values() for face in role.faces})


def test_faces_that_map_alike_share_one_cmap_and_one_set_of_codes(tmp_path, monkeypatch):
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(_facecache, "_CMAPS", {})
    monkeypatch.setattr(_facecache, "_CODES", {})
    cmap_of.cache_clear()
    alike: dict[tuple, list] = defaultdict(list)
    for path, index in _faces():
        metrics = FaceMetrics(path, index)
        alike[tuple(sorted(metrics.cmap.items()))].append((path, index, metrics))
    families = [group for group in alike.values() if len(group) > 1]
    assert families, "the set-up installs Noto CJK in several weights, which map alike"
    for group in families:
        assert len({id(metrics.cmap) for *__, metrics in group}) == 1
        assert len({id(cmap_of(path, index)) for path, index, __ in group}) == 1
    assert len({id(group[0][2].cmap) for group in alike.values()}) == len(alike)  # unlike: apart
    cmap_of.cache_clear()


def test_a_cached_outline_comes_back_as_the_face_draws_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path / "cache"))
    path, index = next(face for face in _faces() if "Noto" in face[0])
    drawn = FaceMetrics(path, index)
    glyphs = [drawn.glyph_name(char) for char in "党群服务中心A1"]
    outlines = {glyph: drawn.outline(glyph) for glyph in glyphs}
    assert all(outlines.values())
    _facecache.flush()
    stored = _facecache.outlines(path, index)
    assert set(glyphs) <= set(stored) and all(isinstance(raw, bytes) for raw in stored.values())
    again = FaceMetrics(path, index)
    again._glyph_set = "never opened"  # each outline must come from the cache
    assert {glyph: again.outline(glyph) for glyph in glyphs} == outlines
    assert [type(v) for op in again.outline(glyphs[0]) for v in op] == [type(v) for op in outlines[glyphs[0]] for v in op]
