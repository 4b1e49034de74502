"""One village's kit laid out and checked before anything is drawn: its sign artworks (each
sign type on its own, so one that cannot be laid out is recorded as missing and the others are
kept), the facade drawings, the documents, and every character no font covers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from paigen.batch.parts import missing_entry
from paigen.errors import FontError, LayoutError
from paigen.fonts.roles import RoleFont
from paigen.i18n import _
from paigen.layout.facade import FacadeKit, facade_kit
from paigen.layout.scene import Artwork
from paigen.layout.signs import SIGN_TYPES, Context
from paigen.layout.text import TextEngine
from paigen.model.profile import Profile
from paigen.model.settings import Settings

if TYPE_CHECKING:
    from paigen.batch.records import BuildOptions


@dataclass
class Kit:
    """Everything one village's kit holds, laid out and checked, before anything is drawn."""

    artworks: list[Artwork] = field(default_factory=list)
    facade: FacadeKit | None = None
    documents: list = field(default_factory=list)  # paigen.docs.DocFile
    missing: list[dict] = field(default_factory=list)  # artworks that could not be laid out

def lay_out(
    profile: Profile,
    settings: Settings,
    roles: dict[str, RoleFont],
    options: BuildOptions,
    peers: tuple[Profile, ...] = (),
) -> Kit:
    """Every artwork of the kit, checked for uncovered characters before anything is drawn.

    *peers* are the other villages of the township: the plan and notices cover all of them.
    """
    engine = TextEngine(roles)
    ctx = Context(profile, settings, engine)
    kit = Kit()
    if "signs" in options.only:
        from paigen.masters._folder import masters_folder

        signs: list[Artwork] = []
        for type_, layout in SIGN_TYPES.items():  # one sign that cannot be laid out: the others are
            try:
                signs += layout(ctx)
            except LayoutError as exc:
                kit.missing.append(missing_entry("signs", type_, settings, exc))
        if masters_folder(settings) is not None:  # the master readers load only for such a county
            from paigen.masters import apply_masters, county_masters

            signs = apply_masters(ctx, signs, county_masters(settings))
        kit.artworks += signs
    if "facade" in options.only and profile.facade.walls:
        try:
            kit.facade = facade_kit(ctx)
            kit.artworks += kit.facade.drawings
        except LayoutError as exc:
            kit.missing.append(missing_entry("facade", "facade", settings, exc))
    if "docs" in options.only:
        from paigen.docs import document_kit

        kit.documents = document_kit(profile, settings, list(peers))
    if engine.missing:
        lines = []
        for miss in engine.missing:
            where = ""
            if profile.origin and miss.field:
                where = f"{profile.origin.locate(_path_of(miss.field))} "
            lines.append(f"  {where}{miss}")
        raise FontError(
            _("{n} character(s) no font can draw; install a font that has them (give its file as "
              "fonts.<role>.path in paigen.yaml) or replace them:", n=len(engine.missing))
            + "\n" + "\n".join(lines)
        )
    return kit

def _path_of(field_path: str) -> tuple:
    """'center.rooms[2].also[0]' → ('center', 'rooms', 2, 'also', 0)."""
    out: list = []
    for part in field_path.replace("]", "").split("."):
        name, *indices = part.split("[")
        out.append(name)
        out += [int(i) if i.isdigit() else i for i in indices]
    return tuple(out)
