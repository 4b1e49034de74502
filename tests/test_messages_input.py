"""Input problems in the user's language and terms: Chinese by default, English on request.

Each class of mistake a clerk or designer makes is checked from a YAML profile (file:line, key
path and the field's Chinese name) and from a county workbook typed here with openpyxl (sheet!cell
and the column header the clerk sees), in Chinese and, under ``use_language("en")``, in English.
"""

from __future__ import annotations

import textwrap

import openpyxl
import pytest
from openpyxl.worksheet.datavalidation import DataValidation

from paigen.errors import Location, Problem, ProfileError, did_you_mean
from paigen.i18n import use_language
from paigen.inputs import open_inputs
from paigen.model.load import profile_from_document
from paigen.model.settings import default_settings
from paigen.sources.labels import label_of
from paigen.sources.xlsx import SHEETS
from paigen.sources.yamlfile import parse_yaml
from paigen.starter import write_starter

from conftest import SAMPLES_XLSX

HEAD = """\
schema: paigen/v1
village:
  name: 东庄村
  township: 堂二里镇
"""
PEOPLE = "people:\n  - {name: 王建国, phone: '13812345678'}\n"


def yaml_problems(text: str, label: str = "东庄村.yaml") -> list[Problem]:
    doc = parse_yaml(textwrap.dedent(text).encode(), label)
    with pytest.raises(ProfileError) as info:
        profile_from_document(doc, default_settings())
    return list(info.value.problems)


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def english(find, *args, **kw) -> str:
    """The one problem *find* reports, found and shown as a user of ``--lang en`` sees it."""
    with use_language("en"):
        return str(only(find(*args, **kw)))


# -- from a YAML profile -----------------------------------------------------------------------
def test_unknown_key_from_yaml():
    p = only(yaml_problems(HEAD + "  twonship: 堂二里镇\n"))
    assert p.label == "村庄" and p.path == "village.twonship"
    assert str(p) == "东庄村.yaml:5:3 village.twonship（村庄）：无法识别的键「twonship」（是否应为「township」？）"
    assert english(yaml_problems, HEAD + "  twonship: 堂二里镇\n") == (
        "东庄村.yaml:5:3 village.twonship: unknown key 'twonship' (did you mean 'township'?)")


def test_wrong_floor_from_yaml():
    text = HEAD + "center:\n  floors: 2\n  rooms:\n    - {name: 党员活动室, floor: 二楼}\n    - {name: 会议室, floor: 3}\n"
    texts = sorted(str(p) for p in yaml_problems(text))
    assert texts == [
        "东庄村.yaml:8:21 center.rooms[0].floor（楼层）：「二楼」不是数字（请改为 2）",
        "东庄村.yaml:9:19 center.rooms[1].floor（楼层）：楼层 3 高于服务中心层数 center.floors（2）"
        "（把服务中心层数 center.floors 改为 3，或改正该房间的楼层）",
    ]
    with use_language("en"):
        texts = sorted(str(p) for p in yaml_problems(text))
    assert texts[0] == "东庄村.yaml:8:21 center.rooms[0].floor: '二楼' is not a number (use 2)"
    assert texts[1] == ("东庄村.yaml:9:19 center.rooms[1].floor: floor 3 is above center.floors (2) "
                        "(set center.floors to 3 or correct the room's floor)")


def test_duty_person_not_in_people_from_yaml():
    text = HEAD + PEOPLE + "duty:\n  per_day: 2\n  week: {周二: [王建国, 王剑国]}\n"
    p = only(yaml_problems(text))
    assert p.label == "值班人员"
    assert str(p) == "东庄村.yaml:9:20 duty.week.周二[1]（值班人员）：「王剑国」不在人员名单中（是否应为「王建国」？）"
    assert english(yaml_problems, text) == ("东庄村.yaml:9:20 duty.week.周二[1]: '王剑国' is on duty but "
                                            "not in people (did you mean '王建国'?)")


def test_duty_person_nobody_resembles_says_how_to_add_them():
    p = only(yaml_problems(HEAD + PEOPLE + "duty:\n  per_day: 1\n  week: {周一: [赵四]}\n"))
    assert str(p).endswith("「赵四」不在人员名单中（在人员名单中添加「赵四」，并填写职务和电话）")


@pytest.mark.parametrize("phone", ["1381234567", "0316-72123", "电话"])
def test_bad_phone_from_yaml(phone):
    p = only(yaml_problems(HEAD + f"center:\n  phone: '{phone}'\n"))
    assert p.label == "电话"
    assert str(p) == (f"东庄村.yaml:6:3 center.phone（电话）：「{phone}」不是电话号码（手机号为以 1 开头的 "
                      "11 位数字，如 13812345678；座机号需带区号，如 0316-7212345）")
    assert english(yaml_problems, HEAD + f"center:\n  phone: '{phone}'\n").startswith(
        f"东庄村.yaml:6:3 center.phone: '{phone}' is not a phone number (a mobile")


