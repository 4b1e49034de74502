"""The A3 elevation sheet of one wall: the wall at the largest preset scale that fits, its chains
of dimensions, the legend and the title block."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from paigen.errors import LayoutError
from paigen.i18n import _
from paigen.layout.drawing import (
    FRAME,
    INK,
    chain,
    chain_depth,
    drawing_date,
    frame,
    title_block,
    title_block_box,
)
from paigen.layout.facade.bands import Area, Hole, NameBox, WallBands
from paigen.layout.facade.takeoff import takeoff_row
from paigen.layout.scene import Artwork, Box, Item, Page, Rect, Stroke
from paigen.layout.shapes import polyline
from paigen.layout.signs._common import Context
from paigen.model.settings import Settings

DIM = 3.0  # mm, dimension figures

NOTE = 3.2  # mm, legend text

HEAD = 5.0  # mm, the sheet heading
# The sheet: heading row at the top, legend and title block in a zone at the bottom, and margins
# around the wall for the chains of dimensions (left: bands and height; right: openings' heights;
# below: openings and length; above: centre name and flagpole).

TOP_ROW, BOTTOM_ZONE = 14.0, 62.0

MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 38.0, 26.0, 22.0, 28.0

FIRST_TIER, TIER_GAP = 8.0, 3.0

COLOR_NAMES = {"party-red": "红", "white": "白", "gold": "金", "black": "黑", "door-blue": "蓝"}

def pick_scale(length: float, height: float, scales: Sequence[int], sheet: tuple[float, float]) -> int | None:
    """The smallest preset scale (largest drawing) at which the wall fits the sheet's drawing area."""
    area = wall_area_box(*sheet)
    return next((s for s in sorted(scales) if length / s <= area.w and height / s <= area.h), None)

def wall_area_box(sheet_w: float, sheet_h: float) -> Box:
    """The part of the sheet a wall may take, its dimensions and notes left around it."""
    x = FRAME + 4 + MARGIN_LEFT
    y = FRAME + TOP_ROW + MARGIN_TOP
    right = sheet_w - FRAME - 4 - MARGIN_RIGHT
    bottom = sheet_h - FRAME - BOTTOM_ZONE - MARGIN_BOTTOM
    return Box(x, y, right - x, bottom - y)

def mm_label(value: float) -> str:
    """A dimension figure: whole millimetres, one decimal where scaled bands need it."""
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"

def color_name(name: str) -> str:
    return COLOR_NAMES.get(name, name)

def legend_lines(wall: WallBands, settings: Settings) -> list[tuple[str, str | None]]:
    """The legend as (text, swatch) lines; a swatch line gets a colour chip in front."""
    spec = settings.section("facade")
    lines: list[tuple[str, str | None]] = [("色带图例", None)]
    for color in dict.fromkeys(b.color for b in wall.bands):
        sw = settings.swatch(color)
        lines.append((f"{color_name(color)}色  {sw.describe()}  {sw.note}".rstrip(), color))
    def widths(bands) -> str:
        return "、".join(f"{color_name(b.color)} {mm_label(b.width)}" for b in bands)

    bottom = widths(b for b in wall.bands if b.part == "bottom")
    top = widths(b for b in reversed(wall.bands) if b.part == "top")
    main = next((b for b in wall.bands if b.part == "main"), None)
    rest = f"；其间为{color_name(main.color)}色主墙 {mm_label(main.width)}" if main else ""
    lines.append((f"自地面向上：{bottom}；屋面线向下：{top}{rest}（mm）", None))
    lines.append((f"缩放规则：{spec['rule_text']}", None))
    standard = sum(b.standard or 0 for b in wall.bands)
    ratio = float(spec["min_main_wall_ratio"])
    bands = wall.height - (main.width if main else 0)
    if wall.scaled:
        lines.append((f"本立面：标准色带合计 {mm_label(standard)} mm，白色主墙仅占墙高 "
                      f"{(wall.height - standard) / wall.height:.0%}（< {ratio:.0%}），全部色带按 "
                      f"{wall.factor:.3f} 缩放，色带合计 {mm_label(bands)} mm，占墙高 {1 - ratio:.0%}", None))
    else:
        lines.append((f"本立面：白色主墙占墙高 {1 - bands / wall.height:.0%}（≥ {ratio:.0%}），"
                      "采用标准色带宽度", None))
    row = takeoff_row(wall)
    lines.append((f"涂刷面积：红色 {row['red_m2']:.2f} m²，白色 {row['white_m2']:.2f} m²（墙面 "
                  f"{row['wall_m2']:.2f} m²，扣除门窗洞口 {row['openings_m2']:.2f} m²）", None))
    if wall.main:
        box = wall.name_box
        if box:
            rows = "，分两行" if len(box.lines) > 1 else ""
            lines.append((f"名称标识：{box.text}{rows}，字高 {box.letter_mm:.0f} mm，"
                          f"字距 {box.gap_mm:.0f} mm，总长 {box.area.w:.0f} mm，于主立面居中，"
                          f"底边距地 {box.area.y:.0f} mm；"
                          "旗杆位于主体建筑前中央", None))
        else:
            lines.append(("名称标识：主立面白色主墙无足够位置，置于楼顶居中；旗杆位于主体建筑前中央", None))
    lines.append(("注：尺寸单位为毫米；门窗洞口处色带断开；M 门，C 窗，同尺寸同编号", None))
    return lines

