"""Print how a whole county builds: villages per minute, artworks per second, peak memory.

Generates a county of N villages from the samples (varied names, townships, room sets and
people), then runs `paigen build` on it for each N and job count, as a user would (a fresh
process, batch files included, every village rebuilt). Memory is the peak of the sum of the
resident sizes of the build's whole process tree, sampled every 0.25 s.

Run: .venv/bin/python benchmarks/county.py [--sizes 10 50 200] [--jobs 1 2] [--keep DIR] [--stages]

The county: names from a county roll (benchmarks/_county_names.py: 村, 社区 and 连队, long names,
fifteen townships), one- to three-floor centres; every output is built (signs, facade,
documents with their PDFs, county files). Printed: wall and CPU seconds (user + system of the
whole process tree), villages/min, CPU s per village, peak PSS; with --stages (py-spy) the CPU
seconds per stage.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _county_names
import _stages
import yaml

from paigen.model.settings import default_settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
SAMPLES = ROOT / "samples" / "bazhou"
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


def _bases() -> dict[str, list[dict]]:
    """Profiles to vary, by organisation type: the samples, a three-floor 社区 and a 连队."""
    import unfamiliar

    samples = [yaml.safe_load(p.read_text("utf-8")) for p in sorted(SAMPLES.glob("*.yaml"))
               if p.name != "paigen.yaml"]
    bases: dict[str, list[dict]] = {"村": [], "社区": [], "连队": []}
    for data in samples:
        bases[data["village"].get("type", "村")].append(data)
    bases["社区"].append(yaml.safe_load(unfamiliar.KUNSHAN))
    bases["连队"].append(yaml.safe_load(unfamiliar.BINGTUAN.format(name=unfamiliar.COMPANY)))
    return bases


def make_county(folder: Path, count: int, seed: int = 2026) -> None:
    """Write *count* varied villages (YAML profiles) and the sample settings into *folder*:
    names from a county roll (村, 社区 and 连队, some long), many townships, one- to three-floor
    centres, the people renamed."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLES / "paigen.yaml", folder / "paigen.yaml")
    bases = _bases()
    for n, (township, name, kind) in enumerate(_county_names.names(count, rng)):
        pool = bases[kind]
        data = yaml.safe_load(yaml.safe_dump(pool[n % len(pool)], allow_unicode=True))
        village = data["village"]
        village["name"], village["township"], village["type"] = name, township, kind
        if kind == "连队":
            village["short_name"] = name[-3:] if len(name) > 8 else ""
            if not village["short_name"]:
                village.pop("short_name")
            village["party_org"].pop("short_name", None)
        data["center"].pop("name", None)
        rooms = data["center"]["rooms"]
        variants = default_settings().wording(kind)["boards"]  # a 社区 names the 社区 boards
        for room in rooms:
            room["boards"] = [variants.get(b) or b for b in room.get("boards", [])]
        keep = [r for r in rooms if r.get("party") or r.get("windows") or rng.random() > 0.3]
        floors = max(1, min(3, data["center"].get("floors", 1) + rng.choice((-1, 0, 0, 1))))
        for room in keep:
            room["floor"] = min(room.get("floor", 1), floors)
        if floors > 1 and all(r.get("floor", 1) == 1 for r in keep) and len(keep) > 2:
            keep[-1]["floor"] = floors
        data["center"]["floors"] = max(r.get("floor", 1) for r in keep)
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
            member["name"] = renames.get(member["name"], rng.choice(SURNAMES) + rng.choice(GIVEN))
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


