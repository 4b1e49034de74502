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
from collections.abc import Callable
from concurrent.futures import as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from paigen import __version__
from paigen._data import data_dir
from paigen._executors import executor
from paigen._io import atomic_write
from paigen._names import name_key, safe_name
from paigen.batch.county import write_batch_files, write_batch_manifest
from paigen.batch.documents import check_cache, convert_pending, ordered, stage_documents, warn_document_fonts
from paigen.batch.output import (
    MANIFEST,
    check_output,
    file_artifact,
    json_bytes,
    remove_leftovers,
    swap_into_place,
)
from paigen.batch.wording import proof_entries, proofread_warning, to_proofread
from paigen.errors import FontError, LayoutError, PaigenError, UsageError
from paigen.fonts import _facecache, resolve_roles
from paigen.fonts.roles import RoleFont
from paigen.inputs import Entry, open_inputs
from paigen.layout.facade import FacadeKit, facade_kit
from paigen.layout.scene import Artwork
from paigen.layout.signs import Context, sign_kit
from paigen.layout.text import TextEngine
from paigen.model.boards import board_library
from paigen.model.profile import Profile
from paigen.model.settings import Settings

PARTS = ("signs", "facade", "docs")

TEXT_MODES = ("outline", "live")

SUBFOLDERS = {"installation": "drawings", "center-name": "drawings", "facade": "facade"}

@dataclass(frozen=True)
class BuildOptions:
    only: tuple[str, ...] = PARTS
    text: str = "outline"
    jobs: int = 1
    force: bool = False  # rebuild villages whose inputs did not change
    batch: bool = True  # write the order sheet, proof sheet and gallery at OUT's root
    executor: str = "local"  # local (process pool) | dask
    scheduler: str | None = None  # a Dask scheduler's address; None: a local Dask cluster

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
    paint: list[dict] = field(default_factory=list)
    thumbnails: list[tuple[str, bytes]] = field(default_factory=list, repr=False)
    pending: list[dict] = field(default_factory=list)  # document PDFs still to convert

    @property
    def artworks(self) -> int:
        return sum(1 for a in self.artifacts if a["kind"] != "preview" and a["format"] == "pdf")

@dataclass
class BuildReport:
    villages: list[VillageResult]
    seconds: float
    warnings: list[str] = field(default_factory=list)  # said once per build, not per village

    @property
    def failed(self) -> list[VillageResult]:
        return [v for v in self.villages if v.status == "failed"]

    @property
    def built(self) -> list[VillageResult]:
        return [v for v in self.villages if v.status == "built"]

    @property
    def skipped(self) -> list[VillageResult]:
        return [v for v in self.villages if v.status == "skipped"]

def build(
    path: str | Path,
    out: str | Path,
    options: BuildOptions = BuildOptions(),
    progress: Callable[[VillageResult], None] | None = None,
) -> BuildReport:
    """Build the kits of every village under *path* into *out*; *progress* hears of each village."""
    start = time.perf_counter()
    inputs = open_inputs(path)
    out = Path(out)
    if "docs" in options.only:
        check_cache()
    check_output(out, inputs.root, inputs.files)
    roles = resolve_roles(inputs.settings)
    warnings = _emblem_warnings(inputs.settings, [e.profile for e in inputs.entries if e.profile])
    results: list[VillageResult] = []
    todo: list[tuple[int, Profile]] = []
    for i, entry in enumerate(inputs.entries):
        if entry.profile is None:
            results.append(_failed(entry))
            if progress:
                progress(results[-1])
        else:
            results.append(VillageResult(entry.label))
            todo.append((i, entry.profile))
    jobs = max(1, min(options.jobs, len(todo)))
    by_township: dict[str, list[Profile]] = {}
    for _, p in todo:
        by_township.setdefault(p.village.township, []).append(p)
    args = [
        (p, inputs.settings, roles, out, options, results[i].label, tuple(by_township[p.village.township]))
        for i, p in todo
    ]
    if jobs == 1 and options.executor == "local":
        for (i, _), arg in zip(todo, args, strict=True):
            results[i] = build_village(*arg)
            if progress:
                progress(results[i])
    else:
        with executor(options.executor, jobs, options.scheduler, initializer=_watch_parent,
                      initargs=(os.getpid(),)) as pool:
            futures = {pool.submit(build_village, *arg): i for (i, _), arg in zip(todo, args, strict=True)}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                if progress:
                    progress(results[futures[future]])
    convert_pending(out, results, inputs.settings)
    warn_document_fonts(results)
    for problem in inputs.problems:
        results.append(VillageResult(str(problem.location), error=str(problem)))
    unread = to_proofread(a for r in results for a in r.artifacts)
    if unread:
        warnings.append(proofread_warning(unread))
    batch = write_batch_manifest(out, results, inputs.settings, options)
    # Order and proof sheets of nothing would go to the print shop as if they were an order.
    if options.batch and any(r.status != "failed" for r in results):
        write_batch_files(out, results, batch, inputs.settings, roles)
        _facecache.flush()
    return BuildReport(results, time.perf_counter() - start, warnings)

