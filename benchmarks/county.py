"""Print how a whole county builds: villages per minute, artworks per second, peak memory.

Generates a county of N villages from the samples (varied names, townships, room sets and
people), then runs `paigen build` on it for each N and job count, as a user would (a fresh
process, batch files included, every village rebuilt). Memory is the peak of the sum of the
resident sizes of the build's whole process tree, sampled every 0.1 s.

Run: .venv/bin/python benchmarks/county.py [--sizes 10 50 200] [--jobs 1 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from paigen.model.settings import default_settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "bazhou"
PREFIX = "东西南北前后大小上下"
MIDDLE = "王李张刘陈杨赵黄周吴孙马胡郭林何高梁郑谢"
SUFFIX = ["庄村", "屯村", "营村", "堡村", "寨村", "店村", "家村", "楼村", "坊村", "营社区"]
TOWNSHIPS = ["堂二里镇", "南孟镇", "信安镇", "胜芳镇", "裕华街道", "东杨庄乡"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = [
    "建国",
    "秀英",
    "立民",
    "红梅",
    "志刚",
    "丽娟",
    "海涛",
    "春华",
    "文明",
    "淑芬",
    "振东",
    "桂兰",
    "德山",
    "晓东",
    "玉珍",
    "长贵",
    "凤英",
    "铁柱",
    "福顺",
    "春生",
]


def make_county(folder: Path, count: int, seed: int = 2026) -> None:
    """Write *count* varied villages (YAML profiles) and the sample settings into *folder*."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLES / "paigen.yaml", folder / "paigen.yaml")
    bases = [
        yaml.safe_load(p.read_text("utf-8"))
        for p in sorted(SAMPLES.glob("*.yaml"))
        if p.name != "paigen.yaml"
    ]
    names: set[tuple[str, str]] = set()
    for n in range(count):
        data = yaml.safe_load(yaml.safe_dump(bases[n % len(bases)], allow_unicode=True))
        while True:
            suffix = rng.choice(SUFFIX)
            name = rng.choice(PREFIX) + rng.choice(MIDDLE) + suffix
            township = rng.choice(TOWNSHIPS)
            if (township, name) not in names:
                names.add((township, name))
                break
        village = data["village"]
        village["name"], village["township"] = name, township
        village["type"] = kind = "社区" if name.endswith("社区") else "村"
        data["center"].pop("name", None)
        rooms = data["center"]["rooms"]
        variants = default_settings().wording(kind)["boards"]  # a 社区 names the 社区 boards
        for room in rooms:
            room["boards"] = [variants.get(b) or b for b in room.get("boards", [])]
        keep = [r for r in rooms if r.get("party") or r.get("windows") or rng.random() > 0.3]
        data["center"]["rooms"] = keep
        people = data.get("people", [])
        renames = {}
        for person in people:
            new = rng.choice(SURNAMES) + rng.choice(GIVEN)
            while new in renames.values():
                new = rng.choice(SURNAMES) + rng.choice(GIVEN)
            renames[person["name"]] = new
            person["name"] = new
        if data.get("duty"):
            data["duty"]["week"] = {
                day: [renames[p] for p in names_] for day, names_ in data["duty"]["week"].items()
            }
        for member in data.get("members", []):
            member["name"] = renames.get(
                member["name"], rng.choice(SURNAMES) + rng.choice(GIVEN) + "同志"[:0]
            )
        seen: set[str] = set()
        members = []
        for member in data.get("members", []):
            if member["name"] not in seen:
                seen.add(member["name"])
                members.append(member)
        if members:
            data["members"] = members
        (folder / f"{township}-{name}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


def tree_pss_kib(root_pid: int) -> int:
    """Proportional set size of *root_pid*'s process group (KiB), from /proc: shared pages
    (the mapped fonts, libraries) are split among the processes that share them, not counted
    once per process as RSS would."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            if int(fields[2]) != root_pid:  # process group id
                continue
            with open(f"/proc/{entry}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total


def run(county: Path, out: Path, jobs: int) -> tuple[float, int, str]:
    """Build *county* into *out* with *jobs* workers; return seconds, peak KiB and the summary line."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "paigen", "build", str(county), "-o", str(out), "-j", str(jobs)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    peak = 0
    try:
        while proc.poll() is None:
            peak = max(peak, tree_pss_kib(proc.pid))
            time.sleep(0.1)
    except KeyboardInterrupt:
        os.killpg(proc.pid, signal.SIGTERM)
        raise
    seconds = time.perf_counter() - start
    stdout, stderr = proc.communicate()
    summary = (stdout + stderr).strip().splitlines()[-1]
    return seconds, peak, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--keep", type=Path, help="keep the generated county and outputs here")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="paigen-county-"))
    print(
        f"{'villages':>8} {'jobs':>4} {'seconds':>8} {'villages/min':>12} {'artworks/s':>10} "
        f"{'s/village':>9} {'peak MiB (PSS)':>14}"
    )
    try:
        for size in args.sizes:
            county = base / f"county-{size}"
            make_county(county, size)
            for jobs in args.jobs:
                out = base / f"out-{size}-j{jobs}"
                seconds, peak, summary = run(county, out, jobs)
                artworks = sum(
                    1 for p in out.rglob("*.pdf") if p.parent.name in ("signs", "drawings", "facade")
                )
                print(
                    f"{size:>8} {jobs:>4} {seconds:>8.1f} {size / seconds * 60:>12.1f} "
                    f"{artworks / seconds:>10.1f} {seconds * jobs / size:>9.2f} {peak / 1024:>14.0f}   "
                    + summary.split(";")[0],
                    flush=True,
                )
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
