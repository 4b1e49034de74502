"""Document metadata from the county settings (``documents:`` in paigen.yaml and the preset).

Issuing office, the 代字 of the document number (``堂发〔2020〕54号``: 六角括号, no 第, no zero
padding), year and serial number, 成文日期 in Arabic numerals, addressees, 抄送 and 印发机关.
Values left null derive from the township (中共{township}委员会, 党工委 for a 街道). Text
values may use ``{township}`` and ``{county}``. Every bad value is reported at once, naming
paigen.yaml and the key.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from typing import Any

from paigen._io import source_datetime
from paigen._pattern import PatternError, fill
from paigen.docs._calendar import county_holidays, working_day
from paigen.errors import Location, Problem, ProfileError
from paigen.i18n import _, listing
from paigen.model.settings import SETTINGS_FILE, Settings

# Notices go out under the office's seal; the township's plan (issued by the sealed notice) and a
# working group's acceptance report are signed without one (§7.3.5.2).
SEAL_DEFAULTS = {"notice": True, "acceptance-notice": True, "plan": False, "acceptance": False}
_CODE = re.compile(r"[\u3400-\u9fff]{1,8}")


@dataclass(frozen=True)
class DocMeta:
    """Everything a document's 版头, signature and 版记 need."""

    office: str  # 发文机关
    mark: str  # 发文机关标志
    short_name: str  # 代字
    year: int
    serial: int
    date: dt.date
    addressees: str
    cc: tuple[str, ...]
    printed_by: str
    seal: dict[str, bool]  # by document kind: notice, plan, acceptance-notice, acceptance
    checklist: str
    dates: dict[str, dt.date] = field(default_factory=dict)  # 成文日期 set by kind (documents.dates)
    defaults: tuple[str, ...] = ()  # what paigen derived from the township's name: 发文机关, 代字
    township: str = ""
    checklists: dict[str, str] = field(default_factory=dict)  # by organisation type

    def checklist_for(self, village_type: str) -> str:
        """The checklist a village of *village_type* is measured against: the county's list for
        its type (documents.checklists), else the county-wide documents.checklist."""
        return self.checklists.get(village_type) or self.checklist

    def sealed(self, kind: str) -> bool:
        """Whether the document of *kind* is signed with a seal (GB/T 9704 §7.3.5.1)."""
        return self.seal.get(kind, SEAL_DEFAULTS.get(kind, True))

    def number(self, offset: int = 0, day: dt.date | None = None) -> str:
        """发文字号: 堂发〔2020〕54号; the year is that of the document's 成文日期 (*day*)."""
        year = day.year if day is not None else self.year
        return f"{self.short_name}〔{year}〕{self.serial + offset}号"

    @property
    def date_text(self) -> str:
        return date_text(self.date)


def date_text(day: dt.date) -> str:
    """2026年5月26日: Arabic numerals, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


def default_date() -> dt.date:
    """The document date: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isascii() and value.isdigit():
        return source_datetime().date()
    return dt.date.today()


def township_office(township: str) -> str:
    """中共{township}委员会; a 街道's Party organisation is a 工作委员会."""
    return f"中共{township}工作委员会" if township.endswith("街道") else f"中共{township}委员会"


