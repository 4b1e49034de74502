"""导引牌: every room by floor, the top floor on top as a building directory reads, room names
left and arrows right where a room gives its direction; the names of a floor in two columns
when that lets them be larger; split over several boards when it cannot fit."""

from __future__ import annotations

from dataclasses import dataclass

from paigen.errors import LayoutError
from paigen.i18n import _
from paigen.layout.scene import Artwork, Box, Rect, Stroke
from paigen.layout.shapes import arrow
from paigen.layout.signs._common import Context, color_note
from paigen.layout.signs._emblem import emblem_items, emblem_note, emblem_space, wants_emblem

ROW = 1.55  # row pitch in character sizes
FLOOR_GAP = 0.7  # extra space before each floor, in character sizes
HEADER = 0.2  # of the board height: centre name and subtitle
FOOTER = 0.07  # of the board height: hours and phone


@dataclass(frozen=True)
class Entry:
    floor: int
    name: str
    direction: str | None
    field: str
    first: bool  # the room's main name (the others are its 加挂 names)


def entries(ctx: Context) -> list[Entry]:
    """Every name of every door plate, grouped by floor from the top down, rooms in profile order."""
    out = []
    rooms = list(enumerate(ctx.profile.center.rooms))
    for floor in sorted({r.floor for __, r in rooms}, reverse=True):
        for i, room in rooms:
            if room.floor != floor:
                continue
            out.append(Entry(floor, room.name, room.direction, f"center.rooms[{i}].name", True))
            out += [Entry(floor, a, room.direction, f"center.rooms[{i}].also[{k}]", False)
                    for k, a in enumerate(room.also)]
    return out


def guides(ctx: Context) -> list[Artwork]:
    """One guide board, or as many as needed to keep every name at the minimum size."""
    spec = ctx.spec("guide")
    w, h = ctx.size("guide")
    body = _body_box(ctx, w, h)
    all_entries = entries(ctx)
    if not all_entries:
        return []
    groups = [all_entries]
    parts = 1  # asked for, not len(groups): _split may return fewer runs than asked
    units = len(_units(all_entries))
    # A name too wide for the board at the minimum size fits no split: say so at once.
    too_wide = _layout(ctx, [[e] for e in all_entries], body)[0] < spec["min_text_mm"]
    while _layout(ctx, groups, body)[0] < spec["min_text_mm"]:
        if too_wide or parts >= units:
            raise LayoutError(_("{where}: a room name does not fit the guide board at {size} mm; "
                                "shorten it or change signs.guide in paigen.yaml",
                                where=ctx.where("guide"), size=spec["min_text_mm"]))
        parts += 1
        groups = _split(all_entries, parts)
    size, columns = _layout(ctx, groups, body)
    names = ["guide"] if len(groups) == 1 else [f"guide-{i}" for i in range(1, len(groups) + 1)]
    return [_board(ctx, group, size, columns, name, i, len(groups)) for i, (name, group) in
            enumerate(zip(names, groups, strict=True), start=1)]


def _body_box(ctx: Context, w: float, h: float) -> Box:
    margin = max(ctx.safe_margin(w, h), 40.0)
    return Box(margin, h * HEADER + 30, w - 2 * margin, h * (1 - HEADER - FOOTER) - 60)


def _units(items: list[Entry]) -> list[list[Entry]]:
    """The entries cut into rooms: a room's main name with its 加挂 names (one cell on the board)."""
    units: list[list[Entry]] = []
    for entry in items:
        if entry.first or not units:
            units.append([])
        units[-1].append(entry)
    return units


def _split(items: list[Entry], parts: int) -> list[list[Entry]]:
    """Cut the rooms into *parts* runs, preferring cuts between floors, balanced by names; a room
    never leaves its 加挂 names behind."""
    target = len(items) / parts
    groups: list[list[Entry]] = [[]]
    for unit in _units(items):
        current = groups[-1]
        new_floor = bool(current) and unit[0].floor != current[-1].floor
        remaining = parts - len(groups)
        if current and remaining and (len(current) + len(unit) > target * 1.25 or
                                      (new_floor and len(current) >= target * 0.75)):
            groups.append([])
        groups[-1].extend(unit)
    return groups


