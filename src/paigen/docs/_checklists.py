"""Acceptance checklists (``signage/checklists/*.yaml``) and their verdicts for one village.

A checklist is data with its source: name, title, source document and items. Each item holds the
standard's requirement, the threshold the report prints and zero or more checks (fact, compare,
value). An item is 达标 when every check passes, 未达标 when one fails and 现场核查 when a fact is
missing, a check is informational (``compare: info``) or the item has no check at all — nothing
a fact cannot decide is ever passed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from paigen._data import data_dir
from paigen.docs._facts import Measure, fmt, known_fact, read_fact, unit
from paigen.errors import Location, Problem, ProfileError
from paigen.i18n import _, listing
from paigen.model.profile import Profile
from paigen.model.settings import SETTINGS_FILE, Settings
from paigen.sources.yamlfile import load_yaml

PASS, FAIL, ON_SITE = "达标", "未达标", "现场核查"
COMPARES = (">=", ">", "<=", "<", "==", "exists", "contains", "info")


@dataclass(frozen=True)
class Check:
    fact: str
    compare: str
    value: Any = None  # a number, text, or {村: 600, 社区: 1000}


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    name: str
    requirement: str
    threshold: Any  # text or {村: …, 社区: …}
    checks: tuple[Check, ...] = ()
    on_site: str = ""

    def threshold_for(self, village_type: str) -> str:
        return str(_by_type(self.threshold, village_type))


@dataclass(frozen=True)
class Checklist:
    key: str  # file stem
    name: str
    title: str
    source: str
    items: tuple[ChecklistItem, ...]
    applies_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemResult:
    item: ChecklistItem
    threshold: str
    measured: str
    verdict: str  # 达标 | 未达标 | 现场核查

    @property
    def decided(self) -> bool:
        return self.verdict != ON_SITE


def _by_type(value: Any, village_type: str) -> Any:
    if isinstance(value, dict):
        return value.get(village_type, next(iter(value.values())))
    return value


def checklist_dirs(settings: Settings | None = None) -> list[Path]:
    """Checklist folders: the county's ``checklists/`` first, then the shipped ones."""
    dirs = []
    if settings is not None and settings.base_dir is not None:
        county = Path(settings.base_dir) / "checklists"
        if county.is_dir():
            dirs.append(county)
    dirs.append(data_dir("signage") / "checklists")
    return dirs


def checklist_names(settings: Settings | None = None) -> list[str]:
    return sorted({p.stem for d in checklist_dirs(settings) for p in d.glob("*.yaml")})


def load_checklist(name: str, settings: Settings | None = None) -> Checklist:
    """The checklist *name* (file stem or its ``name:``), the county's own first."""
    for folder in checklist_dirs(settings):
        path = folder / f"{name}.yaml"
        if path.is_file():
            return _load(path)
    for folder in checklist_dirs(settings):
        for path in sorted(folder.glob("*.yaml")):
            checklist = _load(path)
            if name in (checklist.name, checklist.title):
                return checklist
    names = checklist_names(settings)
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    hint = (_("did you mean '{close}'?", close=close[0]) if close
            else _("available: {names}", names=listing(names)))
    raise ProfileError([Problem(Location((settings.file if settings else None) or SETTINGS_FILE),
                                "documents.checklist", _("unknown checklist '{name}'", name=name),
                                hint)])


@cache
def _load(path: Path) -> Checklist:
    label = f"checklists/{path.name}"
    doc = load_yaml(path, label=label)
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[Problem] = []

    def problem(where: tuple, message: str, fix: str) -> None:
        problems.append(Problem(doc.locate(where), ".".join(map(str, where)), message, fix))

    for key in ("name", "title", "source", "items"):
        if not data.get(key):
            problem((key,), _("'{key}' is missing", key=key),
                    _("every checklist needs {key}", key=key))
    items = []
    for i, raw in enumerate(data.get("items") or []):
        checks = []
        for j, c in enumerate(raw.get("checks") or []):
            where = ("items", i, "checks", j)
            fact, compare = str(c.get("fact", "")), str(c.get("compare", ""))
            if not known_fact(fact):
                problem((*where, "fact"), _("'{fact}' is not a fact paigen can read", fact=fact),
                        _("use a profile field ({example}), a derived fact or {room}",
                          example="center.building_area_m2", room="room:PATTERN"))
            if compare not in COMPARES:
                problem((*where, "compare"), _("'{compare}' is not a comparison", compare=compare),
                        _("use one of {choices}", choices=" ".join(COMPARES)))
            if compare in (">=", ">", "<=", "<", "==", "contains") and c.get("value") is None:
                problem((*where, "value"), _("'{compare}' needs a value", compare=compare),
                        _("add {example}", example="value: 400"))
            checks.append(Check(fact, compare, c.get("value")))
        items.append(ChecklistItem(str(raw.get("id", i + 1)), str(raw.get("name", "")),
                                   str(raw.get("requirement", "")), raw.get("threshold", ""),
                                   tuple(checks), str(raw.get("on_site", "") or "")))
    if problems:
        raise ProfileError(problems)
    applies = data.get("applies_to") or ()
    return Checklist(path.stem, str(data["name"]), str(data["title"]), str(data["source"]), tuple(items),
                     tuple(applies) if isinstance(applies, list) else (str(applies),))


def _verdict(check: Check, measure: Measure | None, village_type: str) -> tuple[str, str]:
    if measure is None:
        return ON_SITE, "档案未载明"
    if check.compare == "info":
        return ON_SITE, measure.text
    if check.compare == "exists":
        return (PASS if measure.value else FAIL), measure.text
    want = _by_type(check.value, village_type)
    value = measure.value
    if check.compare == "contains":
        ok = want in (value or ())
        return (PASS, measure.text) if ok else (FAIL, f"{measure.text}（缺{want}）")
    if isinstance(value, (tuple, list)):
        value = len(value)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return ON_SITE, measure.text
    ok = {">=": value >= want, ">": value > want, "<=": value <= want, "<": value < want,
          "==": value == want}[check.compare]
    if ok:
        return PASS, measure.text
    short = check.compare in (">=", ">") and want > value
    gap = f"，差{fmt(float(want - value))}{unit(check.fact)}" if short else ""
    return FAIL, f"{measure.text}{gap}"


def evaluate(checklist: Checklist, profile: Profile, settings: Settings) -> list[ItemResult]:
    """The verdict of every item of *checklist* for *profile*."""
    kind = profile.village.type
    results = []
    for item in checklist.items:
        verdicts = [_verdict(c, read_fact(c.fact, profile, settings), kind) for c in item.checks]
        texts = [t for __, t in verdicts if t]
        if not verdicts:
            verdict, texts = ON_SITE, ["无可核对的档案数据"]
        elif any(v == FAIL for v, __ in verdicts):
            verdict = FAIL
        elif any(v == ON_SITE for v, __ in verdicts):
            verdict = ON_SITE
        else:
            verdict = PASS
        measured = "；".join(dict.fromkeys(texts))
        if item.on_site and verdict == PASS:
            measured += f"（{item.on_site}另行现场查看）"
        results.append(ItemResult(item, item.threshold_for(kind), measured, verdict))
    return results