def document_meta(settings: Settings, township: str, village_types: tuple[str, ...] = ("村",)) -> DocMeta:
    """Read and check the ``documents`` settings for one township."""
    raw: dict[str, Any] = dict(settings.section("documents"))
    where = Location(settings.file or SETTINGS_FILE)
    problems: list[Problem] = []
    values = {"township": township, "county": settings.county or ""}

    def problem(key: str, message: str, fix: str) -> None:
        problems.append(Problem(where, f"documents.{key}", message, fix))

    def text(key: str, default: str) -> str:
        value = raw.get(key)
        if value is None or value == "":
            return default
        if not isinstance(value, str):
            problem(key, _("expected text, got {value}", value=repr(value)),
                    _("put the name in quotes"))
            return default
        try:
            return fill(value, values)
        except PatternError as exc:
            problem(key, str(exc), _("use {township} or {county}, or write the name out",
                                     township="{township}", county="{county}"))
            return default

    own = _township_entry(raw, township, problem)
    defaults: list[str] = []

    def issuer(key: str, default: str, label: str) -> str:
        """A township's own value, else a county-wide pattern ({township} …), else the default."""
        if own.get(key) not in (None, ""):
            value = own[key]
            if isinstance(value, str):
                return value.strip()
            problem(f"townships.{township}.{key}", _("expected text, got {value}", value=repr(value)),
                    _("put the name in quotes"))
        county_wide = raw.get(key)
        if isinstance(county_wide, str) and county_wide and "{" not in county_wide \
                and township not in county_wide and not (key != "issuing_office" and county_office_fits):
            problem(key, _("'{value}' is one office for every township, but {township} issues its "
                           "own documents", value=county_wide, township=township),
                    _("set it per township: {example}, or in the township sheet (乡镇) of the "
                      "workbook, or write a pattern with {pattern}",
                      example=f"documents: {{townships: {{{township}: {{{key}: …}}}}}}",
                      pattern="{township}"))
            county_wide = None
        value = text(key, "") if county_wide not in (None, "") else ""
        if not value:
            defaults.append(label)
            return default
        return value

    county_office = raw.get("issuing_office")
    county_office_fits = isinstance(county_office, str) and township in county_office
    office = issuer("issuing_office", township_office(township), "发文机关")
    mark = issuer("mark", f"{office}文件", "")
    short = issuer("short_name", f"{township[:1]}发", "代字")
    if not _CODE.fullmatch(short):
        problem("short_name", _("'{value}' is not an issuing office's prefix (代字)", value=short),
                _("write only the characters before the year, e.g. {example} (paigen adds {rest})",
                  example="short_name: 堂发", rest="〔2020〕54号"))
    day = _date(raw.get("date"), problem)
    if raw.get("date") in (None, ""):
        # today may be a Sunday: the office signs on the next working day
        day = working_day(day, county_holidays(settings))
    year = raw.get("year")
    if year is None:
        year = day.year
    elif isinstance(year, bool) or not isinstance(year, int) or not 1949 <= year <= 2100:
        problem("year", _("{value} is not a year", value=repr(year)),
                _("write four digits, e.g. {example}", example="year: 2020"))
        year = day.year
    elif year != day.year:
        problem("year", _("{year} is not the year of the document's date {date}", year=year,
                          date=date_text(day)),
                _("a document number's year is the year of its date: leave year out, or set "
                  "documents.date in {year}", year=year))
        year = day.year
    serial = raw.get("serial", 1)
    if serial is None:
        serial = 1
    padded = _padded_serial(settings)
    if padded:
        line, written = padded
        problems.append(Problem(Location(where.file, line), "documents.serial",
                                _("'{written}' has a leading zero (YAML reads it as the octal "
                                  "{serial})", written=written, serial=serial),
                                _("write serial: {number}: {example} has no zero padding",
                                  number=int(written), example=f"〔{year}〕{int(written)}号")))
    if isinstance(serial, str) and serial.isdigit():
        if serial.startswith("0"):
            fix = _("write serial: {number} (no leading zeros: {example})", number=int(serial),
                    example=f"〔2020〕{int(serial)}号")
        else:
            fix = _("write serial: {number} without quotes", number=int(serial))
        problem("serial", _("'{value}' is text", value=serial), fix)
        serial = int(serial)
    elif isinstance(serial, bool) or not isinstance(serial, int) or serial < 1:
        problem("serial", _("{value} is not a document serial number", value=repr(serial)),
                _("write a whole number ≥ 1, e.g. {example}", example="serial: 54"))
        serial = 1
    kinds = [t for t in settings.org_types if t in village_types] + \
        sorted(set(village_types) - set(settings.org_types))
    shorts = [settings.wording(t)["short"] for t in kinds] or ["村"]
    default_to = f"各{shorts[0]}" + "".join(f"（{w}）" for w in shorts[1:]) + "党组织"
    addressees = text("addressees", default_to)
    cc_raw = raw.get("cc") or []
    if isinstance(cc_raw, str):
        cc_raw = [cc_raw]
    if not isinstance(cc_raw, list) or not all(isinstance(c, str) for c in cc_raw):
        problem("cc", _("{value} is not a list of offices", value=repr(cc_raw)),
                _("write {example}", example="cc: [霸州市委组织部]"))
        cc_raw = []
    cc_list = []
    for i, c in enumerate(cc_raw):
        try:
            cc_list.append(fill(c, values))
        except PatternError as exc:
            problem(f"cc[{i}]", str(exc), _("use {township} or {county}, or write the name out",
                                            township="{township}", county="{county}"))
    cc = tuple(cc_list)
    printed_by = issuer("printed_by", f"{office}办公室", "")
    defaults = [d for d in defaults if d]
    seal_raw = raw.get("seal")
    seal = dict(SEAL_DEFAULTS)
    if isinstance(seal_raw, bool):
        seal = dict.fromkeys(SEAL_DEFAULTS, seal_raw)
    elif isinstance(seal_raw, dict) and all(k in SEAL_DEFAULTS and isinstance(v, bool)
                                            for k, v in seal_raw.items()):
        seal.update(seal_raw)
    elif seal_raw is not None:
        problem("seal", _("{value} is not yes or no", value=repr(seal_raw)),
                _("write {all} for every document, or per kind, e.g. {example}",
                  all="seal: true / seal: false",
                  example="seal: {notice: true, plan: false, acceptance-notice: true, "
                          "acceptance: false}"))
    checklist = text("checklist", "")
    by_type = raw.get("checklists") or {}
    if not isinstance(by_type, dict) or not all(isinstance(v, str) and v for v in by_type.values()):
        problem("checklists", _("{value} is not a checklist per organisation type",
                                value=repr(by_type)),
                _("write {example}", example="checklists: {村: 村级基本项, 社区: 社区基本项, "
                                             "连队: 连队基本项}"))
        by_type = {}
    dates_raw = {k: v for k, v in (raw.get("dates") or {}).items() if v is not None} \
        if isinstance(raw.get("dates") or {}, dict) else raw.get("dates")
    dates: dict[str, dt.date] = {}
    if not isinstance(dates_raw, dict) or not set(dates_raw) <= set(SEAL_DEFAULTS):
        problem("dates", _("{value} is not a date per document kind", value=repr(dates_raw)),
                _("write {example} (kinds: {kinds})",
                  example="dates: {acceptance-notice: 2026-06-20, acceptance: 2026-08-28}",
                  kinds=listing(SEAL_DEFAULTS)))
    else:
        for kind, value in dates_raw.items():
            dates[kind] = _date(value, lambda key, message, fix, kind=kind:
                                problem(f"dates.{kind}", message, fix))
    if problems:
        raise ProfileError(problems)
    return DocMeta(office, mark, short, year, serial, day, addressees, cc, printed_by, seal, checklist,
                   dates, tuple(defaults), township, dict(by_type))


