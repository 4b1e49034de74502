"""`paigen serve` under load on 127.0.0.1: 50 downloads of one zip, 20 edit forms at the row cap and
10 uploads at once, while the home page is asked every 0.1 s (benchmarks/web_load.py prints the
figures; this test holds its correctness: no 5xx, every download the same valid zip)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "web_load.py"


def load_module():
    spec = importlib.util.spec_from_file_location("web_load", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_serve_under_load_answers_every_request_and_every_download_is_the_same_zip(tmp_path):
    figures = load_module().run_load(tmp_path / "data", fake_kit=True, downloads=50, edits=20, uploads=10)
    log = figures.pop("server_log")
    assert "Traceback" not in log, log
    download, edit, upload, home = (figures[k] for k in ("download", "edit", "upload", "home"))
    assert download["status"] == {"200": 50}, figures
    assert download["valid_zips"] == 50 and download["distinct_zips"] == 1, figures
    assert download["zip_bytes"] > 10_000_000  # 200 artworks of 50 kB, stored as they are
    assert edit["count"] == 20 and set(edit["status"]) == {"303"}, figures  # saved at the row cap
    assert figures["edit_form_bytes"] > 5_000
    assert upload["status"] == {"303": 10}, figures
    assert home["count"] >= 3 and set(home["status"]) == {"200"}, figures
    assert home["max_s"] < 10, figures  # generous: the target of 1 s is for the benchmark to report
