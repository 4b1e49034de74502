"""``paigen build``: lay out every village's kit, draw it, and write it with its manifest.

Per village: lay out all artworks first (no file is touched), stop the village if any text has
characters no font of its role covers; an artwork that cannot be laid out is recorded as missing
and the rest is built. Then draw every artwork into a hidden folder next to the kit, carry over
the parts of the kit on disk that this run does not build, and swap it into place, so a kit on
disk is always complete. One bad village is reported and the others are built.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextvars import copy_context
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from paigen import __version__
from paigen._data import data_dir
from paigen._executors import check_address, executor, watch_parent
from paigen._io import atomic_write
from paigen._names import kit_stem, safe_name
from paigen.batch import _artcache
from paigen.batch.artifacts import SUBFOLDERS, PrintPdf, artifact, check_file_names, profile_label
from paigen.batch.county import (
    manifest_villages,
    order_aside,
    order_files,
    proof_pdf,
    write_batch_files,
    write_batch_manifest,
)
from paigen.batch.documents import check_cache, convert_pending, ordered, stage_documents, warn_document_fonts
from paigen.batch.fontwarm import warm_fonts
from paigen.batch.kit import Kit, lay_out
from paigen.batch.output import (
    MANIFEST,
    check_output,
    file_artifact,
    json_bytes,
    remove_leftovers,
    swap_into_place,
)
from paigen.batch.parts import (
    PARTS,
    Kept,
    carry_over,
    check_inside,
    is_current,
    merged,
    read_manifest,
)
from paigen.batch.proof import ThumbnailSpool
from paigen.batch.records import BuildOptions, BuildReport, VillageResult
from paigen.batch.streaming import document_stream
from paigen.batch.wording import proofread_warning, to_proofread
from paigen.errors import PaigenError, UsageError
from paigen.fonts import _facecache, resolve_roles
from paigen.fonts.roles import RoleFont
from paigen.i18n import _, quoted
from paigen.inputs import Entry, open_inputs
from paigen.model.boards import board_library
from paigen.model.profile import Profile
from paigen.model.settings import Settings

TEXT_MODES = ("outline", "live")

def build(
    path: str | Path,
    out: str | Path,
    options: BuildOptions = BuildOptions(),  # noqa: B008 (frozen: never changed)
    progress: Callable[[VillageResult], None] | None = None,
    stage: Callable[[str, int | None], None] | None = None,
) -> BuildReport:
    """Build the kits of every village under *path* into *out*; *progress* hears of each village.

    *stage* hears what the build turns to, with a count where there is one (see
    :data:`paigen.batch.progress.STAGES`): ``("villages", n)`` once the inputs are read and
    checked, then after the last village ``("documents", n)`` before the documents' PDFs are
    converted, ``("order", None)``, ``("proof", None)`` and ``("gallery", None)``.
    """
    stage = stage or _no_stage
    start = time.perf_counter()
    if options.executor == "dask" and options.scheduler:
        check_address(options.scheduler)  # before anything is read or written
    inputs = open_inputs(path)
    out = Path(out)
    if "docs" in options.only:
        check_cache()
    check_output(out, inputs.root, inputs.files)
    roles = resolve_roles(inputs.settings)
    stage("villages", len(inputs.entries))
    warnings = _emblem_warnings(inputs.settings, [e.profile for e in inputs.entries if e.profile])
    warnings += [note for e in inputs.entries for note in e.notes]
    if "docs" in options.only:
        from paigen.docs._notes import document_notes

        warnings += document_notes(inputs.settings, [e.profile for e in inputs.entries if e.profile])
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
    for __, p in todo:
        by_township.setdefault(p.village.township, []).append(p)
    args = [
        (p, inputs.settings, roles, out, options, results[i].label, tuple(by_township[p.village.township]))
        for i, p in todo
    ]
    if jobs > 1 and options.executor == "local" and {"signs", "facade"} & set(options.only):
        warm_fonts(inputs.settings, roles, [p for __, p in todo])  # no worker opens a CJK face
    stream = document_stream(out, inputs.settings, options)
    # the proof's thumbnails wait on disk, not in this process, until the build ends
    with ThumbnailSpool() as spool:
        try:
            if jobs == 1 and options.executor == "local":
                for n, ((i, __), arg) in enumerate(zip(todo, args, strict=True), 1):
                    results[i] = build_village(*arg)
                    spool.keep(results[i])
                    if progress:
                        progress(results[i])
                    stream.add(results[i], len(todo) - n)
            else:
                with executor(options.executor, jobs, options.scheduler, initializer=watch_parent,
                              initargs=(os.getpid(),)) as pool:
                    futures = {pool.submit(build_village, *arg): i
                               for (i, __), arg in zip(todo, args, strict=True)}
                    for done, future in enumerate(as_completed(futures), 1):
                        results[futures[future]] = future.result()
                        spool.keep(results[futures[future]])
                        if progress:
                            progress(results[futures[future]])
                        stream.add(results[futures[future]], len(futures) - done)
        except BaseException:
            stream.abandon()
            raise
        waiting = sum(len(r.pending) for r in results if r.status == "built")
        if waiting:
            stage("documents", waiting)
        stream.close()
        proof = order = None
        county_files = options.batch and any(r.status != "failed" for r in results)
        # The proof sheet and the order show the artworks only: they are made while LibreOffice
        # converts what is left (each kit's artifacts are swapped whole when its documents are done),
        # the order in a process of its own when the build has more than one job.
        now = [replace(r) for r in results]
        aside = None
        if county_files and jobs > 1:
            aside = order_aside(manifest_villages(now), inputs.settings, roles)
        with ThreadPoolExecutor(1, thread_name_prefix="paigen-final-documents") as side:
            converting = side.submit(copy_context().run, convert_pending, out, results, inputs.settings,
                                     min(jobs, os.cpu_count() or 1))
            try:
                if county_files:
                    proof = proof_pdf(now, inputs.settings, roles)
                    order = aside() if aside else None
                    if order is None:
                        order = order_files(manifest_villages(now), inputs.settings, roles)
            finally:
                converting.result()
        warn_document_fonts(results)
        for problem in inputs.problems:
            results.append(VillageResult(str(problem.location), error=str(problem)))
        unread = to_proofread(a for r in results for a in r.artifacts)
        if unread:
            warnings.append(proofread_warning(unread))
        batch = write_batch_manifest(out, results, inputs.settings, options)
        # Order and proof sheets of nothing would go to the print shop as if they were an order.
        if county_files:
            write_batch_files(out, batch, inputs.settings, proof, order, stage)
        _facecache.flush()
        _artcache.prune()
        return BuildReport(results, time.perf_counter() - start, warnings)

def _no_stage(name: str, count: int | None = None) -> None:
    """No one listens to the build's stages."""

