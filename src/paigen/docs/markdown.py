"""Read an official document written as Markdown with a YAML front matter.

The front matter holds what GB/T 9704-2012 puts around the text (发文机关, 发文字号, 签发人, 份号,
密级, 紧急程度, 主送, 附件, 成文日期, 附注, 抄送, 印发); the body is the text itself in a small part
of Markdown: ``#``…``####`` headings (numbered 一、 （一） 1. （1） by paigen), paragraphs, ``-``
items, pipe tables and ``**bold**``. Every front-matter value is validated like a village profile:
file:line, key, the bad value and the fix, all problems at once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from paigen._data import data_dir
from paigen.docs._blocks import Text
from paigen.docs._county import FOUND, county_values, key_problems
from paigen.docs._markup import parse
from paigen.docs._recognise import HEADING_NAMES, Finding, recognise
from paigen.errors import Location, Problem, ProfileError
from paigen.i18n import _, listing
from paigen.model._convert import INVALID, Converter, char_problem
from paigen.model.settings import Settings
from paigen.sources._gate import Limits, read_bytes
from paigen.sources._tree import Document
from paigen.sources.yamlfile import decode, parse_yaml

Form = Literal["file", "letter", "minutes"]
NUMBER = re.compile(r"(?P<code>[^\s〔〕\[\]【】()（）]+)〔(?P<year>\d{4})〕(?P<n>[1-9]\d*)号")
MINUTES_NUMBER = re.compile(r"第[1-9]\d*期")  # 纪要 are numbered by issue
SECRECY = re.compile(r"(绝密|机密|秘密)(★.+)?")
URGENCY = ("特急", "加急")
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_FENCE = re.compile(r"^---\s*$")


@dataclass(frozen=True)
class AttachmentRef:
    """An attachment: listed in the 附件说明; ``file`` (a Markdown file) is appended as its page."""

    SHORTHAND: ClassVar[str] = "title"
    title: str
    file: str | None = None


@dataclass(frozen=True)
class FrontMatter:
    """The front matter of a document file (see the README's section for township staff)."""

    title: str
    form: Form = "file"
    offices: tuple[str, ...] = ()
    mark: tuple[str, ...] = ()
    number: str = ""
    signers: tuple[str, ...] = ()
    copy_no: str = ""
    secrecy: str = ""
    urgency: str = ""
    to: tuple[str, ...] = ()
    attachments: tuple[AttachmentRef, ...] = ()
    seal: bool = True
    date: str = ""
    note: str = ""
    cc: tuple[str, ...] = ()
    printer: str = ""
    printed: str = ""
    attendees: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    observers: tuple[str, ...] = ()

    @property
    def joint(self) -> bool:
        """联合行文: two or more issuing offices."""
        return len(self.offices) > 1

    @property
    def upward(self) -> bool:
        """上行文 (请示, 报告 to a higher office): the 签发人 line beside the number."""
        return bool(self.signers)


@dataclass(frozen=True)
class Draft:
    """One document file, validated: its front matter, its text and its attachments' texts."""

    file: Path
    front: FrontMatter
    text: Text
    report: tuple[Finding, ...] = ()  # what the reader recognised, corrected and could not place
    pages: tuple[Draft, ...] = ()  # attachment pages typed after the date, in order

    @property
    def stem(self) -> str:
        return self.file.stem


_MINUTES_ONLY = ("attendees", "absent", "observers")


def split_front_matter(source: str) -> tuple[str, str, int]:
    """Return (front matter, body, line number of the body's first line).

    The front matter keeps its line numbers: the opening fence becomes an empty line, so a YAML
    error points at the line of the file.
    """
    lines = source.splitlines()
    if not lines or not _FENCE.match(lines[0]):
        return "", source, 1
    for end in range(1, len(lines)):
        if _FENCE.match(lines[end]):
            front = "\n" + "\n".join(lines[1:end]) + "\n"
            return front, "\n".join(lines[end + 1:]), end + 2
    return "\n" + "\n".join(lines[1:]), "", len(lines) + 1


TITLE_MAX = 200  # characters: a title longer than this is a paragraph typed in the wrong place
INPUTS = (".md", ".txt", ".docx")


def load_draft(file: str | Path, *, attachment_of: Path | None = None,
               county: Settings | None = None) -> Draft:
    """Read and validate a document file; raise :class:`ProfileError` with every problem.

    A .md file with a front matter is read as before; a .md or .txt without one, and a Word
    .docx, is text typed as text: its title, addressee, headings, 附件说明, 署名, 成文日期 and
    版记 are recognised (:mod:`paigen.docs._recognise`); a ``<stem>.yaml`` next to it adds or
    overrides the front-matter keys (issuer, number …). With the *county* settings, a draft
    that leaves out its issuer, 代字 or 印发机关 takes them from the township it names
    (:mod:`paigen.docs._county`). Every input passes the size gate of
    profiles first: a pipe, a device or a huge file is refused before it is read.
    """
    file = Path(file)
    label = str(file)
    limits = Limits.from_settings(None)
    findings: list[Finding] = []
    images: dict[str, tuple[bytes, float, float]] = {}
    if file.suffix.lower() == ".docx":
        from paigen.docs._docx_in import read_docx

        body, images, findings = read_docx(file, label, limits)
        front_text, body_line = "", 1
    else:
        raw = read_bytes(file, label, limits.file_mb)
        source, notes = decode(raw, label)
        findings += [Finding("提示", note.removeprefix(f"{label}: ")) for note in notes]
        front_text, body, body_line = split_front_matter(source)
    _check_chars(body, label, body_line)
    given: dict = {}
    locations: dict = {}
    sidecar = file.with_suffix(".yaml")
    if front_text.strip():
        doc = parse_yaml(front_text.encode("utf-8"), label, limits)
        given = doc.data if isinstance(doc.data, dict) else {}
        locations = dict(doc.locations)
        if not isinstance(doc.data, dict):
            _front_matter(doc, file, attachment=attachment_of is not None)  # raises: not a mapping
    elif attachment_of is None and sidecar.is_file():
        doc = parse_yaml(read_bytes(sidecar, str(sidecar), limits.file_mb), str(sidecar), limits)
        if not isinstance(doc.data, dict):
            raise ProfileError([Problem(Location(str(sidecar), 1), "",
                                        _("the file is not a list of keys"),
                                        _("write the front-matter keys, e.g. {example}",
                                          example="number: 堂发〔2026〕12号"))])
        given, locations = doc.data, dict(doc.locations)
    # .txt and .docx: one paragraph a line; .md: Markdown unless typed as in Word (no blank lines)
    typed = file.suffix.lower() != ".md" or _typed_as_text(body)
    if attachment_of is not None and not front_text.strip():
        # an attachment is its own text: only its headings are recognised
        rec = recognise(body, {"title": "-", "to": "-", "date": "-", "number": "-", "cc": "-",
                               "printer": "-", "note": "-", "offices": "-", "attachments": "-"},
                        text_mode=typed, first_line=body_line)
        text = parse(rec.body, source=label, directives=False, first_line=body_line, images=images)
        return Draft(file, FrontMatter(title=""), text, tuple(rec.findings))
    rec = recognise(body, given, text_mode=typed, first_line=body_line)
    page_titles = rec.values.pop("_pages", None)
    if page_titles and "attachments" not in rec.values and "attachments" not in given:
        rec.values["attachments"] = page_titles
    data = {**rec.values, **given}
    township, serial = data.pop("township", None), data.pop("serial", None)
    problems = key_problems(township, serial, label, locations)
    if not problems:
        findings = findings + county_values(data, (township or "").strip(), serial, county)
    untitled = "title" not in data and not front_text.strip()
    if untitled:
        data["title"] = "-"  # reported below with the fix for typed text
    for key in rec.values:
        if key not in given:
            line = next((f.line for f in rec.findings if f.line and _KEY_OF.get(f.what) == key), None)
            locations[(key,)] = Location(label, line)
    doc = Document(data, locations, label, "")
    problems += [Problem(Location(label, body_line), "", _("the document needs a title"),
                         _("type it on the first line, above the addressee (a line ending in ：), "
                           "or give 'title:' in the front matter"))] if untitled else []
    try:
        front = _front_matter(doc, file, attachment=attachment_of is not None,
                              recognised=not front_text.strip())
    except ProfileError as exc:
        problems += exc.problems
    if problems:
        raise ProfileError(problems)
    text = parse(rec.body, source=label, directives=False, first_line=body_line, images=images)
    report = _report(front, text, findings + rec.findings, recognised=not front_text.strip())
    pages = tuple(Draft(file, FrontMatter(title=title), parse(page, source=label, directives=False,
                                                              images=images))
                  for title, page in rec.pages)
    return Draft(file, front, text, report, pages)


_KEY_OF = {"发文机关标志": "mark", "标题": "title", "主送机关": "to", "成文日期": "date", "署名": "offices",
           "附注": "note", "抄送": "cc", "印发": "printer", "发文字号": "number", "附件": "attachments"}


def _typed_as_text(body: str) -> bool:
    """True when *body* is typed as in Word: one paragraph a line, no blank lines between."""
    lines = body.strip().splitlines()
    return len(lines) > 1 and all(line.strip() for line in lines)


def _report(front: FrontMatter, text: Text, findings: list[Finding], recognised: bool) -> tuple[Finding, ...]:
    """The recognition report: what was taken as what, in document order, then every correction
    and everything not placed."""
    from paigen.docs._blocks import Heading

    first = [f for f in findings if f.what in ("发文机关标志", "发文机关", "发文字号", "标题", "主送机关")]
    out = list(first)
    if not recognised:
        out = [Finding("标题", front.title)]
        if front.to:
            out.append(Finding("主送机关", "、".join(front.to)))
    for block in text.blocks:
        if isinstance(block, Heading):
            out.append(Finding(HEADING_NAMES[block.level], f"{block.number}{block.text}"))
    late = ("附件", "署名", "成文日期", "附注", "附件页", "抄送", "印发")
    out += sorted((f for f in findings if f.what in late), key=lambda f: f.line)
    if not recognised:
        out += [Finding("附件", f"{i}. {a.title}") for i, a in enumerate(front.attachments, 1)]
    named = {f.what for f in out}
    for what, value in (("发文字号", front.number), ("署名", "、".join(front.offices))):
        if value and what not in named:
            out.append(Finding(what, f"{value}（前置信息）"))
    if recognised and not front.offices:
        out.append(Finding("提示", "未找到署名（结尾的发文机关行）：请在成文日期上一行写发文机关"))
    if recognised and not front.number:
        out.append(Finding("提示", "未找到发文字号：不排版头；如需版头，在同名 .yaml 文件或表单中填写 "
                                 "offices 和 number"))
    out += [f for f in findings if f.what in (FOUND, "提示", "更正", "未排入", "图片", "表格")]
    return tuple(out)


def starters() -> dict[str, str]:
    """The starter files of ``paigen doc new``: kind (通知, 请示, 报告, 函, 纪要) → Markdown."""
    folder = data_dir("templates") / "drafts"
    return {f.stem: f.read_text("utf-8") for f in sorted(folder.glob("*.md"))}


def _check_chars(body: str, label: str, first_line: int) -> None:
    problems = []
    for n, line in enumerate(body.split("\n"), first_line):
        found = char_problem(line.replace("\t", " ").replace("\r", ""))
        if found:
            problems.append(Problem(Location(label, n), "", _("the text holds {what}", what=found[0]),
                                    found[1].format(what=_("the line"))))
    if problems:
        raise ProfileError(problems)


def _front_matter(doc: Document, file: Path, attachment: bool, recognised: bool = False) -> FrontMatter:
    conv = Converter(doc)
    raw = doc.data if isinstance(doc.data, dict) else {}
    if isinstance(raw.get("copy_no"), int) and not isinstance(raw.get("copy_no"), bool):
        conv.problem(("copy_no",), _("{value} was read as a number", value=raw["copy_no"]),
                     _("write the 6 digits of the copy number in quotes, e.g. {example}",
                       example='copy_no: "000123"'))
        raw = {k: v for k, v in raw.items() if k != "copy_no"}
    kwargs = conv.fields_of(FrontMatter, raw, ())
    if kwargs is INVALID:
        raise ProfileError(conv.problems)
    # a bad or misspelt key never hides the file's other problems: check the rest all the same
    invalid = {k for k, v in kwargs.items() if v is INVALID}
    front = FrontMatter(**{"title": "", **{k: v for k, v in kwargs.items() if v is not INVALID}})
    _check(conv, front, file, raw, attachment or recognised, invalid)
    if conv.problems:
        raise ProfileError(conv.problems)
    return front


def _check(conv: Converter, f: FrontMatter, file: Path, raw: dict, attachment: bool,
           invalid: set[str] = frozenset()) -> None:
    if len(f.title) > TITLE_MAX:
        conv.problem(("title",), _("the title is {chars} characters long (at most {limit})",
                                   chars=len(f.title), limit=TITLE_MAX),
                     _("shorten it: the title names the matter in one or two lines; the text goes "
                       "below"))
    if not f.title and "title" not in invalid:
        conv.problem(("title",), _("the document needs a title"),
                     _("add '{example}'", example="title: 关于……的通知"))
    if f.form in ("file", "letter") and not f.offices and not attachment:
        conv.problem((), _("a '{form}' document needs its issuing office", form=f.form),
                     _("add '{example}' (two or more for a joint document)",
                       example="offices: [中共某某镇委员会]"))
    if f.form == "minutes" and not (f.offices or f.mark):
        conv.problem((), _("minutes need the office whose minutes they are"),
                     _("add '{example}' (the red head becomes {mark}) or 'mark:'",
                       example="offices: [某某镇人民政府]", mark="某某镇人民政府会议纪要"))
    if f.mark and f.offices and len(f.mark) not in (1, len(f.offices)):
        conv.problem(("mark",), _("{marks} marks for {offices} offices", marks=len(f.mark),
                                  offices=len(f.offices)),
                     _("give one shared mark, or one mark per office in the same order"))
    if f.number and not (f.form == "minutes" and MINUTES_NUMBER.fullmatch(f.number)):
        _check_number(conv, f.number)
    elif f.form in ("file", "letter") and not attachment:
        conv.problem((), _("a '{form}' document needs its document number", form=f.form),
                     _("add '{example}' (prefix, the year in hexagonal brackets, serial number, "
                       "then the number sign)", example="number: 堂发〔2026〕12号"))
    if f.copy_no and not re.fullmatch(r"\d{6}", f.copy_no):
        conv.problem(("copy_no",), _("'{value}' is not a copy number of 6 digits",
                                     value=f.copy_no),
                     _("write 6 Arabic digits in quotes, e.g. {example}",
                       example='copy_no: "000123"'))
    if f.secrecy and not SECRECY.fullmatch(f.secrecy):
        conv.problem(("secrecy",), _("'{value}' is not a secrecy level", value=f.secrecy),
                     _("use {levels}, optionally with ★ and the period: {example}",
                       levels=listing(("绝密", "机密", "秘密")), example="秘密★1年"))
    if f.urgency and f.urgency not in URGENCY:
        conv.problem(("urgency",), _("'{value}' is not an urgency", value=f.urgency),
                     _("use {choices}", choices=listing(("特急", "加急"))))
    if f.signers and f.form != "file":
        conv.problem(("signers",), _("a '{form}' document has no signer line", form=f.form),
                     _("remove 'signers', or use form: file for a request or a report"))
    if f.form != "minutes" and "form" not in invalid:
        for key in _MINUTES_ONLY:
            if getattr(f, key):
                conv.problem((key,), _("'{key}' belongs to minutes only", key=key),
                             _("remove it, or set form: minutes"))
    day = _day(conv, ("date",), f.date)
    printed = _day(conv, ("printed",), f.printed)
    if day and printed and printed < day:
        conv.problem(("printed",), _("printed on {printed}, before the document's date {date}",
                                     printed=f.printed, date=f.date),
                     _("the printing date is the document's date or later"))
    for i, a in enumerate(f.attachments):
        if a.file is None:
            continue
        target = (file.parent / a.file)
        if not a.file.lower().endswith(".md"):
            conv.problem(("attachments", i, "file"), _("'{file}' is not a Markdown file",
                                                       file=a.file),
                         _("give the attachment as a .md file next to the document"))
        elif not inside(file.parent, a.file):
            conv.problem(("attachments", i, "file"),
                         _("'{file}' is not inside the folder of {document}", file=a.file,
                           document=file.name),
                         _("copy the attachment into the document's folder (or a folder below it) "
                           "and give its name relative to the document, e.g. {example}",
                           example="附件/名单.md"))
        elif not target.is_file():
            conv.problem(("attachments", i, "file"),
                         _("'{file}' does not exist next to {document}", file=a.file,
                           document=file.name),
                         _("check the file name, or remove 'file:' to list the attachment only"))


def inside(folder: Path, name: str) -> bool:
    """True when *name* (relative, no ``..``) resolves, links followed, inside *folder*."""
    rel = Path(name)
    if rel.is_absolute() or ".." in rel.parts or name.startswith(("/", "\\")) or ":" in name:
        return False
    try:
        return (folder / rel).resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


def _check_number(conv: Converter, number: str) -> None:
    if NUMBER.fullmatch(number):
        return
    compact = number.replace(" ", "").replace("\u3000", "")
    fixed = re.sub(r"[\[【(（]\s*(\d{4})\s*[\]】)）]", r"〔\1〕", compact)
    fixed = re.sub(r"〔(\d{4})〕第?0*([1-9]\d*)号", r"〔\1〕\2号", fixed)
    hint = (_("write it as {fixed}", fixed=fixed) if NUMBER.fullmatch(fixed) and fixed != number
            else _("write the prefix, the year in hexagonal brackets 〔〕, the serial without 第 or "
                   "leading zeros, then 号: {example}", example="堂发〔2026〕12号"))
    conv.problem(("number",), _("'{value}' is not a document number", value=number), hint)


def _day(conv: Converter, path: tuple, value: str) -> dt.date | None:
    if not value:
        return None
    m = _DATE.fullmatch(value.strip())
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        pass
    conv.problem(path, _("'{value}' is not a date", value=value),
                 _("write it as {example}", example="2026-12-01"))
    return None


def date_of(value: str) -> dt.date | None:
    """The date of a validated ``date``/``printed`` value, or None when it is empty."""
    m = _DATE.fullmatch(value.strip()) if value else None
    return dt.date(int(m[1]), int(m[2]), int(m[3])) if m else None


__all__ = ["INPUTS", "AttachmentRef", "Draft", "Finding", "FrontMatter", "date_of", "inside", "load_draft",
           "split_front_matter", "starters"]
