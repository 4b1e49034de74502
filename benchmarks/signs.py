"""Print how fast paigen lays out and draws the sample kits' signs.

Artworks per second for layout and for each backend (PDF outline, PDF live, SVG, PNG), warm
(fonts and glyph outlines cached, as in a county batch). Where Inkscape is installed, also the
time of `inkscape --export-type=pdf` on the same SVGs, the way a designer would convert them.

Run: .venv/bin/python benchmarks/signs.py [--repeat N] [--inkscape-samples N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from paigen.backends import chars_by_face, render_pdf, render_png, render_svg
from paigen.fonts import resolve_roles
from paigen.inputs import open_inputs
from paigen.layout.signs import Context, sign_kit
from paigen.layout.text import TextEngine

ROOT = Path(__file__).resolve().parent.parent


def per_artwork(func, artworks, repeat: int) -> float:
    """Mean seconds per artwork over *repeat* passes (after one warm-up pass)."""
    for art in artworks:
        func(art)
    start = time.perf_counter()
    for _ in range(repeat):
        for art in artworks:
            func(art)
    return (time.perf_counter() - start) / (repeat * len(artworks))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--inkscape-samples", type=int, default=12)
    args = parser.parse_args()
    inputs = open_inputs(ROOT / "samples" / "bazhou")
    settings = inputs.settings
    roles = resolve_roles(settings)
    start = time.perf_counter()
    engine = TextEngine(roles)
    kits = [sign_kit(Context(p, settings, engine)) for p in inputs.profiles]
    cold = time.perf_counter() - start
    artworks = [a for kit in kits for a in kit]
    print(f"sample kits: {len(inputs.profiles)} villages, {len(artworks)} sign artworks")
    print(f"first layout incl. font loading: {cold:.2f} s")

    begin = time.perf_counter()
    for _ in range(args.repeat):
        for p in inputs.profiles:
            sign_kit(Context(p, settings, TextEngine(roles)))
    layout_s = (time.perf_counter() - begin) / (args.repeat * len(artworks))
    charset: dict = {}
    for art in artworks:
        for face, chars in chars_by_face(art).items():
            charset[face] = charset.get(face, frozenset()) | chars
    rows = [
        ("layout", layout_s),
        ("pdf (outline)", per_artwork(lambda a: render_pdf(a, settings), artworks, args.repeat)),
        (
            "pdf (live)",
            per_artwork(
                lambda a: render_pdf(a, settings, text="live", charset=charset), artworks, args.repeat
            ),
        ),
        ("svg", per_artwork(lambda a: render_svg(a, settings), artworks, args.repeat)),
        ("png", per_artwork(lambda a: render_png(a, settings), artworks, args.repeat)),
    ]
    for name, seconds in rows:
        print(f"{name:14s} {1 / seconds:8.1f} artworks/s  ({seconds * 1000:6.1f} ms each)")
    total = sum(seconds for name, seconds in rows if name != "pdf (live)")
    print(
        f"{'all (outline)':14s} {1 / total:8.1f} artworks/s  ({total * 1000:6.1f} ms each: "
        "layout + pdf + svg + png)"
    )
    masters(inputs, settings, roles, args.repeat)

    inkscape = shutil.which("inkscape")
    if not inkscape:
        print("inkscape: not installed, comparison skipped")
        return
    pdf_s = rows[1][1]
    sample = artworks[:: max(1, len(artworks) // args.inkscape_samples)][: args.inkscape_samples]
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, art in enumerate(sample):
            svg = Path(tmp) / f"{i}.svg"
            svg.write_bytes(render_svg(art, settings))
            begin = time.perf_counter()
            subprocess.run(
                [inkscape, "--export-type=pdf", f"--export-filename={tmp}/{i}.pdf", str(svg)],
                capture_output=True,
                check=True,
            )
            times.append(time.perf_counter() - begin)
    median = statistics.median(times)
    print(
        f"inkscape --export-type=pdf: {median * 1000:.0f} ms per artwork (median of {len(times)}); "
        f"paigen pdf is {median / pdf_s:.0f}× faster"
    )


def masters(inputs, settings, roles, repeat: int) -> None:
    """A board on a county master (the exported board as a PDF master) against the built-in board:
    layout, fill and all three files, per board; the master is read once, as in a build."""
    from paigen.backends.png import render_rgb
    from paigen.layout.signs import SIGN_TYPES
    from paigen.masters import master_files, read_master
    from paigen.masters._export import export_master
    from paigen.masters._master import master_artwork

    with tempfile.TemporaryDirectory() as tmp:
        export_master("board", ROOT / "samples" / "bazhou", Path(tmp))
        master = read_master(Path(tmp) / "board.yaml", settings)
        engine = TextEngine(roles)
        contexts = [Context(p, settings, engine) for p in inputs.profiles]

        def builtin() -> int:
            n = 0
            for ctx in contexts:
                for art in SIGN_TYPES["board"](ctx):
                    render_pdf(art, settings), render_svg(art, settings), render_rgb(art, settings)
                    n += 1
            return n

        def on_master() -> int:
            n = 0
            for ctx in contexts:
                for art in SIGN_TYPES["board"](ctx):
                    master_files(master_artwork(ctx, art, master), settings, "outline", None)
                    n += 1
            return n

        timings = {}
        for name, run in (("built-in board", builtin), ("master board", on_master)):
            run()  # warm: fonts, glyph outlines, the master's SVG
            begin = time.perf_counter()
            count = sum(run() for _ in range(repeat))
            timings[name] = (time.perf_counter() - begin) / count
            print(f"{name:14s} {timings[name] * 1000:6.1f} ms each (layout + pdf + svg + png)")
        ratio = timings["master board"] / timings["built-in board"]
        print(f"a board on a PDF master costs {ratio:.2f}× a built-in board")


if __name__ == "__main__":
    main()