def _emblem_warnings(settings: Settings, profiles: list[Profile]) -> list[str]:
    """Check the emblem file once (a bad colour stops the build); warn once when it is missing."""
    from paigen.assets import EMPTY_NOTE, RECENTRED_NOTE, load_emblem

    if load_emblem(settings) is not None:
        return []
    rooms = sum(1 for p in profiles for r in p.center.rooms if r.party)
    if not rooms and not settings.section("assets").get("emblem_in"):
        return []
    if settings.section("assets").get("emblem_missing", "recentre") != "keep_space":
        return [_("{note} ({rooms} door plates of Party rooms and the signs listed under assets.emblem_in in "
                  "paigen.yaml; the order and proof sheets say so)", note=RECENTRED_NOTE, rooms=rooms)]
    return [_("{note} (the emblem place of {rooms} door plates of Party rooms and of the signs listed under "
              "assets.emblem_in in paigen.yaml is left empty; the order and proof sheets say so)",
              note=EMPTY_NOTE, rooms=rooms)]

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
    digest = inputs_sha256(profile, settings, options, peers)
    digests = {part: inputs_sha256(profile, settings, replace(options, only=(part,)), peers)
               for part in PARTS if part in options.only}
    try:
        remove_leftovers(kit)
        check_inside(out, kit)
        if kit.exists() and (not kit.is_dir() or (any(kit.iterdir()) and not (kit / MANIFEST).is_file())):
            raise UsageError(_("{folder} exists and is not a kit paigen wrote (no {manifest}); move it away "
                               "or build into another folder", folder=quoted(kit), manifest=MANIFEST))
        previous = _current_manifest(kit, digests) if not options.force else None
        if previous is not None:
            result.status = "skipped"
            result.artifacts, result.paint = previous["artifacts"], previous.get("paint", [])
            result.missing = previous.get("missing", [])
            drawn: set[str] = set()
        else:
            laid_out = lay_out(profile, settings, roles, options, peers)
            written = _write_kit(kit, profile, settings, laid_out, options, (digest, digests))
            result.artifacts, result.thumbnails, result.pending, result.missing, result.paint = written
            result.status = "built"
            drawn = {path for path, __ in result.thumbnails}
        if options.batch:  # previews of the kit not drawn by this run (skipped, or parts kept)
            from paigen.batch.proof import thumbnails

            kept = [a for a in result.artifacts if a["path"] not in drawn]
            result.thumbnails += [(a["path"], jpeg) for a, jpeg in thumbnails(kit, kept)]
            order = {a["path"]: i for i, a in enumerate(result.artifacts)}
            result.thumbnails.sort(key=lambda t: order.get(t[0], 0))
    except PaigenError as exc:
        result.error = str(exc)
        result.status = "failed"
    except OSError as exc:  # a full or failing disk: this kit is not written, the others go on
        result.error = _("{kit}: cannot write {file}: {why}; free disk space or check the folder, then build "
                         "again (the kit on disk is the previous one, or none)", kit=kit,
                         file=quoted(exc.filename or kit), why=exc.strerror or exc)
        result.status = "failed"
    finally:
        _facecache.flush_soon()  # glyph outlines drawn for this kit, for the next run and village
    if result.status == "failed":
        result.artifacts, result.thumbnails, result.pending, result.missing = [], [], [], []
    result.seconds = time.perf_counter() - start
    return result

