"""A kit built in parts, and the folders a kit may be written to.

``paigen build --only facade`` into a folder that holds a whole kit replaces the facade and keeps
the signs and documents: the files of the parts not built are carried from the kit on disk into
the new one (with their manifest entries, the documents still to convert and the artworks that
could not be laid out), so the swap never loses them. Each part records the digest of the
inputs it was built from, so a later run rebuilds only the parts whose inputs changed.

Every path paigen writes lies inside OUT: a township or village folder that is a symbolic link
is refused with its name before anything is written.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from paigen.batch.output import MANIFEST
from paigen.errors import UsageError
from paigen.i18n import _, quoted

PARTS = ("signs", "facade", "docs")
_FOLDER_PART = {"signs": "signs", "drawings": "signs", "facade": "facade", "docs": "docs"}

def part_of(path: str) -> str:
    """The part of the kit a file belongs to, from its folder in the kit."""
    return _FOLDER_PART.get(path.split("/", 1)[0], "signs")

def check_inside(out: Path, kit: Path) -> None:
    """Refuse a kit folder reached through a symbolic link below OUT (it would be written elsewhere)."""
    current = out
    for name in kit.relative_to(out).parts:
        current = current / name
        if current.is_symlink():
            try:
                target = _(" (to {target})", target=quoted(os.readlink(current)))
            except OSError:
                target = ""
            raise UsageError(_("{link} is a symbolic link{target}: paigen writes only inside the output "
                               "folder {out}; remove the link (move the folder it points to back, or build "
                               "into another folder), then build again", link=quoted(current), target=target,
                               out=quoted(out)))
        if not current.exists():
            break
    top = out.resolve()
    if current.exists() and top != current.resolve() and top not in current.resolve().parents:
        raise UsageError(_("{folder} lies outside the output folder {out}; build into another folder",
                           folder=quoted(current), out=quoted(out)))

def read_manifest(kit: Path) -> dict | None:
    """The kit's manifest when it is a readable one of paigen's, else None."""
    file = kit / MANIFEST
    try:
        if not stat.S_ISREG(os.lstat(file).st_mode) or os.lstat(file).st_size > 64 * 1024 * 1024:
            return None
        data = json.loads(file.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("artifacts", []), list) else None

def recorded_parts(manifest: dict) -> dict[str, str]:
    """Part → digest of the inputs it was built from ('' when a manifest of an earlier paigen
    holds the part without saying from what)."""
    parts = manifest.get("parts")
    if isinstance(parts, dict):
        return {p: str(d) for p, d in parts.items() if p in PARTS}
    found = {part_of(a.get("path", "")) for a in manifest.get("artifacts", []) if isinstance(a, dict)}
    return {p: "" for p in PARTS if p in found}

def is_current(manifest: dict, kit: Path, digests: dict[str, str]) -> bool:
    """True when every part asked for was built from the same inputs and all files are there."""
    recorded = recorded_parts(manifest)
    if any(recorded.get(p) != d or not d for p, d in digests.items()) or manifest.get("pending"):
        return False
    return all(_kit_file(kit, a.get("path", "")) is not None for a in manifest.get("artifacts", []))

@dataclass
class Kept:
    """What a partial build keeps of the kit on disk: the parts it does not build."""

    artifacts: list[dict] = field(default_factory=list)
    pending: list[dict] = field(default_factory=list)
    missing: list[dict] = field(default_factory=list)
    parts: dict[str, str] = field(default_factory=dict)
    paint: list[dict] = field(default_factory=list)

def carry_over(kit: Path, staging: Path, built: tuple[str, ...]) -> Kept:
    """Copy the files of the parts not in *built* from *kit* into *staging*; their entries."""
    manifest = read_manifest(kit)
    kept = Kept()
    if manifest is None:
        return kept
    kept.parts = {p: d for p, d in recorded_parts(manifest).items() if p not in built}
    for a in manifest.get("artifacts", []):
        path = a.get("path", "") if isinstance(a, dict) else ""
        if part_of(path) in built or part_of(path) not in kept.parts:
            continue
        source = _kit_file(kit, path)
        if source is None:  # gone, or a link: not paigen's file any more
            continue
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        kept.artifacts.append({**a, "sha256": hashlib.sha256(target.read_bytes()).hexdigest()})
    copied = {a["path"] for a in kept.artifacts}
    kept.pending = [e for e in manifest.get("pending", []) if isinstance(e, dict)
                    and part_of(e.get("path", "")) in kept.parts and e.get("docx") in copied]
    kept.missing = [m for m in manifest.get("missing", []) if isinstance(m, dict)
                    and m.get("part", "signs") in kept.parts]
    if "facade" in kept.parts and isinstance(manifest.get("paint"), list):
        kept.paint = manifest["paint"]
    return kept

def merged(new: list[dict], kept: list[dict]) -> list[dict]:
    """The kit's artifacts in kit order (signs, facade, documents), however each part was built."""
    both = new + kept
    return sorted(both, key=lambda a: PARTS.index(part_of(a["path"])))

def _kit_file(kit: Path, path: str) -> Path | None:
    """*kit*/*path* when it is a regular file inside the kit reached through no link, else None."""
    rel = PurePosixPath(path)
    if not path or not rel.parts or rel.is_absolute() or ".." in rel.parts or "\\" in path:
        return None
    mode = 0
    current = kit
    for name in rel.parts:
        current = current / name
        try:
            mode = os.lstat(current).st_mode
        except OSError:
            return None
        if stat.S_ISLNK(mode):
            return None
    return current if stat.S_ISREG(mode) else None

def missing_entry(part: str, type_: str, settings, exc: Exception) -> dict:
    """The manifest's record of an artwork that could not be laid out: what, why and the fix."""
    message = str(exc)
    cut = min((i for i in (message.find("; "), message.find("；")) if i >= 0), default=-1)
    reason, fix = (message[:cut], message[cut:].lstrip(";； ")) if cut >= 0 else (message, "")
    title = settings.section("signs").get(type_, {}).get("title", "") if part == "signs" else "立面图"
    return {
        "part": part,
        "type": type_,
        "title": title or type_,
        "reason": reason,
        "fix": fix or _("correct the village's data (its profile or workbook row) or the county "
                                 "settings (paigen.yaml) as the reason says, then build again"),
    }
