"""Installation sheets (A3): each wall's boards centred as a group with equal gaps, their bottom
edges 1600 mm above the floor (seed 001 篇四), dimensioned in millimetres."""

from __future__ import annotations

from itertools import pairwise

from paigen.errors import LayoutError
from paigen.i18n import _
from paigen.layout import drawing
from paigen.layout.scene import Artwork, Box, Rect, Stroke
from paigen.layout.signs._common import Context, place_name
from paigen.layout.signs.board import library, room_boards
from paigen.model.profile import Room

_RULE = "制度牌下沿距地1.6米，同墙居中、间距均匀"


def installation_sheets(ctx: Context) -> list[Artwork]:
    lib = library(ctx)
    out = []
    n = 0
    for i, room in enumerate(ctx.profile.center.rooms):
        if not room.boards:
            continue
        n += 1
        sizes = [tuple(ctx.size("flow" if lib[b].kind == "flow" else "board")) for b in room.boards]
        titles = [lib[b].title or b for b in room.boards]
        out.append(_sheet(ctx, room, i, sizes, f"installation-{n}", titles))
    return out


def board_numbers(ctx: Context) -> dict[str, str]:
    """The file name each board got in the kit (board-N), by board name."""
    return {name: f"board-{k}" for k, (__, name) in enumerate(room_boards(ctx), start=1)}


def _sheet(ctx: Context, room: Room, index: int, sizes: list[tuple[float, float]], name: str,
           titles: list[str]) -> Artwork:
    spec = ctx.settings.section("installation")
    engine = ctx.engine
    wall = float(room.wall_mm or spec["wall_mm"])
    wall_h = float(spec["wall_height_mm"])
    bottom = float(spec["board_bottom_mm"])
    total = sum(w for w, __ in sizes)
    gap = (wall - total) / (len(sizes) + 1)
    if gap < spec["min_gap_mm"]:
        need = total + (len(sizes) + 1) * spec["min_gap_mm"]
        raise LayoutError(_(
            "{where}: {boards} boards ({total} mm) do not fit the {wall} mm wall of {room} with "
            "{gap} mm gaps; give the room wall_mm ≥ {need} or move boards to another wall",
            where=ctx.where(name), boards=len(sizes), total=f"{total:.0f}", wall=f"{wall:.0f}",
            room=room.name, gap=spec["min_gap_mm"], need=f"{need:.0f}"))
    step = float(ctx.settings.section("facade").get("step_mm", 0) or 0)
    gap = min(gap, 300.0)  # a group reads as one: gaps no wider than 300 mm
    if step > 0:  # builders measure in whole steps; the rest stays at the wall's right end
        gap = max(step, gap // step * step)
    sheet_w, sheet_h = (float(v) for v in spec["sheet_mm"])
    area = Box(drawing.FRAME + 30, drawing.FRAME + 30, sheet_w - 2 * drawing.FRAME - 60, sheet_h * 0.6)
    scale = next(
        (s for s in spec["scales"] if wall / s <= area.w and wall_h / s <= area.h), spec["scales"][-1]
    )
    k = 1 / scale
    x0 = (sheet_w - wall * k) / 2
    floor_y = area.y + (area.h + wall_h * k) / 2
    items: list = [
        drawing.frame(sheet_w, sheet_h),
        Rect(Box(x0, floor_y - wall_h * k, wall * k, wall_h * k), stroke=Stroke("black", 0.35), name="wall"),
        Rect(Box(x0 - 6, floor_y, wall * k + 12, 0.8), fill="black", name="floor"),
    ]
    start = (wall - total - gap * (len(sizes) - 1)) / 2
    if step > 0:
        start = start // step * step
    x = start
    stops, labels = [0.0], []
    numbers = board_numbers(ctx)
    for (w, h), board, title in zip(sizes, room.boards, titles, strict=True):
        box = Box(x0 + x * k, floor_y - (bottom + h) * k, w * k, h * k)
        items.append(Rect(box, fill="pale-red", stroke=Stroke("party-red", 0.35), name="board"))
        s, lines = engine.fit(
            title,
            "hei",
            box.inset(1.5),
            min_size=1.5,
            max_size=4.0,
            balanced=True,
            where=f"{ctx.where(name)} label",
        )
        items.append(engine.place(lines, "hei", s, box.inset(1.5), "black", name="board-label"))
        items.append(
            engine.line(
                numbers.get(board, ""),
                "hei",
                2.5,
                box.cx,
                box.bottom + 1.5,
                "rule-gray",
                anchor="center",
                name="board-file",
            )
        )
        stops += [x, x + w]
        x += w + gap
    stops.append(wall)
    labels = [f"{b - a:.0f}" for a, b in pairwise(stops)]
    paper = [x0 + s * k for s in stops]
    items += drawing.chain(
        engine, "x", paper, floor_y - wall_h * k - 8, [floor_y - wall_h * k] * len(paper), -1, labels
    )
    h0 = sizes[0][1]
    left = x0 + start * k
    items += drawing.chain(
        engine,
        "y",
        [floor_y - (bottom + h0) * k, floor_y - bottom * k, floor_y],
        left - 10,
        [left] * 3,
        -1,
        [f"{h0:.0f}", f"{bottom:.0f}"],
    )
    right = x0 + wall * k
    items += drawing.chain(
        engine, "y", [floor_y - wall_h * k, floor_y], right + 10, [right] * 2, 1, [f"{wall_h:.0f}"]
    )
    notes = [
        f"{room.name}（{room.floor}层）制度牌安装示意：共{len(sizes)}块，成组居中，间距{gap:.0f} mm；"
        f"每块下沿距地面 {bottom:.0f} mm（{bottom / 1000:g} m 规则，依据：{_RULE}）；墙高 {wall_h:.0f} mm。",
        f"墙面宽度 {wall:.0f} mm" + ("（按预设默认值，请现场复核）" if room.wall_mm is None else "") + "。",
    ]
    y = floor_y + 14
    for note in notes:
        items.append(engine.line(note, "hei", 3.5, drawing.FRAME + 20, y, "black", name="note"))
        y += 6.5
    v = ctx.profile.village
    items += drawing.title_block(
        engine,
        sheet_w,
        sheet_h,
        [
            ("图名", "制度牌安装示意图"),
            ("项目", place_name(v)),
            ("房间", room.name),
            ("比例", f"1:{scale}"),
            ("日期", drawing.drawing_date(ctx.settings)),
        ],
    )
    return ctx.artwork(
        "installation",
        name,
        f"安装示意图 {room.name}",
        items,
        background="white",
        size=(sheet_w, sheet_h),
        kind="drawing",
        bleed=0.0,
        quantity=1,
        note=f"比例1:{scale}",
    )
