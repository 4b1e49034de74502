"""A draft in a county folder takes its missing issuer, 代字 and 印发机关 from the county settings
of the township it names; without a county, or for a township the county does not know, nothing
is invented."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from paigen.docs._county import county_settings
from paigen.docs.compose import build_documents, load_document
from paigen.errors import ProfileError

DRAFT = Path(__file__).resolve().parent / "data" / "drafts" / "01值班通知.txt"  # 署名 中共东风镇委员会
SETTINGS = """preset: general
county: 测试县
documents:
  townships:
    东风镇: {short_name: 东风发, printed_by: 中共东风镇委员会党政办公室}
"""


def county(tmp: Path) -> Path:
    """A county folder: 东风镇 with its own 代字 and 印发机关, 西河镇 known from a village profile."""
    root = tmp / "county"
    (root / "发文").mkdir(parents=True)
    (root / "paigen.yaml").write_text(SETTINGS, "utf-8")
    (root / "前进村.yaml").write_text("village:\n  name: 前进村\n  township: 西河镇\n", "utf-8")
    return root / "发文"


def draft(folder: Path, name: str, sidecar: str = "", text: tuple[tuple[str, str], ...] = ()) -> Path:
    source = DRAFT.read_text("utf-8")
    for old, new in text:
        source = source.replace(old, new)
    target = folder / f"{name}.txt"
    target.write_text(source, "utf-8")
    if sidecar:
        (folder / f"{name}.yaml").write_text(sidecar, "utf-8")
    return target


def report(doc) -> list[str]:
    return [str(f) for f in doc.draft.report]


def docx_text(file: Path) -> str:
    with zipfile.ZipFile(file) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_the_townships_own_dai_zi_and_printer_from_paigen_yaml(tmp_path):
    file = draft(county(tmp_path), "值班通知", "serial: 12\n")
    doc = load_document(file, county_settings(file))
    f = doc.front
    assert f.offices == ("中共东风镇委员会",)  # the draft's own 署名 is kept
    assert f.number == "东风发〔2026〕12号"  # the year of its 成文日期 2026年12月6日
    assert f.printer == "中共东风镇委员会党政办公室"
    lines = report(doc)
    assert "县级设置：代字 东风发（paigen.yaml documents.townships.东风镇）" in lines
    assert "县级设置：印发机关 中共东风镇委员会党政办公室（paigen.yaml documents.townships.东风镇）" in lines
    assert "发文字号：东风发〔2026〕12号" in lines
    assert not any("默认值" in line for line in lines)


def test_a_township_named_in_the_sidecar_gets_the_derived_defaults(tmp_path):
    file = draft(county(tmp_path), "西河", "township: 西河镇\nserial: 3\n",
                 (("中共东风镇委员会\n", ""), ("东风镇", "西河镇")))
    doc = load_document(file, county_settings(file))
    assert doc.front.offices == ("中共西河镇委员会",)
    assert doc.front.number == "西发〔2026〕3号"
    assert doc.front.printer == "中共西河镇委员会办公室"
    derived = "默认值，由乡镇名称推出；如不同，在 paigen.yaml documents.townships.西河镇 中设定"
    for said in ("发文机关 中共西河镇委员会", "代字 西发", "印发机关 中共西河镇委员会办公室"):
        assert f"县级设置：{said}（{derived}）" in report(doc)


def test_the_laid_out_document_carries_the_county_values(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    file = draft(county(tmp_path), "值班通知", "serial: 12\n")
    outcome = build_documents([file], tmp_path / "out", pdf=False)
    assert not outcome.problems
    xml = docx_text(tmp_path / "out" / "值班通知.docx")
    assert "东风发〔2026〕12号" in xml and "中共东风镇委员会文件" in xml
    assert "中共东风镇委员会党政办公室" in xml  # the 版记's 印发机关


def test_a_township_the_county_does_not_know_gets_nothing(tmp_path):
    file = draft(county(tmp_path), "南山", "serial: 5\n", (("东风镇", "南山镇"),))
    doc = load_document(file, county_settings(file))
    assert doc.front.number == "" and doc.front.printer == "" and doc.front.offices == ("中共南山镇委员会",)
    assert not any(line.startswith("县级设置") for line in report(doc))
    assert any("serial 未用" in line for line in report(doc))


def test_another_office_of_the_township_is_not_given_the_party_committees_dai_zi(tmp_path):
    file = draft(county(tmp_path), "政府", "serial: 4\n", (("中共东风镇委员会", "东风镇人民政府"),))
    doc = load_document(file, county_settings(file))
    assert doc.front.number == "" and doc.front.offices == ("东风镇人民政府",)
    assert "提示：署名 东风镇人民政府 不是 东风镇 在县级设置中的发文机关 中共东风镇委员会：代字和印发机关未从县级设置取" \
        in report(doc)


def test_without_a_county_folder_nothing_is_invented(tmp_path):
    file = draft(tmp_path, "值班通知", "township: 东风镇\nserial: 12\n")
    assert county_settings(file) is None
    doc = load_document(file, county_settings(file))
    assert doc.front.number == "" and doc.front.printer == ""
    assert any(line.startswith("提示：township、serial 未用") for line in report(doc))
    outcome = build_documents([file], tmp_path / "out", pdf=False)
    assert not outcome.problems and "东风发" not in docx_text(tmp_path / "out" / "值班通知.docx")


def test_a_number_typed_without_its_dai_zi_gets_the_townships(tmp_path):
    file = draft(county(tmp_path), "值班通知", "number: 〔2026〕7号\n")
    assert load_document(file, county_settings(file)).front.number == "东风发〔2026〕7号"


def test_a_number_with_its_dai_zi_is_never_replaced(tmp_path):
    file = draft(county(tmp_path), "值班通知", "number: 东委〔2026〕7号\nprinter: 东风镇党委办\n")
    doc = load_document(file, county_settings(file))
    assert doc.front.number == "东委〔2026〕7号" and doc.front.printer == "东风镇党委办"


@pytest.mark.parametrize("value", ["'12'", "0", "[1]", "true"])
def test_a_bad_serial_is_a_message(tmp_path, value):
    file = draft(county(tmp_path), "值班通知", f"serial: {value}\n")
    with pytest.raises(ProfileError) as exc:
        load_document(file, county_settings(file))
    assert "serial" in str(exc.value) and "serial: 12" in str(exc.value)


def test_the_workbooks_township_sheet_counts(tmp_path):
    import openpyxl

    folder = county(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "乡镇"
    ws.append(["乡镇", "发文机关", "代字", "印发机关"])
    ws.append(["北坡乡", "中共北坡乡委员会", "北坡发", "北坡乡党政综合办公室"])
    wb.save(folder.parent / "村庄信息.xlsx")
    file = draft(folder, "北坡", "serial: 9\n", (("东风镇", "北坡乡"),))
    doc = load_document(file, county_settings(file))
    assert doc.front.number == "北坡发〔2026〕9号" and doc.front.printer == "北坡乡党政综合办公室"


def test_offices_written_as_text_in_the_sidecar_are_kept(tmp_path):
    file = draft(county(tmp_path), "值班通知", "offices: 东风镇人民政府\nserial: 2\n")
    doc = load_document(file, county_settings(file))
    assert doc.front.offices == ("东风镇人民政府",) and doc.front.number == ""


def test_offices_written_wrong_are_the_front_matters_message(tmp_path):
    file = draft(county(tmp_path), "值班通知", "township: 东风镇\noffices: {a: 1}\n")
    with pytest.raises(ProfileError) as exc:
        load_document(file, county_settings(file))
    assert "offices" in str(exc.value)


def test_a_village_profile_added_later_makes_its_township_known(tmp_path):
    folder = county(tmp_path)
    file = draft(folder, "南坡", "township: 南坡镇\nserial: 1\n", (("中共东风镇委员会\n", ""),))
    assert load_document(file, county_settings(file)).front.number == ""
    (folder.parent / "后进村.yaml").write_text("village:\n  name: 后进村\n  township: 南坡镇\n", "utf-8")
    assert load_document(file, county_settings(file)).front.number == "南发〔2026〕1号"
