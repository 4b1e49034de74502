"""The output folder of a build: what paigen may replace, kits swapped in whole, manifest entries.

paigen marks a folder it made for its output (``.paigen-output``) and replaces nothing it did not
write; a kit is drawn into a hidden folder next to its place and swapped in with renames, so a kit
on disk is always complete; manifests are UTF-8 JSON with stable formatting.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from paigen._io import atomic_write, check_folder
from paigen.errors import UsageError
from paigen.i18n import _, quoted

MANIFEST = "manifest.json"
# Where each artwork type's files go inside a kit (signs/ for the rest).

MARKER = ".paigen-output"  # marks a folder paigen made for its output; nothing else is replaced

def check_output(out: Path, root: Path, files: tuple[Path, ...] = ()) -> None:
    """Refuse an OUT that cannot hold a build or would replace files paigen did not write.

    OUT must be a folder (or not exist yet) that is writable, is not the input folder and holds
    no input file; an existing non-empty OUT must carry paigen's marker (or a batch manifest of
    an earlier build). The marker is written here, before any village starts.
    """
    check_folder(out)
    resolved = out.resolve()
    if resolved == root.resolve():
        raise UsageError(_("output folder {folder} is the input folder; build into a folder of its own, "
                           "e.g. -o out", folder=quoted(out)))
    for file in files:
        if resolved in file.resolve().parents:
            raise UsageError(_("output folder {folder} holds the input file {file}; build into a folder of "
                               "its own, e.g. -o out", folder=quoted(out), file=quoted(file)))
    if out.is_dir() and any(out.iterdir()) and not ours(out):
        raise UsageError(_("output folder {folder} holds files paigen did not write (no {marker} marker); "
                           "choose a new or empty folder", folder=quoted(out), marker=MARKER))
    try:
        out.mkdir(parents=True, exist_ok=True)
        for stale in out.glob(".*.part"):  # the temporary file of a write a killed run began
            if stale.is_file():
                stale.unlink()
        if not (out / MARKER).is_file():
            atomic_write(out / MARKER, b"paigen output folder: kits are replaced on rebuild\n")
        probe(out)
    except OSError as exc:
        raise UsageError(_("output folder {folder} cannot be written: {why}; choose a folder you can "
                           "write to", folder=quoted(out), why=exc.strerror or exc)) from None

def probe(folder: Path) -> None:
    """Write and remove an empty file: OSError when *folder* cannot really be written."""
    probe = folder / f".paigen-probe-{os.getpid()}"
    probe.write_bytes(b"")
    probe.unlink()

def ours(out: Path) -> bool:
    if (out / MARKER).is_file():
        return True
    try:  # a build of an earlier paigen version left its batch manifest, not the marker
        return json.loads((out / MANIFEST).read_text("utf-8")).get("schema") == "paigen/batch-manifest-v1"
    except (OSError, ValueError, AttributeError):
        return False

def remove_leftovers(kit: Path) -> None:
    """Remove the staging and old folders a killed run may have left next to this kit."""
    if kit.parent.is_symlink() or not kit.parent.is_dir():  # a link is refused, not cleaned
        return
    for stale in kit.parent.glob(f".{kit.name}.*"):
        if ".building-" not in stale.name and ".old-" not in stale.name:
            continue
        if stale.is_symlink():  # the link itself, never what it points to
            stale.unlink(missing_ok=True)
        elif stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)

def swap_into_place(staging: Path, folder: Path) -> None:
    """Replace *folder* by *staging* with renames only: the kit is either old or new, never mixed."""
    old = folder.parent / f".{folder.name}.old-{os.getpid()}"
    if folder.is_symlink():  # refused before the kit is drawn; never renamed or followed here
        raise UsageError(f"'{folder}' is a symbolic link; remove it, then build again")
    if folder.exists():
        os.replace(folder, old)
    os.replace(staging, folder)
    if old.exists():
        shutil.rmtree(old)

def file_artifact(rel: str, kind: str, type_: str, fmt: str, title: str, data: bytes) -> dict:
    """A manifest entry for a file that is not a page artwork (DXF, CSV)."""
    return {
        "path": rel,
        "kind": kind,
        "type": type_,
        "format": fmt,
        "title": title,
        "sha256": hashlib.sha256(data).hexdigest(),
    }

def json_bytes(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
