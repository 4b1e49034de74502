"""The command line and the build speak the user's language: help, progress, warnings, and kit
file names a person can read (checked on disk, in the manifest, the order and in zips)."""

import io
import json
import os
import shutil
import subprocess
import sys
import unicodedata
import zipfile

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from catalogue_rules import latin_words
from paigen._names import MAX_TITLE_CHARS, kit_stem
from paigen._zip import UTF8_FLAG, zip_files
from paigen.batch.progress import BuildProgress, time_left
from paigen.batch.wording import proofread_warning
from paigen.build import BuildOptions, build
from paigen.i18n import use_language

from conftest import SAMPLES

WINDOWS_UNSAFE = set('\\/:*?"<>|')


def paigen(*args, lang=None):
    env = {**os.environ, "PAIGEN_LANG": lang} if lang else dict(os.environ)
    return subprocess.run([sys.executable, "-m", "paigen", *map(str, args)], capture_output=True, text=True,
                          env=env)


# --- help ---------------------------------------------------------------------------------------

def test_the_help_is_chinese_by_default():
    run = paigen("--help", lang="zh_CN")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.startswith("用法：")
    assert "为村（社区）党群服务中心生成可直接印刷的标识标牌、外立面图和公文。" in out
    assert "命令" in out and "选项" in out and "显示本帮助并退出。" in out
    assert "  build      把 PATH（村档案、县文件夹或 Excel 工作簿）中每个村的全套标识文件生成到 OUT 文件夹" in out
    assert "--lang [zh_CN|en]" in out
    # no English sentence left: every line's description has no Latin word but names and options
    for line in out.splitlines()[1:]:
        words = [w for w in latin_words(line) if not w.isupper() and w not in ("build", "convert", "doc", "fonts",
                 "init", "master", "preflight", "serve", "validate", "zh", "en", "limits")]
        assert not words, line


def test_every_subcommand_help_is_chinese():
    for command in (["build"], ["validate"], ["fonts"], ["preflight"], ["init"], ["convert"], ["doc"], ["serve"],
                    ["master"], ["master", "export"], ["master", "check"]):
        run = paigen(*command, "--help", lang="zh_CN")
        assert run.returncode == 0, run.stderr
        assert run.stdout.startswith("用法："), command
        assert "显示本帮助并退出。" in run.stdout
        assert "Show this message" not in run.stdout and "Options" not in run.stdout, command
    build_help = paigen("build", "--help", lang="zh_CN").stdout
    assert "文件包写入的文件夹。  [必填]" in build_help
    assert "同时生成的村数（默认：与处理器核数相同）。" in build_help
    doc_help = paigen("doc", "--help", lang="zh_CN").stdout
    assert "paigen doc 草稿.docx" in doc_help and "排版后写出 草稿.docx 和 草稿.pdf" in doc_help


def test_lang_en_before_the_command_gives_english_help_and_errors():
    run = paigen("--lang", "en", "build", "--help", lang="zh_CN")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Usage: ") and "paigen build [OPTIONS] PATH" in run.stdout
    assert "The folder the kits are written to.  [required]" in run.stdout
    assert "文件包" not in run.stdout
    assert paigen("--lang=en", "--help").stdout.startswith("Usage:")
    assert "Show this message and exit." in paigen("--help", lang="en").stdout
    wrong = paigen("--lang", "en", "buld")
    assert wrong.returncode == 2 and "No such command 'buld'" in wrong.stderr
    wrong = paigen("buld", lang="zh_CN")
    assert wrong.returncode == 2 and "错误：没有命令 'buld'。" in wrong.stderr and "是否应为 'build'？" in wrong.stderr


# --- progress ------------------------------------------------------------------------------------

class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_the_progress_line_shows_the_total_the_time_left_and_the_stage_after_the_last_village():
    clock = Clock()
    console = Console(file=io.StringIO(), force_terminal=True, width=120, color_system=None)
    with BuildProgress(console, get_time=clock) as bar:
        assert bar.line().startswith("村 0")  # before validation has counted
        bar.stage("villages", 390)
        assert bar.line() == "村 0/390 · 正在估算剩余时间"
        for _i in range(12):
            clock.now += 1.0
            bar.village(5)
        line = bar.line()
        assert line.startswith("村 12/390 · 60 件 · 预计剩余 6 分钟"), line
        bar.bar.refresh()
        assert "村 12/390" in console.file.getvalue()
        for _i in range(378):
            clock.now += 1.0
            bar.village(1)
        assert bar.line() == "村 390/390 · 438 件"  # no time left to tell once all are done
        bar.stage("documents", 24)
        assert bar.line() == "正在将 24 份文件转换为 PDF…"
        bar.stage("order")
        assert bar.line() == "正在汇总印刷订单（order.xlsx、order.pdf）…"
        bar.stage("gallery")
        assert bar.line() == "正在生成图库（index.html）…"
        with use_language("en"):
            assert bar.line() == "writing the gallery (index.html) …"


