"""Word drafts and typed text laid out to GB/T 9704, measured on LibreOffice's PDFs.

The corpus of ``tests/data/drafts`` (made by ``make_drafts.py`` the way offices write them:
宋体 小四 or Times, 1.5 line spacing, Word list numbering, wrong numbering punctuation, a table,
a picture, a text box, a comment, tracked changes, a footnote, dates in other forms) is converted
by ``paigen doc`` — the .docx and the plain-text version of each — in one LibreOffice run, then
every PDF gets the checks of the kit's documents: 22 lines of 28 characters, 仿宋 body, 黑体 and
楷体 heading levels by font name, the title in 小标宋 22 pt centred, the signature over the date
4 characters from the right, page numbers; and each recognition report item by item.
"""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from paigen.cli import main
from paigen.docs._blocks import Heading, Image, Paragraph, Table
from paigen.docs.compose import build_documents, load_document
from paigen.fonts import resolve_roles
from paigen.model.settings import default_settings
from pdfmeasure import MM, lines_of, text_of

DRAFTS = Path(__file__).resolve().parent / "data" / "drafts"
EPOCH = "1764547200"
LEFT, RIGHT = 28.0, 184.0
CENTRE = (LEFT + RIGHT) / 2
LINE = 225 / 22
CHAR = 156 / 28


def _expected():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_drafts", DRAFTS / "make_drafts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.EXPECTED


EXPECTED = _expected()
NAMES = sorted(EXPECTED)
VERSIONS = [(n, "docx") for n in NAMES] + [(n, "txt") for n in NAMES]


def source(tmp: Path, name: str, kind: str) -> Path:
    """The draft copied into *tmp* (with its sidecar); the .txt renamed so both fit one folder."""
    stem = name if kind == "docx" else f"{name}-文本"
    target = tmp / f"{stem}.{kind}"
    shutil.copy(DRAFTS / f"{name}.{kind}", target)
    if (DRAFTS / f"{name}.yaml").is_file():
        shutil.copy(DRAFTS / f"{name}.yaml", tmp / f"{stem}.yaml")
    return target


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    pdfplumber = pytest.importorskip("pdfplumber")
    tmp = tmp_path_factory.mktemp("drafts")
    out = tmp_path_factory.mktemp("laid-out")
    files = {version: source(tmp, *version) for version in VERSIONS}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        outcome = build_documents(list(files.values()), out)
    assert not outcome.problems, outcome.problems
    pdfs = {version: pdfplumber.open(out / f"{files[version].stem}.pdf") for version in VERSIONS}
    yield {"files": files, "pdfs": pdfs, "reports": outcome.reports}
    for pdf in pdfs.values():
        pdf.close()


def _key(role: str) -> str:
    roles = resolve_roles(default_settings())
    return re.sub(r"[^a-z]", "", roles[role].primary.family.lower())[:-2]


def _font(char: dict) -> str:
    return re.sub(r"[^a-z]", "", char["fontname"].split("+")[-1].lower())


def recognised(draft_file: Path, kind: str, expected: dict, report) -> list[tuple[str, bool]]:
    """(item, right?) for every item the reader had to recognise in one draft."""
    doc = load_document(draft_file)
    f, blocks = doc.front, doc.draft.text.blocks
    items = [("title", f.title == expected["title"]), ("to", f.to == expected["to"])]
    heads = [(b.level, f"{b.number}{b.text}") for b in blocks if isinstance(b, Heading)]
    for i, head in enumerate(expected["headings"]):
        items.append((f"heading {head}", i < len(heads) and heads[i] == head))
    items.append(("no extra heading", len(heads) == len(expected["headings"])))
    for key in ("attachments", "offices", "cc"):
        got = tuple(a.title for a in f.attachments) if key == "attachments" else getattr(f, key)
        items.append((key, got == expected.get(key, ())))
    for key in ("date", "note", "printer", "number"):
        items.append((key, getattr(f, key) == expected.get(key, "")))
    items.append(("tables", sum(isinstance(b, Table) for b in blocks) == expected.get("tables", 0)))
    pages = [d for d in doc.attachments if d is not None]
    items.append(("attachment pages", len(pages) == expected.get("pages", 0)))
    for page, title in zip(pages, expected.get("attachments", ()), strict=False):
        items.append((f"page {title}", page.front.title == title and bool(page.text.blocks)))
    notes = [str(x) for x in report]
    corrections = [n for n in notes if n.startswith("更正") and "成文日期" not in n]
    items.append(("corrections", len(corrections) == expected["corrections"]))
    if kind == "docx":
        items.append(("images", sum(isinstance(b, Image) for b in blocks) == expected.get("images", 0)))
        bold = [b for b in blocks if isinstance(b, Paragraph) and any(s for _, s in b.spans)]
        items.append(("bold", len(bold) == expected.get("bold", 0)))
        unplaced = [n for n in notes if n.startswith("未排入")]
        for what in expected.get("unplaced", ()):
            items.append((f"not placed {what}", any(what in n for n in unplaced)))
        items.append(("nothing else unplaced", len(unplaced) == len(expected.get("unplaced", ()))))
    return items


@pytest.mark.parametrize("version", VERSIONS, ids=[f"{n}.{k}" for n, k in VERSIONS])
def test_the_recognition_report_item_by_item(converted, version):
    name, kind = version
    file = converted["files"][version]
    items = recognised(file, kind, EXPECTED[name], converted["reports"][file])
    assert [item for item, ok in items if not ok] == []


def test_recognition_figures_over_the_corpus(converted):
    total = right = 0
    for version in VERSIONS:
        file = converted["files"][version]
        items = recognised(file, version[1], EXPECTED[version[0]], converted["reports"][file])
        total += len(items)
        right += sum(ok for _, ok in items)
    assert len(VERSIONS) >= 16 and total >= 250
    assert right == total, f"{right}/{total}"


