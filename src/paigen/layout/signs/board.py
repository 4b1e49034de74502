"""制度牌 (600 × 800): the rule boards the rooms name, filled from the content library, their
text at the largest size that fits the body (up to the preset's reading-distance cap), centred."""

from __future__ import annotations

from paigen.errors import LayoutError
from paigen.i18n import _
from paigen.layout.blocks import Item, Para, best_columns, cn_label, count_inside, fit_blocks
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


def text_board(ctx: Context, board: BoardText, name: str, sign_type: str = "board",
               size: tuple[float, int] | None = None) -> Artwork:
    """One rule board: title band, the text fitted to the body, footer.

    *size* (body size, columns) sets the text at a wall's shared size instead of its own largest."""
    spec = ctx.spec(sign_type)
    emblem: list[str] | None = [] if wants_emblem(ctx, board.name) else None
    items, body = chrome(ctx, sign_type, board.title, name, emblem=emblem)
    if board.kind not in ("text", "items"):
        raise LayoutError(_("{where}: '{board}' is a {kind} board, not a text board; name a text "
                            "board of the content library", where=ctx.where(name), board=board.name,
                            kind=board.kind))
    where, field = f"{ctx.where(name)} ({board.name})", f"boards/{board.name}"
    if size is not None:
        __, texts = fit_blocks(ctx.engine, board_blocks(board), spec["font"], body, min_size=size[0],
                              max_size=size[0], color=INK, columns=size[1], gutter=24.0,
                              valign="middle", where=where, field=field, spread=0.8)
    else:
        __, texts, __ = _natural(ctx, board, body, items, spec, where, field)
    return ctx.artwork(
        sign_type,
        name,
        f"制度牌 {board.title}",
        items + texts,
        background="white",
        note="；".join([f"红色标题栏白字，正文黑字；依据：{board.source}", *(emblem or [])]),
        meta={"body": body},
    )


def _natural(ctx: Context, board: BoardText, body, items, spec, where: str, field: str):
    """The board's text at its own largest size: (size, texts, columns)."""
    return best_columns(
        ctx.engine,
        board_blocks(board),
        spec["font"],
        body,
        min_size=spec["min_text_mm"],
        max_size=min(float(spec.get("max_text_mm", 24.0)), title_size(items)),  # the title heads the text
        color=INK,
        gutter=24.0,
        valign="middle",
        where=where,
        field=field,
    )


def wall_sizes(sizes: list[float]) -> list[float]:
    """One wall, one voice: the boards' own sizes grouped into at most two sizes, each group at its
    smallest, grouped so the text loses the least (入党誓词 large, the longer texts at one size)."""
    if len(sizes) <= 1:
        return list(sizes)
    order = sorted(range(len(sizes)), key=lambda i: -sizes[i])
    best = None
    for cut in range(1, len(order) + 1):  # the largest `cut` boards form the first group
        big, small = order[:cut], order[cut:]
        shared = {i: min(sizes[j] for j in big) for i in big}
        if small:
            shared |= {i: min(sizes[j] for j in small) for i in small}
        loss = sum(1 - shared[i] / sizes[i] for i in shared)
        if best is None or loss < best[0] - 1e-9:
            best = (loss, shared)
    return [best[1][i] for i in range(len(sizes))]


def _between_words(ctx: Context, boards: list, size: float) -> float:
    """Down to 12 % below *size*: the largest at which every board breaks inside a word at most once."""
    spec = ctx.spec("board")

    def worst(at: float) -> int:
        return max(count_inside(ctx.engine, board_blocks(board), spec["font"], at,
                                (body.w - 24.0 * (columns - 1)) / columns, columns)
                   for body, board, columns in boards)

    best = (worst(size), size)
    step = 1
    while best[0] > 1 and step <= 12 and size * (1 - 0.01 * step) >= spec["min_text_mm"]:
        at = round(size * (1 - 0.01 * step), 2)
        found = worst(at)
        if found < best[0]:
            best = (found, at)
        step += 1
    return best[1]


def rule_boards(ctx: Context) -> list[Artwork]:
    """The boards the rooms name: text boards from the library, flows drawn as flowcharts.

    The text boards of one room hang on one wall and share at most two body sizes."""
    lib = library(ctx)
    plan = [(room, name, f"board-{n}") for n, (room, name) in enumerate(room_boards(ctx), start=1)]
    shared: dict[str, tuple[float, int]] = {}
    bodies: dict = {}
    names: dict[str, str] = {}
    for room in dict.fromkeys(r for r, __, __ in plan):
        natural = {}
        for __, name, art in (p for p in plan if p[0] == room and lib[p[1]].kind != "flow"):
            spec = ctx.spec("board")
            items, body = chrome(ctx, "board", lib[name].title, art,
                                 emblem=[] if wants_emblem(ctx, name) else None)
            size, __, columns = _natural(ctx, lib[name], body, items, spec,
                                        f"{ctx.where(art)} ({name})", f"boards/{name}")
            natural[art] = (size, columns)
            bodies[art], names[art] = body, name
        sizes = wall_sizes([s for s, __ in natural.values()])
        for size in set(sizes):  # a group's size a little smaller if that keeps its lines between words
            group = [art for art, s in zip(natural, sizes, strict=True) if s == size]
            best = _between_words(ctx, [(bodies[a], lib[names[a]], natural[a][1]) for a in group], size)
            shared |= {art: (best, natural[art][1]) for art in group}
    out = []
    for __, name, art in plan:
        board = lib[name]
        if board.kind == "flow":
            out.append(flow_board(ctx, board, art))
        else:
            out.append(text_board(ctx, board, art, size=shared.get(art)))
    return out
