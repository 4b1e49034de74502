"""The document form of ``paigen serve``: the front matter of ``paigen doc`` as fields, the text as
a text area, downloads of the .docx, the PDF and the Markdown file the CLI reads unchanged.

The fields become a front matter (YAML written by PyYAML, never by string pasting) above the
text; the file is validated and laid out by :mod:`paigen.docs.compose`, exactly as
``paigen doc`` does, in a temporary folder of its own under the server's data folder. No field
names a file: attachments are listed by title, or uploaded as files (.md, .txt, .docx) that are
stored under names the server chooses, so a request cannot read the server's files.

A clerk may upload a draft instead of typing: a Word .docx, a .txt or the .md this form
downloads; its structure is recognised as ``paigen doc`` recognises it and fills the form. 预览
lays the document out through LibreOffice and shows pages 1–2 as pictures, with the recognition
report above the buttons.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from paigen.docs.markdown import split_front_matter, starters
from paigen.errors import ProfileError
from paigen.i18n import N_, _, quoted

STEM = "公文"
MAX_FILES = 10  # one draft and up to nine attachment files a request


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "text"  # text | lines | select | check | date
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    forms: tuple[str, ...] = ("file", "letter", "minutes")  # the forms that use it


FIELDS = (
    Field("form", N_("Format"), "select",
          choices=(("file", N_("File format")), ("letter", N_("Letter format")),
                   ("minutes", N_("Minutes format")))),
    Field("offices", N_("Issuing office"), "lines",
          N_("One a line; two or more make a joint document, the leading office first")),
    Field("mark", N_("Issuing office's mark"), "lines",
          N_("May be left empty: the office's name followed by 文件 by default (a letter: the "
             "office's name; minutes: the office's name followed by 会议纪要)")),
    Field("number", N_("Document number"),
          help=N_("e.g. 堂发〔2026〕12号; minutes give their issue, e.g. 第3期")),
    Field("signers", N_("Signed off by"), "lines",
          N_("For a document to a higher office (请示, 报告), one person a line"), forms=("file",)),
    Field("copy_no", N_("Copy number"), help=N_("6 digits, e.g. 000012; may be left empty")),
    Field("secrecy", N_("Secrecy and its term"),
          help=N_("绝密, 机密 or 秘密, e.g. 秘密★1年; may be left empty")),
    Field("urgency", N_("Urgency"), "select",
          choices=(("", N_("(none)")), ("特急", N_("Extra urgent")), ("加急", N_("Urgent")))),
    Field("title", N_("Title"), help=N_("e.g. 关于申请拨付村级党群服务中心建设资金的请示")),
    Field("to", N_("Addressed to"), "lines", N_("One a line")),
    Field("attachments", N_("Attachments"), "lines", N_("One a line, listed in the attachment note")),
    Field("seal", N_("With the seal"), "check", forms=("file", "letter")),
    Field("date", N_("Date written"), "date"),
    Field("note", N_("Note"), help=N_("e.g. 联系人：李秀英，电话：0316-7212345")),
    Field("cc", N_("Copied to"), "lines", N_("One a line")),
    Field("printer", N_("Printed by"), help=N_("May be left empty: the issuing office's office by default"),
          forms=("file", "minutes")),
    Field("printed", N_("Date printed"), "date", forms=("file", "minutes")),
    Field("attendees", N_("Present"), "lines", N_("Minutes: one person a line (unit, name)"),
          forms=("minutes",)),
    Field("absent", N_("Absent"), "lines", N_("Minutes: one person a line"), forms=("minutes",)),
    Field("observers", N_("Attending"), "lines", N_("Minutes: one person a line"), forms=("minutes",)),
)
KEYS = {f.key: f for f in FIELDS}
_SPLIT = re.compile(r"[\r\n]+")


@dataclass
class Draft:
    """What the form shows: field values as strings (lines joined by newlines) and the text."""

    values: dict[str, str]
    body: str
    problems: dict[str, list[str]] = field(default_factory=dict)  # field key ("" = general) → messages
    report: list[str] = field(default_factory=list)  # what was recognised, corrected, not placed
    pages: list[str] = field(default_factory=list)  # 预览: data: URIs of pages 1–2
    attachments: list[tuple[str, bytes]] = field(default_factory=list)  # uploaded: (name, bytes)

    @property
    def form(self) -> str:
        return self.values.get("form") or "file"


ORDER = ("通知", "请示", "报告", "函", "纪要")


def kinds() -> list[str]:
    """The starters, the kinds a township writes most first."""
    names = list(starters())
    return sorted(names, key=lambda k: (ORDER.index(k) if k in ORDER else len(ORDER), k))


def starter(kind: str) -> Draft:
    """The starter of *kind* (通知, 请示 …) as form values; 请示 when *kind* is unknown."""
    texts = starters()
    source = texts.get(kind) or texts.get("请示") or next(iter(texts.values()))
    draft = from_markdown(source)
    draft.values.pop("printer", None)  # the default (发文机关 + 办公室) follows the office a clerk types
    from paigen.docs._meta import default_date

    for key in ("date", "printed"):  # today, not the day the starter was written
        if key in draft.values:
            draft.values[key] = default_date().isoformat()
    return draft


def from_markdown(source: str) -> Draft:
    """A document file with a front matter (as :func:`markdown` writes it) as form values; the
    front matter is read by the gated YAML reader of profiles (no alias bombs, no huge values)."""
    from paigen.sources._gate import Limits
    from paigen.sources.yamlfile import parse_yaml

    front, body, _first = split_front_matter(source)
    try:
        data = parse_yaml(front.encode("utf-8"), STEM + ".md", Limits.from_settings(None)).data or {}
    except ProfileError as exc:
        draft = _from_values({}, body)
        draft.problems = {"": [f"{p.message}（{p.fix}）" for p in exc.problems]}
        return draft
    return _from_values(data if isinstance(data, dict) else {}, body)


def _from_values(data: dict, body: str) -> Draft:
    values = {}
    for f in FIELDS:
        value = data.get(f.key)
        if f.key == "attachments" and isinstance(value, list):
            value = [v.get("title", "") if isinstance(v, dict) else v for v in value]
        if isinstance(value, list):
            values[f.key] = "\n".join(str(v) for v in value)
        elif isinstance(value, bool):
            values[f.key] = "on" if value else ""
        elif value is not None:
            values[f.key] = str(value)
    values.setdefault("form", "file")
    return Draft(values, body.strip() + "\n")


def from_form(form: dict[str, str]) -> Draft:
    values = {f.key: form.get(f.key, "").strip() for f in FIELDS}
    body = form.get("body", "").replace("\r\n", "\n")
    return Draft(values, body)


def markdown(draft: Draft) -> str:
    """The document file of *draft*: its front matter (only what the form uses) and its text."""
    form = draft.form
    data: dict = {}
    for f in FIELDS:
        raw = draft.values.get(f.key, "")
        if f.key != "form" and form not in f.forms:
            continue
        if f.kind == "check":
            data[f.key] = raw in ("on", "true", "1", "yes")
        elif f.kind == "lines":
            items = [line.strip() for line in _SPLIT.split(raw) if line.strip()]
            if items:
                data[f.key] = items
        elif raw:
            data[f.key] = raw
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)
    return f"---\n{front}---\n{draft.body.strip()}\n"


def _field_of(path: str) -> str:
    key = re.split(r"[.\[]", path, maxsplit=1)[0] if path else ""
    return key if key in KEYS or key == "body" else ""


def markdown_with_files(draft: Draft, names: list[str]) -> str:
    """:func:`markdown` with the uploaded attachment files named: the n-th file is the n-th
    listed attachment (a file without a listed title is listed by its own name)."""
    text = markdown(draft)
    if not names:
        return text
    front, body, _first = split_front_matter(text)
    data = yaml.safe_load(front) or {}
    titles = list(data.get("attachments") or [])
    for i, (shown, _data) in enumerate(draft.attachments):
        if i >= len(titles):
            titles.append(Path(shown).stem or f"附件{i + 1}")
    data["attachments"] = [{"title": t, "file": names[i]} if i < len(names) else t
                           for i, t in enumerate(titles)]
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)
    return f"---\n{dumped}---\n{body.strip()}\n"


def build(draft: Draft, fmt: str, data_dir: Path) -> tuple[bytes, str] | None:
    """The file of *draft* in *fmt* (docx, pdf, md, or preview: the PNGs of pages 1–2 in
    ``draft.pages``) and its name, or None with ``draft.problems`` filled when the document is
    invalid. ``draft.report`` gets the recognition report."""
    from paigen.docs.compose import document_docx, document_pdfs, load_document
    from paigen.model.settings import default_settings

    name = _file_stem(draft)
    if fmt == "md":
        return markdown(draft).encode("utf-8"), f"{name}.md"
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="document-", dir=data_dir) as tmp:
        names = []
        for i, (shown, data) in enumerate(draft.attachments, 1):
            names.append(f"附件{i}.md")
            problem = _attachment_markdown(shown, data, Path(tmp) / names[-1])
            if problem:
                draft.problems = {"attachments": [problem]}
                return None
        text = markdown_with_files(draft, names)
        source = Path(tmp) / f"{STEM}.md"
        source.write_text(text, encoding="utf-8")
        try:
            doc = load_document(source)
        except ProfileError as exc:
            draft.problems = {}
            for p in exc.problems:
                message = p.message + (_("({fix})", fix=p.fix) if p.fix else "")
                key = _field_of(p.path)
                if not key and p.location.line and _body_line(text, p.location.line):
                    key = "body"
                if p.location.file.endswith(tuple(names)) and names:
                    key = "attachments"
                draft.problems.setdefault(key, []).append(message)
            return None
        first = split_front_matter(text)[2]  # lines counted in the text box, not the file
        draft.report = [str(replace(f, line=f.line - first + 1) if f.line >= first else f)
                        .replace("（前置信息）", "（表单）") for f in doc.draft.report]
        settings = default_settings()
        docx = document_docx(doc, settings)
    if fmt == "docx":
        return docx, f"{name}.docx"
    pdfs = document_pdfs([docx], settings, preview=fmt == "preview")
    if not pdfs:
        draft.problems = {"": [_("LibreOffice is not installed on this computer: only the Word file "
                                 "(.docx) can be downloaded")]}
        return None
    if fmt == "preview":
        draft.pages = preview_pages(pdfs[0], data_dir)
        return b"", ""
    return pdfs[0], f"{name}.pdf"


def preview_pages(pdf: bytes, data_dir: Path, pages: int = 2, dpi: int = 60) -> list[str]:
    """Pages 1–*pages* of *pdf* as PNG data: URIs (poppler's pdftoppm)."""
    import base64
    import shutil
    import subprocess

    if shutil.which("pdftoppm") is None:
        return []
    with tempfile.TemporaryDirectory(prefix="preview-", dir=data_dir) as tmp:
        (Path(tmp) / "doc.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", str(pages), "-png",
                        str(Path(tmp) / "doc.pdf"), str(Path(tmp) / "page")],
                       check=False, capture_output=True, timeout=60)
        files = sorted(Path(tmp).glob("page*.png"))
        return ["data:image/png;base64," + base64.b64encode(f.read_bytes()).decode("ascii") for f in files]


