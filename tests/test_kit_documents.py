"""The kit documents of three townships of two counties, read from LibreOffice's PDFs.

A 村 in a 陕西 township whose issuer paigen.yaml names, a 社区 in a 街道 and a 兵团 连队 in a 农场
whose issuers are derived — the 社区 and the 连队 leave ``type`` out and are recognised by
name. Both counties use the general preset. Every check reads ``pdftotext`` of the PDFs the
build wrote (and LibreOffice's own rendering of the .docx), never paigen's own model.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from paigen.docs._calendar import statutory_holidays

COUNTY_A = """\
schema: paigen/v1
preset: general
county: 府谷县
province: 陕西省
documents:
  date: 2026-12-01
  townships:
    圪堵镇: {issuing_office: 中共圪堵镇委员会, short_name: 圪发, printed_by: 中共圪堵镇委员会党政办公室}
"""
VILLAGE = """\
schema: paigen/v1
village: {name: 高家村, township: 圪堵镇}
center:
  address: 圪堵镇高家村中街8号
  building_area_m2: 420
  floors: 2
  rooms:
    - {name: 便民服务大厅, floor: 1, area_m2: 60, windows: [党务村务服务, 便民惠民服务]}
    - {name: 党支部书记办公室, floor: 1, area_m2: 20, party: true, boards: [党支部书记抓党建责任清单]}
    - {name: 党员活动室, floor: 2, area_m2: 80, seats: 60, party: true, boards: [入党誓词, 三会一课制度]}
    - {name: 档案室, floor: 2, area_m2: 15}
facts: {square_area_m2: 600, bulletin_area_m2: 12}
"""
COMMUNITY = """\
schema: paigen/v1
village: {name: 康乐社区, township: 新区街道}
center:
  building_area_m2: 650
  floors: 3
  rooms:
    - {name: 社区综合服务站, floor: 1, area_m2: 90, windows: [党务居务服务, 便民惠民服务]}
    - {name: 党员活动室, floor: 2, area_m2: 100, seats: 80, party: true, boards: [入党誓词]}
facts: {square_area_m2: 210}
"""
COUNTY_B = """\
schema: paigen/v1
preset: general
county: 第十四师
province: 新疆维吾尔自治区
"""
COMPANY = """\
schema: paigen/v1
village: {name: 第五连, township: 皮山农场}
center:
  building_area_m2: 300
  floors: 1
  rooms:
    - {name: 连队综合服务站, floor: 1, area_m2: 45, windows: [党务连务服务]}
    - {name: 党支部办公室, floor: 1, party: true, boards: [入党誓词]}
acceptance:
  date: 2026-09-15
  members: [马建新, 阿依古丽, 周涛]
  township: 李文
  builder: 王磊
  materials: [会议记录, 设计图纸, 施工合同, 建设前后对比照片]
  findings:
