"""Jobs of the web app: one per upload, each in its own random-id folder under ``--data``.

A job folder holds ``meta.json`` (when it was made, what was uploaded, the names to show),
``input/`` (the county folder as uploaded), ``out/`` (the kit, built by :func:`paigen.build.build`
exactly as ``paigen build`` does) and ``downloads/`` (zips made on request). Jobs are found only
by their 32-hex-digit id; a request never names a path. A job is made whole in a staging folder
and renamed into place, so a refused upload or a full disk never leaves half a job (the kit and
its zips: :mod:`paigen.web._kit`). One worker thread builds one job at a
time (a county PC has few cores; the build itself is parallel across villages).
"""

from __future__ import annotations

import errno
import json
import os
import queue
import re
import secrets
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from paigen._io import atomic_write
from paigen.errors import PaigenError, Problem, ProfileError
from paigen.i18n import _, language, use_language
from paigen.inputs import Inputs, open_inputs
from paigen.web._kit import kit_files, kit_zip, manifest  # noqa: F401  (the job's kit, re-exported)
from paigen.web._problems import ProblemView, build_warnings, label_of_problem, snippet
from paigen.web._uploads import DiskFull, Upload, UploadError, store

JOB_ID = re.compile(r"[0-9a-f]{32}")
META = "meta.json"
STATUS = "status.json"
STAGING = ".new-"  # a job being made: never listed, swept when a crash left it
DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


@dataclass
class VillageView:
    index: int
    label: str
    name: str
    ok: bool
    rooms: int = 0
    problems: list[ProblemView] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Inspection:
    villages: list[VillageView]
    problems: list[ProblemView]  # problems of the input as a whole (settings, workbook rows)
    inputs: Inputs | None = None

    @property
    def valid(self) -> int:
        return sum(v.ok for v in self.villages)


_CACHE: dict[tuple, Inspection] = {}
_CACHE_LOCK = threading.Lock()


def _signature(folder: Path) -> tuple:
    """Name, size and modification time of every file under *folder*."""
    out = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            st = path.stat()
            out.append((path.relative_to(folder).as_posix(), st.st_size, st.st_mtime_ns))
    return tuple(out)


class Job:
    def __init__(self, folder: Path):
        self.folder = folder
        self.id = folder.name
        self.meta = json.loads((folder / META).read_text("utf-8"))

    @property
    def input(self) -> Path:
        return self.folder / "input"

    @property
    def root(self) -> Path:
        """The county folder inside input/ (a zip may hold it one folder down)."""
        root = self.input.joinpath(*PurePosixPath(self.meta.get("root", "")).parts)
        return root if root.is_dir() else self.input

    @property
    def out(self) -> Path:
        return self.folder / "out"

    @property
    def from_workbook(self) -> bool:
        """The clerk uploaded one workbook (the edits are saved as profiles beside it)."""
        return self.meta.get("kind") == "workbook"

    def workbook_name(self) -> str:
        """The name of the workbook the clerk uploaded, for the updated one she downloads."""
        names = [n for n in self.meta.get("shown", {}).values() if n.lower().endswith(".xlsx")]
        return names[0] if self.from_workbook and names else _("villages") + ".xlsx"

    def first_save(self) -> bool:
        """True once: at the first save of an edit in this job (the page then says what became
        of the uploaded workbook and offers the updated one)."""
        if self.meta.get("saved_once"):
            return False
        self.meta["saved_once"] = True
        self.save_meta()
        return True

    def save_meta(self) -> None:
        atomic_write(self.folder / META, json.dumps(self.meta, ensure_ascii=False, indent=1).encode())

    def shown(self, text: str) -> str:
        """*text* with the job's folders cut off and stored file names replaced by the user's."""
        for prefix in (str(self.root) + os.sep, str(self.input) + os.sep, str(self.folder) + os.sep):
            text = text.replace(prefix, "")
        for stored, name in self.meta.get("shown", {}).items():
            text = re.sub(rf"(?<![\w.-]){re.escape(stored)}(?![\w])", lambda _m, n=name: n, text)
        return text

    # -- status ---------------------------------------------------------------------------
    def status(self) -> dict:
        try:
            return json.loads((self.folder / STATUS).read_text("utf-8"))
        except (OSError, ValueError):
            return {"state": "new", "villages": {}}

    def set_status(self, status: dict) -> None:
        atomic_write(self.folder / STATUS, json.dumps(status, ensure_ascii=False).encode(), durable=False)

    def touch(self) -> None:
        """The inputs changed: the kit and its zips are out of date."""
        status = self.status()
        if status.get("state") in ("queued", "running"):
            return
        self.set_status({"state": "new", "villages": {}})
        shutil.rmtree(self.folder / "downloads", ignore_errors=True)

    # -- validation -----------------------------------------------------------------------
    def inspect(self) -> Inspection:
        """Validate the job's input with the CLI's own validation, shaped for the page.

        The result is kept while the input files are unchanged, so a page that refreshes during
        a build of many villages does not validate them all again every time.
        """
        key = (self.id, _signature(self.input))
        with _CACHE_LOCK:
            if key in _CACHE:
                return _CACHE[key]
        try:
            inspection = self._inspect()
        except Exception as exc:  # a file no reader copes with is a problem of the input, never a 500
            print(f"paigen serve: inspecting job {self.id}: {exc!r}", file=sys.stderr)
            text = _("The uploaded file could not be read ({error}): save it again in Excel, WPS or a "
                     "text editor and upload it again", error=type(exc).__name__)
            inspection = Inspection([], [ProblemView("", "", text, "", text)])
        with _CACHE_LOCK:
            _CACHE[key] = inspection
            while len(_CACHE) > 16:
                _CACHE.pop(next(iter(_CACHE)))
        return inspection

    def _inspect(self) -> Inspection:
        try:
            inputs = open_inputs(self.root)
        except ProfileError as exc:
            return Inspection([], [self._problem(p) for p in exc.problems])
        except PaigenError as exc:
            return Inspection([], [ProblemView("", "", self.shown(str(exc)), "", self.shown(str(exc)))])
        villages = []
        for i, entry in enumerate(inputs.entries):
            if entry.profile is not None:
                v = entry.profile.village
                villages.append(VillageView(i, self.shown(entry.label), f"{v.township}{v.name}", True,
                                            len(entry.profile.center.rooms),
                                            notes=[self.shown(n) for n in entry.notes]))
            else:
                problems = [self._problem(p) for p in entry.error.problems] if entry.error else []
                villages.append(VillageView(i, self.shown(entry.label), self._name_of(entry.label), False,
                                            problems=problems, notes=[self.shown(n) for n in entry.notes]))
        return Inspection(villages, [self._problem(p) for p in inputs.problems], inputs)

    def _name_of(self, label: str) -> str:
        from paigen.web._profiles import raw_village

        data = raw_village(self, label)
        village = data.get("village") if isinstance(data, dict) else None
        if isinstance(village, dict):
            return f"{village.get('township') or ''}{village.get('name') or ''}" or self.shown(label)
        return self.shown(label)

    def _problem(self, problem: Problem) -> ProblemView:
        loc = problem.location
        view = ProblemView(self.shown(str(loc)), problem.path, self.shown(problem.message),
                           self.shown(problem.fix), self.shown(str(problem)), label=label_of_problem(problem),
                           cell=f"{loc.sheet}!{loc.cell}" if loc.sheet and loc.cell else "")
        try:
            view.snippet = snippet(Path(loc.file), loc.line, loc.sheet, loc.cell, self.folder)
        except Exception:  # a snippet is a courtesy; the problem is shown without it
            view.snippet = []
        return view


