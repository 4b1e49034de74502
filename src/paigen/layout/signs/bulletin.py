"""公开栏 (1200 × 900): 党务公开 and 村（居）务公开 panels, framed areas filled from the profile
where data exists and ruled blank for hand-posted notices otherwise.

Every area heading of the kit's panels is set at one size (a long heading takes two lines
before it shrinks); the data of an area is set at one size per panel, never larger than the
headings and never made smaller by a long heading. The first row (the areas of data) is as tall
as its data needs, within 40–60 % of the body; the second row (areas left blank for notices
posted by hand) takes the rest, so the areas stay aligned. With the
preset's ``signs.bulletin.photos`` (seed 001 篇四), the members of each committee get photo frames
and the public-affairs panel gets 群众意见 and 回音壁 areas.
"""

from __future__ import annotations

from dataclasses import dataclass

from paigen.errors import LayoutError
from paigen.i18n import _
from paigen.layout.blocks import Para, fit_blocks
from paigen.layout.scene import Artwork, Box, Rect, Stroke
from paigen.layout.signs._common import Context
from paigen.layout.signs.frame import INK, chrome

RULE_PITCH = 36.0
HEADING_MM = 22.0  # the area headings' family size
COLS, ROWS, GAP = 3, 2, 16.0
ROW_MIN, ROW_MAX = 0.4, 0.6  # the first row (the areas of data): its share of the body's height
CN = "零一二三四五六七八九"
LEVEL = {"支部": "党支部", "总支": "党总支", "党委": "党委"}


@dataclass(frozen=True)
class Area:
    title: str
    lines: tuple[str, ...] = ()  # empty: ruled blank area
    field: str = ""
    photos: tuple[tuple[str, str, str], ...] = ()  # (name, role, phone) under a photo frame each


def _roles(person, keep) -> str:
    return "、".join(r for r in person.roles if keep(r))


def _party_areas(ctx: Context, photos: bool) -> list[Area]:
    p = ctx.profile
    org = LEVEL.get(p.village.party_org.level, "党组织")
    party = [person for person in p.people if any("党" in r for r in person.roles)]
    leaders = tuple(f"{x.name}　{_roles(x, lambda r: '党' in r)}　{x.phone}".strip() for x in party)
    facts: list[str] = []
    if p.members:
        counts = {c: sum(m.category == c for m in p.members) for c in ("在职", "农民", "流动", "年老体弱")}
        facts.append(f"党员{len(p.members)}名：" + "，".join(f"{c}党员{n}名" for c, n in counts.items() if n)
                     + "。")
    if p.rating:
        facts.append(f"{p.rating.year}年度评星定级：{CN[p.rating.stars]}星级党组织。")
    if p.members:
        top = sorted(p.members, key=lambda m: -m.points)[:3]
        facts.append("党员积分前三名：" + "、".join(f"{m.name}（{m.points:g}分）" for m in top) + "。")
    people = tuple((x.name, _roles(x, lambda r: "党" in r).split("、")[0], x.phone) for x in party)
    return [
        Area(f"{org}班子成员", (), "people", people) if photos else Area(f"{org}班子成员", leaders, "people"),
        Area(f"{org}概况", tuple(facts), "members"),
        Area("三会一课开展情况"),
        Area("党费收缴公示"),
        Area("发展党员公示"),
        Area("党务通知公告"),
    ]


def _affairs_areas(ctx: Context, affairs: str, photos: bool) -> list[Area]:
    p = ctx.profile
    v = p.village
    short = ctx.settings.wording(v.type).get("short") or "村"

    def committee_role(role: str) -> bool:
        return "党" not in role and "监督" not in role

    board = [x for x in p.people if any(committee_role(r) for r in x.roles)]
    lines = [f"{x.name}　{_roles(x, committee_role)}　{x.phone}".strip() for x in board]
    watch = [x for x in p.people if any("监督" in r for r in x.roles)]
    lines += [f"{x.name}　{_roles(x, lambda r: '监督' in r)}　{x.phone}".strip() for x in watch]
    duty = tuple(f"{d.day}：{'、'.join(d.names)}" for d in p.duty.week) if p.duty else ()
    services = tuple(f"{s.name}：{'、'.join(s.items)}" for s in p.services)
    people = tuple((x.name, _roles(x, committee_role).split("、")[0], x.phone) for x in board)
    if photos:  # names, roles and phones under the photos; the supervision committee in lines
        people += tuple((x.name, _roles(x, lambda r: "监督" in r).split("、")[0], x.phone) for x in watch)
        lines = []
    committee = v.committee.replace(v.name, "", 1) if v.committee.startswith(v.name) else v.committee
    areas = [
        Area(f"{committee or short}成员", tuple(lines), "people", people if photos else ()),
        Area("坐班值班", duty, "duty"),
        Area("便民服务事项", services, "services"),
        Area("财务公开"),
    ]
    if photos:  # seed 001 篇四: 群众意见栏、回音壁（群众意见回复）
        return [*areas, Area("群众意见"), Area("回音壁")]
    return [*areas, Area(f"{affairs}决策公开"), Area(f"{affairs}通知公告")]


