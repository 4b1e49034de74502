"""A fitted text and a paragraph's lines are kept by everything that decides them: a kit laid out
with them kept is the kit laid out anew, and what differs between villages is never shared."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from paigen.batch import drawing
from paigen.build import BuildOptions, build
from paigen.fonts import resolve_roles
from paigen.layout import blocks, paragraph
from paigen.layout.blocks import Para, fit_blocks
from paigen.layout.scene import Box
from paigen.layout.text import TextEngine
from paigen.model.settings import default_settings

from conftest import sample_county, tree_bytes


def test_kits_laid_out_with_kept_fits_are_the_kits_laid_out_anew(tmp_path, monkeypatch):
    county = sample_county(tmp_path, monkeypatch)
    options = BuildOptions(only=("signs",), jobs=1)
    drawing.forget()
    blocks.FITTED.clear()
    paragraph.BROKEN.clear()
    build(county, tmp_path / "kept", options)
    assert blocks.FITTED and paragraph.BROKEN
    drawing.forget()
    monkeypatch.setattr(drawing, "BUDGET", 0)
    monkeypatch.setattr(blocks, "FITTED_MAX", 0)  # nothing kept: every text fitted anew
    monkeypatch.setattr(paragraph, "BROKEN_MAX", 0)
    blocks.FITTED.clear()
    paragraph.BROKEN.clear()
    build(county, tmp_path / "anew", options)
    assert not blocks.FITTED and not paragraph.BROKEN
    assert tree_bytes(tmp_path / "kept") == tree_bytes(tmp_path / "anew")


def test_a_village_name_in_the_text_makes_its_own_fit():
    # the profile's names are kept whole where lines break: a text that holds one is fitted per
    # village; a text that holds none is shared by every village
    roles = resolve_roles(default_settings())
    box = Box(0, 0, 300, 200)
    named = [Para("东庄村党员群众服务中心面向全体村民开放，东庄村村民委员会负责日常管理和维护工作。")]
    plain = [Para("党员群众服务中心面向全体村民开放，村民委员会负责日常管理和维护工作。")]
    blocks.FITTED.clear()
    for names in (("东庄村",), ("西庄村",), ()):
        engine = TextEngine(roles, names=names)
        for text in (named, plain):
            fit_blocks(engine, text, "song", box, min_size=8, max_size=30, color="black")
    # the named text: one fit with 东庄村 kept whole, one without (西庄村 and no names agree)
    assert len(blocks.FITTED) == 3


def test_a_kept_fit_is_handed_out_as_a_new_list():
    engine = TextEngine(resolve_roles(default_settings()))
    args = ([Para("村务公开栏每季度更新一次。")], "song", Box(0, 0, 200, 100))
    first = fit_blocks(engine, *args, min_size=8, max_size=30, color="black")
    first[1].clear()  # a caller that changes its list changes no other kit's
    again = fit_blocks(engine, *args, min_size=8, max_size=30, color="black")
    assert again[1] and again[0] == first[0]


def test_preview_png_holds_the_drawn_pixels():
    # decoded by Pillow (not the writer): every pixel of the drawn preview, in RGB
    from paigen.backends.png import encode_png

    picture = Image.new("RGB", (97, 41), (200, 16, 46))
    picture.paste((255, 255, 255), (10, 5, 60, 30))
    picture.putpixel((0, 40), (1, 2, 3))
    data = encode_png(np.asarray(picture))
    with Image.open(io.BytesIO(data)) as decoded:
        assert decoded.format == "PNG" and decoded.mode == "RGB" and decoded.size == (97, 41)
        assert decoded.tobytes() == picture.tobytes()


def test_a_cairo_surface_is_read_as_its_rgb_pixels():
    # the preview's pixels come straight from cairo's native-endian words: red stays red
    import cairocffi as cairo

    from paigen.backends.png import encode_png, surface_rgb

    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, 13, 7)  # a stride wider than 13 pixels
    ctx = cairo.Context(surface)
    ctx.set_source_rgb(1, 1, 1)
    ctx.paint()
    for x, rgb in ((0, (200, 16, 46)), (12, (1, 2, 3))):
        ctx.set_source_rgb(*(c / 255 for c in rgb))
        ctx.rectangle(x, 6, 1, 1)
        ctx.fill()
    surface.flush()
    pixels = surface_rgb(surface)
    assert pixels.shape == (7, 13, 3)
    with Image.open(io.BytesIO(encode_png(pixels))) as decoded:
        assert decoded.getpixel((0, 6)) == (200, 16, 46) and decoded.getpixel((12, 6)) == (1, 2, 3)
        assert decoded.getpixel((5, 0)) == (255, 255, 255)


def test_villages_share_a_board_fit_and_a_failed_fit_names_its_own_village():
    # the board's text is fitted once for the county (the village only names an error)
    import pytest

    from paigen.errors import LayoutError

    engine = TextEngine(resolve_roles(default_settings()))
    text = [Para("党员应当履行的义务：认真学习马克思列宁主义、毛泽东思想。")]
    blocks.FITTED.clear()
    for where in ("堂二里镇东庄村 board-1", "信安镇白塔村 board-3"):
        fit_blocks(engine, text, "song", Box(0, 0, 300, 200), min_size=8, max_size=30, color="black",
                   where=where)
    assert len(blocks.FITTED) == 1
    for where in ("堂二里镇东庄村 board-1", "信安镇白塔村 board-3"):
        with pytest.raises(LayoutError) as info:
            fit_blocks(engine, text * 40, "song", Box(0, 0, 30, 20), min_size=8, max_size=30,
                       color="black", where=where)
        assert str(info.value).startswith(where)
