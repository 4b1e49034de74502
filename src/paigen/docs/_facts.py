"""Read the facts acceptance checklists compare: profile fields and a few derived measures.

A checklist names a fact in one of three ways:

- a profile field path: ``center.building_area_m2``, ``facts.bulletin_area_m2``;
- a derived fact from :data:`FACTS`: ``rooms.count``, ``hours.daily``, ``service_hall.area_m2``...;
- a room by name: ``room:图书|书屋|阅览`` (a regular expression over every room's door-plate
  names; the fact is the first matching room).

Each reader returns a :class:`Measure` (the value compared and the text printed in the report) or
None when the profile does not say — the check is then left for on-site inspection.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, is_dataclass
from typing import Any

from paigen.model.profile import Profile, Room
from paigen.model.settings import Settings

UNITS = {"_m2": "㎡", ".count": "个", "_count": "名", "capacity": "人", "books": "册", "_yuan": "元",
         "_pct": "%", "_hours": "学时", "daily": "小时", "_teams": "支", "_per_year": "次"}


@dataclass(frozen=True)
class Measure:
    """A fact's value (number, bool or text) and how the report prints it."""

    value: Any
    text: str


def fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def unit(path: str) -> str:
    return next((u for key, u in UNITS.items() if path.endswith(key)), "")


def room_text(room: Room) -> str:
    also = f"（加挂{'、'.join(room.also)}）" if room.also else ""
    area = f"，{fmt(room.area_m2)}㎡" if room.area_m2 else ""
    return f"{room.name}{also}（{room.floor}楼{area}）"


def find_room(profile: Profile, pattern: str) -> Room | None:
    regex = re.compile(pattern)
    return next((r for r in profile.center.rooms if any(regex.search(n) for n in r.names)), None)


HALL = r"服务大厅|综合服务站|便民服务|党群服务站|服务站"
PARTY_ROOM = r"党员活动室|党群活动室|党员教育|党员之家"
MEETING = r"会议|活动室|讲堂|培训|党员之家"


def service_hall(profile: Profile) -> Room | None:
    """The room with service windows, else the room named like a service hall."""
    return next((r for r in profile.center.rooms if r.windows), None) or find_room(profile, HALL)


def _hall_area(p: Profile, s: Settings) -> Measure | None:
    if p.facts.service_hall_area_m2 is not None:
        return Measure(p.facts.service_hall_area_m2, f"{fmt(p.facts.service_hall_area_m2)}㎡")
    hall = service_hall(p)
    if hall and hall.area_m2:
        return Measure(hall.area_m2, f"{fmt(hall.area_m2)}㎡（{hall.name}）")
    return None


def _hall_floor(p: Profile, s: Settings) -> Measure | None:
    hall = service_hall(p)
    return Measure(hall.floor, f"{hall.name}设在{hall.floor}楼") if hall else None


def _hall(p: Profile, s: Settings) -> Measure | None:
    hall = service_hall(p)
    if not hall:
        return None
    windows = f"，设{'、'.join(hall.windows)}窗口" if hall.windows else ""
    return Measure(True, f"{room_text(hall)}{windows}")


def _meeting(p: Profile, s: Settings) -> Measure | None:
    if p.facts.meeting_capacity is not None:
        return Measure(p.facts.meeting_capacity, f"可容纳{p.facts.meeting_capacity}人")
    seated = [r for r in p.center.rooms if r.seats and re.search(MEETING, "".join(r.names))]
    if seated:
        room = max(seated, key=lambda r: r.seats or 0)
        return Measure(room.seats, f"{room.name}座位{room.seats}个")
    return None


def _party_room(p: Profile, s: Settings) -> Room | None:
    return find_room(p, PARTY_ROOM)


def _party_room_exists(p: Profile, s: Settings) -> Measure | None:
    room = _party_room(p, s)
    return Measure(True, room_text(room)) if room else None


def _party_room_area(p: Profile, s: Settings) -> Measure | None:
    room = _party_room(p, s)
    if room and room.area_m2:
        return Measure(room.area_m2, f"{fmt(room.area_m2)}㎡（{room.name}）")
    return None


def _party_room_boards(p: Profile, s: Settings) -> Measure | None:
    room = _party_room(p, s)
    if room is None:
        return None
    if not room.boards:
        return Measure((), f"{room.name}未列上墙制度")
    return Measure(room.boards, f"{room.name}上墙：{'、'.join(room.boards)}")


def _rooms_count(p: Profile, s: Settings) -> Measure | None:
    if not p.center.rooms:
        return None
    names = "、".join(r.name for r in p.center.rooms)
    return Measure(len(p.center.rooms), f"{len(p.center.rooms)}个（{names}）")


def _rooms_area(p: Profile, s: Settings) -> Measure | None:
    areas = [r.area_m2 for r in p.center.rooms]
    if not areas or any(a is None for a in areas):
        return None
    total = float(sum(a for a in areas if a is not None))
    return Measure(total, f"功能室面积合计{fmt(total)}㎡")


_TIME = re.compile(r"(\d{1,2})[:：](\d{2})\s*[-—–~至到]\s*(\d{1,2})[:：](\d{2})")


