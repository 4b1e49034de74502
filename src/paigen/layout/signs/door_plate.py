"""门牌: one 抽插式 plate per room, and a separate strip for each 加挂 name that slides in below it."""

from __future__ import annotations

from dataclasses import replace

from paigen.errors import LayoutError
from paigen.layout.scene import Artwork, Box, Rect, Stroke
from paigen.layout.signs._common import Context, color_note
from paigen.layout.signs._emblem import emblem_items, emblem_note, emblem_space
from paigen.model.profile import Room

PAD = 12.0  # mm around the name inside the plate
SIDE = 10.0  # mm more at the plate's left and right ends
STRIP_PAD = 5.0


def door_plates(ctx: Context) -> list[Artwork]:
    """One plate per room, then one strip artwork per 加挂 name (door-strip-N), names exactly as
    on the guide. A strip is its own piece: it slides into the rail below its plate.

    Every plate of the centre sets its name at one size (the family size): the largest at which
    each name fits its plate in at most two lines, so one corridor reads as one set.
    """
    rooms = ctx.profile.center.rooms
    family = min((_fit(ctx, room, i)[0] for i, room in enumerate(rooms, start=1)), default=None)
    plates, strips = [], []
    for i, room in enumerate(rooms, start=1):
        plates.append(_plate(ctx, room, i, family))
        for k, also in enumerate(room.also):
            strips.append(_strip(ctx, room, i, k, also, len(strips) + 1))
    return plates + strips


def keyline(ctx: Context, sign_type: str) -> float:
    """How far frames and rules stay inside the trim (preset ``keyline_mm``; rails hide the edge)."""
    return float(ctx.spec(sign_type).get("keyline_mm", 8.0))


def _pad(ctx: Context) -> float:
    """The name's distance from the trim: PAD, and clear of the keyline frame."""
    return max(PAD, keyline(ctx, "door-plate") + 4)


def _text_box(ctx: Context, room: Room) -> Box:
    spec = ctx.spec("door-plate")
    w, h = ctx.size("door-plate")
    pad = _pad(ctx)
    side = pad + SIDE  # the name keeps clear of the frame's sides: it reads as a plate, not a strip
    if room.party and emblem_space(ctx):  # the emblem slot on the left
        right = pad + float(spec["emblem_slot_mm"])
        return Box(right + PAD, pad, w - right - PAD - side, h - 2 * pad)
    return Box(side, pad, w - 2 * side, h - 2 * pad)


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
    ground = spec["colors"]["party" if room.party else "other"]
    text_color = spec["colors"]["text"]
    name = f"door-plate-{index}"
    items: list = []
    k = keyline(ctx, "door-plate")
    pad = _pad(ctx)
    text_box = _text_box(ctx, room)
    notes = [color_note(ground, text_color)]
    if room.also:
        notes.append(f"加挂条{len(room.also)}条另见 door-strip 文件，插入本牌下方滑槽")
    if room.party and not emblem_space(ctx):  # no emblem: the name centred on the plate
        notes.append(emblem_note(ctx))
    elif room.party:
        slot = float(spec["emblem_slot_mm"])
        slot_box = Box(pad, (h - slot) / 2, slot, slot)
        placed, note = emblem_items(ctx, slot_box)
        items += placed
        notes.append(note)
    field = f"center.rooms[{index - 1}].name"
    size, lines = _fit(ctx, room, index, family)
    items.append(engine.place(lines, spec["font"], size, text_box, text_color, leading=1.15,
                              field=field, name="name"))
    line = 0.8
    e = k + line / 2  # the stroke's outer edge on the keyline
    border = Rect(Box(e, e, w - 2 * e, h - 2 * e), stroke=Stroke("white", line), radius=2, name="frame")
    return ctx.artwork("door-plate", name, f"门牌 {room.name}", [border, *items],
                       background=ground, size=(w, h), note="；".join(notes))


def _strip(ctx: Context, room: Room, index: int, k: int, also: str, number: int) -> Artwork:
    """One 加挂 strip: the plate's width × strip_mm, the plate's colours, its own trim."""
    spec = ctx.spec("door-plate")
    engine = ctx.engine
    w, _ = ctx.size("door-plate")
    strip = float(spec["strip_mm"])
    ground = spec["colors"]["party" if room.party else "other"]
    text_color = spec["colors"]["text"]
    name = f"door-strip-{number}"
    box = Box(PAD, STRIP_PAD, w - 2 * PAD, strip - 2 * STRIP_PAD)
    size, lines = engine.fit(also, spec["font"], box, min_size=spec["min_strip_text_mm"],
                             max_size=box.h * 0.9, max_lines=1, where=f"{ctx.where(name)} ({also})")
    text = engine.place(lines, spec["font"], size, box, text_color,
                        field=f"center.rooms[{index - 1}].also[{k}]", name="strip")
    plate = f"door-plate-{index}"
    art = ctx.artwork("door-strip", name, f"加挂条 {also}（{room.name}）", [text], background=ground,
                      size=(w, strip), bleed=ctx.bleed("door-plate"),
                      note=f"{color_note(ground, text_color)}；插入 {plate}（门牌 {room.name}）下方滑槽")
    return replace(art, meta={"plate": plate})