def _columns_of(floor: list[Entry], columns: int) -> list[list[Entry]]:
    """A floor's rooms in *columns* columns filled top to bottom, rooms whole, lines balanced."""
    units = _units(floor)
    if columns == 1 or len(units) < 2:
        return [floor]
    total = len(floor)
    best: list[list[Entry]] | None = None
    for cut in range(1, len(units)):  # two columns: the cut that makes the longer one shortest
        left = [e for u in units[:cut] for e in u]
        if best is None or max(len(left), total - len(left)) < max(len(best[0]), len(best[1])):
            best = [left, [e for u in units[cut:] for e in u]]
    return best or [floor]


def _floors(group: list[Entry], columns: int) -> list[list[list[Entry]]]:
    """The group's floors, from the top down, each as its columns of entries."""
    floors: list[list[Entry]] = []
    for entry in group:
        if not floors or floors[-1][0].floor != entry.floor:
            floors.append([])
        floors[-1].append(entry)
    return [_columns_of(f, columns) for f in floors]


def _lines(floors: list[list[list[Entry]]]) -> int:
    """Rows of the board: a label row per floor and the longest column of each floor."""
    return sum(1 + max(len(c) for c in cols) for cols in floors)


def _fit_size(ctx: Context, groups: list[list[Entry]], body: Box, columns: int = 1) -> float:
    spec = ctx.spec("guide")
    font = ctx.engine.font(spec["font"])
    best = float(spec["max_text_mm"])
    col_w = (body.w - GUTTER * (columns - 1)) / columns
    for group in groups:
        floors = _floors(group, columns)
        by_height = body.h / (_lines(floors) * ROW + (len(floors) - 1) * FLOOR_GAP)
        arrows = any(e.direction for e in group)
        widest = max(font.width(e.name, 1.0) + (0 if e.first else 1.0) for e in group)
        by_width = col_w / (widest + 0.4 + (1.6 if arrows else 0.2))
        best = min(best, by_height, by_width)
    return best


def _layout(ctx: Context, groups: list[list[Entry]], body: Box) -> tuple[float, int]:
    """The names' size and columns per floor: two when that sets them noticeably larger."""
    one = _fit_size(ctx, groups, body, 1)
    two = _fit_size(ctx, groups, body, 2)
    if two > one * 1.15:
        return two, 2
    # nearly the same size: two columns when one column would leave most of the width empty
    font = ctx.engine.font(ctx.spec("guide")["font"])
    widest = max(font.width(e.name, one) + (0 if e.first else one) for g in groups for e in g)
    many = max(len(_units(g)) for g in groups) >= 6
    return (two, 2) if many and two >= one * 0.95 and widest < body.w * 0.55 else (one, 1)


GUTTER = 40.0  # between the two columns of a floor


