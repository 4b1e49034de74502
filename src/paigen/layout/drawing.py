"""What every A3 drawing sheet shares: the frame, the title block and chains of dimensions.

Drawings (the centre-name layout sheet, the facade elevations) are sheets a draughtsman would
sign: a frame 10 mm inside the sheet edge, a title block in the bottom-right corner, dimension
labels in 黑体 that never sit on top of each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from paigen.layout.scene import Box, Item, Rect, Stroke
from paigen.layout.shapes import polyline
from paigen.layout.text import TextEngine
from paigen.model.settings import Settings

FRAME = 10.0  # mm, drawing frame inset from the sheet edge
LABEL = 3.5  # mm, title-block and note text
INK = "black"
TITLE_BLOCK_W = 150.0
TITLE_ROW_H = 9.0
LEADER_ROOM = 3.0  # mm between a dimension line and figures that had to move aside


def frame(width: float, height: float) -> Rect:
    """The drawing frame, FRAME mm inside the sheet edge."""
    return Rect(Box(FRAME, FRAME, width - 2 * FRAME, height - 2 * FRAME), stroke=Stroke(INK, 0.5),
                name="frame")


def drawing_date(settings: Settings) -> str:
    """The date a drawing carries: the kit's date (``kit.date``, SOURCE_DATE_EPOCH or today)."""
    return settings.kit_date.isoformat()


def title_block_box(width: float, height: float, rows: int) -> Box:
    """Where the title block of *rows* rows sits on a *width* × *height* sheet."""
    h = rows * TITLE_ROW_H
    return Box(width - FRAME - TITLE_BLOCK_W, height - FRAME - h, TITLE_BLOCK_W, h)


def title_block(engine: TextEngine, width: float, height: float,
                rows: Sequence[tuple[str, str]]) -> list[Item]:
    """The title block in the bottom-right corner: one (key, value) pair per row."""
    block = title_block_box(width, height, len(rows))
    items: list[Item] = [Rect(block, stroke=Stroke(INK, 0.35), name="title-block")]
    for i, (key, value) in enumerate(rows):
        y = block.y + i * TITLE_ROW_H
        if i:
            items.append(Rect(Box(block.x, y, block.w, 0.25), fill=INK, name="title-rule"))
        top = y + (TITLE_ROW_H - LABEL) / 2
        items.append(engine.line(key, "hei", LABEL, block.x + 4, top, INK, name="key"))
        items.append(engine.line(value, "hei", LABEL, block.x + 28, top, INK, name="value"))
    items.append(Rect(Box(block.x + 24, block.y, 0.25, block.h), fill=INK, name="title-rule"))
    return items


def spread(wanted: Sequence[float], sizes: Sequence[float], gap: float,
           bounds: tuple[float, float] | None = None) -> list[float]:
    """Centres as close to *wanted* (ascending) as labels of *sizes* allow without overlapping.

    Neighbouring labels keep half their sizes plus *gap* apart. Labels that would collide are
    merged into clusters laid out at even pitch, each cluster centred on the mean of what its
    labels want (the usual way a draughtsman pulls crowded dimension figures apart). With
    *bounds*, centres stay within them as far as the labels' total size allows.
    """
    # Each cluster: [first index, last index, position of the first label].
    clusters: list[list] = []
    offsets = [0.0]
    for i in range(1, len(wanted)):
        offsets.append(offsets[-1] + (sizes[i - 1] + sizes[i]) / 2 + gap)
    for i, want in enumerate(wanted):
        clusters.append([i, i, want])
        while len(clusters) > 1:
            a, b = clusters[-2], clusters[-1]
            end_a = a[2] + offsets[a[1]] - offsets[a[0]] + sizes[a[1]] / 2
            start_b = b[2] - sizes[b[0]] / 2
            if end_a + gap <= start_b + 1e-9:
                break
            first, last = a[0], b[1]
            mean = sum(wanted[k] - (offsets[k] - offsets[first]) for k in range(first, last + 1))
            clusters[-2:] = [[first, last, mean / (last - first + 1)]]
    out: list[float] = []
    for first, last, start in clusters:
        out.extend(start + offsets[k] - offsets[first] for k in range(first, last + 1))
    if bounds and out:
        low, high = bounds
        pitch = [offsets[k + 1] - offsets[k] for k in range(len(out) - 1)]
        out[0] = max(out[0], low)
        for k in range(1, len(out)):
            out[k] = max(out[k], out[k - 1] + pitch[k - 1])
        out[-1] = min(out[-1], high)
        for k in range(len(out) - 2, -1, -1):
            out[k] = min(out[k], out[k + 1] - pitch[k])
    return out