"""
FAILED_ITEM = "8"  # 公开栏: not yet put up when the group came
EPOCH = str(int(dt.datetime(2026, 4, 5, tzinfo=dt.UTC).timestamp()))  # 清明, a Sunday
VILLAGE_WORDS = ("村民委员会", "村务", "村级", "乡村振兴", "本村", "村民", "各村", "村党组织")
SAMPLE_COUNTY = ("堂二里", "霸州", "十二个一", "统一模式、明确标准、分类建设、分批推进", "精神堡垒",
                 "红色地标", "一个支部、一座堡垒")
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "paigen", *map(str, args)], capture_output=True,
                          text=True, env=env)


def _text(pdf: Path, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import os

    root = tmp_path_factory.mktemp("counties")
    a, b = root / "府谷县", root / "第十四师"
    a.mkdir()
    b.mkdir()
    (a / "paigen.yaml").write_text(COUNTY_A, encoding="utf-8")
    (a / "高家村.yaml").write_text(VILLAGE, encoding="utf-8")
    (a / "康乐社区.yaml").write_text(COMMUNITY, encoding="utf-8")
    (b / "paigen.yaml").write_text(COUNTY_B, encoding="utf-8")
    findings = "".join(f"    - {{item: {i}, result: 达标}}\n" if str(i) != FAILED_ITEM else
                       f"    - {{item: {i}, result: 未达标, found: 公开栏尚未安装}}\n" for i in range(1, 13))
    (b / "第五连.yaml").write_text(COMPANY + findings, encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PAIGEN_CACHE_DIR=str(root / "cache"))
    out = {}
    for county in (a, b):
        target = root / f"out-{county.name}"
        done = _run("build", county, "-o", target, "--only", "docs", "-j", "1", env=env)
        assert done.returncode == 0, done.stderr
        out[county.name] = (target, done.stderr)
    docs = {p.parent.parent.name: {} for p in root.rglob("out-*/*/*/docs/*.pdf")}
    for pdf in root.rglob("out-*/*/*/docs/*.pdf"):
        docs[pdf.parent.parent.name][re.sub(r"-(?=[^\x00-\x7f]).*$", "", pdf.stem)] = pdf  # notice-关于…
    return {"root": root, "out": out, "docs": docs, "env": env}


def test_each_villages_documents_carry_their_own_townships_issuer(built):
    heads = {"高家村": ("中共圪堵镇委员会文件", "圪发〔"), "康乐社区": ("中共新区街道工作委员会文件", "新发〔"),
             "第五连": ("中共皮山农场委员会文件", "皮发〔")}
    for village, (mark, code) in heads.items():
        for stem in ("notice", "acceptance-notice"):
            text = _text(built["docs"][village][stem])
            first = [line.strip() for line in text.splitlines() if line.strip()][:2]
            assert first[0] == mark and first[1].startswith(code), (village, stem, first)
    # the derived ones are said to be defaults in the build summary; the named one is not
    stderr_a = built["out"]["府谷县"][1]
    assert "新区街道：发文机关「中共新区街道工作委员会」、代字「新发」按乡镇名称推定" in stderr_a
    assert "圪堵镇：发文机关" not in stderr_a
    assert "皮山农场：发文机关「中共皮山农场委员会」、代字「皮发」按乡镇名称推定" in built["out"]["第十四师"][1]


def test_no_word_of_the_sample_county_in_a_general_preset_kit(built):
    for village, docs in built["docs"].items():
        for stem, pdf in docs.items():
            text = _text(pdf).replace("\n", "")
            for word in SAMPLE_COUNTY:
                assert word not in text, (village, stem, word)


def test_types_read_from_the_names_and_said_once(built):
    assert "新区街道康乐社区：没有填写类型 village.type；按名称视为“社区”" in built["out"]["府谷县"][1]
    assert "皮山农场第五连：没有填写类型 village.type；视为“连队”" in built["out"]["第十四师"][1]


def test_a_liandui_is_written_as_a_liandui(built):
    docs = built["docs"]["第五连"]
    for stem, pdf in docs.items():
        text = _text(pdf).replace("\n", "")
        for word in VILLAGE_WORDS:
            assert word not in text, (stem, word)
    notice = _text(docs["notice"]).replace("\n", "")
    assert "各连队党组织：" in notice and "此件发至连队党组织" in notice
    assert "第五连管理委员会" in notice and "第五连连务监督委员会" in notice
    assert "皮山农\n场" not in _text(docs["plan"])  # a title never breaks inside a name


def test_a_shequ_is_measured_against_a_shequ_list(built):
    docs = built["docs"]["康乐社区"]
    for stem in ("plan", "acceptance-notice", "scoresheet"):
        text = _text(docs[stem]).replace("\n", "")
        assert "社区党群服务中心建设基本项" in text, stem
        assert "达标村" not in text and "村级党群服务中心建设基本项" not in text, stem
    assert "村级党群服务中心建设基本项" in _text(built["docs"]["高家村"]["scoresheet"]).replace("\n", "")


def test_without_a_record_a_form_with_blanks_and_every_signature_line(built):
    for village in ("高家村", "康乐社区"):
        docs = built["docs"][village]
        assert "acceptance" not in docs  # no 验收报告 before anyone went on site
        text = _text(docs["scoresheet"])
        flat = text.replace("\n", "")
        assert "验收评分表" in flat and "现场核查情况" in flat and "年 月 日" in " ".join(text.split())
        for line in ("综合验收工作组组长", "综合验收工作组成员", "施工单位负责人"):
            assert line in flat, (village, line)
        assert flat.count("综合验收工作组成员") >= 3
        for material in ("会议记录", "设计图纸", "施工合同", "招投标资料", "监理资料", "建设前后对比照片"):
            assert material in flat, material
        assert "通过验收" in flat and "不通过" in flat  # boxes to tick, not a verdict
    assert "未生成验收报告：尚无验收记录" in built["out"]["府谷县"][1]
    assert built["docs"]["康乐社区"]["scoresheet"]
    assert "新区街道党工委" in _text(built["docs"]["康乐社区"]["scoresheet"]).replace("\n", "")


def test_with_a_record_the_conclusion_follows_the_findings(built):
    report = _text(built["docs"]["第五连"]["acceptance"]).replace("\n", "")
    conclusion = report[report.index("验收结论"):]
    assert "本次验收不通过" in conclusion and "公开栏：公开栏尚未安装" in conclusion
    assert "2026年9月15日" in report and "组长马建新" in report
    assert "请第五连于2026年10月15日前整改到位" in report  # 30 days after the group's visit
    for party in ("验收组组长（马建新）", "验收组成员（周涛）", "皮山农场党委（李文）",
                  "施工单位负责人（王磊）"):
        assert party in report, party
    assert "会议记录、设计图纸、施工合同、建设前后对比照片" in report


def _signed(pdf: Path) -> tuple[str, dt.date]:
    """(发文字号, 成文日期) of a notice: the number under the mark, the first date on a line of its own."""
    lines = [line.strip() for line in _text(pdf).splitlines() if line.strip()]
    number = lines[1]
    day = next(dt.date(*map(int, DATE.fullmatch(line).groups())) for line in lines if DATE.fullmatch(line))
    return number, day


def test_every_number_has_its_dates_year_and_no_date_falls_on_a_day_off(built):
    seen = {}
    for village, docs in built["docs"].items():
        for stem in ("notice", "acceptance-notice"):
            number, day = _signed(docs[stem])
            year = int(re.search(r"〔(\d{4})〕", number).group(1))
            assert year == day.year, (village, stem, number, day)
            assert day.weekday() < 5 and day not in statutory_holidays(), (village, stem, day)
            seen[(village, stem)] = (number, day)
    # 府谷县 dates its plan 2026-12-01: the acceptance call falls in 2027 and is numbered in 2027
    assert seen[("高家村", "notice")] == ("圪发〔2026〕1号", dt.date(2026, 12, 1))
    assert seen[("高家村", "acceptance-notice")][0] == "圪发〔2027〕2号"
    # 第十四师 takes the build's day, 清明 (a Sunday): its office signs on the next working day
    assert seen[("第五连", "notice")][1] == dt.date(2026, 4, 7)
    inspection = DATE.search(_text(built["docs"]["第五连"]["acceptance-notice"]).split("决定于")[1])
    start = dt.date(*map(int, inspection.groups()))
    assert start.weekday() < 5 and start not in statutory_holidays()


def test_counts_of_zero_are_left_out_and_quotes_nest(built):
    for village, docs in built["docs"].items():
        for stem, pdf in docs.items():
            text = _text(pdf).replace("\n", "")
            assert not re.search(r"[^\d.]0(个|块|项)", text), (village, stem)
            depth = 0
            for ch in text:  # “…‘…’…”: a double quote never opens inside another
                if ch == "“":
                    assert depth == 0, (village, stem)
                    depth += 1
                elif ch == "”":
                    depth = 0


def test_the_docx_itself_puts_the_back_matter_on_an_even_page(built, tmp_path):
    """The .docx of each notice, converted as it is by LibreOffice (what a clerk's print gives)."""
    import shutil

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is part of the system packages (Makefile)"
    sources = []
    for village, docs in built["docs"].items():
        for stem in ("notice", "acceptance-notice"):
            target = tmp_path / f"{village}-{stem}.docx"
            shutil.copyfile(docs[stem].with_suffix(".docx"), target)
            sources.append(target)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, sources)],
                   capture_output=True, check=True, timeout=300)
    for source in sources:
        pdf = source.with_suffix(".pdf")
        pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                                text=True).stdout).group(1))
        last = _text(pdf).strip().split("\f")[-1]
        assert pages % 2 == 0 and "印发" in last, (source.name, pages)


