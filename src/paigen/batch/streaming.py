"""The documents' PDFs converted while the county is still being built.

LibreOffice converts a few dozen documents per process (see :mod:`paigen.docs._soffice`). Instead
of waiting for the last village, the build hands each finished kit to a :class:`DocumentStream`:
a thread of the build process that converts the pending documents CHUNK at a time as they come,
into the document cache, and completes each kit whose PDFs are all there (its PDFs and manifest
written, as :func:`~paigen.batch.documents.convert_pending` does at the end). LibreOffice then
runs beside the workers that lay out and draw the other villages, and the conversions' post-
processing is done by then. What the stream has not done (the last chunk, or anything after a
LibreOffice failure, which the final pass reports) is left to the build's final pass.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from paigen.batch.documents import convert_keys, document_cache, finish_kit, soffice_lock
from paigen.model.settings import Settings

if TYPE_CHECKING:
    from paigen.batch.records import BuildOptions, VillageResult


def document_stream(out: Path, settings: Settings, options: BuildOptions) -> DocumentStream | NoStream:
    """A stream for a build that makes documents' PDFs, else one that does nothing."""
    if "docs" not in options.only:
        return NoStream()
    from paigen.docs import find_soffice

    if find_soffice() is None:
        return NoStream()
    return DocumentStream(out, settings)


DOCUMENTS_PER_VILLAGE = 4  # what a kit converts at most (a chunk's time: the workers build as many)


class NoStream:
    def add(self, result: VillageResult, left: int = 0) -> None:
        pass

    def close(self) -> None:
        pass

    def abandon(self) -> None:
        pass


class DocumentStream:
    """Converts the pending documents of the kits it is given, *chunk* documents at a time."""

    def __init__(self, out: Path, settings: Settings, chunk: int | None = None) -> None:
        from paigen.docs._soffice import CHUNK

        self.out, self.settings, self.chunk = out, settings, chunk or CHUNK
        self._queue: queue.Queue = queue.Queue()
        self._stop = False
        self._left = 0
        self._thread = threading.Thread(target=self._run, name="paigen-documents", daemon=True)
        self._thread.start()

    def add(self, result: VillageResult, left: int = 0) -> None:
        """A village the build has finished (*left* are still being built): its pending documents
        join the next chunk."""
        self._left = left
        if result.status == "built" and result.pending:
            self._queue.put(result)

    def close(self) -> None:
        """The workers are done: wait for the chunk under way and leave the rest (the chunk not yet
        full, and the kits the stream had not reached) to the final pass, which converts them in
        as many LibreOffice processes as the build has jobs."""
        self._stop = True
        self._queue.put(None)
        self._thread.join()

    def abandon(self) -> None:
        """The build stops (interrupted, or a village raised): no new chunk is started and the
        build does not wait for the one under way."""
        self._stop = True
        self._queue.put(None)

    def _run(self) -> None:
        cache = document_cache()
        waiting: list[VillageResult] = []
        failed = False
        while True:
            result = self._queue.get()
            if result is None or self._stop:
                return
            if failed:
                continue
            waiting.append(result)
            sources: dict[str, Path] = {}
            for r in waiting:
                for e in r.pending:
                    if not (cache / f"{e['key']}.pdf").is_file():
                        sources.setdefault(e["key"], self.out / r.folder / e["docx"])
            if len(sources) < self.chunk and sources:
                continue
            if self._left < self.chunk // DOCUMENTS_PER_VILLAGE:
                # the build is ending: a chunk begun now would still run when the workers are done;
                # the final pass converts the rest in as many processes as the build had jobs
                continue
            try:
                if sources:
                    with soffice_lock(cache):
                        convert_keys(cache, sources, self.settings)
                for r in waiting:
                    finish_kit(self.out, r, self.settings)
            except Exception:
                failed = True
            waiting = []
