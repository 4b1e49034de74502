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
from paigen.errors import PaigenError, ProfileError, UsageError


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
            _err(f"error: {exc}")
            sys.exit(1)
        except OSError as exc:  # the disk, not the input: full, read-only, gone
            where = f"'{exc.filename}': " if exc.filename else ""
            _err(f"error: {where}{exc.strerror or exc} (check the disk and the folder's permissions)")
            sys.exit(1)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="paigen")
@click.option("--limit", "limits", multiple=True, metavar="NAME=VALUE",
              help="Raise a limit of the loading gate for this run, e.g. --limit list_items=5000 "
                   "(names as in the preset's limits section).")
def main(limits: tuple[str, ...] = ()) -> None:
    """Print-ready signs, facade drawings and documents for village service centres."""
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


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_report
def validate(paths: tuple[Path, ...]) -> None:
    """Check profiles, county folders or workbooks; list every problem with its place and fix."""
    from paigen.docs._kinds import acceptance_problems
    from paigen.inputs import open_inputs

    bad = 0
    good = 0
    for path in paths:
        try:
            inputs = open_inputs(path)
        except ProfileError as exc:  # the county settings themselves are broken
            _err(f"✗ {path}: settings are invalid, no village checked\n{_indent(exc)}")
            bad += 1
            continue
        for problem in inputs.problems:
            _err(f"✗ {problem}")
        bad += bool(inputs.problems)
        for entry in inputs.entries:
            for note in entry.notes:
                _err(f"warning: {note}")
            found = acceptance_problems(entry.profile, inputs.settings) if entry.profile else []
            for problem in found:  # the 验收 record against its checklist, as the build reads it
                _err(f"✗ {problem}")
            if entry.profile is not None and not found:
                v = entry.profile.village
                rooms = len(entry.profile.center.rooms)
                click.echo(f"✓ {entry.label}: {v.township}{v.name}, {rooms} rooms")
                good += 1
            else:
                _err(f"✗ {entry.label}: {entry.error or 'its acceptance record does not fit its checklist'}"
                     .rstrip())
                bad += 1
    summary = f"{good} valid, {bad} invalid"
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


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@_report
def fonts(path: Path | None) -> None:
    """Show which font file serves each role; with PATH, list characters no font can draw."""
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
    rows = [("role", "font", "face", "chosen", "file")]
    rows += [(role, f.primary.label, str(f.primary.index), f.source, f.primary.path)
             for role, f in roles.items()]
    widths = [max(_width(row[i]) for row in rows) for i in range(4)]
    click.echo(f"Font roles of preset {settings.preset}:")
    for row in rows:
        cells = [cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=False)]
        click.echo("  " + "  ".join([*cells, row[4]]))
    for font in roles.values():
        if font.warning:
            click.echo(f"warning: {font.warning}")
        if font.faces[1:]:
            click.echo(f"  {font.role}: characters missing from {font.primary.label} come from "
                       + ", ".join(f.label for f in font.faces[1:]))
    if inputs is None:
        return
    from paigen.model.texts import iter_texts
    from paigen.sources._tree import format_path

    missing_total = 0
    invalid = 0
    for entry in inputs.entries:
        if entry.profile is None:
            _err(f"✗ {entry.label}: not checked, the profile is invalid (run paigen validate)")
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
                click.echo(f"✗ {where} {format_path(text_path)}: '{char}' U+{ord(char):04X} "
                              f"is not covered by the font of: {', '.join(missing_roles)}")
    if missing_total:
        _err(f"{missing_total} uncovered character(s): install a font that has them and set "
             "fonts.<role>.path in paigen.yaml, or replace the characters")
        sys.exit(1)
    if invalid or inputs.problems:
        _err(f"{invalid} invalid profile(s) not checked; run paigen validate")
        sys.exit(1)
    click.echo("every character of the profiles is covered by every role")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@_report
def preflight(files: tuple[Path, ...]) -> None:
    """Check PDFs against the PDF/X-1a:2003 rules; list each breach with its page and object."""
    from paigen.preflight import preflight as check

    failed = 0
    for file in files:
        if not file.is_file():
            _err(f"✗ {file}: no such file")
            failed += 1
            continue
        breaches = check(file)
        if breaches:
            failed += 1
            _err(f"✗ {file}: {len(breaches)} PDF/X-1a breach(es)")
            for breach in breaches:
                _err(f"  {breach}")
        else:
            click.echo(f"✓ {file}: PDF/X-1a:2003 rules met")
    if failed:
        sys.exit(1)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--xlsx", "as_workbook", is_flag=True, help="Start with an Excel workbook instead "
              "of YAML profiles.")
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
@_report
def init(directory: Path, as_workbook: bool, force: bool) -> None:
    """Write a starter county folder: paigen.yaml and one example village."""
    from paigen.starter import write_starter

    written = write_starter(directory, as_workbook=as_workbook, force=force)
    for file in written:
        click.echo(f"wrote {file}")
    click.echo(f"next: edit the files, then run 'paigen validate {directory}'")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="The workbook to write (.xlsx).")
