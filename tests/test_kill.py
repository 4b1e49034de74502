"""`kill -9` at random points of a six-village build leaves no partial kit or county file, and
the rerun equals a clean build byte for byte."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from hostile_util import assert_no_partial_kit

from conftest import SAMPLES

ARGS = ["--only", "facade", "-j", "2"]


def _county(folder: Path) -> Path:
    shutil.copytree(SAMPLES, folder)
    source = (SAMPLES / "东庄村.yaml").read_text("utf-8")
    for i, name in enumerate(["甲庄村", "乙庄村", "丙庄村"]):
        text = source.replace("东庄村", name).replace("length_mm: 18000", f"length_mm: {16000 + 1000 * i}")
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def _build(folder: Path, out: Path, env: dict, capture: bool = True) -> subprocess.Popen:
    pipe = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.Popen([sys.executable, "-m", "paigen", "build", str(folder), "-o", str(out), *ARGS],
                            stdout=pipe, stderr=pipe, env=env, start_new_session=True)


def _visible(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)}


def _complete(out: Path) -> None:
    """Every kit on disk is whole: its manifest's files exist with the recorded hashes."""
    assert_no_partial_kit(out)
    for manifest in out.glob("*/*/manifest.json"):
        data = json.loads(manifest.read_text("utf-8"))
        for a in data["artifacts"]:
            body = (manifest.parent / a["path"]).read_bytes()
            assert hashlib.sha256(body).hexdigest() == a["sha256"], a["path"]
    for name in ("order.xlsx", "order.pdf", "proof.pdf"):
        file = out / name
        if file.exists():
            head = file.read_bytes()[:4]
            assert head in (b"PK\x03\x04", b"%PDF"), name


def _alive_group(pgid: int) -> bool:
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


def test_kill_9_at_random_points_leaves_whole_kits_and_the_rerun_equals_a_clean_build(tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    folder = _county(tmp_path / "county")
    clean = tmp_path / "clean"
    start = time.perf_counter()
    proc = _build(folder, clean, env)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    proc.stdout.close()
    proc.stderr.close()
    seconds = time.perf_counter() - start
    reference = _visible(clean)
    assert len([k for k in reference if k.endswith("/manifest.json")]) == 6
    out = tmp_path / "out"
    rng = random.Random(15)
    for _ in range(5):
        proc = _build(folder, out, env, capture=False)
        time.sleep(rng.uniform(0.2, seconds * 0.9))
        proc.send_signal(signal.SIGKILL)  # only the parent, as a user's kill -9 would
        proc.wait()
        deadline = time.time() + 10
        while time.time() < deadline and _alive_group(proc.pid):
            time.sleep(0.1)
        assert not _alive_group(proc.pid), "workers outlived the killed build"
        _complete(out)
    proc = _build(folder, out, env)
    text, err = proc.communicate(timeout=300)
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == 0, err.decode()
    assert re.search(r"已生成 \d+ 个，失败 0 个".encode(), text)
    assert _visible(out) == reference
    leftovers = [p for p in out.rglob(".*") if p.name != ".paigen-output"]
    assert leftovers == []
