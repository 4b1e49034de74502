"""写公文 with drafts: text typed as in Word, a Word draft or the downloaded .md opened in the form,
the recognition report above the buttons, 预览 of pages 1–2, attachments uploaded as files."""

from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from paigen.web import create_app

DRAFTS = Path(__file__).resolve().parent / "data" / "drafts"
TYPED = """\
为做好春节期间服务群众工作，现将有关事项通知如下。
一.值班安排
(一)值班时间。2027年2月5日至2月12日，每天8:30至17:30。
（二）值班人员。各村党组织书记为第一责任人。
二、工作要求
各村要加强值班值守，遇有重要情况及时报告。
"""


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(tmp_path / "data", build_jobs=1), follow_redirects=False) as c:
        yield c


def _form(kind: str = "通知") -> dict[str, str]:
    from paigen.web._documents import starter

    draft = starter(kind)
    return {**draft.values, "body": draft.body, "date": "2026-12-06", "printed": "2026-12-06"}


def _headings(docx: bytes) -> list[tuple[str, str]]:
    from docx import Document

    out = []
    for p in Document(io.BytesIO(docx)).paragraphs:
        style = p.style.style_id if p.style is not None else ""
        first = p.runs[0] if p.runs else None
        char = first.style.style_id if first is not None and first.style is not None else ""
        if style.startswith("Heading") or char.startswith("Heading"):
            out.append((style if style.startswith("Heading") else char, first.text))
    return out


def test_text_typed_as_in_word_gives_heading_levels(client):
    made = client.post("/documents", data={**_form(), "body": TYPED, "action": "docx"})
    assert made.status_code == 200, made.text
    assert _headings(made.content) == [("Heading1", "一、值班安排"), ("Heading2Char", "（一）值班时间。"),
                                       ("Heading2Char", "（二）值班人员。"), ("Heading1", "二、工作要求")]


def test_preview_shows_pages_and_the_report_above_the_buttons(client):
    page = client.post("/documents", data={**_form(), "body": TYPED, "action": "preview"})
    assert page.status_code == 200, page.text[:2000]
    report = page.text.split('id="report"', 1)[1].split("</div>", 1)[0]
    assert "一级标题：一、值班安排" in report and "二级标题：（一）值班时间。" in report
    assert "更正：第2行 “一.” 改为 “一、”" in report and "“(一)” 改为 “（一）”" in report
    assert page.text.index('id="report"') < page.text.index('id="preview"')
    pngs = [part.split('"', 1)[0] for part in page.text.split('src="data:image/png;base64,')[1:]]
    assert 1 <= len(pngs) <= 2  # pages 1–2 only
    from PIL import Image

    image = Image.open(io.BytesIO(base64.b64decode(pngs[0])))
    assert abs(image.size[0] - 210 / 25.4 * 60) <= 1 and abs(image.size[1] - 297 / 25.4 * 60) <= 1  # A4


def test_the_downloaded_markdown_opens_again_and_gives_the_same_docx(client, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    form = {**_form(), "body": TYPED}
    first = client.post("/documents", data={**form, "action": "docx"}).content
    md = client.post("/documents", data={**form, "action": "md"}).content
    page = client.post("/documents", data={"action": "open"}, files={"draft": ("公文.md", md, "text/markdown")})
    assert page.status_code == 200
    from html import unescape

    from paigen.web._documents import FIELDS

    values = {}
    for f in FIELDS:
        chunk = page.text.split(f'id="f-{f.key}"', 1)[1]
        if f.kind == "check":
            values[f.key] = "on" if chunk.split(">", 1)[0].strip().endswith("checked") else ""
        elif f.kind == "select":
            sel = chunk.split("</select>", 1)[0]
            values[f.key] = sel.split(" selected", 1)[0].rsplit('value="', 1)[1].split('"', 1)[0] if " selected" in sel else ""
        elif f.kind == "lines":
            values[f.key] = unescape(chunk.split(">", 1)[1].split("</textarea>", 1)[0])
        else:
            values[f.key] = unescape(chunk.split('value="', 1)[1].split('"', 1)[0])
    body = unescape(page.text.split('id="f-body"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0])
    again = client.post("/documents", data={**values, "body": body, "action": "docx"}).content
    assert again == first


def test_a_word_draft_opens_in_the_form_with_its_report(client):
    data = (DRAFTS / "01值班通知.docx").read_bytes()
    page = client.post("/documents", data={"action": "open"}, files={"draft": ("值班通知.docx", data, "application/octet-stream")})
    assert page.status_code == 200
    assert 'value="关于做好2027年元旦春节期间值班工作的通知"' in page.text
    assert "中共东风镇委员会</textarea>" in page.text and 'value="2026-12-06"' in page.text
    assert "值班安排表\n值班电话</textarea>" in page.text
    assert "更正：第4行 “一.” 改为 “一、”" in page.text


def test_a_draft_with_a_text_box_and_a_comment_lists_both(client):
    data = (DRAFTS / "06活动方案.docx").read_bytes()
    page = client.post("/documents", data={"action": "open"}, files={"draft": ("方案.docx", data, "application/octet-stream")})
    assert "未排入：第3行 文本框“请各村于12月15日前报名”" in page.text
    assert "未排入：第4行 批注“时间是否改为周日？”" in page.text


def test_an_upload_of_another_kind_or_a_bomb_is_refused_cleanly(client):
    page = client.post("/documents", data={"action": "open"}, files={"draft": ("x.exe", b"MZ", "application/octet-stream")})
    assert page.status_code == 422 and "不是可以打开的草稿" in page.text
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (80 << 20))
    page = client.post("/documents", data={"action": "open"}, files={"draft": ("b.docx", bomb.getvalue(), "x")})
    assert page.status_code == 422 and "word/document.xml" in page.text and "Traceback" not in page.text


def test_a_yaml_bomb_in_an_uploaded_markdown_is_refused(client):
    lines = ["---", 'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
              f"*a{i - 1}, *a{i - 1}]" for i in range(1, 10)]
    bomb = "\n".join([*lines, "title: x", "---", "正文"]).encode()
    page = client.post("/documents", data={"action": "open"}, files={"draft": ("b.md", bomb, "text/markdown")})
    assert page.status_code == 422 and "Traceback" not in page.text


def test_attachments_uploaded_as_files_become_pages(client):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["村", "值班人"])
    book.active.append(["东村", "王建国"])
    xlsx = io.BytesIO()
    book.save(xlsx)
    form = {**_form(), "body": TYPED, "attachments": "值班表\n联系方式", "action": "docx"}
    files = [("attachment_files", ("值班表.xlsx", xlsx.getvalue(), "application/octet-stream")),
             ("attachment_files", ("联系方式.txt", "镇值班室：0917-1234567\n".encode(), "text/plain"))]
    made = client.post("/documents", data=form, files=files)
    assert made.status_code == 200, made.text[:3000]
    from docx import Document

    doc = Document(io.BytesIO(made.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "附件1" in text and "附件2" in text and "镇值班室：0917-1234567" in text
    assert [c.text for c in doc.tables[0].rows[1].cells] == ["东村", "王建国"]
