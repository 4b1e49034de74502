"""``paigen build``: lay out every village's kit, draw it, and write it with its manifest.

Per village: lay out all artworks first (no file is touched), stop the village if any text has
characters no font of its role covers or cannot fit; then draw every artwork into a hidden
folder next to the kit and swap it into place, so a kit on disk is always complete. One bad
village is reported and the others are built.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from paigen import __version__
from paigen._io import atomic_write
from paigen.errors import FontError, PaigenError
from paigen.fonts import resolve_roles
from paigen.fonts.roles import RoleFont
from paigen.inputs import Entry, open_inputs
from paigen.layout.scene import Artwork
from paigen.layout.signs import Context, sign_kit
from paigen.layout.text import TextEngine
from paigen.model.profile import Profile
from paigen.model.settings import Settings

PARTS = ("signs",)
TEXT_MODES = ("outline", "live")
MANIFEST = "manifest.json"
_UNSAFE = set('/\\:*?"<>|')


@dataclass(frozen=True)
class BuildOptions:
    only: tuple[str, ...] = PARTS
    text: str = "outline"
    jobs: int = 1


@dataclass
class VillageResult:
    """What happened to one village: built (with its artifacts) or failed (with the reason)."""

    label: str
    township: str = ""
    village: str = ""
    folder: str = ""  # relative to OUT, with forward slashes
    status: str = "failed"
    error: str = ""
    artifacts: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def artworks(self) -> int:
        return sum(1 for a in self.artifacts if a["kind"] != "preview" and a["format"] == "pdf")


@dataclass
class BuildReport:
    villages: list[VillageResult]
    seconds: float

    @property
    def failed(self) -> list[VillageResult]:
        return [v for v in self.villages if v.status == "failed"]

    @property
    def built(self) -> list[VillageResult]:
        return [v for v in self.villages if v.status == "built"]


def safe_name(name: str) -> str:
    """A file or folder name that stays inside its parent: no separators, '..' or controls."""
    cleaned = "".join("_" if c in _UNSAFE or unicodedata.category(c) in ("Cc", "Cf") else c
                      for c in name).strip().strip(".")
    return cleaned[:100] or "_"


def build(path: str | Path, out: str | Path, options: BuildOptions = BuildOptions()) -> BuildReport:
    """Build the kits of every village under *path* into *out*."""
    start = time.perf_counter()
    inputs = open_inputs(path)
    out = Path(out)
    roles = resolve_roles(inputs.settings)
    results: list[VillageResult] = []
    todo: list[tuple[int, Profile]] = []
    for i, entry in enumerate(inputs.entries):
        if entry.profile is None:
            results.append(_failed(entry))
        else:
            results.append(VillageResult(entry.label))
            todo.append((i, entry.profile))
    jobs = max(1, min(options.jobs, len(todo)))
    if jobs == 1:
        done = [build_village(p, inputs.settings, roles, out, options, results[i].label) for i, p in todo]
    else:
        with ProcessPoolExecutor(jobs) as pool:
            done = list(pool.map(build_village, [p for _, p in todo], [inputs.settings] * len(todo),
                                 [roles] * len(todo), [out] * len(todo), [options] * len(todo),
                                 [results[i].label for i, _ in todo]))
    for (i, _), result in zip(todo, done, strict=True):
        results[i] = result
    for problem in inputs.problems:
        results.append(VillageResult(str(problem.location), error=str(problem)))
    _write_batch_manifest(out, results, inputs.settings, options)
    return BuildReport(results, time.perf_counter() - start)


def _failed(entry: Entry) -> VillageResult:
    return VillageResult(entry.label, error=str(entry.error))


def build_village(profile: Profile, settings: Settings, roles: dict[str, RoleFont], out: Path,
                  options: BuildOptions, label: str = "") -> VillageResult:
    """Lay out, check, draw and write one village's kit; never leaves a partial kit."""
    start = time.perf_counter()
    v = profile.village
    folder = Path(safe_name(v.township)) / safe_name(v.name)
    result = VillageResult(label or (profile.origin.file if profile.origin else v.name), v.township, v.name,
                           folder.as_posix())
    try:
        artworks = lay_out(profile, settings, roles, options)
        result.artifacts = _write_kit(out / folder, profile, settings, artworks, options)
        result.status = "built"
    except PaigenError as exc:
        result.error = str(exc)
    result.seconds = time.perf_counter() - start
    return result


