"""Official documents: GB/T 9704 layout measured on LibreOffice PDFs, fonts, determinism, templates
and checklists.

The LibreOffice tests convert every document of one village in a single soffice run (module
fixture) and measure the PDFs with pdfplumber, in millimetres from the top-left page corner.
"""

from __future__ import annotations

import io
import re
import subprocess
import textwrap
import zipfile
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from statistics import mean

import pytest

from paigen.docs import (
    _soffice,
    checklist_names,
    document_kit,
    docx_to_pdf,
    evaluate,
    find_soffice,
    load_checklist,
)
from paigen.docs._blocks import Heading, Item, Paragraph, SignTable, Table
from paigen.docs._markup import parse
from paigen.docs._meta import document_meta
from paigen.docs._templates import render_text
from paigen.docs._titles import title_lines
from paigen.errors import ProfileError, TemplateError
from paigen.fonts import resolve_roles
from paigen.inputs import open_inputs
from paigen.model.profile import Acceptance, Finding
from paigen.model.settings import settings_from
from paigen.sources.yamlfile import parse_yaml
from pdfmeasure import ink_rows, lines_of, red, text_of

from conftest import SAMPLES, load

MM = 25.4 / 72
# the acceptance group's record for 东庄村: every item of 十二个一达标村 found on site
RECORD = Acceptance(date="2020-08-28", members=("张明", "刘芳", "赵磊"), township="孙伟", builder="周建华",
                    findings=tuple(Finding(str(i), "达标", "") for i in range(1, 13)),
                    materials=("会议记录", "设计图纸", "施工合同", "建设前后对比照片"))
EPOCH = "1590451200"  # 2020-05-26
BLOCK_LEFT, BLOCK_RIGHT, BLOCK_TOP, BLOCK_BOTTOM = 28.0, 184.0, 37.0, 262.0
BLOCK_CENTRE = (BLOCK_LEFT + BLOCK_RIGHT) / 2  # 106 mm: the block sits 2 mm right of the page centre
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# -- fixtures -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """The documents of 东庄村 (its township has 东庄村 and 小王庄村), dated 2020-05-26."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        mp.setenv("PAIGEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        inputs = open_inputs(SAMPLES)
        profile = replace(next(p for p in inputs.profiles if p.name == "东庄村"), acceptance=RECORD)
        docs = document_kit(profile, inputs.settings, inputs.profiles)
        again = document_kit(profile, inputs.settings, inputs.profiles)
    return {"inputs": inputs, "profile": profile, "docs": {d.name: d for d in docs},
            "again": {d.name: d for d in again}}


@pytest.fixture(scope="module")
def pdfs(kit, tmp_path_factory):
    """Every document of the kit through one LibreOffice run; pdfplumber documents by name."""
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: PDF layout cannot be measured")
    pdfplumber = pytest.importorskip("pdfplumber")
    folder = tmp_path_factory.mktemp("docs")
    paths = []
    for name, doc in kit["docs"].items():
        path = folder / f"{name}.docx"
        path.write_bytes(doc.docx)
        paths.append(path)
    paths.append(folder / "rare-names.docx")  # in the same run: names FandolFang lacks
    paths[-1].write_bytes(_rare_names_docx())
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PAIGEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        out = docx_to_pdf(paths, kit["inputs"].settings, folder / "pdf")
    opened = {p.stem: pdfplumber.open(p) for p in out}
    yield opened
    for pdf in opened.values():
        pdf.close()


RARE = "王堃、李昇、张喆"  # GBK names outside GB2312: FandolFang lacks 堃昇喆


def _rare_names_docx() -> bytes:
    from paigen.docs._blocks import Paragraph
    from paigen.docs._writer import OfficialWriter

    writer = OfficialWriter("#E60012")
    writer.title("名单")
    writer.blocks([Paragraph(f"{RARE}同志参加验收。")])
    return writer.to_bytes()


def body_pages(pdf):
    """Pages of running text: no tables (rects/lines), not the first page."""
    return [p for p in pdf.pages[1:] if not p.rects and not p.lines]


# -- page and text block ------------------------------------------------------------------------

def test_every_page_is_a4(pdfs):
    for name, pdf in pdfs.items():
        for page in pdf.pages:
            assert page.width * MM == pytest.approx(210, abs=0.5), name
            assert page.height * MM == pytest.approx(297, abs=0.5), name


def test_text_block_starts_28_mm_from_the_left(pdfs):
    lefts = [line[0]["x0"] * MM for page in body_pages(pdfs["plan"]) for line in lines_of(page)]
    assert min(lefts) == pytest.approx(BLOCK_LEFT, abs=1.0)
    # continuation lines start exactly at the block edge, first lines two characters in
    assert sum(abs(x - BLOCK_LEFT) < 1 for x in lefts) > 20


def test_a_full_page_holds_22_lines_at_a_225_22_mm_pitch(pdfs):
    counts = []
    for page in body_pages(pdfs["plan"]):
        rows = lines_of(page)
        counts.append(len(rows))
        tops = [r[0]["top"] * MM for r in rows]
        if len(rows) == 22:
            # faces of different descent (仿宋 body, 楷体 and 黑体 headings) sit at different
            # heights in their grid lines: compare lines set in the same face
            pitches = [b - a for a, b, ra, rb in zip(tops, tops[1:], rows, rows[1:], strict=False)
                       if ra[0]["fontname"] == rb[0]["fontname"]]
            assert mean(pitches) == pytest.approx(225 / 22, abs=0.05)
            assert all(p == pytest.approx(225 / 22, abs=0.1) for p in pitches)
            assert tops[0] >= BLOCK_TOP - 1 and rows[-1][0]["bottom"] * MM <= BLOCK_BOTTOM + 0.5
    assert max(counts) == 22
    # widow and orphan control and headings kept with their text end some pages a line or three
    # early, never more
    assert counts.count(22) >= 1 and min(counts[:-1]) >= 19, counts


