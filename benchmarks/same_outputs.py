"""Print whether two builds of the same input gave the same outputs (say, one by an earlier paigen).

Every file must be byte for byte the same, except preview PNGs, which are compared by their
decoded pixels (an encoder's settings change their bytes, not the picture), and manifests, which
are compared with the PNGs' digests and sizes left out. Build both with SOURCE_DATE_EPOCH set.

Run: .venv/bin/python benchmarks/same_outputs.py OLD_OUT NEW_OUT
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from PIL import Image


def _manifest(path: Path) -> object:
    def strip(node: object) -> object:
        if isinstance(node, dict):
            png = str(node.get("path", "")).endswith(".png")
            return {k: strip(v) for k, v in node.items() if not (png and k in ("sha256", "bytes"))}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return strip(json.loads(path.read_text("utf-8")))


def _pixels(path: Path) -> tuple:
    with Image.open(path) as picture:
        return picture.mode, picture.size, picture.tobytes()


def compare(old: Path, new: Path) -> list[str]:
    """The differences between the two folders, one line each."""
    names = {p.relative_to(old).as_posix() for p in old.rglob("*") if p.is_file()}
    other = {p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file()}
    out = [f"only in {old}: {n}" for n in sorted(names - other)]
    out += [f"only in {new}: {n}" for n in sorted(other - names)]
    for name in sorted(names & other):
        a, b = old / name, new / name
        if a.read_bytes() == b.read_bytes():
            continue
        if name.endswith(".png") and _pixels(a) == _pixels(b):
            continue
        if name.endswith("manifest.json") and _manifest(a) == _manifest(b):
            continue
        out.append(f"differs: {name}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    args = parser.parse_args()
    differences = compare(args.old, args.new)
    files = sum(1 for p in args.old.rglob("*") if p.is_file())
    pngs = sum(1 for p in args.old.rglob("*.png"))
    for line in differences:
        print(line)
    print(f"{files} files compared ({pngs} PNGs by their pixels): "
          + ("the same" if not differences else f"{len(differences)} differences"))
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
