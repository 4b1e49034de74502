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
    for col, cell in zip(cols, cells, strict=True):
        cw = col.width * w
        text = str(cell)
        size = SIZE
        if font.width(text, size) > cw - 2:  # shrink long cells rather than overflow them
            size = max(1.8, (cw - 2) / max(font.width(text, 1.0), 1e-6))
        anchor = {"left": x + 1, "right": x + cw - 1, "center": x + cw / 2}[col.align]
        items.append(
            engine.line(
                text,
                "hei",
                size,
                anchor,
                y + (ROW - size) / 2,
                "party-red" if bold else INK,
                anchor=col.align,
                name="cell",
            )
        )
        x += cw
    items.append(Rect(Box(MARGIN, y + ROW - 0.1, w, 0.2), stroke=Stroke("rule-gray", 0.1), name="row-rule"))