UPLOADS = (".docx", ".txt", ".md")
ATTACHMENTS = (".docx", ".txt", ".md", ".xlsx")


def from_upload(name: str, data: bytes, data_dir: Path) -> Draft:
    """An uploaded draft as form values: the .md this form downloads as it was; a .docx, a
    .txt or a .md without a front matter recognised as ``paigen doc`` recognises it."""
    from paigen.docs._recognise import recognise
    from paigen.docs.markdown import _typed_as_text

    suffix = Path(name).suffix.lower()
    if suffix not in UPLOADS:
        draft = starter("通知")
        draft.problems = {"": [_("{name} is not a draft this page can open: upload a Word file (.docx), "
                                 "a text file (.txt) or an .md file downloaded from this page",
                                 name=quoted(name))]}
        return draft
    try:
        body, findings = _read_upload(suffix, data, data_dir)
    except ProfileError as exc:
        draft = starter("通知")
        draft.problems = {"": [_("{name}: {message} ({fix})", name=quoted(name), message=p.message, fix=p.fix)
                               for p in exc.problems]}
        return draft
    if suffix == ".md" and split_front_matter(body)[0].strip():
        draft = from_markdown(body)
        if not draft.problems:
            draft.report = [_("Opened {name}: the form is filled from its front matter", name=name)]
        return draft
    rec = recognise(body, {}, text_mode=suffix != ".md" or _typed_as_text(body))
    draft = _from_values(rec.values, rec.body)
    draft.report = [_("Opened {name}: what follows was recognised and filled into the form; check it",
                      name=name)]
    draft.report += [str(f) for f in findings + rec.findings]
    if any(f.what == "图片" for f in findings):
        draft.report.append(_("Note: the page cannot keep the draft's pictures; to keep them, convert "
                              "this .docx with paigen doc"))
    return draft