@pytest.mark.parametrize(("seconds", "zh", "en"), [
    (None, "正在估算剩余时间", "estimating the time left"), (12.4, "预计剩余 12 秒", "about 12 s left"),
    (185, "预计剩余 3 分钟", "about 3 min left"), (3900, "预计剩余 1 小时 5 分钟", "about 1 h 5 min left")])
def test_the_time_left_in_words(seconds, zh, en):
    assert time_left(seconds) == zh
    with use_language("en"):
        assert time_left(seconds) == en


# --- a real build: stages, warnings, file names ---------------------------------------------------

@pytest.fixture(scope="module")
def one_village(tmp_path_factory):
    """One village of the samples built (signs only), with the stages the build reported."""
    root = tmp_path_factory.mktemp("county")
    shutil.copy(SAMPLES / "paigen.yaml", root / "paigen.yaml")
    shutil.copy(SAMPLES / "东庄村.yaml", root / "东庄村.yaml")
    out = tmp_path_factory.mktemp("out") / "kits"
    stages, villages = [], []
    report = build(root, out, BuildOptions(only=("signs",), jobs=1), progress=villages.append,
                   stage=lambda name, count: stages.append((name, count)))
    assert [v.status for v in report.villages] == ["built"]
    return root, out, report, stages


def test_the_build_reports_its_stages(one_village):
    _root, _out, _report, stages = one_village
    assert stages == [("villages", 1), ("order", None), ("proof", None), ("gallery", None)]


def kit_files(out):
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))


def test_kit_files_carry_their_chinese_titles(one_village):
    _root, out, _report, _stages = one_village
    kit = out / "堂二里镇" / "东庄村"
    manifest = json.loads((kit / "manifest.json").read_text("utf-8"))
    paths = [a["path"] for a in manifest["artifacts"]]
    assert "signs/board-1-入党誓词.pdf" in paths or any(p.startswith("signs/board-1-") for p in paths)
    plates = [p for p in paths if p.startswith("signs/door-plate-") and p.endswith(".pdf")]
    assert plates and all(not p.isascii() for p in plates), plates
    for a in manifest["artifacts"]:
        assert (kit / a["path"]).is_file(), a["path"]
        name = a["path"].rsplit("/", 1)[-1]
        stem = name.rsplit(".", 1)[0]
        assert not (WINDOWS_UNSAFE & set(name)), name
        assert stem == stem.rstrip(" ."), name
        if a["path"].startswith(("signs/", "drawings/")):
            ascii_stem = stem.split("-", 1)[0]
            assert ascii_stem.isascii() and ascii_stem, name
    # the title in the name is the artwork's own title without its sign-type word
    board = next(a for a in manifest["artifacts"] if a["path"].startswith("signs/board-1-") and a["format"] == "pdf")
    assert board["path"] == f"signs/{kit_stem('board-1', board['title'])}.pdf"
    assert board["title"].split()[-1] in board["path"]
    # the order sheet and the gallery name the same files
    wb = openpyxl.load_workbook(out / "order.xlsx")
    files = {row[10] for row in wb["订单"].iter_rows(min_row=2, values_only=True)}
    assert "堂二里镇/东庄村/" + board["path"] in files or board["path"] in files
    html = (out / "index.html").read_text("utf-8")
    assert board["path"].rsplit("/", 1)[-1] in html


def test_a_second_build_finds_the_kit_current_by_its_new_names(one_village):
    root, out, _report, _stages = one_village
    again = build(root, out, BuildOptions(only=("signs",), jobs=1))
    assert [v.status for v in again.villages] == ["skipped"]


