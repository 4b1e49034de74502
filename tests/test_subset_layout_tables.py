"""Font subsets: the layout tables the subset drops are dropped before the subsetter reads
them (same bytes as letting the subsetter drop them), and a cached subset is made anew when
its font file changes."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from paigen.backends import _subset
from paigen.fonts.discovery import installed_fonts

CHARS = frozenset("党群服务中心堂二里镇东庄村")


def _face():
    face = installed_fonts().find("Noto Sans CJK SC") or installed_fonts().faces[0]
    return face.path, face.index


def _subsetter_drops(face, chars) -> bytes:
    """The subset as the subsetter makes it when it drops the tables itself (before the
    tables were taken out first)."""
    path, index = face
    font = TTFont(io.BytesIO(Path(path).read_bytes()), fontNumber=index, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    options.drop_tables += _subset._DROP
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    _subset._rename(font, chars)
    if "CFF " in font:
        _subset._cff_to_glyf(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def test_dropping_the_layout_tables_first_gives_the_same_subset():
    face = _face()
    made = _subset._make_subset(face, CHARS)
    assert made == _subsetter_drops(face, CHARS)
    font = TTFont(io.BytesIO(made))
    assert not {"GSUB", "GPOS", "GDEF"} & set(font.keys())
    assert {ord(c) for c in CHARS} <= set(font.getBestCmap())


def test_a_changed_font_file_gets_a_new_subset(tmp_path, monkeypatch):
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path / "cache"))
    path, index = _face()
    copy = tmp_path / Path(path).name
    shutil.copyfile(path, copy)
    face = (str(copy), index)
    _subset.truetype_subset.cache_clear()
    first = _subset.truetype_subset(face, CHARS)
    assert len(list((tmp_path / "cache" / "subsets").glob("*.ttf"))) == 1
    _subset.truetype_subset.cache_clear()
    assert _subset.truetype_subset(face, CHARS) == first  # a hit: nothing new on disk
    assert len(list((tmp_path / "cache" / "subsets").glob("*.ttf"))) == 1
    with open(copy, "ab") as fh:  # the font file replaced by another version
        fh.write(b"\0" * 4)
    os.utime(copy, ns=(1, 1))
    _subset.truetype_subset.cache_clear()
    assert _subset.truetype_subset(face, CHARS) == first  # same outlines: same subset bytes
    assert len(list((tmp_path / "cache" / "subsets").glob("*.ttf"))) == 2  # but made anew
