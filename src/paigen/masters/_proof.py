"""The proof of ``paigen master check``: each master filled for real villages, slots outlined.

The pages are drawn by the build's own renderer (PDF masters composed under the slot layer, SVG
masters as scene paths), so the proof's colours are the print colours; only the dashed slot
outlines, their names and the caption are added for the designer.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from paigen.layout.scene import Artwork, Page, Rect, Stroke
from paigen.masters._draw import render_master_pdf
from paigen.masters._master import Master

BOX_COLOURS = ("door-blue", "black")


@dataclass(frozen=True)
class Sample:
    """One village's artwork of a master's type, to fill the master with on the proof."""

    village: str
    art: Artwork
    ctx: object  # the village's layout Context


def proof_pdf(pages: list[tuple[Master, str, list]], settings, engine) -> bytes:
    """One page per (master, caption, filled slot items): the master with the items, every slot's
    box and name outlined over them, and the caption at the top."""
    import pikepdf

    colour = next((c for c in BOX_COLOURS if c in settings.section("colors")), "black")
    out = pikepdf.new()
    for master, caption, filled in pages:
        slots = master.slots
        items: list = [*master.shapes, *filled]
        for spec in slots.slots:
            items.append(Rect(spec.box, stroke=Stroke(colour, 0.8, (4.0, 2.0)), name=f"slot {spec.name}"))
            label = (
                f"{spec.name}（{spec.kind}，{spec.min_mm:g}–{spec.max_mm:g} mm）"
                if spec.kind == "text"
                else spec.name
            )
            size = max(4.0, min(10.0, spec.box.h / 4))
            items.append(
                engine.line(label, "hei", size, spec.box.x + 1, spec.box.y + 1, colour, name="label")
            )
        size = max(4.0, min(12.0, slots.width / 40))
        title = f"母版检查 {master.file}：{caption}"
        items.append(engine.line(title, "hei", size, 2, 2, colour, name="caption"))
        page = Page(slots.width, slots.height, slots.bleed, tuple(items), None)
        art = Artwork(
            master.sign_type,
            f"master-{master.sign_type}",
            f"母版检查 {master.file}",
            (page,),
            meta={"master": master},
        )
        data = render_master_pdf(art, settings, text="live")
        with pikepdf.open(io.BytesIO(data)) as one:
            out.pages.extend(one.pages)
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True)
    return buffer.getvalue()
