"""The documents of a county's kits: .docx per village, PDFs in one LibreOffice run for all.

LibreOffice starts in a second and more, so it is not run per village: each kit writes its .docx
files and takes the PDFs it finds in the cache (keyed by the .docx bytes and the font mapping);
the build converts every pending document of the county at the end (:func:`convert_pending`), one
LibreOffice at a time across the workers, and completes each kit's manifest.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from paigen._io import atomic_write
from paigen._names import kit_stem
from paigen.batch.output import MANIFEST, file_artifact, json_bytes, probe
from paigen.errors import UsageError
from paigen.fonts.discovery import cache_dir
from paigen.i18n import _, quoted
from paigen.model.settings import Settings

if TYPE_CHECKING:
    from paigen.batch.records import VillageResult

def check_cache() -> None:
    """The document PDFs are cached: a cache folder that cannot be written stops the build now."""
    folder = document_cache()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe(folder)
    except OSError as exc:
        raise UsageError(_("the cache folder {folder} cannot be written: {why}; set PAIGEN_CACHE_DIR to a "
                           "folder you can write to", folder=quoted(folder),
                           why=exc.strerror or exc)) from None

def stage_documents(staging: Path, documents: list, settings: Settings) -> tuple[list[dict], list[dict]]:
    """Write the .docx files; take their PDFs from the cache or list them as pending.

    LibreOffice starts in a second and more, so it is not run per village: the build converts
    every pending document of the county in one run at the end (:func:`convert_pending`). The
    cache is keyed by the .docx bytes and the font mapping; the notice, plan and acceptance
    notice are the township's and come out the same for each of its villages.
    """
    artifacts: list[dict] = []
    pending: list[dict] = []
    if not documents:
        return artifacts, pending
    from paigen.docs import find_soffice  # python-docx takes a while to import

    keys = document_keys(documents, settings)
    for doc, key in zip(documents, keys, strict=True):
        rel = f"docs/{kit_stem(doc.name, doc.title)}.docx"
        laid_out = document_cache() / f"{key}.docx"  # with the page break its 版记 needed
        docx = laid_out.read_bytes() if key and laid_out.is_file() else doc.docx
        atomic_write(staging / rel, docx, durable=False)
        artifacts.append(file_artifact(rel, "document", doc.kind, "docx", doc.title, docx))
        if not key:
            continue
        cached = document_cache() / f"{key}.pdf"
        entry = {
            "path": f"docs/{kit_stem(doc.name, doc.title)}.pdf",
            "docx": rel,
            "key": key,
            "kind": doc.kind,
            "title": doc.title,
        }
        if cached.is_file():
            data = cached.read_bytes()
            atomic_write(staging / entry["path"], data, durable=False)
            artifacts.append(pdf_artifact(entry, data, settings))
        elif find_soffice() is not None:
            pending.append(entry)
    return artifacts, pending

def ordered(artifacts: list[dict]) -> list[dict]:
    """Documents in path order after everything else, however their PDFs arrived (cache or run)."""
    docs = sorted((a for a in artifacts if a["path"].startswith("docs/")), key=lambda a: a["path"])
    return [a for a in artifacts if not a["path"].startswith("docs/")] + docs

def document_keys(documents: list, settings: Settings) -> list[str]:
    from paigen.docs import find_soffice
    from paigen.docs._soffice import fontconfig_xml

    if find_soffice() is None:
        return ["" for __ in documents]
    fonts = fontconfig_xml(settings).encode()
    return [hashlib.sha256(doc.docx + fonts).hexdigest() for doc in documents]

def document_cache() -> Path:
    return cache_dir() / "documents"

def pdf_artifact(entry: dict, data: bytes, settings: Settings | None = None) -> dict:
    artifact = file_artifact(entry["path"], "document", entry["kind"], "pdf", entry["title"], data)
    artifact["trim_mm"], artifact["pages"] = [210, 297], pdf_pages(data)
    if settings is not None:  # which face rendered each font role (仿宋_GB2312 → FandolFang ...)
        from paigen.docs._fonts import rendered_fonts

        artifact["fonts"], warnings = rendered_fonts(data, settings)
        if warnings:
            artifact["font_warnings"] = warnings
    return artifact

def warn_document_fonts(results: list[VillageResult]) -> None:
    """One terminal line per font substitution the documents' PDFs show."""
    seen = dict.fromkeys(w for r in results for a in r.artifacts for w in a.get("font_warnings", []))
    for warning in seen:
        print(_("warning: {message}", message=warning), file=sys.stderr)

