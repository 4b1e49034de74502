"""The acceptance record from the county workbook's 验收 sheet: one row per village and item.

The workbooks here are typed with openpyxl, not written by paigen, in a column order of their own;
the report's text is read from the .docx with python-docx.
"""

from __future__ import annotations

import datetime as dt
import io

import docx
import openpyxl
import pytest

from paigen.docs import document_kit
from paigen.errors import ProfileError
from paigen.i18n import use_language
from paigen.inputs import open_inputs
from paigen.sources.xlsx import read_workbook, write_workbook
from paigen.sources.yamlfile import parse_yaml


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """These tests read the English messages (tests/test_messages_input.py reads the Chinese)."""
    monkeypatch.setenv("PAIGEN_LANG", "en")
    with use_language("en"):
        yield


COUNTY = "schema: paigen/v1\npreset: general\ncounty: 第十四师\nprovince: 新疆维吾尔自治区\n"
HEAD = ["村名", "检查项目", "检查结果", "情况说明", "验收日期", "验收组成员", "乡镇签字人",
        "施工单位负责人", "已查阅材料"]
COMPANIES = ("第五连", "第六连")


def _workbook(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "村庄"
    ws.append(["村名", "乡镇", "建筑面积㎡", "层数"])
    for name in COMPANIES:
        ws.append([name, "皮山农场", 300, 1])
    rooms = wb.create_sheet("功能室")
    rooms.append(["村名", "房间名称", "楼层", "党建功能室", "服务窗口", "上墙制度牌"])
    for name in COMPANIES:
        rooms.append([name, "连队综合服务站", 1, "否", "党务连务服务", None])
        rooms.append([name, "党支部办公室", 1, "是", None, "入党誓词"])
    sheet = wb.create_sheet("验收")
    sheet.append(HEAD)
    for row in rows:
        sheet.append(row)
    wb.save(path)


def _rows(name, failed=None, date=dt.datetime(2026, 9, 15)):
    """Twelve findings of *name*; the record's own values on the first row only."""
    rows = []
    for i in range(1, 13):
        result, found = ("未达标", "公开栏尚未安装") if str(i) == failed else ("达标", None)
        head = [date, "马建新、阿依古丽、周涛", "李文", "王磊", "会议记录、设计图纸、施工合同"] if i == 1 else []
        rows.append([name, i, result, found, *head])
    return rows


def _county(tmp_path, rows):
    folder = tmp_path / "第十四师"
    folder.mkdir()
    (folder / "paigen.yaml").write_text(COUNTY, encoding="utf-8")
    _workbook(folder / "村庄信息.xlsx", rows)
    return folder


def _report(profile, inputs) -> str:
    docs = {d.name: d for d in document_kit(profile, inputs.settings, inputs.profiles)}
    document = docx.Document(io.BytesIO(docs["acceptance"].docx))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "".join([p.text for p in document.paragraphs] + cells)


def test_the_sheets_record_gives_a_report_whose_conclusion_follows_the_findings(tmp_path):
    inputs = open_inputs(_county(tmp_path, _rows("第五连", failed="8") + _rows("第六连")))
    assert inputs.ok, [e.error for e in inputs.entries] + list(map(str, inputs.problems))
    by_name = {p.name: p for p in inputs.profiles}
    record = by_name["第五连"].acceptance
    assert record.date == "2026-09-15" and record.members == ("马建新", "阿依古丽", "周涛")
    assert record.township == "李文" and record.builder == "王磊"
    assert record.materials == ("会议记录", "设计图纸", "施工合同")
    assert [f.item for f in record.findings] == [str(i) for i in range(1, 13)]

    failed = _report(by_name["第五连"], inputs)
    conclusion = failed[failed.index("验收结论"):]
    assert "本次验收不通过" in conclusion and "公开栏：公开栏尚未安装" in conclusion
    assert "2026年9月15日" in failed and "请第五连于2026年10月15日前整改到位" in failed
    assert "皮山农场党委（李文）" in failed and "施工单位负责人（王磊）" in failed
    passed = _report(by_name["第六连"], inputs)
    assert "验收通过" in passed[passed.index("验收结论"):] and "不通过" not in passed


def _problems(tmp_path, rows) -> list[str]:
    """Every problem the county's inputs and the documents' build report, as the user reads them."""
    inputs = open_inputs(_county(tmp_path, rows))
    found = [str(p) for p in inputs.problems] + [str(e.error) for e in inputs.entries if e.error]
    for profile in inputs.profiles:
        try:
            document_kit(profile, inputs.settings, inputs.profiles)
        except ProfileError as exc:
            found += [str(p) for p in exc.problems]
    return found


def test_a_bad_date_names_its_sheet_and_cell(tmp_path):
    found = _problems(tmp_path, _rows("第五连", date="2026-09-31") + _rows("第六连"))
    assert any("验收!E2" in p and "is not a date" in p for p in found), found


def test_an_unknown_or_repeated_item_names_its_cell(tmp_path):
    rows = _rows("第五连") + _rows("第六连")
    rows[3][1] = 13  # 第五连's fourth row: an item the 连队 list has not
    rows[15][1] = 3  # 第六连's fourth row: item 3 a second time
    found = _problems(tmp_path, rows)
    assert any("验收!B5" in p and "'13' is not an item of" in p for p in found), found
    assert any("验收!B17" in p and "item 3 has two findings" in p for p in found), found
    assert any("no finding for items 4" in p for p in found), found


def test_a_result_that_is_neither_pass_nor_fail_and_two_dates_are_named(tmp_path):
    rows = _rows("第五连") + _rows("第六连")
    rows[2][2] = "基本达标"
    rows[13] += [dt.datetime(2026, 9, 16)]  # 第六连's second row: another 验收日期
    found = _problems(tmp_path, rows)
    assert any("验收!C4" in p and "基本达标" in p for p in found), found
    assert any("验收!E15" in p and "验收日期 of 第六连 is '2026-09-16'" in p and "row 14" in p
               for p in found), found


RECORD = """\
schema: paigen/v1
village: {name: 第五连, township: 皮山农场}
center:
  rooms:
    - {name: 连队综合服务站, floor: 1, windows: [党务连务服务]}
acceptance:
  date: 2026-09-15
  members: [马建新, 阿依古丽]
  township: 李文
  builder: 王磊
  materials: [会议记录, 建设前后对比照片]
  findings:
    - {item: 1, result: 达标, found: 门牌已安装}
    - {item: '5.10', result: 未达标, found: 公开栏尚未安装}
    - {item: 8, result: 达标}
"""


def test_yaml_to_workbook_to_yaml_keeps_the_record(tmp_path):
    from paigen.model.load import profile_from_document
    from paigen.model.settings import load_settings

    folder = tmp_path / "county"
    folder.mkdir()
    (folder / "paigen.yaml").write_text(COUNTY, encoding="utf-8")
    settings = load_settings(folder)
    doc = parse_yaml(RECORD.encode(), "第五连.yaml")
    book = tmp_path / "book.xlsx"
    write_workbook([doc.data], book)
    ws = openpyxl.load_workbook(book)["验收"]
    assert [c.value for c in ws[1]][:4] == ["村名", "乡镇", "验收日期", "验收组成员"]
    assert ws.max_row == 4  # one row per finding, the record's own values on the first
    (back,), problems = read_workbook(book)
    assert problems == []
    assert back.data["acceptance"] == {**doc.data["acceptance"], "date": "2026-09-15",
                                       "findings": [{**f, "item": str(f["item"])}
                                                    for f in doc.data["acceptance"]["findings"]]}
    from_yaml = profile_from_document(doc, settings).acceptance
    assert profile_from_document(back, settings).acceptance == from_yaml
    assert from_yaml.findings[1].item == "5.10"


def test_the_starter_workbook_carries_the_sheet_and_its_instruction(tmp_path):
    from paigen.starter import write_starter

    write_starter(tmp_path / "county", as_workbook=True)
    wb = openpyxl.load_workbook(tmp_path / "county" / "村庄信息.xlsx")
    assert [c.value for c in wb["验收"][1]] == ["村名", "乡镇", "验收日期", "验收组成员", "乡镇签字人",
                                              "施工单位负责人", "检查项目", "检查结果", "情况说明", "已查阅材料"]
    notes = [row for row in wb["说明"].iter_rows(values_only=True) if row[0] == "验收"]
    assert notes and "一行一个村（社区）的一个检查项目" in notes[0][2]
    prompts = {str(r): dv for dv in wb["验收"].data_validations.dataValidation for r in dv.sqref.ranges}
    assert prompts["H2:H2000"].formula1 == '"达标,未达标"'  # 检查结果: a drop-down of the two results


def _run(*args, env=None):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "paigen", *map(str, args)], capture_output=True,
                          text=True, env=env)


