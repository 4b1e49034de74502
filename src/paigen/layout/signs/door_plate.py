"""门牌: one 抽插式 plate per room, with a strip below it for each 加挂 name."""

from __future__ import annotations

from paigen.layout.scene import Artwork, Box, Rect, Slot, Stroke
from paigen.layout.signs._common import Context, color_note
from paigen.model.profile import Room

PAD = 12.0  # mm around the name inside the plate
STRIP_PAD = 5.0


def door_plates(ctx: Context) -> list[Artwork]:
    """One artwork per room: plate on top, strips below, names exactly as on the guide."""
    return [_plate(ctx, room, i) for i, room in enumerate(ctx.profile.center.rooms, start=1)]


def _plate(ctx: Context, room: Room, index: int) -> Artwork:
    spec = ctx.spec("door-plate")
    engine = ctx.engine
    w, h = ctx.size("door-plate")
    strip = float(spec["strip_mm"])
    ground = spec["colors"]["party" if room.party else "other"]
    text_color = spec["colors"]["text"]
    total = h + strip * len(room.also)
    name = f"door-plate-{index}"
    items: list = []
    text_box = Box(PAD, PAD, w - 2 * PAD, h - 2 * PAD)
    if room.party:
        slot = float(spec["emblem_slot_mm"])
        slot_box = Box(PAD, (h - slot) / 2, slot, slot)
        items.append(Slot(slot_box, "emblem", ctx.settings.section("assets").get("emblem")))
        text_box = Box(slot_box.right + PAD, PAD, w - slot_box.right - 2 * PAD, h - 2 * PAD)
    field = f"center.rooms[{index - 1}].name"
    size, lines = engine.fit(room.name, spec["font"], text_box, min_size=spec["min_text_mm"],
                             max_size=spec["max_text_mm"], max_lines=2, balanced=True, leading=1.15,
                             one_line_bias=1.5, where=f"{ctx.where(name)} ({room.name})")
    items.append(engine.place(lines, spec["font"], size, text_box, text_color, leading=1.15,
                              field=field, name="name"))
    for k, also in enumerate(room.also):
        top = h + k * strip
        bleed = ctx.bleed("door-plate")
        items.append(Rect(Box(-bleed, top - 0.4, w + 2 * bleed, 0.8), fill="white", name="strip-cut"))
        box = Box(PAD, top + STRIP_PAD, w - 2 * PAD, strip - 2 * STRIP_PAD)
        size_s, lines_s = engine.fit(also, spec["font"], box, min_size=spec["min_strip_text_mm"],
                                     max_size=box.h * 0.9, max_lines=1,
                                     where=f"{ctx.where(name)} strip ({also})")
        items.append(engine.place(lines_s, spec["font"], size_s, box, text_color,
                                  field=f"center.rooms[{index - 1}].also[{k}]", name="strip"))
    strips = f"，加挂条{len(room.also)}条" if room.also else ""
    border = Rect(Box(3, 3, w - 6, h - 6), stroke=Stroke("white", 0.8), radius=2, name="frame")
    return ctx.artwork("door-plate", name, f"门牌 {' / '.join(room.names)}", [border, *items],
                       background=ground, size=(w, total),
                       note=f"{color_note(ground, text_color)}{strips}")
