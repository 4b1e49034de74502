"""The ``paigen`` command line.

Exit codes follow click: 0 success, 1 invalid input or failed work, 2 usage error. A user
mistake is printed as one clean message (file:line key path: what, fix), never a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from paigen import __version__
from paigen._click import Group, localise_click
from paigen.errors import PaigenError, ProfileError, UsageError
from paigen.i18n import N_, _, listing, quoted

localise_click()


def _err(text: str) -> None:
    click.echo(text, err=True)


def _report(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn paigen errors into clean messages and exit codes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UsageError as exc:
            raise click.UsageError(str(exc)) from None
        except PaigenError as exc:
            _err(_("error: {message}", message=exc))
            sys.exit(1)
        except OSError as exc:  # the disk, not the input: full, read-only, gone
            what = exc.strerror or str(exc)
            if exc.filename:
                _err(_("error: {file}: {what} (check the disk and the folder's permissions)",
                       file=quoted(exc.filename), what=what))
            else:
                _err(_("error: {what} (check the disk and the folder's permissions)", what=what))
            sys.exit(1)

    return wrapper


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]},
             help=N_("Print-ready signs, facade drawings and documents for village service centres."))
@click.version_option(__version__, "-V", "--version", prog_name="paigen",
                      message="%(prog)s, version %(version)s", help=N_("Show the version and exit."))
@click.option("--lang", type=click.Choice(["zh_CN", "en"]), default=None, is_eager=True, expose_value=False,
              help=N_("The language of messages and help (default: PAIGEN_LANG or "
                                          "LANG, else Chinese); give it before the command."))
@click.option("--limit", "limits", multiple=True, metavar="NAME=VALUE",
              help=N_("Raise a limit of the loading gate for this run, e.g. --limit list_items=5000 "
                      "(names as in the preset's limits section)."))
def main(limits: tuple[str, ...] = ()) -> None:
    from paigen._io import epoch_problem, tidy_environment
    from paigen.sources._gate import OVERRIDES, set_override

    OVERRIDES.clear()
    for text in limits:
        try:
            set_override(text)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None

    for stream in (sys.stdout, sys.stderr):  # a GBK console (Windows) has no ✓ or ✗
        if hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="replace")
    tidy_environment()
    problem = epoch_problem()
    if problem:
        raise click.UsageError(problem)


@main.command(help=N_("Check profiles, county folders or workbooks; list every problem with its place "
                       "and fix."))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_report
def validate(paths: tuple[Path, ...]) -> None:
    from paigen.docs._kinds import acceptance_problems
    from paigen.inputs import open_inputs

    bad = 0
    good = 0
    for path in paths:
        try:
            inputs = open_inputs(path)
        except ProfileError as exc:  # the county settings themselves are broken
            _err(_("✗ {path}: the county settings are invalid, no village checked", path=path)
                 + f"\n{_indent(exc)}")
            bad += 1
            continue
        for problem in inputs.problems:
            _err(f"✗ {problem}")
        bad += bool(inputs.problems)
        for entry in inputs.entries:
            for note in entry.notes:
                _err(_("warning: {message}", message=note))
            found = acceptance_problems(entry.profile, inputs.settings) if entry.profile else []
            for problem in found:  # the 验收 record against its checklist, as the build reads it
                _err(f"✗ {problem}")
            if entry.profile is not None and not found:
                v = entry.profile.village
                rooms = len(entry.profile.center.rooms)
                click.echo(_("✓ {label}: {township}{village}, {rooms} rooms", label=entry.label,
                             township=v.township, village=v.name, rooms=rooms))
                good += 1
            else:
                why = entry.error or _("its acceptance record does not fit its checklist")
                _err(_("✗ {label}: {error}", label=entry.label, error=why).rstrip())
                bad += 1
    summary = _("{good} valid, {bad} invalid", good=good, bad=bad)
    if bad:
        _err(summary)
        sys.exit(1)
    click.echo(summary)


def _width(text: str) -> int:
    """Columns *text* takes in a terminal (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _indent(exc: Exception) -> str:
    return "\n".join(f"  {line}" for line in str(exc).splitlines())


@main.command(help=N_("Show which font file serves each role; with PATH, list characters no font can draw."))
@click.argument("path", required=False, type=click.Path(path_type=Path))
@_report
def fonts(path: Path | None) -> None:
    from paigen.fonts import resolve_roles
    from paigen.inputs import open_inputs
    from paigen.model.settings import default_settings, load_settings

    inputs = None
    if path is None:
        settings = default_settings()
    elif path.is_dir() and not any(path.glob("*.y*ml")) and not any(path.glob("*.xlsx")):
        settings = load_settings(path)
    else:
        inputs = open_inputs(path)
        settings = inputs.settings
    roles = resolve_roles(settings)
    rows = [(_("role"), _("font"), _("face"), _("chosen"), _("file"))]
    rows += [(role, f.primary.label, str(f.primary.index), f.source, f.primary.path)
             for role, f in roles.items()]
    widths = [max(_width(row[i]) for row in rows) for i in range(4)]
    click.echo(_("Font roles of preset {preset}:", preset=settings.preset))
    for row in rows:
        cells = [cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=False)]
        click.echo("  " + "  ".join([*cells, row[4]]))
    for font in roles.values():
        if font.warning:
            click.echo(_("warning: {message}", message=font.warning))
        if font.faces[1:]:
            click.echo("  " + _("{role}: characters missing from {font} come from {others}", role=font.role,
                                font=font.primary.label, others=listing(f.label for f in font.faces[1:])))
    if inputs is None:
        return
    from paigen.model.texts import iter_texts
    from paigen.sources._tree import format_path

    missing_total = 0
    invalid = 0
    for entry in inputs.entries:
        if entry.profile is None:
            _err(_("✗ {label}: not checked, the profile is invalid (run paigen validate)", label=entry.label))
            invalid += 1
            continue
        profile = entry.profile
        for text_path, text in iter_texts(profile):
            gaps: dict[str, list[str]] = {}
            for role, font in roles.items():
                for char in font.uncovered(text):
                    gaps.setdefault(char, []).append(role)
            for char, missing_roles in gaps.items():
                missing_total += 1
                where = profile.origin.locate(text_path) if profile.origin else entry.label
                click.echo(_("✗ {where} {key}: {char} ({code}) is not covered by the font of: {roles}",
                             where=where, key=format_path(text_path), char=quoted(char),
                             code=f"U+{ord(char):04X}", roles=listing(missing_roles)))
    if missing_total:
        _err(_("{n} character(s) no font covers: install a font that has them and give its file as "
               "fonts.<role>.path in paigen.yaml, or replace the characters", n=missing_total))
        sys.exit(1)
    if invalid or inputs.problems:
        _err(_("{n} invalid profile(s) not checked; run paigen validate", n=invalid))
        sys.exit(1)
    click.echo(_("every character of the profiles is covered by every role"))