def inputs_sha256(
    profile: Profile, settings: Settings, options: BuildOptions, peers: tuple[Profile, ...] = ()
) -> str:
    """What a kit depends on: profile, settings, shipped data and templates, paigen, options,
    the county's masters, and — for the township's documents — the other villages of the township."""
    from paigen.masters._folder import fingerprint as masters_fingerprint

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
        "names-2",  # kit files named with their titles (board-1-入党誓词.pdf)
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

def _current_manifest(kit: Path, digests: dict[str, str]) -> dict | None:
    """The kit's manifest when each part asked for was built from the same inputs (part → digest)
    and all its files are there."""
    manifest = read_manifest(kit)
    return manifest if manifest is not None and is_current(manifest, kit, digests) else None

def _write_kit(
    folder: Path,
    profile: Profile,
    settings: Settings,
    kit: Kit,
    options: BuildOptions,
    digests: tuple[str, dict[str, str]],
) -> tuple[list[dict], list[tuple[str, bytes]], list[dict], list[dict], list[dict]]:
    """Draw the kit into a hidden folder, keep the parts of the kit on disk not built now, and
    swap it into place; return its artifacts, thumbnails, pending documents, missing artworks
    and paint takeoff."""
    from paigen.backends._glyphs import chars_by_face
    from paigen.batch.drawing import draw
    from paigen.batch.proof import THUMB_PX

    artworks = kit.artworks
    library = board_library(settings.base_dir)
    print_pdf = PrintPdf(settings)

    staging = folder.parent / f".{folder.name}.building-{os.getpid()}"
    if staging.is_symlink() or staging.is_file():
        staging.unlink()
    elif staging.exists():
        shutil.rmtree(staging)
    charset: dict = {}
    if options.text == "live":  # one font subset per face for the whole kit
        for art in artworks:
            for face, chars in chars_by_face(art).items():
                charset[face] = charset.get(face, frozenset()) | chars
    artifacts: list[dict] = []
    thumbs: list[tuple[str, bytes]] = []
    check_file_names(artworks, kit)
    try:
        for art in artworks:
            sub = SUBFOLDERS.get(art.type, "signs")
            if art.meta.get("master") is None:  # drawn here, or kept from an earlier drawing
                pdf, svg, png, thumb = draw(art, settings, options.text, charset, print_pdf,
                                            THUMB_PX if options.batch else None)
            else:  # a county master's page
                from paigen.backends.png import encode_png, thumbnail_jpeg
                from paigen.masters import master_files

                pdf, svg, preview = master_files(art, settings, options.text, charset)
                pdf, png = print_pdf(art, pdf), encode_png(preview)
                thumb = thumbnail_jpeg(preview, THUMB_PX) if options.batch else None
            files = [("pdf", pdf, art.kind), ("svg", svg, art.kind), ("png", png, "preview")]
            stem = kit_stem(art.name, art.title)
            for fmt, data, kind in files:
                rel = f"{sub}/{stem}.{fmt}"
                atomic_write(staging / rel, data, durable=False)
                artifacts.append(artifact(art, rel, fmt, kind, data, library, pdfx=print_pdf.pdfx))
            if thumb is not None:
                thumbs.append((f"{sub}/{stem}.png", thumb))
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
        kept = carry_over(folder, staging, options.only) if folder.is_dir() else Kept()
        artifacts = merged(ordered(artifacts + documents), kept.artifacts)
        pending += kept.pending
        missing = kit.missing + kept.missing
        paint = kit.facade.takeoff if kit.facade is not None else kept.paint
        digest, part_digests = digests
        manifest = {
            "schema": "paigen/manifest-v1",
            "paigen": __version__,
            "village": {
                "name": profile.village.name,
                "township": profile.village.township,
                "county": profile.village.county,
            },
            "profile": {
                "file": profile_label(profile),
                "sha256": profile.origin.sha256 if profile.origin else "",
            },
            "settings": {"preset": settings.preset, "sha256": settings.sha256},
            "inputs_sha256": digest,
            "parts": {p: d for p, d in {**kept.parts, **part_digests}.items()},
            "text": options.text,
            "artifacts": artifacts,
        }
        manifest["parts"] = {p: manifest["parts"][p] for p in PARTS if p in manifest["parts"]}
        if paint:
            manifest["paint"] = paint
        if pending:
            manifest["pending"] = pending
        if missing:
            manifest["missing"] = missing
        atomic_write(staging / MANIFEST, json_bytes(manifest), durable=False)
        swap_into_place(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return artifacts, thumbs, pending, missing, paint

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
