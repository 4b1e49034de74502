"""窗口牌: a plate over each service window, numbered in room order."""

from __future__ import annotations

from paigen.layout.scene import Artwork, Box
from paigen.layout.signs._common import Context, color_note


def window_plates(ctx: Context) -> list[Artwork]:
    spec = ctx.spec("window")
    engine = ctx.engine
    colors = spec["colors"]
    w, h = ctx.size("window")
    margin = max(ctx.safe_margin(w, h), 20.0)
    out = []
    index = 0
    for r, room in enumerate(ctx.profile.center.rooms):
        for k, window in enumerate(room.windows):
            index += 1
            name = f"window-{index}"
            number_size = float(spec["min_note_mm"]) * 1.25
            number = engine.line(f"{index}号窗口", spec["font"], number_size, w / 2, margin,
                                 colors["number"], anchor="center", name="number")
            box = Box(margin, margin + number_size * 1.6, w - 2 * margin, h - 2 * margin - number_size * 1.6)
            size, lines = engine.fit(window, spec["font"], box, min_size=spec["min_text_mm"],
                                     max_size=spec["max_text_mm"], max_lines=2, balanced=True, leading=1.2,
                                     one_line_bias=1.25,
                                     where=f"{ctx.where(name)} ({window})")
            text = engine.place(lines, spec["font"], size, box, colors["text"], leading=1.2,
                                field=f"center.rooms[{r}].windows[{k}]", name="name")
            out.append(ctx.artwork("window", name, f"窗口牌 {index}号 {window}", [number, text],
                                   background=colors["ground"],
                                   note=color_note(colors["ground"], colors["text"])))
    return out