def convert_pending(out: Path, results: list[VillageResult], settings: Settings, jobs: int = 1) -> None:
    """Convert every pending document of the built kits (in up to *jobs* LibreOffice processes at
    once: the workers are done by then), then complete each kit: its PDFs and its manifest are
    written atomically, the manifest last."""
    waiting = [(r, e) for r in results if r.status == "built" for e in r.pending]
    if not waiting:
        return
    cache = document_cache()
    sources: dict[str, Path] = {}
    for r, e in waiting:
        sources.setdefault(e["key"], out / r.folder / e["docx"])
    with soffice_lock(cache):
        convert_keys(cache, sources, settings, jobs)
    for r in results:
        if r.pending:
            finish_kit(out, r, settings)


PER_PROCESS_MIN = 8  # documents worth a LibreOffice process of their own at the end of a build


def convert_keys(cache: Path, sources: dict[str, Path], settings: Settings, jobs: int = 1) -> None:
    """Convert the .docx files of the keys *sources* names that the cache does not hold yet, and
    put their PDFs (and the .docx a page break was given) in the cache; *jobs* LibreOffice
    processes share them when there are enough (a PDF's bytes do not depend on its companions)."""
    todo: dict[str, Path] = {}
    for key, docx in sources.items():
        if not (cache / f"{key}.pdf").is_file():
            todo.setdefault(key, docx)
    if not todo:
        return
    keys = list(todo)
    parts = max(1, min(jobs, len(keys) // PER_PROCESS_MIN))
    groups = [{key: todo[key] for key in keys[i::parts]} for i in range(parts)]
    if parts == 1:
        _convert_group(cache, groups[0], settings)
        return
    from concurrent.futures import ThreadPoolExecutor
    from contextvars import copy_context

    with ThreadPoolExecutor(parts, thread_name_prefix="paigen-soffice") as pool:
        # each group in a copy of the caller's context: its messages in the caller's language
        running = [pool.submit(copy_context().run, _convert_group, cache, group, settings)
                   for group in groups]
        for done in running:
            done.result()  # the first failure is raised, after every process has ended


def _convert_group(cache: Path, todo: dict[str, Path], settings: Settings) -> None:
    from paigen.docs import docx_to_pdf
    from paigen.docs._soffice import even_back_matter, normalise_pdf

    with tempfile.TemporaryDirectory(prefix="paigen-docs-") as tmp:
        breaks: list[Path] = []
        pdfs = convert_to(list(todo.values()), Path(tmp), settings,
                          lambda staged, st: docx_to_pdf(staged, st, breaks=breaks))
        broken = {p.name for p in breaks}
        for i, (key, pdf) in enumerate(zip(todo, pdfs, strict=True)):
            if f"{i:05d}.docx" in broken:  # the .docx gets the break the PDF has
                atomic_write(cache / f"{key}.docx", even_back_matter(todo[key].read_bytes()))
            atomic_write(cache / f"{key}.pdf", normalise_pdf(pdf.read_bytes()))


def finish_kit(out: Path, r: VillageResult, settings: Settings) -> None:
    """Complete a kit whose pending documents the cache now holds: its PDFs (and the .docx a
    page break was given), then its manifest."""
    cache = document_cache()
    kit = out / r.folder
    artifacts = list(r.artifacts)  # the result changes only once the kit is complete
    for e in r.pending:
        laid_out = cache / f"{e['key']}.docx"
        if laid_out.is_file():
            docx = laid_out.read_bytes()
            atomic_write(kit / e["docx"], docx)
            artifacts = [a if a["path"] != e["docx"] else
                         file_artifact(e["docx"], "document", e["kind"], "docx", e["title"], docx)
                         for a in artifacts]
        data = (cache / f"{e['key']}.pdf").read_bytes()
        atomic_write(kit / e["path"], data)
        artifacts.append(pdf_artifact(e, data, settings))
    artifacts = ordered(artifacts)
    manifest = json.loads((kit / MANIFEST).read_text("utf-8"))
    manifest["artifacts"] = artifacts
    manifest.pop("pending", None)
    atomic_write(kit / MANIFEST, json_bytes(manifest))
    r.artifacts = artifacts
    r.pending = []


def convert_to(sources: list[Path], folder: Path, settings: Settings, converter) -> list[Path]:
    """Copy *sources* to unique names in *folder* and convert them there (kits stay untouched)."""
    staged = []
    for i, source in enumerate(sources):
        target = folder / f"{i:05d}.docx"
        shutil.copyfile(source, target)
        staged.append(target)
    return converter(staged, settings)

@contextmanager
def soffice_lock(folder: Path):
    """One LibreOffice at a time across the build's workers: each takes ~300 MB."""
    import fcntl

    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

def pdf_pages(data: bytes) -> int:
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)