@_report
def convert(paths: tuple[Path, ...], output: Path) -> None:
    """Collect YAML profiles (files or county folders) into one county workbook."""
    from paigen.starter import profiles_to_workbook

    count = profiles_to_workbook(paths, output)
    click.echo(f"wrote {output} with {count} villages")


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path),
              help="The folder the kits are written to.")
@click.option("--only", "only", multiple=True, type=click.Choice(["signs", "facade", "docs"]),
              help="Build only these parts of the kit (repeatable). Default: all.")
@click.option("--text", "text", type=click.Choice(["outline", "live"]), default="outline", show_default=True,
              help="outline: glyphs as vector paths (no fonts in the PDF); live: embedded subset fonts.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Villages built in parallel (default: all cores).")
@click.option("--force", is_flag=True, help="Rebuild villages whose inputs did not change.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool on this machine; dask: a Dask cluster (OUT on a shared disk).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="The Dask scheduler (tcp://host:8786); without it, a Dask cluster on this machine.")
@_report
def build(path: Path, out: Path, only: tuple[str, ...], text: str, jobs: int | None, force: bool,
          executor: str, scheduler: str | None) -> None:
    """Build the kit of every village under PATH (profile, county folder or workbook) into OUT."""
    import os

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from paigen.build import PARTS, BuildOptions
    from paigen.build import build as run_build

    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    options = BuildOptions(only=only or PARTS, text=text, jobs=jobs or os.cpu_count() or 1, force=force,
                           executor=executor, scheduler=scheduler)
    console = Console(stderr=True)
    artworks = 0
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[artworks]} artworks"), TimeElapsedColumn(), console=console,
                  disable=not console.is_terminal, transient=True) as bar:
        task = bar.add_task("villages", total=None, artworks=0)

        def report(village) -> None:
            nonlocal artworks
            artworks += village.artworks
            bar.update(task, advance=1, artworks=artworks)
            docs = f", {village.documents} documents" if village.documents else ""
            if village.status == "built":
                say = f"✓ {village.folder}: {village.artworks} artworks{docs} ({village.seconds:.1f} s)"
            elif village.status == "skipped":
                say = f"· {village.folder}: unchanged, skipped"
            else:
                _err(f"✗ {village.label}: {village.error}")
                return
            if console.is_terminal:
                bar.console.print(say, highlight=False, soft_wrap=True)
            else:
                click.echo(say)
            for miss in village.missing:
                _err(f"✗ {village.folder}: {miss['title']} ({miss['type']}) not built: {miss['reason']}; "
                     f"{miss['fix']}")

        report_obj = run_build(path, out, options, progress=report)
    for warning in report_obj.warnings:
        _err(f"warning: {warning}")
    incomplete = report_obj.incomplete
    missing = sum(len(v.missing) for v in incomplete)
    partial = (f"; {len(incomplete)} kit(s) lack {missing} artwork(s) that could not be laid out (marked in "
               "the manifest and order sheet)" if missing else "")
    summary = (f"{len(report_obj.built)} built, {len(report_obj.failed)} failed, {len(report_obj.skipped)} "
               f"skipped in {report_obj.seconds:.1f} s{partial}; manifest: {out / 'manifest.json'}")
    if report_obj.failed or incomplete:
        _err(summary)
        sys.exit(1)
    click.echo(summary)


@main.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE... | FOLDER | new KIND")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=None,
              help="Folder for the .docx and .pdf (default: next to each file); with 'new', the "
                   "file to write (default: KIND.md).")
@click.option("--no-pdf", is_flag=True, help="Write the .docx only, even when LibreOffice is installed.")
@click.option("--force", is_flag=True, help="Replace files paigen did not write or that were edited since.")
@click.option("--keep-going", is_flag=True,
              help="Write the documents that are right although others have problems (exit code 1).")
@click.option("--quiet", "-q", is_flag=True, help="Do not print the recognition report.")
@_report
def doc(files: tuple[str, ...], out: Path | None, no_pdf: bool, force: bool, keep_going: bool,
        quiet: bool) -> None:
    """Official documents to GB/T 9704-2012 from a Word draft, typed text or Markdown.

    \b
    paigen doc 草稿.docx          writes 草稿.docx and 草稿.pdf laid out, into -o or next to it
    paigen doc 请示.md            Markdown with a front matter, or text typed as in Word (.md/.txt)
    paigen doc 发文/ -o 排版      every .md, .txt and .docx of a folder (attachments stay pages)
    paigen doc new 请示           writes a starter 请示.md (通知, 请示, 报告, 函, 纪要)

    For each document the recognition report says what was taken as title, addressee, each
    heading, attachment, signature and date, and every correction made.
    """
    if files[0] == "new":
        _new_document(files[1:], out, force)
        return
    from paigen.docs._soffice import MISSING, find_soffice
    from paigen.docs.compose import build_documents, document_files
    from paigen.docs.markdown import INPUTS

    paths = document_files([Path(f) for f in files])
    for path in paths:
        if path.suffix.lower() not in INPUTS:
            raise UsageError(f"'{path}' is not a document file (.docx, .txt or .md); `paigen doc new 通知` "
                             "writes an example")
    if not paths:
        raise UsageError(f"no .docx, .txt or .md file in {', '.join(files)}")
    if not no_pdf and find_soffice() is None:
        _err(f"warning: {MISSING}")
    outcome = build_documents(paths, out, pdf=not no_pdf, force=force, keep_going=keep_going)
    for path in outcome.attachments:
        click.echo(f"{path}: an attachment of another document, laid out as its page")
    if not quiet:
        for path, report in outcome.reports.items():
            click.echo(f"{path}:")
            for finding in report:
                click.echo(f"  {finding}")
    for problem in outcome.problems:
        _err(f"✗ {problem}")
    for file in outcome.written:
        click.echo(f"wrote {file}")
    if outcome.problems:
        n = len(outcome.problems)
        done = f"{len(outcome.written)} files written for the others" if keep_going else \
            "nothing written (--keep-going writes the documents without problems)"
        _err(f"{n} problem{'s' if n != 1 else ''}; {done}")
        sys.exit(1)