class _Sheet:
    """One wall drawn on an A3 sheet: paper mm, y down, ground line at *ground*."""

    def __init__(self, ctx: Context, wall: WallBands, size: tuple[float, float]):
        self.ctx, self.wall, self.engine = ctx, wall, ctx.engine
        self.w, self.h = size
        self.s = wall.scale
        area = wall_area_box(*size)
        self.x0 = area.x + (area.w - wall.length / self.s) / 2
        self.ground = area.y + (area.h + wall.height / self.s) / 2
        self.items: list[Item] = []

    def px(self, x: float) -> float:
        return self.x0 + x / self.s

    def py(self, y: float) -> float:
        return self.ground - y / self.s

    def box(self, a: Area) -> Box:
        return Box(self.px(a.x), self.py(a.top), a.w / self.s, a.h / self.s)

    def draw(self) -> list[Item]:
        wall = self.wall
        for band in wall.bands:
            self.items += [Rect(self.box(r), fill=band.color, name=f"band-{band.color}")
                           for r in band.regions]
        outline = Box(self.px(0), self.py(wall.height), wall.length / self.s, wall.height / self.s)
        self.items.append(Rect(outline, stroke=Stroke(INK, 0.35), name="wall"))
        for hole in wall.holes:
            self.opening(hole)
        self.items.append(polyline([(outline.x - 6, self.ground), (outline.right + 6, self.ground)],
                                   Stroke(INK, 0.7), name="ground"))
        if wall.name_box:
            self.name_box(wall.name_box)
        if wall.flagpole_x is not None:
            self.flagpole(wall.flagpole_x)
        self.chains()
        self.heading()
        self.legend()
        self.items += title_block(self.engine, self.w, self.h, self.title_rows())
        self.items.append(frame(self.w, self.h))
        return self.items

    def opening(self, hole: Hole) -> None:
        box = self.box(hole.area)
        inset = min(0.6, box.w / 6, box.h / 6)
        self.items.append(Rect(box, fill="white", stroke=Stroke(INK, 0.3), name=f"opening-{hole.kind}"))
        # A window shows its frame all round; a door's frame stops at the threshold.
        inner = Box(box.x + inset, box.y + inset, box.w - 2 * inset,
                    box.h - (2 * inset if hole.kind == "window" else inset))
        self.items.append(Rect(inner, stroke=Stroke(INK, 0.15), name="opening-frame"))
        a = hole.area
        lines = [hole.code, f"{a.w:.0f}×{a.h:.0f}"]
        font = self.engine.font("hei")
        for size in (DIM - 0.5, DIM - 1.0):
            fits = [line for line in lines if font.width(line, size) <= inner.w - 1]
            if fits == lines and len(lines) * size * 1.25 <= inner.h - 1:
                break
            fits = lines[:1] if font.width(lines[0], size) <= inner.w - 1 and size * 1.3 <= inner.h else []
            if fits:
                lines = fits
                break
        else:
            return
        self.items.append(self.engine.place(lines, "hei", size, inner, INK, leading=1.25,
                                            name="opening-label"))

    def name_box(self, box: NameBox) -> None:
        spec = self.ctx.spec("center-name")
        paper = self.box(box.area)
        self.items.append(Rect(paper.inset(-0.8), stroke=Stroke(spec["color"], 0.3, (1.5, 0.8)),
                               name="name-box"))
        size, pitch = box.letter_mm / self.s, (box.letter_mm + box.gap_mm) / self.s
        for i, line in enumerate(box.lines or (box.text,)):
            n = len(line)
            w = (n * box.letter_mm + (n - 1) * box.gap_mm) / self.s
            row = Box(paper.x + (paper.w - w) / 2, paper.y + i * pitch, w, size)
            self.items.append(self.engine.place([line], spec["font"], size, row, spec["color"],
                                                align="distribute" if n > 1 else "center",
                                                field="center.name", name="center-name"))

    def flagpole(self, x: float) -> None:
        """The flagpole's centre line, above the wall only: across it would cut the opening labels."""
        px, wall_top = self.px(x), self.py(self.wall.height)
        top = wall_top - FIRST_TIER - chain_depth(self.engine, [], "x", DIM) - 2.0
        self.items.append(self.engine.line("旗杆中心线", "hei", DIM, px, top - DIM - 1.0, INK,
                                           anchor="center", name="flagpole-label"))
        dash = Stroke(INK, 0.18, (6.0, 1.0, 1.0, 1.0))
        self.items.append(polyline([(px, top), (px, wall_top)], dash, name="flagpole"))

    def chains(self) -> None:
        reach = {"left": self.px(0), "right": self.px(self.wall.length), "above": self.py(self.wall.height),
                 "below": self.ground}
        sign = {"left": -1, "right": 1, "above": -1, "below": 1}
        for side in ("left", "right", "above", "below"):
            at = reach[side] + sign[side] * FIRST_TIER
            for ch in sorted((c for c in self.wall.chains if c.side == side), key=lambda c: c.tier):
                paper = sorted(self.px(v) if ch.axis == "x" else self.py(v) for v in ch.stops)
                along = [abs(b - a) * self.s for a, b in pairwise(paper)]
                labels = [mm_label(v) for v in along]
                self.items += chain(self.engine, ch.axis, paper, at, [reach[side]] * len(paper), sign[side],
                                    labels, size=DIM, name=f"dim-{side}")
                at += sign[side] * (chain_depth(self.engine, labels, ch.axis, DIM) + TIER_GAP)

    def heading(self) -> None:
        wall = self.wall
        text = f"{wall.name}外墙色带立面图" + ("（主立面）" if wall.main else "") + f"  1:{self.s}"
        self.items.append(self.engine.line(text, "hei", HEAD, FRAME + 6, FRAME + 5, INK, name="heading"))

    def legend(self) -> None:
        block = title_block_box(self.w, self.h, len(self.title_rows()))
        x0, top = FRAME + 6, self.h - FRAME - BOTTOM_ZONE + 4
        width, height = block.x - 6 - x0, self.h - FRAME - 2 - top
        chip = 7.0
        for size in (NOTE, 3.0, 2.8, 2.6, 2.5):
            laid = []
            for text, color in legend_lines(self.wall, self.ctx.settings):
                indent = chip + 2 if color else 0
                for k, line in enumerate(self.engine.break_lines(text, "hei", size, width - indent)):
                    laid.append((line, color if k == 0 else None, indent))
            pitch = size * 1.45
            if len(laid) * pitch <= height:
                break
        else:
            raise LayoutError(_("{where}: the facade legend does not fit the sheet; shorten "
                                "facade.rule_text in paigen.yaml",
                                where=self.ctx.where(self.wall.name)))
        y = top
        for line, color, indent in laid:
            if color:
                self.items.append(Rect(Box(x0, y + (size - chip / 2) / 2, chip, chip / 2), fill=color,
                                       stroke=Stroke(INK, 0.15), name="legend-chip"))
            self.items.append(self.engine.line(line, "hei", size, x0 + indent, y, INK, name="legend"))
            y += pitch

    def title_rows(self) -> list[tuple[str, str]]:
        wall = self.wall
        rule = (f"按 {wall.factor:.3f} 缩放（色带合计占墙高 50%）" if wall.scaled else "标准宽度")
        return [("图名", f"外墙色带立面图（{wall.name}）"), ("项目", wall.place),
                ("比例", f"1:{wall.scale}"), ("色带", rule), ("日期", drawing_date(self.ctx.settings))]

def facade_sheet(ctx: Context, wall: WallBands) -> Artwork:
    """The A3 elevation drawing of one wall."""
    spec = ctx.settings.section("facade")
    w, h = (float(v) for v in spec["sheet_mm"])
    items = _Sheet(ctx, wall, (w, h)).draw()
    page = Page(w, h, 0.0, tuple(items), "white")
    note = f"比例1:{wall.scale}，" + (f"色带按{wall.factor:.3f}缩放" if wall.scaled else "标准色带")
    return Artwork("facade", wall.name, f"外墙色带立面图 {wall.name}", (page,), kind="drawing",
                   quantity=1, note=note, safe_margin=ctx.safe_margin(w, h),
                   meta={"scale": wall.scale, "band_factor": wall.factor, "main": wall.main})