def test_kit_file_names_in_a_zip_read_back_with_zipfile_and_unzip(one_village, tmp_path):
    _root, out, _report, _stages = one_village
    names = kit_files(out)
    data = zip_files({n: (out / n).read_bytes() for n in names})
    assert data == zip_files({n: (out / n).read_bytes() for n in reversed(names)})  # deterministic
    archive = tmp_path / "kit.zip"
    archive.write_bytes(data)
    with zipfile.ZipFile(archive) as z:
        assert z.namelist() == names
        for info in z.infolist():
            assert bool(info.flag_bits & UTF8_FLAG) == (not info.filename.isascii()), info.filename
    listed = subprocess.run(["unzip", "-l", str(archive)], capture_output=True, check=True,
                            env={**os.environ, "LC_ALL": "C.UTF-8"}).stdout.decode("utf-8")
    chinese = [n for n in names if "入党誓词" in n]
    assert chinese and all(n in listed for n in chinese)
    target = tmp_path / "unzipped"
    subprocess.run(["unzip", "-q", str(archive), "-d", str(target)], check=True,
                   env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert kit_files(target) == names


# --- the file-name function ------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "title", "stem"), [
    ("board-1", "制度牌 入党誓词", "board-1-入党誓词"),
    ("door-plate-3", "门牌 党员活动室", "door-plate-3-党员活动室"),
    ("window-2", "窗口牌 2号 综合窗口", "window-2-2号-综合窗口"),
    ("door-plate-4", '门牌 会议室/党员"活动"室:*?<>|', "door-plate-4-会议室党员活动室"),
    ("plaque-1", "吊牌 党员之家…", "plaque-1-党员之家"),  # NFKC: … is three dots, and dots go
    ("flow-1", "流程图 1.2. ", "flow-1-12"),
    ("center-name", "", "center-name"),
    ("南立面", "立面图 南立面", "南立面"),
    ("notice", "关于开展标识标牌建设的通知", "notice-关于开展标识标牌建设的通知"),
])
def test_kit_stem(name, title, stem):
    assert kit_stem(name, title) == stem


def test_a_long_title_is_cut_and_the_path_stays_well_under_windows_limit():
    title = "制度牌 " + "村党组织书记和村委会主任一肩挑工作制度及其实施细则" * 3
    stem = kit_stem("board-12", title)
    assert stem.startswith("board-12-村党组织书记") and len(stem) <= len("board-12-") + MAX_TITLE_CHARS
    assert stem == kit_stem("board-12", title)
    village = "新" * 30
    township = "镇" * 30
    path = f"C:\\Users\\designer\\Documents\\paigen\\out\\{township}\\{village}\\signs\\{stem}.pdf"
    assert len(path) < 200, len(path)
    assert unicodedata.is_normalized("NFC", stem)


# --- warnings in Chinese ---------------------------------------------------------------------------

def test_the_proofread_warning_speaks_the_users_language():
    zh = proofread_warning(["入党誓词", "村规民约"])
    assert zh.startswith("印刷前还有 2 块制度牌的文字待核对：入党誓词、村规民约。")
    assert "proof: {status: verified, date: …, against: …}" in zh
    with use_language("en"):
        en = proofread_warning(["入党誓词"])
    assert en.startswith("1 board text(s) of the kit still to proofread before printing: 入党誓词.")


def test_the_build_command_says_its_summary_and_warnings_in_chinese(tmp_path):
    root = tmp_path / "county"
    root.mkdir()
    shutil.copy(SAMPLES / "paigen.yaml", root / "paigen.yaml")
    shutil.copy(SAMPLES / "东庄村.yaml", root / "东庄村.yaml")
    run = paigen("build", root, "-o", tmp_path / "out", "--only", "facade", lang="zh_CN")
    assert run.returncode == 0, run.stderr
    assert "✓ 堂二里镇/东庄村：" in run.stdout and "件作品" in run.stdout
    assert "已生成 1 个，失败 0 个，未变跳过 0 个，用时" in run.stdout and "；清单：" in run.stdout
    for line in run.stderr.splitlines():
        assert not line.startswith("warning:"), line
    again = paigen("--lang", "en", "build", root, "-o", tmp_path / "out", "--only", "facade")
    assert "· 堂二里镇/东庄村: unchanged, skipped" in again.stdout
    assert "0 built, 0 failed, 1 skipped in" in again.stdout
    bad = paigen("build", root, "-o", root, lang="zh_CN")
    assert bad.returncode == 2 and "错误：输出文件夹「" in bad.stderr and "」就是输入文件夹" in bad.stderr


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_title_gives_a_name_windows_and_zips_accept(title):
    stem = kit_stem("board-1", title)
    assert stem.startswith("board-1") and stem == kit_stem("board-1", title)
    assert not (WINDOWS_UNSAFE & set(stem)) and stem == stem.strip(" .")
    assert not any(unicodedata.category(c)[0] in "CZ" and c != " " for c in stem)
    assert len(stem) <= len("board-1-") + MAX_TITLE_CHARS
    data = zip_files({f"signs/{stem}.pdf": b"x"})
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.namelist() == [f"signs/{stem}.pdf"]
