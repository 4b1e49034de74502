"""Running text for boards: paragraphs and numbered items, fitted to a box in one or two columns.

Paragraphs get a first-line indent of two characters; items hang their text after the label
（一） or 1. so wrapped lines align with the first. The size is the largest at which every block
fits the box; below the minimum it is a :class:`LayoutError` naming the board.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import astuple, dataclass

from paigen.errors import LayoutError
from paigen.i18n import _
from paigen.layout.paragraph import body_lines
from paigen.layout.scene import Box, Text
from paigen.layout.text import TextEngine

INDENT = "\u3000\u3000"  # 首行缩进两字
CN_NUMBERS = "一二三四五六七八九十"


def cn_label(n: int) -> str:
    """（一）…（十）, （十一）…: the item labels of Chinese rules."""
    if not 0 < n < 100:  # no board lists 100 items; say (100) rather than fail
        return f"（{n}）"
    if n <= 10:
        return f"（{CN_NUMBERS[n - 1]}）"
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_NUMBERS[tens - 1]
    return f"（{head}十{CN_NUMBERS[ones - 1] if ones else ''}）"


@dataclass(frozen=True)
class Para:
    text: str
    indent: bool = True
    bold: bool = False  # drawn in the heading role
    justify: bool = True  # running text; False for a line of data (name, role, phone) that may wrap


@dataclass(frozen=True)
class Item:
    label: str
    text: str
    justify: bool = True  # False for list entries that are labels (a service's name)


Block = Para | Item


@dataclass(frozen=True)
class Line:
    x: float  # offset from the column's left edge
    y: float  # offset of the line's em-box top from the column's top
    text: str
    heading: bool = False
    justify: float = 0.0  # the width the line is spread to (0: set as it is)
    inside: bool = False  # the line breaks inside a word


def inside_breaks(lines: list[Line]) -> int:
    """How many of *lines* break inside a word (the fewer, the better the size)."""
    return sum(line.inside for line in lines)


def lay_block(
    engine: TextEngine, block: Block, role: str, size: float, width: float, keep: tuple[str, ...] = ()
) -> tuple[list[Line], float]:
    """Lines of one block at *size* in a column *width* wide, and the block's height."""
    pitch = size * LEADING
    if isinstance(block, Para):
        text = (INDENT if block.indent else "") + block.text
        lines = body_lines(engine, text, role, size, width, keep)
        return [Line(0.0, i * pitch, t.text, block.bold, width if t.justify and block.justify else 0.0,
                     t.inside)
                for i, t in enumerate(lines)], len(lines) * pitch
    label_w = engine.font(role).width(block.label, size)
    lines = body_lines(engine, block.text, role, size, width - label_w, keep)
    out = [Line(0.0, 0.0, block.label)]
    out += [Line(label_w, i * pitch, t.text, False, (width - label_w) if t.justify and block.justify else 0.0,
                 t.inside)
            for i, t in enumerate(lines)]
    return out, len(lines) * pitch


LEADING = 1.5
GAP = 0.45  # extra space between blocks, in sizes
MAX_GAP = 2.2  # the most a short text at a shared size opens it to


def lay_column(
    engine: TextEngine, blocks: list[Block], role: str, size: float, width: float, keep: tuple[str, ...] = (),
    gap: float = GAP,
) -> tuple[list[Line], float]:
    out: list[Line] = []
    y = 0.0
    for i, block in enumerate(blocks):
        if i:
            y += size * gap
        lines, height = lay_block(engine, block, role, size, width, keep)
        out += [Line(line.x, line.y + y, line.text, line.heading, line.justify, line.inside)
                for line in lines]
        y += height
    return out, y - size * (LEADING - 1)  # the last line needs no leading below it


def split_columns(
    engine: TextEngine,
    blocks: list[Block],
    role: str,
    size: float,
    width: float,
    columns: int,
    keep: tuple[str, ...] = (),
) -> list[list[Block]]:
    """Share the blocks among *columns* columns, in order, as evenly as their heights allow."""
    if columns == 1:
        return [blocks]
    heights = [lay_block(engine, b, role, size, width, keep)[1] + size * GAP for b in blocks]
    target = sum(heights) / columns
    out: list[list[Block]] = [[]]
    acc = 0.0
    for block, height in zip(blocks, heights, strict=True):
        if out[-1] and len(out) < columns and acc + height / 2 > target * len(out):
            out.append([])
        out[-1].append(block)
        acc += height
    return out


def fit_blocks(
    engine: TextEngine,
    blocks: list[Block],
    role: str,
    box: Box,
    *,
    min_size: float,
    max_size: float,
    color: str,
    heading_role: str | None = None,
    columns: int = 1,
    gutter: float = 0.0,
    keep: tuple[str, ...] = (),
    where: str = "",
    field: str = "",
    valign: str = "top",
    spread: float = 0.0,
) -> tuple[float, list[Text]]:
    """Lay *blocks* out in *box* at the largest size that fits; return the size and the texts.

    *valign* "middle" centres the block in the box when it is shorter than the box. The same
    blocks in the same box with the same faces come out the same: a county's villages share
    their rules boards, so each is fitted once per process (see :data:`FITTED`).
    """
    for block in blocks:
        engine.check(block.text, role, field)
    options = _FitOptions(min_size, max_size, color, heading_role, columns, gutter, tuple(keep), field,
                          valign, spread)
    names = tuple(n for n in engine.names if any(n in b.text for b in blocks))
    key = (tuple(blocks), engine.roles[role], engine.roles.get(heading_role or role), names, box, options)
    fitted = FITTED.get(key)
    if fitted is None:
        fitted = FITTED[key] = _fit(engine, blocks, role, box, options, where)
        if len(FITTED) > FITTED_MAX:
            FITTED.popitem(last=False)
    else:
        FITTED.move_to_end(key)
    return fitted[0], list(fitted[1])


