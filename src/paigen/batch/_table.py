"""Paged tables on A4 landscape sheets, as scenes: the order sheet and its totals."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from paigen.layout.scene import Artwork, Box, Page, Rect, Stroke, Text
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
    """Lay *rows* out as a table over as many pages as needed, then the *sections* after it.

    The pages are planned here (which row goes where) and laid out when they are drawn, one at a
    time: a county's order runs to thousands of rows, whose glyphs together took more memory
    than the rest of the build's parent process.
    """
    w, h = A4_LANDSCAPE
    cells = _Cells(engine)
    plan: list[list[tuple]] = []
    current: list[tuple] = []
    y = 0.0

    def new_page() -> None:
        nonlocal current, y
        current = []
        plan.append(current)
        y = MARGIN

    def header(cols: Sequence[Column]) -> None:
        nonlocal y
        head = Rect(Box(MARGIN, y, w - 2 * MARGIN, ROW), fill="pale-red", name="head-row")
        current.append(("item", head))
        current.append(("row", tuple(cols), tuple(c.title for c in cols), y, True, ROW))
        y += ROW

    def block(heading: str, cols: Sequence[Column], body: Sequence[Sequence[str]], first: bool) -> None:
        nonlocal y
        if not first and y + ROW * 4 > h - MARGIN - 8:
            new_page()
        current.append(("line", heading, 5.0 if first else 4.0, MARGIN, y, "party-red", "left", "heading"))
        y += 8.0 if first else 6.5
        if first and subtitle:
            current.append(("line", subtitle, SIZE, MARGIN, y, INK, "left", "subtitle"))
            y += 6.0
        header(cols)
        for k, row in enumerate(body):
            row_h = _row_height(cells, cols, row)
            if y + row_h > h - MARGIN - 8:
                new_page()
                header(cols)
            if k % 2:
                band = Rect(Box(MARGIN, y, w - 2 * MARGIN, row_h), fill="pale-red", name="band")
                current.append(("item", band))
            current.append(("row", tuple(cols), tuple(str(c) for c in row), y, False, row_h))
            y += row_h
        current.append(("item", Rect(Box(MARGIN, y, w - 2 * MARGIN, 0.3), fill="party-red", name="rule")))
        y += 6.0

    new_page()
    block(title, columns, rows, True)
    for heading, cols, body in sections:
        block(heading, cols, body, False)
    total = len(plan)
    for n, ops in enumerate(plan, start=1):
        ops.append(("line", f"第 {n} / {total} 页", SIZE, w - MARGIN, h - MARGIN - SIZE, INK, "right",
                    "page-number"))
    return Artwork("order", name, title, TablePages(cells, plan), kind="document", safe_margin=MARGIN)


class TablePages(Sequence[Page]):
    """A table's pages, each laid out when it is asked for (and not kept).

    :meth:`text_samples` gives one laid-out text of each distinct line and cell, wherever they
    stand: what a live-text PDF needs to know of the characters before it draws a page.
    """

    def __init__(self, cells: _Cells, plan: list[list[tuple]]):
        self._cells = cells
        self._plan = plan

    def __len__(self) -> int:
        return len(self._plan)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        w, h = A4_LANDSCAPE
        items: list = []
        for op in self._plan[index]:
            if op[0] == "item":
                items.append(op[1])
            elif op[0] == "line":
                items.append(self._line(op))
            else:
                items += _row_texts(self._cells, *op[1:], between=True)
        return Page(w, h, 0.0, tuple(items), "white")

    def _line(self, op: tuple) -> Text:
        __, text, size, x, top, color, anchor, name = op
        return self._cells.engine.line(text, "hei", size, x, top, color, anchor=anchor, name=name)

    def text_samples(self) -> Iterator[Text]:
        seen: set = set()
        for ops in self._plan:
            for op in ops:
                if op[0] == "line" and (op[1], op[2]) not in seen:
                    seen.add((op[1], op[2]))
                    yield self._line(op)
                elif op[0] == "row":
                    yield from _row_texts(self._cells, *op[1:], seen=seen)


class _Cells:
    """The table's text engine and each cell's fitted size and lines, worked out once per text
    and width (a county's order repeats its townships, titles, sizes and materials)."""

    def __init__(self, engine: TextEngine):
        self.engine = engine
        self._fitted: dict[tuple[float, str], tuple[float, list[str]]] = {}

    def fit(self, width: float, cell: str) -> tuple[float, list[str]]:
        key = (width, cell)
        if key not in self._fitted:
            self._fitted[key] = _cell(self.engine, width, cell)
        size, lines = self._fitted[key]
        return size, list(lines)


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


def _row_height(cells: _Cells, cols: Sequence[Column], row: Sequence[str]) -> float:
    w = A4_LANDSCAPE[0] - 2 * MARGIN
    lines = max(len(cells.fit(col.width * w - 2, str(cell))[1]) for col, cell in zip(cols, row, strict=True))
    return max(ROW, SMALL * (1 + 1.15 * (lines - 1)) + 2.4) if lines > 1 else ROW


def _row_texts(cells: _Cells, cols: Sequence[Column], row: Sequence[str], y: float, bold: bool, row_h: float,
               *, seen: set | None = None, between: bool = False) -> list:
    """The row's cell texts (and its rule, *between* them and after); with *seen*, only the cells
    not laid out before (by text, size and box)."""
    w = A4_LANDSCAPE[0] - 2 * MARGIN
    x = MARGIN
    color = "party-red" if bold else INK
    out: list = []
    for col, cell in zip(cols, row, strict=True):
        cw = col.width * w
        box = Box(x + 1, y + 0.4, cw - 2, row_h - 0.8)
        size, lines = cells.fit(box.w, str(cell))
        x += cw
        if seen is not None:
            key = (tuple(lines), size, box.w, box.h, col.align)
            if key in seen:
                continue
            seen.add(key)
        align = {"left": "left", "right": "right", "center": "center"}[col.align]
        out.append(cells.engine.place(lines, "hei", size, box, color, align=align, leading=1.15, name="cell"))
    if between:
        rule = Box(MARGIN, y + row_h - 0.1, w, 0.2)
        out.append(Rect(rule, stroke=Stroke("rule-gray", 0.1), name="row-rule"))
    return out
