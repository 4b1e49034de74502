"""Print how long 写公文's 预览 takes: a three-page notice typed as in Word, laid out through
LibreOffice and rendered to pictures of pages 1–2, as the web app does it. Goal: under 15 s.

Run: .venv/bin/python benchmarks/preview.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_S = 15.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    from paigen.web._documents import build, starter
    from test_web_drafts_browser import typed_notice

    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.runs):
            draft = starter("通知")
            draft.values.update(offices="中共东风镇委员会", number="东发〔2026〕30号", attachments="")
            draft.body = typed_notice()
            start = time.monotonic()
            build(draft, "preview", Path(tmp))
            seconds = time.monotonic() - start
            load = os.getloadavg()[0]
            mark = "ok" if seconds < GOAL_S else "over the goal"
            print(f"run {n + 1}: {seconds:.1f} s for {len(draft.pages)} pages "
                  f"(load average {load:.1f}) — {mark} of {GOAL_S:g} s")


if __name__ == "__main__":
    main()
