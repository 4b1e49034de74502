"""Data loss: names that collide, OUT that is the input, files paigen did not write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hostile_util import county, refused, run, village
from paigen._names import MAX_NAME_BYTES, name_key, safe_name
from paigen.i18n import use_language


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """These tests read the English messages (tests/test_messages_input.py reads the Chinese)."""
    monkeypatch.setenv("PAIGEN_LANG", "en")
    with use_language("en"):
        yield



@pytest.mark.parametrize("a, b", [
    ("东/庄村", "东_庄村"),
    ("东庄村.", "东庄村"),
    ("' 东庄村'", "东庄村"),
    ("东庄村\u3000", "东庄村"),
    ("东庄村 .", "东庄村"),
    ("DongZhuang", "dongzhuang"),
    ("ＡＢ村", "AB村"),
])
def test_villages_whose_folders_collide_are_both_refused(tmp_path, a, b):
    folder = county(tmp_path / "c", {"1.yaml": village(a), "2.yaml": village(b),
                                     "3.yaml": village("小王庄村")})
    out = tmp_path / "out"
    output = refused(tmp_path, "build", folder, "-o", out, "--only", "facade", out=out)
    assert "1.yaml:3" in output and "2.yaml:3" in output  # both sources named, with lines
    assert "neither is built" in output
    batch = json.loads((out / "manifest.json").read_text("utf-8"))
    status = {v["label"].rsplit("/", 1)[-1]: v["status"] for v in batch["villages"]}
    assert status == {"1.yaml": "failed", "2.yaml": "failed", "3.yaml": "built"}
    assert [p.name for p in (out / "堂二里镇").iterdir()] == ["小王庄村"]


@pytest.mark.parametrize("name, shown", [("东\u200b庄村", "U+200B ZERO WIDTH SPACE"), ("''", "is blank"),
                                         ("'\u3000'", "is blank"), ("'\u200d'", "U+200D"),
                                         ('"东\\e庄村"', "U+001B")])
def test_blank_and_invisible_names_are_refused(tmp_path, name, shown):
    folder = county(tmp_path / "c", {"1.yaml": village(name)})
    output = refused(tmp_path, "validate", folder)
    assert "1.yaml:3:" in output and "village.name" in output and shown in output


def test_walls_whose_drawings_collide_are_refused(tmp_path):
    walls = """\
    facade:
      walls:
        - {name: 南/立面, length_mm: 9000, height_mm: 4000}
        - {name: 南_立面, length_mm: 9000, height_mm: 4000}
    """
    folder = county(tmp_path / "c", {"1.yaml": village("东庄村", extra=walls)})
    out = tmp_path / "out"
    output = refused(tmp_path, "build", folder, "-o", out, out=out)
    assert "1.yaml:" in output and "facade.walls[1].name" in output
    assert "'南_立面' and '南/立面' (walls[0]) would both be the drawing facade/南_立面.pdf" in output
    assert not (out / "堂二里镇").exists()


def test_output_into_the_input_folder_is_refused(tmp_path):
    folder = county(tmp_path / "c", {"1.yaml": village("东庄村")})
    output = refused(tmp_path, "build", folder, "-o", folder, codes=(2,))
    assert "is the input folder" in output
    refused(tmp_path, "build", folder / "1.yaml", "-o", folder, codes=(2,))


def test_output_holding_the_input_workbook_is_refused(tmp_path):
    from paigen.starter import write_starter

    write_starter(tmp_path / "c" / "sub", as_workbook=True)
    book = next((tmp_path / "c" / "sub").glob("*.xlsx"))
    before = book.read_bytes()
    output = refused(tmp_path, "build", book, "-o", tmp_path / "c", codes=(2,))
    assert "holds the input file" in output
    assert book.read_bytes() == before


def test_output_with_foreign_files_is_refused(tmp_path):
    folder = county(tmp_path / "c", {"1.yaml": village("东庄村")})
    out = tmp_path / "out"
    out.mkdir()
    (out / "order.xlsx").write_bytes(b"the county's own order")
    output = refused(tmp_path, "build", folder, "-o", out, codes=(2,))
    assert "did not write" in output
    assert (out / "order.xlsx").read_bytes() == b"the county's own order"


def test_a_foreign_folder_where_a_kit_goes_is_kept(tmp_path):
    folder = county(tmp_path / "c", {"1.yaml": village("东庄村"), "2.yaml": village("西庄村")})
    out = tmp_path / "out"
    result, _ = run("build", folder, "-o", out, "--only", "facade")
    assert result.exit_code == 0
    (out / "堂二里镇" / "东庄村" / "manifest.json").unlink()
    (out / "堂二里镇" / "东庄村" / "photo.jpg").write_bytes(b"mine")
    output = refused(tmp_path, "build", folder, "-o", out, "--only", "facade", "--force", out=None)
    assert "is not a kit paigen wrote" in output
    assert (out / "堂二里镇" / "东庄村" / "photo.jpg").read_bytes() == b"mine"


@pytest.mark.parametrize("kind", ["file", "below-file", "read-only"])
def test_unusable_output_is_refused_before_any_village(tmp_path, kind):
    import os

    folder = county(tmp_path / "c", {"1.yaml": village("东庄村")})
    out = tmp_path / "out"
    if kind == "file":
        out.write_text("x")
    elif kind == "below-file":
        (tmp_path / "f").write_text("x")
        out = tmp_path / "f" / "out"
    else:
        if os.geteuid() == 0:  # root writes into a read-only folder; /proc refuses even root
            out = Path("/proc/1/paigen-out")
        else:
            out.mkdir()
            out.chmod(0o500)
    try:
        output = refused(tmp_path, "build", folder, "-o", out, codes=(2,))
    finally:
        if kind == "read-only" and out.exists():
            out.chmod(0o700)
    assert str(out) in output


def test_reserved_and_long_names_are_made_safe_deterministically():
    for name in ("CON", "nul", "com1", "aux.txt", "LPT1", "Con .txt"):
        assert safe_name(name).startswith("_"), name
    long = "党" * 90
    assert len(safe_name(long).encode()) <= MAX_NAME_BYTES
    assert safe_name(long) == safe_name(long) != safe_name("党" * 89 + "群")
    assert safe_name("东庄村. ") == safe_name(" 东庄村") == "东庄村"
    assert name_key("ABC") == name_key("abc") == name_key("ＡＢＣ")
    assert safe_name("..") == "_" and "/" not in safe_name("../../etc")


def test_a_village_named_like_a_windows_device_builds(tmp_path):
    folder = county(tmp_path / "c", {"1.yaml": village("CON", township="aux")})
    out = tmp_path / "out"
    result, output = run("build", folder, "-o", out, "--only", "facade")
    assert result.exit_code == 0, output
    assert (out / "_aux" / "_CON" / "manifest.json").is_file()


def test_a_disk_that_fills_mid_build_fails_the_village_cleanly(tmp_path, monkeypatch):
    import errno

    import paigen.build as build_module
    from paigen.build import BuildOptions, build

    folder = county(tmp_path / "c", {"1.yaml": village("东庄村"), "2.yaml": village("西庄村")})
    out = tmp_path / "out"
    real = build_module.atomic_write
    count = {"n": 0}

    def filling(path, data, durable=True):
        if "西庄村" in str(path):
            count["n"] += 1
            if count["n"] == 1:
                raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, data, durable)

    monkeypatch.setattr(build_module, "atomic_write", filling)
    report = build(folder, out, BuildOptions(only=("facade",), jobs=1, batch=False))
    status = {v.village: v.status for v in report.villages}
    assert status == {"东庄村": "built", "西庄村": "failed"}
    failed = next(v for v in report.villages if v.status == "failed")
    assert "No space left on device" in failed.error and "西庄村" in failed.error
    assert not (out / "堂二里镇" / "西庄村").exists()
    from hostile_util import assert_no_partial_kit

    assert_no_partial_kit(out)


def test_a_90_character_wall_name_gives_a_short_enough_file_name(tmp_path):
    long = "南" * 90
    walls = f"facade:\n  walls:\n    - {{name: {long}, length_mm: 9000, height_mm: 4000}}\n"
    folder = county(tmp_path / "c", {"1.yaml": village("党" * 90 + "村", extra=walls)})
    out = tmp_path / "out"
    result, output = run("build", folder, "-o", out, "--only", "facade")
    assert "Traceback" not in output and "File name too long" not in output, output
    assert result.exit_code in (0, 1), output
    if result.exit_code == 0:
        (kit,) = (out / "堂二里镇").iterdir()
        assert len(kit.name.encode()) <= MAX_NAME_BYTES
        assert all(len(p.name.encode()) <= 255 for p in kit.rglob("*"))
