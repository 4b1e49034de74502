"""The template variables a slot may use, per sign type, and their values for one artwork.

Every type offers ``village``, ``center``, ``sign`` (the artwork's title and name) and ``texts``
(each text of the built-in design by its name, with its line breaks, so a master can place any
of them). Board types
add ``board``: the library text, with ``body`` as one paragraph per line (items keep their
（一） labels).
"""

from __future__ import annotations

from dataclasses import fields

from paigen.layout.blocks import cn_label
from paigen.model.boards import BoardText
from paigen.model.profile import Center, VillageInfo

SIGN = ("title", "name", "type", "quantity", "material")
BOARD = ("name", "title", "kind", "source", "body", "intro", "items", "closing", "paragraphs", "steps")
BOARD_TYPES = ("board", "flow")


def _names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def variables_of(sign_type: str) -> dict[str, tuple[str, ...]]:
    """Variable → its attributes (empty: any key) for slots of *sign_type*."""
    out: dict[str, tuple[str, ...]] = {
        "village": _names(VillageInfo),
        "center": _names(Center),
        "sign": SIGN,
        "texts": (),
    }
    if sign_type in BOARD_TYPES:
        out["board"] = BOARD
    return out


def board_body(board: BoardText) -> str:
    """The board's running text, one paragraph or labelled item per line."""
    if board.kind == "flow":
        return "\n".join(board.steps)
    if board.kind == "text":
        return "\n".join(board.paragraphs)
    parts = [board.intro] if board.intro else []
    parts += [f"{cn_label(i)}{text}" for i, text in enumerate(board.items, start=1)]
    if board.closing:
        parts.append(board.closing)
    return "\n".join(parts)


def board_values(board: BoardText) -> dict:
    return {
        "name": board.name,
        "title": board.title,
        "kind": board.kind,
        "source": board.source,
        "body": board_body(board),
        "intro": board.intro,
        "items": list(board.items),
        "closing": board.closing,
        "paragraphs": list(board.paragraphs),
        "steps": board.steps,
    }


def text_names(texts) -> list[str]:
    """A unique name for each text item: its own name, then -2, -3… for repeats."""
    out: list[str] = []
    counts: dict[str, int] = {}
    for item in texts:
        base = item.name or "text"
        counts[base] = counts.get(base, 0) + 1
        out.append(base if counts[base] == 1 else f"{base}-{counts[base]}")
    return out


def joined(text: str) -> str:
    """A laid-out text's lines as one string again (CJK lines join without a space)."""
    lines = text.split("\n")
    out = lines[0]
    for line in lines[1:]:
        gap = (
            " "
            if out[-1:].isascii() and out[-1:].isalnum() and line[:1].isascii() and line[:1].isalnum()
            else ""
        )
        out += gap + line
    return out