def test_build_and_validate_from_the_workbook(tmp_path):
    """The command line: the report's PDF (pdftotext of LibreOffice's output) and validate's message."""
    import os
    import subprocess

    folder = _county(tmp_path, _rows("第五连", failed="8") + _rows("第六连"))
    env = dict(os.environ, PAIGEN_CACHE_DIR=str(tmp_path / "cache"))
    done = _run("build", folder, "-o", tmp_path / "out", "--only", "docs", "-j", "1", env=env)
    assert done.returncode == 0, done.stderr
    assert "no 验收报告" not in done.stderr
    (pdf,) = (tmp_path / "out" / "皮山农场" / "第五连" / "docs").glob("acceptance-第*.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.replace("\n", "")
    assert "本次验收不通过" in text and "公开栏：公开栏尚未安装" in text

    bad = tmp_path / "bad"
    bad.mkdir()
    bad_folder = _county(bad, _rows("第五连", date="2026-09-31") + _rows("第六连"))
    checked = _run("validate", bad_folder)
    assert checked.returncode == 1
    assert "村庄信息.xlsx:验收!E2 acceptance.date: '2026-09-31' is not a date" in checked.stderr


def test_validate_checks_the_record_against_the_checklist(tmp_path):
    rows = _rows("第五连") + _rows("第六连")
    rows[3][1] = 13
    checked = _run("validate", _county(tmp_path, rows))
    assert checked.returncode == 1
    assert "验收!B5 acceptance.findings.3.item: '13' is not an item of 连队基本项" in checked.stderr
    assert "its acceptance record does not fit its checklist" in checked.stderr
    assert "✓ " in checked.stdout and "1 valid, 1 invalid" in checked.stderr  # 第六连 is fine
