"""值班公示牌 and 服务内容牌 (600 × 800): the duty roster with full phones, the services board."""

from __future__ import annotations

import segno

from paigen.errors import LayoutError
from paigen.layout.blocks import Item, best_columns
from paigen.layout.scene import Artwork, Box, QRCode, Rect, Stroke
from paigen.layout.signs._common import Context
from paigen.layout.signs.frame import INK, chrome, library, title_size
from paigen.layout.text import block_height

HEAD_FILL = "pale-red"
ROLE_COLUMN = 2  # 职务: the one column whose cells may take two lines
CELL_LEADING = 1.15
LINE = Stroke("party-red", 0.6)


def qr_code(data: str, box: Box, color: str = "black") -> QRCode:
    """A vector QR code of *data* filling the square *box* (quiet zone included)."""
    qr = segno.make(data, error="m", micro=False)
    modules = tuple(tuple(bool(v) for v in row) for row in qr.matrix)
    return QRCode(box, data, modules, color, border=2)


def _qr_corner(ctx: Context, body: Box, side: float) -> tuple[list, float]:
    """QR code and caption at the body's bottom right; return the items and the height used."""
    url = ctx.profile.center.wechat_url
    if not url:
        return [], 0.0
    box = Box(body.right - side, body.bottom - side - 12, side, side)
    caption = ctx.engine.line(
        "扫码关注", "hei", 8.0, box.cx, box.bottom + 2, INK, anchor="center", name="qr-caption"
    )
    return [qr_code(url, box), caption], side + 14


def duty_board(ctx: Context) -> list[Artwork]:
    duty = ctx.profile.duty
    if duty is None or not duty.week:
        return []
    spec = ctx.spec("duty")
    engine = ctx.engine
    name = "duty"
    items, body = chrome(ctx, "duty", "坐班值班表", name)
    center = ctx.profile.center
    notes = [
        t
        for t in (
            f"办公时间：{center.hours}" if center.hours else "",
            f"服务电话：{center.phone}" if center.phone else "",
        )
        if t
    ]
    qr_items, qr_h = _qr_corner(ctx, body, 70.0)
    note_size = float(spec.get("note_mm", 14.0))
    note_h = note_size * 1.6 * len(notes) + 10
    table = Box(body.x, body.y, body.w, body.h - max(note_h, qr_h) - 10)
    widths = [0.15, 0.2, 0.37, 0.28]
    header = ["星期", "值班人员", "职务", "联系电话"]
    rows = []
    for day in duty.week:
        for k, person_name in enumerate(day.names):
            person = ctx.profile.person(person_name)
            rows.append(
                (
                    day.day if k == 0 else "",
                    person_name,
                    "、".join(person.roles) if person else "",
                    person.phone if person else "",
                )
            )
    # the rows share the table's height (a short roster is not a strip at the top), the text as
    # large as the row and the widest cell allow, up to the preset's cap
    row_h = min(table.h / (len(rows) + 1), 3 * float(spec.get("max_text_mm", 24.0)))
    size = min(row_h * 0.46, float(spec.get("max_text_mm", 24.0)), title_size(items))
    font = engine.font(spec["font"])

    def cell_lines(text: str, column: int, at: float) -> list[str] | None:
        """The cell's lines at size *at*: roles may take two lines (broken between words)."""
        limit = widths[column] * table.w - 8
        if font.width(text, at) <= limit:
            return [text]
        if column != ROLE_COLUMN or block_height(2, at, CELL_LEADING) > row_h * 0.92:
            return None
        # two roles read best one a line: break after a 、 when both halves fit
        splits = [(text[: i + 1], text[i + 1 :]) for i, ch in enumerate(text[:-1]) if ch == "、"]
        splits = [p for p in splits if max(font.width(q, at) for q in p) <= limit]
        if splits:
            return list(min(splits, key=lambda p: abs(len(p[0]) - len(p[1]))))
        lines = engine.break_lines(text, spec["font"], at, limit, words=True)
        if len(lines) != 2 or any(font.width(line, at) > limit for line in lines):
            return None
        return lines

    def fits(at: float) -> bool:
        cells = [(t, c) for row in [header, *rows] for c, t in enumerate(row) if t]
        return all(cell_lines(t, c, at) is not None for t, c in cells)

    low = float(spec["min_text_mm"])
    if fits(size):
        pass
    elif not fits(low):
        size = low * 0.99
    else:
        high = size
        while high - low > 0.1:
            mid = (low + high) / 2
            low, high = (mid, high) if fits(mid) else (low, mid)
        size = round(low, 2)
    if size < spec["min_text_mm"]:
        raise LayoutError(
            f"{ctx.where(name)}: the duty roster ({len(rows)} rows) needs text of {size:.1f} mm, "
            f"below the minimum of {spec['min_text_mm']} mm; shorten the roles or change "
            "signs.duty in paigen.yaml"
        )
    out = list(items)
    y = table.y
    xs = [table.x]
    for share in widths:
        xs.append(xs[-1] + share * table.w)
    out.append(Rect(Box(table.x, y, table.w, row_h), fill=HEAD_FILL, name="head-row"))
    for r, row in enumerate([header, *rows]):
        role = "hei" if r == 0 else spec["font"]
        for c, text in enumerate(row):
            if text:
                cell = Box(xs[c], y, xs[c + 1] - xs[c], row_h)
                out.append(
                    engine.place(
                        cell_lines(text, c, size) or [text], role, size, cell, INK, leading=CELL_LEADING,
                        field=_field(r, c, rows), name="cell" if r else "head",
                    )
                )
        y += row_h
        per_day = duty.per_day
        full = r == 0 or r % per_day == 0 or r == len(rows)
        out.append(
            Rect(
                Box(table.x if full else xs[1], y - 0.3, table.right - (table.x if full else xs[1]), 0.6),
                fill="party-red",
                name="rule",
            )
        )
    out.append(
        Rect(Box(table.x, table.y, table.w, y - table.y), stroke=Stroke("party-red", 1.2), name="table")
    )
    for x in xs[1:-1]:
        out.append(Rect(Box(x - 0.3, table.y, 0.6, y - table.y), fill="party-red", name="rule"))
    ny = y + 16
    for note in notes:
        out.append(engine.line(note, "hei", note_size, table.x, ny, INK, name="note"))
        ny += note_size * 1.6
    out += qr_items
    return [
        ctx.artwork(
            "duty",
            name,
            "坐班值班表",
            out,
            background="white",
            note="电话全号公示（堂发〔2020〕54号：坐班人员公布联系电话）",
            meta={"body": body},
        )
    ]


