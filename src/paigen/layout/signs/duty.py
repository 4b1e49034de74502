"""值班公示牌 and 服务内容牌 (600 × 800): the duty roster with full phones, the services board."""

from __future__ import annotations

import segno

from paigen.errors import LayoutError
from paigen.i18n import _
from paigen.layout.scene import Artwork, Box, QRCode, Rect, Stroke
from paigen.layout.signs._common import Context
from paigen.layout.signs.frame import INK, chrome, title_size
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
    font = engine.font(spec["font"])
    widths = _shares([header, *rows], font)
    row_h = min(table.h / (len(rows) + 1), 3 * float(spec.get("max_text_mm", 24.0)))
    size = min(row_h * 0.46, float(spec.get("max_text_mm", 24.0)), title_size(items))

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
        raise LayoutError(_(
            "{where}: the duty roster ({rows} rows) needs text of {size} mm, below the minimum of "
            "{minimum} mm; shorten the roles or change signs.duty in paigen.yaml",
            where=ctx.where(name), rows=len(rows), size=f"{size:.1f}", minimum=spec["min_text_mm"]))
    # the rows as tall as their text needs (a short roster is not stretched into tall empty rows),
    # the table and its notes in the middle of the body
    row_h = min(row_h, size * 2.6)
    y = table.y + max(0.0, (table.h - row_h * (len(rows) + 1)) / 2)
    table = Box(table.x, y, table.w, row_h * (len(rows) + 1))
    out = list(items)
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


def _shares(rows: list, font) -> list[float]:
    """The columns' shares of the table width, by their widest cell (职务 on two lines at most)."""
    ems = []
    for c in range(4):
        cells = [row[c] for row in rows if row[c]]
        if c == ROLE_COLUMN:
            ems.append(max(max(font.ems(p) for p in _halves(t)) for t in cells))
        else:
            ems.append(max(font.ems(t) for t in cells))
    total = sum(e + 1.0 for e in ems)  # an em of padding in every cell
    shares = [max(0.12, (e + 1.0) / total) for e in ems]
    return [s / sum(shares) for s in shares]


def _halves(text: str) -> list[str]:
    """A role as it may be set on two lines: whole, or split after a 、 near its middle."""
    cuts = [i + 1 for i, ch in enumerate(text[:-1]) if ch == "、"]
    if not cuts:
        return [text[: (len(text) + 1) // 2], text[(len(text) + 1) // 2:]] if len(text) > 6 else [text]
    cut = min(cuts, key=lambda i: abs(2 * i - len(text)))
    return [text[:cut], text[cut:]]


def _field(r: int, c: int, rows: list) -> str:
    return "" if r == 0 else ("duty.week" if c < 2 else "people")


__all__ = ["duty_board", "qr_code"]
