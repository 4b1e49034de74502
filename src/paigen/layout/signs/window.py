"""窗口牌: a plate over each service window, numbered in room order."""

from __future__ import annotations

from paigen.errors import LayoutError
from paigen.layout.scene import Artwork, Box
from paigen.layout.signs._common import Context, color_note

NUMBER = 0.42  # the window number's size, of the name's; at least the preset's min_note_mm


def window_plates(ctx: Context) -> list[Artwork]:
    """One plate per window; all names of the centre at one size (two lines before shrinking)."""
    spec = ctx.spec("window")
    engine = ctx.engine
    colors = spec["colors"]
    w, h = ctx.size("window")
    margin = max(ctx.safe_margin(w, h), 20.0)
    windows = [(r, k, window) for r, room in enumerate(ctx.profile.center.rooms)
               for k, window in enumerate(room.windows)]
    number_size = max(float(spec["min_note_mm"]), float(spec["max_text_mm"]) * NUMBER)
    box = Box(margin, margin + number_size * 1.4, w - 2 * margin, h - 2 * margin - number_size * 1.4)

    def fit(window: str, index: int, size: float | None = None) -> tuple[float, list[str]]:
        where = f"{ctx.where(f'window-{index}')} ({window})"
        high = float(spec["max_text_mm"]) if size is None else size
        if size is not None:
            try:
                return engine.fit(window, spec["font"], box, min_size=size, max_size=size, max_lines=1,
                                  leading=1.2, where=where)
            except LayoutError:
                pass
        return engine.fit(window, spec["font"], box, min_size=min(float(spec["min_text_mm"]), high),
                          max_size=high, max_lines=2, balanced=True, leading=1.2, where=where)

    family = min((fit(win, i)[0] for i, (_, _, win) in enumerate(windows, start=1)), default=0.0)
    number_size = max(float(spec["min_note_mm"]), family * NUMBER)
    out = []
    for index, (r, k, window) in enumerate(windows, start=1):
        name = f"window-{index}"
        number = engine.line(f"{index}号窗口", spec["font"], number_size, w / 2, margin,
                             colors["number"], anchor="center", name="number")
        size, lines = fit(window, index, family)
        text = engine.place(lines, spec["font"], size, box, colors["text"], leading=1.2,
                            field=f"center.rooms[{r}].windows[{k}]", name="name")
        out.append(ctx.artwork("window", name, f"窗口牌 {index}号 {window}", [number, text],
                               background=colors["ground"],
                               note=color_note(colors["ground"], colors["text"])))
    return out
