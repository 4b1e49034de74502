"""吊牌: the three vertical plaques at the door, 分散对齐 from top to bottom."""

from __future__ import annotations

from paigen.errors import LayoutError
from paigen.layout.scene import Artwork, Box
from paigen.layout.signs._common import Context, color_note

FIELDS = {"party_org": "village.party_org.name", "committee": "village.committee",
          "supervision": "village.supervision"}
MIN_GAP = 0.12  # of the character size, between stacked characters
END_MARGIN = 0.06  # of the plaque height, above the first and below the last character
SIDE_MARGIN = 0.1875  # of the plaque width, either side of the column (60 mm of 320)


def plaques(ctx: Context) -> list[Artwork]:
    """One plaque per organisation of the preset's set, in hanging order (party first)."""
    spec = ctx.spec("plaque")
    v = ctx.profile.village
    names = {"party_org": v.party_org.name, "committee": v.committee, "supervision": v.supervision}
    w, h = ctx.size("plaque")
    margin = max(ctx.safe_margin(w, h), w * SIDE_MARGIN)
    out = []
    for i, key in enumerate(spec["set"], start=1):
        text = names[key]
        color = spec["colors"][key]
        box = Box(margin, h * END_MARGIN, w - 2 * margin, h * (1 - 2 * END_MARGIN))
        chars = len([c for c in text if not c.isspace()])
        size = min(float(spec["max_text_mm"]), box.w, box.h / (chars + (chars - 1) * MIN_GAP))
        name = f"plaque-{i}"
        if size < spec["min_text_mm"]:
            raise LayoutError(
                f"{ctx.where(name)}: '{text}' has {chars} characters; on a {w:g} × {h:g} mm plaque "
                f"they would be {size:.0f} mm, below the minimum of {spec['min_text_mm']:g} mm "
                f"(column {box.w:.0f} × {box.h:.0f} mm); use a shorter name or change "
                "signs.plaque.min_text_mm or size_mm in paigen.yaml")
        glyphs = ctx.engine.vertical(text, spec["font"], size, box, color, distribute=True,
                                     field=FIELDS[key], name="name")
        out.append(ctx.artwork("plaque", name, f"吊牌 {text}", [glyphs], background=spec["colors"]["ground"],
                               note=f"{color_note(spec['colors']['ground'], color)}；{spec['order_note']}"
                                    f"（第{i}块）"))
    return out
