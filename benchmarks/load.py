"""Print how fast paigen reads profiles and workbooks and indexes fonts.

Run: .venv/bin/python benchmarks/load.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from paigen.fonts import build_index, resolve_roles
from paigen.inputs import open_inputs

ROOT = Path(__file__).resolve().parent.parent


def timed(func, repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        func()
    return (time.perf_counter() - start) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    yaml_folder = ROOT / "samples" / "bazhou"
    xlsx_folder = ROOT / "samples" / "bazhou-xlsx"
    villages = len(open_inputs(yaml_folder).profiles)
    t_yaml = timed(lambda: open_inputs(yaml_folder), args.repeat)
    t_xlsx = timed(lambda: open_inputs(xlsx_folder), args.repeat)
    print(f"YAML county folder: {villages / t_yaml:8.1f} villages/s ({t_yaml * 1000:.1f} ms per folder)")
    print(f"XLSX workbook:      {villages / t_xlsx:8.1f} villages/s ({t_xlsx * 1000:.1f} ms per workbook)")
    with tempfile.TemporaryDirectory() as cache:
        os.environ["PAIGEN_CACHE_DIR"] = cache
        cold = timed(build_index, 1)
        warm = timed(build_index, 5)
        faces = len(build_index().faces)
    print(f"font index:         cold {cold * 1000:7.1f} ms, cached {warm * 1000:6.1f} ms ({faces} faces)")
    settings = open_inputs(yaml_folder).settings
    index = build_index()
    print(f"role resolution:    {timed(lambda: resolve_roles(settings, index), args.repeat) * 1000:7.2f} ms")


if __name__ == "__main__":
    main()