SHEQU = """\
schema: paigen/v1
village: {name: 康宁社区, type: 社区, township: 裕华街道}
center:
  rooms:
    - {name: 社区党委书记办公室, floor: 1, boards: [小微权力清单]}
"""


def test_shequ_naming_a_village_board_from_yaml():
    p = only(yaml_problems(SHEQU, "康宁社区.yaml"))
    assert p.label == "上墙制度牌"
    text = str(p)
    assert text.startswith("康宁社区.yaml:5:44 center.rooms[0].boards[0]（上墙制度牌）：「小微权力清单」不是社区用的"
                           "制度牌（请改用「社区小微权力清单」；适用于社区的制度牌：")
    assert "社区党组织书记抓党建责任清单" in text and "、小微权力清单" not in text and text.endswith("）")
    assert ("'小微权力清单' is not a board for a 社区 (use 社区小微权力清单; boards that fit a 社区:"
            in english(yaml_problems, SHEQU, "康宁社区.yaml"))


def test_bad_date_from_yaml():
    text = HEAD + "acceptance:\n  date: 2026-02-30\n  members: [王建国]\n  findings: [{item: 1, result: 达标}]\n"
    p = only(yaml_problems(text))
    assert p.label == "验收日期"
    assert str(p) == "东庄村.yaml:6:3 acceptance.date（验收日期）：「2026-02-30」不是日期（请写成 2026-09-15 的格式）"
    assert english(yaml_problems, text) == ("东庄村.yaml:6:3 acceptance.date: '2026-02-30' is not a date "
                                            "(write it as 2026-09-15)")


def test_summary_counts_the_problems_in_the_language_shown():
    doc = parse_yaml((HEAD + "center: {floors: 0, phone: '123'}\n").encode(), "东庄村.yaml")
    with pytest.raises(ProfileError) as info:
        profile_from_document(doc, default_settings())
    assert str(info.value).startswith("发现 2 处问题：\n  东庄村.yaml")
    assert "0 小于最小值 1（请填写 ≥ 1 的值）" in str(info.value)
    with use_language("en"):
        assert str(info.value).startswith("2 problems found:\n  东庄村.yaml")


def test_did_you_mean_and_labels():
    assert did_you_mean("王剑国", ["王建国", "李秀英"]) == "是否应为「王建国」？"
    assert did_you_mean("张三", ["王建国"]) == ""
    with use_language("en"):
        assert did_you_mean("王剑国", ["王建国"]) == "did you mean '王建国'?"
    assert label_of(("center", "rooms", 3, "floor")) == "楼层"
    assert label_of("duty.week.周二[1]") == "值班人员"
    assert label_of(("services", "便民惠民服务", 2)) == "服务事项"
    assert label_of(("facade", "walls", 0, "openings", 1, "sill_mm")) == "离地高mm"
    assert label_of(("village", "township")) == "乡镇"
    # every column of the workbook names its field
    for sheet in SHEETS:
        for column in sheet.columns:
            assert column.label  # and a Problem's label defaults to nothing for older callers
    assert Problem(Location("a.yaml", 1), "x", "m").label == ""