@dataclass(frozen=True)
class _FitOptions:
    min_size: float
    max_size: float
    color: str
    heading_role: str | None
    columns: int
    gutter: float
    keep: tuple[str, ...]
    field: str
    valign: str
    spread: float


# Fitted texts by everything that decides them (blocks, faces, the profile's names in the text,
# box and options): scene objects are immutable, so a fit is shared as it is. A fit of a whole
# board is some 140 KB: 128 keep the county's recurring boards (a village fits about 20 new
# texts, which the least recently used rule lets pass) in 18 MB instead of 72.
FITTED: OrderedDict[tuple, tuple[float, tuple[Text, ...]]] = OrderedDict()
FITTED_MAX = 128


def _fit(engine: TextEngine, blocks: list[Block], role: str, box: Box, options: _FitOptions, where: str
         ) -> tuple[float, tuple[Text, ...]]:
    (min_size, max_size, color, heading_role, columns, gutter, keep, field, valign,
     spread) = astuple(options)
    col_w = (box.w - gutter * (columns - 1)) / columns

    def height(size: float) -> float:
        groups = split_columns(engine, blocks, role, size, col_w, columns, keep)
        return max(lay_column(engine, g, role, size, col_w, keep)[1] for g in groups)

    if height(min_size) > box.h + 1e-6:
        raise LayoutError(_(
            "{where}: the text does not fit the {w} × {h} mm body at the minimum size of {minimum} mm "
            "({need} mm needed); shorten the board's text or change its minimum text size in "
            "paigen.yaml", where=where, w=f"{box.w:.0f}", h=f"{box.h:.0f}", minimum=f"{min_size:g}",
            need=f"{height(min_size):.0f}"))
    low, high = min_size, max_size
    if height(max_size) <= box.h:
        low = max_size
    while high - low > 0.1:
        mid = (low + high) / 2
        if height(mid) <= box.h:
            low = mid
        else:
            high = mid
    size = _fewest_inside_breaks(engine, blocks, role, round(low, 2), col_w, columns, keep, min_size)
    texts: list[Text] = []
    groups = split_columns(engine, blocks, role, size, col_w, columns, keep)
    # a text set smaller than its box allows (a wall's shared size) opens the space between its
    # blocks, up to MAX_GAP, until it covers *spread* of the box's height
    gap = GAP
    if spread and len(blocks) > 1:
        short = box.h * spread - height(size)
        most = max(len(g) for g in groups) - 1
        if short > 0 and most > 0:
            gap = min(MAX_GAP, GAP + short / size / most)
    used = max(lay_column(engine, g, role, size, col_w, keep, gap)[1] for g in groups)
    top = box.y + (max(0.0, box.h - used) / 2 if valign == "middle" else 0.0)
    for c, group in enumerate(groups):
        lines, __ = lay_column(engine, group, role, size, col_w, keep, gap)
        x0 = box.x + c * (col_w + gutter)
        for line in lines:
            line_role = heading_role if line.heading and heading_role else role
            if line.justify and len(line.text) > 1:  # spread to the column: 分散对齐 within the line
                texts.append(engine.place([line.text], line_role, size,
                                          Box(x0 + line.x, top + line.y, line.justify, size), color,
                                          align="distribute", valign="top", field=field, name="body"))
                continue
            texts.append(
                engine.line(
                    line.text, line_role, size, x0 + line.x, top + line.y, color, field=field, name="body"
                )
            )
    return size, tuple(texts)


def count_inside(engine: TextEngine, blocks: list[Block], role: str, size: float, width: float,
                 columns: int = 1, keep: tuple[str, ...] = ()) -> int:
    """How many lines of *blocks* set at *size* in columns *width* wide break inside a word."""
    groups = split_columns(engine, blocks, role, size, width, columns, keep)
    return sum(inside_breaks(lay_column(engine, g, role, size, width, keep)[0]) for g in groups)


def _fewest_inside_breaks(engine: TextEngine, blocks: list[Block], role: str, size: float, width: float,
                          columns: int, keep: tuple[str, ...], min_size: float) -> float:
    """Down to 12 % below *size*: the largest size with at most one break inside a word, or the fewest."""
    def breaks(at: float) -> int:
        return count_inside(engine, blocks, role, at, width, columns, keep)

    best = (breaks(size), size)
    step = 1
    while best[0] > 1 and step <= 12 and size * (1 - 0.01 * step) >= min_size:
        at = round(size * (1 - 0.01 * step), 2)
        found = breaks(at)
        if found < best[0]:
            best = (found, at)
        step += 1
    return best[1]


def best_columns(
    engine: TextEngine,
    blocks: list[Block],
    role: str,
    box: Box,
    *,
    min_size: float,
    max_size: float,
    color: str,
    gutter: float,
    prefer_two: float = 1.2,
    **kw,
) -> tuple[float, list[Text], int]:
    """One column, or two when that lets the text be noticeably larger (short items read better)."""

    def attempt(columns: int) -> tuple[float, list[Text]] | LayoutError:
        try:
            return fit_blocks(
                engine,
                blocks,
                role,
                box,
                min_size=min_size,
                max_size=max_size,
                color=color,
                columns=columns,
                gutter=gutter,
                **kw,
            )
        except LayoutError as exc:
            return exc

    one = attempt(1)
    two = attempt(2) if len(blocks) >= 4 else None
    if isinstance(two, tuple) and (isinstance(one, LayoutError) or two[0] >= one[0] * prefer_two):
        return two[0], two[1], 2
    if isinstance(one, LayoutError):
        raise one
    return one[0], one[1], 1
