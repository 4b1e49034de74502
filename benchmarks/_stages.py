"""Where a build's CPU goes, by stage: py-spy samples of every Python process of the build and
the CPU seconds of each LibreOffice process, read from /proc.

py-spy (``pip install py-spy``) samples each process at RATE Hz while it runs on a CPU
(``--idle`` off), so a stage's samples / RATE is its CPU seconds. A sample is given the stage of
the innermost frame a rule below knows; the county files and the documents' post-processing are
told apart by the function they run under.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

RATE = 50
STAGES = ("layout", "font subsets", "PDF", "SVG", "PNG", "DXF", "docx", "LibreOffice",
          "post-processing", "county files", "start-up/other")
# (stage, substring of a frame "function (file:line)"); the innermost matching frame wins
RULES = [
    ("font subsets", "backends/_subset.py"),
    ("font subsets", "fontTools/subset"),
    ("DXF", "backends/dxf.py"),
    ("DXF", "ezdxf/"),
    ("SVG", "backends/svg.py"),
    ("PNG", "backends/png.py"),
    ("PNG", "cairosvg/"),
    ("PNG", "PIL/"),
    ("PDF", "backends/pdf"),
    ("PDF", "_pdfvector.py"),
    ("PDF", "reportlab/"),
    ("PDF", "masters/"),
    ("PDF", "pikepdf/"),
    ("docx", "paigen/docs/"),
    ("docx", "docx/"),
    ("docx", "batch/documents.py"),
    ("layout", "paigen/layout/"),
    ("layout", "batch/kit.py"),
    ("layout", "paigen/fonts/"),
]
# stages set by a function anywhere up the stack (checked first)
CONTEXTS = [
    ("county files", "write_batch_files ("),
    ("post-processing", "convert_pending ("),
    ("post-processing", "stable_font_ids ("),
    ("post-processing", "normalise_pdf ("),
    ("post-processing", "postprocess"),
]


def py_spy() -> str | None:
    found = shutil.which("py-spy") or str(Path(os.sys.executable).parent / "py-spy")
    return found if os.path.exists(found) else None


def record(command: list[str], raw: Path, **popen) -> subprocess.Popen:
    """Start *command* under py-spy, writing collapsed stacks to *raw*."""
    return subprocess.Popen([py_spy(), "record", "--subprocesses", "--rate", str(RATE), "--format",
                             "raw", "--nonblocking", "-o", str(raw), "--", *command], **popen)


def stage_of(stack: str) -> str:
    for stage, marker in CONTEXTS:
        if marker in stack:
            return stage
    frames = stack.split(";")
    for frame in reversed(frames):
        for stage, marker in RULES:
            if marker in frame:
                return stage
    return "start-up/other"


def stages(raw: Path) -> Counter:
    """CPU seconds per stage from py-spy's collapsed stacks."""
    out: Counter = Counter()
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            out[stage_of(stack)] += int(count) / RATE
    return out


class SofficeCpu:
    """CPU seconds of the LibreOffice processes of a build, and py-spy's own (to leave out of
    the tree's), from the /proc entries the memory sampler reads."""

    def __init__(self) -> None:
        self.seen: dict[int, float] = {}
        self.spy: dict[int, float] = {}
        self.tick = os.sysconf("SC_CLK_TCK")

    def seen_process(self, pid: int, head: str, fields: list[str]) -> None:
        """A process of the build: its /proc stat line, split at the command's ``)``."""
        own = (int(fields[11]) + int(fields[12])) / self.tick  # utime, stime
        if "soffice" in head:
            self.seen[pid] = own
        elif "(py-spy" in head:
            self.spy[pid] = own

    @property
    def seconds(self) -> float:
        return sum(self.seen.values())

    @property
    def profiler(self) -> float:
        return sum(self.spy.values())