def test_a_full_line_holds_28_characters_across_156_mm(pdfs):
    full = []
    for page in body_pages(pdfs["plan"]):
        for row in lines_of(page):
            x0, x1 = row[0]["x0"] * MM, row[-1]["x1"] * MM
            # CJK characters and full-width punctuation only (LibreOffice sets “” in Latin widths)
            if abs(x0 - BLOCK_LEFT) < 1 and abs(x1 - BLOCK_RIGHT) < 1.5 and all(ord(c["text"]) >= 0x3000 for c in row):
                full.append(row)
    assert len(full) >= 10
    # 28 a line; 27 where the 29th is closing punctuation, which may not start a line and does not
    # hang past the edge: the 28th character goes down with it and the line is spread
    assert {len(row) for row in full} <= {27, 28}, [text_of(r) for r in full if len(r) < 27]
    assert [len(r) for r in full].count(28) > len(full) / 2


# -- 版头 -------------------------------------------------------------------------------------------

def test_red_mark_35_mm_below_the_block_top_and_centred(pdfs):
    page = pdfs["notice"].pages[0]
    mark = [c for c in page.chars if red(c)]
    assert text_of(mark) == "中共堂二里镇委员会文件"
    # GB/T 9704 §7.2.3 measures to the characters' ink, not their em boxes
    ink = ink_rows(pdfs["notice"], 1, BLOCK_LEFT, BLOCK_RIGHT, BLOCK_TOP, BLOCK_TOP + 60, red=True)
    assert ink[0] - BLOCK_TOP == pytest.approx(35, abs=1.0)
    centre = (min(c["x0"] for c in mark) + max(c["x1"] for c in mark)) / 2 * MM
    assert centre == pytest.approx(BLOCK_CENTRE, abs=1.0)


def test_number_two_lines_below_the_mark_and_red_rule_4_mm_below_it(pdfs):
    page = pdfs["notice"].pages[0]
    mark_bottom = max(c["bottom"] for c in page.chars if red(c)) * MM
    number = next(r for r in lines_of(page) if "〔" in text_of(r))
    assert text_of(number) == "堂发〔2020〕1号"
    n_top, n_bottom = number[0]["top"] * MM, number[0]["bottom"] * MM
    assert 2 * 225 / 22 <= n_top - mark_bottom <= 3 * 225 / 22
    assert (number[0]["x0"] + number[-1]["x1"]) / 2 * MM == pytest.approx(BLOCK_CENTRE, abs=1.5)
    rules = [r for r in page.lines + page.rects if red(r)]
    assert rules, "no red separator"
    rule = rules[0]
    assert (rule["x1"] - rule["x0"]) * MM == pytest.approx(156, abs=0.5)
    assert rule["x0"] * MM == pytest.approx(BLOCK_LEFT, abs=0.5)
    assert rule["top"] * MM - n_bottom == pytest.approx(4, abs=1.0)


def test_title_two_lines_below_the_rule_in_2hao(pdfs):
    page = pdfs["notice"].pages[0]
    rule_y = next(r for r in page.lines + page.rects if red(r))["top"] * MM
    title = lines_of(page, 22.0)
    assert [text_of(r) for r in title] == ["关于印发《堂二里镇村级党员群众服务中心", "规范化建设实施方案》的通知"]
    assert title[0][0]["top"] * MM - rule_y == pytest.approx(2 * 225 / 22, abs=3)
    for row in title:
        assert (row[0]["x0"] + row[-1]["x1"]) / 2 * MM == pytest.approx(BLOCK_CENTRE, abs=1.5)


# -- page numbers and 版记 -------------------------------------------------------------------------

def test_page_numbers_odd_right_even_left_7_mm_below_the_block(pdfs):
    pdf = pdfs["plan"]
    assert len(pdf.pages) >= 3
    for n, page in enumerate(pdf.pages, 1):
        (row,) = lines_of(page, 14.0)[-1:]
        assert text_of(row) == f"—{n}—"
        one = 14 / 72 * 25.4  # one 4号 character
        if n % 2:
            assert row[-1]["x1"] * MM == pytest.approx(BLOCK_RIGHT - one, abs=1.0)
        else:
            assert row[0]["x0"] * MM == pytest.approx(BLOCK_LEFT + one, abs=1.0)
        dash = row[0]  # the 一字线's ink 7 mm below the block (§7.5)
        ink = ink_rows(pdf, n, dash["x0"] * MM + 0.3, dash["x1"] * MM - 0.3, BLOCK_BOTTOM, BLOCK_BOTTOM + 15)
        assert ink[0] - BLOCK_BOTTOM == pytest.approx(7, abs=1.0), n


def test_back_matter_rules_end_on_the_last_line_of_the_last_page(pdfs):
    for name in ("notice", "acceptance-notice"):
        page = pdfs[name].pages[-1]
        # the 版记 rules: full-width lines in the lowest 40 mm of the text block (tables end higher)
        rules = sorted((r for r in page.lines + page.rects if (r["x1"] - r["x0"]) * MM > 150
                        and r["top"] * MM > BLOCK_BOTTOM - 40 and r["bottom"] - r["top"] < 2),
                       key=lambda r: r["top"])
        assert len(rules) == 3, name
        for rule in rules:
            assert (rule["x1"] - rule["x0"]) * MM == pytest.approx(156, abs=0.5)
        assert rules[-1]["top"] * MM == pytest.approx(BLOCK_BOTTOM, abs=1.0)
        widths = [r.get("linewidth", 0) * MM for r in rules]
        assert widths[0] == pytest.approx(0.35, abs=0.05) and widths[2] == pytest.approx(0.35, abs=0.05)
        assert widths[1] == pytest.approx(0.25, abs=0.05)
        text = page.extract_text()
        assert "抄送：霸州市委组织部。" in text
        date = {"notice": r"2020\s*年\s*5\s*月\s*26\s*日", "acceptance-notice": r"2020\s*年\s*7\s*月\s*31\s*日"}
        assert re.search(rf"中共堂二里镇委员会办公室\s*{date[name]}印发", text), name
        # the 版记 page is the last and an even one (a page is added when the text ends on an odd one)
        assert len(pdfs[name].pages) % 2 == 0, name


