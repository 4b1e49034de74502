"""A township clerk's path through `paigen serve` in a real browser, on a desktop and a phone.

She uploads her workbook with three mistakes (a floor typed 二楼, a person on duty who is not in
the people sheet, a phone number without its area code), sees each problem next to its cell and
its field, fixes them in the form (adding two people without saving in between), builds, reads
the build's warnings on the page and downloads the kit. At 390 px no page scrolls sideways.
With PAIGEN_SCREENSHOTS=1 each step is saved as docs/web-<n>-<step>-<width>.png for the README.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from catalogue_rules import latin_words
from test_web_browser import ARGS, CHROMIUM, server, small_png  # noqa: F401  (server is a fixture)

from conftest import ROOT

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (make system)")

WORKBOOK = ROOT / "samples" / "bazhou-xlsx" / "霸州市村庄信息.xlsx"
CJK = re.compile(r"[\u4e00-\u9fff]")
# (sheet!cell, the field's input name or problem path, the value given)
MISTAKES = [("功能室!E3", "center.rooms[1].floor", "二楼"), ("值班!D3", "duty.week.周二", "王剑国"),
            ("村庄!M2", "center.phone", "7212")]


def clerk_workbook() -> bytes:
    """The sample workbook with only 东庄村, and three mistakes a clerk makes."""
    wb = openpyxl.load_workbook(WORKBOOK)
    for ws in wb:
        if ws.cell(1, 1).value != "村名":
            continue
        for r in range(ws.max_row, 1, -1):
            if ws.cell(r, 1).value not in ("东庄村", None):
                ws.delete_rows(r)
    assert wb["功能室"]["E1"].value == "楼层" and wb["值班"]["C3"].value == "周二"
    assert wb["村庄"]["M1"].value == "电话"
    wb["功能室"]["E3"] = "二楼"
    wb["值班"]["D3"] = "李秀英、王剑国"
    wb["村庄"]["M2"] = "7212"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def said_in_chinese(text: str, *values: str) -> None:
    """A message said in Chinese, with no English word left in it besides the clerk's values."""
    for value in values:
        text = text.replace(value, "")
    # a YAML example the message gives (climate: {frost_months: [12, 1, 2]}) is keys, not English
    text = re.sub(r"\{[^{}]*(\{[^{}]*\}[^{}]*)*\}", "", text)
    text = re.sub(r"[A-Za-z_][\w.]*(?=:)", "", text)
    assert CJK.search(text), text
    assert not latin_words(text), text


def no_sideways_scroll(page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll} px wide at {width} px"


