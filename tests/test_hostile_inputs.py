"""Hangs and tracebacks: the hostile corpus (tests/hostile/) and generated files are refused
fast with a located message; the strict YAML reader and the workbook gate."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from hostile_util import HOSTILE, county, refused, run, village
from paigen.i18n import use_language

from conftest import SAMPLES


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """These tests read the English messages (tests/test_messages_input.py reads the Chinese)."""
    monkeypatch.setenv("PAIGEN_LANG", "en")
    with use_language("en"):
        yield


CORPUS = {
    "alias-bomb.yaml": "more than 100000 values",
    "mapping-bomb.yaml": "more than 100000 values",
    "python-object.yaml": "the tag '!!python/object/apply:os.system' is not allowed",
    "python-name.yaml": "the tag '!!python/name:os.system' is not allowed",
    "local-tag.yaml": "the tag '!mine' is not allowed",
    "merge-scalar.yaml": "merge keys ('<<') are not allowed",
    "merge-alias.yaml": "merge keys ('<<') are not allowed",
    "recursive-alias.yaml": "an alias refers to the section that contains it",
    "recursive-list.yaml": "an alias refers to the section that contains it",
    "complex-key.yaml": "a key must be plain text",
    "huge-int.yaml": "center.floors: '9999",
    "nul-byte.yaml": "U+0000",
    "control-byte.yaml": "U+001B",
    "bel-byte.yaml": "U+0007",
    "utf16-odd.yaml": "byte 0x78 at offset 112 is not valid UTF-16-LE text",
    "utf16-lone-surrogate.yaml": "is not valid UTF-16-LE text",
    "utf16-no-bom.yaml": "byte 0x00 at offset 1 is not valid UTF-8 text",
    "bad-bytes.yaml": "byte 0xFF at offset 84 is not valid",
    "deep.yaml": "nesting depth",
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_yaml_is_refused_with_its_place(tmp_path, name):
    start = time.perf_counter()
    output = refused(tmp_path, "validate", HOSTILE / name)
    assert CORPUS[name] in output, output
    assert f"{HOSTILE / name}:" in output
    assert time.perf_counter() - start < 10


@pytest.mark.parametrize("name, note", [("utf32-bom.yaml", "UTF-32-LE"), ("latin1.yaml", "Latin-1"),
                                        ("gb18030.yaml", "GBK/GB18030")])
def test_other_encodings_are_read_with_a_note(name, note):
    result, output = run("validate", HOSTILE / "good" / name)
    assert result.exit_code == 0, output
    assert note in output and "save the file as UTF-8" in output


def test_the_python_tag_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    (tmp_path / "p.yaml").write_text(village("东庄村") + f"x: !!python/object/apply:os.system ['touch {marker}']\n")
    refused(tmp_path, "validate", tmp_path / "p.yaml")
    assert not marker.exists()


@pytest.mark.parametrize("case, expect", [
    ("big-file", "above the limit of 8 MB"),
    ("rooms-2000", "the list has 2000 items, above the limit of 1000"),
    ("long-string", "above the limit of 10000"),
    ("fifo", "is not a regular file"),
    ("loop", "cannot read the file"),
    ("dev-zero", "is not a regular file"),
    ("dangling", "cannot read the file"),
])
def test_generated_monsters_are_refused_fast(tmp_path, case, expect):
    folder = county(tmp_path / "c", {})
    file = folder / "v.yaml"
    if case == "big-file":
        with open(file, "wb") as fh:
            fh.write(village("东庄村").encode() + b"#" * (9 * 1024 * 1024))
    elif case == "rooms-2000":
        rooms = "".join(f"    - {{name: 室{i}, floor: 1}}\n" for i in range(2000))
        file.write_text(village("东庄村") + "center:\n  rooms:\n" + rooms, encoding="utf-8")
    elif case == "long-string":
        file.write_text(village("东庄村") + "center: {address: " + "路" * 20000 + "}\n", encoding="utf-8")
    elif case == "fifo":
        os.mkfifo(file)
    elif case == "dev-zero":
        file.symlink_to("/dev/zero")
    elif case == "dangling":
        file.symlink_to(folder / "nowhere.yaml")
    else:
        file.symlink_to(folder / "v.yaml")
    start = time.perf_counter()
    output = refused(tmp_path, "validate", folder)
    assert expect in output and "v.yaml" in output, output
    assert time.perf_counter() - start < 10


def test_limits_are_raised_in_the_county_settings(tmp_path):
    rooms = "".join(f"    - {{name: 室{i}, floor: 1}}\n" for i in range(1200))
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村") + "center:\n  rooms:\n" + rooms},
                    settings="preset: bazhou-2020\nlimits: {list_items: 5000}\n")
    result, output = run("validate", folder)
    assert result.exit_code == 0, output


def _starter_book(folder: Path) -> Path:
    from paigen.starter import write_starter

    write_starter(folder, as_workbook=True)
    return next(folder.glob("*.xlsx"))


def _column(ws, label: str) -> int:
    return next(c.column for c in ws[1] if str(c.value).split("\n")[0] == label)


def test_a_zip_bomb_workbook_is_refused_before_unpacking(tmp_path):
    folder = tmp_path / "c"
    book = _starter_book(folder)
    with zipfile.ZipFile(book, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/bomb.xml", b" " * (3 * 1024 * 1024))
    output = refused(tmp_path, "validate", book)
    assert "xl/bomb.xml unpacks" in output and "times its packed size" in output


def test_a_huge_workbook_part_is_refused(tmp_path):
    folder = tmp_path / "c"
    book = _starter_book(folder)
    with zipfile.ZipFile(book, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings2.xml", os.urandom(1024) * (65 * 1024))
    output = refused(tmp_path, "validate", book)
    assert "above the limit of 64 MB" in output


@pytest.mark.parametrize("case, expect", [
    ("long-cell", "!K2 center.address: the cell holds 20000 characters"),
    ("formula", "center.floors: the cell holds a formula but no calculated value"),
    ("empty", "sheet '村庄' has a header but no village"),
    ("escape", "U+001B"),
    ("inf", "!O2 center.building_area_m2: inf is not a finite number"),
    ("nan", "cannot read the workbook: invalid literal"),
])
def test_hostile_workbook_cells_are_refused_with_their_cell(tmp_path, case, expect):
    folder = tmp_path / "c"
    book = _starter_book(folder)
    wb = openpyxl.load_workbook(book)
    ws = wb["村庄"]
    if case == "long-cell":
        ws.cell(2, _column(ws, "地址"), "路" * 20000)
    elif case == "formula":
        ws.cell(2, _column(ws, "层数"), "=1+1")
    elif case == "empty":
        ws.delete_rows(2, ws.max_row)
        for other in wb.worksheets[1:]:
            other.delete_rows(2, other.max_row)
    elif case == "escape":  # how Excel stores a control character
        ws.cell(2, _column(ws, "地址"), "中心街_x001B_[31m18号")
    else:
        ws.cell(2, _column(ws, "建筑面积㎡"), "@@RAW@@")
    wb.save(book)
    if case in ("inf", "nan"):
        _raw_cell(book, "@@RAW@@", {"inf": b"1E400", "nan": b"NaN"}[case])
    output = refused(tmp_path, "validate", book)
    assert expect in output, output


def _raw_cell(book: Path, placeholder: str, raw: bytes) -> None:
    """Replace the cell holding *placeholder* by a number cell of *raw* XML text."""
    import re

    data = {i.filename: zipfile.ZipFile(book).read(i) for i in zipfile.ZipFile(book).infolist()}
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in data.items():
            if name == "xl/sharedStrings.xml" or name.startswith("xl/worksheets/"):
                strings = re.findall(rb"<si>(.*?)</si>", data.get("xl/sharedStrings.xml", b""))
                index = next((i for i, t in enumerate(strings) if placeholder.encode() in t), None)
                if name.startswith("xl/worksheets/") and index is not None:
                    content = re.sub(rb'<c r="(\w+)"([^>]*) t="s"([^>]*)><v>%d</v></c>' % index,
                                     rb'<c r="\1"\2\3><v>' + raw + rb"</v></c>", content)
                content = re.sub(rb'<c r="(\w+)"([^>]*) t="inlineStr"([^>]*)><is><t>'
                                 + placeholder.encode() + rb"</t></is></c>",
                                 rb'<c r="\1"\2\3><v>' + raw + rb"</v></c>", content)
            archive.writestr(name, content)


def test_guide_board_split_terminates(tmp_path):
    rooms = "".join(f"    - {{name: {n}, floor: 1}}\n" for n in ["党" * 30, "综合服务站", "党员活动室", "会议室", "图书室"])
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村") + "center:\n  rooms:\n" + rooms})
    out = tmp_path / "out"
    start = time.perf_counter()
    output = refused(tmp_path, "build", folder, "-o", out, "--only", "signs", out=out)
    assert "a room name does not fit the guide board" in output
    assert time.perf_counter() - start < 30


def test_many_rooms_do_not_hang_the_guide(tmp_path):
    rooms = "".join(f"    - {{name: 功能室{i}, floor: {1 + i % 3}}}\n" for i in range(300))
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村") + "center:\n  floors: 3\n  rooms:\n" + rooms})
    from paigen.build import BuildOptions, lay_out
    from paigen.errors import PaigenError
    from paigen.fonts import resolve_roles
    from paigen.inputs import open_inputs

    inputs = open_inputs(folder)
    start = time.perf_counter()
    with contextlib.suppress(PaigenError):
        lay_out(inputs.profiles[0], inputs.settings, resolve_roles(inputs.settings),
                BuildOptions(only=("signs",)))
    assert time.perf_counter() - start < 60


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_die_with_a_killed_parent(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "paigen", "build", str(SAMPLES), "-o", str(out), "-j", "2",
                             "--only", "signs"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    deadline = time.time() + 30
    while time.time() < deadline and len(workers) < 2:
        time.sleep(0.2)
        workers = _children(proc.pid)
    assert workers, "the build started no workers"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    assert not any(_alive(w) for w in workers)


def test_limits_are_raised_on_the_command_line(tmp_path):
    rooms = "".join(f"    - {{name: 室{i}, floor: 1}}\n" for i in range(1200))
    folder = county(tmp_path / "c", {"v.yaml": village("东庄村") + "center:\n  rooms:\n" + rooms})
    refused(tmp_path, "validate", folder)
    result, output = run("--limit", "list_items=5000", "validate", folder)
    assert result.exit_code == 0, output
    result, output = run("--limit", "nope=3", "validate", folder)
    assert result.exit_code == 2 and "NAME one of file_mb" in output
    result, output = run("--limit", "list_items=-1", "validate", folder)
    assert result.exit_code == 2 and "above 0" in output
    from paigen.sources import _gate

    _gate.OVERRIDES.clear()