@main.command(help=N_("Check PDFs against the PDF/X-1a:2003 rules; list each breach with its page and "
                       "object."))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@_report
def preflight(files: tuple[Path, ...]) -> None:
    from paigen.preflight import preflight as check

    failed = 0
    for file in files:
        if not file.is_file():
            _err(_("✗ {file}: no such file", file=file))
            failed += 1
            continue
        breaches = check(file)
        if breaches:
            failed += 1
            _err(_("✗ {file}: {n} breach(es) of PDF/X-1a", file=file, n=len(breaches)))
            for breach in breaches:
                _err(f"  {breach}")
        else:
            click.echo(_("✓ {file}: PDF/X-1a:2003 rules met", file=file))
    if failed:
        sys.exit(1)


@main.command(help=N_("Write a starter county folder: paigen.yaml and one example village."))
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--xlsx", "as_workbook", is_flag=True, help=N_("Start with an Excel workbook instead "
              "of YAML profiles."))
@click.option("--force", is_flag=True, help=N_("Overwrite files that already exist."))
@_report
def init(directory: Path, as_workbook: bool, force: bool) -> None:
    from paigen.starter import write_starter

    written = write_starter(directory, as_workbook=as_workbook, force=force)
    for file in written:
        click.echo(_("wrote {file}", file=file))
    click.echo(_("next: fill in the files, then run `paigen validate {folder}`", folder=directory))


