"""写公文 in a real browser: a three-page notice typed as in Word (no Markdown) → 预览 shows pages
1–2 with the recognition report → the PDF sets 一、 in 黑体 and （一） in 楷体 → the
downloaded .md opened again gives the same .docx bytes. With PAIGEN_SCREENSHOTS=1 the README's
screenshot is written to docs/images/."""

from __future__ import annotations

import os
import re
import time

import pytest

from test_web_browser import ARGS, CHROMIUM, small_png
from test_web_browser import server as server  # the fixture

from conftest import ROOT

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (make system)")

SECTION = ("各村要把党群服务中心建成党员群众的温暖之家，落实开放、值班、服务等制度，"
           "确保群众办事有人管、有人帮，遇有重要情况及时向镇党建办报告，不得迟报、漏报、瞒报。")


def typed_notice() -> str:
    """About three pages, typed as in Word: one paragraph a line, numbering typed by hand (some wrong)."""
    lines = ["为切实做好元旦春节期间各项工作，保障全镇群众度过欢乐祥和的节日，现将有关事项通知如下。"]
    for n, head in enumerate(["值班安排", "服务事项", "安全管理", "工作要求"]):
        lines.append(f"{'一二三四'[n]}{'.' if n == 0 else '、'}{head}")
        for k in range(2):
            mark = "(" + "一二"[k] + ")" if n == 1 else "（" + "一二"[k] + "）"
            lines.append(f"{mark}第{k + 1}项要求。" + SECTION * 2)
        lines.append(SECTION)
    return "\n".join(lines) + "\n"


def _key(family: str) -> str:
    return re.sub(r"[^a-z]", "", family.lower())[:-2]


def test_typed_notice_preview_headings_and_markdown_round_trip(server):
    from playwright.sync_api import expect, sync_playwright

    pdfplumber = pytest.importorskip("pdfplumber")
    from paigen.fonts import resolve_roles
    from paigen.model.settings import default_settings

    base, tmp = server
    shots = ROOT / "docs" / "images" if os.environ.get("PAIGEN_SCREENSHOTS") == "1" else tmp / "shots"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900}, accept_downloads=True, locale="zh-CN")
        page.goto(base + "/documents?kind=通知")
        page.fill("#f-offices", "中共东风镇委员会")
        page.fill("#f-number", "东发〔2026〕30号")
        page.fill("#f-title", "关于做好2027年元旦春节期间值班工作的通知")
        page.fill("#f-to", "各村党组织")
        page.fill("#f-attachments", "")
        page.fill("#f-body", typed_notice())
        start = time.monotonic()
        page.click("#preview")
        page.wait_for_selector("#preview-pages img", timeout=60_000)
        seconds = time.monotonic() - start  # the goal (15 s) is measured by benchmarks/preview.py
        assert seconds < 90, seconds
        assert page.locator("#preview-pages img").count() == 2  # pages 1–2 of three
        widths = page.eval_on_selector_all("#preview-pages img", "els => els.map(i => i.naturalWidth)")
        assert all(w > 400 for w in widths), widths
        report = page.locator("#report")
        expect(report).to_contain_text("一级标题：一、值班安排")
        expect(report).to_contain_text("二级标题：（一）第1项要求。")
        expect(report).to_contain_text("“一.” 改为 “一、”")
        expect(report).to_contain_text("“(一)” 改为 “（一）”")
        page.locator("#report").scroll_into_view_if_needed()
        small_png(page.screenshot(full_page=True), shots / "web-draft-preview.png")

        with page.expect_download() as info:
            page.click("#download-pdf")
        pdf = tmp / "通知.pdf"
        info.value.save_as(pdf)
        with page.expect_download() as info:
            page.click("#download-docx")
        first = tmp / "first.docx"
        info.value.save_as(first)
        with page.expect_download() as info:
            page.click("#download-md")
        md = tmp / "通知.md"
        info.value.save_as(md)

        # the .md opens again in the form, and gives the same .docx
        page.goto(base + "/documents?kind=请示")
        page.set_input_files("#f-draft", str(md))
        page.click("#open-draft")
        expect(page.locator("#f-number")).to_have_value("东发〔2026〕30号")
        with page.expect_download() as info:
            page.click("#download-docx")
        again = tmp / "again.docx"
        info.value.save_as(again)
        browser.close()
    assert again.read_bytes() == first.read_bytes()
    roles = resolve_roles(default_settings())
    hei, kai = _key(roles["hei"].primary.family), _key(roles["kai"].primary.family)
    with pdfplumber.open(pdf) as opened:
        assert len(opened.pages) >= 3
        chars = [c for page in opened.pages for c in page.chars if abs(c["size"] - 16) < 0.1]
    text = "".join(c["text"] for c in chars)
    for heading, face in (("一、值班安排", hei), ("四、工作要求", hei), ("（一）第1项要求。", kai),
                          ("（二）第2项要求。", kai)):
        at = text.index(heading)
        fonts = {re.sub(r"[^a-z]", "", c["fontname"].split("+")[-1].lower()) for c in chars[at:at + len(heading)]}
        assert all(face in f for f in fonts), (heading, fonts)
