"""What the county workbook tells the clerk filling it in, taken from the profile model.

For every column of :data:`paigen.sources.xlsx.SHEETS`: a drop-down (Excel/WPS data validation)
when the model allows only some values (类型, 党组织层级, 星期, 方向, 门窗类型, the yes/no columns;
服务板块 offers the two standard sections but accepts others), and an input message on the
header and the cells with the column's rule — numbers, bounds, units, phone formats — written
from the model's own field types and metadata, so the workbook and the validator agree. Column
widths are fitted to the content.
"""

from __future__ import annotations

import dataclasses
import types
import typing
import unicodedata
from typing import Any, Literal

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from paigen.model._convert import MAX_NUMBER
from paigen.model.profile import WEEKDAYS, Profile

ROWS = 2000  # the data cells a validation covers (a county's rooms fit many times over)
STANDARD_SECTIONS = ("党务村务服务", "便民惠民服务")
_OPENING_LABELS = {"door": "门", "window": "窗"}
YES_NO = ("是", "否")


def _field(path: str) -> tuple[dataclasses.Field, Any] | None:
    """The model field and type hint of a dotted key path of the village document."""
    cls: Any = Profile
    field = hint = None
    for part in path.split("."):
        if not dataclasses.is_dataclass(cls):
            return None
        hints = typing.get_type_hints(cls)
        field = next((f for f in dataclasses.fields(cls) if f.name == part), None)
        if field is None:
            return None
        hint = _strip(hints[part])
        cls = typing.get_args(hint)[0] if typing.get_origin(hint) is tuple else hint
    return (field, hint) if field is not None else None


