"""制度牌 (600 × 800): the board frame shared by rule, flow, duty and service boards, and the
rule boards the rooms name, filled from the content library."""

from __future__ import annotations

from dataclasses import replace

from paigen.errors import LayoutError
from paigen.layout.blocks import Item, Para, best_columns, cn_label
from paigen.layout.scene import Artwork, Box, Rect, Stroke
from paigen.layout.signs._common import Context
from paigen.layout.signs._emblem import emblem_items, wants_emblem
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
    is appended to the list."""
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
    if emblem is not None:
        side = min(title_box.h, band_h - 2 * margin)
        slot = Box(title_box.x, (band_h - side) / 2, side, side)
        placed, note = emblem_items(ctx, slot)
        items += placed
        emblem.append(note)
        title_box = Box(slot.right + 10, title_box.y, title_box.right - slot.right - 10 - side / 2,
                        title_box.h)
    size_t, lines = engine.fit(
        title,
        spec.get("title_font", "title"),
        title_box,
        min_size=spec.get("min_title_mm", 20),
        max_size=min(90.0, title_box.h),
        max_lines=2,
        balanced=True,
        leading=1.15,
        where=f"{ctx.where(name)} title",
    )
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


def library(ctx: Context) -> dict[str, BoardText]:
    """The content library in the wording of the village's organisation type (村, 社区 …)."""
    return worded_library(board_library(ctx.settings.base_dir), ctx.settings, ctx.profile.village.type)


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


def board_blocks(board: BoardText) -> list:
    """The board's text as blocks: intro, numbered items, closing; or paragraphs."""
    if board.kind == "text":
        return [Para(p) for p in board.paragraphs]
    blocks: list = [Para(board.intro, indent=True)] if board.intro else []
    blocks += [Item(cn_label(i), text) for i, text in enumerate(board.items, start=1)]
    if board.closing:
        blocks.append(Para(board.closing, indent=True))
    return blocks


def text_board(ctx: Context, board: BoardText, name: str, sign_type: str = "board") -> Artwork:
    """One rule board: title band, the text fitted to the body, footer."""
    spec = ctx.spec(sign_type)
    emblem: list[str] | None = [] if wants_emblem(ctx, board.name) else None
    items, body = chrome(ctx, sign_type, board.title, name, emblem=emblem)
    if board.kind not in ("text", "items"):
        raise LayoutError(f"{ctx.where(name)}: '{board.name}' is a {board.kind} board, not a text board")
    _, texts, _ = best_columns(
        ctx.engine,
        board_blocks(board),
        spec["font"],
        body,
        min_size=spec["min_text_mm"],
        max_size=24.0,
        color=INK,
        gutter=24.0,
        where=f"{ctx.where(name)} ({board.name})",
        field=f"boards/{board.name}",
    )
    return ctx.artwork(
        sign_type,
        name,
        f"制度牌 {board.title}",
        items + texts,
        background="white",
        note="；".join([f"红色标题栏白字，正文黑字；依据：{board.source}", *(emblem or [])]),
    )


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


def rule_boards(ctx: Context) -> list[Artwork]:
    """The boards the rooms name: text boards from the library, flows drawn as flowcharts."""
    from paigen.layout.signs.flow import flow_board

    lib = library(ctx)
    out = []
    for n, (_, name) in enumerate(room_boards(ctx), start=1):
        board = lib[name]
        if board.kind == "flow":
            out.append(flow_board(ctx, board, f"board-{n}"))
        else:
            out.append(text_board(ctx, board, f"board-{n}"))
    return out
