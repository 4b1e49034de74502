"""Bombs: every input of a build (profile, paigen.yaml, workbook) is gated by size before it is
parsed, so each is refused with a clean, located message by a paigen held to 1 GiB of address
space — never a MemoryError, an abort or a machine brought to a crawl."""

from __future__ import annotations

import os
import resource
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from hostile_util import SETTINGS, village

from conftest import SAMPLES_XLSX

GIB = 1 << 30
WORKBOOK = next(SAMPLES_XLSX.glob("*.xlsx"))


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


def _validate_under_1_gib(path: Path) -> str:
    """``paigen validate PATH`` in a process limited to 1 GiB; assert a clean refusal."""
    env = {**os.environ, "PYTHONFAULTHANDLER": ""}
    run = subprocess.run([sys.executable, "-m", "paigen", "validate", str(path)], preexec_fn=_limited,
                         capture_output=True, text=True, timeout=240, env=env)
    output = run.stdout + run.stderr
    assert run.returncode in (1, 2), (run.returncode, output[-2000:])
    assert "Traceback" not in output and "MemoryError" not in output, output[-2000:]
    return output


def _county(tmp_path: Path, profile: bytes = b"", settings: bytes = SETTINGS.encode()) -> Path:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "paigen.yaml").write_bytes(settings)
    (folder / "v.yaml").write_bytes(profile or village("东庄村").encode())
    return folder


def _sparse(file: Path, size: int) -> None:
    with open(file, "wb") as handle:
        handle.truncate(size)


FLAT = b"x: [" + b"1," * 3_900_000 + b"1]\n"  # 7.8 MB: four million values in one line
KEYS = b"x:\n" + b"".join(b"  k%d: 1\n" % i for i in range(640_000))  # 7.7 MB of keys
DEEP = b"a: " + b"[" * 4_000_000


@pytest.mark.parametrize("case, expected", [
    ("profile-100mb", "超过上限 8 MB"),
    ("profile-flat", "值超过 100000 个"),
    ("profile-keys", "值超过 100000 个|超过上限 1000"),
    ("profile-deep", "v.yaml:5:"),
    ("profile-aliases", "值超过 100000 个"),
    ("settings-100mb", "超过上限 8 MB"),
    ("settings-flat", "值超过 100000 个"),
])
def test_yaml_bombs_are_refused_within_1_gib(tmp_path, case, expected):
    if case.startswith("settings"):
        folder = _county(tmp_path, settings=SETTINGS.encode() + (FLAT if case.endswith("flat") else b""))
        if case.endswith("100mb"):
            _sparse(folder / "paigen.yaml", 100 << 20)
    else:
        data = {"profile-flat": FLAT, "profile-keys": KEYS, "profile-deep": DEEP}.get(case, b"")
        if case == "profile-aliases":
            data = (Path(__file__).parent / "hostile" / "alias-bomb.yaml").read_bytes()
        folder = _county(tmp_path, village("东庄村").encode() + data if data else b"")
        if case.endswith("100mb"):
            _sparse(folder / "v.yaml", 100 << 20)
    output = _validate_under_1_gib(folder)
    assert any(e in output for e in expected.split("|")), output[-2000:]
    name = "paigen.yaml" if case.startswith("settings") else "v.yaml"
    assert name in output


def _workbook_with(tmp_path: Path, padding: int) -> Path:
    """The sample workbook with *padding* spaces inside its first sheet (packs to a few hundred kB)."""
    target = tmp_path / "county.xlsx"
    with zipfile.ZipFile(WORKBOOK) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * padding, 1)
            out.writestr(info.filename, data)
    return target


def _lie_about(file: Path, member: str, size: int) -> None:
    """Write *size* as the unpacked size of *member* in the local and central headers."""
    raw = bytearray(file.read_bytes())
    name = member.encode()
    for signature, name_len_at, header, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        i = raw.find(signature)
        while i >= 0:
            length = struct.unpack_from("<H", raw, i + name_len_at)[0]
            if raw[i + header : i + header + length] == name:
                struct.pack_into("<I", raw, i + size_at, size)
            i = raw.find(signature, i + 4)
    file.write_bytes(bytes(raw))


@pytest.mark.parametrize("case, expected", [
    ("workbook-100mb", "超过上限 32 MB"),
    ("zip-bomb", "解压后为 200 MB，超过上限 64 MB"),
    ("lying-size", "无法读取工作簿"),
])
def test_workbook_bombs_are_refused_within_1_gib(tmp_path, case, expected):
    if case == "workbook-100mb":
        workbook = tmp_path / "county.xlsx"
        _sparse(workbook, 100 << 20)
    else:
        workbook = _workbook_with(tmp_path, 200 << 20)
        if case == "lying-size":  # the headers say 1 kB for a sheet that inflates to 200 MB
            _lie_about(workbook, "xl/worksheets/sheet1.xml", 1024)
    output = _validate_under_1_gib(workbook)
    assert expected in output and "county.xlsx" in output, output[-2000:]
