"""A draft's table spans the 版心 in 仿宋 3号 when every column fits its longest cell on one line,
else in 4号: measured on the LibreOffice PDF (cell font sizes and table rules with pdfplumber)."""

from __future__ import annotations

import pytest

from paigen.docs import _geometry as g
from paigen.docs._tablefit import fitted, natural_widths
from paigen.docs.compose import build_documents

MM = 72 / 25.4
HEAD = "关于报送值班安排的通知\n各村党组织：\n现将值班安排通知如下。\n"
TAIL = "请各村认真落实。\n中共东风镇委员会\n2026年12月6日\n"
NARROW = "序号\t村名\t值班人\n1\t前进村\t张三\n2\t红旗村\t李四\n"
LONG = "负责党群服务中心节假日期间的安全巡查与群众来访接待登记工作"
WIDE = f"序号\t村名\t值班事项\t联系电话\n1\t前进村\t{LONG}\t13800000000\n2\t红旗村\t负责值班\t13900000000\n"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    pdfplumber = pytest.importorskip("pdfplumber")
    tmp = tmp_path_factory.mktemp("tables")
    files = []
    for name, table in (("窄表", NARROW), ("宽表", WIDE)):
        files.append(tmp / f"{name}.txt")
        files[-1].write_text(HEAD + table + TAIL, "utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1764547200")
        outcome = build_documents(files, tmp / "out")
    assert not outcome.problems, outcome.problems
    pdfs = {name: pdfplumber.open(tmp / "out" / f"{name}.pdf") for name in ("窄表", "宽表")}
    yield {name: pdf.pages[0] for name, pdf in pdfs.items()}
    for pdf in pdfs.values():
        pdf.close()


def cells(page, texts: list[str]) -> dict[str, list[dict]]:
    """The characters of each cell text, found as a run of consecutive characters in the page."""
    chars = [c for c in page.chars if c["text"].strip()]
    out = {}
    for text in texts:
        for i in range(len(chars) - len(text) + 1):
            run = chars[i:i + len(text)]
            if "".join(c["text"] for c in run) == text and run[0]["size"] < 17:
                out[text] = run
                break
    assert set(out) == set(texts), set(texts) - set(out)
    return out


def table_span(page) -> tuple[float, float]:
    verticals = [ln for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.5]
    return min(ln["x0"] for ln in verticals) / MM, max(ln["x0"] for ln in verticals) / MM


def test_a_narrow_table_is_set_in_3hao_across_the_text_block(pages):
    page = pages["窄表"]
    found = cells(page, ["序号", "村名", "值班人", "前进村", "张三", "红旗村", "李四"])
    sizes = {round(c["size"], 1) for run in found.values() for c in run}
    assert sizes == {16.0}, sizes
    for run in found.values():  # every cell on one line
        assert max(c["top"] for c in run) - min(c["top"] for c in run) < 1
    assert "Fang" in found["前进村"][0]["fontname"]  # 仿宋 cells
    left, right = table_span(page)
    assert abs(left - g.LEFT) < 1 and abs(right - (g.LEFT + g.BLOCK_W)) < 1, (left, right)


def test_a_wide_table_is_set_in_4hao_across_the_text_block(pages):
    page = pages["宽表"]
    found = cells(page, ["序号", "值班事项", "联系电话", "前进村", "13800000000", LONG[:8]])
    sizes = {round(c["size"], 1) for run in found.values() for c in run}
    assert sizes == {14.0}, sizes
    assert "Fang" in found["前进村"][0]["fontname"]
    for text in ("序号", "联系电话", "前进村", "13800000000"):  # short columns keep one line
        assert max(c["top"] for c in found[text]) - min(c["top"] for c in found[text]) < 1, text
    tail = cells(page, [LONG[-5:]])[LONG[-5:]]
    assert tail[0]["top"] - found[LONG[:8]][0]["top"] > 10  # the long cell wraps onto a second line
    left, right = table_span(page)
    assert abs(left - g.LEFT) < 1 and abs(right - (g.LEFT + g.BLOCK_W)) < 1, (left, right)


def test_the_body_stays_3hao_around_the_tables(pages):
    for page in pages.values():
        body = cells(page, ["请各村认真落实"])["请各村认真落实"]
        assert {round(c["size"], 1) for c in body} == {16.0}


def test_3hao_exactly_when_the_longest_cells_fit_156mm():
    total = g.twips(g.BLOCK_W)
    # one row: n characters in one column; the column holds n × 16 pt plus its margins
    fits = next(n for n in range(60, 0, -1) if sum(natural_widths((("字" * n,),), 16.0)) <= total)
    assert fitted((("字" * fits,),), [total])[0] == 16.0
    assert fitted((("字" * (fits + 1),),), [total]) == (14.0, [total])
    assert fits * 16 / 72 * 25.4 <= 156 < (fits + 1) * 16 / 72 * 25.4 + 5  # 27 characters of 5.64 mm
    size, widths = fitted((("序号", "村名", "值班人"), ("1", "前进村", "张三")), [1, 1, total - 2])
    assert size == 16.0 and sum(widths) == total
    assert all(w >= n for w, n in zip(widths, natural_widths((("序号", "村名", "值班人"),), 16.0), strict=True))


def test_in_4hao_the_long_column_takes_what_the_short_ones_leave():
    total = g.twips(g.BLOCK_W)
    rows = (("序号", "村名", "值班事项"), ("1", "前进村", "字" * 60))
    size, widths = fitted(rows, [total // 3] * 3)
    natural = natural_widths(rows, 14.0)
    assert size == 14.0 and sum(widths) == total
    assert widths[:2] == natural[:2] and widths[2] == total - sum(natural[:2])
