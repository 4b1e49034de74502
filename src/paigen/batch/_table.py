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
            if y + ROW > h - MARGIN - 8:
                new_page()
                header(cols)
            if k % 2:
                current.append(Rect(Box(MARGIN, y, w - 2 * MARGIN, ROW), fill="pale-red", name="band"))
            _row(engine, current, cols, row, y)
            y += ROW
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


def _row(
    engine: TextEngine,
    items: list,
    cols: Sequence[Column],
    cells: Sequence[str],
    y: float,
    bold: bool = False,
) -> None:
    w = A4_LANDSCAPE[0] - 2 * MARGIN
    x = MARGIN
    font = engine.font("hei")
    color = "party-red" if bold else INK
    for col, cell in zip(cols, cells, strict=True):
        cw = col.width * w
        box = Box(x + 1, y + 0.4, cw - 2, ROW - 0.8)
        # A long cell shrinks a little, then wraps onto a second line, then is cut with an
        # ellipsis: it never runs into its neighbour.
        lines = [str(cell)]
        size = SIZE
        if font.width(lines[0], size) > box.w:
            size = max(SMALL, box.w / max(font.width(lines[0], 1.0), 1e-6))
        if font.width(lines[0], size) > box.w:
            size = SMALL
            lines = engine.break_lines(lines[0], "hei", size, box.w)
            if len(lines) > 2:
                lines = [lines[0], _cut(font, "".join(lines[1:]), size, box.w)]
        align = {"left": "left", "right": "right", "center": "center"}[col.align]
        items.append(engine.place(lines, "hei", size, box, color, align=align, leading=1.15, name="cell"))
        x += cw
    items.append(Rect(Box(MARGIN, y + ROW - 0.1, w, 0.2), stroke=Stroke("rule-gray", 0.1), name="row-rule"))


def _cut(font, text: str, size: float, width: float) -> str:
    while text and font.width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"
