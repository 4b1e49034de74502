"""Any official document from a Markdown file: 文件, 信函 and 纪要 formats to GB/T 9704-2012.

:func:`load_document` reads and validates a document file and the attachment files it names;
:func:`document_docx` lays it out with the GB/T 9704 writer (the one of the kit's documents);
:func:`write_documents` writes ``<stem>.docx`` and, with LibreOffice, ``<stem>.pdf`` for many
files at once — all validated before anything is written, converted in one LibreOffice run,
never replacing a file paigen did not write (or that was edited since).
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from paigen._io import atomic_write, check_folder
from paigen.docs._blocks import Attachment
from paigen.docs._county import county_settings
from paigen.docs._fonts import role_glyph_bottom, role_glyph_top, role_measure
from paigen.docs._meta import date_text, default_date
from paigen.docs._pieces import BackMatter, JointSignature, LetterHead, Masthead, Security, Signature
from paigen.docs._writer import OfficialWriter
from paigen.docs.markdown import Draft, FrontMatter, date_of, load_draft
from paigen.errors import PaigenError, Problem, ProfileError, UsageError
from paigen.i18n import _
from paigen.model.settings import Settings, load_settings

RECORD = ".paigen-documents.json"  # what paigen wrote into an output folder: name → sha256
ATTENDANCE = (("出席", "attendees"), ("请假", "absent"), ("列席", "observers"))


@dataclass(frozen=True)
class Document:
    """A validated document file with the texts of its attachment files (None: listed only)."""

    draft: Draft
    attachments: tuple[Draft | None, ...]

    @property
    def front(self) -> FrontMatter:
        return self.draft.front


def load_document(file: str | Path, county: Settings | None = None) -> Document:
    """Read and validate *file* and its attachment files; :class:`ProfileError` lists every
    problem of all of them. With the *county* settings, a missing issuer, 代字 or 印发机关 is
    taken from the township the draft names."""
    draft = load_draft(file, county=county)
    problems, texts = [], []
    for i, ref in enumerate(draft.front.attachments):
        if ref.file is None:  # a page typed after the date, or listed only
            texts.append(draft.pages[i] if i < len(draft.pages) else None)
            continue
        try:
            texts.append(load_draft(Path(file).parent / ref.file, attachment_of=Path(file)))
        except ProfileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ProfileError(problems)
    return Document(draft, tuple(texts))


def _marks(f: FrontMatter) -> tuple[str, tuple[str, ...], str]:
    """(one-line mark, stacked names, suffix) of a 文件 document's 版头."""
    if f.joint and len(f.mark) != 1:
        names = f.mark or f.offices
        if not f.mark or all(m.endswith("文件") for m in names):
            return "", tuple(m.removesuffix("文件") for m in names), "文件"
        return "", tuple(names), ""
    if f.mark:
        return f.mark[0], (), ""
    return f"{f.offices[0]}文件", (), ""


def document_docx(doc: Document, settings: Settings) -> bytes:
    """The .docx of one document, laid out to GB/T 9704-2012 for its form."""
    f, text = doc.front, doc.draft.text
    day = date_of(f.date) or default_date()
    date = date_text(day)
    printed = date_text(date_of(f.printed) or day)
    office = f.offices[0] if f.offices else ""
    security = Security(f.copy_no, f.secrecy, f.urgency)
    red = settings.swatch("party-red").rgb
    writer = OfficialWriter(red, title=f.title, author=office, measure=role_measure(settings),
                            glyph_top=role_glyph_top(settings), glyph_bottom=role_glyph_bottom(settings),
                            fit_tables=True)
    printer = f.printer or (f"{office}办公室" if office else "")
    if f.form == "letter":
        writer.letterhead(LetterHead(f.mark[0] if f.mark else office, f.number, security))
    elif f.form == "minutes":
        mark = f.mark[0] if f.mark else f"{office}会议纪要"
        writer.masthead(Masthead(mark, f.number, security=security, issuer=(printer or office, date)))
    elif f.number and f.offices:  # a draft read without its 发文字号 is laid out without a 版头
        mark, names, suffix = _marks(f)
        writer.masthead(Masthead(mark, f.number, names=names, suffix=suffix, signers=f.signers,
                                 security=security))
    writer.title(f.title)
    if f.to:
        writer.addressee("、".join(f.to))
    writer.blocks(text.blocks)
    signed = f.form != "minutes"
    writer.attachment_note([a.title for a in f.attachments], signed=signed)
    if f.form == "minutes":
        writer.attendance([(label, getattr(f, key)) for label, key in ATTENDANCE])
    elif f.joint:
        writer.signature(JointSignature(f.offices, date, f.seal))
    else:
        writer.signature(Signature(office, date, f.seal))
    writer.note(f.note)
    pages = [(i, Attachment(ref.title, d.text.blocks))
             for i, (ref, d) in enumerate(zip(f.attachments, doc.attachments, strict=True), 1) if d]
    if pages:
        writer.attachments([a for __, a in pages], numbers=[i for i, __ in pages], count=len(f.attachments))
    if f.form == "letter":
        if f.cc:
            writer.back_matter(BackMatter("", "", f.cc, rules=False))
    elif f.number or f.cc or f.printer:
        writer.back_matter(BackMatter(printer, printed, f.cc))
    return writer.to_bytes()


