"""Working days: no 成文日期 or deadline on a Saturday, a Sunday or a statutory holiday.

The holidays are data (``signage/calendar/holidays.yaml``: one list of date ranges per year, from
the State Council's yearly notices), plus any day a county lists under ``documents.holidays``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from paigen._data import data_dir
from paigen.sources.yamlfile import load_yaml


@cache
def statutory_holidays() -> frozenset[dt.date]:
    doc = load_yaml(data_dir("signage") / "calendar" / "holidays.yaml", label="calendar/holidays.yaml")
    days: set[dt.date] = set()
    for ranges in (doc.data.get("years") or {}).values():  # type: ignore[union-attr]
        for first, last in ranges:
            first, last = _day(first), _day(last)
            while first <= last:
                days.add(first)
                first += dt.timedelta(days=1)
    return frozenset(days)


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def is_working_day(day: dt.date, extra: frozenset[dt.date] = frozenset()) -> bool:
    return day.weekday() < 5 and day not in statutory_holidays() and day not in extra


def working_day(day: dt.date, extra: frozenset[dt.date] = frozenset()) -> dt.date:
    """*day* itself when it is a working day, else the next one."""
    for _ in range(40):
        if is_working_day(day, extra):
            return day
        day += dt.timedelta(days=1)
    return day


def county_holidays(settings) -> frozenset[dt.date]:
    """The county's own days off (``documents.holidays`` in paigen.yaml); bad entries are skipped
    here and reported by the settings check."""
    if settings is None:
        return frozenset()
    out = set()
    for value in settings.section("documents").get("holidays") or []:
        try:
            out.add(_day(value))
        except (TypeError, ValueError):
            continue
    return frozenset(out)