def test_issued_plan_follows_the_notice_on_a_new_page(pdfs):
    pages = [p.extract_text() for p in pdfs["notice"].pages]
    first = next(i for i, t in enumerate(pages) if t.lstrip().startswith("堂二里镇村级党员群众服务中心"))
    assert first >= 1
    assert "中共堂二里镇委员会" in pages[first - 1]
    assert any(re.match(r"\s*附件\s*1", t) for t in pages)


def test_pdf_fonts_are_the_resolved_role_fonts(pdfs, kit):
    roles = resolve_roles(kit["inputs"].settings)

    def key(role: str) -> str:
        return re.sub(r"[^a-z]", "", roles[role].primary.family.lower())[:-2]

    page = pdfs["notice"].pages[0]
    title = lines_of(page, 22.0)[0][0]["fontname"].lower()
    body = next(r for r in lines_of(page) if "现将" in text_of(r))[0]["fontname"].lower()
    assert key("title") in re.sub(r"[^a-z]", "", title)
    assert key("fangsong") in re.sub(r"[^a-z]", "", body)
    if roles["title"].primary.weight >= 600:
        assert re.search("bold|black|heavy", title)
    assert "wenquanyi" not in body and "sans" not in body
    if "fandol" in roles["fangsong"].primary.family.lower():  # the free 仿宋 installed
        assert "fandolfang" in body


def test_acceptance_report_lists_every_item_and_the_sign_off(pdfs, kit):
    text = "\n".join(p.extract_text() for p in pdfs["acceptance"].pages)
    assert "达标" in text and "现场核查" in text and "未达标" not in text
    for party in ("堂二里镇党委（孙伟）", "验收组组长（张明）", "验收组成员（赵磊）",
                  "中共东庄村支部委员会", "施工单位负责人（周建华）"):
        assert party in text.replace("\n", "")
    assert "乡镇相关同志" not in text
    assert re.search(r"附件\s*\n\s*东庄村党员群众服务中心建设验收签字确认表", text)
    assert "十二个一达标村逐项验收情况表" in text


# -- signature, pages, lines (GB/T 9704 §7.3.5, §7.5) --------------------------------------------

CHAR_MM = 156 / 28  # one character of a full 3号 line
DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def signature_rows(pdf):
    """(page number, office row, date row) of the document's 署名 and 成文日期."""
    for n, page in enumerate(pdf.pages, 1):
        rows = lines_of(page)
        for i, row in enumerate(rows[1:], 1):
            if DATE.fullmatch(text_of(row)) and row[0]["x0"] * MM > BLOCK_LEFT + 40:
                return n, rows[i - 1], row, rows[:i - 1]
    raise AssertionError("no signature")


@pytest.mark.parametrize("name", ["notice", "acceptance-notice"])
def test_sealed_signature_date_4_characters_in_office_centred_over_it(pdfs, name):
    _, office, date, _ = signature_rows(pdfs[name])
    assert text_of(office) == "中共堂二里镇委员会"
    assert BLOCK_RIGHT - date[-1]["x1"] * MM == pytest.approx(4 * CHAR_MM, abs=1.0)
    centre = {k: (r[0]["x0"] + r[-1]["x1"]) / 2 * MM for k, r in (("office", office), ("date", date))}
    assert centre["office"] == pytest.approx(centre["date"], abs=1.0)


@pytest.mark.parametrize(("name", "office_text"), [("plan", "中共堂二里镇委员会"),
                                                   ("acceptance", "堂二里镇综合验收工作组")])
def test_unsealed_signature_office_2_characters_in_date_2_further_right(pdfs, name, office_text):
    _, office, date, _ = signature_rows(pdfs[name])
    assert text_of(office) == office_text
    assert BLOCK_RIGHT - office[-1]["x1"] * MM == pytest.approx(2 * CHAR_MM, abs=1.0)
    assert (date[0]["x0"] - office[0]["x0"]) * MM == pytest.approx(2 * CHAR_MM, abs=1.0)


@pytest.mark.parametrize("name", ["notice", "plan", "acceptance-notice", "acceptance"])
def test_the_signature_page_carries_body_text(pdfs, name):
    _, _, _, before = signature_rows(pdfs[name])
    body = [r for r in before if r[0]["x0"] * MM < BLOCK_LEFT + 2.5 * CHAR_MM]  # text, not 附件说明 alone
    assert len(body) >= 1, f"{name}: the signature stands alone on its page"


@pytest.mark.parametrize("name", ["notice", "acceptance-notice"])
def test_page_one_of_a_notice_is_filled_or_holds_the_whole_notice(pdfs, name):
    page_of_signature = signature_rows(pdfs[name])[0]
    page = pdfs[name].pages[0]
    last = max(r[0]["bottom"] for r in lines_of(page)) * MM
    if page_of_signature > 1:  # the text runs on: page 1 is full but for two lines at most
        assert (BLOCK_BOTTOM - last) // (225 / 22) <= 2, name
    else:  # the notice ends on page 1 (the 印发 notice: its plan starts on a new page)
        assert name == "notice"


