"""The web app over HTTP: upload and validation, the edit form, and every security rule."""

from __future__ import annotations

import io
import json
import re
import stat
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import openpyxl
import pytest
from starlette.testclient import TestClient

from paigen.inputs import open_inputs
from paigen.web import create_app
from paigen.web._serve import is_loopback

from conftest import SAMPLES, SAMPLES_XLSX

WORKBOOK = next(SAMPLES_XLSX.glob("*.xlsx"))


def broken_workbook(tmp_path: Path) -> bytes:
    """The sample workbook with 东庄村's second room on floor '二楼' (cell 功能室!E3)."""
    wb = openpyxl.load_workbook(WORKBOOK)
    assert wb["功能室"]["E1"].value == "楼层" and wb["功能室"]["A3"].value == "东庄村"
    wb["功能室"]["E3"] = "二楼"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(tmp_path / "data", build_jobs=1), follow_redirects=False) as c:
        yield c


def upload(client, *files: tuple[str, bytes]):
    return client.post("/upload", files=[("files", (name, data)) for name, data in files])


def job_of(response) -> str:
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/jobs/([0-9a-f]{32})", response.headers["location"])
    assert match
    return match.group(1)


def zip_of(members: dict[str, bytes], symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


class Fields(HTMLParser):
    """The name/value pairs a browser would submit for a page's form."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value") or "on"))
            else:
                self.fields.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select = a["name"]
            self.fields.append((self._select, ""))
        elif tag == "option" and self._select and "selected" in a:
            self.fields[-1] = (self._select, a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def form_fields(html: str) -> list[tuple[str, str]]:
    parser = Fields()
    parser.feed(html)
    return parser.fields


def post_form(client, url: str, fields: list[tuple[str, str]]):
    return client.post(url, content=urlencode(fields),
                       headers={"content-type": "application/x-www-form-urlencoded"})


# -- upload and validation --------------------------------------------------------------------
def test_upload_page_is_a_plain_form(client):
    page = client.get("/")
    assert page.status_code == 200
    assert '<form method="post" action="/upload" enctype="multipart/form-data">' in page.text
    assert 'name="files" multiple' in page.text


def test_broken_cell_is_listed_with_its_cell_grouped_by_village(client, tmp_path):
    job = job_of(upload(client, ("霸州.xlsx", broken_workbook(tmp_path))))
    page = client.get(f"/jobs/{job}").text
    assert "2 个村通过检查，1 个村有问题" in page
    bad = page.split('id="village-0"')[1].split('id="village-1"')[0]
    assert "✗ 堂二里镇东庄村" in bad
    # the CLI's wording: file:sheet!cell, the column as the clerk knows it, message (fix), with
    # the user's file name; the key path is for YAML profiles, not for a workbook's clerk
    assert '<code class="where">霸州.xlsx:功能室!E3</code> <span class="label">楼层</span>' in bad
    assert '<b class="path">center.rooms[1].floor</b>' not in bad
    assert "「二楼」不是数字" in bad and "请改为 2" in bad
    # the row of the sheet is shown with the cell marked
    assert '<td class="mark">E3 楼层</td>' in bad and '<td class="mark">二楼</td>' in bad
    assert "✓ 堂二里镇小王庄村" in page and "✓ 裕华街道康宁社区" in page
    assert str(client.app.app.state.jobs.root) not in page  # no server paths leak


def test_yaml_problem_shows_its_line(client):
    text = (SAMPLES / "小王庄村.yaml").read_text("utf-8").replace("floor: 1\n      area_m2: 40",
                                                              "floor: 一楼\n      area_m2: 40")
    job = job_of(upload(client, ("小王庄村.yaml", text.encode())))
    page = client.get(f"/jobs/{job}").text
    line = text.splitlines().index("      floor: 一楼") + 1
    assert f'<code class="where">小王庄村.yaml:{line}:' in page
    assert f'<tr class="mark"><td>{line}</td><td>      floor: 一楼</td></tr>' in page


def test_workbook_wide_and_settings_problems_are_listed(client, tmp_path):
    wb = openpyxl.load_workbook(WORKBOOK)
    wb["功能室"]["A3"] = "东壮村"
    buffer = io.BytesIO()
    wb.save(buffer)
    page = client.get(f"/jobs/{job_of(upload(client, ('霸州.xlsx', buffer.getvalue())))}").text
    wide = page.split('id="input-problems"')[1].split('id="village-0"')[0]
    assert '<code class="where">霸州.xlsx:功能室!A3</code>' in wide
    assert "不在“村庄”表中" in wide and "是否应为「东庄村」？" in wide
    settings = zip_of({"c/paigen.yaml": b"preset: nowhere\n", "c/a.yaml": (SAMPLES / "小王庄村.yaml").read_bytes()})
    page = client.get(f"/jobs/{job_of(upload(client, ('c.zip', settings)))}").text
    assert 'id="input-problems"' in page and "paigen.yaml:1:1" in page and "没有名为「nowhere」的预设" in page
    assert 'id="village-0"' not in page and 'id="nothing-to-build"' in page and "build-button" not in page


def test_county_zip_is_validated_like_the_folder(client):
    members = {f"bazhou/{p.name}": p.read_bytes() for p in SAMPLES.iterdir()}
    job = job_of(upload(client, ("bazhou.zip", zip_of(members))))
    page = client.get(f"/jobs/{job}").text
    assert "3 个村通过检查，0 个村有问题" in page


def test_edit_form_shows_the_models_message_and_saves_a_profile_the_cli_reads(client, tmp_path):
    county = zip_of({"霸州/paigen.yaml": (SAMPLES_XLSX / "paigen.yaml").read_bytes(),
                     "霸州/村庄信息.xlsx": broken_workbook(tmp_path)})
    job = job_of(upload(client, ("霸州.zip", county)))
    url = f"/jobs/{job}/edit/0"
    form = client.get(url).text
    # the model's own message sits next to the field it is about
    assert re.search(r'name="center\.rooms\[1\]\.floor" value="二楼"[^>]*class="invalid"><span class="error" '
                     r'role="alert" data-path="center\.rooms\[1\]\.floor"><span class="cell">功能室!E3</span> '
                     r'[^<]*「二楼」不是数字（请改为 2）</span>', form)
    fields = form_fields(form)
    # still wrong: a person on duty who is not in people is refused with the model's message
    bad = [(k, "王剑国" if k == "duty.week[0].names" else ("2" if k == "center.rooms[1].floor" else v))
           for k, v in fields]
    refused = post_form(client, url, bad)
    assert refused.status_code == 422
    assert "不在人员名单中" in refused.text
    saved = post_form(client, url, [(k, "1" if k == "center.rooms[1].floor" else v) for k, v in fields])
    assert saved.status_code == 303
    data_dir = client.app.app.state.jobs.root / job / "input" / "霸州"
    inputs = open_inputs(data_dir)
    assert inputs.ok and len(inputs.profiles) == 3
    east = next(p for p in inputs.profiles if p.village.name == "东庄村")
    assert east.center.rooms[1].floor == 1 and east.center.rooms[1].name == "党支部办公室"
    # fixed back to the sample's value, the edited village reads exactly as the sample workbook's
    original = next(p for p in open_inputs(WORKBOOK).profiles if p.village.name == "东庄村")
    assert east == original
    page = client.get(f"/jobs/{job}").text
    assert "3 个村通过检查，0 个村有问题" in page
    # round trip: the county's data as a workbook again reads as the saved profiles
    book = tmp_path / "back" / "村庄信息.xlsx"
    book.parent.mkdir()
    book.write_bytes(client.get(f"/jobs/{job}/村庄信息.xlsx").content)
    (book.parent / "paigen.yaml").write_bytes((SAMPLES_XLSX / "paigen.yaml").read_bytes())
    assert sorted(open_inputs(book.parent).profiles, key=lambda p: p.village.name) == \
        sorted(inputs.profiles, key=lambda p: p.village.name)


def test_county_workbook_download_reads_back(client):
    job = job_of(upload(client, *[(p.name, p.read_bytes()) for p in sorted(SAMPLES.glob("*.yaml"))]))
    book = client.get(f"/jobs/{job}/村庄信息.xlsx")
    assert book.status_code == 200
    target = Path(client.app.app.state.jobs.root) / "back.xlsx"
    target.write_bytes(book.content)
    assert [p.village.name for p in open_inputs(target).profiles] == ["东庄村", "小王庄村", "康宁社区"]


# -- security -----------------------------------------------------------------------------------
def assert_clean_4xx(response, code: int, reason: str) -> None:
    assert response.status_code == code
    assert reason in response.text
    assert "Traceback" not in response.text and 'File "' not in response.text


@pytest.mark.parametrize("name", ["../evil.yaml", "bazhou/../../evil.yaml", "/etc/evil.yaml",
                                  "C:/evil.yaml", "bazhou\\..\\evil.yaml"])
def test_traversal_zip_is_refused_before_extraction(client, name):
    members = {"bazhou/东庄村.yaml": (SAMPLES / "东庄村.yaml").read_bytes(), name: b"x: 1\n"}
    response = upload(client, ("county.zip", zip_of(members)))
    assert_clean_4xx(response, 400, "已拒绝整个压缩包")
    jobs_root = client.app.app.state.jobs.root
    assert list(jobs_root.iterdir()) == []  # nothing extracted, no job made
    assert not (jobs_root.parent / "evil.yaml").exists()


def test_symlink_in_zip_is_refused(client):
    zipped = zip_of({"bazhou/东庄村.yaml": (SAMPLES / "东庄村.yaml").read_bytes()}, symlink="bazhou/link.yaml")
    assert_clean_4xx(upload(client, ("county.zip", zipped)), 400, "符号链接")


def test_zip_bomb_is_refused(client):
    bomb = zip_of({"bazhou/东庄村.yaml": b"a" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    assert_clean_4xx(upload(client, ("county.zip", bomb)), 400, "压缩炸弹")


def test_oversize_upload_is_refused(tmp_path):
    with TestClient(create_app(tmp_path / "data", max_upload=100_000)) as small:
        response = upload(small, ("big.xlsx", b"PK" + b"0" * 200_000))
        assert_clean_4xx(response, 413, "超过 0 MB 的上限")
        assert list((tmp_path / "data" / "jobs").iterdir()) == []


def test_wrong_kind_of_file_is_refused(client):
    assert_clean_4xx(upload(client, ("notes.txt", b"hello")), 400, "只能上传")
    assert_clean_4xx(upload(client, ("fake.xlsx", b"not a zip")), 400, "不是 .xlsx 工作簿")


def test_token_is_required_on_every_request(tmp_path):
    with TestClient(create_app(tmp_path / "data", token="s3cret-token"), follow_redirects=False) as c:
        for path in ("/", "/jobs/" + "0" * 32, "/upload"):
            assert_clean_4xx(c.get(path), 401, "需要访问令牌")
        assert_clean_4xx(c.get("/", headers={"Authorization": "Bearer wrong"}), 401, "需要访问令牌")
        assert c.get("/", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
        first = c.get("/?token=s3cret-token")
        assert first.status_code == 200 and "HttpOnly" in first.headers["set-cookie"]
        assert c.get("/").status_code == 200  # the cookie carries the token from then on
        denied = upload(TestClient(c.app), ("x.yaml", b"a: 1\n"))
        assert denied.status_code == 401


def test_loopback_rule():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20")


def test_non_loopback_host_gets_a_generated_token(tmp_path, monkeypatch, capsys):
    import uvicorn

    from paigen.web import _serve as serve

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    serve.run("0.0.0.0", 8123, tmp_path / "d", None, 7)
    out = capsys.readouterr().out
    token = re.search(r"访问令牌（只显示这一次；每个请求都要带上它）：(\S+)", out).group(1)
    assert len(token) >= 24 and f"?token={token}" in out
    assert seen["app"].token == token and seen["host"] == "0.0.0.0" and seen["app"].hosts is None
    serve.run("127.0.0.1", 8123, tmp_path / "d", None, 7)
    assert seen["app"].token is None and "127.0.0.1" in seen["app"].hosts


def test_loopback_server_refuses_other_host_names(tmp_path):
    app = create_app(tmp_path / "data", hosts=("127.0.0.1", "localhost", "::1"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/").status_code == 200
        assert local.get("/", headers={"host": "localhost:8000"}).status_code == 200
        assert local.get("/", headers={"host": "[::1]:8000"}).status_code == 200
        assert_clean_4xx(local.get("/", headers={"host": "evil.example:8000"}), 400, "地址不被接受")


def test_form_posted_from_another_site_is_refused(client):
    yaml_file = ("a.yaml", (SAMPLES / "小王庄村.yaml").read_bytes())
    other = client.post("/upload", files=[("files", yaml_file)], headers={"origin": "http://evil.example"})
    assert_clean_4xx(other, 403, "跨站请求被拒绝")
    sandboxed = client.post("/upload", files=[("files", yaml_file)], headers={"origin": "null"})
    assert_clean_4xx(sandboxed, 403, "跨站请求被拒绝")
    same = client.post("/upload", files=[("files", yaml_file)], headers={"origin": "http://testserver"})
    assert same.status_code == 303


def test_another_jobs_files_cannot_be_reached(client, tmp_path):
    a = job_of(upload(client, ("a.yaml", (SAMPLES / "小王庄村.yaml").read_bytes())))
    b = job_of(upload(client, ("b.yaml", (SAMPLES / "东庄村.yaml").read_bytes())))
    root = client.app.app.state.jobs.root
    # give job b a "kit" file and a manifest listing it; job a's requests must not reach it
    (root / b / "out").mkdir()
    (root / b / "out" / "secret.pdf").write_bytes(b"%PDF-1.7 b's kit")
    (root / b / "out" / "manifest.json").write_text(json.dumps(
        {"villages": [{"folder": "x", "artifacts": [{"path": "secret.pdf"}]}]}))
    assert client.get(f"/jobs/{b}/kit/secret.pdf").status_code == 200
    for path in (f"/jobs/{a}/kit/secret.pdf", f"/jobs/{a}/kit/../{b}/out/secret.pdf",
                 f"/jobs/{a}/kit/%2e%2e/%2e%2e/{b}/out/secret.pdf", f"/jobs/{a}/kit/{root / b / 'out/secret.pdf'}",
                 f"/jobs/{a}/kit/meta.json", f"/jobs/{a}/kit/input/profile-1.yaml"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "b's kit" not in response.text
    for bad in ("0" * 32, b[:-1], b.upper(), f"{b}x", "%2e%2e"):
        assert_clean_4xx(client.get(f"/jobs/{bad}"), 404, "没有这个任务")
    assert_clean_4xx(client.get(f"/jobs/{a}/edit/99"), 404, "没有该村")
    assert_clean_4xx(client.get(f"/jobs/{a}/villages/x.zip"), 404, "没有该村的成品")
    assert_clean_4xx(client.get(f"/jobs/{a}/kit.zip"), 409, "请先构建")


def test_uploaded_names_never_become_paths(client):
    job = job_of(upload(client, ("../../escape.yaml", (SAMPLES / "小王庄村.yaml").read_bytes())))
    folder = client.app.app.state.jobs.root / job
    assert sorted(p.name for p in (folder / "input").iterdir()) == ["profile-1.yaml"]
    assert not (folder.parent.parent / "escape.yaml").exists()
    assert "escape.yaml" in client.get(f"/jobs/{job}").text  # the user's name, shown only


def test_old_jobs_are_removed(client):
    job = job_of(upload(client, ("a.yaml", (SAMPLES / "小王庄村.yaml").read_bytes())))
    jobs = client.app.app.state.jobs
    meta = jobs.root / job / "meta.json"
    data = json.loads(meta.read_text("utf-8"))
    data["created"] = time.time() - jobs.max_age_s - 1
    meta.write_text(json.dumps(data))
    assert_clean_4xx(client.get(f"/jobs/{job}"), 404, "没有这个任务")
    assert not (jobs.root / job).exists()


def test_unknown_page_and_method_are_clean(client):
    assert_clean_4xx(client.get("/nothing/here"), 404, "找不到")
    assert_clean_4xx(client.get("/upload"), 405, "不支持的操作")


def test_build_without_javascript_refreshes_then_shows_the_kit(client):
    broken = (SAMPLES / "东庄村.yaml").read_text("utf-8").replace("floor: 2", "floor: 二楼", 1)
    job = job_of(upload(client, ("小王庄村.yaml", (SAMPLES / "小王庄村.yaml").read_bytes()),
                        ("东庄村.yaml", broken.encode())))
    assert client.post(f"/jobs/{job}/build").status_code == 303
    running = client.get(f"/jobs/{job}").text
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in running
    assert 'id="progress"' in running and "堂二里镇小王庄村" in running
    deadline = time.time() + 240
    while client.get(f"/jobs/{job}/status").json()["state"] in ("queued", "running"):
        assert time.time() < deadline
        time.sleep(0.5)
    status = client.get(f"/jobs/{job}/status").json()
    assert status["state"] == "done" and status["built"] == 1, status
    page = client.get(f"/jobs/{job}").text
    assert 'http-equiv="refresh"' not in page
    # the village with a problem is marked and not built; the other one is
    progress = page.split('id="progress"')[1].split("</table>")[0]
    assert re.search(r"堂二里镇东庄村</td>\s*<td class=\"st invalid\">✗ 有问题，未生成<br><small class=\"bad\">"
                     r"发现 1 处问题：\s*东庄村.yaml:\d+:\d+ center.rooms\[\d\].floor（楼层）：「二楼」不是数字",
                     progress)
    assert status["done"] == status["total"] == 1
    assert re.search(r"堂二里镇小王庄村</td>\s*<td class=\"st built\">✓ 已生成", progress)
    previews = re.findall(r'<img src="(/jobs/[0-9a-f]{32}/kit/[^"]+\.png)"', page)
    assert len(previews) >= 20
    png = client.get(previews[0])
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    village = client.get(f"/jobs/{job}/villages/0.zip")
    assert village.status_code == 200
    with zipfile.ZipFile(io.BytesIO(village.content)) as archive:
        names = archive.namelist()
    assert any(n.startswith("堂二里镇/小王庄村/signs/plaque-1-") and n.endswith(".pdf") for n in names) and all(n.startswith("堂二里镇/小王庄村/") for n in names)
    order = client.get(f"/jobs/{job}/kit/order.xlsx")
    assert order.status_code == 200 and order.content.startswith(b"PK")


def test_oversize_body_without_length_is_cut_off(tmp_path):
    def chunks():
        yield b"--xx\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.yaml\"\r\n\r\n"
        for _ in range(40):
            yield b"a" * 10_000

    with TestClient(create_app(tmp_path / "data", max_upload=100_000)) as small:
        response = small.post("/upload", content=chunks(),
                              headers={"content-type": "multipart/form-data; boundary=xx"})
        assert "content-length" not in {k.lower() for k in response.request.headers}
        assert_clean_4xx(response, 413, "文件太大")
        assert list((tmp_path / "data" / "jobs").iterdir()) == []


# -- the document form ----------------------------------------------------------------------------

def _starter_form(kind: str = "请示") -> dict[str, str]:
    from paigen.web._documents import starter

    draft = starter(kind)
    return {**draft.values, "body": draft.body}


@pytest.mark.parametrize("kind", ["通知", "请示", "报告", "函", "纪要"])
def test_document_form_starts_from_each_kind(client, kind):
    page = client.get(f"/documents?kind={kind}")
    assert page.status_code == 200 and 'id="document-form"' in page.text
    form = _starter_form(kind)
    assert f'value="{form["title"]}"' in page.text
    made = client.post("/documents", data={**form, "action": "docx"})
    assert made.status_code == 200, made.text
    assert made.headers["content-type"].startswith("application/vnd.openxmlformats")
    from docx import Document

    paragraphs = [p.text for p in Document(io.BytesIO(made.content)).paragraphs]
    assert form["title"] in "".join(paragraphs).replace("\n", "")


def test_document_form_shows_each_problem_next_to_its_field_and_sends_nothing(client):
    form = {**_starter_form(), "number": "某发[2026]第3号", "copy_no": "12", "urgency": "急", "action": "pdf"}
    page = client.post("/documents", data=form)
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    number = page.text.split('id="field-number"', 1)[1].split('<div class="field', 1)[0]
    assert "请写成 某发〔2026〕3号" in number and 'class="invalid"' in number
    assert "「12」不是6位份号" in page.text.split('id="field-copy_no"', 1)[1].split('<div class="field', 1)[0]
    assert "请填写 特急、加急" in page.text and "发现 3 个问题" in page.text


def test_document_form_downloads_the_markdown_paigen_doc_reads(client, tmp_path):
    from paigen.docs.compose import load_document

    made = client.post("/documents", data={**_starter_form("纪要"), "action": "md"})
    assert made.status_code == 200 and made.headers["content-disposition"].endswith(".md")
    file = tmp_path / "纪要.md"
    file.write_bytes(made.content)
    doc = load_document(file)
    assert doc.front.form == "minutes" and doc.front.attendees


def test_document_form_names_no_file_and_rejects_unknown_actions(client):
    form = {**_starter_form(), "attachments": "{title: 表, file: /etc/passwd.md}\n../../paigen.yaml"}
    made = client.post("/documents", data={**form, "action": "docx"})
    assert made.status_code == 200  # the lines are titles, never files
    from docx import Document

    text = "".join(p.text for p in Document(io.BytesIO(made.content)).paragraphs)
    assert "{title: 表, file: /etc/passwd.md}" in text and "root:" not in text
    bad = client.post("/documents", data={**form, "action": "../../etc"})
    assert bad.status_code == 400 and "Traceback" not in bad.text
