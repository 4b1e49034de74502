"""Tracebacks and silent acceptance: environment, fonts, caches, consoles, settings ranges,
convert/init edge cases and odd profile values each give a clean, located message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostile_util import county, refused, run, village

WALL = """\
facade:
  walls:
    - {name: 南立面, length_mm: 9000, height_mm: 4000}
"""


@pytest.mark.parametrize("value", ["abc", "²", "253402300800", "99999999999999999999", "-5"])
def test_malformed_source_date_epoch_is_a_clear_error(tmp_path, value):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村")})
    output = refused(tmp_path, "validate", folder, env={"SOURCE_DATE_EPOCH": value}, codes=(2,))
    assert "SOURCE_DATE_EPOCH" in output


def test_empty_source_date_epoch_means_unset(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村", extra=WALL)})
    env = {**os.environ, "SOURCE_DATE_EPOCH": ""}
    one = subprocess.run([sys.executable, "-m", "paigen", "build", str(folder), "-o", str(tmp_path / "a"),
                          "--only", "facade", "--text", "live"], env=env, capture_output=True, text=True)
    assert one.returncode == 0, one.stderr
    assert "Traceback" not in one.stderr


@pytest.mark.parametrize("case", ["nosuchuser", "fake-woff2", "corrupt-cmap", "folder"])
def test_unreadable_font_files_are_a_font_error_naming_the_file(tmp_path, case):
    from paigen.fonts.discovery import installed_fonts

    folder = tmp_path / "c"
    if case == "nosuchuser":
        path = "~nosuchuser/x.ttf"
    elif case == "fake-woff2":
        (tmp_path / "x.woff2").write_bytes(b"wOF2" + os.urandom(200))
        path = str(tmp_path / "x.woff2")
    elif case == "folder":
        path = str(tmp_path)
    else:
        singles = [f for f in installed_fonts().faces if f.path.lower().endswith((".ttf", ".otf"))]
        if not singles:
            pytest.skip("no single-face font to damage")
        from fontTools.ttLib import TTFont

        data = bytearray(Path(singles[0].path).read_bytes())
        with TTFont(singles[0].path, lazy=True) as font:
            entry = font.reader.tables["cmap"]
        data[entry.offset : entry.offset + entry.length] = b"\xff" * entry.length
        (tmp_path / "bad.ttf").write_bytes(bytes(data))
        path = str(tmp_path / "bad.ttf")
    county(folder, {"v.yaml": village("东庄村", extra=WALL)},
           settings=f"preset: bazhou-2020\nfonts: {{song: {{path: '{path}'}}}}\n")
    out = tmp_path / "out"
    output = refused(tmp_path, "build", folder, "-o", out, "--only", "signs", out=out)
    assert "fonts.song.path" in output or "字体文件" in output, output


def test_unwritable_cache_folder_is_a_clear_error(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村")})
    (tmp_path / "cache-file").write_text("x")
    output = refused(tmp_path, "build", folder, "-o", tmp_path / "out", "--only", "docs", codes=(2,),
                     env={"PAIGEN_CACHE_DIR": str(tmp_path / "cache-file" / "sub")})
    assert "PAIGEN_CACHE_DIR" in output


@pytest.mark.parametrize("content", [b"{not json", b"[]", b'{"version": 999}',
                                     b'{"version": 1, "files": {"/x.ttf": {"size": "a"}}}'])
def test_a_corrupt_font_index_cache_is_rebuilt(tmp_path, monkeypatch, content):
    from paigen.fonts import discovery

    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path))
    (tmp_path / "font-index.json").write_bytes(content)
    index = discovery.build_index()
    assert index.faces
    assert json.loads((tmp_path / "font-index.json").read_text())["files"]


def test_a_gbk_console_gets_no_encoding_error(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村"), "w.yaml": "village: [\n"})
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    run_ = subprocess.run([sys.executable, "-m", "paigen", "validate", str(folder)], env=env, capture_output=True)
    assert run_.returncode == 1
    assert b"Traceback" not in run_.stderr and "东庄村".encode("gbk") in run_.stdout


@pytest.mark.parametrize("setting, key", [
    ("print: {bleed_mm: -3}", "print.bleed_mm"),
    ("print: {preview_px_per_100mm: 0}", "print.preview_px_per_100mm"),
    ("print: {preview_px_per_100mm: 1000000}", "print.preview_px_per_100mm"),
    ("print: {text: foo}", "print.text"),
    ("signs: {plaque: {size_mm: [10000000, 10000000]}}", "signs.plaque.size_mm[0]"),
    ("signs: {plaque: {min_text_mm: -1}}", "signs.plaque.min_text_mm"),
    ("signs: {plaque: {min_text_mm: .nan}}", "signs.plaque.min_text_mm"),
    ("documents: {serial: 1000000000000000000000000000000}", "documents.serial"),
    ("assets: {emblem: /etc/passwd}", "assets.emblem"),
    ("assets: {emblem: /tmp}", "assets.emblem"),
    ("assets: {emblem: /nonexistent/党徽.svg}", "assets.emblem"),
])
def test_settings_out_of_range_are_refused(tmp_path, setting, key):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村")}, settings=f"preset: bazhou-2020\n{setting}\n")
    output = refused(tmp_path, "validate", folder)
    assert "paigen.yaml:2" in output and key in output, output
    assert "root:" not in output  # never a file's content


@pytest.mark.parametrize("extra, key", [
    ("center: {floors: .nan}", "center.floors"),
    ("center: {floors: .inf}", "center.floors"),
    ("center: {building_area_m2: .inf}", "center.building_area_m2"),
    ("center: {building_area_m2: 1e30}", "center.building_area_m2"),
    ("rating: {year: .nan, stars: 3}", "rating.year"),
    ("duty: {per_day: .inf}", "duty.per_day"),
    ("facts: {meeting_capacity: .nan}", "facts.meeting_capacity"),
    ("wayfinding: [{place: 路口, direction: 右, distance_m: .nan}]", "wayfinding[0].distance_m"),
    ("facade: {walls: [{name: 南, length_mm: 0.001, height_mm: 0.001}]}", "facade.walls[0].length_mm"),
    ("facade: {walls: [{name: 南, length_mm: .inf, height_mm: 4000}]}", "facade.walls[0].length_mm"),
    ("people: [{name: '　', roles: [书记]}]", "people[0].name"),
    ("people: [{name: \"\\t\", roles: [书记]}]", "people[0].name"),
    ("center: {rooms: [{name: \"会议\\a室\", floor: 1}]}", "center.rooms[0].name"),
    ("center: {wechat_url: 'https://example.org/" + "a" * 5000 + "'}", "center.wechat_url"),
])
def test_nonsense_values_are_refused_with_their_key(tmp_path, extra, key):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村") + extra + "\n"})
    output = refused(tmp_path, "validate", folder)
    assert "v.yaml:" in output and key in output, output


def test_blank_township_is_refused(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": "schema: paigen/v1\nvillage: {name: 东庄村, township: ' '}\n"})
    output = refused(tmp_path, "validate", folder)
    assert "village.township（乡镇）：为空（请填写乡镇）" in output


def test_a_symlink_to_a_system_file_never_echoes_it(tmp_path):
    folder = county(tmp_path / "c", {})
    (folder / "v.yaml").symlink_to("/etc/passwd")
    output = refused(tmp_path, "validate", folder)
    assert "root:" not in output and "/bin/" not in output


def test_proc_environ_is_refused_without_its_content(tmp_path):
    folder = county(tmp_path / "c", {})
    (folder / "v.yaml").symlink_to("/proc/self/environ")
    output = refused(tmp_path, "validate", folder, env={"SECRET_TOKEN": "hunter2"})
    assert "hunter2" not in output


def test_fonts_on_an_invalid_profile_fails(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": "village: {name: 东庄村}\n"})
    refused(tmp_path, "fonts", folder / "v.yaml")


@pytest.mark.parametrize("target", ["folder", "/dev/full", "book.csv", "input", "below-file"])
def test_convert_refuses_bad_targets(tmp_path, target):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村")})
    out = {"folder": tmp_path / "c", "/dev/full": Path("/dev/full"), "book.csv": tmp_path / "book.csv",
           "input": folder / "v.yaml", "below-file": folder / "v.yaml" / "x.xlsx"}[target]
    before = (folder / "v.yaml").read_bytes()
    refused(tmp_path, "convert", folder, "-o", out, codes=(1, 2))
    assert (folder / "v.yaml").read_bytes() == before


def test_init_into_a_file_or_below_one_is_refused(tmp_path):
    (tmp_path / "f").write_text("x")
    refused(tmp_path, "init", tmp_path / "f", codes=(2,))
    refused(tmp_path, "init", tmp_path / "f" / "county", codes=(2,))
    result, output = run("init", tmp_path / "new" / "deep" / "county")
    assert result.exit_code == 0, output  # a missing parent is created


def test_a_huge_sign_size_gives_a_capped_preview(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村")},
                    settings="preset: bazhou-2020\nsigns: {plaque: {size_mm: [12000, 19000]}}\n")
    out = tmp_path / "out"
    _, output = run("build", folder, "-o", out, "--only", "signs")
    assert "Traceback" not in output
    from PIL import Image

    pngs = list(out.rglob("plaque*.png"))
    assert pngs, output
    for png in pngs:
        with Image.open(png) as image:
            assert max(image.size) <= 8000


def test_no_county_files_when_nothing_was_built(tmp_path):
    folder = county(tmp_path / "c", {"v.yaml": "village: {name: 东庄村}\n"})
    out = tmp_path / "out"
    refused(tmp_path, "build", folder, "-o", out, out=out)
    for name in ("order.xlsx", "order.pdf", "proof.pdf", "index.html"):
        assert not (out / name).exists(), name


def test_a_board_override_with_500_items_fails_cleanly(tmp_path):
    from paigen._data import data_dir

    folder = county(tmp_path / "c", {"v.yaml": village("东庄村") + "center:\n  rooms:\n"
                                     "    - {name: 党支部办公室, floor: 1, boards: [小微权力清单]}\n"})
    source = (data_dir("signage") / "boards" / "小微权力清单.yaml").read_text("utf-8")
    (folder / "boards").mkdir()
    items = "".join(f"  - 第{i}项事项的办理程序和要求说明\n" for i in range(500))
    (folder / "boards" / "小微权力清单.yaml").write_text(source[: source.index("items:")] + "items:\n" + items,
                                                      encoding="utf-8")
    out = tmp_path / "out"
    output = refused(tmp_path, "build", folder, "-o", out, "--only", "signs", out=out)
    assert "排不进" in output


@pytest.mark.parametrize("kind", ["fifo", "loop", "dangling"])
def test_a_settings_file_that_is_not_a_file_is_refused(tmp_path, kind):
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村")})
    settings = folder / "paigen.yaml"
    settings.unlink()
    if kind == "fifo":
        os.mkfifo(settings)
    elif kind == "loop":
        settings.symlink_to(settings)
    else:
        settings.symlink_to(tmp_path / "nowhere.yaml")
    output = refused(tmp_path, "validate", folder)
    assert "paigen.yaml" in output