def _board(ctx: Context, group: list[Entry], size: float, columns: int, name: str, part: int,
           parts: int) -> Artwork:
    spec = ctx.spec("guide")
    engine = ctx.engine
    colors = spec["colors"]
    w, h = ctx.size("guide")
    body = _body_box(ctx, w, h)
    center = ctx.profile.center
    items: list = []
    header = Box(body.x, 60, body.w, h * HEADER - 60)
    title_area = Box(header.x, header.y, header.w, header.h * 0.62)
    notes = [color_note(colors["ground"], colors["text"])]
    if wants_emblem(ctx, "guide") and not emblem_space(ctx):
        notes.append(emblem_note(ctx))
    elif wants_emblem(ctx, "guide"):  # the emblem left of the centre's name, the name re-centred
        side = title_area.h
        placed, note = emblem_items(ctx, Box(title_area.x, title_area.y, side, side))
        items += placed
        notes.append(note)
        title_area = Box(title_area.x + side + 10, title_area.y, title_area.w - 2 * (side + 10), title_area.h)
    title_size, title_lines = engine.fit(center.name, spec["title_font"], title_area,
                                         min_size=spec["min_note_mm"], max_size=70,
                                         max_lines=3, balanced=True, leading=1.2,
                                         where=f"{ctx.where(name)} title")
    items.append(engine.place(title_lines, spec["title_font"], title_size, title_area, colors["text"],
                              leading=1.2, field="center.name", name="title"))
    # the names are sized by the body, not by the title: a long centre name does not shrink them;
    # the subtitle heads them and is never larger
    subtitle = "功能室导引" + (f"（{part}/{parts}）" if parts > 1 else "")
    items.append(Rect(Box(body.x, header.y + header.h * 0.7, body.w, 2.5), fill=colors["band"], name="rule"))
    items.append(engine.line(subtitle, spec["font"], min(30.0, size * 0.8), w / 2,
                             header.y + header.h * 0.78, colors["band"], anchor="center", name="subtitle"))
    floors = _floors(group, columns)
    lines = _lines(floors)
    # a short list spreads its rows (up to 2.6 times the pitch) to fill 70 % of the body's height
    natural = lines * ROW + FLOOR_GAP * (len(floors) - 1)
    spread = min(2.6, max(1.0, body.h * 0.7 / (natural * size)))
    row, gap = ROW * spread, FLOOR_GAP * spread
    content = size * (row * lines + gap * (len(floors) - 1))
    top = y = body.y + max(0.0, (body.h - content) / 2)  # the list sits in the middle
    col_w = (body.w - GUTTER * (columns - 1)) / columns
    for cols in floors:
        floor = cols[0][0].floor
        y += size * gap if y > top else 0
        badge = Box(body.x, y, size * 2.6, size * 1.3)
        items.append(Rect(badge, fill=colors["band"], radius=size * 0.2, name="floor-badge"))
        items.append(engine.line(f"{floor}F", spec["font"], size, badge.cx, y + size * 0.15,
                                 "party-red", anchor="center", name="floor"))
        items.append(Rect(Box(badge.right + size * 0.4, y + size * 0.62, body.right - badge.right -
                              size * 0.4, 0.8), fill=colors["band"], name="floor-rule"))
        y += size * row
        for c, column in enumerate(cols):
            x0 = body.x + c * (col_w + GUTTER)
            for r, entry in enumerate(column):
                ey = y + r * size * row
                indent = size if not entry.first else 0.0
                items.append(engine.line(entry.name, spec["font"], size, x0 + size * 0.4 + indent, ey,
                                         colors["text"], field=entry.field, name="room"))
                if entry.direction and entry.first:
                    items.append(arrow(Box(x0 + col_w - size * 1.2, ey - size * 0.05, size * 1.1, size * 1.1),
                                       entry.direction, colors["text"], name="room-arrow"))
        y += size * row * max(len(c) for c in cols)
    footer = "\n".join(x for x in (f"办公时间：{center.hours}" if center.hours else "",
                                   f"电话：{center.phone}" if center.phone else "") if x)
    if footer:
        box = Box(body.x, h * (1 - FOOTER) - 10, body.w, h * FOOTER - 30)
        fsize, flines = engine.fit(footer, spec["font"], box, min_size=spec["min_note_mm"], max_size=24,
                                   max_lines=footer.count("\n") + 1, keep=[center.hours, center.phone],
                                   where=f"{ctx.where(name)} footer")
        items.append(Rect(Box(body.x, box.y - 12, body.w, 0.8), fill=colors["band"], name="footer-rule"))
        items.append(engine.place(flines, spec["font"], fsize, box, colors["text"], field="center.hours",
                                  name="footer"))
    items.insert(0, Rect(Box(18, 18, w - 36, h - 36), stroke=Stroke(colors["band"], 2.0), radius=6,
                         name="frame"))
    return ctx.artwork("guide", name, f"导引牌 {center.name}" + (f"（{part}/{parts}）" if parts > 1 else ""),
                       items, background=colors["ground"], note="；".join(notes), meta={"body": body})