@main.command(help=N_("Collect YAML profiles (files or county folders) into one county workbook."))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help=N_("The workbook to write (.xlsx)."))
@_report
def convert(paths: tuple[Path, ...], output: Path) -> None:
    from paigen.starter import profiles_to_workbook

    count = profiles_to_workbook(paths, output)
    click.echo(_("wrote {file} with {n} villages", file=output, n=count))


@main.command(help=N_("Build the kit of every village under PATH (profile, county folder or workbook) "
                       "into OUT."))
@click.argument("path", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path),
              help=N_("The folder the kits are written to."))
@click.option("--only", "only", multiple=True, type=click.Choice(["signs", "facade", "docs"]),
              help=N_("Build only these parts of the kit (repeatable): signs, facade drawings, documents. "
                      "Default: all."))
@click.option("--text", "text", type=click.Choice(["outline", "live"]), default="outline", show_default=True,
              help=N_("outline: glyphs as vector paths (no fonts in the PDF); live: embedded subset fonts."))
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help=N_("Villages built in parallel (default: all cores)."))
@click.option("--force", is_flag=True, help=N_("Rebuild villages whose inputs did not change."))
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help=N_("local: a process pool on this machine; dask: a Dask cluster (OUT on a shared disk)."))
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help=N_("The Dask scheduler (tcp://host:8786); without it, a Dask cluster on this machine."))
@_report
def build(path: Path, out: Path, only: tuple[str, ...], text: str, jobs: int | None, force: bool,
          executor: str, scheduler: str | None) -> None:
    import os

    from rich.console import Console

    from paigen.batch.progress import BuildProgress
    from paigen.build import PARTS, BuildOptions
    from paigen.build import build as run_build

    if scheduler and executor != "dask":
        raise click.UsageError(_("--scheduler needs --executor dask"))
    options = BuildOptions(only=only or PARTS, text=text, jobs=jobs or os.cpu_count() or 1, force=force,
                           executor=executor, scheduler=scheduler)
    console = Console(stderr=True)
    with BuildProgress(console) as bar:

        def report(village) -> None:
            bar.village(village.artworks if village.status != "failed" else 0)
            say = _village_line(village)
            if not say:
                return
            if console.is_terminal:
                bar.bar.console.print(say, highlight=False, soft_wrap=True)
            else:
                click.echo(say)
            for miss in village.missing:
                _err(_("✗ {folder}: {title} ({type}) not built: {reason}; {fix}", folder=village.folder,
                       title=miss["title"], type=miss["type"], reason=miss["reason"], fix=miss["fix"]))

        report_obj = run_build(path, out, options, progress=report, stage=bar.stage)
    for warning in report_obj.warnings:
        _err(_("warning: {message}", message=warning))
    incomplete = report_obj.incomplete
    missing = sum(len(v.missing) for v in incomplete)
    summary = _("{built} built, {failed} failed, {skipped} skipped in {seconds} s",
                built=len(report_obj.built), failed=len(report_obj.failed), skipped=len(report_obj.skipped),
                seconds=f"{report_obj.seconds:.1f}")
    if missing:
        summary += _("; {kits} kit(s) lack {n} artwork(s) that could not be laid out (marked in the manifest "
                     "and the order sheet)", kits=len(incomplete), n=missing)
    summary += _("; manifest: {file}", file=out / "manifest.json")
    if report_obj.failed or incomplete:
        _err(summary)
        sys.exit(1)
    click.echo(summary)


def _village_line(village) -> str:
    """The line a village's result is reported with ('' for a failed one: said on stderr here)."""
    if village.status == "built":
        if village.documents:
            return _("✓ {folder}: {n} artworks, {docs} documents ({seconds} s)", folder=village.folder,
                     n=village.artworks, docs=village.documents, seconds=f"{village.seconds:.1f}")
        return _("✓ {folder}: {n} artworks ({seconds} s)", folder=village.folder, n=village.artworks,
                 seconds=f"{village.seconds:.1f}")
    if village.status == "skipped":
        return _("· {folder}: unchanged, skipped", folder=village.folder)
    _err(_("✗ {label}: {error}", label=village.label, error=village.error))
    return ""


