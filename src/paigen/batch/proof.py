"""The proof sheet: every artwork's preview, labelled with village, type and size, for sign-off."""

from __future__ import annotations

import io
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage

from paigen.layout.scene import Artwork, Box, Image, Page, Rect, Stroke
from paigen.layout.text import TextEngine

A4_LANDSCAPE = (297.0, 210.0)
MARGIN = 12.0
COLS, ROWS = 6, 3
THUMB_PX = 240  # longest side of a thumbnail, in pixels (≈130 dpi in a proof cell)
LABEL = 2.6


@dataclass(frozen=True)
class Proof:
    township: str
    village: str
    title: str
    size: str  # "600×800 mm"
    jpeg: bytes
    wording: str = ""  # proof status of the library texts it prints: 文字待核对：…, 文字已核对 …


class ThumbnailSpool:
    """A build's proof thumbnails, kept in an unnamed temporary file until the proof sheet is
    drawn: a county's JPEGs (some 0.3 MB a village) no longer grow the build's process as the
    villages come in. Where the temporary folder cannot take them, they stay in memory."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="paigen-thumbnails-")  # noqa: SIM115 — lives with the build
        self._lock = threading.Lock()

    def keep(self, result) -> None:
        """Move *result*'s thumbnails into the spool (the result keeps a handle of each)."""
        kept = []
        for path, jpeg in result.thumbnails:
            if isinstance(jpeg, bytes):
                try:
                    with self._lock:
                        at = self._file.seek(0, io.SEEK_END)
                        self._file.write(jpeg)
                    jpeg = Spooled(self, at, len(jpeg))
                except OSError:  # a full temporary folder: this one stays in memory
                    pass
            kept.append((path, jpeg))
        result.thumbnails = kept

    def read(self, at: int, size: int) -> bytes:
        with self._lock:
            self._file.seek(at)
            return self._file.read(size)

    def close(self) -> None:
        self._file.close()


@dataclass(frozen=True)
class Spooled:
    """One thumbnail in a :class:`ThumbnailSpool`."""

    spool: ThumbnailSpool
    at: int
    size: int

    def read(self) -> bytes:
        return self.spool.read(self.at, self.size)


def jpeg_of(thumbnail: bytes | Spooled) -> bytes:
    return thumbnail if isinstance(thumbnail, bytes) else thumbnail.read()


def thumbnails(folder: Path, artifacts: list[dict]) -> list[tuple[dict, bytes]]:
    """JPEG thumbnails of a kit's previews on disk (for kits that were current and not redrawn)."""
    previews = [a for a in artifacts if a["kind"] == "preview"]
    if not previews:
        return []
    from paigen.backends.png import thumbnail_jpeg

    out = []
    for a in previews:
        try:
            with PILImage.open(folder / a["path"]) as picture:
                out.append((a, thumbnail_jpeg(picture.convert("RGB"), THUMB_PX)))
        except (OSError, ValueError, PILImage.DecompressionBombError):  # replaced by hand: no thumbnail
            continue
    return out


def proof_sheet(engine: TextEngine, proofs: list[Proof], county: str) -> Artwork:
    """Contact-sheet pages: each village starts a page; COLS × ROWS labelled previews per page."""
    w, h = A4_LANDSCAPE
    cell_w = (w - 2 * MARGIN) / COLS
    cell_h = (h - 2 * MARGIN - 12) / ROWS
    pages: list[Page] = []
    groups: dict[tuple[str, str], list[Proof]] = {}
    for p in proofs:
        groups.setdefault((p.township, p.village), []).append(p)
    for (township, village), items in groups.items():
        for start in range(0, len(items), COLS * ROWS):
            chunk = items[start : start + COLS * ROWS]
            part = start // (COLS * ROWS) + 1
            parts = -(-len(items) // (COLS * ROWS))
            content: list = [
                engine.line(
                    f"{township} {village}" + (f"（{part}/{parts}）" if parts > 1 else ""),
                    "hei",
                    5.0,
                    MARGIN,
                    MARGIN,
                    "party-red",
                    name="village",
                ),
                engine.line(
                    f"{county} 标识标牌校样 · 请逐项核对文字、尺寸后签字确认",
                    "hei",
                    LABEL,
                    w - MARGIN,
                    MARGIN + 1.5,
                    "black",
                    anchor="right",
                    name="note",
                ),
            ]
            for k, proof in enumerate(chunk):
                x = MARGIN + (k % COLS) * cell_w
                y = MARGIN + 12 + (k // COLS) * cell_h
                frame = Box(x + 2, y + 1, cell_w - 4, cell_h - 2 * LABEL * 1.4 - 4)
                content.append(Rect(frame, fill="pale-red", name="cell"))
                with PILImage.open(io.BytesIO(proof.jpeg)) as picture:
                    pw, ph = picture.size
                scale = min((frame.w - 2) / pw, (frame.h - 2) / ph)
                iw, ih = pw * scale, ph * scale
                box = Box(frame.cx - iw / 2, frame.cy - ih / 2, iw, ih)
                content.append(Image(box, proof.jpeg, name="preview"))
                content.append(Rect(box, stroke=Stroke("rule-gray", 0.15), name="preview-frame"))
                label_y = frame.bottom + 1.2
                title = (
                    proof.title
                    if engine.font("hei").width(proof.title, LABEL) <= cell_w - 4
                    else _shorten(engine, proof.title, cell_w - 4)
                )
                content.append(engine.line(title, "hei", LABEL, x + 2, label_y, "black", name="label"))
                content.append(
                    engine.line(proof.size, "hei", LABEL, x + 2, label_y + LABEL * 1.4, "black", name="size")
                )
                if proof.wording:
                    status = proof.wording.split("：")[0]
                    content.append(engine.line(
                        status, "hei", LABEL, x + cell_w - 2, label_y + LABEL * 1.4,
                        "party-red" if "待核对" in status else "black",
                        anchor="right", name="wording",
                    ))
            pages.append(Page(w, h, 0.0, tuple(content), "white"))
    if not pages:
        pages.append(
            Page(w, h, 0.0, (engine.line("没有可校对的作品", "hei", 5.0, MARGIN, MARGIN, "black"),), "white")
        )
    return Artwork("proof", "proof", f"{county} 校样", tuple(pages), kind="document", safe_margin=MARGIN)


def _shorten(engine: TextEngine, text: str, width: float) -> str:
    font = engine.font("hei")
    while text and font.width(text + "…", LABEL) > width:
        text = text[:-1]
    return text + "…"