def _read_upload(suffix: str, data: bytes, data_dir: Path):
    """(text, findings) of an uploaded file, through the same gates as ``paigen doc``."""
    from paigen.docs._docx_in import read_docx
    from paigen.sources._gate import Limits, read_bytes
    from paigen.sources.yamlfile import decode

    limits = Limits.from_settings(None)
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="upload-", dir=data_dir) as tmp:
        file = Path(tmp) / f"{STEM}{suffix}"
        file.write_bytes(data)
        if suffix == ".docx":
            text, _name, findings = read_docx(file, file.name, limits)
            return text, findings
        if suffix == ".xlsx":
            return _sheet_table(file, limits), []
        text, _encoding = decode(read_bytes(file, file.name, limits.file_mb), file.name)
        return text, []


def _attachment_markdown(shown: str, data: bytes, target: Path) -> str:
    """Write an uploaded attachment as the Markdown of its page; '' or the problem to show."""
    suffix = Path(shown).suffix.lower()
    if suffix not in ATTACHMENTS:
        return _("The attachment {name} is not a .docx, .txt, .md or .xlsx file", name=quoted(shown))
    try:
        text, _found = _read_upload(suffix, data, target.parent)
    except ProfileError as exc:
        return _("The attachment {name}: {problems}", name=quoted(shown),
                 problems=_("; ").join(p.message for p in exc.problems))
    if suffix == ".md":
        text = split_front_matter(text)[1] if split_front_matter(text)[0].strip() else text
    target.write_text(text, encoding="utf-8")
    return ""


def _sheet_table(file: Path, limits) -> str:
    """The first sheet of a workbook as Markdown table rows (at most 200 rows × 12 columns)."""
    import openpyxl

    from paigen.sources._gate import check_workbook

    check_workbook(file, file.name, limits)
    book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    try:
        rows = []
        for row in book.worksheets[0].iter_rows(max_row=200, max_col=12, values_only=True):
            cells = ["" if v is None else str(v).replace("|", "｜").replace("\n", " ").strip() for v in row]
            if any(cells):
                rows.append(cells)
    finally:
        book.close()
    width = max((max(i for i, c in enumerate(r) if c) + 1 for r in rows), default=0)
    return "".join("| " + " | ".join(c or " " for c in r[:width]) + " |\n" for r in rows)


def _body_line(text: str, line: int) -> bool:
    """True when *line* of the generated file is in the text, not the front matter."""
    _front, _body, first = split_front_matter(text)
    return line >= first


def _file_stem(draft: Draft) -> str:
    """A download name from the title: 关于……的请示 (no path characters)."""
    title = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "", draft.values.get("title", "")).strip(" .")
    return title[:80] or STEM
