"""流程图 (一事一图, 600 × 800): steps in numbered boxes, every row read left to right with a turn
arrow down to the next row's start, stage labels on the left; short flows get larger boxes."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from paigen.errors import LayoutError
from paigen.i18n import _
from paigen.layout.scene import Artwork, Box, Rect, Stroke
from paigen.layout.shapes import connector
from paigen.layout.signs._common import Context
from paigen.layout.signs.frame import chrome, title_size
from paigen.layout.text import words
from paigen.model.boards import BoardText

LABEL_W = 70.0  # stage label column
H_GAP = 16.0  # between boxes in a row (room for an arrow)
V_GAP = 14.0  # between rows
PAD = 6.0  # text inset inside a box


def flow_board(ctx: Context, board: BoardText, name: str, sign_type: str = "flow") -> Artwork:
    spec = ctx.spec(sign_type)
    items, body = chrome(ctx, sign_type, board.title, name)
    cap = min(float(spec.get("max_text_mm", 24.0)), title_size(items))  # the title heads the steps
    best = None
    for columns in (2, 3, 4, 5):  # the largest text; of near-equal sizes, the fewest columns
        layout = _grid(ctx, board, body, columns, spec, cap)
        if layout and (best is None or layout[0] > best[0] * 1.1):
            best = layout
    if best is None:
        raise LayoutError(_(
            "{where}: the {steps} steps of '{board}' do not fit a {w} × {h} mm flowchart at the "
            "minimum size of {minimum} mm; shorten the steps or split the flow",
            where=ctx.where(name), steps=len(board.steps), board=board.name, w=f"{body.w:.0f}",
            h=f"{body.h:.0f}", minimum=spec["min_text_mm"]))
    size, cells, stages, columns = best
    engine = ctx.engine
    role = spec["font"]
    out = list(items)
    for stage_name, box in stages:
        out.append(Rect(box, fill="party-red", radius=3, name="stage"))
        inner = box.inset(4, 6)
        s, lines = engine.fit(
            stage_name,
            "hei",
            inner,
            min_size=spec["min_text_mm"],
            max_size=min(size * 1.1, inner.w),
            leading=1.15,
            balanced=True,
            where=f"{ctx.where(name)} stage",
        )
        out.append(engine.place(lines, "hei", s, inner, "white", leading=1.15, name="stage-label"))
    for k, (text, box) in enumerate(cells):
        out.append(Rect(box, fill="pale-red", stroke=Stroke("party-red", 0.8), radius=2.5, name="step"))
        lines = _lines(ctx, text, role, size, box)
        out.append(
            engine.place(
                lines or [text],
                role,
                size,
                box.inset(PAD),
                "black",
                leading=1.2,
                field=f"boards/{board.name}",
                name="step-text",
            )
        )
        if k + 1 < len(cells):
            out += _arrow(box, cells[k + 1][1])
    return ctx.artwork(
        sign_type,
        name,
        f"流程图 {board.title}",
        out,
        background="white",
        note=f"一事一图，{len(cells)}步；依据：{board.source}",
        meta={"body": body},
    )


def _lines(ctx: Context, text: str, role: str, size: float, box: Box) -> list[str] | None:
    inner = box.inset(PAD)
    engine = ctx.engine
    keep = _number_and_first_word(text)
    lines = engine.break_lines(text, role, size, inner.w, keep, words=True)
    if len(lines) > 1:
        lines = engine.balanced_lines(text, role, size, inner.w, len(lines), keep) or lines
    height = size + (len(lines) - 1) * size * 1.2
    font = engine.font(role)
    if height > inner.h + 1e-6 or any(font.width(line, size) > inner.w + 1e-6 for line in lines):
        return None
    return lines


@lru_cache(maxsize=1024)
def _number_and_first_word(text: str) -> tuple[str, ...]:
    """The step number stays with the word after it (4.主持人 / 按议程进行, not 4. / 主持人…)."""
    number = re.match(r"\d+\.", text)
    if not number or number.end() == len(text):
        return ()
    return (number.group() + words(text[number.end():])[0],)


def _grid(ctx: Context, board: BoardText, body: Box, columns: int, spec: dict, cap: float):
    """Place the steps in *columns* columns; return (size, cells, stage boxes) or None."""
    rows = sum(math.ceil(len(st.steps) / columns) for st in board.stages)
    grid_x = body.x + LABEL_W + H_GAP
    cell_w = (body.right - grid_x - H_GAP * (columns - 1)) / columns
    cell_h = (body.h - V_GAP * (rows - 1)) / rows
    if cell_w < 30 or cell_h < 16:
        return None
    cell_h = min(cell_h, cell_w * 0.9)
    total_h = rows * cell_h + (rows - 1) * V_GAP
    top = body.y + (body.h - total_h) / 2
    cells: list[tuple[str, Box]] = []
    stages: list[tuple[str, Box]] = []
    row = 0
    number = 0
    for stage in board.stages:
        first_row = row
        for i, step in enumerate(stage.steps):
            r = row + i // columns
            c = i % columns  # every row runs left to right
            number += 1
            cells.append(
                (
                    f"{number}.{step}",
                    Box(grid_x + c * (cell_w + H_GAP), top + r * (cell_h + V_GAP), cell_w, cell_h),
                )
            )
        row += math.ceil(len(stage.steps) / columns)
        y0 = top + first_row * (cell_h + V_GAP)
        stages.append((stage.name, Box(body.x, y0, LABEL_W, (row - first_row) * (cell_h + V_GAP) - V_GAP)))
    size = _common_size(ctx, [t for t, __ in cells], spec, cell_w, cell_h, cap)
    if size is None:
        return None
    return size, cells, stages, columns


def _common_size(ctx: Context, texts: list[str], spec: dict, w: float, h: float,
                 cap: float) -> float | None:
    """The largest size up to *cap* at which every step fits its box (None below the minimum)."""
    role = spec["font"]
    lo, hi = float(spec["min_text_mm"]), cap
    box = Box(0, 0, w, h)
    if any(_lines(ctx, t, role, lo, box) is None for t in texts):
        return None
    while hi - lo > 0.1:
        mid = (lo + hi) / 2
        if all(_lines(ctx, t, role, mid, box) for t in texts):
            lo = mid
        else:
            hi = mid
    return round(lo, 2)


def _arrow(a: Box, b: Box) -> list:
    if abs(a.cy - b.cy) < 1e-6:  # same row
        if b.x > a.x:
            return connector([(a.right + 2, a.cy), (b.x - 1.5, b.cy)], "party-red")
        return connector([(a.x - 2, a.cy), (b.right + 1.5, b.cy)], "party-red")
    mid = (a.bottom + b.y) / 2
    if abs(a.cx - b.cx) < 1e-6:
        return connector([(a.cx, a.bottom + 1), (b.cx, b.y - 1.5)], "party-red")
    return connector([(a.cx, a.bottom + 1), (a.cx, mid), (b.cx, mid), (b.cx, b.y - 1.5)], "party-red")
