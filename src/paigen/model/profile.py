"""The village profile (schema ``paigen/v1``) as frozen, typed records.

These classes *are* the schema: the converter in :mod:`paigen.model._convert` reads their type
hints and field metadata to validate raw data, so a new field is one line here. Metadata keys:
``doc`` (what the field is, shown in hints), ``min``/``max`` (numeric bounds), ``positive``,
``phone`` (mobile or landline), ``url``, ``entries`` (a mapping written as ``key: value`` that
becomes a tuple of records) and ``text=False`` (not drawn as text, so not font-checked).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from paigen.errors import Location

SCHEMA = "paigen/v1"

# Organisation types the shipped preset declares (wording:); a county's preset may add its own.
ORG_TYPES = ("村", "社区", "连队")
PartyLevel = Literal["支部", "总支", "党委"]
Direction = Literal["左", "右", "前"]
GuideArrow = Literal["左", "右", "前", "上", "下"]
OpeningKind = Literal["door", "window"]
MemberCategory = Literal["在职", "农民", "流动", "年老体弱"]
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def _meta(**kw: object) -> dict[str, object]:
    return kw


@dataclass(frozen=True)
class PartyOrg:
    """The village's Party organisation; its name derives from the level when not given."""

    level: PartyLevel = "支部"
    name: str = ""
    short_name: str = field(default="", metadata=_meta(doc="for a plaque too long for one column"))


@dataclass(frozen=True)
class VillageInfo:
    """Names of the village and its three organisations (plaques use all three)."""

    name: str = field(metadata=_meta(doc="village or community name, e.g. 东庄村"))
    township: str = field(metadata=_meta(doc="township or street office, e.g. 堂二里镇"))
    type: str = field(default="村", metadata=_meta(
        doc="organisation type: 村, 社区 or a type of the preset's wording: section (连队 …)", org_type=True))
    county: str = ""
    province: str = ""
    party_org: PartyOrg = PartyOrg()
    committee: str = ""
    supervision: str = ""
    short_name: str = field(default="", metadata=_meta(doc="shorter village name for plaques: 五连"))


@dataclass(frozen=True)
class Room:
    """A functional room: one door plate, one line on the guide board."""

    name: str
    floor: int = field(metadata=_meta(min=1, doc="floor number, 1 = ground floor"))
    area_m2: float | None = field(default=None, metadata=_meta(positive=True))
    also: tuple[str, ...] = field(default=(), metadata=_meta(doc="加挂 names on the same door"))
    party: bool = False
    seats: int | None = field(default=None, metadata=_meta(positive=True))
    windows: tuple[str, ...] = ()
    boards: tuple[str, ...] = ()
    direction: GuideArrow | None = field(default=None, metadata=_meta(doc="arrow on the guide board"))
    wall_mm: float | None = field(default=None, metadata=_meta(positive=True,
                                                              doc="width of the wall the boards hang on"))

    @property
    def names(self) -> tuple[str, ...]:
        """Every name on this room's door plate, main name first."""
        return (self.name, *self.also)


@dataclass(frozen=True)
class Center:
    """The service centre building and its rooms (order = order on the guide board)."""

    name: str = ""
    address: str = ""
    hours: str = ""
    phone: str = field(default="", metadata=_meta(phone=True))
    wechat_url: str = field(default="", metadata=_meta(url=True, text=False, max_chars=500))
    building_area_m2: float | None = field(default=None, metadata=_meta(positive=True))
    floors: int = field(default=1, metadata=_meta(min=1, max=30))
    rooms: tuple[Room, ...] = ()

    @property
    def windows(self) -> tuple[str, ...]:
        """Every service window of every room, in room order."""
        return tuple(w for room in self.rooms for w in room.windows)


@dataclass(frozen=True)
class Person:
    """A cadre or staff member: duty roster, bulletin, documents."""

    name: str
    roles: tuple[str, ...] = ()
    phone: str = field(default="", metadata=_meta(phone=True))


@dataclass(frozen=True)
class Member:
    """A Party member on the 党员先锋榜 (seed 004: 在职、农民、流动、年老体弱 categories)."""

    name: str
    category: MemberCategory
    points: float = field(metadata=_meta(min=0))
    stars: int | None = field(default=None, metadata=_meta(min=0, max=5))


@dataclass(frozen=True)
class DutyDay:
    day: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Duty:
    """坐班值班: who is on duty each weekday."""

    per_day: int = field(default=2, metadata=_meta(min=1, max=10))
    week: tuple[DutyDay, ...] = field(
        default=(), metadata=_meta(entries=(DutyDay, "day", "names"), keys=WEEKDAYS)
    )


@dataclass(frozen=True)
class ServiceSection:
    name: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Rating:
    """Last year's 评星定级 result."""

    year: int = field(metadata=_meta(min=2000, max=2100))
    stars: int = field(metadata=_meta(min=1, max=5))


@dataclass(frozen=True)
class Wayfinding:
    """One 指引牌 on a road leading to the centre."""

    place: str
    direction: Direction
    distance_m: float = field(metadata=_meta(positive=True))


