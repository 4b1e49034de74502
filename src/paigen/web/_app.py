"""The routes of ``paigen serve``.

Every page is server-rendered HTML whose forms work without JavaScript; a small script only
refreshes the build progress in place. Security on an office network: a token on every request
when one is set (always, when the server listens beyond 127.0.0.1), a body size limit checked
before anything is parsed, jobs found only by their random id, kit files served only when the
job's own manifest lists them, and every error shown as a page with its reason, never a traceback.
"""

from __future__ import annotations

import functools
import os
import sys
from http import HTTPStatus
from pathlib import Path, PurePosixPath
from urllib.parse import quote

import anyio
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from paigen.i18n import _
from paigen.web import _documents as documents
from paigen.web import _profiles as profiles
from paigen.web import _settings as issuers
from paigen.web import _starters as starters
from paigen.web._guard import BodyTooLarge, Guard, browser_of
from paigen.web._jobs import DISK_FULL, Job, Jobs, disk_full_message, kit_files, kit_zip, manifest
from paigen.web._kit import gallery as kit_gallery
from paigen.web._render import page, render, too_large
from paigen.web._serve import token_problem
from paigen.web._uploads import DiskFull, UploadError, classify

MAX_UPLOAD = 50 * 1024 * 1024
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def create_app(data: str | Path, token: str | None = None, max_upload: int = MAX_UPLOAD,
               max_age_s: float = 7 * 86400, build_jobs: int | None = None,
               hosts: tuple[str, ...] | None = None) -> Guard:
    """The web app over the jobs under *data*; with *token*, every request must carry it;
    with *hosts*, requests must address one of these host names."""
    problem = token_problem(token)
    if problem:
        raise ValueError(problem)
    data_folder = data
    jobs = Jobs(Path(data), max_age_s=max_age_s, build_jobs=build_jobs)
    # Python work (unpacking, validating, reading a form) runs in threads, a few at a time: twenty
    # at once would starve the event loop of the interpreter lock, and every page would wait.
    limiter = anyio.CapacityLimiter(max(2, min(4, os.cpu_count() or 2)))

    async def heavy(func, *args):
        return await anyio.to_thread.run_sync(functools.partial(func, *args), limiter=limiter)

    def job_of(request: Request) -> Job:
        job = jobs.get(request.path_params["job"])
        if job is None:
            raise HTTPException(404, _("There is no such job: the link is wrong, or the job was "
                                       "removed after its keeping time; upload again"))
        return job

    async def home(request: Request) -> Response:
        # a browser seen for the first time has no jobs; the others' list is a few small files,
        # read beside (not behind) the heavy work of uploads and edits
        first_visit = "paigen.browser" in request.scope
        mine = [] if first_visit else await run_in_threadpool(jobs.of_browser, browser_of(request))
        return render("upload.html", limit_mb=max_upload // 2**20, jobs=mine)

    async def workbook_download(request: Request) -> Response:
        kind = request.path_params["kind"]
        if kind not in starters.KINDS:
            raise HTTPException(404, _("There is no such workbook"))
        file = await heavy(starters.workbook, Path(data_folder), kind)
        name = starters.download_name(kind)
        return FileResponse(file, media_type=XLSX_TYPE, headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})

    async def upload(request: Request) -> Response:
        try:
            form = await request.form(max_files=200, max_fields=50)
        except BodyTooLarge:
            raise
        except Exception as exc:
            raise HTTPException(400, _("The upload form could not be read ({reason}): choose the files "
                                       "with the form on the page and upload them", reason=exc)) from None
        parts = []
        try:
            for item in form.getlist("files"):
                if hasattr(item, "read"):
                    parts.append((item.filename or "", await item.read()))
        finally:
            await form.close()
        try:  # unpacking and storing take time: off the event loop, so other pages still answer
            job = await heavy(lambda: jobs.create(classify(parts), owner=browser_of(request)))
        except DiskFull as exc:
            return page(exc.status, _("Disk full"), str(exc))
        except UploadError as exc:
            raise HTTPException(exc.status, str(exc)) from None
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    async def job_page(request: Request) -> Response:
        job = job_of(request)
        inspection = await heavy(job.inspect)
        status = job.status()
        gallery = kit_gallery(job) if status.get("state") == "done" else []
        incomplete = sum(1 for v in gallery if v["missing"])  # a kit short of an artwork is not complete
        saved = request.query_params.get("saved", "")
        saved_name = next((v.name for v in inspection.villages if str(v.index) == saved), None)
        return render("job.html", job=job, inspection=inspection, status=status, gallery=gallery,
                      running=status.get("state") in ("queued", "running"), saved=saved_name,
                      incomplete=incomplete, first_save=saved_name is not None and job.first_save(),
                      workbook_upload=job.from_workbook, warnings=status.get("warnings", []))

    async def status_json(request: Request) -> Response:
        return JSONResponse(job_of(request).status())

    async def start_build(request: Request) -> Response:
        job = job_of(request)
        await request.form()
        await run_in_threadpool(jobs.start_build, job)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    async def kit_file(request: Request) -> Response:
        job = job_of(request)
        files = kit_files(job)
        rel = request.path_params["path"]
        if rel not in files or not files[rel].is_file():
            raise HTTPException(404, _("This job's kit has no such file"))
        name = PurePosixPath(rel).name
        disposition = "inline" if name.endswith((".png", ".svg", ".pdf", ".html")) else "attachment"
        return FileResponse(files[rel], headers={
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(name)}",
            "Cache-Control": "private, max-age=60", "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"})

    async def whole_zip(request: Request) -> Response:
        job = job_of(request)
        if job.status().get("state") != "done" or manifest(job) is None:
            raise HTTPException(409, _("The kit is not made yet: build it first"))
        return await _zip_response(job, None, _("kit") + ".zip")

    async def village_zip(request: Request) -> Response:
        job = job_of(request)
        data = manifest(job)
        villages = [v for v in (data or {}).get("villages", []) if v.get("folder")]
        village = villages[_village_index(request, len(villages), _("This job has no kit of that village"))]
        if job.status().get("state") != "done":
            raise HTTPException(409, _("The kit is not made yet: build it first"))
        return await _zip_response(job, village, f"{village['township']}{village['village']}.zip")

    async def edit(request: Request) -> Response:
        job = job_of(request)
        inspection = await heavy(job.inspect)
        village = inspection.villages[_village_index(request, len(inspection.villages),
                                                     _("This job has no such village"))]
        stored = inspection.inputs.entries[village.index].label if inspection.inputs else village.label
        if request.method == "POST":
            form = await request.form(max_fields=5000, max_files=0)
            fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
            try:  # reading, checking and saving a village take time: off the event loop
                saved, problems, form_html = await heavy(
                    profiles.submitted, job, village.label, stored, fields)
            except profiles.FormTooLarge as exc:
                raise HTTPException(400, str(exc)) from None
            except OSError as exc:
                if exc.errno not in DISK_FULL:
                    raise
                return page(413, _("Disk full"), disk_full_message(Path(data_folder), kept=True))
            if saved:
                return RedirectResponse(f"/jobs/{job.id}?saved={village.index}", status_code=303)
            return render("edit.html", 422, job=job, village=village, form=form_html, problems=problems,
                          choices=await heavy(profiles.choices, job))
        cells = {p.path: p.cell for p in village.problems if p.cell}
        form_html, problems = await heavy(profiles.form_of, job, village.label, stored, village.ok, cells)
        return render("edit.html", job=job, village=village, form=form_html, problems=problems,
                      choices=await heavy(profiles.choices, job))

    async def township_settings(request: Request) -> Response:
        job = job_of(request)
        if request.method == "POST":
            form = await request.form(max_fields=600, max_files=1)
            fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
            upload = form.get("emblem")
            emblem = None
            if hasattr(upload, "read") and upload.filename:
                emblem = (upload.filename, await upload.read())
            await form.close()
            problems = await run_in_threadpool(issuers.save, job.root, fields, emblem)
            if not problems:
                job.touch()
        else:
            problems = []
        rows, read = await run_in_threadpool(issuers.rows, job.root)
        county = await run_in_threadpool(issuers.county_values, job.root)
        return render("settings.html", 422 if problems else 200, job=job, rows=rows, fields=issuers.fields(),
                      county=county, problems=[job.shown(p) for p in problems or read],
                      saved=request.method == "POST" and not problems)

    async def county_xlsx(request: Request) -> Response:
        job = job_of(request)
        file = await heavy(profiles.county_workbook, job)
        disposition = "attachment; filename*=UTF-8''" + quote(job.workbook_name())
        return FileResponse(file, media_type=XLSX_TYPE, headers={"Content-Disposition": disposition})

    async def document_form(request: Request) -> Response:
        if request.method == "GET":
            draft = documents.starter(request.query_params.get("kind", "请示"))
            return _document_page(draft)
        form = await request.form(max_fields=100, max_files=documents.MAX_FILES)
        fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
        uploads = [(k, v) for k, v in form.multi_items() if not isinstance(v, str) and v.filename]
        files = [(k, v.filename, await v.read()) for k, v in uploads]
        await form.close()
        action = fields.get("action", "docx")
        if action not in ("docx", "pdf", "md", "preview", "open"):
            raise HTTPException(400, _("Unknown download format: use the buttons on the page"))
        drafts = [(name, data) for key, name, data in files if key == "draft"]
        if action == "open":
            if not drafts:
                draft = documents.from_form(fields)
                draft.problems = {"": [_("Choose the draft to open first (.docx, .txt or .md)")]}
                return _document_page(draft, 422)
            draft = await run_in_threadpool(documents.from_upload, drafts[0][0], drafts[0][1],
                                            Path(data) / "documents")
            return _document_page(draft, 422 if draft.problems else 200)
        draft = documents.from_form(fields)
        draft.attachments = [(name, body) for key, name, body in files if key == "attachment_files"]
        made = await run_in_threadpool(documents.build, draft, action, Path(data) / "documents")
        if made is None:
            return _document_page(draft, 422)
        if action == "preview":
            return _document_page(draft)
        body, name = made
        media = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "pdf": "application/pdf", "md": "text/markdown; charset=utf-8"}[action]
        return Response(body, media_type=media, headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
            "X-Content-Type-Options": "nosniff"})

    async def http_error(request: Request, exc: HTTPException) -> Response:
        titles = {400: _("Bad request"), 404: _("Not found"), 405: _("Not supported"),
                  409: _("Not possible yet"), 413: _("File too large")}
        reason = str(exc.detail)
        if reason in (HTTPStatus(exc.status_code).phrase, ""):  # the router's own phrase: the UI's words
            reason = {404: _("There is no page at this address: start by uploading files on the home page."),
                      405: _("This address does not take this kind of request: use the links and buttons "
                             "on the pages.")}.get(exc.status_code, reason)
        return page(exc.status_code, titles.get(exc.status_code, _("Bad request")), reason)

    async def body_too_large(request: Request, exc: Exception) -> Response:
        return too_large(max_upload)

    async def disconnected(request: Request, exc: Exception) -> Response:
        return Response(status_code=400)  # the browser left mid-request: nobody reads an answer

    async def server_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, OSError) and exc.errno in DISK_FULL:
            return page(507, _("Disk full"), disk_full_message(Path(data_folder)))
        print(f"paigen serve: {request.method} {request.url.path}: {exc!r}", file=sys.stderr)
        return page(500, _("Internal server error"),
                     _("Something went wrong with this request; the details are in the server's log: "
                       "give the log to whoever looks after the service."))

    J = "/jobs/{job}"
    routes = [
        Route("/", home),
        Route("/workbooks/{kind}.xlsx", workbook_download),
        Route("/upload", upload, methods=["POST"]),
        Route(J, job_page),
        Route(J + "/status", status_json),
        Route(J + "/build", start_build, methods=["POST"]),
        Route(J + "/kit.zip", whole_zip),
        Route(J + "/villages/{n}.zip", village_zip),
        Route(J + "/kit/{path:path}", kit_file),
        Route(J + "/edit/{n}", edit, methods=["GET", "POST"]),
        Route(J + "/村庄信息.xlsx", county_xlsx),
        Route(J + "/settings", township_settings, methods=["GET", "POST"]),
        Route("/documents", document_form, methods=["GET", "POST"]),
    ]
    app = Starlette(routes=routes, exception_handlers={
        HTTPException: http_error, BodyTooLarge: body_too_large, ClientDisconnect: disconnected,
        Exception: server_error})
    app.state.jobs = jobs
    return Guard(app, token, max_upload, hosts)


def _village_index(request: Request, count: int, absent: str) -> int:
    """The village number of the path: digits only, below *count*; anything else (a negative
    number, one past the end, a word) names no village of the job."""
    text = request.path_params["n"]
    if not (text.isascii() and text.isdigit()) or int(text) >= count:
        raise HTTPException(404, absent)
    return int(text)


def _document_page(draft: documents.Draft, status: int = 200) -> HTMLResponse:
    count = sum(len(m) for m in draft.problems.values())
    return render("document.html", status, fields=documents.FIELDS, values=draft.values, body=draft.body,
                  problems=draft.problems, count=count, kinds=documents.kinds(), report=draft.report,
                  pages=draft.pages)


async def _zip_response(job: Job, village: dict | None, name: str) -> Response:
    """The zip, streamed from a file opened before the response starts (a rebuild that removes
    the downloads meanwhile cannot cut it short)."""
    handle = await run_in_threadpool(lambda: kit_zip(job, village).open("rb"))
    size = os.fstat(handle.fileno()).st_size

    def chunks():
        with handle:
            while block := handle.read(1 << 20):
                yield block

    return StreamingResponse(chunks(), media_type="application/zip", headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}", "Content-Length": str(size)})