# -- from a county workbook --------------------------------------------------------------------
def _workbook(path, *, floor="2", phone="13812345678", duty="王建国、王剑国", date="2026-09-15",
              boards="入党誓词", kind="村", name="东庄村", boards_header="上墙制度牌"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "村庄"
    ws.append(["村名", "类型", "乡镇", "电话", "层数", "每日值班人数"])
    ws.append([name, kind, "堂二里镇", phone, 2, 2])
    rooms = wb.create_sheet("功能室")
    rooms.append(["村名", "乡镇", "房间名称", "楼层", boards_header])
    rooms.append([name, "堂二里镇", "党员活动室", floor, boards])
    people = wb.create_sheet("人员")
    people.append(["村名", "乡镇", "姓名", "职务", "电话"])
    people.append([name, "堂二里镇", "王建国", "书记", "13812345678"])
    people.append([name, "堂二里镇", "李秀英", "主任", "13812345679"])
    duty_ws = wb.create_sheet("值班")
    duty_ws.append(["村名", "乡镇", "星期", "值班人员"])
    duty_ws.append([name, "堂二里镇", "周一", "王建国、李秀英"])
    duty_ws.append([name, "堂二里镇", "周二", duty])
    accept = wb.create_sheet("验收")
    accept.append(["村名", "乡镇", "验收日期", "验收组成员", "检查项目", "检查结果"])
    accept.append([name, "堂二里镇", date, "王建国", "1", "达标"])
    file = path / "村庄信息.xlsx"
    wb.save(file)
    return file


def book_problems(tmp_path, **kw) -> list[Problem]:
    inputs = open_inputs(_workbook(tmp_path, **kw))
    found = list(inputs.problems)
    for entry in inputs.entries:
        if entry.error:
            found += entry.error.problems
    return found


def test_duty_person_not_in_people_from_a_workbook(tmp_path):
    p = only(book_problems(tmp_path))
    assert (p.location.sheet, p.location.cell, p.label) == ("值班", "D3", "值班人员")
    assert str(p) == "[村庄信息.xlsx]值班!D3 值班人员：周二第2位「王剑国」不在人员名单中（是否应为「王建国」？）"
    assert english(book_problems, tmp_path).endswith(
        "村庄信息.xlsx:值班!D3 duty.week.周二[1]: '王剑国' is on duty but not in people (did you mean '王建国'?)")


def test_wrong_floor_from_a_workbook(tmp_path):
    p = only(book_problems(tmp_path, floor="二楼", duty="王建国、李秀英"))
    assert str(p) == "[村庄信息.xlsx]功能室!D2 楼层：「二楼」不是数字（请改为 2）"
    assert english(book_problems, tmp_path, floor="二楼", duty="王建国、李秀英").endswith(
        "村庄信息.xlsx:功能室!D2 center.rooms[0].floor: '二楼' is not a number (use 2)")
    p = only(book_problems(tmp_path, floor=3, duty="王建国、李秀英"))
    assert str(p).startswith("[村庄信息.xlsx]功能室!D2 楼层：楼层 3 高于服务中心层数 center.floors（2）")


def test_bad_phone_from_a_workbook(tmp_path):
    p = only(book_problems(tmp_path, phone="1381234567", duty="王建国、李秀英"))
    assert str(p).startswith("[村庄信息.xlsx]村庄!D2 电话：「1381234567」不是电话号码（手机号为以 1 开头")
    assert "村庄!D2 center.phone: '1381234567' is not a phone number" in english(
        book_problems, tmp_path, phone="1381234567", duty="王建国、李秀英")


def test_shequ_naming_a_village_board_from_a_workbook(tmp_path):
    kw = dict(name="康宁社区", kind="社区", boards="入党誓词、小微权力清单", duty="王建国、李秀英")
    p = only(book_problems(tmp_path, **kw))
    assert str(p).startswith("[村庄信息.xlsx]功能室!E2 上墙制度牌：第2项「小微权力清单」不是社区用的制度牌"
                             "（请改用「社区小微权力清单」；适用于社区的制度牌：")
    assert "功能室!E2 center.rooms[0].boards[1]: '小微权力清单' is not a board for a 社区" in english(
        book_problems, tmp_path, **kw)


def test_bad_date_from_a_workbook(tmp_path):
    p = only(book_problems(tmp_path, date="2026年13月1日", duty="王建国、李秀英"))
    assert str(p) == "[村庄信息.xlsx]验收!C2 验收日期：「2026年13月1日」不是日期（请写成 2026-09-15 的格式）"
    assert english(book_problems, tmp_path, date="2026年13月1日", duty="王建国、李秀英").endswith(
        "验收!C2 acceptance.date: '2026年13月1日' is not a date (write it as 2026-09-15)")


def test_unknown_column_from_a_workbook(tmp_path):
    p = only(book_problems(tmp_path, boards_header="上墙制度", duty="王建国、李秀英"))
    assert str(p) == "[村庄信息.xlsx]功能室!E1：“功能室”表中有无法识别的列「上墙制度」（是否应为「上墙制度牌」？）"
    assert english(book_problems, tmp_path, boards_header="上墙制度", duty="王建国、李秀英").endswith(
        "功能室!E1: unknown column '上墙制度' in sheet '功能室' (did you mean '上墙制度牌'?)")


def test_the_sample_workbook_reads_clean_and_a_typo_is_named_by_its_header(tmp_path):
    import shutil

    folder = tmp_path / "county"
    shutil.copytree(SAMPLES_XLSX, folder)
    book = next(folder.glob("*.xlsx"))
    assert open_inputs(folder).ok
    wb = openpyxl.load_workbook(book)
    ws = wb["功能室"]
    column = next(c.column_letter for c in ws[1] if c.value == "楼层")
    ws[f"{column}2"] = "三楼"
    wb.save(book)
    found = [str(p) for e in open_inputs(folder).entries if e.error for p in e.error.problems]
    assert found == [f"[{book.name}]功能室!{column}2 楼层：「三楼」不是数字（请改为 3）"]


# -- the starter workbook ----------------------------------------------------------------------
def test_starter_workbook_instructions_first_and_township_required(tmp_path):
    write_starter(tmp_path / "c", as_workbook=True)
    wb = openpyxl.load_workbook(tmp_path / "c" / "村庄信息.xlsx")
    assert wb.sheetnames[0] == "说明" and wb.active.title == "说明"
    assert wb["说明"]["A1"].value == "村庄信息表 填写说明"
    prompts = {dv.promptTitle: dv.prompt for dv in wb["村庄"].data_validations.dataValidation
               if "C1" in str(dv.sqref)}
    assert prompts["乡镇"].startswith("必填")
    rooms = {dv.promptTitle: dv.prompt for dv in wb["功能室"].data_validations.dataValidation
             if "B1" in str(dv.sqref)}
    assert "同名时必填" in rooms["乡镇"]


def test_starter_example_rows_are_marked_and_warned_of(tmp_path):
    write_starter(tmp_path / "c", as_workbook=True)
    wb = openpyxl.load_workbook(tmp_path / "c" / "村庄信息.xlsx")
    for title in ("村庄", "功能室", "人员"):
        row = wb[title][2]
        assert row[0].value == "示例村" and row[0].comment and "删除" in row[0].comment.text
        assert row[0].fill.fgColor.rgb.endswith("FFF2CC")
    inputs = open_inputs(tmp_path / "c")
    assert inputs.ok
    (entry,) = inputs.entries
    assert any("示例村" in n and "村庄!A2" in n and "删除" in n for n in entry.notes), entry.notes
    with use_language("en"):
        inputs = open_inputs(tmp_path / "c")
    assert any("example village 示例村" in n for n in inputs.entries[0].notes)
    # a village of its own carries no such warning
    ws = wb["村庄"]
    ws["A2"] = "东庄村"
    for title in wb.sheetnames[1:]:
        for row in wb[title].iter_rows(min_row=2):
            if row[0].value == "示例村":
                row[0].value = "东庄村"
    wb.save(tmp_path / "c" / "村庄信息.xlsx")
    (entry,) = open_inputs(tmp_path / "c").entries
    assert entry.ok and not any("示例" in n for n in entry.notes), entry.notes


def test_starter_yaml_example_is_warned_of(tmp_path):
    write_starter(tmp_path / "c")
    (entry,) = open_inputs(tmp_path / "c").entries
    assert any("示例村.yaml" in n and "示例村" in n for n in entry.notes), entry.notes


def _validation_of(ws, cell: str) -> list[DataValidation]:
    return [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]


NUMBER_COLUMNS = {("功能室", "楼层"): ("whole", "greaterThanOrEqual", "1", None),
                  ("功能室", "面积㎡"): ("decimal", "greaterThan", "0", None),
                  ("功能室", "座位数"): ("whole", "greaterThan", "0", None),
                  ("村庄", "层数"): ("whole", "between", "1", "30"),
                  ("外墙", "长度mm"): ("decimal", "between", "500", "500000"),
                  ("党员", "星级"): ("whole", "between", "0", "5")}


def test_starter_number_columns_refuse_text_in_excel(tmp_path):
    write_starter(tmp_path / "c", as_workbook=True)
    wb = openpyxl.load_workbook(tmp_path / "c" / "村庄信息.xlsx")
    typed = 0
    for sheet in SHEETS:
        ws = wb[sheet.name]
        for cell in ws[1]:
            (dv,) = _validation_of(ws, f"{cell.column_letter}5")
            if dv.type in ("whole", "decimal"):
                typed += 1
                assert dv.showErrorMessage and dv.errorStyle == "stop" and "二楼" in dv.error
            want = NUMBER_COLUMNS.get((sheet.name, cell.value))
            if want:
                assert (dv.type, dv.operator, dv.formula1, dv.formula2) == want, (sheet.name, cell.value)
    assert typed >= 25  # every number column of the model: areas, counts, sizes, bounds


def test_number_validation_survives_libreoffice(tmp_path):
    """LibreOffice (as a clerk's WPS/Excel would) keeps the rule that refuses 二楼 when it saves."""
    import shutil
    import subprocess

    write_starter(tmp_path / "c", as_workbook=True)
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice is installed by the set-up"
    out = tmp_path / "out"
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "xlsx", "--outdir", str(out), str(tmp_path / "c" / "村庄信息.xlsx")],
                   check=True, capture_output=True, timeout=180)
    wb = openpyxl.load_workbook(out / "村庄信息.xlsx")
    (dv,) = [d for d in wb["功能室"].data_validations.dataValidation if "E5" in d.sqref]
    assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "1")
    assert dv.showErrorMessage and dv.errorStyle in (None, "stop")