@pytest.mark.parametrize("width", [1366, 390])
def test_a_clerk_fixes_her_workbook_builds_and_downloads(server, width):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    base, tmp = server
    book = tmp / "东庄村信息.xlsx"
    book.write_bytes(clerk_workbook())
    shots = ROOT / "docs" if os.environ.get("PAIGEN_SCREENSHOTS") == "1" else tmp / "shots"

    def shot(n: int, step: str) -> None:
        no_sideways_scroll(page, width)
        small_png(page.screenshot(full_page=width < 500 and n <= 2), shots / f"web-{n}-{step}-{width}.png")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 800},
                                      accept_downloads=True, device_scale_factor=1)
        page = context.new_page()

        # 1 upload: the home page offers the blank and the example workbook
        page.goto(base + "/")
        expect(page.locator("h1")).to_have_text("上传村庄信息")
        expect(page.locator("#blank-workbook")).to_be_visible()
        with page.expect_download() as example:
            page.click("#example-workbook")
        assert example.value.suggested_filename.endswith(".xlsx")
        sheets = openpyxl.load_workbook(io.BytesIO(Path(example.value.path()).read_bytes())).sheetnames
        assert "村庄" in sheets and "功能室" in sheets
        page.set_input_files("#files", str(book))
        shot(1, "upload")

        # 2 problems: each mistake under its village, with its cell, field and value
        page.click("#upload")
        bad = page.locator("#village-0")
        expect(bad.locator("h2")).to_contain_text("✗ 堂二里镇东庄村")
        for cell, _path, value in MISTAKES:
            item = bad.locator(f'li.problem[data-cell="{cell}"]')
            expect(item).to_have_count(1)
            expect(item.locator("code.where")).to_have_text(f"东庄村信息.xlsx:{cell}")
            expect(item.locator(".message")).to_contain_text(value)
            said_in_chinese(item.locator(".message").inner_text(), value, "王建国")
        expect(bad.locator('li.problem[data-cell="功能室!E3"] td.mark').first).to_have_text("E3 楼层")
        # the header's steps lead back to this job
        assert page.locator("#step-check").get_attribute("href") == page.url.replace(base, "")
        shot(2, "problems")

        # 3 edit: each message next to its field, with the cell it came from
        bad.locator("a.edit").click()
        floor = page.locator('input[name="center.rooms[1].floor"]')
        expect(floor).to_have_value("二楼")
        expect(page.locator('input[name="center.rooms[1].floor"] + .error .cell')).to_have_text("功能室!E3")
        expect(page.locator('input[name="center.phone"] + .error .cell')).to_have_text("村庄!M2")
        expect(page.locator('input[name="center.phone"] + .error')).to_contain_text("7212")
        duty = page.locator('.error[data-path^="duty.week.周二"]')
        expect(duty.locator(".cell")).to_have_text("值班!D3")
        expect(duty).to_contain_text("王剑国")
        # valid board names are offered; a list of names grows by choosing from the list
        boards = page.eval_on_selector_all("#dl-boards option", "os => os.map(o => o.value)")
        assert "入党誓词" in boards and "三会一课制度" in boards
        assert page.locator('input[name="center.rooms[0].boards"] + select.pick').count() == 1
        # two people added in the page: no request goes to the server until the form is saved
        sent = []
        page.on("request", lambda request: sent.append(request.url))
        people = page.locator('fieldset[data-rows="people"]')
        before = people.locator(":scope > .row").count()
        people.locator(":scope > .add-row").click()
        people.locator(":scope > .add-row").click()
        expect(people.locator(":scope > .row")).to_have_count(before + 2)
        assert page.locator('input[name="people.rows"]').input_value() == str(before + 2)
        blank = before - 1  # the form's own blank row, then the two added
        for i, (name, role) in enumerate([("王剑国", "村委会委员"), ("刘芳", "村文书")], start=blank + 1):
            page.fill(f'input[name="people[{i}].name"]', name)
            page.fill(f'input[name="people[{i}].roles"]', role)
        assert sent == []
        floor.fill("2")
        page.fill('input[name="center.phone"]', "0316-7212345")
        page.locator(f'input[name="people[{blank + 1}].name"]').scroll_into_view_if_needed()
        shot(3, "edit")
        page.click("#save")
        expect(page.locator("#saved")).to_contain_text("✓ 已保存 堂二里镇东庄村")
        expect(page.locator("#village-0 h2")).to_contain_text("✓ 堂二里镇东庄村")
        # the first save offers her workbook with the changes, in plain words
        expect(page.locator("#workbook-current")).to_contain_text("东庄村信息.xlsx")
        with page.expect_download() as current:
            page.click("#download-current")
        assert current.value.suggested_filename == "东庄村信息.xlsx"
        updated = openpyxl.load_workbook(io.BytesIO(Path(current.value.path()).read_bytes()))
        names = [row[2] for row in updated["人员"].iter_rows(min_row=2, values_only=True)]
        assert "王剑国" in names and "刘芳" in names
        floors = [row[4] for row in updated["功能室"].iter_rows(min_row=2, values_only=True)]
        assert "二楼" not in floors

        # 4 build: the build's warnings are on the page
        page.click("#build-button")
        page.wait_for_selector("#zip-all", timeout=600_000)
        expect(page.locator("#state")).to_contain_text("1 个村成品齐全")
        warnings = page.locator("#build-warnings li.warning")
        assert warnings.count() >= 2
        said = " ".join(warnings.all_inner_texts())
        assert "党徽" in said  # no emblem file: the slots are left out, said so
        assert "堂二里镇" in said  # the township's issuer and 代字 are taken by default
        for warning in warnings.all_inner_texts():
            said_in_chinese(warning)
        page.locator("#build-warnings").scroll_into_view_if_needed()
        shot(4, "build")

        # 5 download: the village's kit as one zip
        page.locator("#downloads").scroll_into_view_if_needed()
        shot(5, "download")
        with page.expect_download() as kit:
            page.click("#zip-all")
        with zipfile.ZipFile(kit.value.path()) as archive:
            files = archive.namelist()
        assert "manifest.json" in files and sum(n.endswith(".pdf") for n in files) > 20

        # every page of the path fits the screen
        for url in ("/", page.url.split("#")[0] + "/settings", "/documents"):
            page.goto(url if url.startswith("http") else base + url)
            no_sideways_scroll(page, width)
        context.close()
        browser.close()


def test_the_home_page_lists_this_browsers_jobs(server):  # noqa: F811
    """The home page lists this browser's jobs; another browser does not see them."""
    from playwright.sync_api import sync_playwright

    base, tmp = server
    book = tmp / "东庄村信息.xlsx"
    book.write_bytes(clerk_workbook())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        mine = browser.new_context(locale="zh-CN").new_page()
        mine.goto(base + "/")
        assert mine.locator("#my-jobs").count() == 0
        mine.set_input_files("#files", str(book))
        mine.click("#upload")
        job = mine.url
        mine.goto(base + "/")
        link = mine.locator("#my-jobs a.job-link")
        assert link.count() == 1 and base + link.get_attribute("href") == job
        assert "东庄村信息.xlsx" in mine.locator("#my-jobs").inner_text()
        other = browser.new_context(locale="zh-CN").new_page()
        other.goto(base + "/")
        assert other.locator("#my-jobs").count() == 0
        browser.close()


def test_the_workbooks_offered_are_real_workbooks(tmp_path):
    from starlette.testclient import TestClient

    from paigen.web import create_app

    with TestClient(create_app(tmp_path / "data")) as client:
        for kind, villages in (("blank", 0), ("example", 1)):
            response = client.get(f"/workbooks/{kind}.xlsx")
            assert response.status_code == 200
            assert "attachment" in response.headers["content-disposition"]
            book = openpyxl.load_workbook(io.BytesIO(response.content))
            rows = [r for r in book["村庄"].iter_rows(min_row=2, values_only=True) if any(r)]
            assert (len(rows) >= 1) if villages else rows == []
        assert client.get("/workbooks/other.xlsx").status_code == 404
    assert Path(tmp_path / "data" / "workbooks" / "example.xlsx").is_file()
