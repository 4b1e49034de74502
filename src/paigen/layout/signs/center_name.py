"""名称标识排版图: the roof/front name drawn to scale with per-character dimensions (A3 sheet)."""

from __future__ import annotations

from dataclasses import replace

from paigen.errors import LayoutError
from paigen.i18n import _, listing
from paigen.layout.drawing import chain, chain_depth, drawing_date, title_block
from paigen.layout.scene import Artwork, Box, Rect, Stroke
from paigen.layout.signs._common import Context, place_name

FRAME = 10.0  # mm, drawing frame inset from the sheet edge
LABEL = 3.5  # mm, dimension and note text
INK = "black"


def center_name_sheet(ctx: Context) -> list[Artwork]:
    """The name's letters to scale: the same height, gap and lines as on the facade's main front."""
    from paigen.layout.facade import center_name_plan, mm_label, to_step  # facade needs signs' Context

    spec = ctx.spec("center-name")
    engine = ctx.engine
    center, village = ctx.profile.center, ctx.profile.village
    sheet_w, sheet_h = (float(v) for v in spec["sheet_mm"])
    text = center.name
    plan = center_name_plan(ctx.profile, ctx.settings)
    if plan is not None:
        letter, gap, lines = plan.letter_mm, plan.gap_mm, plan.lines
    else:  # no front to set it on: the preset's size on one line (roof sign)
        step = float(ctx.settings.section("facade").get("step_mm", 0) or 0)
        letter = float(spec["letter_height_mm"])
        gap = to_step(letter * float(spec["letter_gap_ratio"]), step, least=False)
        lines = ("".join(c for c in text if not c.isspace()),)
    n = sum(len(line) for line in lines)
    longest = max(len(line) for line in lines)
    total = longest * letter + (longest - 1) * gap
    height = len(lines) * letter + (len(lines) - 1) * gap
    area = Box(FRAME + 30, FRAME + 40, sheet_w - 2 * FRAME - 60, sheet_h * 0.42)
    scale = next((s for s in spec["scales"] if total / s <= area.w and height / s <= area.h), None)
    if scale is None:
        raise LayoutError(_("{where}: '{text}' ({length} mm long) does not fit an A3 sheet at any "
                            "of the scales {scales}; add a larger scale to signs.center-name.scales "
                            "in paigen.yaml", where=ctx.where("center-name"), text=text,
                            length=f"{total:.0f}",
                            scales=listing(f"1:{s}" for s in spec["scales"])))
    cell, pitch = letter / scale, (letter + gap) / scale
    y0 = area.y + (area.h - height / scale) / 2
    items: list = [Rect(Box(FRAME, FRAME, sheet_w - 2 * FRAME, sheet_h - 2 * FRAME),
                        stroke=Stroke(INK, 0.5), name="frame")]
    gray = Stroke("rule-gray", 0.18, (1.5, 1.0))
    rows = []  # (left, top, stops) per line, paper mm
    for r, line in enumerate(lines):
        width = (len(line) * letter + (len(line) - 1) * gap) / scale
        left, top = (sheet_w - width) / 2, y0 + r * pitch
        stops = []
        for i, char in enumerate(line):
            box = Box(left + i * pitch, top, cell, cell)
            stops += [box.x, box.right]
            items.append(Rect(box, stroke=gray, name="cell"))
            items.append(engine.place([char], spec["font"], cell, box, spec["color"], field="center.name",
                                      name="char"))
        rows.append((left, top, stops))
    x_left = min(left for left, __, __ in rows)
    x0 = (sheet_w - total / scale) / 2
    items += chain(engine, "x", [x0, x0 + total / scale], y0 - 10, [y0, y0], -1, [mm_label(total)],
                   size=LABEL, name="dim")
    ys, labels = [], []
    for r, (__, top, __) in enumerate(rows):
        ys += [top, top + cell]
        labels += ([mm_label(gap)] if r else []) + [mm_label(letter)]
    items += chain(engine, "y", ys, x_left - 10, [x_left] * len(ys), -1, labels, size=LABEL, name="dim")
    # Each letter and gap of the last line, when their figures fit side by side; else the notes say it.
    left, top, stops = rows[-1]
    bottom = top + cell
    segments = [mm_label(letter if i % 2 == 0 else gap) for i in range(len(stops) - 1)]
    font = engine.font("hei")
    below = bottom + 8
    if sum(font.width(label, LABEL) + 1.2 for label in segments) <= stops[-1] - stops[0]:
        items += chain(engine, "x", stops, below, [bottom] * len(stops), 1, segments, size=LABEL, name="dim")
        below += chain_depth(engine, segments, "x", LABEL)
    role = ctx.engine.roles[spec["font"]].primary
    red = ctx.settings.swatch(spec["color"])
    layout = (f"分{len(lines)}行（{' / '.join(lines)}），行距 {gap:.0f} mm，" if len(lines) > 1 else "")
    origin = "与主立面立面图一致" if plan is not None else "主立面未定，按预设字高"
    notes = [
        "说明：",
        f"1. 标识内容：{text}，共{n}字，置于服务中心楼顶或正立面居中。",
        f"2. 字高 {letter:.0f} mm，字宽 {letter:.0f} mm，字距 {gap:.0f} mm，{layout}"
        f"总长 {total:.0f} mm（{origin}）。",
        f"3. 字体：{role.label}（标题字体，方正小标宋简体或其替代），"
        f"颜色：{red.note or red.name} {red.describe()}。",
        f"4. 图中尺寸单位为毫米；比例 1:{scale}。",
    ]
    y = below + 10
    for line in notes:
        items.append(engine.line(line, "hei", LABEL + 0.5, FRAME + 20, y, INK, name="note"))
        y += (LABEL + 0.5) * 1.7
    items += title_block(engine, sheet_w, sheet_h, [("图名", "名称标识排版图"),
                                                    ("项目", place_name(village)),
                                                    ("比例", f"1:{scale}"),
                                                    ("日期", drawing_date(ctx.settings))])
    art = ctx.artwork("center-name", "center-name", f"名称标识排版图 {text}", items, background="white",
                      size=(sheet_w, sheet_h), kind="drawing", bleed=0.0, quantity=1,
                      note=f"比例1:{scale}，字高{letter:.0f}mm")
    return [replace(art, meta={"letter_mm": letter, "gap_mm": gap, "lines": list(lines)})]
