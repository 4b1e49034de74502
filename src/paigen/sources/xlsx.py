"""Read and write the county workbook: many villages in one ``.xlsx``.

One sheet holds one row per village; the other sheets hold one row per room, person, duty day,
service section, road sign, wall and wall opening, linked to their village by its name (and by
township when two villages share a name). Headers are Chinese labels; the English key works too.
Each village becomes a :class:`Document` shaped exactly like its YAML profile, with every value
located at its cell, so the same village gives the same model from either source.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from paigen._io import atomic_write
from paigen._zip import normalise_zip
from paigen.errors import Location, Problem, ProfileError, did_you_mean
from paigen.i18n import _, listing
from paigen.sources._gate import DEFAULT, Limits, check_workbook
from paigen.sources._tree import Document, Path


@dataclass(frozen=True)
class Column:
    key: str  # dotted key path inside the village document (or inside the row's record)
    label: str
    kind: str = "value"  # value | list | bool
    width: int = 14
    note: str = ""


@dataclass(frozen=True)
class Sheet:
    name: str
    english: str
    columns: tuple[Column, ...]
    # Where the row's record goes in the village document; None for the village sheet itself.
    target: str | None = None
    note: str = ""


VILLAGE = Column("village.name", "村名", width=12, note="与“村庄”表的村名一致")
TOWNSHIP = Column("village.township", "乡镇", width=12,
                  note="与“村庄”表中该村的乡镇一致；两个村（社区）同名时必填，用于区分")
# On the 村庄 sheet the township is part of the village's identity: always required.
OWN_TOWNSHIP = Column("village.township", "乡镇", width=12,
                      note="必填：所属乡镇（街道、团场），如 堂二里镇；公文的发文机关按它生成")
#: The villages the starter workbook holds as examples (rows marked, a build warns of them).
EXAMPLE_VILLAGES = ("示例村",)
_EXAMPLE_FILL = "FFF2CC"

SHEETS: tuple[Sheet, ...] = (
    Sheet("村庄", "villages", (
        VILLAGE,
        Column("village.type", "类型", note="村、社区 或 连队"),
        OWN_TOWNSHIP,
        Column("village.county", "县市"),
        Column("village.province", "省份"),
        Column("village.party_org.level", "党组织层级", note="支部、总支 或 党委"),
        Column("village.party_org.name", "党组织名称", width=24, note="空白时自动生成"),
        Column("village.committee", "村（居）委会名称", width=22, note="空白时自动生成"),
        Column("village.supervision", "监委会名称", width=24, note="空白时自动生成"),
        Column("center.name", "服务中心名称", width=26, note="空白时按预设生成"),
        Column("center.address", "地址", width=28),
        Column("center.hours", "办公时间", width=22),
        Column("center.phone", "电话", width=16),
        Column("center.wechat_url", "公众号链接", width=30),
        Column("center.building_area_m2", "建筑面积㎡"),
        Column("center.floors", "层数", width=8),
        Column("duty.per_day", "每日值班人数"),
        Column("rating.year", "评星年度"),
        Column("rating.stars", "星级", width=8),
        Column("facts.square_area_m2", "广场面积㎡"),
        Column("facts.bulletin_area_m2", "公开栏面积㎡"),
        Column("facts.meeting_capacity", "会议室容纳人数"),
        Column("facts.service_hall_area_m2", "服务大厅面积㎡"),
        Column("facts.sports_area_m2", "文体场地面积㎡"),
        Column("facts.library_books", "图书册数"),
        Column("facts.members_count", "党员人数"),
        Column("facts.volunteer_teams", "公益服务队数"),
        Column("facts.theme_days_per_year", "年主题党日次数"),
        Column("facts.public_activities_per_year", "年惠民活动次数"),
        Column("facts.staff_training_hours", "工作人员年培训学时"),
        Column("facts.remote_edu_funds_yuan", "远程教育年经费元"),
        Column("facts.satisfaction_pct", "满意率%"),
    ), note="一行一个村（社区）"),
    Sheet("功能室", "rooms", (
        VILLAGE, TOWNSHIP,
        Column("name", "房间名称", width=18),
        Column("also", "加挂名称", "list", width=20, note="多个用顿号、分隔"),
        Column("floor", "楼层", width=8),
        Column("area_m2", "面积㎡", width=10),
        Column("party", "党建功能室", "bool", width=10, note="是 或 否"),
        Column("seats", "座位数", width=8),
        Column("windows", "服务窗口", "list", width=24),
        Column("boards", "上墙制度牌", "list", width=40),
        Column("direction", "导引方向", width=10, note="导引牌箭头：左、右、前、上 或 下"),
        Column("wall_mm", "墙宽mm", width=10, note="挂制度牌的墙面宽度，用于安装示意图"),
    ), target="center.rooms", note="顺序即导引牌上的顺序"),
    Sheet("人员", "people", (
        VILLAGE, TOWNSHIP,
        Column("name", "姓名", width=10),
        Column("roles", "职务", "list", width=30),
        Column("phone", "电话", width=16),
    ), target="people"),
    Sheet("党员", "members", (
        VILLAGE, TOWNSHIP,
        Column("name", "姓名", width=10),
        Column("category", "类别", width=10, note="在职、农民、流动 或 年老体弱"),
        Column("points", "积分", width=8),
        Column("stars", "星级", width=8),
    ), target="members", note="党员先锋榜：积分与星级"),
    Sheet("值班", "duty", (
        VILLAGE, TOWNSHIP,
        Column("day", "星期", width=8),
        Column("names", "值班人员", "list", width=24),
    ), target="duty.week"),
    Sheet("服务", "services", (
        VILLAGE, TOWNSHIP,
        Column("section", "服务板块", width=16),
        Column("items", "服务事项", "list", width=60),
    ), target="services"),
    Sheet("指引", "wayfinding", (
        VILLAGE, TOWNSHIP,
        Column("place", "设置位置", width=24),
        Column("direction", "方向", width=8, note="左、右 或 前"),
        Column("distance_m", "距离m", width=10),
    ), target="wayfinding"),
    Sheet("外墙", "walls", (
        VILLAGE, TOWNSHIP,
        Column("name", "墙面", width=12),
        Column("length_mm", "长度mm", width=10),
        Column("height_mm", "高度mm", width=10),
        Column("main", "主立面", "bool", width=8, note="是 或 否；都空白时第一面墙为主立面"),
    ), target="facade.walls"),
    Sheet("门窗", "openings", (
        VILLAGE, TOWNSHIP,
        Column("wall", "墙面", width=12),
        Column("kind", "类型", width=8, note="门 或 窗"),
        Column("x_mm", "距墙左端mm", width=12),
        Column("sill_mm", "离地高mm", width=10),
        Column("width_mm", "宽mm", width=10),
        Column("height_mm", "高mm", width=10),
    ), target="openings"),
    Sheet("验收", "acceptance", (
        VILLAGE, TOWNSHIP,
        Column("date", "验收日期", width=12, note="如 2026-09-15；每村填一次即可，多行填写须一致"),
        Column("members", "验收组成员", "list", width=24, note="组长在前；每村填一次即可"),
        Column("township", "乡镇签字人", width=12, note="乡镇（街道、团场）签字人；每村填一次即可"),
        Column("builder", "施工单位负责人", width=14, note="每村填一次即可"),
        Column("item", "检查项目", width=10, note="验收评分表上的序号，如 3 或 5.10"),
        Column("result", "检查结果", width=10),
        Column("found", "情况说明", width=30, note="现场看到或测量的情况"),
        Column("materials", "已查阅材料", "list", width=40,
               note="过程管理资料，如 会议记录、设计图纸、施工合同；每村填一次即可"),
    ), target="acceptance.findings", note="验收组到现场后填写：一行一个村（社区）的一个检查项目；"
       "填写后生成验收报告"),
)
_SPLIT = re.compile(r"[、，,；;\n]+")
_KIND_LABELS = {"door": "门", "window": "窗"}


def _norm(text: str) -> str:
    return re.sub(r"[\s（）()]", "", str(text)).lower()


_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _excel_text(text: str) -> str:
    """Undo Excel's _xHHHH_ escapes (a line break is stored as _x000D_); CRLF becomes a newline.

    The characters come back as they were typed, so the model refuses a control character with
    its code point instead of printing '_x001B_' on a sign."""
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split(value: Any) -> list[Any]:
    if isinstance(value, str):
        return [part.strip() for part in _SPLIT.split(value) if part.strip()]
    return [value]


def _put(tree: dict, dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        tree = tree.setdefault(part, {})
    tree[last] = value


class _Reader:
    def __init__(self, label: str, limits: Limits = DEFAULT, formulas: set | None = None):
        self.label = label
        self.limits = limits
        self.formulas = formulas or set()  # (sheet, row, column) of cells holding a formula
        self.problems: list[Problem] = []

    def loc(self, sheet: str, row: int, col: int | None = None) -> Location:
        cell = f"{get_column_letter(col)}{row}" if col else f"A{row}"
        return Location(self.label, row, col, sheet, cell)

    def problem(self, loc: Location, path: str, message: str, fix: str = "", label: str = "") -> None:
        self.problems.append(Problem(loc, path, message, fix, label))

    def header(self, ws, sheet: Sheet) -> dict[int, Column] | None:
        rows = ws.iter_rows(min_row=1, max_row=1, values_only=True)
        first = next(rows, ())
        by_name: dict[str, Column] = {}
        for col in sheet.columns:
            by_name[_norm(col.label)] = col
            by_name[_norm(col.key)] = col
            by_name.setdefault(_norm(col.key.split(".")[-1]), col)
        mapping: dict[int, Column] = {}
        for i, title in enumerate(first, start=1):
            if title is None or str(title).strip() == "":
                continue
            col = by_name.get(_norm(str(title).split("\n")[0]))
            if col is None:
                hint = did_you_mean(str(title), [c.label for c in sheet.columns])
                self.problem(self.loc(ws.title, 1, i), "",
                             _("unknown column '{column}' in sheet '{sheet}'", column=title,
                               sheet=ws.title),
                             hint or _("known columns: {columns}",
                                       columns=listing(c.label for c in sheet.columns)))
                continue
            mapping[i] = col
        if VILLAGE not in mapping.values():
            self.problem(self.loc(ws.title, 1), "", _("sheet '{sheet}' has no 村名 column", sheet=ws.title),
                         _("add a 村名 column naming each row's village"))
            return None
        return mapping

    def rows(self, ws, mapping: dict[int, Column]) -> Iterable[tuple[int, dict, dict]]:
        """Yield (row number, {column: value}, {column: column number}) for non-empty rows."""
        rows = ws.iter_rows(min_row=2, values_only=True)
        r = 1
        while True:
            r += 1
            try:
                values = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # openpyxl fails on cells Excel never writes (<v>NaN</v>)
                raise ProfileError([*self.problems, Problem(
                    self.loc(ws.title, r), "", _("cannot read row {row} of sheet '{sheet}': {reason}",
                                                 row=r, sheet=ws.title, reason=str(exc)[:80]),
                    _("open the workbook in Excel or WPS and save it again"))]) from None
            if r > self.limits.workbook_rows:
                raise ProfileError([*self.problems, Problem(
                    self.loc(ws.title, r), "", _("sheet '{sheet}' has more than {n} rows", sheet=ws.title,
                                                 n=self.limits.workbook_rows),
                    _("raise limits.workbook_rows in paigen.yaml"))])
            record: dict[Column, Any] = {}
            cols: dict[Column, int] = {}
            for i, value in enumerate(values, start=1):
                if i in mapping and value is None and (ws.title, r, i) in self.formulas:
                    self.problem(self.loc(ws.title, r, i), mapping[i].key,
                                 _("the cell holds a formula but no calculated value"),
                                 _("open the workbook in Excel or WPS and save it (that stores the "
                                   "values), or type the value"), mapping[i].label)
                if i not in mapping or value is None:
                    continue
                if isinstance(value, str):
                    value = _excel_text(value)
                if isinstance(value, str) and len(value) > self.limits.string_chars:
                    self.problem(self.loc(ws.title, r, i), mapping[i].key,
                                 _("the cell holds {n} characters, above the limit of {max}",
                                   n=len(value), max=self.limits.string_chars),
                                 _("shorten it"), mapping[i].label)
                    continue
                if isinstance(value, str):
                    value = value.strip()
                    if not value:
                        continue
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                column = mapping[i]
                record[column] = _split(value) if column.kind == "list" else value
                cols[column] = i
            if record:
                yield r, record, cols


def _formula_cells(file: FsPath) -> set[tuple[str, int, int]]:
    """Cells that hold a formula: with no cached value, openpyxl reads them as empty."""
    out: set[tuple[str, int, int]] = set()
    wb = openpyxl.load_workbook(file, read_only=True, data_only=False)
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if getattr(cell, "data_type", None) == "f":
                        out.add((ws.title, cell.row, cell.column))
    finally:
        wb.close()
    return out


def read_workbook(file: str | FsPath, label: str | None = None,
                  limits: Limits = DEFAULT) -> tuple[list[Document], list[Problem]]:
    """Read every village of a workbook; return their documents and workbook-wide problems."""
    file = FsPath(file)
    label = label or str(file)
    check_workbook(file, label, limits)
    try:
        reader = _Reader(label, limits, _formula_cells(file))
        wb = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ProfileError([Problem(Location(label), "", _("cannot read the workbook: {reason}", reason=exc),
                                    _("open it in Excel or WPS and save it again as .xlsx"))]) from None
    sheets_by_name = {}
    for sheet in SHEETS:
        sheets_by_name[_norm(sheet.name)] = sheet
        sheets_by_name[_norm(sheet.english)] = sheet
    found: dict[str, Any] = {}
    for ws in wb.worksheets:
        sheet = sheets_by_name.get(_norm(ws.title))
        if sheet is None:
            if ws.title.startswith(("说明", "readme", "README")) or ws.title.strip() in ("乡镇", "townships"):
                continue  # notes; the townships' issuers (read with the settings)
            hint = did_you_mean(ws.title, [s.name for s in SHEETS])
            reader.problem(Location(label, sheet=ws.title), "", _("unknown sheet '{sheet}'", sheet=ws.title),
                           hint or _("sheets: {sheets}", sheets=listing(s.name for s in SHEETS)))
            continue
        found[sheet.english] = ws
    if "villages" not in found:
        wb.close()
        raise ProfileError([Problem(Location(label), "", _("the workbook has no 村庄 sheet"),
                                    _("add a sheet named 村庄 with one row per village "
                                      "(paigen init --xlsx DIR writes a starter workbook)"))])
    villages: list[dict[str, Any]] = []  # each: {"data", "locations", "township", "name"}
    ws = found["villages"]
    mapping = reader.header(ws, SHEETS[0])
    if mapping:
        for r, record, cols in reader.rows(ws, mapping):
            data: dict[str, Any] = {"schema": "paigen/v1"}
            locations: dict[Path, Location] = {(): reader.loc(ws.title, r)}
            for column, value in record.items():
                _put(data, column.key, value)
                locations[tuple(column.key.split("."))] = reader.loc(ws.title, r, cols[column])
            for section in ("village", "center", "duty", "rating", "facts"):
                if section in data:
                    locations.setdefault((section,), reader.loc(ws.title, r))
            villages.append({"data": data, "locations": locations,
                             "name": record.get(VILLAGE), "township": record.get(OWN_TOWNSHIP),
                             "row": r})
    if mapping and not villages:
        wb.close()
        raise ProfileError([*reader.problems, Problem(
            reader.loc(ws.title, 2), "", _("sheet '{sheet}' has a header but no village", sheet=ws.title),
            _("fill in one row per village below the header"))])
    index: dict[Any, list[dict]] = {}
    for v in villages:
        index.setdefault(v["name"], []).append(v)
        index.setdefault((v["name"], v["township"]), []).append(v)
    walls: dict[tuple[int, str], tuple[list, Path]] = {}
    for sheet in SHEETS[1:]:
        ws = found.get(sheet.english)
        if ws is None:
            continue
        mapping = reader.header(ws, sheet)
        if not mapping:
            continue
        for r, record, cols in reader.rows(ws, mapping):
            name, township = record.get(VILLAGE), record.get(TOWNSHIP)
            matches = index.get((name, township) if township else name, [])
            if len(matches) != 1:
                if not matches:
                    why = _("row {row} of '{sheet}' names no village of the 村庄 sheet ('{name}')",
                            row=r, sheet=ws.title, name=name)
                    fix = (did_you_mean(str(name), [str(v["name"]) for v in villages])
                           or _("spell the 村名 exactly as in the 村庄 sheet"))
                else:
                    why = _("row {row} of '{sheet}' matches several villages named '{name}'",
                            row=r, sheet=ws.title, name=name)
                    fix = _("fill in the 乡镇 column of this row")
                reader.problem(reader.loc(ws.title, r, cols.get(VILLAGE)), "", why, fix, VILLAGE.label)
                continue
            village = matches[0]
            _add_row(reader, village, sheet, ws.title, r, record, cols, walls)
    wb.close()
    docs = []
    for v in villages:
        canonical = json.dumps(v["data"], ensure_ascii=False, sort_keys=True, default=str)
        docs.append(Document(v["data"], v["locations"], label,
                             hashlib.sha256(canonical.encode()).hexdigest()))
    return docs, reader.problems


def _add_row(reader: _Reader, village: dict, sheet: Sheet, title: str, r: int,
             record: dict[Column, Any], cols: dict[Column, int], walls: dict) -> None:
    data, locations = village["data"], village["locations"]
    fields = {c.key: v for c, v in record.items() if c not in (VILLAGE, TOWNSHIP)}
    field_cols = {c.key: cols[c] for c in record if c not in (VILLAGE, TOWNSHIP)}
    here = reader.loc(title, r)
    if sheet.english == "duty":
        day = str(fields.get("day", ""))
        week = data.setdefault("duty", {}).setdefault("week", {})
        path: Path = ("duty", "week", day)
        week[day] = fields.get("names", [])
        locations[path] = reader.loc(title, r, field_cols.get("names"))
        for k in range(len(week[day])):
            locations[(*path, k)] = locations[path]
        locations.setdefault(("duty",), here)
        locations.setdefault(("duty", "week"), here)
        return
    if sheet.english == "services":
        section = str(fields.get("section", ""))
        services = data.setdefault("services", {})
        items = services.setdefault(section, [])
        start = len(items)
        items.extend(fields.get("items", []))
        path = ("services", section)
        locations.setdefault(path, reader.loc(title, r, field_cols.get("section")))
        for k in range(start, len(items)):
            locations[(*path, k)] = reader.loc(title, r, field_cols.get("items"))
        locations.setdefault(("services",), here)
        return
    if sheet.english == "acceptance":
        from paigen.sources._acceptance import add_row

        add_row(reader, village, title, r, fields, field_cols)
        return
    if sheet.english == "openings":
        wall_name = fields.pop("wall", None)
        key = (village["row"], str(wall_name))
        if key not in walls:
            reader.problem(reader.loc(title, r, field_cols.get("wall")), "",
                           _("row {row} of '{sheet}' names wall '{wall}' that the 外墙 sheet does not "
                             "list for {village}", row=r, sheet=title, wall=wall_name,
                             village=village["name"]),
                           _("add the wall to the 外墙 sheet or fix its name"), "墙面")
            return
        openings, wall_path = walls[key]
        base: Path = (*wall_path, "openings", len(openings))
        locations.setdefault((*wall_path, "openings"), here)
        field_cols.pop("wall", None)
        if "kind" in fields:
            fields["kind"] = {"门": "door", "窗": "window"}.get(str(fields["kind"]), fields["kind"])
        openings.append(fields)
    else:
        parent_key = sheet.target or ""
        target = data
        *parents, last = parent_key.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        items = target.setdefault(last, [])
        base = (*parent_key.split("."), len(items))
        for depth in range(1, len(base)):
            locations.setdefault(base[:depth], here)
        items.append(fields)
        if sheet.english == "walls":
            fields["openings"] = []
            walls[(village["row"], str(fields.get("name")))] = (fields["openings"], base)
    locations[base] = here
    for key, col in field_cols.items():
        locations[(*base, key)] = reader.loc(title, r, col)
        if isinstance(fields.get(key), list):
            for k in range(len(fields[key])):
                locations[(*base, key, k)] = reader.loc(title, r, col)


# -- writing ---------------------------------------------------------------------------------
def _get(tree: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(tree, dict) or part not in tree:
            return None
        tree = tree[part]
    return tree


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "list":
        return "、".join(str(v) for v in value) if isinstance(value, list) else value
    if kind == "bool":
        return "是" if value else "否"
    return value


def workbook_rows(villages: Iterable[dict[str, Any]]) -> dict[str, list[list[Any]]]:
    """Lay out raw village documents (as from YAML) as the rows of each sheet."""
    rows: dict[str, list[list[Any]]] = {s.name: [] for s in SHEETS}
    by_name = {s.english: s for s in SHEETS}
    for data in villages:
        owner = {VILLAGE: _get(data, "village.name"), TOWNSHIP: _get(data, "village.township")}

        def add(sheet: Sheet, record: dict[str, Any], owner: dict = owner) -> None:
            rows[sheet.name].append([owner[c] if c in owner else _cell(record.get(c.key), c.kind)
                                     for c in sheet.columns])

        rows["村庄"].append([_cell(_get(data, c.key), c.kind) for c in SHEETS[0].columns])
        for room in _get(data, "center.rooms") or []:
            add(by_name["rooms"], room)
        for person in data.get("people") or []:
            add(by_name["people"], person)
        for member in data.get("members") or []:
            add(by_name["members"], member)
        for day, names in (_get(data, "duty.week") or {}).items():
            add(by_name["duty"], {"day": day, "names": names})
        for section, items in (data.get("services") or {}).items():
            add(by_name["services"], {"section": section, "items": items})
        for sign in data.get("wayfinding") or []:
            add(by_name["wayfinding"], sign)
        for wall in _get(data, "facade.walls") or []:
            add(by_name["walls"], wall)
            for opening in wall.get("openings") or []:
                kind = _KIND_LABELS.get(opening.get("kind"), opening.get("kind"))
                add(by_name["openings"], {**opening, "wall": wall.get("name"), "kind": kind})
        from paigen.sources._acceptance import records

        for record in records(data.get("acceptance")):
            add(by_name["acceptance"], record)
    return rows


_HOW_TO = (
    "村庄信息表 填写说明",
    "1. 每个村（社区）在“村庄”表填一行，村名、乡镇必填；其他表一行一条（功能室、人员、值班……），"
    "用村名和乡镇对应到村。",
    "2. 黄色底纹的行是“示例村”，仅作填写示范：改成本村的信息，或整行删除；留着会在生成时提示。",
    "3. 点一下表头或单元格可看到该列的填写规则；带下拉箭头的列从列表中选择；数字列只能填阿拉伯数字"
    "（楼层填 2，不要填“二楼”）。",
    "4. 多个值写在同一格时用顿号“、”分隔，如 入党誓词、三会一课制度。",
    "5. 各乡镇的发文机关、代字填在“乡镇”表；空白时按乡镇名称生成。",
    "下表是每一列的填写规则：",
)


def _mark_example(ws, row: int, columns: int) -> None:
    """Shade an example row and note on its 村名 cell that it is to be replaced or deleted."""
    from openpyxl.comments import Comment

    fill = PatternFill("solid", fgColor=_EXAMPLE_FILL)
    for col in range(1, columns + 1):
        ws.cell(row=row, column=col).fill = fill
    note = Comment("示例行：改成本村（社区）的信息，或删除此行；保留示例村时生成会给出提示。", "paigen")
    note.width, note.height = 240, 80
    ws.cell(row=row, column=1).comment = note


def plain_text(ws) -> None:
    """Keep every value a value: a name beginning with '=' stays text, never a formula that
    Excel or WPS would run (spreadsheet formula injection)."""
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def write_workbook(villages: Iterable[dict[str, Any]], file: str | FsPath,
                   examples: Iterable[str] = ()) -> bytes:
    """Write raw village documents as a county workbook; return the bytes written.

    The rows of the villages named in *examples* are shaded and their 村名 cell carries a note
    saying to replace or delete them (the starter workbook's 示例村)."""
    examples = set(examples)
    from paigen.sources import _xlsx_rules as xlsx_rules
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="C00000")
    villages = list(villages)
    rows = workbook_rows(villages)
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.name)
        ws.append([c.label for c in sheet.columns])
        for i, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=1, column=i)
            cell.font, cell.fill = head_font, head_fill
            cell.alignment = Alignment(horizontal="center", vertical="center")
            ws.column_dimensions[get_column_letter(i)].width = column.width
        for row in rows[sheet.name]:
            ws.append(row)
            if row and row[0] in examples:
                _mark_example(ws, ws.max_row, len(sheet.columns))
        for i, column in enumerate(sheet.columns, start=1):
            if column.key == "item":  # a 序号 like 5.10 stays as typed, never the number 5.1
                ws.column_dimensions[get_column_letter(i)].number_format = "@"
                for r in range(2, ws.max_row + 1):
                    ws.cell(row=r, column=i).number_format = "@"
        plain_text(ws)
        ws.freeze_panes = "B2"
        xlsx_rules.apply(ws, sheet)  # drop-downs, input messages, fitted widths
    towns = wb.create_sheet("乡镇")  # each township's own issuer; blank: derived from its name
    towns.append(["乡镇", "发文机关", "代字", "印发机关"])
    for i, width in enumerate((14, 28, 10, 32), start=1):
        towns.cell(row=1, column=i).font, towns.cell(row=1, column=i).fill = head_font, head_fill
        towns.column_dimensions[get_column_letter(i)].width = width
    for name in dict.fromkeys(str(_get(v, "village.township") or "") for v in villages):
        if name:
            towns.append([name])
    plain_text(towns)
    notes = wb.create_sheet("说明", 0)  # the first sheet the clerk sees
    for line in _HOW_TO:
        notes.append([line])
    notes.append([])
    notes.append(["表", "列", "填写规则"])
    for cell in notes[notes.max_row]:
        cell.font, cell.fill = head_font, head_fill
    notes.append(["乡镇", "", "每个乡镇（街道、团场）一行：发文机关（如 中共××镇委员会）、代字（如 ××发）、"
                  "印发机关；空白时按乡镇名称生成（中共××镇委员会、中共××街道工作委员会，代字取乡镇名首字）"])
    for sheet in SHEETS:
        notes.append([sheet.name, "", sheet.note])
        for column in sheet.columns:
            notes.append(["", column.label, xlsx_rules.rule(sheet, column)])
    notes.column_dimensions["A"].width, notes.column_dimensions["B"].width = 10, 20
    notes.column_dimensions["C"].width = 90
    notes.cell(row=1, column=1).font = Font(bold=True, size=14)
    wb.active = 0
    wb.properties.creator = "paigen"
    buffer = io.BytesIO()
    wb.save(buffer)
    data = normalise_zip(buffer.getvalue())
    atomic_write(file, data)
    return data