def test_a_liandui_without_type_gets_liandui_plaques(tmp_path):
    profile = tmp_path / "第五连.yaml"
    profile.write_text(COMPANY.split("acceptance:")[0], encoding="utf-8")
    out = tmp_path / "out"
    done = _run("build", profile, "-o", out, "--only", "signs", "--text", "live", "-j", "1")
    assert done.returncode == 0, done.stderr
    plaques = [p for p in out.rglob("signs/*.pdf") if "吊牌" in _text(p) or "委员会" in _text(p)]
    text = "".join(_text(p).replace("\n", "").replace(" ", "") for p in out.rglob("signs/*.pdf"))
    assert plaques
    assert "第五连管理委员会" in text and "第五连连务监督委员会" in text
    for word in ("村民委员会", "村务监督委员会", "村务"):
        assert word not in text, word


def test_a_county_issuer_for_every_township_is_refused(tmp_path):
    folder = tmp_path / "county"
    folder.mkdir()
    (folder / "paigen.yaml").write_text(COUNTY_A.replace(
        "  townships:\n", "  issuing_office: 中共圪堵镇委员会\n  townships:\n"), encoding="utf-8")
    (folder / "康乐社区.yaml").write_text(COMMUNITY, encoding="utf-8")
    done = _run("build", folder, "-o", tmp_path / "out", "--only", "docs", "-j", "1")
    assert done.returncode != 0
    assert "documents.issuing_office" in done.stderr
    assert "「中共圪堵镇委员会」对所有乡镇都是同一个机关，但「新区街道」以本乡镇名义发文" in done.stderr
    assert "新区街道" in done.stderr


