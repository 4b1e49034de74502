"""指引牌: on a road, the centre's name, an arrow, the distance and (optionally) the opening hours."""

from __future__ import annotations

from paigen.errors import LayoutError
from paigen.i18n import _, listing
from paigen.layout.scene import Artwork, Box, Rect
from paigen.layout.shapes import arrow
from paigen.layout.signs._common import Context, color_note
from paigen.layout.text import block_height
from paigen.model.profile import Wayfinding

WORDS = {"左": "左转", "右": "右转", "前": "前行"}


def distance_text(metres: float) -> str:
    """300米, 1.2公里: how distances read on Chinese road signs."""
    if metres >= 1000:
        return f"{metres / 1000:.2f}".rstrip("0").rstrip(".") + "公里"
    return f"{metres:.0f}米"


def wayfindings(ctx: Context) -> list[Artwork]:
    return [_sign(ctx, sign, i) for i, sign in enumerate(ctx.profile.wayfinding, start=1)]


LONG_FORM, SHORT_FORM = "党员群众服务中心", "党群服务中心"  # the centre's name and its usual short form


def road_names(center: str, village: str, short: str) -> list[str]:
    """The centre's name as the road sign may give it, longest first: as written, with the
    village's short name (五连党员群众服务中心 for a long 兵团 name), then with 党群服务中心 for
    党员群众服务中心 — the usual short form."""
    names = [center]
    if short and village in center:
        names.append(center.replace(village, short))
    names += [n.replace(LONG_FORM, SHORT_FORM) for n in list(names) if LONG_FORM in n]
    return list(dict.fromkeys(names))


ARROW = 0.55  # arrow side, of the sign height
NAME = 0.66  # the name's share of the height inside the margins
DISTANCE = 0.62  # the distance's size at most, of the name's: the second-largest item
HOURS = 0.6  # the opening hours' size at most, of the distance's


def _sign(ctx: Context, sign: Wayfinding, index: int) -> Artwork:
    """The centre's name largest (≥ the preset's min_text_mm, two lines before shrinking), the
    direction and distance second, the opening hours smaller and only when the preset asks."""
    spec = ctx.spec("wayfinding")
    engine = ctx.engine
    colors = spec["colors"]
    w, h = ctx.size("wayfinding")
    margin = max(ctx.safe_margin(w, h), 30.0)
    name = f"wayfinding-{index}"
    arrow_side = h * ARROW
    arrow_left = sign.direction in ("左", "前")
    arrow_box = Box(margin + 10 if arrow_left else w - margin - 10 - arrow_side, (h - arrow_side) / 2,
                    arrow_side, arrow_side)
    text_x = arrow_box.right + 30 if arrow_left else margin + 10
    text_right = w - margin - 10 if arrow_left else arrow_box.x - 30
    text_w = text_right - text_x
    center = ctx.profile.center
    inner_h = h - 2 * margin
    main_box = Box(text_x, margin + 5, text_w, inner_h * NAME)
    v = ctx.profile.village
    names = road_names(center.name, v.name, v.short_name)
    # Each form whole words first (a word split across lines reads badly at speed), then each
    # form broken between characters, as the text engine does for a word longer than the line.
    tries = [(text, True) for text in names] + [(text, False) for text in names]
    for k, (text, whole) in enumerate(tries):
        try:
            size, lines = engine.fit(text, spec["font"], main_box, min_size=spec["min_text_mm"],
                                     max_size=spec["max_text_mm"], max_lines=2, balanced=True,
                                     leading=1.1, where=f"{ctx.where(name)} name",
                                     **({"words": False, "_whole": True} if whole else {}))
            break
        except LayoutError:
            if k + 1 == len(tries):
                fields = {"where": ctx.where(name), "tried": listing(names),
                          "minimum": spec["min_text_mm"]}
                if not v.short_name and v.name in center.name:
                    raise LayoutError(_(
                        "{where}: the centre's name does not fit the road sign in two lines at the "
                        "minimum size of {minimum} mm (tried: {tried}); give village.short_name "
                        "for road signs and plaques, or change signs.wayfinding in paigen.yaml",
                        **fields)) from None
                if v.name not in center.name:
                    raise LayoutError(_(
                        "{where}: the centre's name does not fit the road sign in two lines at the "
                        "minimum size of {minimum} mm (tried: {tried}); give center.name a shorter "
                        "form, or change signs.wayfinding in paigen.yaml", **fields)) from None
                raise LayoutError(_(
                    "{where}: the centre's name does not fit the road sign in two lines at the "
                    "minimum size of {minimum} mm (tried: {tried}); shorten the name or change "
                    "signs.wayfinding in paigen.yaml", **fields)) from None
    distance = f"{WORDS[sign.direction]}{distance_text(sign.distance_m)}"
    hours = f"办公时间 {center.hours}" if center.hours and spec.get("show_hours", False) else ""
    name_h = block_height(len(lines), size, 1.1)
    room = inner_h - name_h - 24  # below the name: rule, distance and hours
    dsize = min(size * DISTANCE, room / (1 + HOURS * 1.15) if hours else room)
    dsize = min(dsize, text_w / engine.font(spec["font"]).ems(distance))
    if dsize < spec["min_note_mm"]:
        raise LayoutError(_("{where}: the distance line would be {size} mm, below the minimum of "
                            "{minimum} mm; change signs.wayfinding in paigen.yaml",
                            where=ctx.where(name), size=f"{dsize:.0f}", minimum=spec["min_note_mm"]))
    hsize = dsize * HOURS if hours else 0.0
    total = name_h + 24 + dsize + (hsize * 1.15 if hours else 0.0)
    top = margin + (inner_h - total) / 2  # the block centred on the sign, level with the arrow
    name_text = engine.place(lines, spec["font"], size, Box(text_x, top, text_w, name_h), colors["text"],
                             align="left", leading=1.1, field="center.name", name="name")
    rule_y = top + name_h + 8
    items: list = [
        arrow(arrow_box, sign.direction, colors["arrow"], name="arrow"),
        name_text,
        Rect(Box(text_x, rule_y, text_w, 2.5), fill=colors["text"], name="rule"),
        engine.line(distance, spec["font"], dsize, text_x, rule_y + 16, colors["text"],
                    field=f"wayfinding[{index - 1}]", name="note"),
    ]
    if hours:
        items.append(engine.line(hours, spec["font"], hsize, text_x, rule_y + 16 + dsize + hsize * 0.15,
                                 colors["text"], field="center.hours", name="hours"))
    return ctx.artwork("wayfinding", name, f"指引牌 {sign.place}（{WORDS[sign.direction]}"
                       f"{distance_text(sign.distance_m)}）", items, background=colors["ground"],
                       note=f"{color_note(colors['ground'], colors['text'])}；反光膜，夜间可视；"
                            f"设置于{sign.place}")