def bulletins(ctx: Context) -> list[Artwork]:
    affairs = ctx.settings.wording(ctx.profile.village.type)["affairs"] or "村务"
    photos = bool(ctx.spec("bulletin").get("photos", False))
    panels = [
        ("bulletin-1", "党务公开栏", _party_areas(ctx, photos)),
        ("bulletin-2", f"{affairs}公开栏", _affairs_areas(ctx, affairs, photos)),
    ]
    heading = _heading_size(ctx, [a.title for __, __, areas in panels for a in areas])
    return [_panel(ctx, name, title, areas, heading) for name, title, areas in panels]


def _grid(ctx: Context) -> tuple[Box, float]:
    __, body = chrome(ctx, "bulletin", "公开栏", "bulletin")
    return body, (body.w - GAP * (COLS - 1)) / COLS


def _heading_size(ctx: Context, titles: list[str]) -> tuple[float, int]:
    """The headings' one size and their lines (1 or 2): the family size while two lines hold it."""
    spec = ctx.spec("bulletin")
    __, cw = _grid(ctx)
    font = ctx.engine.font(spec["heading_font"])
    width = cw - 16
    lines = 1
    for title in titles:
        if font.width(title, HEADING_MM) > width:
            lines = 2
    size = HEADING_MM
    for title in titles:
        if lines == 2 and font.width(title, HEADING_MM) > width:
            found = ctx.engine.break_lines(title, spec["heading_font"], HEADING_MM, width, words=True)
            while len(found) > 2 or any(font.width(x, size) > width for x in found):
                size -= 0.5
                if size < spec["min_text_mm"]:
                    raise LayoutError(_("{where}: the area heading '{title}' does not fit the "
                                        "{width} mm heading bar in two lines at {size} mm; shorten it",
                                        where=ctx.where("bulletin"), title=title,
                                        width=f"{width:.0f}", size=spec["min_text_mm"]))
                found = ctx.engine.break_lines(title, spec["heading_font"], size, width, words=True)
    return size, lines


def _panel(ctx: Context, name: str, title: str, areas: list[Area], heading: tuple[float, int]) -> Artwork:
    spec = ctx.spec("bulletin")
    engine = ctx.engine
    items, body = chrome(ctx, "bulletin", title, name)
    hs, hlines = heading
    head_h = hs * (1 + 1.15 * (hlines - 1)) + 12
    cw = (body.w - GAP * (COLS - 1)) / COLS
    keep = tuple(p.phone for p in ctx.profile.people if p.phone)
    blocks = {k: [Para(line, indent=False, justify=False) for line in a.lines]
              for k, a in enumerate(areas) if a.lines}
    # one data size per panel: the largest at which every data area fits the first row at its
    # tallest (the rows stay aligned: the first row as tall as its data needs, the second the rest)
    first = (body.h - GAP) * ROW_MAX
    size = hs
    for k, a in blocks.items():
        content = Box(0, 0, cw - 24, first - head_h - 24 - _photo_h(areas[k], cw))
        size = min(size, fit_blocks(engine, a, spec["font"], content, min_size=spec["min_text_mm"],
                                    max_size=hs, color=INK, keep=keep,
                                    where=f"{ctx.where(name)} ({areas[k].title})")[0])
    out = list(items)
    free = body.h - GAP * (ROWS - 1)
    need = max((_need(ctx, a, blocks.get(k), size, cw, head_h, keep) for k, a in enumerate(areas[:COLS])),
               default=0.0)
    row_h = [min(free * ROW_MAX, max(free * ROW_MIN, need))]
    row_h.append(free - row_h[0])
    for k, area in enumerate(areas[:COLS * ROWS]):
        r, c = divmod(k, COLS)
        box = Box(body.x + c * (cw + GAP), body.y + r * (row_h[0] + GAP), cw, row_h[r])
        out += _area(ctx, name, area, blocks.get(k), box, size, hs, head_h, keep)
    return ctx.artwork(
        "bulletin",
        name,
        title,
        out,
        background="white",
        note="数据栏按档案打印，空白栏供张贴手填公示（seed 001 篇四）",
        meta={"body": body},
    )