def test_init_writes_no_issuer_and_a_neutral_preset(tmp_path):
    done = _run("init", tmp_path / "new")
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "new" / "paigen.yaml").read_text("utf-8")
    settings = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert "preset: general" in settings
    assert not any(key in line for line in settings for key in ("issuing_office", "short_name", "printed_by"))
    values = [line.split("#")[0] for p in (tmp_path / "new").glob("*.yaml") for line in p.read_text("utf-8").splitlines()]
    assert not any("堂二里" in v or "霸州" in v for v in values)


def test_bold_survives_the_pdf(tmp_path):
    """**严格落实** in 仿宋 (FandolFang has no bold): the PDF strokes the outline (text render mode
    2) and the same characters carry more ink than their regular twins, measured at 600 dpi."""
    import pdfplumber
    from PIL import Image

    source = tmp_path / "通知.md"
    source.write_text("---\nform: file\noffices: [中共示例镇委员会]\nnumber: 示发〔2026〕3号\n"
                      "title: 关于加强值班工作的通知\nto: [各村党组织]\ndate: 2026-12-01\n---\n"
                      "各村要**严格落实**值班制度，严格落实交接班记录。\n", encoding="utf-8")
    done = _run("doc", source, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    pdf_path = tmp_path / "out" / "通知.pdf"
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        chars = [c for c in page.chars if c["text"] in "严格落实"]
        assert len(chars) == 8
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "600", "-f", "1", "-l", "1", "-gray", "-png", "-singlefile",
                    str(pdf_path), str(png)], check=True)
    image = Image.open(f"{png}.png")
    scale = 600 / 72

    def ink(c) -> int:
        box = tuple(round(v * scale) for v in (c["x0"], c["top"], c["x1"], c["bottom"]))
        return image.crop(box).point(lambda v: 255 if v < 128 else 0).histogram()[255]

    bold, plain = sum(ink(c) for c in chars[:4]), sum(ink(c) for c in chars[4:])
    assert bold > plain * 1.15, (bold, plain)
    import pikepdf

    with pikepdf.open(pdf_path) as pdf:
        contents = pdf.pages[0].Contents
        parts = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        assert re.search(rb"(^|\s)2 Tr", b"".join(part.read_bytes() for part in parts))  # fill and stroke


