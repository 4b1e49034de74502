"""The print shop's order: one row per artwork × village, totals per size and material, paint.

Written as ``order.xlsx`` (for the print shop's own systems) and ``order.pdf`` (to read and sign).
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from paigen._zip import normalise_zip
from paigen.batch._table import Column, table_pages
from paigen.batch.wording import proof_label
from paigen.layout.scene import Artwork
from paigen.layout.text import TextEngine
from paigen.model.settings import Settings


@dataclass(frozen=True)
class OrderRow:
    township: str
    village: str
    type: str  # the catalogue's name: 吊牌, 门牌…
    title: str
    width: float
    height: float
    bleed: float
    material: str
    note: str
    quantity: int
    path: str
    proof: str = ""  # wording status of the library boards it prints: 文字待核对：…
    pdfx: str = ""  # "PDF/X-1a:2003" when the file is identified as PDF/X
    missing: bool = False  # an artwork that could not be laid out: nothing to print, the reason

    @property
    def size(self) -> str:
        return f"{self.width:g}×{self.height:g}"

    @property
    def area_m2(self) -> float:
        return self.width * self.height * self.quantity / 1e6


def order_rows(villages: list[dict], settings: Settings) -> list[OrderRow]:
    """Every printed artwork (kind 'sign', PDF) of every built village, in kit order."""
    signs = settings.section("signs")
    rows = []
    for v in villages:
        for a in v.get("artifacts", []):
            if a["kind"] != "sign" or a["format"] != "pdf":
                continue
            w, h = a["trim_mm"]
            spec = signs.get(a["type"], {})
            finish = _finish(spec)
            note = "；".join(part for part in (finish, a.get("note", "")) if part)
            rows.append(
                OrderRow(
                    v["township"],
                    v["village"],
                    signs.get(a["type"], {}).get("title", a["type"]),
                    a["title"],
                    w,
                    h,
                    a["bleed_mm"],
                    a["material"],
                    note,
                    a["quantity"],
                    a["path"],
                    proof_label(a.get("proof", [])),
                    a.get("pdfx", ""),
                )
            )
        rows += [_missing_row(v, m, signs) for m in v.get("missing", [])]
    return rows


def _missing_row(village: dict, missing: dict, signs: dict) -> OrderRow:
    """An order line that says which artwork is not in the kit, why, and what to change."""
    spec = signs.get(missing.get("type", ""), {})
    w, h = (spec.get("size_mm") or [0, 0])[:2]
    note = f"未生成（无法排版）：{missing.get('reason', '')}；修改：{missing.get('fix', '')}"
    title = missing.get("title", "")
    return OrderRow(village["township"], village["village"], title, f"【未生成】{title}", float(w),
                    float(h), float(spec.get("bleed_mm", 0)), str(spec.get("material", "")), note, 0,
                    "", "", "", missing=True)


def _finish(spec: dict) -> str:
    """The sign's finishing note, with {key} replaced by the sign's own preset values."""
    text = str(spec.get("finish", "") or "")
    def value(m: re.Match) -> str:
        found = spec.get(m.group(1), m.group(0))
        return f"{found:g}" if isinstance(found, (int, float)) else str(found)

    return re.sub(r"\{(\w+)\}", value, text)


def totals(rows: list[OrderRow]) -> list[tuple[str, str, int, float]]:
    """(size, material, pieces, m²) per size and material, largest sizes first."""
    acc: dict[tuple[str, str], list] = defaultdict(lambda: [0, 0.0, 0.0])
    for r in rows:
        if r.missing:
            continue
        entry = acc[(r.size, r.material)]
        entry[0] += r.quantity
        entry[1] += r.area_m2
        entry[2] = r.width * r.height
    ordered = sorted(acc.items(), key=lambda kv: (-kv[1][2], kv[0]))
    return [(size, material, pieces, round(area, 2)) for (size, material), (pieces, area, _) in ordered]


def paint_rows(villages: list[dict]) -> list[tuple[str, str, str, float, float, float, float]]:
    """(township, village, wall, wall m², openings m², red m², white m²) from the facade takeoffs."""
    out = []
    for v in villages:
        for row in v.get("paint", []):
            if row["wall"] == "合计":
                continue
            out.append(
                (
                    v["township"],
                    v["village"],
                    row["wall"],
                    row["wall_m2"],
                    row["openings_m2"],
                    row["red_m2"],
                    row["white_m2"],
                )
            )
    return out


ORDER_COLUMNS = (
    "乡镇",
    "村（社区）",
    "品名",
    "内容",
    "成品尺寸(mm)",
    "出血(mm)",
    "材质",
    "颜色/工艺",
    "文字校核",
    "数量",
    "文件",
    "PDF/X",
)


def order_workbook(rows: list[OrderRow], paint: list[tuple]) -> bytes:
    """The order as an Excel workbook: 订单, 汇总 and 涂料 sheets."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单"
    _sheet(
        ws,
        ORDER_COLUMNS,
        [
            [r.township, r.village, r.type, r.title, r.size, r.bleed, r.material, r.note, r.proof,
             r.quantity, r.path or "未生成", r.pdfx or ("" if r.missing else "否")]
            for r in rows
        ],
        [10, 12, 10, 34, 12, 8, 22, 36, 24, 6, 40, 14],
    )
    summary = wb.create_sheet("汇总")
    body = [[size, material, pieces, area] for size, material, pieces, area in totals(rows)]
    body.append(["合计", "", sum(r.quantity for r in rows), round(sum(r.area_m2 for r in rows), 2)])
    _sheet(summary, ("成品尺寸(mm)", "材质", "数量", "面积(m²)"), body, [14, 26, 8, 10])
    if paint:
        sheet = wb.create_sheet("涂料")
        body = [list(p) for p in paint]
        body.append(["合计", "", "", *(round(sum(p[i] for p in paint), 2) for i in range(3, 7))])
        _sheet(
            sheet,
            ("乡镇", "村（社区）", "墙面", "墙面积(m²)", "门窗(m²)", "红色(m²)", "白色(m²)"),
            body,
            [10, 12, 12, 11, 10, 10, 10],
        )
    wb.properties.creator = "paigen"
    buffer = io.BytesIO()
    wb.save(buffer)
    return normalise_zip(buffer.getvalue())