_ISSUER_KEYS = ("issuing_office", "short_name", "printed_by", "mark")


def _township_entry(raw: dict[str, Any], township: str, problem) -> dict[str, Any]:
    """``documents.townships.<township>``: that township's own issuer (paigen.yaml or the 乡镇 sheet)."""
    townships = raw.get("townships") or {}
    if not isinstance(townships, dict):
        problem("townships", _("{value} is not a section of townships", value=repr(townships)),
                _("write {example}", example="townships: {圪堵镇: {issuing_office: 中共圪堵镇委员会, "
                                            "short_name: 圪发}}"))
        return {}
    entry = townships.get(township) or {}
    if not isinstance(entry, dict):
        problem(f"townships.{township}", _("{value} is not a section of keys", value=repr(entry)),
                _("write {example}", example="{issuing_office: 中共…委员会, short_name: …发, "
                                            "printed_by: …}"))
        return {}
    for key in entry:
        if key not in _ISSUER_KEYS:
            close = difflib.get_close_matches(str(key), list(_ISSUER_KEYS), n=1, cutoff=0.6)
            problem(f"townships.{township}.{key}", _("unknown key '{key}'", key=key),
                    _("did you mean '{close}'?", close=close[0]) if close
                    else _("keys here: {keys}", keys=listing(_ISSUER_KEYS)))
    return entry


def issuer_note(meta: DocMeta) -> str:
    """The build summary's line for a township whose issuer or 代字 paigen derived."""
    if not meta.defaults:
        return ""
    said = {"发文机关": _("issuing office {office}", office=meta.office),
            "代字": _("prefix {prefix}", prefix=meta.short_name)}
    parts = listing(said[d] for d in meta.defaults if d in said)
    return _("{township}: {parts} derived from the township's name (a default); if the township "
             "writes it otherwise, set documents.townships.{township} in paigen.yaml or the "
             "township sheet (乡镇) of the workbook", township=meta.township, parts=parts)


def _padded_serial(settings: Settings) -> tuple[int, str] | None:
    """(line, text) of a ``serial: 054`` in paigen.yaml, which YAML 1.1 silently reads as octal 44."""
    if settings.base_dir is None:
        return None
    file = settings.base_dir / SETTINGS_FILE
    if not file.is_file():
        return None
    text = file.read_text(encoding="utf-8", errors="replace")
    match = re.search(r"^\s*serial:\s*(0\d+)\s*(?:#.*)?$", text, re.M)
    if not match:
        return None
    return text[: match.start(1)].count("\n") + 1, match.group(1)


def _date(value: Any, problem) -> dt.date:
    if value is None or value == "":
        return default_date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = re.fullmatch(r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?", str(value).strip())
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            pass
    problem("date", _("{value} is not a date", value=repr(value)),
            _("write {example} (or leave it out for today)", example="date: 2026-05-26"))
    return default_date()
