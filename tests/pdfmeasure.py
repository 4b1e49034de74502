"""Measuring LibreOffice's PDFs of official documents: characters by line, ink by pixel row.

Positions are millimetres from the top-left page corner; GB/T 9704 measures marks, rules and
page numbers to the characters' ink, so :func:`ink_rows` renders the page with poppler's
pdftoppm at 600 dpi and reports the inked rows.
"""

from __future__ import annotations

import io
import subprocess

MM = 25.4 / 72


def lines_of(page, size: float = 16.0) -> list[list[dict]]:
    """Characters of one size grouped into lines, top to bottom, left to right."""
    rows: dict[float, list[dict]] = {}
    for char in page.chars:
        if abs(char["size"] - size) < 0.1 and char["text"].strip():
            rows.setdefault(round(char["top"], 1), []).append(char)
    return [sorted(rows[k], key=lambda c: c["x0"]) for k in sorted(rows)]


def text_of(line: list[dict]) -> str:
    return "".join(c["text"] for c in line)


def red(obj) -> bool:
    color = obj.get("non_stroking_color") or obj.get("stroking_color") or ()
    return len(color) >= 3 and color[0] > 0.8 and color[1] < 0.2


def ink_rows(pdf, page: int, x0: float, x1: float, y0: float, y1: float, red: bool = False) -> list[float]:
    """Millimetres from the page top of the pixel rows with ink in a box (mm) of one page at 600 dpi."""
    from PIL import Image

    dpi = 600
    png = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png",
                          "-x", str(round(x0 / 25.4 * dpi)), "-y", str(round(y0 / 25.4 * dpi)),
                          "-W", str(round((x1 - x0) / 25.4 * dpi)), "-H", str(round((y1 - y0) / 25.4 * dpi)),
                          pdf.stream.name], capture_output=True, check=True).stdout
    image = Image.open(io.BytesIO(png)).convert("RGB")
    px = image.load()
    w, h = image.size

    def inked(p) -> bool:
        return (p[0] > 180 and p[1] < 90 and p[2] < 90) if red else sum(p) < 3 * 128

    return [y0 + y / dpi * 25.4 for y in range(h) if any(inked(px[x, y]) for x in range(w))]