def _emblem_warnings(settings: Settings, profiles: list[Profile]) -> list[str]:
    """Check the emblem file once (a bad colour stops the build); warn once when it is missing."""
    from paigen.assets import EMPTY_NOTE, RECENTRED_NOTE, load_emblem

    if load_emblem(settings) is not None:
        return []
    rooms = sum(1 for p in profiles for r in p.center.rooms if r.party)
    if not rooms and not settings.section("assets").get("emblem_in"):
        return []
    if settings.section("assets").get("emblem_missing", "recentre") != "keep_space":
        return [f"{RECENTRED_NOTE}（{rooms} 块党建功能室门牌及 assets.emblem_in 所列标牌，订单和清样已注明）"]
    return [f"{EMPTY_NOTE}（{rooms} 块党建功能室门牌及 assets.emblem_in 所列标牌的党徽位置空着，"
            "订单和清样已注明）"]

def _watch_parent(parent: int) -> None:
    """In a worker: exit when the build process is gone (killed), instead of running on."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="paigen-parent-watch", daemon=True).start()

def _failed(entry: Entry) -> VillageResult:
    return VillageResult(entry.label, error=str(entry.error))

def build_village(
    profile: Profile,
    settings: Settings,
    roles: dict[str, RoleFont],
    out: Path,
    options: BuildOptions,
    label: str = "",
    peers: tuple[Profile, ...] = (),
) -> VillageResult:
    """Lay out, check, draw and write one village's kit; never leaves a partial kit.

    A kit whose recorded inputs (profile, settings, shipped data, paigen version, options) are
    unchanged is kept as it is and reported as skipped, unless *options.force*.
    """
    start = time.perf_counter()
    v = profile.village
    folder = Path(safe_name(v.township)) / safe_name(v.name)
    result = VillageResult(
        label or (profile.origin.file if profile.origin else v.name), v.township, v.name, folder.as_posix()
    )
    kit = out / folder
    remove_leftovers(kit)
    digest = inputs_sha256(profile, settings, options, peers)
    try:
        if kit.exists() and (not kit.is_dir() or (any(kit.iterdir()) and not (kit / MANIFEST).is_file())):
            raise UsageError(f"'{kit}' exists and is not a kit paigen wrote (no {MANIFEST}); "
                             "move it away or build into another folder")
        previous = _current_manifest(kit, digest) if not options.force else None
        if previous is not None:
            result.status = "skipped"
            result.artifacts, result.paint = previous["artifacts"], previous.get("paint", [])
        else:
            laid_out = lay_out(profile, settings, roles, options, peers)
            result.artifacts, result.thumbnails, result.pending = _write_kit(
                kit, profile, settings, laid_out, options, digest
            )
            result.paint = laid_out.facade.takeoff if laid_out.facade else []
            result.status = "built"
        if options.batch and result.status == "skipped":
            from paigen.batch.proof import thumbnails

            result.thumbnails = [(a["path"], jpeg) for a, jpeg in thumbnails(kit, result.artifacts)]
    except PaigenError as exc:
        result.error = str(exc)
        result.status = "failed"
    except OSError as exc:  # a full or failing disk: this kit is not written, the others go on
        where = f" '{exc.filename}'" if exc.filename else ""
        result.error = (f"{kit}: cannot write{where}: {exc.strerror or exc}; free disk space or check "
                        "the folder, then build again (the kit on disk is the previous one, or none)")
        result.status = "failed"
        result.artifacts, result.thumbnails, result.pending = [], [], []
    finally:
        _facecache.flush()  # glyph outlines drawn for this kit, for the next run and village
    result.seconds = time.perf_counter() - start
    return result

def inputs_sha256(
    profile: Profile, settings: Settings, options: BuildOptions, peers: tuple[Profile, ...] = ()
) -> str:
    """What a kit depends on: profile, settings, shipped data and templates, paigen, options,
    the county's masters, and — for the township's documents — the other villages of the township."""
    from paigen.masters import fingerprint as masters_fingerprint

    township = sorted(p.origin.sha256 for p in peers if p.origin) if "docs" in options.only else []
    parts = [
        township,
        __version__,
        profile.origin.sha256 if profile.origin else repr(profile),
        settings.sha256,
        _data_fingerprint(settings.base_dir),
        masters_fingerprint(settings),
        options.text,
        sorted(options.only),
        settings.kit_date.isoformat(),  # the date the drawings carry
    ]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()

@lru_cache(maxsize=8)
def _data_fingerprint(county_dir: Path | None) -> str:
    """A hash of every file of the shipped data and the county's own boards."""
    digest = hashlib.sha256()
    folders = [data_dir("signage"), data_dir("templates")]
    if county_dir is not None and (county_dir / "boards").is_dir():
        folders.append(county_dir / "boards")
    for folder in folders:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(file.relative_to(folder).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()

def _current_manifest(kit: Path, digest: str) -> dict | None:
    """The kit's manifest when it was built from the same inputs and all its files are there."""
    try:
        manifest = json.loads((kit / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("inputs_sha256") != digest or manifest.get("pending"):
        return None
    if not all((kit / a["path"]).is_file() for a in manifest.get("artifacts", [])):
        return None
    return manifest

@dataclass
class Kit:
    """Everything one village's kit holds, laid out and checked, before anything is drawn."""

    artworks: list[Artwork] = field(default_factory=list)
    facade: FacadeKit | None = None
    documents: list = field(default_factory=list)  # paigen.docs.DocFile

def lay_out(
    profile: Profile,
    settings: Settings,
    roles: dict[str, RoleFont],
    options: BuildOptions,
    peers: tuple[Profile, ...] = (),
) -> Kit:
    """Every artwork of the kit, checked for uncovered characters before anything is drawn.

    *peers* are the other villages of the township: the plan and notices cover all of them.
    """
    engine = TextEngine(roles)
    ctx = Context(profile, settings, engine)
    kit = Kit()
    if "signs" in options.only:
        from paigen.masters import apply_masters, county_masters

        kit.artworks += apply_masters(ctx, sign_kit(ctx), county_masters(settings))
    if "facade" in options.only and profile.facade.walls:
        kit.facade = facade_kit(ctx)
        kit.artworks += kit.facade.drawings
    if "docs" in options.only:
        from paigen.docs import document_kit

        kit.documents = document_kit(profile, settings, list(peers))
    if engine.missing:
        lines = []
        for miss in engine.missing:
            where = ""
            if profile.origin and miss.field:
                where = f"{profile.origin.locate(_path_of(miss.field))} "
            lines.append(f"  {where}{miss}")
        raise FontError(
            f"{len(engine.missing)} character(s) no font can draw; install a font that has "
            "them (set fonts.<role>.path in paigen.yaml) or replace them:\n" + "\n".join(lines)
        )
    return kit

def _path_of(field_path: str) -> tuple:
    """'center.rooms[2].also[0]' → ('center', 'rooms', 2, 'also', 0)."""
    out: list = []
    for part in field_path.replace("]", "").split("."):
        name, *indices = part.split("[")
        out.append(name)
        out += [int(i) if i.isdigit() else i for i in indices]
    return tuple(out)

def _write_kit(
    folder: Path,
    profile: Profile,
    settings: Settings,
    kit: Kit,
    options: BuildOptions,
    digest: str,
) -> tuple[list[dict], list[tuple[str, bytes]], list[dict]]:
    from paigen.backends import chars_by_face, render_pdf, render_svg
    from paigen.backends.png import encode_png, render_image, thumbnail_jpeg
    from paigen.batch.proof import THUMB_PX
    from paigen.masters import master_files

    artworks = kit.artworks
    library = board_library(settings.base_dir)
    print_pdf = _print_pdf_writer(settings)

    staging = folder.parent / f".{folder.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    charset: dict = {}
    if options.text == "live":  # one font subset per face for the whole kit
        for art in artworks:
            for face, chars in chars_by_face(art).items():
                charset[face] = charset.get(face, frozenset()) | chars
    artifacts: list[dict] = []
    thumbs: list[tuple[str, bytes]] = []
    _check_file_names(artworks, kit)
    try:
        for art in artworks:
            sub = SUBFOLDERS.get(art.type, "signs")
            drawn = master_files(art, settings, options.text, charset)  # a county master's page
            if drawn is None:
                preview = render_image(art, settings)
                drawn = (render_pdf(art, settings, text=options.text, charset=charset),
                         render_svg(art, settings, text=options.text), preview)
            pdf, svg, preview = drawn
            files = [("pdf", print_pdf(art, pdf), art.kind), ("svg", svg, art.kind),
                     ("png", encode_png(preview), "preview")]
            for fmt, data, kind in files:
                rel = f"{sub}/{safe_name(art.name)}.{fmt}"
                atomic_write(staging / rel, data, durable=False)
                artifacts.append(_artifact(art, rel, fmt, kind, data, library, pdfx=print_pdf.pdfx))
            if options.batch:
                thumbs.append((f"{sub}/{safe_name(art.name)}.png", thumbnail_jpeg(preview, THUMB_PX)))
        if kit.facade is not None:
            from paigen.backends.dxf import render_dxf  # ezdxf takes a while to import

            for wall in kit.facade.walls:
                rel = f"facade/{safe_name(wall.name)}.dxf"
                data = render_dxf(wall, settings)
                atomic_write(staging / rel, data, durable=False)
                artifacts.append(
                    file_artifact(rel, "drawing", "facade", "dxf", f"立面图 {wall.name}（CAD）", data)
                )
            rel = "facade/paint.csv"
            atomic_write(staging / rel, kit.facade.paint_csv, durable=False)
            artifacts.append(
                file_artifact(rel, "takeoff", "paint", "csv", "外墙色带涂料用量", kit.facade.paint_csv)
            )
        documents, pending = stage_documents(staging, kit.documents, settings)
        artifacts = ordered(artifacts + documents)
        manifest = {
            "schema": "paigen/manifest-v1",
            "paigen": __version__,
            "village": {
                "name": profile.village.name,
                "township": profile.village.township,
                "county": profile.village.county,
            },
            "profile": {
                "file": _profile_label(profile),
                "sha256": profile.origin.sha256 if profile.origin else "",
            },
            "settings": {"preset": settings.preset, "sha256": settings.sha256},
            "inputs_sha256": digest,
            "text": options.text,
            "artifacts": artifacts,
        }
        if kit.facade is not None:
            manifest["paint"] = kit.facade.takeoff
        if pending:
            manifest["pending"] = pending
        atomic_write(staging / MANIFEST, json_bytes(manifest), durable=False)
        swap_into_place(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return artifacts, thumbs, pending

def _check_file_names(artworks: list[Artwork], kit: Kit) -> None:
    """Two artworks (or walls, or documents) that would share a file: an error, not a lost file."""
    seen: dict[str, str] = {}
    names = [(SUBFOLDERS.get(a.type, "signs"), a.name) for a in artworks]
    names += [("facade", w.name) for w in (kit.facade.walls if kit.facade else [])]
    names += [("docs", d.name) for d in kit.documents]
    for sub, name in dict.fromkeys(names):
        key = f"{sub}/{name_key(name)}"
        if key in seen and seen[key] != name:
            raise LayoutError(f"'{name}' and '{seen[key]}' would both be written as "
                              f"{sub}/{safe_name(name)}.*; rename one of them")
        seen.setdefault(key, name)

class _PrintPdf:
    """Identify each sign and drawing PDF as PDF/X-1a when ``print.pdfx`` is on, and preflight it."""

    def __init__(self, settings: Settings):
        from paigen.backends.pdfx import PDFX_VERSION, output_intent, pdfx_enabled

        self.settings = settings
        self.intent = output_intent(settings) if pdfx_enabled(settings) else None
        self.pdfx = PDFX_VERSION if self.intent else ""

    def __call__(self, art: Artwork, data: bytes) -> bytes:
        if self.intent is None:
            return data
        from paigen.backends.pdfx import make_pdfx
        from paigen.preflight import preflight

        data = make_pdfx(data, self.intent, art.title, self.settings.kit_date)
        breaches = preflight(data)
        if breaches:
            raise PaigenError(f"{safe_name(art.name)}.pdf fails the PDF/X-1a preflight:\n"
                              + "\n".join(f"  {b}" for b in breaches))
        return data

def _print_pdf_writer(settings: Settings) -> _PrintPdf:
    return _PrintPdf(settings)

def _artifact(art: Artwork, rel: str, fmt: str, kind: str, data: bytes, library: dict,
              pdfx: str = "") -> dict:
    page = art.page
    extra = {"pdfx": pdfx} if pdfx and fmt == "pdf" else {}
    entry = {
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
        **extra,
    }
    proof = proof_entries(art, library)
    if proof:
        entry["proof"] = proof
    return entry

def _profile_label(profile: Profile) -> str:
    if profile.origin is None:
        return ""
    where = profile.origin.locate(())
    name = Path(where.file).name
    return f"{name}:{where.sheet}!{where.cell}" if where.sheet else name

__all__ = [
    "PARTS",
    "TEXT_MODES",
    "BuildOptions",
    "BuildReport",
    "build",
    "build_village",
    "lay_out",
    "safe_name",
]
