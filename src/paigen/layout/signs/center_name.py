"""名称标识排版图: the roof/front name drawn to scale with per-character dimensions (A3 sheet)."""

from __future__ import annotations

from paigen.errors import LayoutError
from paigen.layout.drawing import drawing_date, title_block
from paigen.layout.scene import Artwork, Box, Rect, Stroke
from paigen.layout.shapes import dimension
from paigen.layout.signs._common import Context

FRAME = 10.0  # mm, drawing frame inset from the sheet edge
LABEL = 3.5  # mm, dimension and note text
INK = "black"


def center_name_sheet(ctx: Context) -> list[Artwork]:
    spec = ctx.spec("center-name")
    engine = ctx.engine
    center, village = ctx.profile.center, ctx.profile.village
    sheet_w, sheet_h = (float(v) for v in spec["sheet_mm"])
    text = center.name
    chars = [c for c in text if not c.isspace()]
    n = len(chars)
    letter = float(spec["letter_height_mm"])
    gap = letter * float(spec["letter_gap_ratio"])
    total = n * letter + (n - 1) * gap
    area = Box(FRAME + 20, FRAME + 40, sheet_w - 2 * FRAME - 40, sheet_h * 0.42)
    scale = next((s for s in spec["scales"] if total / s <= area.w and letter / s <= area.h), None)
    if scale is None:
        raise LayoutError(f"{ctx.where('center-name')}: '{text}' ({total:.0f} mm long) does not fit an "
                          f"A3 sheet at any of the scales 1:{', 1:'.join(map(str, spec['scales']))}")
    cell, step = letter / scale, (letter + gap) / scale
    x0 = (sheet_w - total / scale) / 2
    y0 = area.y + (area.h - cell) / 2
    items: list = [Rect(Box(FRAME, FRAME, sheet_w - 2 * FRAME, sheet_h - 2 * FRAME),
                        stroke=Stroke(INK, 0.5), name="frame")]
    gray = Stroke("rule-gray", 0.18, (1.5, 1.0))
    for i, char in enumerate(chars):
        box = Box(x0 + i * step, y0, cell, cell)
        items.append(Rect(box, stroke=gray, name="cell"))
        items.append(engine.place([char], spec["font"], cell, box, spec["color"], field="center.name",
                                  name="char"))
    right = x0 + total / scale
    items += dimension(engine, (x0, y0), (right, y0), 14, f"{total:.0f}", INK)
    items += dimension(engine, (x0, y0 + cell), (x0, y0), 10, f"{letter:.0f}", INK)
    for i in range(n):
        left = x0 + i * step
        items += dimension(engine, (left, y0 + cell), (left + cell, y0 + cell), -8, f"{letter:.0f}", INK)
        if i < n - 1 and gap / scale >= 2:
            items += dimension(engine, (left + cell, y0 + cell), (left + step, y0 + cell), -16,
                               f"{gap:.0f}", INK)
    role = ctx.engine.roles[spec["font"]].primary
    red = ctx.settings.swatch(spec["color"])
    notes = [
        "说明：",
        f"1. 标识内容：{text}，共{n}字，置于服务中心楼顶或正立面居中。",
        f"2. 字高 {letter:.0f} mm，字宽 {letter:.0f} mm，字距 {gap:.0f} mm，总长 {total:.0f} mm。",
        f"3. 字体：{role.label}（标题字体，方正小标宋简体或其替代），"
        f"颜色：{red.note or red.name} {red.describe()}。",
        f"4. 图中尺寸单位为毫米；比例 1:{scale}。",
    ]
    y = y0 + cell + 34
    for line in notes:
        items.append(engine.line(line, "hei", LABEL + 0.5, FRAME + 20, y, INK, name="note"))
        y += (LABEL + 0.5) * 1.7
    items += title_block(engine, sheet_w, sheet_h, [("图名", "名称标识排版图"),
                                                    ("项目", f"{village.township}{village.name}"),
                                                    ("比例", f"1:{scale}"),
                                                    ("日期", drawing_date(ctx.settings))])
    return [ctx.artwork("center-name", "center-name", f"名称标识排版图 {text}", items, background="white",
                        size=(sheet_w, sheet_h), kind="drawing", bleed=0.0, quantity=1,
                        note=f"比例1:{scale}，字高{letter:.0f}mm")]