def daily_hours(hours: str) -> float | None:
    """Opening hours per day from text like ``周一至周五 8:30-11:30 14:00-17:00`` (→ 6.0)."""
    spans = _TIME.findall(hours)
    if not spans:
        return None
    total = 0.0
    for h1, m1, h2, m2 in spans:
        total += (int(h2) * 60 + int(m2) - int(h1) * 60 - int(m1)) / 60
    return total


def _hours(p: Profile, s: Settings) -> Measure | None:
    value = daily_hours(p.center.hours) if p.center.hours else None
    return Measure(value, f"每日{fmt(value)}小时（{p.center.hours}）") if value is not None else None


def _duty(p: Profile, s: Settings) -> Measure | None:
    if p.duty is None or not p.duty.week:
        return None
    return Measure(p.duty.per_day, f"每日{p.duty.per_day}人坐班值班，{len(p.duty.week)}天排班上墙")


def _wechat(p: Profile, s: Settings) -> Measure | None:
    return Measure(True, "已开通（导引牌印二维码）") if p.center.wechat_url else None


def _services(p: Profile, s: Settings) -> Measure | None:
    items = sum(len(x.items) for x in p.services)
    if not items:
        return None
    return Measure(items, f"{len(p.services)}个板块{items}项服务事项（服务内容牌）")


def _plaques(p: Profile, s: Settings) -> Measure | None:
    names = [p.village.party_org.name, p.village.committee, p.village.supervision]
    count = len(s.sign("plaque").get("set", names))
    return Measure(count, f"本套标识含组织吊牌{count}块、门牌{len(p.center.rooms)}块")


def _center_name(p: Profile, s: Settings) -> Measure | None:
    return Measure(True, f"“{p.center.name}”名称标识（本套标识）") if p.center.name else None


def _secretary(p: Profile, s: Settings) -> Measure | None:
    room = find_room(p, r"书记|谈心")
    return Measure(True, room_text(room)) if room else None


def _boards(p: Profile, s: Settings) -> Measure | None:
    if not p.center.rooms:
        return None
    walls = [r for r in p.center.rooms if r.boards]
    count = sum(len(r.boards) for r in walls)
    where = "、".join(f"{r.name}{len(r.boards)}块" for r in walls)
    return Measure(count, f"制度牌{count}块上墙（{where}）" if count else "未列上墙制度牌")


def _party_door(p: Profile, s: Settings) -> Measure | None:
    room = _party_room(p, s)
    if room is None:
        return None
    color = "红色党建门牌" if room.party else "门牌"
    return Measure(True, f"{room.name}{color}（本套标识）")


def _outdoor(p: Profile, s: Settings) -> Measure | None:
    """The outdoor 文体活动场地: the sports ground, else the square in front of the centre."""
    if p.facts.sports_area_m2 is not None:
        return Measure(p.facts.sports_area_m2, f"文体场地{fmt(p.facts.sports_area_m2)}㎡")
    if p.facts.square_area_m2 is not None:
        return Measure(p.facts.square_area_m2, f"广场{fmt(p.facts.square_area_m2)}㎡")
    return None


FACTS: dict[str, Callable[[Profile, Settings], Measure | None]] = {
    "outdoor.area_m2": _outdoor,
    "boards.count": _boards,
    "party_room.door_plate": _party_door,
    "service_hall": _hall,
    "service_hall.area_m2": _hall_area,
    "service_hall.floor": _hall_floor,
    "meeting.capacity": _meeting,
    "party_room": _party_room_exists,
    "party_room.area_m2": _party_room_area,
    "party_room.boards": _party_room_boards,
    "rooms.count": _rooms_count,
    "rooms.area_m2": _rooms_area,
    "hours.daily": _hours,
    "duty": _duty,
    "wechat": _wechat,
    "services.count": _services,
    "kit.plaques": _plaques,
    "center.name_sign": _center_name,
    "secretary_office": _secretary,
}


def known_fact(name: str) -> bool:
    """Whether *name* is a fact paigen can read (used to check checklists when they load)."""
    if name in FACTS:
        return True
    if name.startswith("room:"):
        try:
            re.compile(name[5:])
        except re.error:
            return False
        return bool(name[5:])
    return _field(Profile, name.split(".")) is not None


def _field(cls: Any, parts: list[str]) -> Any:
    """The type at a dotted field path of the profile classes, or None when there is none."""
    for part in parts:
        if not is_dataclass(cls):
            return None
        hints = typing.get_type_hints(cls)
        if part not in hints:
            return None
        hint = hints[part]
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        cls = args[0] if isinstance(hint, types.UnionType) and len(args) == 1 else hint
    return cls


def read_fact(name: str, profile: Profile, settings: Settings) -> Measure | None:
    """The measure of fact *name* for *profile*, or None when the profile does not tell."""
    if name in FACTS:
        return FACTS[name](profile, settings)
    if name.startswith("room:"):
        room = find_room(profile, name[5:])
        return Measure(True, room_text(room)) if room else None
    value: Any = profile
    for part in name.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    if isinstance(value, bool):
        return Measure(value, "有" if value else "无")
    if isinstance(value, (int, float)):
        return Measure(value, f"{fmt(value)}{unit(name)}")
    if isinstance(value, (tuple, list)):
        return Measure(len(value), f"{len(value)}项") if value else None
    return Measure(value, str(value)) if value != "" else None