def test_minutes_attendance_stays_with_the_text_above(tmp_path):
    """纪要 whose text ends at every line near the foot of page 1: 出席/请假/列席 never start a page."""
    import pdfplumber

    head = ("---\nform: minutes\noffices: [示例镇人民政府]\nnumber: 第3期\ntitle: 建设推进会议纪要\n"
            "date: 2026-12-01\nattendees: [甲某, 乙某, 丙某]\nabsent: [丁某]\nobservers: [戊某, 己某]\n---\n")
    line = "会议听取了各村建设进展情况汇报，研究部署了下一步工作安排。"  # 28 characters: one full line
    sources = []
    for n in range(8, 20):
        source = tmp_path / f"纪要{n}.md"
        source.write_text(head + "\n\n".join([line] * n) + "\n", encoding="utf-8")
        sources.append(source)
    done = _run("doc", *sources, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    pages_checked = 0
    for source in sources:
        with pdfplumber.open(tmp_path / "out" / f"{source.stem}.pdf") as pdf:
            for page in pdf.pages:
                text = (page.extract_text() or "").replace(" ", "")
                rows = [r for r in text.splitlines() if r and not re.fullmatch(r"—\d+—", r)]
                if rows and rows[0].startswith(("出席：", "请假：", "列席：")):
                    raise AssertionError(f"{source.name}: the attendance starts a page alone")
                pages_checked += 1
    assert pages_checked > len(sources)  # some of them run onto a second page


def test_the_workbooks_township_sheet_sets_each_townships_issuer(tmp_path):
    import openpyxl

    from paigen.docs._meta import document_meta
    from paigen.inputs import open_inputs

    folder = tmp_path / "county"
    assert _run("init", "--xlsx", folder).returncode == 0
    book = folder / "村庄信息.xlsx"
    wb = openpyxl.load_workbook(book)
    sheet = wb["乡镇"]
    assert [c.value for c in sheet[1]] == ["乡镇", "发文机关", "代字", "印发机关"]
    assert sheet["A2"].value == "示例镇"  # the starter lists its villages' townships
    sheet["B2"], sheet["C2"], sheet["D2"] = "中共示例镇委员会", "示镇发", "中共示例镇委员会党政办公室"
    wb.save(book)
    inputs = open_inputs(folder)
    assert inputs.ok, inputs.problems
    meta = document_meta(inputs.settings, "示例镇")
    assert (meta.office, meta.short_name, meta.defaults) == ("中共示例镇委员会", "示镇发", ())
    # paigen.yaml naming the same township otherwise: the two disagree, and that is said
    (folder / "paigen.yaml").write_text("schema: paigen/v1\npreset: general\ndocuments:\n  townships:\n"
                                        "    示例镇: {short_name: 示发}\n", encoding="utf-8")
    problems = [str(p) for p in open_inputs(folder).problems]
    assert any("“乡镇”表和 paigen.yaml 中示例镇的 short_name 不一致" in p for p in problems), problems
