"""The emblem slot a layout reserves: the file of ``assets.emblem`` placed in it, or left empty.

Door plates of party rooms always have one; the preset's ``assets.emblem_in`` adds slots on other
signs (a sign type such as ``guide``) and boards (a board name such as ``入党誓词``).
"""

from __future__ import annotations

from paigen.assets import EMPTY_NOTE, RECENTRED_NOTE, load_emblem
from paigen.layout.scene import Box, Item, Slot
from paigen.layout.signs._common import Context


def wants_emblem(ctx: Context, *names: str) -> bool:
    """Whether the preset's ``assets.emblem_in`` lists the sign type or board among *names*."""
    listed = ctx.settings.section("assets").get("emblem_in") or []
    return any(n in listed for n in names)


def emblem_space(ctx: Context) -> bool:
    """Whether a layout keeps the emblem's slot: when a file is given, or when the county mounts a
    physical emblem on site (``assets.emblem_missing: keep_space``); otherwise the composition is
    re-centred and the slot's space goes to the text."""
    if load_emblem(ctx.settings) is not None:
        return True
    return ctx.settings.section("assets").get("emblem_missing", "recentre") == "keep_space"


def emblem_note(ctx: Context) -> str:
    """The order sheet's note for an emblem position that is not printed."""
    return EMPTY_NOTE if emblem_space(ctx) else RECENTRED_NOTE


def emblem_items(ctx: Context, box: Box) -> tuple[list[Item], str]:
    """The slot's items (the emblem's paths, uniformly scaled and centred) and the artwork's note."""
    emblem = load_emblem(ctx.settings)
    if emblem is None:
        return [Slot(box, "emblem", None)], EMPTY_NOTE
    return [Slot(box, "emblem", emblem.file), *emblem.placed(box)], "党徽（矢量，按比例缩放）"
