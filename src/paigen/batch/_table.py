"""Paged tables on A4 landscape sheets, as scenes: the order sheet and its totals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from paigen.layout.scene import Artwork, Box, Page, Rect, Stroke
from paigen.layout.text import TextEngine

A4_LANDSCAPE = (297.0, 210.0)
MARGIN = 12.0
ROW = 7.0
SIZE = 3.0
SMALL = 2.3  # the smallest cell text, in mm (6.5 pt)
INK = "black"


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # share of the table width
    align: str = "left"


def table_pages(
    engine: TextEngine,
    title: str,
    subtitle: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    sections: Sequence[tuple[str, Sequence[Column], Sequence[Sequence[str]]]] = (),
    name: str = "table",
) -> Artwork:
    """Lay *rows* out as a table over as many pages as needed, then the *sections* after it."""
    w, h = A4_LANDSCAPE
    pages: list[list] = []
    current: list = []
    y = 0.0

    def new_page() -> None:
        nonlocal current, y
        current = []
        pages.append(current)
        y = MARGIN

    def header(cols: Sequence[Column]) -> None:
        nonlocal y
        current.append(Rect(Box(MARGIN, y, w - 2 * MARGIN, ROW), fill="pale-red", name="head-row"))
        _row(engine, current, cols, [c.title for c in cols], y, bold=True)
        y += ROW

    def block(heading: str, cols: Sequence[Column], body: Sequence[Sequence[str]], first: bool) -> None:
        nonlocal y
        if not first and y + ROW * 4 > h - MARGIN - 8:
            new_page()
        current.append(
            engine.line(heading, "hei", 5.0 if first else 4.0, MARGIN, y, "party-red", name="heading")
        )
        y += 8.0 if first else 6.5
        if first and subtitle:
            current.append(engine.line(subtitle, "hei", SIZE, MARGIN, y, INK, name="subtitle"))
            y += 6.0
        header(cols)
        for k, row in enumerate(body):
            row_h = _row_height(engine, cols, row)
            if y + row_h > h - MARGIN - 8:
                new_page()
                header(cols)
            if k % 2:
                current.append(Rect(Box(MARGIN, y, w - 2 * MARGIN, row_h), fill="pale-red", name="band"))
            _row(engine, current, cols, row, y, row_h=row_h)
            y += row_h
        current.append(Rect(Box(MARGIN, y, w - 2 * MARGIN, 0.3), fill="party-red", name="rule"))
        y += 6.0

    new_page()
    block(title, columns, rows, True)
    for heading, cols, body in sections:
        block(heading, cols, body, False)
    total = len(pages)
    out = []
    for n, items in enumerate(pages, start=1):
        items.append(
            engine.line(
                f"第 {n} / {total} 页",
                "hei",
                SIZE,
                w - MARGIN,
                h - MARGIN - SIZE,
                INK,
                anchor="right",
                name="page-number",
            )
        )
        out.append(Page(w, h, 0.0, tuple(items), "white"))
    return Artwork("order", name, title, tuple(out), kind="document", safe_margin=MARGIN)


def _cell(engine: TextEngine, width: float, cell: str) -> tuple[float, list[str]]:
    """A cell's size and lines: a long cell shrinks a little, then wraps onto as many lines as it
    needs (the row grows): never cut, never into its neighbour."""
    font = engine.font("hei")
    lines = [str(cell)]
    size = SIZE
    if font.width(lines[0], size) > width:
        size = max(SMALL, width / max(font.width(lines[0], 1.0), 1e-6))
    if font.width(lines[0], size) > width:
        size = SMALL
        lines = engine.break_lines(lines[0], "hei", size, width)
    return size, lines


def _row_height(engine: TextEngine, cols: Sequence[Column], cells: Sequence[str]) -> float:
    w = A4_LANDSCAPE[0] - 2 * MARGIN
    lines = max(len(_cell(engine, col.width * w - 2, str(cell))[1])
                for col, cell in zip(cols, cells, strict=True))
    return max(ROW, SMALL * (1 + 1.15 * (lines - 1)) + 2.4) if lines > 1 else ROW


def _row(
    engine: TextEngine,
    items: list,
    cols: Sequence[Column],
    cells: Sequence[str],
    y: float,
    bold: bool = False,
    row_h: float = ROW,
) -> None:
    w = A4_LANDSCAPE[0] - 2 * MARGIN
    x = MARGIN
    color = "party-red" if bold else INK
    for col, cell in zip(cols, cells, strict=True):
        cw = col.width * w
        box = Box(x + 1, y + 0.4, cw - 2, row_h - 0.8)
        size, lines = _cell(engine, box.w, str(cell))
        align = {"left": "left", "right": "right", "center": "center"}[col.align]
        items.append(engine.place(lines, "hei", size, box, color, align=align, leading=1.15, name="cell"))
        x += cw
    items.append(Rect(Box(MARGIN, y + row_h - 0.1, w, 0.2), stroke=Stroke("rule-gray", 0.1), name="row-rule"))
