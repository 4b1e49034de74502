"""Print the whole-process time of `paigen build PROFILE -o OUT --only signs` for one village.

Cold: a fresh cache folder (font index, converted font subsets) and a fresh OUT. Warm: the
same cache, a fresh OUT (every artwork drawn again). Each figure is the median of --repeat
runs, measured around the process as a user would feel it (wall) and as CPU seconds (user +
system), which a busy machine disturbs less.

Run: .venv/bin/python benchmarks/village.py [--profile samples/bazhou/东庄村.yaml] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def once(profile: Path, cache: Path, out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one build process."""
    env = {**os.environ, "PAIGEN_CACHE_DIR": str(cache)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "paigen", "build", str(profile), "-o", str(out), "--only", "signs",
                    "-j", "1"], env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", type=Path, default=ROOT / "samples" / "bazhou" / "东庄村.yaml")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cold, warm = [], []
    with tempfile.TemporaryDirectory(prefix="paigen-bench-") as tmp:
        root = Path(tmp)
        for i in range(args.repeat):
            cache = root / f"cache-{i}"
            cold.append(once(args.profile, cache, root / f"cold-{i}"))
            warm.append(once(args.profile, cache, root / f"warm-{i}"))
    def show(runs: list[tuple[float, float]]) -> str:
        return (f"{statistics.median(w for w, _ in runs):.2f} s wall, "
                f"{statistics.median(c for _, c in runs):.2f} s CPU")

    print(f"one village, --only signs, whole process (median of {args.repeat}): cold {show(cold)}; "
          f"warm {show(warm)}")


if __name__ == "__main__":
    main()
