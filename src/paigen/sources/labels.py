"""The name of every profile field as the clerk knows it: the county workbook's column headers.

A key path of the profile (``duty.week.周二[1]``, ``center.rooms[2].floor``) maps to the header
of the column it is written in (值班人员, 楼层), so a problem found in a YAML profile names the
same field as one found in the workbook. Keys that have no column (sections, YAML-only values)
have their own Chinese name below. The labels are Chinese domain terms, shown as they are.
"""

from __future__ import annotations

import re
from functools import cache

# Sections and values without a column of their own.
_SECTIONS = {
    "schema": "格式版本",
    "village": "村庄",
    "village.party_org": "党组织",
    "village.short_name": "简称",
    "village.party_org.short_name": "党组织简称",
    "center": "服务中心",
    "center.rooms": "功能室",
    "people": "人员",
    "members": "党员",
    "duty": "值班",
    "duty.week": "值班安排",
    "services": "服务",
    "rating": "评星定级",
    "wayfinding": "指引牌",
    "facade": "外墙",
    "facade.walls": "外墙",
    "facade.walls.openings": "门窗",
    "facts": "实测数据",
    "acceptance": "验收",
    "acceptance.findings": "检查项目",
}


def _model_path(sheet, column) -> str:
    if sheet.target is None or column.key.startswith("village."):
        return column.key
    if sheet.english == "duty":
        return {"day": "duty.week", "names": "duty.week.names"}[column.key]
    if sheet.english == "services":
        return {"section": "services.name", "items": "services.items"}[column.key]
    if sheet.english == "openings":
        return "facade.walls.openings." + column.key
    if sheet.english == "acceptance" and column.key not in ("item", "result", "found"):
        return "acceptance." + column.key
    return f"{sheet.target}.{column.key}"


@cache
def labels() -> dict[str, str]:
    """Every generalised key path (no list indices) → its Chinese name."""
    from paigen.sources.xlsx import SHEETS

    out = dict(_SECTIONS)
    for sheet in SHEETS:
        for column in sheet.columns:
            path = _model_path(sheet, column)
            if path in ("village.name", "village.township") and sheet.english != "villages":
                continue
            out.setdefault(path, column.label)
    out["duty.week"] = "值班人员"  # a day's line names the people on duty
    return out


def general(path: tuple) -> str:
    """*path* without list indices, duty days and service sections: ``duty.week.names``."""
    parts = [p for p in path if not isinstance(p, int)]
    if parts[:2] == ["duty", "week"] and len(parts) > 2:
        return "duty.week"
    if parts[:1] == ["services"] and len(parts) > 1:
        has_item = len(path) > 2 and isinstance(path[2], int)
        return "services.items" if has_item else "services.name"
    return ".".join(str(p) for p in parts)


def label_of(path: tuple | str) -> str:
    """The Chinese name of the field at *path* (a key tuple or a written key path), or ''."""
    if isinstance(path, str):
        path = _parse(path)
    table = labels()
    probe = general(path)
    while probe:
        if probe in table:
            return table[probe]
        probe = probe.rpartition(".")[0]
    return ""


_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def _parse(text: str) -> tuple:
    out: list = []
    for index, key in _PART.findall(text):
        out.append(int(index) if index else key)
    return tuple(out)

