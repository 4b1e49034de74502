"""The 验收 sheet of a county workbook: the acceptance group's record, one row per checklist item.

Each row gives one finding (检查项目, 检查结果, 情况说明) of one village; the record's own values
(验收日期, 验收组成员, 乡镇签字人, 施工单位负责人, 已查阅材料) may stand on any of the village's
rows, once or repeated alike. The rows fill the village document's ``acceptance`` section exactly
as the YAML profile writes it, every value located at its cell, so the model checks both the same.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from paigen.i18n import _

RECORD_KEYS = ("date", "members", "township", "builder", "materials")
FINDING_KEYS = ("item", "result", "found")
LABELS = {"date": "验收日期", "members": "验收组成员", "township": "乡镇签字人",
          "builder": "施工单位负责人", "materials": "已查阅材料"}


def _day(value: Any) -> Any:
    """A date cell as YYYY-MM-DD (Excel stores it as a datetime); anything else as it is."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def add_row(reader: Any, village: dict, title: str, r: int, fields: dict[str, Any],
            cols: dict[str, int]) -> None:
    """Add one row of the 验收 sheet to *village*'s document (``acceptance``)."""
    data, locations = village["data"], village["locations"]
    for key in ("found", "township", "builder"):  # a figure typed as the text of a finding
        if isinstance(fields.get(key), (int, float)) and not isinstance(fields[key], bool):
            fields[key] = f"{fields[key]:g}"
    here = reader.loc(title, r)
    record = data.setdefault("acceptance", {})
    locations.setdefault(("acceptance",), here)
    seen = village.setdefault("acceptance_rows", {})  # key → the row that gave it
    for key in RECORD_KEYS:
        if key not in fields:
            continue
        value = _day(fields[key]) if key == "date" else fields[key]
        cell = reader.loc(title, r, cols[key])
        if key in record:
            if record[key] != value:
                reader.problem(cell, f"acceptance.{key}",
                               _("{label} of {village} is '{value}' here but '{other}' in row {row}",
                                 label=LABELS[key], village=village["name"], value=_text(value),
                                 other=_text(record[key]), row=seen[key]),
                               _("give {village} one {label}: fill it in on one row, or the same on "
                                 "every row", village=village["name"], label=LABELS[key]), LABELS[key])
            continue
        record[key] = value
        seen[key] = r
        locations[("acceptance", key)] = cell
        if isinstance(value, list):
            for k in range(len(value)):
                locations[("acceptance", key, k)] = cell
    finding = {key: fields[key] for key in FINDING_KEYS if key in fields}
    if not finding:
        return
    findings = record.setdefault("findings", [])
    base = ("acceptance", "findings", len(findings))
    locations.setdefault(base[:2], here)
    locations[base] = here
    for key in finding:
        locations[(*base, key)] = reader.loc(title, r, cols[key])
    findings.append(finding)


def _text(value: Any) -> str:
    return "、".join(map(str, value)) if isinstance(value, list) else str(value)


def records(acceptance: Any) -> list[dict[str, Any]]:
    """The 验收 sheet's rows of one village's ``acceptance`` section (as written in YAML).

    The record's own values go on the first row; each finding has a row of its own."""
    if not isinstance(acceptance, dict):
        return []
    head = {key: _day(acceptance.get(key)) for key in RECORD_KEYS if acceptance.get(key) not in (None, "")}
    findings = [f for f in acceptance.get("findings") or [] if isinstance(f, dict)]
    rows = []
    for k, finding in enumerate(findings or [{}]):
        row = {key: finding.get(key) for key in FINDING_KEYS}
        if row["item"] is not None and not isinstance(row["item"], str):
            row["item"] = f"{row['item']:g}" if isinstance(row["item"], (int, float)) else str(row["item"])
        rows.append({**(head if k == 0 else {}), **row})
    return rows