def lay_out(profile: Profile, settings: Settings, roles: dict[str, RoleFont],
            options: BuildOptions) -> list[Artwork]:
    """Every artwork of the kit, checked for uncovered characters before anything is drawn."""
    engine = TextEngine(roles)
    ctx = Context(profile, settings, engine)
    artworks: list[Artwork] = []
    if "signs" in options.only:
        artworks += sign_kit(ctx)
    if engine.missing:
        lines = []
        for miss in engine.missing:
            where = ""
            if profile.origin and miss.field:
                where = f"{profile.origin.locate(_path_of(miss.field))} "
            lines.append(f"  {where}{miss}")
        raise FontError(f"{len(engine.missing)} character(s) no font can draw; install a font that has "
                        "them (set fonts.<role>.path in paigen.yaml) or replace them:\n" + "\n".join(lines))
    return artworks


def _path_of(field_path: str) -> tuple:
    """'center.rooms[2].also[0]' → ('center', 'rooms', 2, 'also', 0)."""
    out: list = []
    for part in field_path.replace("]", "").split("."):
        name, *indices = part.split("[")
        out.append(name)
        out += [int(i) if i.isdigit() else i for i in indices]
    return tuple(out)


def _write_kit(folder: Path, profile: Profile, settings: Settings, artworks: list[Artwork],
               options: BuildOptions) -> list[dict]:
    from paigen.backends import chars_by_face, render_pdf, render_png, render_svg

    staging = folder.parent / f".{folder.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    charset: dict = {}
    if options.text == "live":  # one font subset per face for the whole kit
        for art in artworks:
            for face, chars in chars_by_face(art).items():
                charset[face] = charset.get(face, frozenset()) | chars
    artifacts: list[dict] = []
    try:
        for art in artworks:
            sub = "signs"
            files = [("pdf", render_pdf(art, settings, text=options.text, charset=charset), art.kind),
                     ("svg", render_svg(art, settings, text=options.text), art.kind),
                     ("png", render_png(art, settings), "preview")]
            for fmt, data, kind in files:
                rel = f"{sub}/{safe_name(art.name)}.{fmt}"
                atomic_write(staging / rel, data)
                artifacts.append(_artifact(art, rel, fmt, kind, data))
        manifest = {
            "schema": "paigen/manifest-v1",
            "paigen": __version__,
            "village": {"name": profile.village.name, "township": profile.village.township,
                        "county": profile.village.county},
            "profile": {"file": _profile_label(profile),
                        "sha256": profile.origin.sha256 if profile.origin else ""},
            "settings": {"preset": settings.preset, "sha256": settings.sha256},
            "text": options.text,
            "artifacts": artifacts,
        }
        atomic_write(staging / MANIFEST, _json(manifest))
        _swap_into_place(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return artifacts


def _artifact(art: Artwork, rel: str, fmt: str, kind: str, data: bytes) -> dict:
    page = art.page
    return {
        "path": rel,
        "kind": kind,
        "type": art.type,
        "format": fmt,
        "title": art.title,
        "trim_mm": [round(page.width, 3), round(page.height, 3)],
        "bleed_mm": page.bleed,
        "pages": len(art.pages) if fmt == "pdf" else 1,
        "sha256": hashlib.sha256(data).hexdigest(),
        "quantity": art.quantity,
        "material": art.material,
        "note": art.note,
    }


def _profile_label(profile: Profile) -> str:
    if profile.origin is None:
        return ""
    where = profile.origin.locate(())
    name = Path(where.file).name
    return f"{name}:{where.sheet}!{where.cell}" if where.sheet else name


def _swap_into_place(staging: Path, folder: Path) -> None:
    """Replace *folder* by *staging* with renames only: the kit is either old or new, never mixed."""
    old = folder.parent / f".{folder.name}.old-{os.getpid()}"
    if folder.exists():
        os.replace(folder, old)
    os.replace(staging, folder)
    if old.exists():
        shutil.rmtree(old)


def _write_batch_manifest(out: Path, results: list[VillageResult], settings: Settings,
                          options: BuildOptions) -> None:
    villages = []
    for r in results:
        entry: dict = {"label": r.label, "township": r.township, "village": r.village, "status": r.status}
        if r.status == "built":
            entry["folder"] = r.folder
            entry["manifest"] = f"{r.folder}/{MANIFEST}"
            entry["artifacts"] = [{**a, "path": f"{r.folder}/{a['path']}"} for a in r.artifacts]
        else:
            entry["error"] = r.error
        villages.append(entry)
    manifest = {"schema": "paigen/batch-manifest-v1", "paigen": __version__, "preset": settings.preset,
                "settings_sha256": settings.sha256, "text": options.text, "villages": villages}
    atomic_write(out / MANIFEST, _json(manifest))


def _json(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


__all__ = ["PARTS", "TEXT_MODES", "BuildOptions", "BuildReport", "build", "build_village", "lay_out",
           "safe_name"]
