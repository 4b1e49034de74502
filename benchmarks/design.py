"""Print the design figures of the sample kits: sizes per sign family, body fill, broken words.

What a county designer checks first: one character height per family within a kit (door plates,
plaques, window plates, board titles, board body per kind), the title never smaller than what it
heads, how much of each board's body its text covers, and line breaks that fall inside a word
(by the word segmenter of the text engine).

Run: .venv/bin/python benchmarks/design.py [SAMPLE_DIR]
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from paigen.fonts import resolve_roles
from paigen.inputs import open_inputs
from paigen.layout.scene import Artwork, Box, Text
from paigen.layout.signs import Context, sign_kit
from paigen.layout.text import TextEngine

try:
    from paigen.layout.text import words
except ImportError:  # a tree from before the word segmenter: measure with the same segmenter
    import rjieba

    def words(text: str) -> tuple[str, ...]:
        return tuple(rjieba.cut(text))

ROOT = Path(__file__).resolve().parent.parent
# Texts whose line breaks must fall between words (titles, headings, labels, names, flow boxes).
CHROME = {"title-band", "title-rule", "footer-band", "frame", "title", "footer", "qr-caption"}
WORDY = {"title", "heading", "name", "room", "step-text", "stage-label", "label", "grade", "org",
         "subtitle", "strip", "slogan", "note", "footer", "number", "col-head"}


def texts(art: Artwork) -> list[Text]:
    return [i for p in art.pages for i in p.items if isinstance(i, Text)]


def body_fill(art: Artwork) -> float | None:
    """Share of the body's height its text covers, top line to bottom line (None without a body)."""
    items = [i for p in art.pages for i in p.items]
    body: Box | None = art.meta.get("body")
    if body is None:  # the board chrome's body: 18 mm inside its frame
        frames = [i for i in items if getattr(i, "name", "") == "frame"]
        if art.type not in ("board", "flow", "duty", "services", "vanguard", "bulletin") or not frames:
            return None
        f = frames[0].box
        body = Box(f.x + 18, f.y + 18, f.w - 36, f.h - 36)
    content = [i.box for i in items if isinstance(i, Text) and i.name not in CHROME
               and i.box.h > 0 and i.box.y >= body.y - 20 and i.box.bottom <= body.bottom + 20]
    if not content:
        return 0.0
    top = min(b.y for b in content)
    bottom = max(b.bottom for b in content)
    return (min(bottom, body.bottom) - max(top, body.y)) / body.h


def broken_words(text: Text) -> list[str]:
    """The line breaks of a multi-line text that fall inside a word: 党支|部."""
    if text.vertical or "\n" not in text.text:
        return []
    lines = text.text.split("\n")
    joined = "".join(lines)
    inside = set()
    at = 0
    for word in words(joined):
        inside.update(range(at + 1, at + len(word)))
        at += len(word)
    out, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        if at in inside:
            out.append(f"{joined[max(0, at - 4):at]}|{joined[at:at + 4]}")
    return out


def family_sizes(kit: list[Artwork]) -> dict[str, list[float]]:
    sizes: dict[str, list[float]] = defaultdict(list)
    for art in kit:
        for t in texts(art):
            if t.name in ("name", "title", "body", "step-text", "room", "slogan", "text", "note"):
                key = f"{art.type}:{t.name}"
                if art.type in ("board", "flow", "duty", "services") and t.name == "title":
                    key = "board-60x80:title"
                sizes[key].append(round(t.size, 1))
    return sizes


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "samples" / "bazhou"
    inputs = open_inputs(folder)
    engine = TextEngine(resolve_roles(inputs.settings))
    for profile in inputs.profiles:
        kit = sign_kit(Context(profile, inputs.settings, engine))
        print(f"== {profile.village.name}: {len(kit)} artworks")
        for key, values in sorted(family_sizes(kit).items()):
            uniq = sorted(set(values))
            span = f"{uniq[0]:g}" if len(uniq) == 1 else f"{uniq[0]:g}–{uniq[-1]:g} ({len(uniq)} sizes)"
            print(f"  size {key:24s} {span}")
        fills = [(a.name, body_fill(a)) for a in kit]
        fills = [(n, f) for n, f in fills if f is not None]
        if fills:
            low = min(f for _, f in fills)
            print(f"  fill min {low:.0%}: " + ", ".join(f"{n} {f:.0%}" for n, f in fills))
        broken = [(a.name, b) for a in kit for t in texts(a) if t.name in WORDY for b in broken_words(t)]
        print(f"  broken words: {len(broken)}" + ("".join(f"\n    {n}: {b}" for n, b in broken)))


if __name__ == "__main__":
    main()
