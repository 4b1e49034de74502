"""服务内容牌 (600 × 800): the service sections of the profile, the six service categories and the
centre's QR code.

Every section's list uses the board's width (two columns when that fills it better at nearly
the same size), all sections at one size under bars of one size; bullets are small dots, not
discs as heavy as the words. The categories and the QR code make one band exactly as wide as the
section bars; the blocks are spaced evenly down the body.
"""

from __future__ import annotations

from paigen.errors import LayoutError
from paigen.i18n import _
from paigen.layout.blocks import Item, fit_blocks
from paigen.layout.scene import Artwork, Box, Rect, Stroke, Text
from paigen.layout.signs._common import Context
from paigen.layout.signs.duty import qr_code
from paigen.layout.signs.frame import INK, chrome, library, title_size

BULLET = "\u3000"  # the label that holds a bullet's place; the dot is drawn over it
DOT = 0.3  # the bullet's diameter, of the text size
GAP = 20.0  # between the two columns of a list
QR_SIDE = 64.0


def _fit(ctx: Context, items: tuple[str, ...], box: Box, size: float, columns: int, where: str):
    spec = ctx.spec("services")
    return fit_blocks(ctx.engine, [Item(BULLET, i, justify=False) for i in items], spec["font"], box,
                      min_size=min(size, spec["min_text_mm"]), max_size=size, color=INK, columns=columns,
                      gutter=GAP, where=where)


def _list_height(ctx: Context, items, width: float, size: float, columns: int) -> float:
    from paigen.layout.blocks import lay_column, split_columns

    spec = ctx.spec("services")
    col_w = (width - GAP * (columns - 1)) / columns
    blocks = [Item(BULLET, i, justify=False) for i in items]
    groups = split_columns(ctx.engine, blocks, spec["font"], size, col_w, columns)
    return max(lay_column(ctx.engine, g, spec["font"], size, col_w)[1] for g in groups)


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
    url = ctx.profile.center.wechat_url
    cat_size = float(spec.get("category_mm", 16.0))
    cat_rows = -(-len(categories) // 3)
    band_h = max(cat_size * 1.6 + cat_rows * cat_size * 2.5 if categories else 0.0,
                 QR_SIDE + 14 if url else 0.0)
    cap = min(float(spec.get("max_text_mm", 22.0)), title_size(items))
    head_h = max(30.0, cap * 1.5)
    inner_w = body.w - 12
    free = body.h - band_h - (16 if band_h else 0) - len(services) * (head_h + 14) - 10 * (len(services) - 1)
    where = ctx.where(name)
    # the one size of every list, and each list's columns: two when the items are several and the
    # two columns keep at least 80 % of the one-column size (the list then spans the width)
    size, columns = cap, {}
    for __ in range(40):
        heights = []
        for section in services:
            one = _list_height(ctx, section.items, inner_w, size, 1)
            two = _list_height(ctx, section.items, inner_w, size, 2) if len(section.items) > 1 else None
            widest = max(engine.font(spec["font"]).width(BULLET + i, size) for i in section.items)
            # two columns only when every item stays on one line in its column
            use_two = two is not None and widest <= (inner_w - GAP) / 2
            columns[section.name] = 2 if use_two else 1
            heights.append(two if use_two else one)
        if sum(heights) <= free or size <= spec["min_text_mm"]:
            break
        size = max(float(spec["min_text_mm"]), size * 0.97)
    if sum(heights) > free + 1e-6:
        raise LayoutError(_("{where}: the service lists do not fit the board at the minimum size "
                            "of {minimum} mm; shorten the items or change signs.services in "
                            "paigen.yaml", where=where, minimum=spec["min_text_mm"]))
    blocks = [head_h + 14 + h for h in heights] + ([band_h] if band_h else [])
    space = (body.h - sum(blocks)) / (len(blocks) + 1)  # blocks spaced evenly down the body
    out = list(items)
    y = body.y + space
    head_size = min(max(18.0, size * 1.05), head_h * 0.7)
    for section, height in zip(services, heights, strict=True):
        head = Box(body.x, y, body.w, head_h)
        out.append(Rect(head, fill="party-red", radius=3, name="section"))
        title_box = head.inset(8, (head_h - head_size) / 2)
        out.append(engine.place([section.name], "hei", head_size, title_box, "white", align="left",
                                field=f"services.{section.name}", name="section-title"))
        box = Box(body.x + 6, head.bottom + 14, inner_w, height + 1)
        __, texts = _fit(ctx, section.items, box, size, columns[section.name], f"{where} ({section.name})")
        out += _dots(texts, size)
        y = box.y + height + space
    if band_h:
        out += _band(ctx, Box(body.x, y, body.w, band_h), categories, categories_board, url, cat_size)
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


def _dots(texts: list[Text], size: float) -> list:
    """The list's texts with every bullet's placeholder turned into a small dot."""
    out = []
    for t in texts:
        if t.text == BULLET:
            d = size * DOT
            cx, cy = t.box.x + size * 0.45, t.box.y + size * 0.5
            out.append(Rect(Box(cx - d / 2, cy - d / 2, d, d), fill="party-red", radius=d / 2, name="bullet"))
        else:
            out.append(t)
    return out


def _band(ctx: Context, band: Box, categories: list[str], board, url: str, cat_size: float) -> list:
    """六类服务 in a grid and the QR code at its right: one band as wide as the section bars."""
    engine = ctx.engine
    out: list = []
    qr_w = QR_SIDE + 16 if url else 0.0
    if categories:
        out.append(engine.line("六类服务", "hei", cat_size, band.x, band.y, "party-red",
                               name="categories-title"))
        cols, gap = 3, 8.0
        grid_w = band.w - qr_w
        cw = (grid_w - gap * (cols - 1)) / cols
        font = engine.font("hei")
        name_size = min(cat_size * 0.9, min((cw - 16) / font.ems(c) for c in categories))
        for k, cat in enumerate(categories):
            top = band.y + cat_size * 1.6 + (k // cols) * cat_size * 2.5
            box = Box(band.x + (k % cols) * (cw + gap), top, cw, cat_size * 2.0)
            out.append(Rect(box, fill="pale-red", stroke=Stroke("party-red", 0.6), radius=3, name="category"))
            out.append(engine.place([cat], "hei", name_size, box, "party-red", name="category-name",
                                    field=f"boards/{board.name}"))
    if url:
        box = Box(band.right - QR_SIDE, band.y, QR_SIDE, QR_SIDE)
        out.append(qr_code(url, box))
        out.append(engine.line("扫码关注", "hei", 8.0, box.cx, box.bottom + 2, INK, anchor="center",
                               name="qr-caption"))
    return out


__all__ = ["services_board"]
