"""The county files at the root of a build: the batch manifest, order sheet, proof sheet, gallery."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from paigen import __version__
from paigen._io import atomic_write
from paigen.batch.output import MANIFEST, json_bytes
from paigen.batch.wording import proof_label
from paigen.fonts.roles import RoleFont
from paigen.layout.text import TextEngine
from paigen.model.settings import Settings

if TYPE_CHECKING:
    from paigen.batch.records import BuildOptions, VillageResult

def write_batch_manifest(
    out: Path, results: list[VillageResult], settings: Settings, options: BuildOptions
) -> dict:
    manifest = {
        "schema": "paigen/batch-manifest-v1",
        "paigen": __version__,
        "preset": settings.preset,
        "settings_sha256": settings.sha256,
        "text": options.text,
        "villages": manifest_villages(results),
    }
    atomic_write(out / MANIFEST, json_bytes(manifest))
    return manifest


def manifest_villages(results: list[VillageResult]) -> list[dict]:
    """The batch manifest's entry of each village: its status, folder and artifacts."""
    villages = []
    for r in results:
        # A skipped kit is a built one that was already current: the manifest does not tell them
        # apart, so an incremental rebuild writes the same bytes as a full one.
        status = "failed" if r.status == "failed" else "built"
        entry: dict = {"label": r.label, "township": r.township, "village": r.village, "status": status}
        if r.status in ("built", "skipped"):
            entry["folder"] = r.folder
            entry["manifest"] = f"{r.folder}/{MANIFEST}"
            entry["artifacts"] = [{**a, "path": f"{r.folder}/{a['path']}"} for a in r.artifacts]
            if r.paint:
                entry["paint"] = r.paint
            if r.missing:
                entry["missing"] = r.missing
        else:
            entry["error"] = r.error
        villages.append(entry)
    return villages

def write_batch_files(out: Path, batch: dict, settings: Settings, proof: bytes, order: tuple[bytes, bytes],
                      stage: Callable[[str, int | None], None] | None = None) -> None:
    """order.xlsx, order.pdf, proof.pdf and index.html at OUT's root; *stage* hears of each.
    The proof sheet and the order files were made while the documents converted."""
    from paigen.batch.gallery import gallery_html

    def say(name: str) -> None:
        if stage is not None:
            stage(name, None)

    say("order")
    atomic_write(out / "order.xlsx", order[0])
    atomic_write(out / "order.pdf", order[1])
    say("proof")
    atomic_write(out / "proof.pdf", proof)
    say("gallery")
    atomic_write(out / "index.html", gallery_html(batch, settings.county or "全县"))


def order_files(villages: list[dict], settings: Settings, roles: dict[str, RoleFont]) -> tuple[bytes, bytes]:
    """order.xlsx and order.pdf of the villages' printed artworks (batch manifest entries).

    The rows come from the signs alone, which the documents' conversion leaves as they are: the
    order can be made while LibreOffice converts."""
    return order_documents(*order_lines(villages, settings), settings, roles)


def order_aside(villages: list[dict], settings: Settings, roles: dict[str, RoleFont]
                ) -> Callable[[], tuple[bytes, bytes] | None]:
    """Start making the order files in a forked process (before LibreOffice's thread starts);
    the returned call gives them, or None when that process could not make them — the caller
    then makes them itself, and reports what went wrong as it always has."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from paigen._executors import watch_parent

    try:
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                                   initializer=watch_parent, initargs=(os.getpid(),))
        # the rows, not the villages' artifacts, cross to the process (a tenth of the size)
        future = pool.submit(order_documents, *order_lines(villages, settings), settings, roles)
    except (ValueError, OSError):  # no fork here, or no process to be had: made in this one
        return lambda: None

    def result() -> tuple[bytes, bytes] | None:
        try:
            return future.result()
        except Exception:  # made again in the build's process, which says why
            return None
        finally:
            pool.shutdown()

    return result


def order_lines(villages: list[dict], settings: Settings) -> tuple[list, list]:
    """The order's rows and the facade paint rows of the built villages."""
    from paigen.batch.order import order_rows, paint_rows

    built = [v for v in villages if v["status"] != "failed"]
    return order_rows(built, settings), paint_rows(built)


def order_documents(rows: list, paint: list, settings: Settings, roles: dict[str, RoleFont]
                    ) -> tuple[bytes, bytes]:
    """order.xlsx and order.pdf of *rows* and *paint* (see :func:`order_lines`)."""
    from paigen.backends import render_pdf
    from paigen.batch.order import order_sheet, order_workbook

    sheet = order_sheet(TextEngine(roles), rows, paint, settings.county or "全县")
    return order_workbook(rows, paint), render_pdf(sheet, settings, text="live")


def proof_pdf(results: list[VillageResult], settings: Settings, roles: dict[str, RoleFont]) -> bytes:
    """The proof sheet of the built artworks: their thumbnails, titles, sizes and proofreading."""
    from paigen.assets import EMPTY_NOTE, RECENTRED_NOTE
    from paigen.backends import render_pdf
    from paigen.batch.proof import Proof, proof_sheet

    proofs = []
    for r in results:
        meta = {a["path"]: a for a in r.artifacts}
        for path, jpeg in r.thumbnails:
            a = meta[path]
            # first, so that a long label shortened with … keeps it
            note = a.get("note", "")
            mark = ("【党徽位置留空】" if EMPTY_NOTE in note
                    else "【未放党徽】" if RECENTRED_NOTE in note else "")
            title = mark + a["title"]
            size = f"{a['trim_mm'][0]:g}×{a['trim_mm'][1]:g} mm"
            proofs.append(
                Proof(r.township, r.village, title, size, jpeg, proof_label(a.get("proof", [])))
            )
    sheet = proof_sheet(TextEngine(roles), proofs, settings.county or "全县")
    return render_pdf(sheet, settings, text="live")
