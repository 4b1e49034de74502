"""指引牌: on a road, the centre's name, an arrow, the distance and the opening hours."""

from __future__ import annotations

from paigen.layout.scene import Artwork, Box, Rect
from paigen.layout.shapes import arrow
from paigen.layout.signs._common import Context, color_note
from paigen.model.profile import Wayfinding

WORDS = {"左": "左转", "右": "右转", "前": "前行"}


def distance_text(metres: float) -> str:
    """300米, 1.2公里: how distances read on Chinese road signs."""
    if metres >= 1000:
        return f"{metres / 1000:.2f}".rstrip("0").rstrip(".") + "公里"
    return f"{metres:.0f}米"


def wayfindings(ctx: Context) -> list[Artwork]:
    return [_sign(ctx, sign, i) for i, sign in enumerate(ctx.profile.wayfinding, start=1)]


def _sign(ctx: Context, sign: Wayfinding, index: int) -> Artwork:
    spec = ctx.spec("wayfinding")
    engine = ctx.engine
    colors = spec["colors"]
    w, h = ctx.size("wayfinding")
    margin = max(ctx.safe_margin(w, h), 30.0)
    name = f"wayfinding-{index}"
    arrow_side = h - 2 * margin - 20
    arrow_left = sign.direction in ("左", "前")
    arrow_box = Box(margin + 10 if arrow_left else w - margin - 10 - arrow_side, (h - arrow_side) / 2,
                    arrow_side, arrow_side)
    text_x = arrow_box.right + 40 if arrow_left else margin + 10
    text_right = w - margin - 10 if arrow_left else arrow_box.x - 40
    text_w = text_right - text_x
    center = ctx.profile.center
    main_box = Box(text_x, margin + 10, text_w, (h - 2 * margin) * 0.55)
    size, lines = engine.fit(center.name, spec["font"], main_box, min_size=spec["min_text_mm"],
                             max_size=spec["max_text_mm"], max_lines=1, where=f"{ctx.where(name)} name")
    items: list = [
        arrow(arrow_box, sign.direction, colors["arrow"], name="arrow"),
        engine.place(lines, spec["font"], size, main_box, colors["text"], align="left", field="center.name",
                     name="name"),
        Rect(Box(text_x, main_box.bottom + 8, text_w, 2.5), fill=colors["text"], name="rule"),
    ]
    note = f"{WORDS[sign.direction]}{distance_text(sign.distance_m)}"
    if center.hours:
        note += f"\n办公时间 {center.hours}"
    note_box = Box(text_x, main_box.bottom + 22, text_w, h - margin - 5 - (main_box.bottom + 22))
    nsize, nlines = engine.fit(note, spec["font"], note_box, min_size=spec["min_note_mm"],
                               max_size=min(size * 0.6, note_box.h), max_lines=2, keep=[center.hours],
                               where=f"{ctx.where(name)} note")
    items.append(engine.place(nlines, spec["font"], nsize, note_box, colors["text"], align="left",
                              valign="top", field=f"wayfinding[{index - 1}]", name="note"))
    return ctx.artwork("wayfinding", name, f"指引牌 {sign.place}（{WORDS[sign.direction]}"
                       f"{distance_text(sign.distance_m)}）", items, background=colors["ground"],
                       note=f"{color_note(colors['ground'], colors['text'])}；反光膜，夜间可视；"
                            f"设置于{sign.place}")