DOC_EXAMPLES = (
    ("paigen doc 草稿.docx", N_("writes 草稿.docx and 草稿.pdf laid out, into -o or next to it")),
    ("paigen doc 请示.md", N_("Markdown with a front matter, or text typed as in Word (.md/.txt)")),
    ("paigen doc 发文/ -o 排版", N_("every .md, .txt and .docx of a folder (attachments stay pages)")),
    ("paigen doc new 请示", N_("writes a starter 请示.md (通知, 请示, 报告, 函, 纪要)")),
)


@main.command(help=N_("Official documents to GB/T 9704-2012 from a Word draft, typed text or Markdown."),
              epilog=N_("For each document the recognition report says what was taken as title, addressee, "
                        "each heading, attachment, signature and date, and every correction made."))
@click.argument("files", nargs=-1, required=True, metavar="FILE... | FOLDER | new KIND")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=None,
              help=N_("Folder for the .docx and .pdf (default: next to each file); with 'new', the "
                      "file to write (default: KIND.md)."))
@click.option("--no-pdf", is_flag=True, help=N_("Write the .docx only, even when LibreOffice is installed."))
@click.option("--force", is_flag=True,
              help=N_("Replace files paigen did not write or that were edited since."))
@click.option("--keep-going", is_flag=True,
              help=N_("Write the documents that are right although others have problems (exit code 1)."))
@click.option("--quiet", "-q", is_flag=True, help=N_("Do not print the recognition report."))
@_report
def doc(files: tuple[str, ...], out: Path | None, no_pdf: bool, force: bool, keep_going: bool,
        quiet: bool) -> None:
    if files[0] == "new":
        _new_document(files[1:], out, force)
        return
    from paigen.docs._soffice import MISSING, find_soffice
    from paigen.docs.compose import build_documents, document_files
    from paigen.docs.markdown import INPUTS

    paths = document_files([Path(f) for f in files])
    for path in paths:
        if path.suffix.lower() not in INPUTS:
            raise UsageError(_("{file} is not a document file (.docx, .txt or .md); `paigen doc new 通知` "
                               "writes an example", file=quoted(path)))
    if not paths:
        raise UsageError(_("no .docx, .txt or .md file in {places}", places=listing(files)))
    if not no_pdf and find_soffice() is None:
        _err(_("warning: {message}", message=MISSING))
    outcome = build_documents(paths, out, pdf=not no_pdf, force=force, keep_going=keep_going)
    for path in outcome.attachments:
        click.echo(_("{file}: an attachment of another document, laid out as its page", file=path))
    if not quiet:
        for path, report in outcome.reports.items():
            click.echo(f"{path}:")
            for finding in report:
                click.echo(f"  {finding}")
    for problem in outcome.problems:
        _err(f"✗ {problem}")
    for file in outcome.written:
        click.echo(_("wrote {file}", file=file))
    if outcome.problems:
        n = len(outcome.problems)
        if keep_going:
            _err(_("{n} problem(s); {written} files written for the others", n=n,
                   written=len(outcome.written)))
        else:
            _err(_("{n} problem(s); nothing written (--keep-going writes the documents without "
                   "problems)", n=n))
        sys.exit(1)


def _new_document(args: tuple[str, ...], out: Path | None, force: bool) -> None:
    from paigen._io import atomic_write
    from paigen.docs.markdown import starters

    kinds = starters()
    if len(args) != 1 or args[0] not in kinds:
        if args:
            raise UsageError(_("{kind} is not a kind of document; give one of {kinds}: paigen doc new 请示",
                               kind=quoted(args[0]), kinds=listing(kinds)))
        raise UsageError(_("give one of {kinds}: paigen doc new 请示", kinds=listing(kinds)))
    target = out or Path(f"{args[0]}.md")
    if target.exists() and not force:
        raise PaigenError(_("{file} already exists; give another file with -o or pass --force",
                            file=quoted(target)))
    atomic_write(target, kinds[args[0]].encode("utf-8"))
    click.echo(_("wrote {file}", file=target))
    click.echo(_("next: edit it, then run `paigen doc {file}`", file=target))