PHOTO = 1.3  # a photo frame's height, of its width
PER_ROW = 4
LABEL_H = 40.0  # name, role and phone under a photo


def _photo_w(cw: float) -> float:
    return (cw - 24) / PER_ROW - 6


def _photo_h(area: Area, cw: float) -> float:
    if not area.photos:
        return 0.0
    rows = -(-len(area.photos) // PER_ROW)
    return rows * (_photo_w(cw) * PHOTO + LABEL_H) + 6


def _need(ctx: Context, area: Area, blocks, size: float, cw: float, head_h: float, keep) -> float:
    """The height an area of data needs at *size*: heading, photos, lines and padding."""
    if not blocks and not area.photos:
        return 0.0
    height = head_h + 24 + _photo_h(area, cw)
    if blocks:
        spec = ctx.spec("bulletin")
        from paigen.layout.blocks import lay_column

        height += lay_column(ctx.engine, blocks, spec["font"], size, cw - 24, keep)[1]
    return height


def _area(ctx: Context, name: str, area: Area, blocks, box: Box, size: float, hs: float, head_h: float,
          keep) -> list:
    spec = ctx.spec("bulletin")
    engine = ctx.engine
    out: list = [Rect(box, stroke=Stroke("party-red", 1.0), radius=3, name="area")]
    head = Box(box.x, box.y, box.w, head_h)
    out.append(Rect(head, fill="party-red", radius=3, name="area-head"))
    inner = head.inset(8, 6)
    lines = engine.break_lines(area.title, spec["heading_font"], hs, inner.w, words=True)
    out.append(engine.place(lines, spec["heading_font"], hs, inner, "white", leading=1.15, name="area-title"))
    y = head.bottom + 12
    if area.photos:
        fw = _photo_w(box.w)
        step = (box.w - 24) / PER_ROW
        where = f"{ctx.where(name)} ({area.title})"
        for i, (person, role, phone) in enumerate(area.photos):
            x = box.x + 12 + (i % PER_ROW) * step + 3
            top = y + (i // PER_ROW) * (fw * PHOTO + LABEL_H)
            frame = Box(x, top, fw, fw * PHOTO)
            out.append(Rect(frame, stroke=Stroke("rule-gray", 0.8, (3.0, 2.0)), name="photo"))
            out.append(engine.line("相片", "hei", 8.0, frame.cx, frame.cy - 4, "rule-gray", anchor="center",
                                   name="photo-note"))
            label_y = frame.bottom + 3
            for text, size, label in ((person, 11.0, "photo-name"), (role, 8.0, "photo-role"),
                                      (phone, 8.0, "photo-phone")):
                if not text:
                    continue
                cell = Box(frame.cx - step / 2 + 1, label_y, step - 2, size)
                s, lines = engine.fit(text, "hei", cell, min_size=5, max_size=size, max_lines=1, where=where)
                out.append(engine.place(lines, "hei", s, cell, INK, name=label))
                label_y += size + 3
        y += _photo_h(area, box.w)
    content = Box(box.x + 12, y, box.w - 24, box.bottom - y - 12)
    if blocks:
        __, texts = fit_blocks(engine, blocks, spec["font"], content, min_size=min(size, spec["min_text_mm"]),
                              max_size=size, color=INK, keep=keep, valign="top",
                              where=f"{ctx.where(name)} ({area.title})", field=area.field)
        out += texts
    elif not area.photos:  # ruled lines for notices posted by hand
        y = content.y + RULE_PITCH
        while y < content.bottom:
            out.append(Rect(Box(content.x, y, content.w, 0.5), fill="rule-gray", name="ruled"))
            y += RULE_PITCH
    return out
