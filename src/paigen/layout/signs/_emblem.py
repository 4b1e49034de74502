"""The emblem slot a layout reserves: the file of ``assets.emblem`` placed in it, or left empty.

Door plates of party rooms always have one; the preset's ``assets.emblem_in`` adds slots on other
signs (a sign type such as ``guide``) and boards (a board name such as ``入党誓词``).
"""

from __future__ import annotations

from paigen.assets import EMPTY_NOTE, load_emblem
from paigen.layout.scene import Box, Item, Slot
from paigen.layout.signs._common import Context


def wants_emblem(ctx: Context, *names: str) -> bool:
    """Whether the preset's ``assets.emblem_in`` lists the sign type or board among *names*."""
    listed = ctx.settings.section("assets").get("emblem_in") or []
    return any(n in listed for n in names)


def emblem_items(ctx: Context, box: Box) -> tuple[list[Item], str]:
    """The slot's items (the emblem's paths, uniformly scaled and centred) and the artwork's note."""
    emblem = load_emblem(ctx.settings)
    if emblem is None:
        return [Slot(box, "emblem", None)], EMPTY_NOTE
    return [Slot(box, "emblem", emblem.file), *emblem.placed(box)], "党徽（矢量，按比例缩放）"