def chain(engine: TextEngine, axis: str, stops: Sequence[float], at: float, origins: Sequence[float],
          side: int, labels: Sequence[str], *, size: float = 3.0, color: str = INK,
          line_width: float = 0.18, name: str = "dim") -> list[Item]:
    """A chain of architectural dimensions between consecutive *stops* (paper mm along *axis*).

    axis "x": a horizontal dimension line at y = *at*; "y": a vertical one at x = *at*. Each stop
    gets an extension line from *origins* (the measured object's edge, one per stop) to just
    past the line, and a 45° tick. *side* is -1 (labels above / left) or +1 (below / right);
    labels are horizontal, centred on their segment, and pulled apart with a leader where
    segments are too short to carry them.
    """
    gap, overshoot, tick = 1.0, 1.5, 0.85
    stroke = Stroke(color, line_width)
    items: list[Item] = []

    def point(along: float, across: float) -> tuple[float, float]:
        return (along, across) if axis == "x" else (across, along)

    for stop, origin in zip(stops, origins, strict=True):
        direction = 1 if at >= origin else -1
        ends = [point(stop, origin + direction * gap), point(stop, at + direction * overshoot)]
        items.append(polyline(ends, stroke, name=f"{name}-ext"))
    items.append(polyline([point(stops[0] - overshoot, at), point(stops[-1] + overshoot, at)], stroke,
                          name=f"{name}-line"))
    # GB/T 50001 ticks: a horizontal dimension's "/" turns with the dimension to "\" on vertical ones.
    for i, stop in enumerate(stops):
        # Stops closer than a tick (60 mm bands at 1:100) get shorter ticks, not a blot.
        near = min((abs(stop - other) for other in (*stops[:i], *stops[i + 1 :])), default=tick * 2)
        t = max(0.3, min(tick, near * 0.45))
        tx, ty = (t, -t) if axis == "x" else (t, t)
        x, y = point(stop, at)
        items.append(polyline([(x - tx, y - ty), (x + tx, y + ty)], Stroke(color, line_width * 2.5),
                              name=f"{name}-tick"))
    font = engine.font("hei")
    widths = [font.width(label, size) for label in labels]
    mids = [(a + b) / 2 for a, b in pairwise(stops)]
    extent = widths if axis == "x" else [size] * len(labels)
    # Labels stay between the chain's ends, where an outer chain's extension lines cannot cross them.
    inside = (stops[0] + extent[0] / 2 + 0.4, stops[-1] - extent[-1] / 2 - 0.4)
    places = spread(mids, extent, 1.2 if axis == "x" else 0.5, inside)
    moved = any(abs(p - m) > 0.05 for p, m in zip(places, mids, strict=True))
    # Clear of the extension lines' overshoot; more room for leaders when any label had to move.
    clear = LEADER_ROOM if moved else overshoot + 0.4
    for label, mid, place, width in zip(labels, mids, places, widths, strict=True):
        if axis == "x":
            top = at + clear if side > 0 else at - clear - size
            items.append(engine.line(label, "hei", size, place, top, color, anchor="center",
                                     name=f"{name}-label"))
            near = top if side > 0 else top + size
        else:
            x = at + clear if side > 0 else at - clear - width
            items.append(engine.line(label, "hei", size, x, place - size / 2, color, name=f"{name}-label"))
            near = x - 0.3 if side > 0 else x + width + 0.3
        if abs(place - mid) > 0.05:
            start = point(mid, at + side * 0.4)
            end = (place, near - side * 0.3) if axis == "x" else (near, place)
            items.append(polyline([start, end], Stroke(color, line_width * 0.8), name=f"{name}-leader"))
    return items


def chain_depth(engine: TextEngine, labels: Sequence[str], axis: str, size: float = 3.0) -> float:
    """How far a chain's labels reach beyond its dimension line, leaders included."""
    if axis == "x":
        return LEADER_ROOM + size
    return LEADER_ROOM + max((engine.font("hei").width(label, size) for label in labels), default=0.0)
