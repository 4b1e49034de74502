"""党员先锋榜 (1200 × 800): members ranked by points, with their category and stars."""

from __future__ import annotations

from paigen.errors import LayoutError
from paigen.i18n import _
from paigen.layout.scene import Artwork, Box, Rect, Stroke
from paigen.layout.shapes import star
from paigen.layout.signs._common import Context
from paigen.layout.signs.frame import INK, chrome, title_size

COLUMNS = (("排名", 0.13), ("姓名", 0.3), ("类别", 0.2), ("积分", 0.14), ("星级", 0.23))


def vanguard_board(ctx: Context) -> list[Artwork]:
    members = sorted(ctx.profile.members, key=lambda m: -m.points)  # stable: ties keep profile order
    if not members:
        return []
    spec = ctx.spec("vanguard")
    engine = ctx.engine
    name = "vanguard"
    items, body = chrome(ctx, "vanguard", "党员先锋榜", name)
    tables = 1 if len(members) <= 8 else 2
    per_table = -(-len(members) // tables)
    gutter = 40.0
    tw = (body.w - gutter * (tables - 1)) / tables
    row_h = min(body.h / (per_table + 1), 100.0)  # a short list fills the board
    size = min(row_h * 0.5, title_size(items))  # the title heads the list
    font = engine.font(spec["font"])
    head = engine.font("hei")
    for c, (label, share) in enumerate(COLUMNS[:4]):  # every cell fits its column
        cells = [[str(len(members)), m.name, m.category, f"{m.points:g}"][c] for m in members]
        size = min(size, (share * tw - 10) / max(head.ems(label), *(font.ems(t) for t in cells)))
    if size < spec["min_text_mm"]:
        raise LayoutError(_(
            "{where}: {members} members need text of {size} mm, below the minimum of {minimum} mm; "
            "change signs.vanguard in paigen.yaml",
            where=ctx.where(name), members=len(members), size=f"{size:.1f}",
            minimum=spec["min_text_mm"]))
    out = list(items)
    rank = 0
    for t in range(tables):
        chunk = members[t * per_table : (t + 1) * per_table]
        x0 = body.x + t * (tw + gutter)
        xs = [x0]
        for __, share in COLUMNS:
            xs.append(xs[-1] + share * tw)
        y = body.y
        out.append(Rect(Box(x0, y, tw, row_h), fill="party-red", name="head-row"))
        for c, (label, __) in enumerate(COLUMNS):
            out.append(
                engine.place(
                    [label], "hei", size, Box(xs[c], y, xs[c + 1] - xs[c], row_h), "white", name="head"
                )
            )
        y += row_h
        for member in chunk:
            rank += 1
            cells = [str(rank), member.name, member.category, f"{member.points:g}"]
            if rank % 2 == 0:
                out.append(Rect(Box(x0, y, tw, row_h), fill="pale-red", name="band"))
            for c, text in enumerate(cells):
                out.append(
                    engine.place(
                        [text],
                        spec["font"],
                        size,
                        Box(xs[c], y, xs[c + 1] - xs[c], row_h),
                        INK,
                        field=f"members[{ctx.profile.members.index(member)}]",
                        name="cell",
                    )
                )
            radius = min(row_h * 0.3, (xs[5] - xs[4]) / 11.5)
            for k in range(member.stars or 0):
                cx = xs[4] + (xs[5] - xs[4]) / 2 + (k - (member.stars - 1) / 2) * radius * 2.2
                out.append(star(cx, y + row_h / 2, radius, "gold", Stroke("party-red", 0.4), name="star"))
            y += row_h
        out.append(Rect(Box(x0, body.y, tw, y - body.y), stroke=Stroke("party-red", 1.0), name="table"))
    return [
        ctx.artwork(
            "vanguard",
            name,
            "党员先锋榜",
            out,
            background="white",
            note=f"{len(members)}名党员按积分排序（seed 004：分类管理、积分定星）",
            meta={"body": body},
        )
    ]
