"""The web app against a careless or hostile user: names that collide with the county's own files,
concurrent downloads, oversized forms, lying or clashing zips, a full disk, bad tokens, bombs."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import time
import warnings
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import openpyxl
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from paigen.inputs import open_inputs
from paigen.web import create_app
from test_web import WORKBOOK, assert_clean_4xx, form_fields, job_of, post_form, upload, zip_of

from conftest import SAMPLES, SAMPLES_XLSX

SETTINGS = (SAMPLES_XLSX / "paigen.yaml").read_bytes()


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(tmp_path / "data", build_jobs=1), follow_redirects=False,
                    raise_server_exceptions=False) as c:
        yield c


def jobs_root(client) -> Path:
    return client.app.app.state.jobs.root


def workbook_with(first_village: str) -> bytes:
    """The sample workbook with 东庄村 renamed to *first_village* on every sheet."""
    wb = openpyxl.load_workbook(WORKBOOK)
    for ws in wb:
        if ws["A1"].value != "村名":
            continue
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "东庄村":
                row[0].value = first_village
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def village_count(client, job: str) -> str:
    import re

    page = client.get(f"/jobs/{job}").text
    match = re.search(r"(\d+) 个村通过检查，(\d+) 个村有问题", page)
    assert match, page[-2000:]
    return match.group(0)


# -- item 3: a village's name never becomes the county's own file ------------------------------------
@pytest.mark.parametrize("name", ["paigen", "PAIGEN", "Paigen", "~$东庄村", "．paigen"])
@pytest.mark.parametrize("with_settings", [False, True])
def test_village_named_like_a_reserved_file_keeps_the_settings_and_itself(client, name, with_settings):
    book = workbook_with(name)
    if with_settings:
        job = job_of(upload(client, ("c.zip", zip_of({"c/paigen.yaml": SETTINGS, "c/村庄信息.xlsx": book}))))
    else:
        job = job_of(upload(client, ("霸州.xlsx", book)))
    assert village_count(client, job) == "3 个村通过检查，0 个村有问题"
    url = f"/jobs/{job}/edit/0"
    assert post_form(client, url, form_fields(client.get(url).text)).status_code == 303
    root = jobs_root(client) / job / "input" / ("c" if with_settings else "")
    # the county's settings are the uploaded ones (or none), never a village
    names = {p.name.casefold() for p in root.iterdir()}
    assert ("paigen.yaml" in names) == with_settings
    if with_settings:
        assert (root / "paigen.yaml").read_bytes() == SETTINGS
    assert not any(n.startswith(("~$", ".")) for n in names)
    assert len(names) == len({p.name for p in root.iterdir()})  # no two names differ only by case
    assert village_count(client, job) == "3 个村通过检查，0 个村有问题"
    assert name in {p.village.name for p in open_inputs(root).profiles}
    back = openpyxl.load_workbook(io.BytesIO(client.get(f"/jobs/{job}/村庄信息.xlsx").content))
    assert name in [row[0].value for row in back["村庄"].iter_rows(min_row=2)]


def test_two_settings_files_in_one_upload_are_refused(client):
    response = upload(client, ("paigen.yaml", SETTINGS), ("paigen.yaml", b"preset: bazhou-2020\n"),
                      ("a.yaml", (SAMPLES / "东庄村.yaml").read_bytes()))
    assert_clean_4xx(response, 400, "paigen.yaml")
    assert list(jobs_root(client).iterdir()) == []


# -- item 4: concurrent zip downloads -----------------------------------------------------------------
def fake_built_job(client, files: int = 60, size: int = 40_000) -> str:
    """A job whose build is done: a manifest listing *files* artworks of *size* random bytes."""
    job = job_of(upload(client, ("a.yaml", (SAMPLES / "小王庄村.yaml").read_bytes())))
    out = jobs_root(client) / job / "out"
    artifacts = []
    for n in range(files):
        rel = f"镇/村/signs/sign-{n}.pdf"
        (out / "镇" / "村" / "signs").mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(os.urandom(size))
        artifacts.append({"path": rel, "kind": "print", "format": "pdf"})
    (out / "manifest.json").write_text(json.dumps({"villages": [
        {"folder": "镇/村", "township": "镇", "village": "村", "artifacts": artifacts}]}), "utf-8")
    (jobs_root(client) / job / "status.json").write_text(json.dumps({"state": "done", "villages": {}}))
    return job


@pytest.mark.parametrize("path", ["kit.zip", "villages/0.zip"])
def test_parallel_downloads_of_one_zip_are_all_the_same_valid_zip(client, path):
    job = fake_built_job(client)
    url = f"/jobs/{job}/{path}"
    with ThreadPoolExecutor(20) as pool:
        responses = list(pool.map(lambda _: client.get(url), range(20)))
    assert [r.status_code for r in responses] == [200] * 20, {r.status_code for r in responses}
    bodies = {r.content for r in responses}
    assert len(bodies) == 1
    with zipfile.ZipFile(io.BytesIO(bodies.pop())) as archive:
        names = archive.namelist()
        assert archive.testzip() is None
        assert len([n for n in names if n.startswith("镇/村/signs/")]) == 60
    downloads = jobs_root(client) / job / "downloads"
    assert [p.name for p in downloads.iterdir() if not p.name.endswith(".zip")] == []  # no temp left


# -- item 4: an edit form that claims a huge number of rows --------------------------------------------
def huge_rows_form(walls: int = 500, openings: int = 500) -> list[tuple[str, str]]:
    fields = [("village.name", "东庄村"), ("facade.walls.rows", str(walls))]
    fields += [(f"facade.walls[{i}].openings.rows", str(openings)) for i in range(walls)]
    return fields


@pytest.mark.parametrize("fields", [huge_rows_form(), [("village.name", "东庄村"), ("members.rows", "200000")]],
                         ids=["500 walls x 500 openings", "200000 members"])
def test_edit_post_with_a_huge_row_count_is_refused_quickly(client, fields):
    job = job_of(upload(client, ("a.yaml", (SAMPLES / "东庄村.yaml").read_bytes())))
    assert len(urlencode(fields)) < 25_000  # a 19 KiB post
    started = time.monotonic()
    response = post_form(client, f"/jobs/{job}/edit/0", fields)
    elapsed = time.monotonic() - started
    assert_clean_4xx(response, 400, "行数")
    assert "上限" in response.text
    assert elapsed < 10, elapsed  # generous: it took 25–52 s when every row was read
    before = (jobs_root(client) / job / "input" / "profile-1.yaml").read_bytes()
    assert before == (SAMPLES / "东庄村.yaml").read_bytes()  # nothing saved


def test_edit_form_of_a_real_village_round_trips_under_the_cap(client):
    job = job_of(upload(client, ("a.yaml", (SAMPLES / "东庄村.yaml").read_bytes())))
    url = f"/jobs/{job}/edit/0"
    assert post_form(client, url, form_fields(client.get(url).text)).status_code == 303


# -- item 4: zips that lie, clash or cannot be stored --------------------------------------------------
def lying_zip(name: str, body: bytes, declared: int) -> bytes:
    """A zip whose one member *name* says it unpacks to *declared* bytes but holds *body*."""
    data = bytearray(zip_of({name: body}))
    local = data.index(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, declared)
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, declared)
    return bytes(data)


@pytest.mark.parametrize("declared", [10, 5_000])
def test_zip_member_that_lies_about_its_size_is_refused(client, declared):
    body = (SAMPLES / "东庄村.yaml").read_bytes() * 4
    zipped = lying_zip("c/东庄村.yaml", body, declared)
    assert zipfile.ZipFile(io.BytesIO(zipped)).infolist()[0].file_size == declared
    assert_clean_4xx(upload(client, ("c.zip", zipped)), 400, "c/东庄村.yaml")
    assert list(jobs_root(client).iterdir()) == []


@pytest.mark.parametrize("members", [
    ["c/a.yaml", "c/a.yaml/b.yaml"],
    ["c/a.yaml/b.yaml", "c/a.yaml"],
    ["c/a.yaml", "c/a.yaml/"],
    ["c/a.yaml", "c/a.yaml"],
])
def test_zip_with_a_name_that_is_both_file_and_folder_is_refused(client, members):
    sample = (SAMPLES / "东庄村.yaml").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name
        for name in members:
            archive.writestr(name, b"" if name.endswith("/") else sample)
    response = upload(client, ("c.zip", buffer.getvalue()))
    assert_clean_4xx(response, 400, "c/a.yaml")
    assert list(jobs_root(client).iterdir()) == []


def disk_fills_after(monkeypatch, writes: int) -> None:
    """Every file paigen writes after the first *writes* lands on /dev/full (ENOSPC, as a full disk)."""
    import tempfile

    import paigen._io as io_module

    real = tempfile.mkstemp
    count = {"n": 0}

    def mkstemp(*args, **kwargs):
        fd, name = real(*args, **kwargs)
        count["n"] += 1
        if count["n"] > writes:
            os.close(fd)
            fd = os.open("/dev/full", os.O_WRONLY)
        return fd, name

    monkeypatch.setattr(io_module.tempfile, "mkstemp", mkstemp)


@pytest.mark.parametrize("writes", [0, 1, 2])
def test_full_data_disk_during_an_upload_leaves_no_half_made_job(client, monkeypatch, writes):
    members = {f"c/{p.name}": p.read_bytes() for p in SAMPLES.iterdir()}
    disk_fills_after(monkeypatch, writes)
    response = upload(client, ("c.zip", zip_of(members)))
    assert_clean_4xx(response, 413, "磁盘空间不足")
    assert list(jobs_root(client).iterdir()) == []


def test_full_data_disk_during_a_save_keeps_the_profile(client, monkeypatch):
    job = job_of(upload(client, ("a.yaml", (SAMPLES / "东庄村.yaml").read_bytes())))
    url = f"/jobs/{job}/edit/0"
    fields = form_fields(client.get(url).text)
    disk_fills_after(monkeypatch, 0)
    response = post_form(client, url, fields)
    assert_clean_4xx(response, 413, "磁盘空间不足")
    stored = jobs_root(client) / job / "input"
    assert [p.name for p in stored.iterdir()] == ["profile-1.yaml"]
    assert (stored / "profile-1.yaml").read_bytes() == (SAMPLES / "东庄村.yaml").read_bytes()


def test_full_data_disk_while_making_a_zip_says_so_and_leaves_no_part(client, monkeypatch):
    job = fake_built_job(client, files=5)
    disk_fills_after(monkeypatch, 0)
    response = client.get(f"/jobs/{job}/kit.zip")
    assert response.status_code == 507 and "磁盘空间不足" in response.text
    assert "Traceback" not in response.text
    downloads = jobs_root(client) / job / "downloads"
    assert not downloads.exists() or list(downloads.iterdir()) == []
    monkeypatch.undo()
    again = client.get(f"/jobs/{job}/kit.zip")
    assert again.status_code == 200 and zipfile.ZipFile(io.BytesIO(again.content)).testzip() is None


# -- item 4: tokens a browser cannot send -------------------------------------------------------------
@pytest.mark.parametrize("token", ["令牌令牌令牌", "abc;def", "abc def", "tab\tbed", "quote\"d", "plus+sign"])
def test_unusable_token_is_refused_at_start(tmp_path, monkeypatch, token):
    import uvicorn

    from paigen.cli import main

    started = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.append(app))
    result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path / "d"), "--token", token])
    assert result.exit_code != 0 and started == []
    assert "--token" in result.output and "Traceback" not in result.output
    assert "A-Z" in result.output or "字母" in result.output, result.output
    with pytest.raises(ValueError, match="token"):
        create_app(tmp_path / "d", token=token)


def test_usable_token_still_starts(tmp_path, monkeypatch):
    import uvicorn

    from paigen.cli import main

    started = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.append(app))
    result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path / "d"), "--token", "Ab-9_x.y~z"])
    assert result.exit_code == 0, result.output
    assert started and started[0].token == "Ab-9_x.y~z"


# -- memory: every upload gated by size before it is parsed --------------------------------------------
def test_oversized_files_are_refused_before_they_are_stored(client):
    big_yaml = b"village:\n  name: " + b"x" * (9 * 2**20) + b"\n"
    assert_clean_4xx(upload(client, ("big.yaml", big_yaml)), 400, "MB")
    big_book = b"PK\x03\x04" + os.urandom(33 * 2**20)
    assert_clean_4xx(upload(client, ("big.xlsx", big_book)), 400, "MB")
    inside = zip_of({"c/big.yaml": os.urandom(9 * 2**20)})
    assert_clean_4xx(upload(client, ("c.zip", inside)), 400, "MB")
    assert list(jobs_root(client).iterdir()) == []
    # a county zip larger than a profile may be is fine: its members are what is gated
    members = {f"c/{p.name}": p.read_bytes() for p in SAMPLES.iterdir()}
    members["c/photos/site.bin"] = os.urandom(9 * 2**20)
    assert job_of(upload(client, ("c.zip", zip_of(members))))


BOMBS = r'''
import io, json, os, resource, struct, sys, tempfile, zipfile, zlib
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
sys.path.insert(0, sys.argv[1])
from starlette.testclient import TestClient
from paigen.web import create_app

GIB = 1 << 30

def deflated_zeros(n):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = bytes(1 << 20)
    parts = [c.compress(block) for _ in range(n >> 20)]
    return b"".join(parts) + c.flush()

def raw_zip(name, packed, size, crc):
    """One deflated member whose headers say *size* bytes (the packed data may say otherwise)."""
    n = name.encode()
    local = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0x800, 8, 0, 0x21, crc, len(packed), size, len(n), 0)
    central = struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0x800, 8, 0, 0x21, crc, len(packed), size,
                          len(n), 0, 0, 0, 0, 0o644 << 16, 0)
    body = local + n + packed
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, 1, 1, len(central) + len(n), len(body), 0)
    return body + central + n + end

zeros = deflated_zeros(GIB + GIB // 2)  # 1.5 GiB of zeros, ~1.5 MB packed

def swapped_member(book, target, packed, size):
    """*book* (a zip) with member *target* replaced by deflated *packed* that says *size* bytes."""
    src = zipfile.ZipFile(io.BytesIO(book))
    body, central = b"", b""
    for info in src.infolist():
        n = info.filename.encode()
        if info.filename == target:
            data, method, crc, usize = packed, 8, 0, size
        else:
            head = book[info.header_offset:info.header_offset + 30]
            start = info.header_offset + 30 + struct.unpack("<H", head[26:28])[0] + struct.unpack("<H", head[28:30])[0]
            data, method, crc, usize = book[start:start + info.compress_size], info.compress_type, info.CRC, info.file_size
        offset = len(body)
        body += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0x800, method, 0, 0x21, crc, len(data), usize,
                            len(n), 0) + n + data
        central += struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0x800, method, 0, 0x21, crc, len(data),
                               usize, len(n), 0, 0, 0, 0, 0o644 << 16, offset) + n
    count = len(src.infolist())
    return body + central + struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, count, count, len(central), len(body), 0)

workbook = Path(sys.argv[2]).read_bytes()
sheet = next(n for n in zipfile.ZipFile(io.BytesIO(workbook)).namelist() if n.startswith("xl/worksheets/"))
bomb_book = swapped_member(workbook, sheet, zeros, 4000)
alias = "a: &a [" + ",".join(["x"] * 10) + "]\n"
for i in range(1, 30):
    alias += f"l{i}: &l{i} [" + ",".join([f"*{chr(97) if i == 1 else 'l' + str(i - 1)}"] * 10) + "]\n"
cases = {
    "zip, member inflating to 1.5 GiB, says 1000 bytes": ("c.zip", raw_zip("c/a.yaml", zeros, 1000, 0)),
    "zip, member inflating to 1.5 GiB, honest size": ("c.zip", raw_zip("c/a.yaml", zeros, GIB + GIB // 2, 0)),
    "zip holding a workbook whose sheet inflates to 1.5 GiB": ("c.zip", raw_zip("c/a.xlsx", zeros, 1000, 0)),
    "workbook whose sheet inflates to 1.5 GiB, says 4000 bytes": ("a.xlsx", raw_zip("xl/worksheets/sheet1.xml", zeros, 4000, 0)),
    "workbook whose sheet inflates to 1.5 GiB, honest size": ("a.xlsx", raw_zip("xl/worksheets/sheet1.xml", zeros, GIB + GIB // 2, 0)),
    "the county workbook, one sheet inflating to 1.5 GiB, says 4000 bytes":
        ("a.xlsx", bomb_book),
    "zip holding the county workbook, one sheet inflating to 1.5 GiB":
        ("c.zip", raw_zip("c/a.xlsx", zlib.compress(bomb_book)[2:-4], len(bomb_book), zlib.crc32(bomb_book))),
    "yaml alias bomb": ("a.yaml", alias.encode()),
    "yaml of 40 MB": ("a.yaml", b"village: {name: " + b"x" * (40 << 20) + b"}\n"),
}
results = {}
with TestClient(create_app(Path(tempfile.mkdtemp()) / "data"), follow_redirects=False,
                raise_server_exceptions=False) as client:
    for label, (name, data) in cases.items():
        response = client.post("/upload", files=[("files", (name, data))])
        if response.status_code == 303:
            response = client.get(response.headers["location"])
        results[label] = [response.status_code, "Traceback" in response.text, response.text[-3000:]]
print(json.dumps(results, ensure_ascii=False))
'''


def test_upload_bombs_under_a_1_gib_address_space_get_clean_errors(tmp_path):
    script = tmp_path / "bombs.py"
    script.write_text(BOMBS, "utf-8")
    tests = str(Path(__file__).parent)
    done = subprocess.run([sys.executable, str(script), tests, str(WORKBOOK)], capture_output=True, text=True, timeout=600,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout.strip().splitlines()[-1])
    for label, (status, traceback, text) in results.items():
        assert status < 500 and not traceback, (label, status, text[-1500:])
        if status == 200:  # the job was made: its page must show the refusal as a problem
            assert "个村有问题" in text or 'id="input-problems"' in text, (label, text[-1500:])
