"""The workbook clerks fill in: drop-downs, input messages, frozen headers, widths, 说明; and a
workbook saved again by LibreOffice reads unchanged."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from paigen.docs._soffice import find_soffice
from paigen.inputs import open_inputs
from paigen.sources.xlsx import SHEETS, read_workbook, write_workbook
from paigen.sources.yamlfile import load_yaml
from paigen.starter import profiles_to_workbook, write_starter

from conftest import SAMPLES


def sample_book(tmp_path: Path) -> Path:
    book = tmp_path / "村庄信息.xlsx"
    profiles_to_workbook([SAMPLES], book)
    return book


def validations(ws) -> dict[str, list]:
    """Cell range → data validations on it."""
    out: dict[str, list] = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            out.setdefault(rng, []).append(dv)
    return out


def test_enumerated_columns_have_drop_downs(tmp_path):
    wb = openpyxl.load_workbook(sample_book(tmp_path))
    expected = {
        ("村庄", "类型"): '"村,社区,连队"', ("村庄", "党组织层级"): '"支部,总支,党委"',
        ("值班", "星期"): '"周一,周二,周三,周四,周五,周六,周日"', ("指引", "方向"): '"左,右,前"',
        ("门窗", "类型"): '"门,窗"', ("功能室", "党建功能室"): '"是,否"', ("外墙", "主立面"): '"是,否"',
        ("功能室", "导引方向"): '"左,右,前,上,下"', ("党员", "类别"): '"在职,农民,流动,年老体弱"',
        ("服务", "服务板块"): '"党务村务服务,便民惠民服务"',
    }
    for (sheet, label), formula in expected.items():
        ws = wb[sheet]
        letter = next(c.column_letter for c in ws[1] if c.value == label)
        lists = [dv for dv in validations(ws)[f"{letter}2:{letter}2000"] if dv.type == "list"]
        assert [dv.formula1 for dv in lists] == [formula], (sheet, label)
        # the model's choices are enforced; 服务板块 and 类型 (a county may declare more types) only offer
        assert lists[0].showErrorMessage == ((sheet, label) not in (("服务", "服务板块"), ("村庄", "类型")))


def test_every_header_has_its_rule_as_input_message(tmp_path):
    wb = openpyxl.load_workbook(sample_book(tmp_path))
    prompts = {}
    for sheet in SHEETS:
        ws = wb[sheet.name]
        found = validations(ws)
        for cell in ws[1]:
            (dv,) = found[f"{cell.column_letter}1"]
            assert dv.showInputMessage and dv.promptTitle == cell.value and dv.prompt
            prompts[(sheet.name, cell.value)] = dv.prompt
        assert ws.freeze_panes == "B2"
    assert "0316-7212345" in prompts[("人员", "电话")] and "11 位" in prompts[("人员", "电话")]
    assert "1 为一层" in prompts[("功能室", "楼层")] and "整数" in prompts[("功能室", "楼层")]
    assert "毫米 mm" in prompts[("外墙", "长度mm")] and "不小于 500" in prompts[("外墙", "长度mm")]
    assert "不大于 30" in prompts[("村庄", "层数")]
    assert "顿号" in prompts[("功能室", "上墙制度牌")]
    notes = wb["说明"]
    rules = {(r[1].value): r[2].value for r in notes.iter_rows(min_row=2) if r[1].value}
    assert rules["楼层"] == prompts[("功能室", "楼层")]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_columns_fit_their_content(tmp_path):
    wb = openpyxl.load_workbook(sample_book(tmp_path))
    ws = wb["功能室"]
    for cells in ws.iter_cols(min_row=1):
        longest = max(_width(str(c.value)) for c in cells if c.value is not None)
        width = ws.column_dimensions[cells[0].column_letter].width
        assert width >= min(60, longest), cells[0].value
        assert width <= max(longest + 6, 12), cells[0].value


def test_starter_and_convert_write_the_same_rules(tmp_path):
    write_starter(tmp_path / "county", as_workbook=True)
    starter = openpyxl.load_workbook(tmp_path / "county" / "村庄信息.xlsx")
    converted = openpyxl.load_workbook(sample_book(tmp_path))
    for sheet in SHEETS:
        a = sorted((str(d.sqref), d.type or "", d.formula1 or "", d.prompt or "")
                   for d in starter[sheet.name].data_validations.dataValidation)
        b = sorted((str(d.sqref), d.type or "", d.formula1 or "", d.prompt or "")
                   for d in converted[sheet.name].data_validations.dataValidation)
        assert a == b
    assert open_inputs(tmp_path / "county").ok


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_workbook_saved_by_libreoffice_reads_unchanged(tmp_path):
    book = sample_book(tmp_path)
    out = tmp_path / "saved"
    run = subprocess.run([find_soffice(), f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                          "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(book)],
                         capture_output=True, text=True, timeout=180)
    saved = out / book.name
    assert saved.is_file(), run.stdout + run.stderr
    assert saved.read_bytes() != book.read_bytes()  # really written again, by LibreOffice
    before, problems_before = read_workbook(book)
    after, problems_after = read_workbook(saved)
    assert problems_before == problems_after == []
    assert [d.data for d in after] == [d.data for d in before]
    assert [p for p in open_inputs(saved).profiles] == [p for p in open_inputs(book).profiles]
    # the drop-downs survive LibreOffice's save
    wb = openpyxl.load_workbook(saved)
    formulas = {dv.formula1 for dv in wb["村庄"].data_validations.dataValidation if dv.type == "list"}
    assert '"村,社区,连队"' in formulas


def test_openpyxl_round_trip_reads_unchanged(tmp_path):
    book = sample_book(tmp_path)
    wb = openpyxl.load_workbook(book)
    again = tmp_path / "again.xlsx"
    wb.save(again)
    assert [d.data for d in read_workbook(again)[0]] == [d.data for d in read_workbook(book)[0]]
    data = [load_yaml(p).data for p in sorted(SAMPLES.glob("*.yaml")) if p.name != "paigen.yaml"]
    assert write_workbook(data, tmp_path / "x.xlsx") == write_workbook(data, tmp_path / "y.xlsx")