@pytest.mark.parametrize("version", VERSIONS, ids=[f"{n}.{k}" for n, k in VERSIONS])
def test_title_in_xiaobiaosong_22pt_centred(converted, version):
    page = converted["pdfs"][version].pages[0]
    rows = lines_of(page, 22.0)
    assert rows and "".join(text_of(r) for r in rows) == EXPECTED[version[0]]["title"]
    for row in rows:
        assert _key("title") in _font(row[0])
        assert (row[0]["x0"] + row[-1]["x1"]) / 2 * MM == pytest.approx(CENTRE, abs=1.0)


@pytest.mark.parametrize("version", VERSIONS, ids=[f"{n}.{k}" for n, k in VERSIONS])
def test_headings_by_level_in_heiti_kaiti_fangsong(converted, version):
    pdf = converted["pdfs"][version]
    rows = [r for page in pdf.pages for r in lines_of(page)]
    want = {1: _key("hei"), 2: _key("kai"), 3: _key("fangsong"), 4: _key("fangsong")}
    for level, text in EXPECTED[version[0]]["headings"]:
        row = next((r for r in rows if text_of(r).startswith(text)), None)
        assert row is not None, (text, [text_of(r) for r in rows])
        fonts = {_font(c) for c in row[: len(text)]}
        assert all(want[level] in f for f in fonts), (text, fonts)
        assert row[0]["x0"] * MM == pytest.approx(LEFT + 2 * CHAR, abs=1.0)  # two characters in


@pytest.mark.parametrize("version", VERSIONS, ids=[f"{n}.{k}" for n, k in VERSIONS])
def test_body_in_fangsong_on_the_22_line_grid_of_28_characters(converted, version):
    pdf = converted["pdfs"][version]
    heads = {t for _, t in EXPECTED[version[0]]["headings"]}
    body_rows = 0
    for page in pdf.pages:
        if any(re.fullmatch(r"附件\d*", text_of(r)) for r in lines_of(page)[:1]):
            break  # attachment pages: 附件N in 黑体, their own headings
        # a table's cells (3号 when they fit) are measured by test_draft_tables, not on the grid
        tables = [(ln["top"], ln["bottom"]) for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.5]
        rows = [r for r in lines_of(page) if not any(text_of(r).startswith(h) for h in heads)
                and "签发人" not in text_of(r)  # the 签发人's name is in 楷体 by the standard
                and not any(top <= r[0]["top"] <= bottom for top, bottom in tables)]
        tops = [r[0]["top"] * MM for r in rows]
        for a, b in itertools.pairwise(tops):
            if b - a < 1.5 * LINE:  # consecutive lines of the grid (not across a table or picture)
                assert b - a == pytest.approx(LINE, abs=0.1)
        for row in rows:
            assert all(_key("fangsong") in _font(c) for c in row), text_of(row)
            assert row[0]["x0"] * MM >= LEFT - 0.5 and row[-1]["x1"] * MM <= RIGHT + 1.5, text_of(row)
            cjk = all("\u3000" <= c["text"] <= "\u9fff" or "\uff00" <= c["text"] <= "\uffef" for c in row)
            if cjk and abs(row[0]["x0"] * MM - LEFT) < 0.5 and abs(row[-1]["x1"] * MM - RIGHT) < 1.5:
                assert len(row) in (27, 28), text_of(row)
            body_rows += 1
    assert body_rows >= 5


@pytest.mark.parametrize("version", VERSIONS, ids=[f"{n}.{k}" for n, k in VERSIONS])
def test_signature_centred_over_the_date_four_characters_from_the_right(converted, version):
    pdf = converted["pdfs"][version]
    expected = EXPECTED[version[0]]
    rows = [r for page in pdf.pages for r in lines_of(page)]
    date = next(r for r in rows if text_of(r) == "2026年12月6日")
    assert date[-1]["x1"] * MM == pytest.approx(RIGHT - 4 * CHAR, abs=1.0)
    office = next(r for r in rows if text_of(r) == expected["offices"][0])
    centre = lambda r: (r[0]["x0"] + r[-1]["x1"]) / 2 * MM  # noqa: E731
    assert centre(office) == pytest.approx(centre(date), abs=1.0)
    assert 0 < (date[0]["top"] - office[0]["top"]) * MM == pytest.approx(LINE, abs=0.2)


@pytest.mark.parametrize("version", VERSIONS, ids=[f"{n}.{k}" for n, k in VERSIONS])
def test_page_numbers_on_every_page(converted, version):
    pdf = converted["pdfs"][version]
    for n, page in enumerate(pdf.pages, 1):
        rows = [r for r in lines_of(page, 14.0) if re.fullmatch(r"—\d+—", text_of(r))]
        assert rows and text_of(rows[-1]) == f"—{n}—"


def test_the_upward_draft_gets_its_red_head_from_the_sidecar(converted):
    text = converted["pdfs"][("02资金请示", "docx")].pages[0].extract_text()
    assert "中共东风镇委员会文件" in text.replace(" ", "") and "东发〔2026〕21号" in text and "李明" in text


def test_a_draft_with_a_text_box_and_a_comment_lists_both_and_builds(tmp_path):
    draft = source(tmp_path, "06活动方案", "docx")
    result = CliRunner().invoke(main, ["doc", str(draft), "-o", str(tmp_path / "out"), "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert "未排入：第3行 文本框“请各村于12月15日前报名”" in result.output
    assert "未排入：第4行 批注“时间是否改为周日？”" in result.output
    assert (tmp_path / "out" / "06活动方案.docx").is_file()
