"""The profiles of a job on disk: read each village's raw data, check and save an edited one.

An edited village is saved as a YAML profile the CLI reads unchanged. A village that came from
the county workbook turns the workbook into one profile per village first (the workbook is kept
as a backup in the job folder), each under a file name that is safe everywhere and can never be
mistaken for anything else in the county folder: not ``paigen.yaml`` (a village named
``paigen``, ``PAIGEN``, ``．paigen``), not a name the reader skips (``~$…``, ``.…``), not the
name of another village's file in any case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from paigen._names import name_key, safe_name
from paigen.errors import Location, Problem, ProfileError
from paigen.model.load import profile_from_document
from paigen.model.settings import SETTINGS_FILE, load_settings
from paigen.sources.xlsx import read_workbook, write_workbook
from paigen.sources.yamlfile import load_yaml, parse_yaml


# -- raw data of a village ------------------------------------------------------------------
def village_documents(job) -> dict[str, Any]:
    """label (as open_inputs gives it) → the village's raw data, for YAML files and workbooks."""
    from paigen.inputs import _is_profile, _is_workbook

    out: dict[str, Any] = {}
    for file in sorted(p for p in job.root.iterdir() if p.is_file()):
        try:
            if _is_profile(file):
                out[str(file)] = load_yaml(file).data
            elif _is_workbook(file):
                for doc in read_workbook(file)[0]:
                    out[str(doc.locate(()))] = doc.data
        except ProfileError:
            out.setdefault(str(file), {})
    return out


def raw_village(job, label: str) -> Any:
    """The raw data of the village *label* names (shown or stored form), or {}."""
    docs = village_documents(job)
    if label in docs:
        return docs[label]
    for stored, data in docs.items():
        if job.shown(stored) == label:
            return data
    return {}


# -- checking and saving --------------------------------------------------------------------
HEADER = "# 由 paigen serve 的编辑表单保存；paigen validate / paigen build 可直接读取。\n"


def to_yaml(data: dict[str, Any]) -> bytes:
    return (HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)).encode()


def check(job, data: dict[str, Any], label: str) -> list[Problem]:
    """The model's own problems with *data* (empty when it is a valid profile)."""
    text = to_yaml(data)
    try:
        doc = parse_yaml(text, label)
        profile_from_document(doc, load_settings(job.root))
    except ProfileError as exc:
        return list(exc.problems)
    return []


def save(job, label: str, data: dict[str, Any]) -> Path:
    """Write *data* as the YAML profile of village *label*; a workbook becomes YAML profiles."""
    from paigen._io import atomic_write
    from paigen.inputs import _is_workbook

    docs = village_documents(job)
    stored = label if label in docs else next((s for s in docs if job.shown(s) == label), label)
    target = Path(stored)
    if not (target.suffix.lower() in (".yaml", ".yml") and target.parent == job.root and target.is_file()):
        # The village came from the workbook: write every village of it as a profile, so the
        # county folder stays one source of truth, then replace this one.
        books = [p for p in job.root.iterdir() if p.is_file() and _is_workbook(p)]
        used = {name_key(p.name) for p in job.root.iterdir()}
        target = None
        for book in books:
            for doc in read_workbook(book)[0]:
                village = doc.data.get("village") if isinstance(doc.data, dict) else None
                name = str(village.get("name") or "village") if isinstance(village, dict) else "village"
                path = job.root / profile_file_name(name, used)
                atomic_write(path, to_yaml(doc.data))
                if str(doc.locate(())) == stored:
                    target = path
            book.rename(job.folder / f"workbook-{book.stat().st_mtime_ns}.xlsx.bak")
        if target is None:
            raise ProfileError([Problem(Location(label), "", "the village is no longer in the job",
                                        "upload the county again")])
    atomic_write(target, to_yaml(data))
    job.touch()
    return target


RESERVED_STEMS = {name_key(SETTINGS_FILE.rsplit(".", 1)[0])}  # paigen.yaml / .yml in any case
IGNORED_PREFIXES = (".", "~$")  # hidden files and Office lock files are never read as villages


def profile_file_name(village: str, used: set[str]) -> str:
    """The file name a village's profile is saved under: safe everywhere, never the county's
    settings (``paigen.yaml``, in any case), never a name the reader skips (``~$…``, ``.…``),
    never a name *used* already holds, compared as Windows and macOS do (case folded).
    The name is added to *used*."""
    stem = safe_name(village)
    if stem.startswith(IGNORED_PREFIXES) or name_key(stem) in RESERVED_STEMS:
        stem = "村-" + stem.lstrip(".")
    file_name, n = f"{stem}.yaml", 2
    while name_key(file_name) in used:
        file_name, n = f"{stem}-{n}.yaml", n + 1
    used.add(name_key(file_name))
    return file_name


def county_workbook(job) -> Path:
    """Every village of the job (YAML or workbook) written as one county workbook."""
    datas = [d for d in village_documents(job).values() if isinstance(d, dict) and d]
    target = job.folder / "downloads" / "county.xlsx"
    write_workbook(datas, target)
    return target
