"""The proof sheet: every artwork's preview, labelled with village, type and size, for sign-off."""

from __future__ import annotations

import io
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage

from paigen.layout.scene import Artwork, Box, Image, Page, Rect, Stroke, Text
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
    jpeg: bytes | Spooled  # a spooled one is read when its page is laid out and drawn, not kept
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

    def __enter__(self) -> ThumbnailSpool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


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
    """Contact-sheet pages: each village starts a page; COLS × ROWS labelled previews per page.
    The pages are laid out as the PDF draws them (:class:`ProofPages`)."""
    w, h = A4_LANDSCAPE
    plan: list[tuple[str, list[Proof]]] = []
    groups: dict[tuple[str, str], list[Proof]] = {}
    for p in proofs:
        groups.setdefault((p.township, p.village), []).append(p)
    for (township, village), items in groups.items():
        parts = -(-len(items) // (COLS * ROWS))
        for start in range(0, len(items), COLS * ROWS):
            part = start // (COLS * ROWS) + 1
            plan.append((f"{township} {village}" + (f"（{part}/{parts}）" if parts > 1 else ""),
                         items[start:start + COLS * ROWS]))
    pages: Sequence[Page] = ProofPages(engine, plan, county)
    if not plan:
        empty = engine.line("没有可校对的作品", "hei", 5.0, MARGIN, MARGIN, "black")
        pages = (Page(w, h, 0.0, (empty,), "white"),)
    return Artwork("proof", "proof", f"{county} 校样", pages, kind="document", safe_margin=MARGIN)


class ProofPages(Sequence[Page]):
    """The proof sheet's pages, each laid out when it is asked for (and not kept): a county's
    sheet is some 0.7 MB of laid-out text a village, and its thumbnails wait on disk.

    :meth:`text_samples` gives each distinct line once: what a live-text PDF needs to know of
    the characters before it draws a page."""

    def __init__(self, engine: TextEngine, plan: list[tuple[str, list[Proof]]], county: str):
        self._engine, self._plan, self._county = engine, plan, county

    def __len__(self) -> int:
        return len(self._plan)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        heading, chunk = self._plan[index]
        return self._page(heading, chunk)

    def _lines(self, heading: str, chunk: list[Proof]) -> Iterator[tuple]:
        """The page's lines: (text, size, x, top, colour, anchor, name) of each."""
        yield from self._headings(heading)
        for k, proof in enumerate(chunk):
            yield from self._labels(k, proof)

    def _headings(self, heading: str) -> Iterator[tuple]:
        w = A4_LANDSCAPE[0]
        yield heading, 5.0, MARGIN, MARGIN, "party-red", "left", "village"
        note = f"{self._county} 标识标牌校样 · 请逐项核对文字、尺寸后签字确认"
        yield note, LABEL, w - MARGIN, MARGIN + 1.5, "black", "right", "note"

    def _labels(self, k: int, proof: Proof) -> Iterator[tuple]:
        """The lines under the *k*-th thumbnail: its title, size and proofreading status."""
        cell_w, cell_h = _cell()
        x, frame = _frame(k, cell_w, cell_h)
        label_y = frame.bottom + 1.2
        title = (proof.title if self._engine.font("hei").width(proof.title, LABEL) <= cell_w - 4
                 else _shorten(self._engine, proof.title, cell_w - 4))
        yield title, LABEL, x + 2, label_y, "black", "left", "label"
        yield proof.size, LABEL, x + 2, label_y + LABEL * 1.4, "black", "left", "size"
        if proof.wording:
            status = proof.wording.split("：")[0]
            yield (status, LABEL, x + cell_w - 2, label_y + LABEL * 1.4,
                   "party-red" if "待核对" in status else "black", "right", "wording")

    def _line(self, text: str, size: float, x: float, top: float, color: str, anchor: str, name: str) -> Text:
        return self._engine.line(text, "hei", size, x, top, color, anchor=anchor, name=name)

    def _page(self, heading: str, chunk: list[Proof]) -> Page:
        """One page, its thumbnails read from the spool once (the page is dropped once drawn)."""
        w, h = A4_LANDSCAPE
        cell_w, cell_h = _cell()
        content: list = [self._line(*line) for line in self._headings(heading)]
        for k, proof in enumerate(chunk):
            __, frame = _frame(k, cell_w, cell_h)
            content.append(Rect(frame, fill="pale-red", name="cell"))
            jpeg = jpeg_of(proof.jpeg)
            with PILImage.open(io.BytesIO(jpeg)) as picture:
                pw, ph = picture.size
            scale = min((frame.w - 2) / pw, (frame.h - 2) / ph)
            iw, ih = pw * scale, ph * scale
            box = Box(frame.cx - iw / 2, frame.cy - ih / 2, iw, ih)
            content.append(Image(box, jpeg, name="preview"))
            content.append(Rect(box, stroke=Stroke("rule-gray", 0.15), name="preview-frame"))
            content += [self._line(*line) for line in self._labels(k, proof)]
        return Page(w, h, 0.0, tuple(content), "white")

    def text_samples(self) -> Iterator[Text]:
        seen: set = set()
        for heading, chunk in self._plan:
            for line in self._lines(heading, chunk):
                if line[:2] not in seen:
                    seen.add(line[:2])
                    yield self._line(*line)


def _frame(k: int, cell_w: float, cell_h: float) -> tuple[float, Box]:
    """The left edge of the *k*-th cell of a page and the frame of its thumbnail."""
    x = MARGIN + (k % COLS) * cell_w
    y = MARGIN + 12 + (k // COLS) * cell_h
    return x, Box(x + 2, y + 1, cell_w - 4, cell_h - 2 * LABEL * 1.4 - 4)


def _cell() -> tuple[float, float]:
    w, h = A4_LANDSCAPE
    return (w - 2 * MARGIN) / COLS, (h - 2 * MARGIN - 12) / ROWS


def _shorten(engine: TextEngine, text: str, width: float) -> str:
    font = engine.font("hei")
    while text and font.width(text + "…", LABEL) > width:
        text = text[:-1]
    return text + "…"
