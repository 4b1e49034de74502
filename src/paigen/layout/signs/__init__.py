"""Sign types: each a function from a village's context to its artworks.

The kit is the sign types in the order the print shop and installers expect.
"""

from __future__ import annotations

from collections.abc import Callable

from paigen.layout.scene import Artwork
from paigen.layout.signs._common import Context
from paigen.layout.signs.center_name import center_name_sheet
from paigen.layout.signs.door_plate import door_plates
from paigen.layout.signs.guide import guides
from paigen.layout.signs.plaque import plaques
from paigen.layout.signs.wayfinding import wayfindings
from paigen.layout.signs.window import window_plates

SIGN_TYPES: dict[str, Callable[[Context], list[Artwork]]] = {
    "plaque": plaques,
    "door-plate": door_plates,
    "guide": guides,
    "wayfinding": wayfindings,
    "window": window_plates,
    "center-name": center_name_sheet,
}


def sign_kit(ctx: Context) -> list[Artwork]:
    """Every sign artwork of one village, in kit order."""
    return [art for layout in SIGN_TYPES.values() for art in layout(ctx)]


__all__ = ["SIGN_TYPES", "Context", "sign_kit"]