def test_attachments_begin_with_their_label_on_the_first_line(pdfs):
    seen = 0
    for name in ("notice", "acceptance-notice", "acceptance"):
        for page in pdfs[name].pages:
            rows = lines_of(page)
            if rows and re.fullmatch(r"附件\d*", text_of(rows[0])):
                seen += 1
                assert rows[0][0]["top"] * MM == pytest.approx(BLOCK_TOP, abs=2.5), name
                assert rows[0][0]["x0"] * MM == pytest.approx(BLOCK_LEFT, abs=0.5)
    assert seen >= 4


def test_no_body_text_past_the_right_edge_of_the_text_block(pdfs):
    for name, pdf in pdfs.items():
        for n, page in enumerate(pdf.pages, 1):
            for row in lines_of(page):
                assert row[-1]["x1"] * MM <= BLOCK_RIGHT + 0.5, (name, n, text_of(row))


def test_number_and_dates_have_no_gap_between_hanzi_and_digits(pdfs):
    page = pdfs["notice"].pages[0]
    number = next(r for r in lines_of(page) if "〔" in text_of(r))
    gaps = [(b["x0"] - a["x1"]) * MM for a, b in pairwise(number)]
    assert max(gaps) < 0.3, gaps
    _, _, date, _ = signature_rows(pdfs["notice"])
    assert max((b["x0"] - a["x1"]) * MM for a, b in pairwise(date)) < 0.3


def test_documents_embed_a_fangsong_and_say_which_face_rendered_each_role(pdfs, kit):
    from paigen.docs._fonts import rendered_fonts

    roles = resolve_roles(kit["inputs"].settings)
    data = Path(pdfs["notice"].stream.name).read_bytes()
    fonts, warnings = rendered_fonts(data, kit["inputs"].settings)
    assert fonts["fangsong"]["face"] == roles["fangsong"].primary.label
    assert fonts["fangsong"]["font"] == "仿宋_GB2312" and fonts["title"]["font"] == "方正小标宋简体"
    names = subprocess.run(["pdffonts", pdfs["notice"].stream.name], capture_output=True, text=True).stdout
    assert roles["fangsong"].primary.postscript in names
    if roles["fangsong"].source == "fallback":
        assert any("仿宋_GB2312" in w for w in warnings)
    assert "other" not in fonts, fonts.get("other")


# -- the .docx itself ----------------------------------------------------------------------------

def _parts(docx: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))}