@dataclass(frozen=True)
class Opening:
    """A door or window in a facade wall, measured from the wall's left end and the ground."""

    kind: OpeningKind
    x_mm: float = field(metadata=_meta(min=0, doc="distance from the wall's left end"))
    width_mm: float = field(metadata=_meta(positive=True))
    height_mm: float = field(metadata=_meta(positive=True))
    sill_mm: float = field(default=0, metadata=_meta(min=0, doc="height above the ground"))

    @property
    def top_mm(self) -> float:
        return self.sill_mm + self.height_mm

    @property
    def right_mm(self) -> float:
        return self.x_mm + self.width_mm


@dataclass(frozen=True)
class Wall:
    name: str
    length_mm: float = field(metadata=_meta(min=500, max=500_000, doc="a real wall: 0.5–500 m"))
    height_mm: float = field(metadata=_meta(min=500, max=100_000, doc="ground to roof line"))
    openings: tuple[Opening, ...] = ()
    main: bool = field(default=False, metadata=_meta(
        doc="the main front (flagpole centre, centre name); default: the first wall"))


@dataclass(frozen=True)
class Facade:
    walls: tuple[Wall, ...] = ()


@dataclass(frozen=True)
class Facts:
    """Measured facts that acceptance checklists compare against thresholds."""

    square_area_m2: float | None = field(default=None, metadata=_meta(min=0))
    bulletin_area_m2: float | None = field(default=None, metadata=_meta(min=0))
    meeting_capacity: int | None = field(default=None, metadata=_meta(min=0))
    service_hall_area_m2: float | None = field(default=None, metadata=_meta(min=0))
    sports_area_m2: float | None = field(default=None, metadata=_meta(min=0))
    library_books: int | None = field(default=None, metadata=_meta(min=0))
    members_count: int | None = field(default=None, metadata=_meta(min=0))
    # yearly figures some checklists ask for (红色地标 5.8–5.15)
    volunteer_teams: int | None = field(default=None, metadata=_meta(min=0, doc="公益服务队数"))
    theme_days_per_year: int | None = field(default=None, metadata=_meta(min=0, doc="主题党日次数/年"))
    public_activities_per_year: int | None = field(default=None, metadata=_meta(min=0, doc="惠民活动次数/年"))
    staff_training_hours: float | None = field(default=None, metadata=_meta(min=0, doc="工作人员培训学时/年"))
    remote_edu_funds_yuan: float | None = field(default=None, metadata=_meta(min=0, doc="远程教育经费元/年"))
    satisfaction_pct: float | None = field(default=None, metadata=_meta(min=0, max=100, doc="满意率%"))


@dataclass(frozen=True)
class Finding:
    """What the acceptance group found for one checklist item."""

    item: str = field(metadata=_meta(id=True, doc="the checklist item's 序号, e.g. 3"))
    result: Literal["达标", "未达标"] = field(metadata=_meta(doc="达标 or 未达标"))
    found: str = field(default="", metadata=_meta(doc="what was seen or measured on site"))


@dataclass(frozen=True)
class Acceptance:
    """The acceptance record (验收记录): written after the group has been on site."""

    date: str = field(metadata=_meta(date=True, doc="验收日期, e.g. 2026-09-15"))
    members: tuple[str, ...] = field(metadata=_meta(doc="综合验收工作组成员, the leader first"))
    findings: tuple[Finding, ...] = field(metadata=_meta(doc="one line per checklist item"))
    township: str = field(default="", metadata=_meta(doc="乡镇（街道、团场）签字人"))
    builder: str = field(default="", metadata=_meta(doc="施工单位负责人"))
    materials: tuple[str, ...] = field(default=(), metadata=_meta(
        doc="过程管理资料 checked: 会议记录, 设计图纸, 施工合同, 招投标资料, 监理资料, 建设前后对比照片"))


@dataclass(frozen=True)
class Origin:
    """Where a profile came from: file label, content hash and every value's location."""

    file: str
    sha256: str
    locations: dict = field(default_factory=dict, repr=False)

    def locate(self, path: tuple) -> Location:
        probe = tuple(path)
        while probe:
            if probe in self.locations:
                return self.locations[probe]
            probe = probe[:-1]
        return self.locations.get((), Location(self.file))


@dataclass(frozen=True)
class Profile:
    """One village's complete, validated profile with derived names filled in."""

    village: VillageInfo
    schema: str = SCHEMA
    center: Center = Center()
    people: tuple[Person, ...] = ()
    duty: Duty | None = None
    services: tuple[ServiceSection, ...] = field(
        default=(), metadata=_meta(entries=(ServiceSection, "name", "items"))
    )
    rating: Rating | None = None
    wayfinding: tuple[Wayfinding, ...] = ()
    facade: Facade = Facade()
    facts: Facts = Facts()
    members: tuple[Member, ...] = ()
    acceptance: Acceptance | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False, metadata=_meta(internal=True))
    # what loading decided for the user (a type taken from the name …), said once by validate/build
    notes: tuple[str, ...] = field(default=(), compare=False, repr=False, metadata=_meta(internal=True))

    @property
    def name(self) -> str:
        return self.village.name

    def person(self, name: str) -> Person | None:
        return next((p for p in self.people if p.name == name), None)
