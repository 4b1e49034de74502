"""The web app in a real browser (Debian's chromium under Playwright), against `paigen serve`.

One story, one build of the sample: upload the sample workbook with a broken cell → the problem
is shown with its cell → fix it in the edit form → build → every gallery image has loaded → the
kit zip downloads and holds every PDF of the kit, byte for byte. With PAIGEN_SCREENSHOTS=1 the
screenshots of the README are written to docs/.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from test_web import broken_workbook

from conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (make system)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    port = free_port()
    log = (tmp_path / "server.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "paigen", "serve", "--port", str(port),
                             "--data", str(tmp_path / "data")], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("paigen serve did not start: " + (tmp_path / "server.log").read_text())
    yield f"http://127.0.0.1:{port}", tmp_path
    proc.terminate()
    proc.wait(10)
    log.close()
    assert "Traceback" not in (tmp_path / "server.log").read_text(), (tmp_path / "server.log").read_text()


def small_png(png: bytes, target: Path) -> None:
    """Keep README screenshots small: 256 colours, optimised."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=128)
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, optimize=True)


def test_upload_fix_build_and_download_in_a_browser(server):
    from playwright.sync_api import expect, sync_playwright

    base, tmp = server
    book = tmp / "霸州市村庄信息.xlsx"
    book.write_bytes(broken_workbook(tmp))
    shots = ROOT / "docs" if os.environ.get("PAIGEN_SCREENSHOTS") == "1" else tmp / "shots"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 720}, accept_downloads=True, locale="zh-CN")
        page.goto(base + "/")
        small_png(page.screenshot(), shots / "web-upload.png")

        # upload: the broken cell is listed with its cell, under its village, highlighted
        page.set_input_files('input[name="files"]', str(book))
        page.click("button[type=submit]")
        bad = page.locator("#village-0")
        expect(bad.locator("h2")).to_contain_text("✗ 堂二里镇东庄村")
        expect(bad.locator("code.where")).to_have_text("霸州市村庄信息.xlsx:功能室!E3")
        expect(bad.locator(".message")).to_have_text("「二楼」不是数字")
        expect(bad.locator("td.mark").first).to_have_text("E3 楼层")
        expect(page.locator("#village-1 h2")).to_contain_text("✓ 堂二里镇小王庄村")
        small_png(page.screenshot(), shots / "web-problems.png")

        # fix it through the edit form: the model's message is next to the field first
        bad.locator("a.edit").click()
        floor = page.locator('input[name="center.rooms[1].floor"]')
        expect(floor).to_have_value("二楼")
        expect(page.locator('input[name="center.rooms[1].floor"] + .error')).to_contain_text("不是数字")
        floor.locator("xpath=ancestor::div[contains(@class,'row')]").scroll_into_view_if_needed()
        small_png(page.screenshot(), shots / "web-edit.png")
        floor.fill("1")
        page.click("#save")
        expect(page.locator("#saved")).to_contain_text("✓ 已保存 堂二里镇东庄村")
        expect(page.locator("main > p").nth(1)).to_contain_text("3 个村通过检查，0 个村有问题")

        # build: progress on the page, then the gallery
        page.click("#build-button")
        page.wait_for_selector("#zip-all", timeout=300_000)
        expect(page.locator("#state")).to_contain_text("生成 3 个、失败 0 个")
        images = page.locator(".gallery img")
        assert images.count() > 60
        # previews load lazily: bring each into view and wait until it has loaded (or failed)
        page.evaluate("""async () => {
            for (const img of document.querySelectorAll('.gallery img')) {
                img.scrollIntoView();
                if (!img.complete) await new Promise(done => { img.onload = img.onerror = done; });
            }
        }""")
        widths = page.eval_on_selector_all(".gallery img", "els => els.map(i => [i.getAttribute('src'), i.naturalWidth])")
        assert all(w > 0 for _, w in widths), [src for src, w in widths if not w]
        page.locator("#downloads").scroll_into_view_if_needed()
        page.evaluate("document.getElementById('build').scrollIntoView()")
        small_png(page.screenshot(), shots / "web-kit.png")

        # the whole kit as one zip: every PDF of the manifest, byte for byte
        with page.expect_download() as info:
            page.click("#zip-all")
        zipped = tmp / "kit.zip"
        info.value.save_as(zipped)
        browser.close()
    with zipfile.ZipFile(zipped) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        pdfs = [a for v in manifest["villages"] for a in v.get("artifacts", []) if a["format"] == "pdf"]
        assert len(pdfs) > 100 and {"order.pdf", "proof.pdf", "order.xlsx"} <= names
        for artifact in pdfs:
            data = archive.read(artifact["path"])
            assert data.startswith(b"%PDF-") and hashlib.sha256(data).hexdigest() == artifact["sha256"]
        assert {a["path"] for a in pdfs} <= names
        (tmp / "proof.pdf").write_bytes(archive.read("proof.pdf"))
    check = subprocess.run(["qpdf", "--check", str(tmp / "proof.pdf")], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_write_a_request_in_the_document_form_and_download_docx_and_pdf(server):
    from playwright.sync_api import expect, sync_playwright

    pdfplumber = pytest.importorskip("pdfplumber")
    from docx import Document

    base, tmp = server
    shots = ROOT / "docs" if os.environ.get("PAIGEN_SCREENSHOTS") == "1" else tmp / "shots"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900}, accept_downloads=True, locale="zh-CN")
        page.goto(base + "/")
        page.click("#nav-documents")
        page.get_by_role("link", name="请示").click()
        expect(page.locator("#f-title")).to_have_value("关于申请拨付村级党群服务中心建设资金的请示")
        expect(page.locator("#field-signers")).to_be_visible()
        expect(page.locator("#field-attendees")).to_be_hidden()  # minutes only
        page.fill("#f-offices", "中共堂二里镇委员会")
        page.fill("#f-note", "联系人：李秀英，电话：0316-7212345")
        page.fill("#f-signers", "王建国")
        page.fill("#f-to", "中共霸州市委组织部")
        page.fill("#f-number", "堂发[2026]第16号")  # a 发文字号 a clerk might type
        small_png(page.screenshot(full_page=True), shots / "web-document.png")
        page.click("#download-docx")
        expect(page.locator("#field-number .error")).to_contain_text("请写成 堂发〔2026〕16号")
        page.fill("#f-number", "堂发〔2026〕16号")
        page.fill("#f-body", "为推进村级党群服务中心规范化建设，现将有关事项请示如下。\n\n# 请示事项\n"
                             "恳请拨付建设资金12.5万元。\n\n妥否，请批示。\n")
        with page.expect_download() as info:
            page.click("#download-docx")
        docx = tmp / "请示.docx"
        info.value.save_as(docx)
        assert info.value.suggested_filename == "关于申请拨付村级党群服务中心建设资金的请示.docx"
        with page.expect_download() as info:
            page.click("#download-pdf")
        pdf = tmp / "请示.pdf"
        info.value.save_as(pdf)
        browser.close()
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "签发人：王建国" in text and "恳请拨付建设资金12.5万元。" in text and "中共霸州市委组织部：" in text
    with pdfplumber.open(pdf) as opened:
        page_text = opened.pages[0].extract_text().replace(" ", "")
    assert "中共堂二里镇委员会文件" in page_text and "堂发〔2026〕16号" in page_text and "签发人：王建国" in page_text
    assert "二、请示事项" in page_text or "一、请示事项" in page_text
