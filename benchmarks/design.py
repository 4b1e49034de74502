"""Print the design figures of a kit as the eye sees them, measured independently of the layout.

Per artwork: the area share of the body its content covers (width × height of the block of text,
arrows and stars, not its height alone); the line breaks that fall inside a word of an
independent dictionary (jieba's default dictionary, not the layout's own segmenter) in titles,
labels, names and flow boxes, and in body paragraphs; the body sizes of the boards of each wall;
and how far the composition's centre sits from the board's vertical axis.

Run: .venv/bin/python benchmarks/design.py [FOLDER ...]
(no folder: the three samples, then the two generated unfamiliar profiles of unfamiliar.py)
"""

from __future__ import annotations

import logging
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from paigen.errors import LayoutError
from paigen.fonts import resolve_roles
from paigen.inputs import open_inputs
from paigen.layout.scene import Artwork, Box, QRCode, Text
from paigen.layout.scene import Path as Shape
from paigen.layout.signs import SIGN_TYPES, Context
from paigen.layout.signs.frame import room_boards
from paigen.layout.text import TextEngine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import unfamiliar  # noqa: E402

# Texts that frame a board rather than make its content.
CHROME = {"title", "footer", "qr-caption", "subtitle"}
# Texts whose line breaks must fall between words.
WORDY = {"title", "heading", "name", "room", "step-text", "stage-label", "label", "grade", "org",
         "subtitle", "strip", "slogan", "footer", "number", "col-head", "area-title",
         "section-title", "category-name", "head", "cell"}
BODY = {"body"}
BOARDS = ("board", "flow", "duty", "services", "vanguard", "bulletin", "guide")
LABEL = re.compile(r"^(（[一二三四五六七八九十]+）|● ?|\d+[.、])$")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


@lru_cache(maxsize=16384)
def inside_offsets(text: str) -> frozenset[int]:
    """Offsets of *text* that lie strictly inside a word of jieba's default dictionary."""
    inside, at = set(), 0
    for word in _jieba().cut(text, HMM=False):
        if len(word) > 1 and any("\u3400" <= c <= "\u9fff" for c in word):
            inside.update(range(at + 1, at + len(word)))
        at += len(word)
    return frozenset(inside)


def breaks_inside(lines: list[str]) -> list[str]:
    """The breaks between *lines* that fall inside a dictionary word: 中国共产|党."""
    lines = [line.strip("\u3000 ") for line in lines]
    joined = "".join(lines)
    inside = inside_offsets(joined)
    out, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        if at in inside:
            out.append(f"{joined[max(0, at - 5):at]}|{joined[at:at + 5]}")
    return out


def texts(art: Artwork) -> list[Text]:
    return [i for p in art.pages for i in p.items if isinstance(i, Text)]


def body_box(art: Artwork) -> Box | None:
    if art.type not in BOARDS:
        return None
    if "body" not in art.meta and art.type == "guide":  # a tree from before the guide said its body
        w, h = art.pages[0].width, art.pages[0].height
        return Box(40, h * 0.2 + 30, w - 80, h * 0.73 - 60)
    return art.meta.get("body")


def content_box(art: Artwork, body: Box | None = None) -> Box | None:
    """What the eye takes for the content: texts (not the frame's), arrows, stars, QR codes."""
    out = None
    for page in art.pages:
        for item in page.items:
            if isinstance(item, Text):
                box = None if item.name in CHROME or not item.glyphs else item.box
            elif isinstance(item, Shape) and item.name not in ("emblem",):
                box = item.bounds()
            elif isinstance(item, QRCode):
                box = item.box
            else:
                box = None
            if box is None or box.w <= 0:
                continue
            if body is not None and not (box.y >= body.y - 25 and box.bottom <= body.bottom + 25):
                continue
            out = box if out is None else out.union(box)
    return out


def area_fill(art: Artwork) -> float | None:
    body = body_box(art)
    if body is None:
        return None
    box = content_box(art, body)
    if box is None:
        return 0.0
    w = min(box.right, body.right) - max(box.x, body.x)
    h = min(box.bottom, body.bottom) - max(box.y, body.y)
    return max(0.0, w) * max(0.0, h) / (body.w * body.h)


def axis_offset(art: Artwork) -> float:
    """How far the centre of everything printed (texts, shapes, emblem) sits from the axis."""
    out = None
    page = art.pages[0]
    for item in page.items:
        if isinstance(item, Text) and item.glyphs:
            box = item.box
        elif isinstance(item, Shape):
            box = item.bounds()
        else:
            continue
        out = box if out is None else out.union(box)
    return 0.0 if out is None else abs(out.cx - page.width / 2)