def _new_document(args: tuple[str, ...], out: Path | None, force: bool) -> None:
    from paigen._io import atomic_write
    from paigen.docs.markdown import starters

    kinds = starters()
    if len(args) != 1 or args[0] not in kinds:
        given = f"'{args[0]}' is not a kind; " if args else ""
        raise UsageError(f"{given}give one of {', '.join(kinds)}: paigen doc new 请示")
    target = out or Path(f"{args[0]}.md")
    if target.exists() and not force:
        raise PaigenError(f"'{target}' already exists; give another file with -o or pass --force")
    atomic_write(target, kinds[args[0]].encode("utf-8"))
    click.echo(f"wrote {target}")
    click.echo(f"next: edit it, then run 'paigen doc {target}'")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but 127.0.0.1/localhost requires a token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--data", "data", type=click.Path(path_type=Path), default=None,
              help="Folder for the jobs (uploads and kits). Default: ./paigen-data")
@click.option("--token", default=None, help="Access token every request must carry (generated and "
              "printed once when --host is not loopback and none is given).")
@click.option("--keep-days", default=7.0, show_default=True, type=click.FloatRange(min=0.01),
              help="Jobs older than this are removed.")
@_report
def serve(host: str, port: int, data: Path | None, token: str | None, keep_days: float) -> None:
    """Run the web app: upload, check, edit, build and download kits from a browser."""
    from paigen.web import run

    run(host, port, data or Path("paigen-data"), token, keep_days)


@main.group()
def master() -> None:
    """County masters: use your own design for a sign type (masters/TYPE.yaml + .pdf or .svg)."""


@master.command("export")
@click.argument("sign_type", metavar="TYPE")
@click.option("-o", "--output", "out", default="masters", show_default=True, type=click.Path(path_type=Path),
              help="The folder to write TYPE.pdf, TYPE.svg and TYPE.yaml to.")
@click.option("--county", default=None, type=click.Path(path_type=Path),
              help="The county folder (or profile) whose first village the design is measured on "
                   "(default: the current folder when it holds profiles, else paigen's example village).")
@_report
def master_export(sign_type: str, out: Path, county: Path | None) -> None:
    """Write the built-in design of TYPE as a master to start from (PDF, SVG and slot file)."""
    from paigen.masters._export import export_master

    files = export_master(sign_type, county, out)
    click.echo(f"{files.pdf}, {files.svg}, {files.slots} (measured on {files.village})")


@master.command("check")
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.argument("county", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--proof", type=click.Path(path_type=Path), default=None,
              help="The proof PDF (default: masters-check.pdf next to the masters folder).")
@_report
def master_check(folder: Path, county: Path | None, proof: Path | None) -> None:
    """Check every master in FOLDER against its slot file and every village of COUNTY."""
    from paigen.masters._check import check_masters

    proof = proof or folder.resolve().parent / "masters-check.pdf"
    report = check_masters(folder, county, proof)
    for warning in report.warnings:
        _err(f"! {warning}")
    for error in report.errors:
        _err(f"✗ {error}")
    for f in report.shortfalls:
        s = f.slot
        need = f"{s.needed:g} mm" if s.needed else "less than 1 mm"
        _err(f"✗ {f.village} {f.sign} slot '{s.slot}': '{s.text}' needs {need}, below min_mm "
             f"{s.minimum:g} ({f.file}:{s.line}; shorten the text, "
             "enlarge the box or lower min_mm)")
    summary = (f"{len(report.masters)} master(s), {report.villages} village(s): "
               f"{len(report.errors)} error(s), {len(report.shortfalls)} text(s) below their minimum size, "
               f"{len(report.warnings)} warning(s)")
    if report.masters:
        summary += f"; proof: {proof}"
    if not report.ok:
        _err(summary)
        sys.exit(1)
    click.echo(summary)


if __name__ == "__main__":  # pragma: no cover
    main()