def _strip(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return next(a for a in typing.get_args(hint) if a is not type(None))
    return hint


def _model_path(sheet, column) -> str:
    """The model path of *column*: 'center.rooms.floor' for the 楼层 column of 功能室."""
    if sheet.target is None or column.key.startswith("village."):
        return column.key
    if sheet.english == "duty":
        return {"day": "duty.week.day", "names": "duty.week.names"}[column.key]
    if sheet.english == "services":
        return {"section": "services.name", "items": "services.items"}[column.key]
    if sheet.english == "openings":
        return "facade.walls.openings." + column.key
    if sheet.english == "acceptance" and column.key not in ("item", "result", "found"):
        return "acceptance." + column.key  # the record's own values, once per village
    return f"{sheet.target}.{column.key}"


def _resolve(path: str) -> tuple[dataclasses.Field, Any] | None:
    parts = path.split(".")
    if parts[:2] == ["duty", "week"]:
        from paigen.model.profile import DutyDay

        f = next(f for f in dataclasses.fields(DutyDay) if f.name == parts[2])
        return f, typing.get_type_hints(DutyDay)[parts[2]]
    if parts[0] == "services":
        from paigen.model.profile import ServiceSection

        f = next(f for f in dataclasses.fields(ServiceSection) if f.name == parts[1])
        return f, typing.get_type_hints(ServiceSection)[parts[1]]
    return _field(path)


def choices(sheet, column) -> tuple[tuple[str, ...], bool]:
    """The values a drop-down offers, and whether only those are allowed."""
    if column.kind == "bool":
        return YES_NO, True
    if sheet.english == "duty" and column.key == "day":
        return WEEKDAYS, True
    if sheet.english == "services" and column.key == "section":
        return STANDARD_SECTIONS, False
    found = _resolve(_model_path(sheet, column))
    if found and typing.get_origin(found[1]) is Literal:
        values = tuple(_OPENING_LABELS.get(v, v) for v in typing.get_args(found[1]))
        return values, True
    if found and found[0].metadata.get("org_type"):  # the shipped types; a county may declare more
        from paigen.model.profile import ORG_TYPES

        return ORG_TYPES, False
    return (), False


def rule(sheet, column) -> str:
    """The column's rule in a sentence or two: what to write, in which unit, within which bounds."""
    parts: list[str] = []
    values, strict = choices(sheet, column)
    if values:
        other = "paigen.yaml 的 wording 中声明的其他类型" if column.key == "village.type" else "其他板块名"
        lead = "从下拉列表选择：" if strict else f"可从下拉列表选择，也可填写{other}："
        parts.append(lead + "、".join(values))
    found = _resolve(_model_path(sheet, column))
    if found and not values:
        field, hint = found
        meta = field.metadata
        if meta.get("phone"):
            parts.append("手机号 11 位（如 13785612093），或座机“区号-号码”（如 0316-7212345）")
        elif hint in (int, float):
            what = "整数" if hint is int else "数字"
            bounds = []
            if "min" in meta:
                bounds.append(f"不小于 {meta['min']}")
            if "max" in meta:
                bounds.append(f"不大于 {meta['max']}")
            if meta.get("positive"):
                bounds.append("大于 0")
            parts.append(f"填{what}（阿拉伯数字，不带单位）" + ("，" + "、".join(bounds) if bounds else ""))
            if column.key.endswith("_mm"):
                parts.append("单位：毫米 mm")
            elif column.key.endswith("_m2"):
                parts.append("单位：平方米 ㎡")
            elif column.key.endswith("_m"):
                parts.append("单位：米 m")
            if column.key == "floor":
                parts.append("1 为一层（地面层）")
        elif meta.get("url"):
            parts.append("完整链接，以 https:// 开头")
        elif meta.get("date"):
            parts.append("日期，如 2026-09-15（也可填 2026/9/15 或 2026年9月15日）")
    if column.kind == "list":
        parts.append("多个用顿号“、”分隔")
    if sheet.english == "openings" and column.key == "wall":
        parts.append("必填；与“外墙”表中该村的墙面名称一致")
    parts += _own_note(column.note, values)
    required = found is not None and found[0].default is dataclasses.MISSING and \
        found[0].default_factory is dataclasses.MISSING
    once = sheet.english == "acceptance" and column.key not in ("item", "result", "found")
    if required and sheet.target is not None and not column.key.startswith("village.") and not once:
        parts.insert(0, "必填")
    return "；".join(parts) or "文字"


def _own_note(note: str, values: tuple[str, ...]) -> list[str]:
    """The parts of a column's note the rule does not already say (choices, list separators)."""
    out = []
    for part in filter(None, note.split("；")):
        if part.startswith("多个用"):
            continue
        if values and all(v in part for v in values):
            head = part.split("：")[0] if "：" in part else ""
            if head:
                out.append(head)
            continue
        out.append(part)
    return out


def number_bounds(sheet, column) -> tuple[str, float | None, float | None, bool] | None:
    """('whole' or 'decimal', low, high, low excluded) of a number column; None for other columns."""
    found = _resolve(_model_path(sheet, column))
    if not found or found[1] not in (int, float):
        return None
    field, hint = found
    meta = field.metadata
    low = meta.get("min")
    excluded = bool(meta.get("positive")) and (low is None or low <= 0)
    if excluded:
        low = 0
    return ("whole" if hint is int else "decimal"), low, meta.get("max"), excluded


def _number_rule(sheet, column, title: str, text: str) -> DataValidation | None:
    """Excel/WPS refuse what is not a number in bounds (二楼, 2层, -1) as it is typed."""
    bounds = number_bounds(sheet, column)
    if bounds is None:
        return None
    kind, low, high, excluded = bounds
    if low is not None and high is not None:
        operator, first, second = "between", low, high
    elif low is not None:
        operator, first, second = ("greaterThan" if excluded else "greaterThanOrEqual"), low, None
    elif high is not None:
        operator, first, second = "lessThanOrEqual", high, None
    else:  # any number: Excel needs bounds, so the largest any value of a village may take
        operator, first, second = "between", -MAX_NUMBER, MAX_NUMBER
    if excluded and operator == "between":
        first = 1 if kind == "whole" else 0.0001
    error = ("请填写阿拉伯数字，不带单位、不写汉字（如 2，不要写“二楼”或“2层”）。" + text)[:255]
    return DataValidation(type=kind, operator=operator, formula1=_number(first),
                          formula2=_number(second) if second is not None else None,
                          allow_blank=True, showInputMessage=True, promptTitle=title,
                          prompt=text[:255], showErrorMessage=True, errorStyle="stop",
                          errorTitle=title, error=error)


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def apply(ws, sheet) -> None:
    """Drop-downs, input messages and fitted widths on one written sheet (header in row 1)."""
    for i, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(i)
        text = rule(sheet, column)
        title = column.label[:32]
        head = DataValidation(showInputMessage=True, promptTitle=title, prompt=text[:255], allow_blank=True)
        head.add(f"{letter}1")
        ws.add_data_validation(head)
        values, strict = choices(sheet, column)
        cells = f"{letter}2:{letter}{ROWS}"
        if values:
            dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                                showInputMessage=True, promptTitle=title, prompt=text[:255],
                                showErrorMessage=strict, errorTitle=title, error=text[:255],
                                errorStyle="stop" if strict else "information")
        else:
            dv = _number_rule(sheet, column, title, text) or DataValidation(
                showInputMessage=True, promptTitle=title, prompt=text[:255], allow_blank=True)
        dv.add(cells)
        ws.add_data_validation(dv)
        longest = max([_width(column.label) + 4, *(_width(str(c.value)) + 2 for c in ws[letter][1:]
                                                   if c.value is not None)])
        ws.column_dimensions[letter].width = max(8, min(60, longest))