def body_paragraphs(art: Artwork) -> list[list[str]]:
    """The body lines of an artwork regrouped into paragraphs (labels dropped)."""
    paras: list[list[str]] = []
    prev: Text | None = None
    prev_label = False
    for t in texts(art):
        if t.name not in BODY:
            continue
        if LABEL.match(t.text.strip()):
            paras.append([])
            prev, prev_label = t, True
            continue
        same_line = prev is not None and abs(t.box.y - prev.box.y) < 0.5
        follows = prev is not None and abs(t.box.y - (prev.box.y + t.size * 1.5)) < 0.5
        if (prev_label and same_line and paras) or (follows and not t.text.startswith("\u3000") and paras):
            paras[-1].append(t.text)
        else:
            paras.append([t.text])
        prev, prev_label = t, False
    return [p for p in paras if p]


@dataclass
class Figures:
    name: str
    kit: list[Artwork]
    fills: dict[str, float] = field(default_factory=dict)
    word_breaks: list[tuple[str, str]] = field(default_factory=list)
    body_breaks: dict[str, list[str]] = field(default_factory=dict)
    walls: dict[str, dict[str, set[float]]] = field(default_factory=dict)
    offsets: dict[str, float] = field(default_factory=dict)


def measure(ctx: Context, kit: list[Artwork]) -> Figures:
    fig = Figures(ctx.profile.village.name, kit)
    for art in kit:
        fill = area_fill(art)
        if fill is not None:
            fig.fills[art.name] = fill
        fig.offsets[art.name] = axis_offset(art)
        multi = [t for t in texts(art) if t.name in WORDY and not t.vertical and "\n" in t.text]
        fig.word_breaks += [(art.name, b) for t in multi for b in breaks_inside(t.text.split("\n"))]
        columns = [t.text for t in texts(art) if t.vertical and t.name == "name"]
        if art.type == "plaque" and len(columns) > 1:  # two columns, the right one first
            fig.word_breaks += [(art.name, b) for b in breaks_inside(columns)]
        fig.body_breaks[art.name] = [b for p in body_paragraphs(art) for b in breaks_inside(p)]
    rooms = ctx.profile.center.rooms
    for n, (room, _) in enumerate(room_boards(ctx), start=1):
        art = next((a for a in kit if a.name == f"board-{n}"), None)
        if art is None:
            continue
        wall = fig.walls.setdefault(rooms[room].name, defaultdict(set))
        for t in texts(art):
            if t.name in ("body", "step-text"):
                wall[t.name].add(round(t.size, 1))
    return fig


def report(fig: Figures) -> list[str]:
    out = [f"== {fig.name}: {len(fig.kit)} artworks"]
    if fig.fills:
        low = min(fig.fills.values())
        out.append(f"  area fill min {low:.0%}: " + ", ".join(f"{n} {f:.0%}" for n, f in fig.fills.items()))
    out.append(f"  breaks inside words (titles, labels, names, flow boxes): {len(fig.word_breaks)}"
               + "".join(f"\n    {n}: {b}" for n, b in fig.word_breaks))
    body = {n: b for n, b in fig.body_breaks.items() if b}
    worst = max((len(b) for b in body.values()), default=0)
    out.append(f"  breaks inside words in body text: {sum(map(len, body.values()))}, most on one board "
               f"{worst}" + "".join(f"\n    {n}: {' '.join(b)}" for n, b in body.items()))
    for room, kinds in fig.walls.items():
        sizes = sorted({s for v in kinds.values() for s in v})
        out.append(f"  wall {room}: {len(sizes)} body sizes " + " / ".join(f"{s:g}" for s in sizes))
    off = {n: o for n, o in fig.offsets.items() if o > 2.0}
    out.append("  off-axis compositions (> 2 mm): "
               + (", ".join(f"{n} {o:.1f} mm" for n, o in off.items()) or "none"))
    return out


def kits(folder: Path):
    """Each village's context and kit; a sign type that cannot be laid out is reported, not fatal."""
    inputs = open_inputs(folder)
    engine = TextEngine(resolve_roles(inputs.settings))
    for profile in inputs.profiles:
        ctx = Context(profile, inputs.settings, engine)
        kit = []
        for sign_type, layout in SIGN_TYPES.items():
            try:
                kit += layout(ctx)
            except LayoutError as exc:
                print(f"  ! {sign_type}: {exc}")
        yield ctx, kit


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:]]
    with tempfile.TemporaryDirectory() as tmp:
        if not folders:
            folders = [ROOT / "samples" / "bazhou", *unfamiliar.write(Path(tmp))]
        for folder in folders:
            for ctx, kit in kits(folder):
                print("\n".join(report(measure(ctx, kit))))


if __name__ == "__main__":
    main()
