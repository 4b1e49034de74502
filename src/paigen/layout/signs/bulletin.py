"""公开栏 (1200 × 900): 党务公开 and 村（居）务公开 panels, framed areas filled from the profile
where data exists and ruled blank for hand-posted notices otherwise."""

from __future__ import annotations

from dataclasses import dataclass

from paigen.layout.blocks import Para, fit_blocks
from paigen.layout.scene import Artwork, Box, Rect, Stroke
from paigen.layout.signs._common import Context
from paigen.layout.signs.frame import INK, chrome

HEAD_H = 30.0
RULE_PITCH = 36.0


@dataclass(frozen=True)
class Area:
    title: str
    lines: tuple[str, ...] = ()  # empty: ruled blank area
    field: str = ""


def _party_areas(ctx: Context) -> list[Area]:
    p = ctx.profile
    leaders = tuple(
        f"{person.name}　{'、'.join(r for r in person.roles if '党' in r)}　{person.phone}"
        for person in p.people
        if any("党" in r for r in person.roles)
    )
    corps: list[str] = []
    if p.members:
        counts = {c: sum(m.category == c for m in p.members) for c in ("在职", "农民", "流动", "年老体弱")}
        corps.append(
            f"党员{len(p.members)}名：" + "，".join(f"{c}党员{n}名" for c, n in counts.items() if n) + "。"
        )
        top = sorted(p.members, key=lambda m: -m.points)[:3]
        corps.append("积分前三：" + "、".join(f"{m.name}（{m.points:g}分）" for m in top) + "。")
    if p.rating:
        corps.append(f"{p.rating.year}年度评星定级：{p.rating.stars}星级党组织。")
    return [
        Area(f"{p.village.party_org.name}班子成员", leaders, "people"),
        Area("党员队伍", tuple(corps), "members"),
        Area("三会一课开展情况"),
        Area("党费收缴公示"),
        Area("发展党员公示"),
        Area("党务通知公告"),
    ]


def _affairs_areas(ctx: Context, affairs: str) -> list[Area]:
    p = ctx.profile
    committee = tuple(
        f"{person.name}　{'、'.join(r for r in person.roles if '党' not in r)}　{person.phone}"
        for person in p.people
        if any("党" not in r for r in person.roles)
    )
    duty = tuple(f"{d.day}：{'、'.join(d.names)}" for d in p.duty.week) if p.duty else ()
    services = tuple(f"{s.name}：{'、'.join(s.items)}" for s in p.services)
    return [
        Area(f"{p.village.committee}成员", committee, "people"),
        Area("坐班值班", duty, "duty"),
        Area("便民服务事项", services, "services"),
        Area("财务公开"),
        Area(f"{affairs}决策公开"),
        Area(f"{affairs}通知公告"),
    ]


def bulletins(ctx: Context) -> list[Artwork]:
    affairs = ctx.settings.wording(ctx.profile.village.type)["affairs"] or "村务"
    panels = [
        ("bulletin-1", "党务公开栏", _party_areas(ctx)),
        ("bulletin-2", f"{affairs}公开栏", _affairs_areas(ctx, affairs)),
    ]
    return [_panel(ctx, name, title, areas) for name, title, areas in panels]


def _panel(ctx: Context, name: str, title: str, areas: list[Area]) -> Artwork:
    spec = ctx.spec("bulletin")
    engine = ctx.engine
    items, body = chrome(ctx, "bulletin", title, name)
    cols, rows = 3, 2
    gap = 16.0
    cw = (body.w - gap * (cols - 1)) / cols
    ch = (body.h - gap * (rows - 1)) / rows
    out = list(items)
    for k, area in enumerate(areas[: cols * rows]):
        box = Box(body.x + (k % cols) * (cw + gap), body.y + (k // cols) * (ch + gap), cw, ch)
        out.append(Rect(box, stroke=Stroke("party-red", 1.0), radius=3, name="area"))
        head = Box(box.x, box.y, box.w, HEAD_H)
        out.append(Rect(head, fill="party-red", radius=3, name="area-head"))
        hs, hl = engine.fit(
            area.title,
            spec["heading_font"],
            head.inset(8, 5),
            min_size=spec["min_text_mm"],
            max_size=18.0,
            max_lines=1,
            where=f"{ctx.where(name)} ({area.title})",
        )
        out.append(engine.place(hl, spec["heading_font"], hs, head.inset(8, 5), "white", name="area-title"))
        content = Box(box.x + 10, head.bottom + 10, box.w - 20, box.h - HEAD_H - 20)
        if area.lines:
            _, texts = fit_blocks(
                engine,
                [Para(line, indent=False) for line in area.lines],
                spec["font"],
                content,
                min_size=spec["min_text_mm"],
                max_size=min(16.0, hs),  # the area's body text never outgrows its heading
                color=INK,
                keep=tuple(p.phone for p in ctx.profile.people if p.phone),
                where=f"{ctx.where(name)} ({area.title})",
                field=area.field,
            )
            out += texts
        else:  # ruled lines for notices posted by hand
            y = content.y + RULE_PITCH
            while y < content.bottom:
                out.append(Rect(Box(content.x, y, content.w, 0.5), fill="rule-gray", name="ruled"))
                y += RULE_PITCH
    return ctx.artwork(
        "bulletin",
        name,
        title,
        out,
        background="white",
        note="数据栏按档案打印，空白栏供张贴手填公示（seed 001 篇四）",
        meta={"body": body},
    )