def _sheet(ws, header, body, widths) -> None:
    ws.append(list(header))
    for i, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="C00000")
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in body:
        ws.append(row)
    from paigen.sources.xlsx import plain_text

    plain_text(ws)  # a profile value beginning with '=' stays text
    ws.freeze_panes = "A2"


def order_sheet(engine: TextEngine, rows: list[OrderRow], paint: list[tuple], county: str) -> Artwork:
    """The order as paged A4 tables, for reading and signing."""
    cols = [
        Column("乡镇", 0.07),
        Column("村（社区）", 0.08),
        Column("品名", 0.07),
        Column("内容", 0.17),
        Column("成品尺寸", 0.08, "center"),
        Column("出血", 0.04, "center"),
        Column("材质", 0.14),
        Column("颜色/工艺", 0.16),
        Column("文字校核", 0.07),
        Column("数量", 0.04, "right"),
        Column("文件", 0.08),
    ]
    body = [
        [
            r.township,
            r.village,
            r.type,
            r.title,
            r.size,
            f"{r.bleed:g}",
            r.material,
            r.note,
            r.proof.split("：")[0].removeprefix("文字"),
            str(r.quantity),
            r.path.rsplit("/", 1)[-1] or "未生成",
        ]
        for r in rows
    ]
    sums = [[size, material, str(pieces), f"{area:.2f}"] for size, material, pieces, area in totals(rows)]
    sums.append(["合计", "", str(sum(r.quantity for r in rows)), f"{sum(r.area_m2 for r in rows):.2f}"])
    sections = [
        (
            "按尺寸和材质汇总",
            [
                Column("成品尺寸(mm)", 0.2),
                Column("材质", 0.4),
                Column("数量", 0.15, "right"),
                Column("面积(m²)", 0.25, "right"),
            ],
            sums,
        )
    ]
    if paint:
        prow = [[p[0], p[1], p[2], *(f"{x:.2f}" for x in p[3:])] for p in paint]
        prow.append(["合计", "", "", *(f"{sum(p[i] for p in paint):.2f}" for i in range(3, 7))])
        sections.append(
            (
                "外墙涂料（色带）",
                [
                    Column("乡镇", 0.14),
                    Column("村（社区）", 0.16),
                    Column("墙面", 0.16),
                    Column("墙面积(m²)", 0.14, "right"),
                    Column("门窗(m²)", 0.13, "right"),
                    Column("红色(m²)", 0.13, "right"),
                    Column("白色(m²)", 0.14, "right"),
                ],
                prow,
            )
        )
    villages = len({(r.township, r.village) for r in rows})
    absent = sum(r.missing for r in rows)
    rows = [r for r in rows if not r.missing]
    states = {r.pdfx for r in rows} or {""}
    pdfx = (f"印刷文件为 {next(iter(states))}（已预检）" if len(states) == 1 and "" not in states
            else "印刷文件未标识 PDF/X" if states == {""} else "部分印刷文件为 PDF/X-1a")
    subtitle = (
        f"{county} · {villages}个村（社区） · {len(rows)}项 · {sum(r.quantity for r in rows)}件 · "
        f"尺寸为成品尺寸，PDF 含出血与裁切框（TrimBox） · {pdfx}"
        + (f" · {absent}项未生成（见表内“未生成”行）" if absent else "")
    )
    return table_pages(engine, "标识标牌印刷订单", subtitle, cols, body, sections=sections, name="order")
