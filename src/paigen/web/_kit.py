"""The kit of a built job as the web app serves it: the files its manifest lists, and zips.

Only files the job's own manifest names are served. A zip of the kit (or of one village) is made
once per build: requests for the same zip wait for the one making it (a double click, twenty
clerks at once), which writes it to a temporary file of its own and renames it into place.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import zipfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from paigen._io import atomic_file
from paigen._zip import zip_info
from paigen.web._missing import said

if TYPE_CHECKING:
    from paigen.web._jobs import Job

BATCH_FILES = ("order.xlsx", "order.pdf", "proof.pdf", "index.html", "manifest.json")
_LOCK = threading.Lock()


def manifest(job: Job) -> dict | None:
    try:
        return json.loads((job.out / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None


def kit_files(job: Job) -> dict[str, Path]:
    """Every file of the built kit a request may ask for, by its manifest path."""
    data = manifest(job)
    if data is None:
        return {}
    files = {name: job.out / name for name in BATCH_FILES if (job.out / name).is_file()}
    for village in data.get("villages", []):
        for artifact in village.get("artifacts", []):
            rel = PurePosixPath(artifact["path"])
            if rel.is_absolute() or ".." in rel.parts:
                continue
            files[rel.as_posix()] = job.out.joinpath(*rel.parts)
        if village.get("manifest"):
            files[village["manifest"]] = job.out.joinpath(*PurePosixPath(village["manifest"]).parts)
    return files


_ZIP_LOCKS: dict[Path, threading.Lock] = {}


def _zip_lock(target: Path) -> threading.Lock:
    with _LOCK:
        if len(_ZIP_LOCKS) > 256:  # forgetting a lock only lets two requests make one zip at once,
            _ZIP_LOCKS.clear()      # each in its own file: still safe, never a broken download
        return _ZIP_LOCKS.setdefault(target, threading.Lock())


def kit_zip(job: Job, village: dict | None = None) -> Path:
    """A zip of the whole kit, or of one village's folder; made once per build.

    Requests for the same zip wait for the one that makes it (a double click, twenty clerks):
    it is written to a temporary file of its own and renamed into place when complete."""
    files = kit_files(job)
    if village is None:
        name, chosen = "kit.zip", sorted(files)
    else:
        prefix = village["folder"] + "/"
        name = f"village-{_digest(village['folder'])}.zip"
        chosen = sorted(f for f in files if f.startswith(prefix))
    target = job.folder / "downloads" / name
    with _zip_lock(target):
        if target.is_file():
            return target
        with atomic_file(target, durable=False) as handle, \
                zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            for rel in chosen:
                archive.writestr(zip_info(rel), files[rel].read_bytes())
    return target


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def gallery(job: Job) -> list[dict]:
    """Per village of the manifest: its artworks (preview, size, material, files) in kit order."""
    data = manifest(job) or {}
    out = []
    for village in data.get("villages", []):
        if not village.get("folder"):
            continue
        cards: dict[str, dict] = {}
        for a in village.get("artifacts", []):
            stem = a["path"].rsplit(".", 1)[0]
            card = cards.setdefault(stem, {"title": a.get("title", ""), "type": a.get("type", ""),
                                           "trim": a.get("trim_mm"), "material": a.get("material", ""),
                                           "quantity": a.get("quantity"), "note": a.get("note", ""),
                                           "kind": a["kind"], "preview": None, "files": []})
            if a["kind"] == "preview":
                card["preview"] = a["path"]
            else:
                card["kind"] = a["kind"]
                card["files"].append((a["format"], a["path"]))
        missing = [said(m) for m in village.get("missing", []) if isinstance(m, dict)]
        out.append({"name": f"{village.get('township', '')}{village.get('village', '')}",
                    "status": village.get("status"), "folder": village["folder"], "missing": missing,
                    "cards": list(cards.values()), "time": time.time()})
    return out
