"""制度牌 (600 × 800): the rule boards the rooms name, filled from the content library, their
text at the largest size that fits the body (up to the preset's reading-distance cap), centred."""

from __future__ import annotations

from paigen.errors import LayoutError
from paigen.layout.blocks import Item, Para, best_columns, cn_label
from paigen.layout.scene import Artwork
from paigen.layout.signs._common import Context
from paigen.layout.signs._emblem import wants_emblem
from paigen.layout.signs.flow import flow_board
from paigen.layout.signs.frame import INK, chrome, library, room_boards, title_size
from paigen.model.boards import BoardText

__all__ = ["INK", "board_blocks", "chrome", "library", "room_boards", "rule_boards", "text_board"]


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
        max_size=min(float(spec.get("max_text_mm", 24.0)), title_size(items)),  # the title heads the text
        color=INK,
        gutter=24.0,
        valign="middle",
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
        meta={"body": body},
    )


def rule_boards(ctx: Context) -> list[Artwork]:
    """The boards the rooms name: text boards from the library, flows drawn as flowcharts."""
    lib = library(ctx)
    out = []
    for n, (_, name) in enumerate(room_boards(ctx), start=1):
        board = lib[name]
        if board.kind == "flow":
            out.append(flow_board(ctx, board, f"board-{n}"))
        else:
            out.append(text_board(ctx, board, f"board-{n}"))
    return out
