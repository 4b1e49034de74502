"""Vector shapes shared by sign types and drawings: arrows, stars, dimension lines."""

from __future__ import annotations

import math

from paigen.layout.scene import Box, Op, Path, Stroke, Text
from paigen.layout.text import TextEngine

DIRECTIONS = {"右": 0.0, "下": 90.0, "左": 180.0, "上": 270.0, "前": 270.0}


def arrow(box: Box, direction: str, color: str, name: str = "arrow") -> Path:
    """A block arrow filling *box*, pointing 右/左/前 (up)/上/下."""
    angle = math.radians(DIRECTIONS[direction])
    # unit arrow pointing right, in a 1 × 1 square centred on the origin
    shape = [
        (-0.5, -0.14),
        (0.08, -0.14),
        (0.08, -0.42),
        (0.5, 0.0),
        (0.08, 0.42),
        (0.08, 0.14),
        (-0.5, 0.14),
    ]
    side = min(box.w, box.h)
    cos, sin = math.cos(angle), math.sin(angle)
    points = [(box.cx + side * (x * cos - y * sin), box.cy + side * (x * sin + y * cos)) for x, y in shape]
    ops: list[Op] = [("M", *points[0]), *(("L", *p) for p in points[1:]), ("Z",)]
    return Path(tuple(ops), fill=color, name=name)


def star(
    cx: float, cy: float, radius: float, fill: str | None, stroke: Stroke | None = None, name: str = "star"
) -> Path:
    """A five-pointed star with its top point up."""
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.382
        a = math.radians(-90 + 36 * i)
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    ops: list[Op] = [("M", *points[0]), *(("L", *p) for p in points[1:]), ("Z",)]
    return Path(tuple(ops), fill=fill, stroke=stroke, name=name)


def polyline(points: list[tuple[float, float]], stroke: Stroke, closed: bool = False, name: str = "") -> Path:
    ops: list[Op] = [("M", *points[0]), *(("L", *p) for p in points[1:])]
    if closed:
        ops.append(("Z",))
    return Path(tuple(ops), stroke=stroke, name=name)


def dimension(
    engine: TextEngine,
    start: tuple[float, float],
    end: tuple[float, float],
    offset: float,
    label: str,
    color: str,
    *,
    text_size: float = 3.5,
    line_width: float = 0.18,
    role: str = "hei",
) -> list[Path | Text]:
    """An architectural dimension between two points, *offset* mm to their left (negative: right).

    Extension lines run from the measured points to the dimension line; 45° ticks mark its ends;
    the label sits centred on the line's outer side, reading along horizontal lines and upwards
    along vertical ones (the label is kept horizontal for simplicity in both cases).
    """
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1)
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    nx, ny = uy, -ux  # left-hand normal in y-down coordinates: "above" a left-to-right line
    d1 = (x1 + nx * offset, y1 + ny * offset)
    d2 = (x2 + nx * offset, y2 + ny * offset)
    gap, overshoot, tick = 1.0, 1.5, 1.2
    sign = 1 if offset >= 0 else -1
    stroke = Stroke(color, line_width)
    items: list[Path | Text] = [
        polyline(
            [
                (x1 + nx * gap * sign, y1 + ny * gap * sign),
                (d1[0] + nx * overshoot * sign, d1[1] + ny * overshoot * sign),
            ],
            stroke,
            name="dim-ext",
        ),
        polyline(
            [
                (x2 + nx * gap * sign, y2 + ny * gap * sign),
                (d2[0] + nx * overshoot * sign, d2[1] + ny * overshoot * sign),
            ],
            stroke,
            name="dim-ext",
        ),
        polyline(
            [
                (d1[0] - ux * overshoot, d1[1] - uy * overshoot),
                (d2[0] + ux * overshoot, d2[1] + uy * overshoot),
            ],
            stroke,
            name="dim-line",
        ),
    ]
    tx, ty = (ux + nx) * tick / math.sqrt(2), (uy + ny) * tick / math.sqrt(2)
    for px, py in (d1, d2):
        items.append(
            polyline([(px - tx, py - ty), (px + tx, py + ty)], Stroke(color, line_width * 2), name="dim-tick")
        )
    mx, my = (d1[0] + d2[0]) / 2, (d1[1] + d2[1]) / 2
    width = engine.font(role).width(label, text_size)
    if abs(uy) < 1e-9:  # horizontal line: label above (or below for negative offsets)
        top = my - 0.8 - text_size if sign > 0 else my + 0.8
        items.append(engine.line(label, role, text_size, mx, top, color, anchor="center", name="dim-label"))
    else:  # vertical line: label beside it, on the outer side
        x = mx + (0.8 if nx > 0 else -0.8 - width) * (1 if sign > 0 else -1)
        items.append(engine.line(label, role, text_size, x, my - text_size / 2, color, name="dim-label"))
    return items


def connector(
    points: list[tuple[float, float]],
    color: str,
    width: float = 1.2,
    head: float = 6.0,
    name: str = "connector",
) -> list[Path]:
    """A line through *points* ending in a filled arrowhead at the last point."""
    (x1, y1), (x2, y2) = points[-2], points[-1]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    base = (x2 - ux * head, y2 - uy * head)
    shaft = [*points[:-1], base]
    wing = head * 0.55
    tip: list[Op] = [
        ("M", x2, y2),
        ("L", base[0] - uy * wing, base[1] + ux * wing),
        ("L", base[0] + uy * wing, base[1] - ux * wing),
        ("Z",),
    ]
    return [
        polyline(shaft, Stroke(color, width), name=name),
        Path(tuple(tip), fill=color, name=name + "-head"),
    ]
