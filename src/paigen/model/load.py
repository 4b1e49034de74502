"""Validate a located document into a :class:`Profile` and fill in the derived names."""

from __future__ import annotations

import dataclasses
from pathlib import PurePath

from paigen._pattern import fill
from paigen.errors import ProfileError, did_you_mean
from paigen.i18n import _, listing
from paigen.model._checks import check_profile
from paigen.model._convert import Converter
from paigen.model.boards import board_library
from paigen.model.profile import ORG_TYPES, SCHEMA, Center, Origin, Profile, VillageInfo
from paigen.model.settings import Settings
from paigen.sources._tree import Document

_PARTY_ORG_NAMES = {
    "支部": "中共{name}支部委员会",
    "总支": "中共{name}总支部委员会",
    "党委": "中共{name}委员会",
}
_COMMITTEE = {"村": "{name}村民委员会", "社区": "{name}居民委员会"}
_SUPERVISION = {"村": "{name}村务监督委员会", "社区": "{name}居务监督委员会"}


def profile_from_document(doc: Document, settings: Settings) -> Profile:
    """Convert and cross-check *doc*; raise :class:`ProfileError` listing every problem."""
    conv = Converter(doc)
    data = doc.data
    if isinstance(data, dict) and "schema" in data and data["schema"] != SCHEMA:
        conv.problem(("schema",), _("'{value}' is not a schema paigen knows", value=data["schema"]),
                     _("write schema: {schema}", schema=SCHEMA))
    kwargs = conv.fields_of(Profile, data, ())
    library = board_library(settings.base_dir)
    check_profile(conv, known_boards=library)
    _check_org_type(conv, settings)
    note = ""
    village = kwargs.get("village") if isinstance(kwargs, dict) else None
    if isinstance(village, VillageInfo) and not _type_given(data):
        kind, note = recognise_type(village.name, village.township, settings.org_types)
        kwargs["village"] = village = dataclasses.replace(village, type=kind)
    _check_board_types(conv, settings, library,
                       village.type if isinstance(village, VillageInfo) else None)
    if conv.problems:
        raise ProfileError(conv.problems)
    notes = tuple(n for n in (note, example_note(village, doc)) if n)
    profile = Profile(**kwargs, origin=Origin(doc.file, doc.sha256, dict(doc.locations)), notes=notes)
    return derive_names(profile, settings)


#: The village of the starter (``paigen init``): an example to replace, never a real village.
EXAMPLE_VILLAGE = ("示例镇", "示例村")  # (township, name)


def example_note(village: object, doc: Document) -> str:
    """A warning when *village* is still the starter's example village, else ''."""
    if not isinstance(village, VillageInfo) or village.name != EXAMPLE_VILLAGE[1]:
        return ""
    where = doc.locate(("village", "name"))
    if where.sheet is not None:
        return _("{where}: the example village {name} of the starter workbook is still in the workbook "
                 "(its shaded rows); replace its rows with your own village, or delete them",
                 where=f"[{PurePath(where.file).name}]{where.sheet}!{where.cell}", name=village.name)
    return _("{where}: {name} is the starter's example village; write your own village's values, "
             "or delete the file", where=where.file, name=village.name)


def _type_given(data: object) -> bool:
    village = data.get("village") if isinstance(data, dict) else None
    return isinstance(village, dict) and village.get("type") not in (None, "")


# Name endings that say the organisation type (SPEC §2); a 连 only under a 兵团 团场 or 农场.
_COMMUNITY_ENDINGS = ("社区", "居委会", "居民委员会")
_COMPANY_ENDINGS = ("连", "连队")
_FARM_ENDINGS = ("团场", "农场", "牧场", "团")


def recognise_type(name: str, township: str, known: tuple[str, ...] = ORG_TYPES) -> tuple[str, str]:
    """The organisation type of a village whose profile leaves ``type`` out, and the one-line
    note that says how it was decided ('' when the name is an ordinary …村)."""
    if name.endswith(_COMMUNITY_ENDINGS) and "社区" in known:
        return "社区", _("{township}{name}: no village.type given; taken as 社区 from its name "
                        "(write type: 社区 to confirm, or type: 村)", township=township, name=name)
    if name.endswith(_COMPANY_ENDINGS) and township.endswith(_FARM_ENDINGS) and "连队" in known:
        return "连队", _("{township}{name}: no village.type given; taken as 连队 (a 连 of the "
                        "团场/农场 {township}) (write type: 连队 to confirm, or type: 村)",
                        township=township, name=name)
    if name.endswith("村"):
        return "村", ""
    others = listing(t for t in known if t != "村")
    if not others:
        return "村", _("{township}{name}: no village.type given and the name does not say it; "
                      "taken as 村 (write type: 村 to confirm)", township=township, name=name)
    return "村", _("{township}{name}: no village.type given and the name does not say it; "
                  "taken as 村 (write type: 村 to confirm, or one of {others})",
                  township=township, name=name, others=others)


def _check_org_type(conv: Converter, settings: Settings) -> None:
    """village.type: one of the organisation types the preset's ``wording:`` declares."""
    value = conv.get(("village", "type"), None)
    known = settings.org_types
    if isinstance(value, str) and value not in known:
        hint = did_you_mean(value, list(known))
        conv.problem(("village", "type"), _("'{value}' is not an organisation type of the preset",
                                            value=value),
                     hint or _("use one of {choices}, or declare it under wording: in paigen.yaml",
                               choices=listing(known)))


def _check_board_types(conv: Converter, settings: Settings, library, village_type: str | None) -> None:
    """A board written for another organisation type (村 boards in a 社区) names the ones that fit."""
    if not isinstance(village_type, str):
        return
    banned = settings.boards_not_for(village_type)
    if not banned:
        return
    fits = listing(sorted(n for n in library if n not in banned))
    for i, room in conv.items(("center", "rooms")):
        for k, board in enumerate(room.boards):
            if board in banned:
                instead = banned[board]
                fix = _("use {board}; boards that fit a {type}: {fits}", board=instead,
                        type=village_type, fits=fits) if instead in library else _(
                    "remove it; boards that fit a {type}: {fits}", type=village_type, fits=fits)
                conv.problem(("center", "rooms", i, "boards", k),
                             _("'{board}' is not a board for a {type}", board=board, type=village_type),
                             fix)


def _named(settings: Settings, village: VillageInfo, key: str, default: dict[str, str]) -> str:
    """The name of a committee from the preset's pattern (wording.<type>.<key>), else paigen's."""
    pattern = settings.wording(village.type).get(key) or default.get(village.type) or default["村"]
    return fill(pattern, {"name": village.name})


def derive_names(profile: Profile, settings: Settings) -> Profile:
    """Fill names left empty: party organisation, committees, centre; county defaults."""
    v = profile.village
    party_org = v.party_org
    if not party_org.name:
        party_org = dataclasses.replace(party_org, name=_PARTY_ORG_NAMES[party_org.level].format(name=v.name))
    village = dataclasses.replace(
        v,
        party_org=party_org,
        committee=v.committee or _named(settings, v, "committee", _COMMITTEE),
        supervision=v.supervision or _named(settings, v, "supervision", _SUPERVISION),
        county=v.county or settings.county,
        province=v.province or settings.province,
    )
    center: Center = profile.center
    if not center.name:
        center = dataclasses.replace(center, name=settings.center_name(v.name, v.type))
    return dataclasses.replace(profile, village=village, center=center)

