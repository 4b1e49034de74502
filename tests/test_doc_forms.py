"""`paigen doc`: one document of each GB/T 9704-2012 form through LibreOffice, measured on its PDF.

The forms are the sample documents of ``samples/documents`` (下行文, 上行文 with 签发人 and
份号/密级/紧急程度, a joint document of two offices, a letter, minutes) plus a long 下行文 that fills
pages. All are converted in one soffice run (module fixture) and measured with pdfplumber and
pdftoppm in millimetres from the top-left page corner.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from statistics import mean

import pytest
from click.testing import CliRunner

from paigen.cli import main
from paigen.docs.compose import document_docx, load_document, write_documents
from paigen.docs.markdown import starters
from paigen.model.settings import default_settings
from pdfmeasure import MM, ink_rows, lines_of, red, text_of

from conftest import SAMPLES

DOCUMENTS = SAMPLES.parent / "documents"
EPOCH = "1764547200"  # 2025-12-01
LEFT, RIGHT, TOP, BOTTOM = 28.0, 184.0, 37.0, 262.0
CENTRE = (LEFT + RIGHT) / 2
LINE = 225 / 22
CHAR = 156 / 28
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

LONG = """\
---
offices: [中共堂二里镇委员会]
number: 堂发〔2026〕20号
title: 关于进一步加强村级党群服务中心管理使用的通知
to: [各村党支部]
date: 2026-12-01
cc: [霸州市委组织部]
---
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("documents")
    shutil.copytree(DOCUMENTS, folder, dirs_exist_ok=True)
    body = "".join(f"# 第{n}项工作\n" + "各村要把党群服务中心建成党员群众的温暖之家，" * 9 + "确保各项制度落到实处。\n\n"
                   for n in range(1, 9))
    (folder / "长文.md").write_text(LONG + body, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def pdfs(folder, tmp_path_factory):
    pdfplumber = pytest.importorskip("pdfplumber")
    out = tmp_path_factory.mktemp("out")
    files = sorted(p for p in folder.glob("*.md"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        mp.setenv("PAIGEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        written = write_documents(files, out)
    assert sorted(p.name for p in written) == sorted([f"{f.stem}.{x}" for f in files for x in ("docx", "pdf")])
    opened = {p.stem: pdfplumber.open(p) for p in written if p.suffix == ".pdf"}
    yield opened
    for pdf in opened.values():
        pdf.close()


def red_chars(page) -> list[dict]:
    return [c for c in page.chars if red(c)]


def first_ink(pdf, page: int, x0=LEFT, x1=RIGHT, y0=TOP, y1=TOP + 70, colour=False) -> float:
    return ink_rows(pdf, page, x0, x1, y0, y1, red=colour)[0]


def line_with(page, text: str, size: float = 16.0) -> list[dict]:
    return next(r for r in lines_of(page, size) if text in text_of(r))


def rules(page) -> list[dict]:
    """Red filled shapes and lines of a page (the 版头's rules), top to bottom."""
    shapes = page.objects.get("curve", []) + page.rects + page.lines
    unique = {tuple(round(s[k], 1) for k in ("x0", "top", "x1", "bottom")): s for s in shapes if red(s)}
    return [unique[k] for k in sorted(unique, key=lambda k: k[1])]  # LibreOffice draws a border twice


def page_numbers(pdf) -> list[str]:
    found = []
    for page in pdf.pages:
        rows = [text_of(r) for r in lines_of(page, 14.0) if re.fullmatch(r"—\d+—", text_of(r))]
        found.append(rows[-1] if rows else "")
    return found


def back_matter_rules(page) -> list[dict]:
    return [r for r in page.lines + page.rects if (r["x1"] - r["x0"]) * MM > 150
            and r["top"] * MM > BOTTOM - 40 and r["bottom"] - r["top"] < 2 and not red(r)]


# -- 下行文 -------------------------------------------------------------------------------------

def test_file_form_red_head_number_and_rule(pdfs):
    pdf = pdfs["通知"]
    page = pdf.pages[0]
    assert text_of(red_chars(page)) == "中共堂二里镇委员会文件"
    assert first_ink(pdf, 1, colour=True) - TOP == pytest.approx(35, abs=1.0)
    mark = red_chars(page)
    assert (mark[0]["x0"] + mark[-1]["x1"]) / 2 * MM == pytest.approx(CENTRE, abs=1.0)
    number = line_with(page, "〔2026〕")
    assert text_of(number) == "堂发〔2026〕15号"
    assert (number[0]["x0"] + number[-1]["x1"]) / 2 * MM == pytest.approx(CENTRE, abs=1.0)
    assert 2 * LINE <= number[0]["top"] * MM - max(c["bottom"] for c in mark) * MM <= 3 * LINE
    (rule,) = rules(page)
    assert (rule["x1"] - rule["x0"]) * MM == pytest.approx(156, abs=0.5)
    assert rule["top"] * MM - number[0]["bottom"] * MM == pytest.approx(4, abs=1.0)


def test_file_form_attachment_page_and_back_matter_on_an_even_last_page(pdfs):
    pdf = pdfs["通知"]
    pages = [p.extract_text() or "" for p in pdf.pages]
    assert any("附件：标识标牌安装进度表" in t for t in pages)
    attachment = next(p for p in pdf.pages if (p.extract_text() or "").startswith("附件"))
    assert attachment.extract_tables()[0][0] == ["村", "牌匾（块）", "门牌（块）", "完成时间"]
    assert len(pdf.pages) % 2 == 0
    last = pdf.pages[-1]
    assert len(back_matter_rules(last)) == 3
    assert "抄送：霸州市委组织部。" in last.extract_text().replace(" ", "")
    assert "中共堂二里镇委员会办公室" in last.extract_text() and "2026年12月1日印发" in last.extract_text()


def test_a_full_page_holds_22_lines_of_28_characters_in_fangsong(pdfs, folder):
    pdf = pdfs["长文"]
    full_pages = []
    for page in pdf.pages[1:]:
        rows = lines_of(page)
        if len(rows) == 22:
            full_pages.append(page)
            tops = [r[0]["top"] * MM for r in rows]
            same = [b - a for a, b, ra, rb in zip(tops, tops[1:], rows, rows[1:], strict=False)
                    if ra[0]["fontname"] == rb[0]["fontname"]]
            assert mean(same) == pytest.approx(LINE, abs=0.05)
    assert full_pages, [len(lines_of(p)) for p in pdf.pages]
    full = [r for p in full_pages for r in lines_of(p)
            if abs(r[0]["x0"] * MM - LEFT) < 1 and abs(r[-1]["x1"] * MM - RIGHT) < 1.5]
    assert full and {len(r) for r in full} <= {27, 28} and [len(r) for r in full].count(28) > len(full) / 2
    body = [c for p in full_pages for c in p.chars if abs(c["size"] - 16) < 0.1]
    assert {c["fontname"].split("+")[-1] for c in body} >= {"FandolFang-Regular"}
    fonts = subprocess.run(["pdffonts", pdf.stream.name], capture_output=True, text=True, check=True).stdout
    fang = [line for line in fonts.splitlines() if "FandolFang" in line]
    assert fang and all(" yes " in line for line in fang), fonts  # embedded


def test_page_numbers_odd_right_even_left_and_back_matter_on_an_even_page(pdfs):
    pdf = pdfs["长文"]
    assert page_numbers(pdf) == [f"—{n}—" for n in range(1, len(pdf.pages) + 1)]
    one = 14 / 72 * 25.4
    for n, page in enumerate(pdf.pages, 1):
        row = lines_of(page, 14.0)[-1]
        if n % 2:
            assert row[-1]["x1"] * MM == pytest.approx(RIGHT - one, abs=1.0)
        else:
            assert row[0]["x0"] * MM == pytest.approx(LEFT + one, abs=1.0)
    assert len(pdf.pages) % 2 == 0 and len(back_matter_rules(pdf.pages[-1])) == 3


# -- 上行文 -------------------------------------------------------------------------------------

def test_upward_file_copy_number_secrecy_urgency_top_left_in_order(pdfs):
    page = pdfs["请示"].pages[0]
    rows = [r for r in lines_of(page) if r[0]["top"] * MM < TOP + 3 * LINE + 1]
    assert [text_of(r) for r in rows] == ["000012", "秘密★1年", "特急"]
    assert rows[0][0]["top"] * MM == pytest.approx(TOP, abs=LINE / 2)
    for row in rows:
        assert row[0]["x0"] * MM == pytest.approx(LEFT, abs=0.5)  # 顶格
    for row in rows[1:]:  # 3号黑体
        assert all("Sans" in c["fontname"] for c in row if c["text"] != "★"), row[0]["fontname"]
    assert first_ink(pdfs["请示"], 1, y0=TOP + 3 * LINE, colour=True) - TOP == pytest.approx(35, abs=1.0)


def test_upward_file_number_left_and_signer_right_on_one_line(pdfs):
    page = pdfs["请示"].pages[0]
    row = line_with(page, "签发人")
    text = text_of(row)
    assert text.startswith("堂发〔2026〕16号") and text.endswith("签发人：王建国")
    assert row[0]["x0"] * MM == pytest.approx(LEFT + CHAR, abs=1.0)  # 居左空一字
    assert row[-1]["x1"] * MM == pytest.approx(RIGHT - CHAR, abs=1.0)  # 居右空一字
    names = [c for c in row if c["text"] in "王建国"]
    labels = [c for c in row if c["text"] in "签发人"]
    assert all("WenKai" in c["fontname"] for c in names)  # names in 楷体
    assert all("Fandol" in c["fontname"] for c in labels)  # 签发人 in 仿宋
    (rule,) = rules(page)
    assert rule["top"] * MM - row[0]["bottom"] * MM == pytest.approx(4, abs=1.0)
    # the red rule spans the 版心 whatever the number's indent: from x = 28 mm, 156 mm long
    assert rule["x0"] * MM == pytest.approx(LEFT, abs=0.5)
    assert (rule["x1"] - rule["x0"]) * MM == pytest.approx(156, abs=0.5)


def test_upward_file_note_and_unlisted_attachment(pdfs):
    text = "".join(p.extract_text() or "" for p in pdfs["请示"].pages).replace(" ", "")
    assert "附件：建设资金预算表" in text
    assert "（联系人：李秀英，电话：0316-7212345）" in text
    assert len(pdfs["请示"].pages) == 2  # the attachment is listed only: no page of its own


# -- 联合行文 -----------------------------------------------------------------------------------

def test_joint_head_stacks_the_offices_with_wenjian_centred_on_their_right(pdfs):
    pdf = pdfs["联合通知"]
    chars = red_chars(pdf.pages[0])
    rows: dict[float, list[dict]] = {}
    for c in chars:
        rows.setdefault(round(c["top"], 0), []).append(c)
    names = [sorted(r, key=lambda c: c["x0"]) for _, r in sorted(rows.items()) if len(r) > 2]
    assert [text_of(r) for r in names] == ["中共堂二里镇委员会", "堂二里镇人民政府"]
    suffix = [c for c in chars if c["text"] in "文件" and all(c not in r for r in names)]
    assert text_of(suffix) == "文件"
    assert first_ink(pdf, 1, colour=True) - TOP == pytest.approx(35, abs=1.0)
    # the names spread to one width; 文件 right of them, centred on the two lines
    assert names[0][0]["x0"] == pytest.approx(names[1][0]["x0"], abs=1 / MM)
    assert names[0][-1]["x1"] == pytest.approx(names[1][-1]["x1"], abs=1 / MM)
    assert suffix[0]["x0"] > names[0][-1]["x1"]
    centre_names = (names[0][0]["top"] + names[1][-1]["bottom"]) / 2 * MM
    assert (suffix[0]["top"] + suffix[0]["bottom"]) / 2 * MM == pytest.approx(centre_names, abs=1.0)
    block = (names[0][0]["x0"] + suffix[-1]["x1"]) / 2 * MM
    assert block == pytest.approx(CENTRE, abs=1.0)


def test_joint_sealed_signature_side_by_side_the_last_over_the_date(pdfs):
    rows = [r for p in pdfs["联合通知"].pages for r in lines_of(p)]
    date = next(r for r in rows if text_of(r) == "2026年12月1日")
    offices = rows[rows.index(date) - 1]
    text = text_of(offices)
    assert text == "中共堂二里镇委员会堂二里镇人民政府"
    split = len("中共堂二里镇委员会")
    first, second = offices[:split], offices[split:]
    centre = lambda r: (r[0]["x0"] + r[-1]["x1"]) / 2 * MM  # noqa: E731
    assert date[-1]["x1"] * MM == pytest.approx(RIGHT - 4 * CHAR, abs=1.0)  # 右空四字
    assert centre(second) == pytest.approx(centre(date), abs=1.0)
    assert centre(second) - centre(first) >= 42 + 5  # two seals side by side never touch
    assert first[0]["x0"] * MM - 21 >= LEFT - 21  # the left seal stays in the block


# -- 信函格式 -----------------------------------------------------------------------------------

def test_letter_office_30_mm_from_the_top_and_red_double_rules(pdfs):
    pdf = pdfs["函"]
    page = pdf.pages[0]
    name = red_chars(page)
    assert text_of(name) == "堂二里镇人民政府"
    assert (name[0]["x0"] + name[-1]["x1"]) / 2 * MM == pytest.approx(CENTRE, abs=1.0)
    ink = ink_rows(pdf, 1, 30, 180, 15, 60, red=True)
    top = ink[0]
    assert top == pytest.approx(30, abs=1.0)  # from the page's top edge
    name_bottom = max(y for y in ink if y < 45)
    shapes = rules(page)
    assert len(shapes) == 4
    for s in shapes:
        assert (s["x1"] - s["x0"]) * MM == pytest.approx(170, abs=0.5)
        assert (s["x0"] + s["x1"]) / 2 * MM == pytest.approx(CENTRE, abs=0.5)
    upper, lower = shapes[:2], shapes[2:]
    height = lambda s: (s["bottom"] - s["top"]) * MM  # noqa: E731
    assert height(upper[0]) > height(upper[1])  # 上粗下细
    assert height(lower[0]) < height(lower[1])  # 上细下粗
    assert upper[0]["top"] * MM - name_bottom == pytest.approx(4, abs=1.0)
    assert lower[1]["bottom"] * MM == pytest.approx(297 - 20, abs=0.5)


def test_letter_number_flush_right_under_the_rule_no_page_one_number(pdfs):
    pdf = pdfs["函"]
    page = pdf.pages[0]
    number = line_with(page, "〔2026〕")
    assert text_of(number) == "堂政函〔2026〕8号"
    assert number[-1]["x1"] * MM == pytest.approx(RIGHT, abs=1.0)
    rule_bottom = rules(page)[1]["bottom"] * MM
    ink = ink_rows(pdf, 1, number[0]["x0"] * MM, RIGHT, rule_bottom + 0.5, rule_bottom + 15)
    assert ink[0] - rule_bottom == pytest.approx(7 / 8 * 16 / 72 * 25.4, abs=1.0)
    numbers = page_numbers(pdf)
    assert numbers[0] == "" and numbers[1:] == [f"—{n}—" for n in range(2, len(pdf.pages) + 1)]
    title = lines_of(page, 22.0)
    assert title[0][0]["top"] * MM - number[0]["bottom"] * MM == pytest.approx(2 * LINE, abs=3)


def test_letter_back_matter_is_the_cc_line_without_rules_or_printer(pdfs):
    pdf = pdfs["函"]
    last = pdf.pages[-1]
    text = "".join(p.extract_text() or "" for p in pdf.pages).replace(" ", "")
    assert "抄送：霸州市委组织部。" in text and "印发" not in text
    assert not back_matter_rules(last)
    cc = line_with(last, "抄送", 14.0)
    assert cc[0]["bottom"] * MM == pytest.approx(BOTTOM, abs=LINE)


# -- 纪要格式 -----------------------------------------------------------------------------------

def test_minutes_mark_issue_number_and_issuer_line(pdfs):
    pdf = pdfs["纪要"]
    page = pdf.pages[0]
    assert text_of(red_chars(page)) == "堂二里镇人民政府会议纪要"
    assert first_ink(pdf, 1, colour=True) - TOP == pytest.approx(35, abs=1.0)
    number = line_with(page, "第3期")
    assert (number[0]["x0"] + number[-1]["x1"]) / 2 * MM == pytest.approx(CENTRE, abs=1.0)
    issuer = line_with(page, "办公室")
    assert text_of(issuer) == "堂二里镇人民政府办公室2026年12月1日"
    assert issuer[0]["x0"] * MM == pytest.approx(LEFT, abs=1.0)
    assert issuer[-1]["x1"] * MM == pytest.approx(RIGHT, abs=1.0)
    (rule,) = rules(page)
    assert rule["top"] * MM - issuer[0]["bottom"] * MM == pytest.approx(4, abs=1.0)


def test_minutes_attendance_lines_and_no_signature(pdfs):
    pdf = pdfs["纪要"]
    rows = [(page, r) for page in pdf.pages for r in lines_of(page)]
    labelled = {text_of(r)[:3]: (page, r) for page, r in rows if text_of(r)[:3] in ("出席：", "请假：", "列席：")}
    assert list(labelled) == ["出席：", "请假：", "列席："]
    for _page, row in labelled.values():
        assert row[0]["x0"] * MM == pytest.approx(LEFT + 2 * CHAR, abs=1.0)  # 左空二字
        assert all("Sans" in c["fontname"] for c in row[:2])  # 出席 in 黑体
        assert all("Fandol" in c["fontname"] for c in row[3:])  # names in 仿宋
    page, observers = labelled["列席："]
    after = [r for p, r in rows if p is page and r[0]["top"] > observers[0]["top"]]
    assert after and after[0][0]["x0"] == pytest.approx(observers[3]["x0"], abs=0.5 / MM)  # 回行对齐
    texts = [text_of(r) for _, r in rows]
    assert texts.count("2026年12月1日") == 0  # no 成文日期 under the text
    assert "堂二里镇人民政府" not in texts  # no 署名


# -- files, determinism, the .docx --------------------------------------------------------------

def test_same_input_same_bytes(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path / "cache"))
    files = [folder / "函.md", folder / "联合通知.md"]
    a = write_documents(files, tmp_path / "a")
    b = write_documents(files, tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert all(p.stat().st_size > 5000 for p in a)


def test_docx_names_official_faces_and_no_theme_font(folder):
    settings = default_settings()
    for stem in ("通知", "请示", "联合通知", "函", "纪要"):
        data = document_docx(load_document(folder / f"{stem}.md"), settings)
        with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
            styles, body = z.read("word/styles.xml").decode(), z.read("word/document.xml").decode()
        assert "Theme" not in styles and "Theme" not in body
        assert "w:rFonts" not in body  # every font lives on a style
        faces = set(re.findall(r'<w:rFonts [^>]*w:eastAsia="([^"]+)"', styles))
        assert faces <= {"仿宋_GB2312", "楷体_GB2312", "黑体", "宋体", "方正小标宋简体"}, faces
        for fonts in re.findall(r"<w:rFonts [^>]*/>", styles):  # Latin and punctuation too
            slots = dict(re.findall(r'w:(ascii|hAnsi|eastAsia|cs)="([^"]+)"', fonts))
            assert len(set(slots.values())) == 1, fonts


def test_cli_writes_both_files_and_refuses_to_replace_an_edited_one(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("PAIGEN_CACHE_DIR", str(tmp_path / "cache"))
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(main, ["doc", str(folder / "函.md"), "-o", str(out), "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [".paigen-documents.json", "函.docx"]
    again = runner.invoke(main, ["doc", str(folder / "函.md"), "-o", str(out), "--no-pdf"])
    assert again.exit_code == 0, again.output  # its own file is replaced
    with (out / "函.docx").open("ab") as handle:
        handle.write(b"edited in Word")
    edited = runner.invoke(main, ["doc", str(folder / "函.md"), "-o", str(out), "--no-pdf"])
    assert edited.exit_code == 1 and "或生成后被修改过" in edited.output
    assert (out / "函.docx").read_bytes().endswith(b"edited in Word")
    forced = runner.invoke(main, ["doc", str(folder / "函.md"), "-o", str(out), "--no-pdf", "--force"])
    assert forced.exit_code == 0 and not (out / "函.docx").read_bytes().endswith(b"edited in Word")


def test_cli_bad_front_matter_lists_each_problem_and_writes_nothing(tmp_path):
    bad = tmp_path / "请示.md"
    bad.write_text("---\nofices: [某镇]\nnumber: 某发[2026]第3号\ncopy_no: \"12\"\nsecrecy: 内部\n"
                   "urgency: 急\ntitle: 关于某事的请示\nattachments:\n  - {title: 表, file: 无.md}\n---\n正文\n",
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["doc", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    for words in (f"{bad}:2", "是否应为「offices」", f"{bad}:3", "请写成 某发〔2026〕3号",
                  "「12」不是6位份号", "「内部」不是密级", "请填写 特急、加急",
                  "旁边没有「无.md」"):
        assert words in result.output, (words, result.output)
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


def test_cli_new_writes_each_starter_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for kind in starters():
        result = runner.invoke(main, ["doc", "new", kind])
        assert result.exit_code == 0, result.output
        assert (tmp_path / f"{kind}.md").read_text("utf-8") == starters()[kind]
        load_document(tmp_path / f"{kind}.md")  # a starter is a valid document
    twice = runner.invoke(main, ["doc", "new", "请示"])
    assert twice.exit_code == 1 and "」已存在" in twice.output
    unknown = runner.invoke(main, ["doc", "new", "公告"])
    assert unknown.exit_code == 2 and "通知" in unknown.output


def test_a_problem_in_an_attachment_file_names_that_file_and_its_line(tmp_path):
    (tmp_path / "附件.md").write_text("---\ntitel: 预算表\n---\n| 项目 | 金额 |\n|---|---|\n| 牌匾 | 3.2 |\n",
                                     encoding="utf-8")
    doc = tmp_path / "通知.md"
    doc.write_text("---\noffices: [某镇人民政府]\nnumber: 某政〔2026〕1号\ntitle: 关于某事的通知\n"
                   "attachments:\n  - {title: 预算表, file: 附件.md}\n---\n正文\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["doc", str(doc), "--no-pdf"])
    assert result.exit_code == 1, result.output
    assert f"{tmp_path / '附件.md'}:2" in result.output and "是否应为「title」" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "通知.docx").exists()


def test_a_control_character_in_the_text_is_a_problem_with_its_line(tmp_path):
    doc = tmp_path / "通知.md"
    doc.write_text("---\noffices: [某镇人民政府]\nnumber: 某政〔2026〕1号\ntitle: 关于某事的通知\n---\n"
                   "第一段。\n\n正文\x02内容\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["doc", str(doc), "--no-pdf"])
    assert result.exit_code == 1 and f"{doc}:8" in result.output and "U+0002" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "通知.docx").exists()


def test_unsealed_joint_signature_stacks_the_offices_with_first_characters_aligned():
    from paigen.docs import _geometry as g
    from paigen.docs._signature import JointSignature, joint_layout, rendered_twips

    offices = ("中共堂二里镇委员会", "堂二里镇人民政府")
    for date in ("2026年12月1日", "2026年12月31日这一天很长的日期"):
        place = joint_layout(JointSignature(offices, date, seal=False))
        full = g.twips(g.BLOCK_W)
        starts = [full - right - rendered_twips(office) for ((office, right),) in place.rows]
        assert [office for ((office, _),) in place.rows] == list(offices)  # the lead office first
        assert max(starts) - min(starts) <= 1  # first characters aligned
        date_start = full - place.date_right - rendered_twips(date)
        assert date_start - starts[0] == pytest.approx(2 * g.CHAR_TWIPS, abs=1)  # 2 characters right
        assert place.date_right >= round(2 * g.CHAR_TWIPS)  # never closer than 2 to the edge
        assert min(right for ((_, right),) in place.rows) >= round(2 * g.CHAR_TWIPS) - 1
