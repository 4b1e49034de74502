"""The 600 × 800 board frame shared by rule, flow, duty and service boards (and the wide
bulletin and vanguard boards): title band, footer with the centre's name, frame, body box.

All 60 × 80 board titles of one kit share one size: the largest at which every one of them fits
its band in at most two lines, so a corridor of boards reads as one set.
"""

from __future__ import annotations

from dataclasses import replace

from paigen.errors import LayoutError
from paigen.layout.scene import Box, Rect, Stroke, Text
from paigen.layout.signs._common import Context
from paigen.layout.signs._emblem import emblem_items, emblem_note, emblem_space
from paigen.model.boards import BoardText, board_library

BAND = 0.16  # title band, of the board height
FOOT = 0.06  # footer band, of the board height
INK = "black"


def chrome(
    ctx: Context, sign_type: str, title: str, name: str, size: tuple[float, float] | None = None,
    emblem: list | None = None,
) -> tuple[list, Box]:
    """Title band, footer with the centre's name and frame; return the items and the body box.

    With *emblem* (a list), the title band gets an emblem slot on the left and the slot's note
    is appended to the list; the title keeps the family size where it still fits beside it."""
    spec = ctx.spec(sign_type)
    engine = ctx.engine
    w, h = size or ctx.size(sign_type)
    margin = ctx.safe_margin(w, h)
    band_h, foot_h = h * BAND, h * FOOT
    items: list = [
        Rect(Box(-20, -20, w + 40, band_h + 20), fill="party-red", name="title-band"),
        Rect(Box(-20, band_h, w + 40, 4), fill="gold", name="title-rule"),
        Rect(Box(-20, h - foot_h, w + 40, foot_h + 20), fill="party-red", name="footer-band"),
    ]
    title_box = Box(margin + 20, margin + 4, w - 2 * margin - 40, band_h - margin - 14)
    family = family_title_size(ctx, sign_type, title_box) if size is None else None
    if emblem is not None and not emblem_space(ctx):  # no emblem: the title stays centred
        emblem.append(emblem_note(ctx))
    elif emblem is not None:
        side = min(title_box.h, band_h - 2 * margin)
        slot = Box(title_box.x, (band_h - side) / 2, side, side)
        placed, note = emblem_items(ctx, slot)
        items += placed
        emblem.append(note)
        title_box = Box(slot.right + 10, title_box.y, title_box.right - slot.right - 10 - side / 2,
                        title_box.h)
    size_t, lines = _title_fit(ctx, sign_type, title, title_box, name, family)
    items.append(
        engine.place(
            lines, spec.get("title_font", "title"), size_t, title_box, "white", leading=1.15, name="title"
        )
    )
    foot_box = Box(margin + 10, h - foot_h + 8, w - 2 * margin - 20, foot_h - 8 - margin)
    center = ctx.profile.center.name
    fs, flines = engine.fit(
        center,
        "hei",
        foot_box,
        min_size=6,
        max_size=min(24.0, foot_box.h),
        max_lines=1,
        where=f"{ctx.where(name)} footer",
    )
    items.append(engine.place(flines, "hei", fs, foot_box, "white", field="center.name", name="footer"))
    keyline = float(spec.get("keyline_mm", 10.0)) + 0.6  # the frame's outer edge stays this far inside
    items.append(
        Rect(
            Box(keyline, band_h + 12, w - 2 * keyline, h - foot_h - band_h - 24),
            stroke=Stroke("party-red", 1.2),
            name="frame",
        )
    )
    pad = max(margin, 10.0) + 18
    body = Box(pad, band_h + 30, w - 2 * pad, h - band_h - foot_h - 60)
    return items, body


def title_size(items: list) -> float:
    """The size of the board title among *items* of :func:`chrome`: the cap of its body text."""
    return next(i.size for i in items if isinstance(i, Text) and i.name == "title")


def room_boards(ctx: Context) -> list[tuple[int, str]]:
    """(room index, board name) for every board the rooms name, in room order, once each."""
    seen: set[str] = set()
    out = []
    for i, room in enumerate(ctx.profile.center.rooms):
        for board in room.boards:
            if board not in seen:
                seen.add(board)
                out.append((i, board))
    return out


def library(ctx: Context) -> dict[str, BoardText]:
    """The content library in the wording of the village's organisation type (村, 社区 …)."""
    if "library" not in ctx.memo:  # reworded once per kit, not once per board that asks
        ctx.memo["library"] = worded_library(board_library(ctx.settings.base_dir), ctx.settings,
                                             ctx.profile.village.type)
    return ctx.memo["library"]


def worded_library(boards: dict[str, BoardText], settings, village_type: str) -> dict[str, BoardText]:
    if not settings.wording(village_type)["terms"]:
        return boards

    def say(text: str) -> str:
        return settings.reword(text, village_type)

    out = {}
    for name, b in boards.items():
        out[name] = replace(
            b, title=say(b.title), paragraphs=tuple(map(say, b.paragraphs)), intro=say(b.intro),
            items=tuple(map(say, b.items)), closing=say(b.closing), slogans=tuple(map(say, b.slogans)),
            stages=tuple(replace(s, name=say(s.name), steps=tuple(map(say, s.steps))) for s in b.stages))
    return out


FAMILY = ("board", "flow", "duty", "services")  # the 60 × 80 boards whose titles share one size


def kit_titles(ctx: Context) -> list[str]:
    """The titles of every 60 × 80 board of the kit: the rooms' boards, the flows, duty, services."""
    lib = library(ctx)
    kit = ctx.settings.section("kit")
    named = [name for _, name in room_boards(ctx)]
    titles = [lib[n].title for n in named if n in lib]
    titles += [lib[n].title for n in kit.get("flows", []) if n in lib and n not in named]
    if kit.get("duty", True) and ctx.profile.duty and ctx.profile.duty.week:
        titles.append("坐班值班表")
    if kit.get("services", True) and ctx.profile.services and ctx.profile.center.windows:
        titles.append("服务内容")
    return titles


def _title_fit(ctx: Context, sign_type: str, title: str, box: Box, name: str,
               size: float | None = None) -> tuple[float, list[str]]:
    spec = ctx.spec(sign_type)
    low = spec.get("min_title_mm", 20)
    high = min(90.0, box.h) if size is None else max(size, low)
    return ctx.engine.fit(title, spec.get("title_font", "title"), box, min_size=min(low, high),
                          max_size=high, max_lines=2, balanced=True, leading=1.15,
                          where=f"{ctx.where(name)} title")


def family_title_size(ctx: Context, sign_type: str, box: Box) -> float | None:
    """The one title size of the kit's 60 × 80 boards (None for other board types)."""
    if sign_type not in FAMILY:
        return None
    key = ("board-title", round(box.w, 3), round(box.h, 3))
    if key not in ctx.memo:
        sizes = []
        for title in kit_titles(ctx):
            try:
                sizes.append(_title_fit(ctx, sign_type, title, box, "board")[0])
            except LayoutError:  # that board reports its own error when it is laid out
                continue
        ctx.memo[key] = min(sizes) if sizes else None
    return ctx.memo[key]