@main.command(help=N_("Run the web app: upload, check, edit, build and download kits from a browser."))
@click.option("--host", default="127.0.0.1", show_default=True,
              help=N_("Address to listen on; anything but 127.0.0.1/localhost requires a token."))
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help=N_("Port to listen on."))
@click.option("--data", "data", type=click.Path(path_type=Path), default=None,
              help=N_("Folder for the jobs (uploads and kits). Default: ./paigen-data"))
@click.option("--token", default=None, help=N_("Access token every request must carry (generated and "
              "printed once when --host is not loopback and none is given)."))
@click.option("--keep-days", default=7.0, show_default=True, type=click.FloatRange(min=0.01),
              help=N_("Jobs older than this many days are removed."))
@_report
def serve(host: str, port: int, data: Path | None, token: str | None, keep_days: float) -> None:
    from paigen.web import run

    run(host, port, data or Path("paigen-data"), token, keep_days)


@main.group(help=N_("County masters: use your own design for a sign type (masters/TYPE.yaml + .pdf or "
                     ".svg)."))
def master() -> None:
    pass


@master.command("export", help=N_("Write the built-in design of TYPE as a master to start from (PDF, SVG "
                                   "and slot file)."))
@click.argument("sign_type", metavar="TYPE")
@click.option("-o", "--output", "out", default="masters", show_default=True, type=click.Path(path_type=Path),
              help=N_("The folder to write TYPE.pdf, TYPE.svg and TYPE.yaml to."))
@click.option("--county", default=None, type=click.Path(path_type=Path),
              help=N_("The county folder (or profile) whose first village the design is measured on "
                      "(default: the current folder when it holds profiles, else paigen's example village)."))
@_report
def master_export(sign_type: str, out: Path, county: Path | None) -> None:
    from paigen.masters._export import export_master

    files = export_master(sign_type, county, out)
    click.echo(_("{pdf}, {svg}, {slots} (measured on {village})", pdf=files.pdf, svg=files.svg,
                 slots=files.slots, village=files.village))


@master.command("check", help=N_("Check every master in FOLDER against its slot file and every village "
                                  "of COUNTY."))
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.argument("county", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--proof", type=click.Path(path_type=Path), default=None,
              help=N_("The proof PDF (default: masters-check.pdf next to the masters folder)."))
@_report
def master_check(folder: Path, county: Path | None, proof: Path | None) -> None:
    from paigen.masters._check import check_masters

    proof = proof or folder.resolve().parent / "masters-check.pdf"
    report = check_masters(folder, county, proof)
    for warning in report.warnings:
        _err(f"! {warning}")
    for error in report.errors:
        _err(f"✗ {error}")
    for f in report.shortfalls:
        s = f.slot
        need = _("{size} mm", size=f"{s.needed:g}") if s.needed else _("less than 1 mm")
        _err(_("✗ {village} {sign} slot {slot}: {text} needs {need}, below min_mm {minimum} ({file}:{line}; "
               "shorten the text, enlarge the box or lower min_mm)", village=f.village, sign=f.sign,
               slot=quoted(s.slot), text=quoted(s.text), need=need, minimum=f"{s.minimum:g}", file=f.file,
               line=s.line))
    summary = _("{masters} master(s), {villages} village(s): {errors} error(s), {small} text(s) below their "
                "minimum size, {warnings} warning(s)", masters=len(report.masters), villages=report.villages,
                errors=len(report.errors), small=len(report.shortfalls), warnings=len(report.warnings))
    if report.masters:
        summary += _("; proof: {file}", file=proof)
    if not report.ok:
        _err(summary)
        sys.exit(1)
    click.echo(summary)


doc.examples = DOC_EXAMPLES  # written under the help text, each with its words translated


if __name__ == "__main__":  # pragma: no cover
    main()
