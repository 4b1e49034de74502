"""What the artwork and document side says to its users: in Chinese by default, in English on
request, each message naming the thing, the place and the fix.

Each case runs the real code on a real mistake: a rare character no installed font has, a text
too long for its box, a broken county master, a broken Word draft and a document with a bad
密级, an emblem file that is not there."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from paigen.assets import load_emblem
from paigen.docs.markdown import load_draft
from paigen.errors import LayoutError, PaigenError, ProfileError
from paigen.fonts import resolve_roles
from paigen.i18n import use_language
from paigen.inputs import open_inputs
from paigen.layout.scene import Box
from paigen.layout.text import TextEngine
from paigen.masters import read_master
from paigen.model.settings import default_settings, load_settings

from conftest import SAMPLES

EXT_H = "\U00031350"  # CJK Unified Ideographs Extension H: no installed font covers it
VILLAGE = f"东{EXT_H}村"


@pytest.fixture(scope="module")
def engine():
    return TextEngine(resolve_roles(default_settings()))


def test_an_uncovered_character_names_the_character_the_text_the_field_and_the_fix(engine):
    engine.missing.clear()
    engine.check(f"{VILLAGE}党群服务中心", "title", "village.name")
    (miss,) = engine.missing
    assert str(miss) == (
        f"village.name：「{VILLAGE}党群服务中心」中的「{EXT_H}」（U+31350）不在任何已安装的「标题字」"
        "字体中；请安装含该字的字体，并在 paigen.yaml 的 fonts.title.path 中指定，或改用其他字")
    with use_language("en"):
        assert str(miss) == (
            f"village.name: '{EXT_H}' (U+31350) in '{VILLAGE}党群服务中心' is in no installed font "
            "of the title face role; install a font that has it and name it in fonts.title.path "
            "of paigen.yaml, or replace the character")


def test_the_uncovered_character_of_a_build_is_reported_in_chinese(tmp_path):
    from paigen.batch.kit import lay_out
    from paigen.build import BuildOptions
    from paigen.errors import FontError

    county = tmp_path / "county"
    shutil.copytree(SAMPLES, county)
    profile = county / "东庄村.yaml"
    profile.write_text(profile.read_text("utf-8").replace("name: 村史馆", f"name: 村史{EXT_H}馆"),
                       encoding="utf-8")
    inputs = open_inputs(county)
    village = next(p for p in inputs.profiles if p.village.name == "东庄村")
    with pytest.raises(FontError) as info:
        lay_out(village, inputs.settings, resolve_roles(inputs.settings), BuildOptions(only=("signs",)))
    text = str(info.value)
    assert f"center.rooms[5].name：「村史{EXT_H}馆」中的「{EXT_H}」（U+31350）不在任何已安装的" in text
    assert "请安装含该字的字体" in text and "东庄村.yaml:" in text


def test_a_text_too_long_for_its_box_says_how_big_the_box_is_and_what_to_change(engine):
    text = "党员群众服务中心" * 6
    args = dict(min_size=20, max_size=40, where="堂二里镇东庄村 door-plate-1")
    with pytest.raises(LayoutError) as info:
        engine.fit(text, "hei", Box(0, 0, 120, 30), **args)
    assert str(info.value) == (
        f"堂二里镇东庄村 door-plate-1：「{text}」按最小字高 20 mm 也排不进 120 × 30 mm 的文字区；"
        "请精简文字，或在 paigen.yaml 中调整该标识的最小字高或 size_mm")
    with use_language("en"), pytest.raises(LayoutError) as info:
        engine.fit(text, "hei", Box(0, 0, 120, 30), **args)
    assert str(info.value) == (
        f"堂二里镇东庄村 door-plate-1: '{text}' does not fit the 120 × 30 mm text area at the "
        "minimum size of 20 mm; shorten the text, or change the sign's minimum text size or "
        "size_mm in paigen.yaml")


def _master_county(tmp_path: Path, artwork: bytes) -> Path:
    folder = tmp_path / "county"
    (folder / "masters").mkdir(parents=True)
    shutil.copy(SAMPLES / "paigen.yaml", folder)
    shutil.copy(SAMPLES / "东庄村.yaml", folder)
    (folder / "masters" / "board.yaml").write_text(
        "size_mm: [600, 800]\nbleed_mm: 5\nmaster: board.pdf\nslots:\n"
        "  - {name: title, box_mm: [40, 25, 520, 95], text: '{{ board.title }}', font: title}\n",
        "utf-8")
    (folder / "masters" / "board.pdf").write_bytes(artwork)
    return folder


def test_a_broken_master_is_refused_with_its_file_and_the_fix(tmp_path):
    folder = _master_county(tmp_path, b"%PDF-1.4\nthis is no PDF at all\n")
    settings = load_settings(folder)
    with pytest.raises(PaigenError) as info:
        read_master(folder / "masters" / "board.yaml", settings)
    text = str(info.value)
    assert text.startswith("masters/board.pdf：不是可读取的 PDF（"), text
    assert text.endswith("）；请重新把母版导出为 PDF"), text
    with use_language("en"), pytest.raises(PaigenError) as info:
        read_master(folder / "masters" / "board.yaml", settings)
    assert str(info.value).startswith("masters/board.pdf: not a readable PDF (")
    assert str(info.value).endswith("); export the master again as PDF")


def test_a_master_whose_artwork_is_missing_says_where_to_put_it(tmp_path):
    folder = _master_county(tmp_path, b"")
    (folder / "masters" / "board.pdf").unlink()
    settings = load_settings(folder)
    with pytest.raises(PaigenError) as info:
        read_master(folder / "masters" / "board.yaml", settings)
    assert str(info.value) == ("masters/board.yaml：指定的母版 board.pdf 不在旁边"
                               "（请把图稿放到 masters/board.pdf，或更正文件名）")


def test_a_broken_word_draft_is_refused_with_the_fix(tmp_path):
    draft = tmp_path / "通知.docx"
    draft.write_bytes(b"PK\x03\x04 this is not a zip")
    with pytest.raises(ProfileError) as info:
        load_draft(draft)
    (problem,) = info.value.problems
    assert problem.message.startswith("不是 Word 文档（.docx）：")
    assert problem.fix == "请用 Word 或 WPS 打开，另存为 .docx（Word 2007 及以后版本）"
    with use_language("en"), pytest.raises(ProfileError) as info:
        load_draft(draft)
    (problem,) = info.value.problems
    assert problem.message.startswith("is not a Word document (.docx): ")
    assert problem.fix == "open it in Word or WPS and save it as .docx (Word 2007 and later)"


def test_a_markdown_document_with_a_bad_secrecy_and_an_unknown_form_is_refused(tmp_path):
    draft = tmp_path / "通知.md"
    draft.write_text("---\noffices: [中共东风镇委员会]\nnumber: 东发〔2026〕3号\n"
                     "title: 关于做好值班工作的通知\nform: 布告\nsecrecy: 很机密\n---\n正文。\n",
                     encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_draft(draft)
    by_path = {p.path: p for p in info.value.problems}
    assert "form" in by_path and by_path["form"].location.line == 5  # the unknown kind, located
    secrecy = by_path["secrecy"]
    assert (secrecy.message, secrecy.fix) == (
        "「很机密」不是密级", "请使用绝密、机密、秘密，可加“★”和保密期限：秘密★1年")
    assert secrecy.location.line == 6
    with use_language("en"), pytest.raises(ProfileError) as info:
        load_draft(draft)
    secrecy = {p.path: p for p in info.value.problems}["secrecy"]
    assert (secrecy.message, secrecy.fix) == (
        "'很机密' is not a secrecy level",
        "use 绝密, 机密, 秘密, optionally with ★ and the period: 秘密★1年")


def test_a_missing_emblem_file_names_the_setting_the_file_and_the_fix(tmp_path):
    emblem = tmp_path / "党徽.svg"
    emblem.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (tmp_path / "paigen.yaml").write_text("assets: {emblem: 党徽.svg}\n", encoding="utf-8")
    settings = load_settings(tmp_path)
    emblem.unlink()  # moved away after the settings were read (the web app keeps them)
    with pytest.raises(PaigenError) as info:
        load_emblem(settings)
    assert str(info.value) == (f"assets.emblem：{emblem} 不存在；"
                               "请填写党徽 SVG 或 PDF 文件的路径（相对于县文件夹）")
    with use_language("en"), pytest.raises(PaigenError) as info:
        load_emblem(settings)
    assert str(info.value) == (f"assets.emblem: {emblem} does not exist; give the path of the "
                               "emblem's SVG or PDF file, relative to the county folder")


def test_an_emblem_drawn_as_a_picture_is_refused_in_chinese(tmp_path):
    emblem = tmp_path / "党徽.svg"
    emblem.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                      '<image href="data:image/png;base64,iVBORw0KGgo=" width="10" height="10"/>'
                      '</svg>', encoding="utf-8")
    (tmp_path / "paigen.yaml").write_text("assets: {emblem: 党徽.svg}\n", encoding="utf-8")
    with pytest.raises(PaigenError) as info:
        load_emblem(load_settings(tmp_path))
    assert str(info.value) == (f"assets.emblem：{emblem} 含位图；党徽必须是矢量路径"
                               "（请描摹为矢量，或使用官方矢量文件）")


def test_a_substituted_font_is_said_in_chinese():
    roles = resolve_roles(default_settings())
    fallback = [r for r in roles.values() if r.source == "fallback"]
    assert fallback, "the test machine has no licensed 方正 fonts: some role falls back"
    for role in fallback:
        assert role.warning.startswith("未安装"), role.warning
        assert "已用替代字体" in role.warning and f"fonts.{role.role}.path" in role.warning


def test_a_docx_part_bomb_names_the_part(tmp_path):
    draft = tmp_path / "报告.docx"
    with zipfile.ZipFile(draft, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (300 << 20))
    with pytest.raises(ProfileError) as info:
        load_draft(draft)
    (problem,) = info.value.problems
    assert problem.message == "其中的部件 word/document.xml 解压后有 300 MB"
    assert problem.fix == "这不是普通的 Word 文件；请用 Word 或 WPS 重新保存"