def test_docx_fonts_live_on_styles_with_official_names_and_no_theme_cjk_font(kit):
    """Fonts on styles, not on every run: restyling 公文正文 in Word changes the whole body."""
    from lxml import etree

    for name, doc in kit["docs"].items():
        parts = _parts(doc.docx)
        styles = etree.fromstring(parts["word/styles.xml"].encode())
        for style in styles.iter(f"{W_NS}style"):
            fonts = style.find(f"{W_NS}rPr/{W_NS}rFonts")
            if style.get(f"{W_NS}type") == "paragraph" or fonts is not None:
                assert fonts is not None, style.get(f"{W_NS}styleId")
                slots = {fonts.get(f"{W_NS}{k}") for k in ("ascii", "hAnsi", "eastAsia", "cs")}
                assert len(slots) == 1 and slots <= {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"}
        for part, xml in parts.items():
            assert "Mincho" not in xml and "明朝" not in xml and "ＭＳ" not in xml, (name, part)
            assert "eastAsiaTheme" not in xml and "asciiTheme" not in xml, (name, part)
        for part in [p for p in parts if p.startswith("word/") and re.search(r"(document|footer\d*)\.xml$", p)]:
            root = etree.fromstring(parts[part].encode())
            assert root.find(f".//{W_NS}rFonts") is None, (name, part)  # no direct font formatting
        assert "stylesWithEffects" not in parts["word/_rels/document.xml.rels"]


def test_run_in_headings_are_body_paragraphs_with_a_heading_run(kit):
    from lxml import etree

    root = etree.fromstring(_parts(kit["docs"]["plan"].docx)["word/document.xml"].encode())
    runin = []
    for p in root.iter(f"{W_NS}p"):
        runs = p.findall(f"{W_NS}r")
        style = runs[0].find(f"{W_NS}rPr/{W_NS}rStyle") if runs else None
        if style is not None and style.get(f"{W_NS}val") == "Heading2Char":
            runin.append((p.find(f"{W_NS}pPr/{W_NS}pStyle").get(f"{W_NS}val"),
                          "".join(t.text for t in runs[0].iter(f"{W_NS}t"))))
    assert runin and {style for style, _ in runin} == {"Body"}
    assert ("Body", "（一）名称标识统一。") in runin


def test_docx_grid_margins_and_number(kit):
    doc = kit["docs"]["notice"]
    document = _parts(doc.docx)["word/document.xml"]
    assert 'w:pgSz w:w="11906" w:h="16838"' in document  # A4 in twips
    assert re.search(r'w:top="2098"[^>]*w:left="1587"', document) or \
        ('w:top="2098"' in document and 'w:left="1587"' in document)
    assert 'w:linePitch="579"' in document
    assert doc.number == "堂发〔2020〕1号"
    assert kit["docs"]["acceptance-notice"].number == "堂发〔2020〕2号"


def test_two_builds_give_identical_docx_bytes(kit):
    for name, doc in kit["docs"].items():
        assert doc.docx == kit["again"][name].docx, name


def test_kit_has_the_three_kinds(kit):
    docs = kit["docs"]
    assert [d.kind for d in docs.values()] == ["notice", "plan", "notice", "acceptance", "acceptance"]
    assert list(docs) == ["notice", "plan", "acceptance-notice", "scoresheet", "acceptance"]
    assert docs["scoresheet"].title == "东庄村党员群众服务中心建设验收评分表"
    assert docs["notice"].title == "关于印发《堂二里镇村级党员群众服务中心规范化建设实施方案》的通知"
    assert docs["acceptance"].title == "东庄村党员群众服务中心建设验收报告"


def test_plan_is_filled_with_the_townships_villages(kit):
    text = _parts(kit["docs"]["plan"].docx)["word/document.xml"]
    plain = re.sub(r"<[^>]+>", "", text)
    for phrase in ("指导思想", "工作目标", "重点任务", "实施步骤", "组织保障",
                   "东庄村", "小王庄村", "南立面18米×4.2米", "综合服务站、党支部办公室",
                   "2020年5月26日—6月9日", "党支部书记抓党建责任清单"):
        assert phrase in plain, phrase
    assert "康宁社区" not in plain  # another township


# -- LibreOffice missing ---------------------------------------------------------------------------

def test_without_soffice_docx_to_pdf_returns_none_with_one_line(monkeypatch, capsys, tmp_path, settings):
    monkeypatch.setattr(_soffice, "find_soffice", lambda: None)
    assert docx_to_pdf([tmp_path / "x.docx"], settings, tmp_path) is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "LibreOffice" in err


# -- settings ------------------------------------------------------------------------------------

def _settings(tmp_path: Path, documents: str):
    text = "schema: paigen/v1\npreset: bazhou-2020\ncounty: 霸州市\ndocuments:\n" + textwrap.indent(
        textwrap.dedent(documents), "  ")
    (tmp_path / "paigen.yaml").write_text(text, encoding="utf-8")
    return settings_from(parse_yaml(text.encode(), "paigen.yaml"), tmp_path)


def test_document_number_from_the_settings(tmp_path):
    meta = document_meta(_settings(tmp_path, "townships: {堂二里镇: {short_name: 堂发}}\nyear: 2020\n"
                                              "serial: 54\ndate: 2020-05-26\n"), "堂二里镇")
    assert meta.number() == "堂发〔2020〕54号"
    assert meta.date_text == "2020年5月26日"
    assert meta.office == "中共堂二里镇委员会"
    assert document_meta(_settings(tmp_path, "cc: []\n"), "裕华街道").office == "中共裕华街道工作委员会"


@pytest.mark.parametrize(("documents", "key", "words"), [
    ("townships: {堂二里镇: {short_name: 堂发〔}}\n", "documents.short_name", "不是发文机关代字"),
    ("townships: {堂二里镇: {short_name: 第堂发3}}\n", "documents.short_name", "不是发文机关代字"),
    ("short_name: 圪发\n", "documents.short_name", "对所有乡镇都是同一个机关"),
    ("issuing_office: 中共圪堵镇委员会\n", "documents.issuing_office", "对所有乡镇都是同一个机关"),
    ("townships: {堂二里镇: {office: 中共堂二里镇委员会}}\n", "documents.townships.堂二里镇.office",
     "无法识别的键「office」"),
    ("year: 2019\ndate: 2020-05-26\n", "documents.year", "2019 不是成文日期 2020年5月26日 所在的年份"),
    ("serial: 054\n", "documents.serial", "以0开头（YAML 会把它读作八进制数 44）"),
    ("serial: -3\n", "documents.serial", "不是公文序号"),  # paigen.yaml's check
    ("date: 2020年13月1日\n", "documents.date", "不是日期"),
    ("issuing_office: 中共{town}委员会\n", "documents.issuing_office", "使用了未知的占位符 {town}"),
])
def test_bad_document_settings_name_paigen_yaml_and_the_key(tmp_path, documents, key, words):
    with pytest.raises(ProfileError) as info:
        document_meta(_settings(tmp_path, documents), "堂二里镇")
    message = str(info.value)
    assert "paigen.yaml" in message and key in message and words in message


def test_date_defaults_to_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert document_meta(_settings(tmp_path, "cc: []\n"), "堂二里镇").date_text == "2020年5月26日"


def test_unknown_checklist_is_a_settings_error(tmp_path):
    settings = _settings(tmp_path, "checklist: 十二个一\n")
    with pytest.raises(ProfileError, match=r"documents.checklist[:：] ?未知的检查表「十二个一」"):
        load_checklist(settings.section("documents")["checklist"], settings)


# -- templates -----------------------------------------------------------------------------------

def test_template_errors_list_every_missing_variable_with_its_line(tmp_path):
    folder = tmp_path / "templates" / "docs"
    folder.mkdir(parents=True)
    (folder / "x.j2").write_text("@标题 {{ title }}\n\n{{ village.name }}与{{ village.chief }}\n"
                                 "{% for v in villages %}{{ v }}{% endfor %}\n{{ deadline }}\n", encoding="utf-8")
    settings = _settings(tmp_path, "cc: []\n")
    with pytest.raises(TemplateError) as info:
        render_text("x.j2", {"village": {"name": "东庄村"}}, settings)
    message = str(info.value)
    assert "templates/docs/x.j2：缺少 4 个变量" in message
    for where in ("x.j2:1：未定义「title」", "x.j2:3：未定义「village.chief」", "x.j2:4：未定义「villages」",
                  "x.j2:5：未定义「deadline」"):
        assert where in message, message
    assert "village.name" not in message


def test_template_syntax_error_names_the_line(tmp_path):
    folder = tmp_path / "templates" / "docs"
    folder.mkdir(parents=True)
    (folder / "bad.j2").write_text("正文\n{% if x %}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"bad.j2:\d+"):
        render_text("bad.j2", {"x": 1}, _settings(tmp_path, "cc: []\n"))


def test_shipped_templates_render_for_every_sample_village():
    inputs = open_inputs(SAMPLES)
    for profile in inputs.profiles:
        docs = document_kit(profile, inputs.settings, inputs.profiles)
        assert len(docs) == 4 and all(d.docx[:2] == b"PK" for d in docs)


def test_structured_text_form():
    text = parse(textwrap.dedent("""\
        @标题 关于印发《方案》的通知
        @主送 各村党组织
        # 一、指导思想
        坚持以
        习近平新时代中国特色社会主义思想为指导。

        ## 加强领导。镇党委统一领导。
        - 甲
        - 乙
        ### 细则
        - 丙
        # 工作目标
        @列宽 1:2
        | 村 | 面积 |
        |---|---|
        | 东庄村 | 460 |
        @签字表 甲、乙
        @附注 此件发至村党组织
        @附件 任务清单
        正文
        """))
    assert text.title == "关于印发《方案》的通知" and text.addressee == "各村党组织"
    assert text.note == "此件发至村党组织"
    blocks = text.blocks
    assert blocks[0] == Heading(1, "一、", "指导思想")
    assert blocks[1] == Paragraph("坚持以习近平新时代中国特色社会主义思想为指导。")
    assert blocks[2] == Heading(2, "（一）", "加强领导。", "镇党委统一领导。")
    assert blocks[3:5] == (Item("1.", "甲"), Item("2.", "乙"))
    assert blocks[5] == Heading(3, "1.", "细则") and blocks[6] == Item("（1）", "丙")
    assert blocks[7] == Heading(1, "二、", "工作目标")
    assert blocks[8] == Table((("村", "面积"), ("东庄村", "460")), (1.0, 2.0))
    assert blocks[9] == SignTable(("甲", "乙"))
    assert text.attachments[0].title == "任务清单" and text.attachments[0].blocks == (Paragraph("正文"),)


def test_unknown_directive_is_an_error():
    with pytest.raises(TemplateError, match=r"未知指令「@标识」"):
        parse("@标识 x\n")


def test_long_titles_break_into_balanced_lines():
    assert title_lines("关于开展村级党员群众服务中心建设验收工作的通知") == ["关于开展村级党员群众服务中心",
                                                                  "建设验收工作的通知"]
    assert title_lines("东庄村党员群众服务中心建设验收报告") == ["东庄村党员群众服务中心建设验收报告"]


# -- checklists ----------------------------------------------------------------------------------

def test_shipped_checklists_load_with_their_sources():
    names = checklist_names()
    for name in ("十二个一示范村", "十二个一达标村", "红色地标", "十有一超一规范", "十有一规范", "八有"):
        assert name in names
        checklist = load_checklist(name)
        assert checklist.source and checklist.items
    assert [i.id for i in load_checklist("红色地标").items] == [f"5.{n}" for n in range(1, 16)]


@pytest.mark.parametrize(("name", "item", "fact", "threshold"), [
    ("十二个一示范村", "1", "center.building_area_m2", 600),
    ("十二个一达标村", "1", "center.building_area_m2", 400),
    ("十二个一示范村", "3", "service_hall.area_m2", 50),
    ("十二个一达标村", "3", "service_hall.area_m2", 40),
    ("十二个一示范村", "5", "meeting.capacity", 100),
    ("十二个一达标村", "5", "meeting.capacity", 50),
    ("十二个一示范村", "8", "outdoor.area_m2", 300),
    ("十二个一达标村", "8", "outdoor.area_m2", 200),
    ("十二个一示范村", "9", "facts.bulletin_area_m2", 40),
    ("十二个一达标村", "9", "facts.bulletin_area_m2", 20),
])
def test_twelve_ones_thresholds(name, item, fact, threshold):
    entry = next(i for i in load_checklist(name).items if i.id == item)
    check = next(c for c in entry.checks if c.fact == fact)
    value = check.value["村"] if isinstance(check.value, dict) else check.value
    assert check.compare == ">=" and value == threshold


def test_items_without_facts_are_on_site_never_passed(settings):
    bare = load("""\
        schema: paigen/v1
        village: {name: 西庄村, township: 堂二里镇}
        """)
    for name in checklist_names():
        for result in evaluate(load_checklist(name), bare, settings):
            assert result.verdict == "现场核查", (name, result.item.id, result.measured)
    # items no profile field can decide stay on site even with complete data
    inputs = open_inputs(SAMPLES)
    full = next(p for p in inputs.profiles if p.name == "康宁社区")
    results = {r.item.id: r for r in evaluate(load_checklist("红色地标"), full, inputs.settings)}
    for item in ("5.4", "5.6", "5.10", "5.13"):
        assert results[item].verdict == "现场核查"


def test_facts_decide_pass_and_fail(kit):
    inputs, profile = kit["inputs"], kit["profile"]
    model = {r.item.id: r for r in evaluate(load_checklist("十二个一示范村"), profile, inputs.settings)}
    assert model["1"].verdict == "未达标" and "460㎡" in model["1"].measured and "差140㎡" in model["1"].measured
    assert model["3"].verdict == "达标"  # 60 ㎡ on floor 1
    assert model["5"].verdict == "未达标"  # 80 seats < 100
    standard = {r.item.id: r for r in evaluate(load_checklist("十二个一达标村"), profile, inputs.settings)}
    assert standard["1"].verdict == "达标" and standard["8"].verdict == "达标"
    assert standard["7"].verdict == "现场核查"  # no archive room in the profile


# -- dates and wording from data -----------------------------------------------------------------

def _plain(docx: bytes) -> str:
    return re.sub(r"<[^>]+>", "", _parts(docx)["word/document.xml"])


def _dates(text: str) -> list:
    import datetime as dt

    return [dt.date(*map(int, m)) for m in re.findall(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)]


def test_each_document_number_has_its_own_date_and_the_report_follows_the_works(kit, monkeypatch):
    from paigen.docs._context import _phase_dates, document_dates

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # the kit's date
    settings = kit["inputs"].settings
    meta = document_meta(settings, "堂二里镇")
    dates = document_dates(meta.date, settings)
    phases = _phase_dates(meta.date, settings)
    assert dates["notice"] != dates["acceptance-notice"]  # 1号 and 2号
    assert dates["notice"] < dates["acceptance-notice"] < phases[2][1]  # the call comes before the works end
    assert dates["acceptance"] == phases[3][1]  # without a record: the end of the acceptance phase
    call = _plain(kit["docs"]["acceptance-notice"].docx)
    self_check = re.search(r"于(\d{4}年\d{1,2}月\d{1,2}日)前对照验收标准逐项自查", call).group(1)
    assert _dates(self_check)[0] > phases[2][1]  # self-check after the works end
    report = _plain(kit["docs"]["acceptance"].docx)  # dated by its record
    assert "2020年8月28日" in report and "2020年5月26日" not in report


def test_exterior_works_skip_the_frost_months(tmp_path):
    from paigen.docs._context import _phase_dates, phases

    settings = _settings(tmp_path, "  date: 2026-12-01\n")
    dates = _phase_dates(document_meta(settings, "堂二里镇").date, settings)
    start, end = dates[2]  # 安装施工: exterior paint
    day = start
    while day <= end:
        assert day.month not in (12, 1, 2), day
        day = day.fromordinal(day.toordinal() + 1)
    assert [b - a for (a, _), (b, _) in pairwise(dates)] and all(b[0] > a[1] for a, b in pairwise(dates))
    assert phases(document_meta(settings, "堂二里镇").date, settings)[2]["start"] == "2027年3月1日"


def test_a_shequ_profiles_documents_speak_of_residents_not_villagers():
    inputs = open_inputs(SAMPLES)
    profile = next(p for p in inputs.profiles if p.village.type == "社区")
    docs = document_kit(profile, inputs.settings, inputs.profiles)
    for doc in docs:
        text = _plain(doc.docx)
        for word in ("村委会", "村民委员会", "乡镇相关同志", "小事不出村", "党务村务"):
            assert word not in text, (doc.name, word)
    plan = _plain(docs[1].docx)
    assert "居民委员会" in plan and "党务居务" in plan and "小事不出社区" in plan


def test_no_sentence_of_another_countys_document(kit):
    for name, doc in kit["docs"].items():
        text = _plain(doc.docx)
        for borrowed in ("乡镇相关同志", "重点村党群服务中心建设项目实施方案", "施工方负责人"):
            assert borrowed not in text, (name, borrowed)


def test_another_countys_plan_does_not_cite_this_presets_standard(kit):
    from dataclasses import replace

    from paigen.docs._kinds import county_standard

    settings, profile = kit["inputs"].settings, kit["profile"]
    assert county_standard(settings, profile) == "霸州市村级党员群众服务中心标识标准（2020）"
    elsewhere = replace(profile, village=replace(profile.village, county="固安县"))
    assert county_standard(settings, elsewhere) == ""


def test_the_report_passes_only_when_every_finding_does(kit):
    text = _plain(kit["docs"]["acceptance"].docx)
    conclusion = text[text.index("验收结论"):]
    assert "验收通过" in conclusion and "不通过" not in conclusion
    inputs, profile = kit["inputs"], kit["profile"]
    findings = tuple(Finding(f.item, "未达标", "活动场地仅150平方米") if f.item == "8" else f
                     for f in RECORD.findings)
    failing = replace(profile, acceptance=replace(RECORD, findings=findings))
    docs = {d.name: d for d in document_kit(failing, inputs.settings, inputs.profiles)}
    text = _plain(docs["acceptance"].docx)
    conclusion = text[text.index("验收结论"):]
    assert "本次验收不通过" in conclusion and "一个文化体育活动场地：活动场地仅150平方米" in conclusion
    assert "验收通过" not in conclusion.replace("验收不通过", "")


def test_without_a_record_no_report_and_a_form_with_every_signature_line(kit):
    inputs = kit["inputs"]
    profile = next(p for p in inputs.profiles if p.name == "东庄村")
    docs = {d.name: d for d in document_kit(profile, inputs.settings, inputs.profiles)}
    assert "acceptance" not in docs
    form = _plain(docs["scoresheet"].docx)
    assert "现场核查情况" in form and "验收日期：　　　　年　　月　　日" in form
    for party in ("综合验收工作组组长", "综合验收工作组成员", "堂二里镇党委", "中共东庄村支部委员会",
                  "施工单位负责人"):
        assert party in form, party
    for material in ("会议记录", "设计图纸", "施工合同", "招投标资料", "监理资料", "建设前后对比照片"):
        assert material in form, material


@pytest.mark.parametrize(("findings", "words"), [
    ((), "「十二个一达标村」的第 1、2、3"),
    ((*(Finding(str(i), "达标") for i in range(1, 13)), Finding("13", "达标")),
     "「13」不是「十二个一达标村」中的检查项目"),
])
def test_an_incomplete_record_is_an_error(kit, findings, words):
    inputs, profile = kit["inputs"], kit["profile"]
    with pytest.raises(ProfileError, match=re.escape(words)):
        document_kit(replace(profile, acceptance=replace(RECORD, findings=findings)), inputs.settings,
                     inputs.profiles)


def test_pdf_fonts_carry_no_run_dependent_ids(pdfs):
    """LibreOffice's per-process /UniqueID counter is fixed, so a PDF does not depend on which
    documents shared its conversion run (the county's cache and rebuilds stay byte-identical)."""
    import pikepdf

    from paigen.docs._soffice import _eexec, stable_font_ids

    data = Path(pdfs["notice"].stream.name).read_bytes()
    assert stable_font_ids(data) == data  # already stable: nothing left to change
    with pikepdf.open(pdfs["notice"].stream.name) as doc:
        ids = set()
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Dictionary) and "/FontFile" in obj:
                stream = obj.FontFile
                raw, clear = stream.read_bytes(), int(stream.Length1)
                plain = _eexec(raw[clear:clear + int(stream.Length2)], decrypt=True)
                ids |= set(re.findall(rb"/UniqueID (\d+)", raw[:clear] + plain))
    assert ids == {b"4000000"}


def test_characters_the_fangsong_lacks_come_from_the_next_face_of_its_chain(pdfs, kit):
    roles = resolve_roles(kit["inputs"].settings)
    chain = roles["fangsong"]
    fonts = {c["text"]: c["fontname"] for c in pdfs["rare-names"].pages[0].chars if c["text"] in RARE}
    for char in "王李张":
        assert _ps_key(chain.primary.postscript) in _ps_key(fonts[char])
    for char in "堃昇喆":
        face = chain.face_for(char)  # the first face of the chain that has it
        assert face is not None
        if chain.primary.family == "FandolFang R":
            assert face != chain.primary
        assert _ps_key(face.postscript) in _ps_key(fonts[char]), (char, fonts[char])


def _ps_key(name: str) -> str:
    """NotoSerifCJKjp-Regular-VKana and NotoSerifCJKsc-Regular name the same design."""
    name = re.sub(r"^[A-Z]{6}\+", "", name)
    return re.sub(r"CJK(jp|sc|tc|kr|hk)", "CJK", name).split("-VKana")[0].lower()


def test_documents_dates_set_a_kinds_date_and_bad_ones_name_the_key(tmp_path):
    from paigen.docs._context import document_dates

    settings = _settings(tmp_path, "  date: 2026-05-26\n  dates: {acceptance: 2026-09-30}\n")
    meta = document_meta(settings, "堂二里镇")
    dates = document_dates(meta.date, settings, meta.dates)
    assert str(dates["acceptance"]) == "2026-09-30" and str(dates["notice"]) == "2026-05-26"
    with pytest.raises(ProfileError) as info:
        document_meta(_settings(tmp_path, "  dates: {acceptance: 2026-13-40}\n"), "堂二里镇")
    assert "documents.dates.acceptance" in str(info.value)
    with pytest.raises(ProfileError) as info:
        document_meta(_settings(tmp_path, "  dates: {report: 2026-09-30}\n"), "堂二里镇")
    assert "documents.dates" in str(info.value) and "acceptance-notice" in str(info.value)


def test_seal_per_kind_from_paigen_yaml(tmp_path):
    meta = document_meta(_settings(tmp_path, "  seal: {plan: true}\n"), "堂二里镇")
    assert meta.sealed("plan") and meta.sealed("notice") and not meta.sealed("acceptance")
    assert not document_meta(_settings(tmp_path, "  seal: false\n"), "堂二里镇").sealed("notice")


def test_a_county_of_documents_converts_in_chunks_and_retries_what_a_process_dropped(
        kit, pdfs, tmp_path, monkeypatch):
    # LibreOffice gives up after a few hundred documents in one process: the conversion runs
    # CHUNK documents per process and converts again what a process did not write.
    from paigen.docs import _soffice

    real = _soffice._run_once
    calls = []

    def flaky(soffice, work, env, sources, outdir, even):
        done = real(soffice, work, env, sources, outdir, even)
        calls.append(len(sources))
        if len(calls) == 1:  # the first process "crashes" after its first document
            for source in sources[1:]:
                (outdir / f"{source.stem}.pdf").unlink(missing_ok=True)
        return done

    monkeypatch.setattr(_soffice, "CHUNK", 2)
    monkeypatch.setattr(_soffice, "_run_once", flaky)
    paths = []
    for name, doc in kit["docs"].items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(doc.docx)
        paths.append(path)
    out = docx_to_pdf(paths, kit["inputs"].settings, tmp_path / "pdf")
    assert [p.name for p in out] == [f"{name}.pdf" for name in kit["docs"]]
    assert max(calls) <= 2 and len(calls) >= 3  # chunks of two, then the retry
    from paigen.docs._soffice import normalise_pdf

    for pdf in out:  # the kit's bytes (dates and ids normalised) as from one run for all of them
        one_run = Path(pdfs[pdf.stem].stream.name).read_bytes()
        assert normalise_pdf(pdf.read_bytes()) == normalise_pdf(one_run), pdf.name


def test_a_back_matter_that_lands_on_an_odd_page_moves_to_the_next_even_one(kit, tmp_path):
    # The same notice with one page of empty lines before it: one of the two ends on an odd page as
    # LibreOffice sets it, gets a page break before its 版记 (in the PDF and, via *breaks*, the .docx)
    import pdfplumber
    import pikepdf

    from paigen.docs._soffice import even_back_matter

    docx = kit["docs"]["notice"].docx
    longer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(longer, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "word/document.xml":
                body = body.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 22, 1)
            dst.writestr(info, body)
    paths = [tmp_path / "notice.docx", tmp_path / "longer.docx"]
    paths[0].write_bytes(docx)
    paths[1].write_bytes(longer.getvalue())
    breaks: list[Path] = []
    out = docx_to_pdf(paths, kit["inputs"].settings, tmp_path / "pdf", breaks=breaks)
    assert len(breaks) == 1
    for pdf in out:
        with pikepdf.open(pdf) as doc:
            assert len(doc.pages) % 2 == 0, pdf.name
    with pdfplumber.open(out[paths.index(breaks[0])]) as doc:  # the 版记 alone on its last page
        last = doc.pages[-1].extract_text()
        assert "抄送" in last and "印发" in last and len(last.replace(" ", "")) < 120
    assert b"<w:pageBreakBefore/>" in zipfile.ZipFile(io.BytesIO(even_back_matter(
        breaks[0].read_bytes()))).read("word/document.xml")
