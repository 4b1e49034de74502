"""Cross-field checks that no single field can make on its own.

Each check takes the converted sections it needs (a section that failed conversion is skipped,
its own problems are already reported) and reports through the converter, so problems carry
the file, line and key path of the value at fault.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from paigen._names import name_key, safe_name
from paigen.errors import did_you_mean
from paigen.i18n import _, listing, ngettext
from paigen.model._convert import Converter
from paigen.model.profile import DutyDay, Member, Opening, Person, Room, ServiceSection


def check_profile(conv: Converter, known_boards: Collection[str] = ()) -> None:
    """Run every cross-check on the parts of the profile that converted."""
    check_rooms(conv, conv.items(("center", "rooms")), conv.get(("center", "floors"), 1))
    if known_boards:
        check_boards(conv, conv.items(("center", "rooms")), known_boards)
    check_members(conv, conv.items(("members",)))
    check_people(conv, conv.items(("people",)))
    duty_days = [day for _key, day in conv.items(("duty", "week"))]
    per_day = conv.get(("duty", "per_day"), 2)
    known = [conv.get(("people", i, "name")) for i, _item in enumerate(_raw_list(conv, ("people",)))]
    check_duty(conv, duty_days, per_day, [n for n in known if isinstance(n, str)])
    check_services(conv, [s for _key, s in conv.items(("services",))])
    for w, _wall in enumerate(_raw_list(conv, ("facade", "walls"))):
        check_wall(conv, w)
    check_wall_names(conv)


def _raw_list(conv: Converter, path: tuple) -> list:
    raw: Any = conv.doc.data
    for part in path:
        raw = raw.get(part) if isinstance(raw, dict) else None
    return raw if isinstance(raw, list) else []


def check_rooms(conv: Converter, rooms: list[tuple[int, Room]], floors: Any) -> None:
    seen: dict[str, tuple[int, str]] = {}
    windows: dict[str, int] = {}
    for i, room in rooms:
        base = ("center", "rooms", i)
        for j, name in enumerate(room.names):
            path = (*base, "name") if j == 0 else (*base, "also", j - 1)
            if not name:
                conv.problem(path, _("a room name is empty"), _("give the room its door-plate name"))
                continue
            key = "".join(name.split())
            if key in seen:
                first, how = seen[key]
                conv.problem(path, _("room name '{name}' is used twice (also {how} of "
                                     "center.rooms[{first}])", name=name, how=how, first=first),
                             _("door plates and the guide board must match one to one; "
                               "rename one of them"))
            else:
                seen[key] = (i, _("the name") if j == 0 else _("an 'also' name"))
        if isinstance(floors, int) and room.floor > floors:
            conv.problem((*base, "floor"), _("floor {floor} is above center.floors ({floors})",
                                             floor=room.floor, floors=floors),
                         _("set center.floors to {floor} or correct the room's floor",
                           floor=room.floor))
        for k, window in enumerate(room.windows):
            if window in windows:
                conv.problem((*base, "windows", k),
                             _("service window '{window}' is listed twice", window=window),
                             _("each window gets one plate; keep one"))
            windows[window] = i


def check_boards(conv: Converter, rooms: list[tuple[int, Room]], known: Collection[str]) -> None:
    names = sorted(known)
    for i, room in rooms:
        for k, board in enumerate(room.boards):
            if board not in known:
                hint = did_you_mean(board, names)
                known_boards = _("known boards: {boards}", boards=listing(names))
                conv.problem(("center", "rooms", i, "boards", k), _("unknown board '{board}'", board=board),
                             _("{hint} {known}", hint=hint, known=known_boards) if hint else known_boards)


def check_members(conv: Converter, members: list[tuple[int, Member]]) -> None:
    seen: dict[str, int] = {}
    for i, member in members:
        if member.name in seen:
            conv.problem(("members", i, "name"), _("'{name}' is listed twice in members (first as "
                                                   "members[{first}])", name=member.name,
                                                   first=seen[member.name]),
                         _("keep one entry per member"))
        seen.setdefault(member.name, i)


def check_people(conv: Converter, people: list[tuple[int, Person]]) -> None:
    seen: dict[str, int] = {}
    for i, person in people:
        if person.name in seen:
            conv.problem(("people", i, "name"), _("'{name}' is listed twice in people (first as "
                                                  "people[{first}])", name=person.name,
                                                  first=seen[person.name]),
                         _("merge the two entries; list every role under one name"))
        seen.setdefault(person.name, i)


def check_duty(conv: Converter, days: list[DutyDay], per_day: Any, known: list[str]) -> None:
    for day in days:
        path = ("duty", "week", day.day)
        for k, name in enumerate(day.names):
            if name not in known:
                hint = did_you_mean(name, known)
                conv.problem((*path, k), _("'{name}' is on duty but not in people", name=name),
                             hint or _("add {name} to people, with roles and phone",
                                       name=name))
        if len(set(day.names)) != len(day.names):
            conv.problem(path, _("{day} lists the same person twice", day=day.day),
                         _("list each person once"))
        if isinstance(per_day, int) and len(day.names) != per_day:
            conv.problem(path, ngettext("{day} has {n} name but duty.per_day is {per_day}",
                                        "{day} has {n} names but duty.per_day is {per_day}",
                                        len(day.names), day=day.day, per_day=per_day),
                         _("list exactly {per_day} names, or change duty.per_day", per_day=per_day))


def check_services(conv: Converter, services: list[ServiceSection]) -> None:
    for section in services:
        path = ("services", section.name)
        if not section.items:
            conv.problem(path, _("service section '{section}' has no items", section=section.name),
                         _("list its services, or remove the section"))
        seen: set[str] = set()
        for k, item in enumerate(section.items):
            if item in seen:
                conv.problem((*path, k), _("'{item}' is listed twice in {section}", item=item,
                                           section=section.name), _("keep one"))
            seen.add(item)


def check_wall_names(conv: Converter) -> None:
    mains = [w for w, _wall in enumerate(_raw_list(conv, ("facade", "walls")))
             if conv.get(("facade", "walls", w, "main")) is True]
    for w in mains[1:]:
        conv.problem(("facade", "walls", w, "main"),
                     _("walls[{first}] is already the main front", first=mains[0]),
                     _("mark one wall main: true: the flagpole and the centre name go on it"))
    names: dict[str, tuple[int, str]] = {}
    for w, _wall in enumerate(_raw_list(conv, ("facade", "walls"))):
        name = conv.get(("facade", "walls", w, "name"))
        if not isinstance(name, str):
            continue
        key = name_key(name)
        if key in names:
            first, other = names[key]
            message = _("wall name '{name}' is used twice", name=name) if other == name else _(
                "wall name '{name}' and '{other}' (walls[{first}]) would both be the drawing "
                "facade/{file}.pdf", name=name, other=other, first=first, file=safe_name(name))
            conv.problem(("facade", "walls", w, "name"), message,
                         _("name each wall once (it becomes the drawing's file name)"))
        names.setdefault(key, (w, name))


def check_wall(conv: Converter, w: int) -> None:
    base = ("facade", "walls", w)
    name = conv.get((*base, "name"), f"walls[{w}]")
    length, height = conv.get((*base, "length_mm")), conv.get((*base, "height_mm"))
    openings: list[tuple[int, Opening]] = conv.items((*base, "openings"))
    for k, op in openings:
        path = (*base, "openings", k)
        label = _("{wall} opening {k} ({kind})", wall=name, k=k, kind=_kind(op.kind))
        if op.kind == "window" and op.sill_mm == 0:
            conv.problem(path, _("{opening} has no sill_mm", opening=label),
                         _("give the height of the window's bottom edge above the ground"))
        if isinstance(length, (int, float)) and op.right_mm > length:
            conv.problem(path, _("{opening} runs past the wall's end: x_mm + width_mm = {right} > "
                                 "length_mm {length}", opening=label, right=f"{op.right_mm:g}",
                                 length=f"{length:g}"),
                         _("check x_mm (measured from the wall's left end) and width_mm"))
        if isinstance(height, (int, float)) and op.top_mm > height:
            conv.problem(path, _("{opening} runs above the roof line: sill_mm + height_mm = {top} > "
                                 "height_mm {height}", opening=label, top=f"{op.top_mm:g}",
                                 height=f"{height:g}"),
                         _("check sill_mm and height_mm"))
    for a, (ka, oa) in enumerate(openings):
        for kb, ob in openings[a + 1 :]:
            if (oa.x_mm < ob.right_mm and ob.x_mm < oa.right_mm
                    and oa.sill_mm < ob.top_mm and ob.sill_mm < oa.top_mm):
                conv.problem((*base, "openings", kb),
                             _("{wall} opening {k} ({kind}) overlaps opening {other} ({other_kind})",
                               wall=name, k=kb, kind=_kind(ob.kind), other=ka,
                               other_kind=_kind(oa.kind)),
                             _("openings may touch but not overlap; check x_mm"))


def _kind(kind: str) -> str:
    return {"door": _("door"), "window": _("window")}.get(kind, kind)