# -- files --------------------------------------------------------------------------------------

def _record(out: Path) -> dict[str, str]:
    try:
        data = json.loads((out / RECORD).read_text("utf-8"))
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}
    except (OSError, ValueError, AttributeError):
        return {}


def _check_targets(targets: list[Path], records: dict[Path, dict[str, str]], force: bool) -> None:
    """Refuse to replace a file paigen did not write, or one edited since paigen wrote it."""
    for target in targets:
        if not target.exists() or force:
            continue
        if not target.is_file():
            raise PaigenError(_("'{target}' exists and is not a file; choose another folder with -o",
                                target=target))
        digest = hashlib.sha256(target.read_bytes()).hexdigest()
        if records.get(target.parent, {}).get(target.name) != digest:
            raise PaigenError(_("'{target}' was not written by paigen or was changed since; move "
                                "it, choose another folder with -o, or pass --force to replace it",
                                target=target))


@dataclass
class Outcome:
    """What one ``paigen doc`` run did: files written, every problem of every file, the
    recognition report of each document, and the files skipped as another file's attachment."""

    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    reports: dict[Path, tuple] = field(default_factory=dict)
    attachments: list[Path] = field(default_factory=list)


def output_stem(file: Path, folder: Path) -> str:
    """The name of a document's outputs: its own, or ``<stem>-排版`` for a Word draft laid out
    into its own folder (the draft is never replaced)."""
    try:
        own = (folder / f"{file.stem}.docx").resolve() == file.resolve()
    except (OSError, RuntimeError):
        own = False
    return f"{file.stem}-排版" if own else file.stem


def document_files(paths: list[Path]) -> list[Path]:
    """The document files of *paths*: files as given, a folder's .md/.txt/.docx files (not the
    .docx paigen wrote there)."""
    from paigen.docs.markdown import INPUTS

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            ours = _record(path)
            files += sorted(f for f in path.iterdir() if f.suffix.lower() in INPUTS and f.name not in ours
                            and not f.name.startswith((".", "~$")) and f.is_file())
        else:
            files.append(path)
    return files


def attachment_files(files: list[Path]) -> set[Path]:
    """The files that some document of *files* names as its attachment (resolved paths); read
    leniently, so that a document with problems still claims its attachments."""
    from paigen.docs.markdown import inside, split_front_matter
    from paigen.sources._gate import Limits, read_bytes
    from paigen.sources.yamlfile import decode, parse_yaml

    limits = Limits.from_settings(None)
    found: set[Path] = set()
    for file in files:
        if file.suffix.lower() != ".md":
            continue
        try:
            source, __ = decode(read_bytes(file, str(file), limits.file_mb), str(file))
            front, __, __ = split_front_matter(source)
            data = parse_yaml(front.encode("utf-8"), str(file), limits).data if front.strip() else {}
        except ProfileError:
            continue
        items = data.get("attachments") if isinstance(data, dict) else None
        for item in items if isinstance(items, list) else []:
            name = item.get("file") if isinstance(item, dict) else None
            if isinstance(name, str) and inside(file.parent, name):
                found.add((file.parent / name).resolve())
    return found


def write_documents(files: list[Path], out: Path | None = None, pdf: bool = True,
                    force: bool = False, settings: Settings | None = None) -> list[Path]:
    """Write each document's .docx (and .pdf) into *out* (default: next to its file); every
    problem of every file at once, nothing written when one file has a problem."""
    outcome = build_documents(files, out, pdf=pdf, force=force, settings=settings)
    if outcome.problems:
        raise ProfileError(outcome.problems)
    return outcome.written


