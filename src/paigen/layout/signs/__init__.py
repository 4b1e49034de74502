"""Sign types: each a function from a village's context to its artworks.

The kit is the sign types in the order the print shop and installers expect.
"""

from __future__ import annotations

from collections.abc import Callable

from paigen.i18n import _, listing
from paigen.layout.scene import Artwork
from paigen.layout.signs._common import Context
from paigen.layout.signs.board import library, rule_boards
from paigen.layout.signs.bulletin import bulletins
from paigen.layout.signs.center_name import center_name_sheet
from paigen.layout.signs.door_plate import door_plates
from paigen.layout.signs.duty import duty_board
from paigen.layout.signs.flow import flow_board
from paigen.layout.signs.guide import guides
from paigen.layout.signs.installation import installation_sheets
from paigen.layout.signs.plaque import plaques
from paigen.layout.signs.plates import banners, rating_plate, service_wall
from paigen.layout.signs.services import services_board
from paigen.layout.signs.vanguard import vanguard_board
from paigen.layout.signs.wayfinding import wayfindings
from paigen.layout.signs.window import window_plates


def _kit(ctx: Context) -> dict:
    return ctx.settings.section("kit")


def _has_service_room(ctx: Context) -> bool:
    return bool(ctx.profile.center.windows)


def flows(ctx: Context) -> list[Artwork]:
    """The 一事一图 flow boards of the kit settings (发展党员, 党费收缴, 组织关系转接, 三会一课)."""
    lib = library(ctx)
    named = {b for r in ctx.profile.center.rooms for b in r.boards}
    wanted = [name for name in _kit(ctx).get("flows", []) if name not in named]
    missing = [name for name in wanted if name not in lib]
    if missing:
        from paigen.errors import LayoutError

        raise LayoutError(_("kit.flows names boards the content library does not have: {names}; "
                            "check the names against the library or remove them from kit.flows "
                            "in paigen.yaml", names=listing(missing)))
    return [flow_board(ctx, lib[name], f"flow-{n}") for n, name in enumerate(wanted, start=1)]


def _when(flag: str, layout: Callable[[Context], list[Artwork]],
          condition: Callable[[Context], bool] | None = None) -> Callable[[Context], list[Artwork]]:
    def run(ctx: Context) -> list[Artwork]:
        if not _kit(ctx).get(flag, True) or (condition and not condition(ctx)):
            return []
        return layout(ctx)

    return run


SIGN_TYPES: dict[str, Callable[[Context], list[Artwork]]] = {
    "plaque": plaques,
    "door-plate": door_plates,
    "guide": guides,
    "wayfinding": wayfindings,
    "window": window_plates,
    "center-name": center_name_sheet,
    "board": rule_boards,
    "flow": flows,
    "duty": _when("duty", duty_board),
    "services": _when("services", services_board, _has_service_room),
    "service-wall": _when("services", service_wall, _has_service_room),
    "rating": _when("rating", rating_plate),
    "vanguard": _when("vanguard", vanguard_board),
    "bulletin": _when("bulletin", bulletins),
    "banner": banners,
    "installation": installation_sheets,
}


def sign_kit(ctx: Context) -> list[Artwork]:
    """Every sign artwork of one village, in kit order."""
    return [art for layout in SIGN_TYPES.values() for art in layout(ctx)]


__all__ = ["SIGN_TYPES", "Context", "sign_kit"]