def tree_pss_kib(root_pid: int, cpu: _stages.SofficeCpu | None = None) -> int:
    """Proportional set size of *root_pid*'s process group (KiB), from /proc: shared pages
    (the mapped fonts, libraries) are split among the processes that share them, not counted
    once per process as RSS would. py-spy (when it runs the build) is left out; *cpu* hears of
    the CPU time of each process seen."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                head, _, rest = fh.read().rpartition(")")
            fields = rest.split()
            if int(fields[2]) != root_pid:  # process group id
                continue
            if cpu is not None:
                cpu.seen_process(int(entry), head, fields)
            if "(py-spy" in head:
                continue
            with open(f"/proc/{entry}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total


def run(county: Path, out: Path, jobs: int, profile: Path | None = None,
        cache: Path | None = None) -> dict:
    """Build *county* into *out* with *jobs* workers (under py-spy when *profile* names the file
    for its samples): wall and CPU seconds of the whole tree, peak PSS (KiB), LibreOffice's CPU
    seconds and the summary line."""
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "paigen", "build", str(county), "-o", str(out), "-j", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = dict(os.environ, PAIGEN_CACHE_DIR=str(cache or out.with_name(out.name + "-cache")))
    if cache is None:  # a cold cache: no document PDF, font subset or outline from an earlier run
        shutil.rmtree(env["PAIGEN_CACHE_DIR"], ignore_errors=True)
    # The build's report goes to a file: a pipe nobody reads until the end fills up (64 KB, some
    # 500 villages of progress lines) and the build waits on it for ever.
    log = tempfile.TemporaryFile()  # noqa: SIM115 — read after the build ends
    popen = dict(stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=env)
    proc = _stages.record(command, profile, **popen) if profile else subprocess.Popen(command, **popen)
    peak = 0
    soffice = _stages.SofficeCpu()
    try:
        while proc.poll() is None:
            peak = max(peak, tree_pss_kib(proc.pid, soffice))
            time.sleep(0.25)
    except KeyboardInterrupt:
        os.killpg(proc.pid, signal.SIGTERM)
        raise
    seconds = time.perf_counter() - start
    proc.wait()
    log.seek(0)
    output = log.read().decode("utf-8", "replace")
    log.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime) - soffice.profiler
    lines = [line for line in output.strip().splitlines() if "py-spy" not in line]
    return {"wall": seconds, "cpu": cpu, "peak": peak, "soffice": soffice.seconds,
            "summary": lines[-1] if lines else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--keep", type=Path, help="keep the generated county and outputs here")
    parser.add_argument("--cache", type=Path,
                        help="the cache folder to build with (default: a new one per run, cold)")
    parser.add_argument("--stages", action="store_true",
                        help="sample the build with py-spy and print CPU seconds per stage")
    args = parser.parse_args()
    if args.stages and _stages.py_spy() is None:
        parser.error("--stages needs py-spy: .venv/bin/pip install py-spy")
    base = args.keep or Path(tempfile.mkdtemp(prefix="paigen-county-"))
    print(
        f"{'villages':>8} {'jobs':>4} {'wall s':>8} {'CPU s':>8} {'villages/min':>12} "
        f"{'artworks/s':>10} {'CPU s/village':>13} {'peak MiB (PSS)':>14}"
    )
    try:
        for size in args.sizes:
            county = base / f"county-{size}"
            make_county(county, size)
            for jobs in args.jobs:
                out = base / f"out-{size}-j{jobs}"
                raw = base / f"stages-{size}-j{jobs}.txt" if args.stages else None
                r = run(county, out, jobs, raw, args.cache)
                artworks = sum(
                    1 for p in out.rglob("*.pdf") if p.parent.name in ("signs", "drawings", "facade")
                )
                print(
                    f"{size:>8} {jobs:>4} {r['wall']:>8.1f} {r['cpu']:>8.1f} "
                    f"{size / r['wall'] * 60:>12.1f} {artworks / r['wall']:>10.1f} "
                    f"{r['cpu'] / size:>13.2f} {r['peak'] / 1024:>14.0f}   "
                    + r["summary"].split(";")[0],
                    flush=True,
                )
                if raw is not None:
                    print_stages(raw, r, size)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


def print_stages(raw: Path, r: dict, size: int) -> None:
    """CPU seconds per stage (and per village): LibreOffice's from /proc; the Python processes'
    whole-tree CPU (rusage, less LibreOffice's) shared out as py-spy's samples are. (A sample
    is taken while a thread runs or waits for a CPU, so on a busy machine the samples add up to
    more than the CPU time; their shares stay right.)"""
    samples = _stages.stages(raw)
    python = max(0.0, r["cpu"] - r["soffice"])
    sampled = sum(samples.values()) or 1.0
    cpu = {stage: samples[stage] / sampled * python for stage in _stages.STAGES}
    cpu["LibreOffice"] = r["soffice"]
    total = sum(cpu.values())
    print(f"  {'stage':<16} {'CPU s':>8} {'CPU s/village':>13} {'share':>6}")
    for stage in _stages.STAGES:
        print(f"  {stage:<16} {cpu[stage]:>8.1f} {cpu[stage] / size:>13.3f} "
              f"{cpu[stage] / total if total else 0:>6.1%}")
    print(f"  {'total':<16} {total:>8.1f} {total / size:>13.3f}   ({sampled:.0f} sample-seconds)",
          flush=True)


if __name__ == "__main__":
    main()
