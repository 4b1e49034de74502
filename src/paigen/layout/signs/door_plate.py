"""门牌: one 抽插式 plate per room, with a strip below it for each 加挂 name."""

from __future__ import annotations

from paigen.errors import LayoutError
from paigen.layout.scene import Artwork, Box, Rect, Slot, Stroke
from paigen.layout.signs._common import Context, color_note
from paigen.model.profile import Room

PAD = 12.0  # mm around the name inside the plate
STRIP_PAD = 5.0


def door_plates(ctx: Context) -> list[Artwork]:
    """One artwork per room: plate on top, strips below, names exactly as on the guide.

    Every plate of the centre sets its name at one size (the family size): the largest at which
    each name fits its plate in at most two lines, so one corridor reads as one set.
    """
    rooms = ctx.profile.center.rooms
    family = min((_fit(ctx, room, i)[0] for i, room in enumerate(rooms, start=1)), default=None)
    return [_plate(ctx, room, i, family) for i, room in enumerate(rooms, start=1)]


def _text_box(ctx: Context, room: Room) -> Box:
    spec = ctx.spec("door-plate")
    w, h = ctx.size("door-plate")
    if room.party:
        slot = float(spec["emblem_slot_mm"])
        return Box(PAD + slot + PAD, PAD, w - slot - 3 * PAD, h - 2 * PAD)
    return Box(PAD, PAD, w - 2 * PAD, h - 2 * PAD)


def _fit(ctx: Context, room: Room, index: int, size: float | None = None) -> tuple[float, list[str]]:
    """The room name's size and lines: at most two lines, one when it fits at that size."""
    spec = ctx.spec("door-plate")
    low = float(spec["min_text_mm"])
    high = float(spec["max_text_mm"]) if size is None else max(size, low)
    where = f"{ctx.where(f'door-plate-{index}')} ({room.name})"
    box = _text_box(ctx, room)
    if size is not None:
        try:  # one line at the family size
            return ctx.engine.fit(room.name, spec["font"], box, min_size=high, max_size=high,
                                  max_lines=1, leading=1.15, where=where)
        except LayoutError:
            pass
    return ctx.engine.fit(room.name, spec["font"], box, min_size=min(low, high), max_size=high,
                          max_lines=2, balanced=True, leading=1.15, where=where)


def _plate(ctx: Context, room: Room, index: int, family: float | None = None) -> Artwork:
    spec = ctx.spec("door-plate")
    engine = ctx.engine
    w, h = ctx.size("door-plate")
    strip = float(spec["strip_mm"])
    ground = spec["colors"]["party" if room.party else "other"]
    text_color = spec["colors"]["text"]
    total = h + strip * len(room.also)
    name = f"door-plate-{index}"
    items: list = []
    text_box = _text_box(ctx, room)
    if room.party:
        slot = float(spec["emblem_slot_mm"])
        slot_box = Box(PAD, (h - slot) / 2, slot, slot)
        items.append(Slot(slot_box, "emblem", ctx.settings.section("assets").get("emblem")))
    field = f"center.rooms[{index - 1}].name"
    size, lines = _fit(ctx, room, index, family)
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
