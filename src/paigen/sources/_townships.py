"""The 乡镇 sheet of a county workbook: each township's own issuer for documents.

One row per township: 乡镇, 发文机关, 代字, 印发机关 (and 发文机关标志 when it is not
"{发文机关}文件"). A row fills ``documents.townships.<乡镇>`` of the county settings; a township
that paigen.yaml also names keeps paigen.yaml's values, and the two disagreeing is an error.
"""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path as FsPath
from typing import Any

from paigen.errors import Location, Problem, did_you_mean
from paigen.i18n import _, listing
from paigen.model.settings import Settings

SHEET_NAMES = ("乡镇", "townships")
COLUMNS = {"乡镇": "township", "发文机关": "issuing_office", "代字": "short_name",
           "印发机关": "printed_by", "发文机关标志": "mark"}
_ENGLISH = {v: v for v in COLUMNS.values()}


def read_townships(file: FsPath, label: str) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """The issuers the workbook's 乡镇 sheet gives, by township, and the sheet's problems."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    problems: list[Problem] = []
    out: dict[str, dict[str, Any]] = {}
    try:
        wb = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception:  # the village sheets' reader reports a damaged file
        return out, problems
    try:
        ws = next((w for w in wb.worksheets if w.title.strip() in SHEET_NAMES), None)
        if ws is None:
            return out, problems
        rows = ws.iter_rows(values_only=True)
        header = [str(c).strip() if c is not None else "" for c in next(rows, ())]
        keys: dict[int, str] = {}
        for i, name in enumerate(header):
            if not name:
                continue
            key = COLUMNS.get(name) or _ENGLISH.get(name)
            if key is None:
                hint = did_you_mean(name, list(COLUMNS))
                cell = f"{get_column_letter(i + 1)}1"
                problems.append(Problem(Location(label, 1, i + 1, ws.title, cell), "",
                                        _("unknown column '{column}'", column=name),
                                        hint or _("columns: {columns}", columns=listing(COLUMNS))))
                continue
            keys[i] = key
        if "township" not in keys.values():
            problems.append(Problem(Location(label, 1, None, ws.title), "",
                                    _("the 乡镇 sheet has no 乡镇 column"),
                                    _("first row: 乡镇 | 发文机关 | 代字 | 印发机关")))
            return out, problems
        for r, row in enumerate(rows, start=2):
            record = {keys[i]: str(v).strip() for i, v in enumerate(row)
                      if i in keys and v is not None and str(v).strip()}
            name = record.pop("township", "")
            if not name:
                if record:
                    problems.append(Problem(Location(label, r, None, ws.title, f"A{r}"), "",
                                            _("a row without its 乡镇"),
                                            _("write the township's name in the 乡镇 column")))
                continue
            if name in out:
                problems.append(Problem(Location(label, r, None, ws.title, f"A{r}"), "",
                                        _("{name} has two rows", name=name),
                                        _("keep one row per township")))
                continue
            out[name] = record
    finally:
        wb.close()
    return out, problems


def with_townships(settings: Settings, rows: dict[str, dict[str, Any]],
                   label: str) -> tuple[Settings, list[Problem]]:
    """*settings* with the sheet's issuers added under documents.townships."""
    if not rows:
        return settings, []
    data = copy.deepcopy(settings.data)
    townships = data.setdefault("documents", {}).setdefault("townships", {}) or {}
    data["documents"]["townships"] = townships
    problems = []
    for name, record in rows.items():
        own = townships.get(name)
        if isinstance(own, dict):
            clash = [k for k, v in record.items() if own.get(k) not in (None, "", v)]
            if clash:
                problems.append(Problem(Location(label, sheet="乡镇"), f"documents.townships.{name}",
                                        _("the 乡镇 sheet and paigen.yaml give {name} different {keys}",
                                          name=name, keys=listing(clash)), _("keep one of them")))
            townships[name] = {**record, **{k: v for k, v in own.items() if v not in (None, "")}}
        else:
            townships[name] = record
    return dataclasses.replace(settings, data=data), problems
