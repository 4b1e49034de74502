"""Font discovery, role resolution and coverage on the fonts the Makefile installs."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from paigen.errors import FontError
from paigen.fonts import build_index, resolve_role, resolve_roles
from paigen.fonts.discovery import read_faces
from paigen.i18n import use_language
from paigen.model.settings import default_settings, load_settings

from conftest import SAMPLES

NOTO_SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
NOTO_SERIF_BOLD = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
NOTO_SANS_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
WENKAI = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
NOTO_SERIF_BLACK = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Black.ttc"  # fonts-noto-cjk-extra
NOTO_SANS_MEDIUM = "/usr/share/fonts/opentype/noto/NotoSansCJK-Medium.ttc"  # fonts-noto-cjk-extra
HEI = NOTO_SANS_MEDIUM if Path(NOTO_SANS_MEDIUM).is_file() else NOTO_SANS_BOLD
FANDOL_FANG = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf"
# the title's first free candidate is Noto Serif CJK Black where fonts-noto-cjk-extra is installed
TITLE = NOTO_SERIF_BLACK if Path(NOTO_SERIF_BLACK).is_file() else NOTO_SERIF_BOLD
# FandolFang (texlive-lang-chinese) is the 仿宋 where installed, Noto Serif otherwise
FANGSONG = FANDOL_FANG if Path(FANDOL_FANG).is_file() else NOTO_SERIF
EXT_H = "\U00031350"  # CJK Unified Ideographs Extension H: no installed font covers it


@pytest.fixture(scope="module")
def index():
    return build_index(use_cache=False)


def test_discovery_finds_the_debian_cjk_fonts(index):
    face = index.find("Noto Serif CJK SC:Regular")
    assert (face.path, face.index, face.cff) == (NOTO_SERIF, 2, True)  # SC is face 2 of the .ttc
    assert index.find("Noto Serif CJK SC:Bold").path == NOTO_SERIF_BOLD
    assert index.find("霞鹜文楷").path == WENKAI  # found by its Chinese name too
    assert index.find("LXGW WenKai:Regular").path == WENKAI  # not the Light file
    assert index.find("LXGW WenKai:Light").path.endswith("LXGWWenKai-Light.ttf")
    assert index.find("方正小标宋简体") is None


def test_fontconfig_and_folder_scan_agree(index):
    # the index covers every CJK face fontconfig lists
    listed = subprocess.run(["fc-list", ":lang=zh", "--format", "%{file}|%{index}\n"],
                            capture_output=True, text=True, check=True).stdout.split()
    known = {(f.path, f.index) for f in index.faces}
    for line in listed:
        path, _, idx = line.partition("|")
        assert (path, int(idx)) in known


def test_index_cache_is_reused(tmp_path, monkeypatch):
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path))
    first = build_index()
    assert (tmp_path / "font-index.json").is_file()
    assert build_index() == first


def test_roles_fall_back_with_warnings(index):
    roles = resolve_roles(default_settings(), index)
    assert roles["title"].primary.path == NOTO_SERIF_BLACK and roles["title"].source == "fallback"
    assert roles["title"].warning.startswith("未安装方正小标宋简体；「标题字」（fonts.title）已用替代字体 ")
    assert roles["song"].primary.path == NOTO_SERIF
    assert roles["hei"].primary.path == NOTO_SANS_MEDIUM
    assert roles["kai"].primary.path == WENKAI
    assert roles["fangsong"].faces[0].path == FANGSONG


def test_configured_path_and_ttc_face_by_name(tmp_path, index):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(NOTO_SANS_BOLD, fonts / "hei.ttc")
    (tmp_path / "paigen.yaml").write_text(
        "fonts:\n  hei: {path: fonts/hei.ttc, face: Noto Sans CJK SC Bold}\n"
        "  kai: {path: fonts/hei.ttc, face: 3}\n", encoding="utf-8")
    settings = load_settings(tmp_path)
    hei = resolve_role(settings, "hei", index)
    assert (hei.source, hei.primary.path, hei.primary.index) == ("configured", str(fonts / "hei.ttc"), 2)
    assert hei.warning == ""
    assert resolve_role(settings, "kai", index).primary.family == "Noto Sans CJK TC"


def test_configured_face_errors(tmp_path, index):
    (tmp_path / "paigen.yaml").write_text(
        f"fonts:\n  hei: {{path: {NOTO_SANS_BOLD}, face: SimHei}}\n  song: {{path: nope.ttf}}\n",
        encoding="utf-8")
    settings = load_settings(tmp_path)
    with pytest.raises(FontError, match=r"fonts.hei.face：NotoSansCJK-Bold.ttc 中没有「SimHei」；"
                                        r"该文件含有的字体：0: Noto Sans CJK JP Bold、"):
        resolve_role(settings, "hei", index)
    with pytest.raises(FontError, match=r"fonts.song.path：字体文件「.*nope.ttf」不存在"):
        resolve_role(settings, "song", index)
    with use_language("en"), pytest.raises(FontError, match=r"fonts.song.path: font file '.*nope.ttf' "
                                                             r"does not exist"):
        resolve_role(settings, "song", index)


def test_role_without_any_font_is_an_error(tmp_path, index):
    (tmp_path / "paigen.yaml").write_text(
        "fonts: {kai: {preferred: [楷体_GB2312], fallback: [No Such Font]}}\n", encoding="utf-8")
    with pytest.raises(FontError, match=r"没有已安装的字体可用作「楷体」（fonts.kai；查找过：楷体_GB2312、No Such Font）"):
        resolve_role(load_settings(tmp_path), "kai", index)


def test_coverage_reports_what_no_face_can_draw(index):
    song = resolve_role(default_settings(), "song", index)
    assert song.uncovered("东庄村党员群众服务中心 8:30-17:30（周一）") == []
    assert song.uncovered(f"王{EXT_H}华{EXT_H}") == [EXT_H]
    # the fangsong chain draws from Noto Serif and WenKai what FandolFang lacks
    fangsong = resolve_role(default_settings(), "fangsong", index)
    assert len(fangsong.faces) == (3 if FANGSONG == FANDOL_FANG else 2)


def test_extension_g_is_partly_covered_extension_h_not(index):
    song = resolve_role(default_settings(), "song", index)
    covered_g = [c for c in map(chr, range(0x30000, 0x3134B)) if not song.uncovered(c)]
    assert 0 < len(covered_g) < 100  # "a few Ext G characters" (SPEC §10)
    assert song.uncovered("".join(map(chr, range(0x31350, 0x31360)))) == \
        [chr(c) for c in range(0x31350, 0x31360)]


def test_read_faces_of_a_non_font_file(tmp_path):
    (tmp_path / "broken.ttf").write_bytes(b"not a font")
    assert read_faces(tmp_path / "broken.ttf") == []


def test_cli_fonts_reports_uncovered_characters_with_code_point(tmp_path):
    shutil.copy(SAMPLES / "paigen.yaml", tmp_path)
    text = (SAMPLES / "东庄村.yaml").read_text("utf-8").replace("李秀英", f"李{EXT_H}英")
    (tmp_path / "东庄村.yaml").write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if EXT_H in t)
    run = subprocess.run([sys.executable, "-m", "paigen", "fonts", str(tmp_path)],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "title     Noto Serif CJK SC Black" in run.stdout
    lines = [x for x in run.stdout.splitlines() if "U+31350" in x]
    # the name appears in people, twice in the duty roster and in members: each place is named
    assert len(lines) == 4
    assert lines[0] == (f"✗ {tmp_path / '东庄村.yaml'}:{line}:6 people[1].name：「{EXT_H}」（U+31350）"
                        "在以下用途的字体中没有：title、song、hei、kai、fangsong")
    assert any("duty.week.周二[0]" in x for x in lines)
    assert "有 4 个字没有字体能显示" in run.stderr


def test_cli_fonts_without_path_prints_the_role_table():
    run = subprocess.run([sys.executable, "-m", "paigen", "fonts"], capture_output=True, text=True)
    assert run.returncode == 0
    assert f"song      Noto Serif CJK SC Regular  2     fallback  {NOTO_SERIF}" in run.stdout
    assert "未安装宋体；「宋体」（fonts.song）已用替代字体 Noto Serif CJK SC Regular 排版" in run.stdout