def build_documents(files: list[Path], out: Path | None = None, pdf: bool = True, force: bool = False,
                    settings: Settings | None = None, keep_going: bool = False) -> Outcome:
    """Read every document of *files*, then write the .docx and .pdf of each; with *keep_going*
    the valid ones are written although others have problems (all listed in the outcome).
    A file that another document names as its attachment is that document's page, not a
    document of its own."""
    from paigen.docs._soffice import find_soffice

    outcome = Outcome()
    claimed = attachment_files([Path(f) for f in files])
    chosen: list[Path] = []
    for f in (Path(f) for f in files):
        try:
            is_attachment = f.resolve() in claimed
        except (OSError, RuntimeError):
            is_attachment = False
        (outcome.attachments if is_attachment else chosen).append(f)
    files = chosen
    docs: list[Document] = []
    good: list[Path] = []
    by_folder: dict[Path, Settings] = {}

    def settings_of(file: Path) -> Settings:
        """The given settings, else the county's (paigen.yaml in the file's folder or above)."""
        if settings is not None:
            return settings
        folder = file.parent.resolve()
        if folder not in by_folder:
            by_folder[folder] = county_settings(file) or load_settings(file.parent)
        return by_folder[folder]

    for file in files:
        try:
            docs.append(load_document(file, settings_of(file)))
            good.append(file)
            outcome.reports[file] = docs[-1].draft.report
        except ProfileError as exc:
            outcome.problems.extend(exc.problems)
    if outcome.problems and not keep_going:
        return outcome
    files = good
    if not files:
        return outcome
    folders = [Path(out) if out is not None else f.parent for f in files]
    formats = ["docx", "pdf"] if pdf and find_soffice() else ["docx"]
    targets: dict[Path, Path] = {}
    for file, folder in zip(files, folders, strict=True):
        for fmt in formats:
            target = folder / f"{output_stem(file, folder)}.{fmt}"
            if target in targets:
                raise UsageError(_("'{first}' and '{second}' would both become '{target}'; rename "
                                   "one of them or write them into different folders",
                                   first=targets[target], second=file, target=target))
            targets[target] = file
    for folder in dict.fromkeys(folders):
        check_folder(folder)
    records = {folder: _record(folder) for folder in dict.fromkeys(folders)}
    _check_targets(list(targets), records, force)

    written = outcome.written
    docx_files = [(folder / f"{output_stem(file, folder)}.docx", document_docx(doc, settings_of(file)))
                  for file, folder, doc in zip(files, folders, docs, strict=True)]
    pdfs: list[bytes] = []
    if "pdf" in formats:
        pdfs = document_pdfs([data for __, data in docx_files], settings_of(files[0])) or []
    outputs = list(docx_files) + [(target.with_suffix(".pdf"), data)
                                  for (target, __), data in zip(docx_files, pdfs, strict=False)]
    for folder in dict.fromkeys(folders):
        folder.mkdir(parents=True, exist_ok=True)
    for target, data in outputs:
        atomic_write(target, data)
        records[target.parent][target.name] = hashlib.sha256(data).hexdigest()
        written.append(target)
    for folder, record in records.items():
        if record:
            atomic_write(folder / RECORD, (json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True)
                                           + "\n").encode("utf-8"))
    return outcome


def document_pdfs(docx: list[bytes], settings: Settings, preview: bool = False) -> list[bytes] | None:
    """The PDFs of .docx documents in one LibreOffice run, normalised as the kit's are (fixed
    dates, content-derived id); substituted faces are reported once. None without LibreOffice.
    A *preview* (its first pages only) skips the pass that moves the 版记 to an even page."""
    from paigen.docs._soffice import docx_to_pdf, normalise_pdf

    with tempfile.TemporaryDirectory(prefix="paigen-doc-") as tmp:
        staged = []
        for i, data in enumerate(docx):
            path = Path(tmp) / f"{i:05d}.docx"
            path.write_bytes(data)
            staged.append(path)
        converted = docx_to_pdf(staged, settings, Path(tmp) / "pdf", back_matter_pass=not preview)
        if converted is None:
            return None
        pdfs = [normalise_pdf(p.read_bytes()) for p in converted]
    if not preview:
        _font_warnings(pdfs, settings)
    return pdfs


def _font_warnings(pdfs: list[bytes], settings: Settings) -> None:
    from paigen.docs._fonts import rendered_fonts

    seen: dict[str, None] = {}
    for data in pdfs:
        try:
            __, warnings = rendered_fonts(data, settings)
        except PaigenError:
            continue
        seen.update(dict.fromkeys(warnings))
    for warning in seen:
        print(_("warning: {message}", message=warning), file=sys.stderr)


__all__ = ["Document", "Outcome", "attachment_files", "build_documents", "document_docx", "document_files",
           "document_pdfs", "load_document", "write_documents"]