def _field(r: int, c: int, rows: list) -> str:
    return "" if r == 0 else ("duty.week" if c < 2 else "people")


def services_board(ctx: Context) -> list[Artwork]:
    services = ctx.profile.services
    if not services:
        return []
    spec = ctx.spec("services")
    engine = ctx.engine
    name = "services"
    items, body = chrome(ctx, "services", "服务内容", name)
    categories_board = library(ctx).get(ctx.settings.section("kit").get("service_categories", ""))
    categories = [i.split("：")[0].split(":")[0] for i in categories_board.items] if categories_board else []
    qr_items, qr_h = _qr_corner(ctx, body, 64.0)
    cat_size = float(spec.get("category_mm", 16.0))
    cat_rows = -(-len(categories) // 3)
    cat_h = (cat_size * 1.6 + cat_rows * cat_size * 2.5) if categories else 0.0
    top_h = body.h - cat_h - (qr_h if qr_h else 0) - 8
    section_h = top_h / len(services)
    out = list(items)

    def lay(head_h: float, max_size: float) -> tuple[float, list]:
        """The sections at one text size: the largest at which every one of them fits."""
        size_all, placed = max_size, []
        for i, section in enumerate(services):
            area = Box(body.x, body.y + i * section_h, body.w, section_h - 8)
            content = Box(area.x + 6, area.y + head_h + 8, area.w - 12, area.h - head_h - 10)
            size, texts, _ = best_columns(
                engine,
                [Item("● ", item) for item in section.items],
                spec["font"],
                content,
                min_size=spec["min_text_mm"],
                max_size=max_size,
                color=INK,
                gutter=20.0,
                prefer_two=0.9,
                where=f"{ctx.where(name)} ({section.name})",
                field=f"services.{section.name}",
            )
            size_all = min(size_all, size)
            placed.append((area, section, texts))
        return size_all, placed

    cap = min(float(spec.get("max_text_mm", 22.0)), title_size(items))
    size, placed = lay(30.0, cap)
    head_h = max(30.0, size * 1.7)  # the section heading is never smaller than its items
    size, placed = lay(head_h, min(cap, size))
    size, placed = lay(head_h, size)  # every section at the same size
    for area, section, texts in placed:
        head = Box(area.x, area.y, area.w, head_h)
        out.append(Rect(head, fill="party-red", radius=3, name="section"))
        out.append(
            engine.place(
                [section.name],
                "hei",
                max(18.0, size * 1.05),
                head.inset(8, (head_h - max(18.0, size * 1.05)) / 2),
                "white",
                align="left",
                field=f"services.{section.name}",
                name="section-title",
            )
        )
        out += texts
    if categories:
        top = body.y + top_h + 4
        out.append(engine.line("六类服务", "hei", cat_size, body.x, top, "party-red",
                               name="categories-title"))
        cols = 3
        cw = (body.w - (qr_h and 72.0)) / cols
        font = engine.font("hei")
        name_size = min(cat_size * 0.9, min((cw - 16) / font.ems(c) for c in categories))
        for k, cat in enumerate(categories):
            box = Box(body.x + (k % cols) * cw, top + cat_size * 1.6 + (k // cols) * cat_size * 2.5, cw - 8,
                      cat_size * 2.0)
            out.append(Rect(box, fill="pale-red", stroke=Stroke("party-red", 0.6), radius=3, name="category"))
            out.append(engine.place([cat], "hei", name_size, box, "party-red", name="category-name",
                                    field=f"boards/{categories_board.name}"))
    out += qr_items
    return [
        ctx.artwork(
            "services",
            name,
            "服务内容牌",
            out,
            background="white",
            note=ctx.settings.reword("党务村务服务、便民惠民服务两大板块（堂发〔2020〕54号）",
                                     ctx.profile.village.type),
            meta={"body": body},
        )
    ]


__all__ = ["duty_board", "qr_code", "services_board"]