def disk_full_message(data: Path, kept: bool = False) -> str:
    if kept:
        return _("The disk of the server's data folder (--data {folder}) is full: this change was not "
                 "saved and the profile is as it was; free some space or shorten --keep-days and try "
                 "again", folder=data.name or data)
    return _("The disk of the server's data folder (--data {folder}) is full and nothing was saved: "
             "free some space or shorten --keep-days and try again", folder=data.name or data)


class Jobs:
    """Every job under ``DATA/jobs``, the build queue and its worker."""

    def __init__(self, data: Path, max_age_s: float = 7 * 86400, build_jobs: int | None = None):
        self.root = Path(data) / "jobs"
        self.root.mkdir(parents=True, exist_ok=True)
        self.max_age_s = max_age_s
        self.build_jobs = build_jobs or os.cpu_count() or 1
        self._queue: queue.Queue[tuple[str, str]] = queue.Queue()
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self.sweep()
        for folder in self.root.iterdir():  # a build cut off by a restart is not running any more
            if JOB_ID.fullmatch(folder.name) and (folder / STATUS).is_file():
                job = Job(folder)
                if job.status().get("state") in ("queued", "running"):
                    job.set_status({"state": "new", "villages": {},
                                    "error": _("The last build was cut off by a restart of the "
                                               "service: build again")})

    def create(self, upload: Upload, owner: str = "") -> Job:
        """Store *upload* as a new job: whole, or not at all (UploadError, DiskFull); *owner* is
        the browser that sent it (its jobs are listed on its home page)."""
        self.sweep()
        job_id = secrets.token_hex(16)
        staging = self.root / f"{STAGING}{job_id}"
        try:
            staging.mkdir()
            root = store(upload, staging / "input")
            inside = root.relative_to(staging / "input").as_posix()
            meta = {"id": job_id, "created": time.time(), "kind": upload.kind, "shown": upload.shown,
                    "root": "" if inside == "." else inside, "owner": owner}
            atomic_write(staging / META, json.dumps(meta, ensure_ascii=False, indent=1).encode())
            os.rename(staging, self.root / job_id)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if exc.errno in DISK_FULL:
                raise DiskFull(disk_full_message(self.root.parent)) from None
            raise UploadError(_("The uploaded files could not be stored ({reason}): check the "
                                "permissions of the --data folder", reason=exc.strerror or exc)) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return Job(self.root / job_id)

    def get(self, job_id: str) -> Job | None:
        """The job of *job_id*, or None when the id is malformed, unknown or expired."""
        if not JOB_ID.fullmatch(job_id or ""):
            return None
        folder = self.root / job_id
        if not (folder / META).is_file():
            return None
        job = Job(folder)
        if time.time() - job.meta.get("created", 0) > self.max_age_s:
            shutil.rmtree(folder, ignore_errors=True)
            return None
        return job

    def of_browser(self, browser: str) -> list[dict]:
        """The jobs *browser* uploaded, newest first: id, when, the files and the build's state."""
        if not browser:
            return []
        out = []
        for folder in self.root.iterdir():
            if not JOB_ID.fullmatch(folder.name):
                continue
            try:
                meta = json.loads((folder / META).read_text("utf-8"))
            except (OSError, ValueError):
                continue
            if meta.get("owner") != browser or time.time() - meta.get("created", 0) > self.max_age_s:
                continue
            status = Job(folder).status()
            out.append({"id": folder.name, "created": meta.get("created", 0),
                        "when": time.strftime("%Y-%m-%d %H:%M", time.localtime(meta.get("created", 0))),
                        "files": sorted(meta.get("shown", {}).values()) or [meta.get("kind", "")],
                        "state": status.get("state", "new")})
        return sorted(out, key=lambda j: -j["created"])[:50]

    def sweep(self) -> list[str]:
        """Remove jobs older than the set age; return their ids."""
        gone = []
        now = time.time()
        for folder in list(self.root.iterdir()):
            if folder.name.startswith(STAGING):
                try:
                    stale = now - folder.stat().st_mtime > 3600
                except OSError:  # made and renamed meanwhile
                    continue
                if stale:
                    shutil.rmtree(folder, ignore_errors=True)  # a job cut off while being made
                continue
            if not JOB_ID.fullmatch(folder.name):
                continue
            try:
                created = json.loads((folder / META).read_text("utf-8"))["created"]
            except (OSError, ValueError, KeyError):
                created = folder.stat().st_mtime
            if now - created > self.max_age_s:
                shutil.rmtree(folder, ignore_errors=True)
                gone.append(folder.name)
        return gone

    # -- building ---------------------------------------------------------------------------
    def start_build(self, job: Job) -> bool:
        """Queue *job* for building; False when it is already queued or running."""
        with self._lock:
            if job.status().get("state") in ("queued", "running"):
                return False
            inspection = job.inspect()
            villages = {v.label: {"name": v.name, "status": "waiting" if v.ok else "invalid"}
                        for v in inspection.villages}
            job.set_status({"state": "queued", "villages": villages, "total": inspection.valid, "done": 0})
            shutil.rmtree(job.folder / "downloads", ignore_errors=True)
            self._queue.put((job.id, language()))  # the build speaks the language of who started it
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="paigen-build", daemon=True)
                self._worker.start()
        return True

    def _work(self) -> None:
        while True:
            try:
                job_id, lang = self._queue.get(timeout=30)
            except queue.Empty:
                with self._lock:
                    if self._queue.empty():
                        self._worker = None
                        return
                continue
            job = self.get(job_id)
            if job is not None:
                with use_language(lang):
                    self._build(job)

    def _build(self, job: Job) -> None:
        from paigen.build import BuildOptions, build

        status = job.status()
        status.update(state="running", started=time.time())
        job.set_status(status)
        lock = threading.Lock()

        def progress(result) -> None:
            with lock:
                label = job.shown(result.label)
                entry = status["villages"].setdefault(label, {"name": label})
                invalid = entry.get("status") == "invalid" and result.status == "failed"
                entry.update(status="invalid" if invalid else result.status, artworks=result.artworks,
                             folder=result.folder, seconds=round(result.seconds, 1),
                             error=job.shown(result.error), missing=len(result.missing))
                status["done"] = sum(1 for v in status["villages"].values()
                                     if v["status"] in ("built", "skipped", "failed"))
                job.set_status(status)

        try:
            report = build(job.root, job.out, BuildOptions(jobs=self.build_jobs), progress=progress)
            status.update(state="done", built=len(report.built), failed=len(report.failed),
                          skipped=len(report.skipped), seconds=round(report.seconds, 1),
                          incomplete=sum(1 for v in status["villages"].values() if v.get("missing")),
                          warnings=build_warnings(job, report))
        except PaigenError as exc:
            status.update(state="failed", error=job.shown(str(exc)))
        except Exception as exc:  # never a traceback on the page; the server log keeps it
            print(f"paigen serve: build of job {job.id} failed: {exc!r}", file=sys.stderr)
            status.update(state="failed", error=_("The build failed inside paigen: the details are "
                                                  "in the server's log"))
        status["finished"] = time.time()
        job.set_status(status)
