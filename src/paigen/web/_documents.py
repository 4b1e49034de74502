"""The document form of ``paigen serve``: the front matter of ``paigen doc`` as fields, the text as
a text area, downloads of the .docx, the PDF and the Markdown file the CLI reads unchanged.

The fields become a front matter (YAML written by PyYAML, never by string pasting) above the
text; the file is validated and laid out by :mod:`paigen.docs.compose`, exactly as
``paigen doc`` does, in a temporary folder of its own under the server's data folder. No field
names a file: attachments are listed by title only, so a request cannot read the server's files.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from paigen.docs.markdown import split_front_matter, starters
from paigen.errors import ProfileError

STEM = "公文"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "text"  # text | lines | select | check | date
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    forms: tuple[str, ...] = ("file", "letter", "minutes")  # the forms that use it


FIELDS = (
    Field("form", "格式", "select",
          choices=(("file", "文件格式"), ("letter", "信函格式"), ("minutes", "纪要格式"))),
    Field("offices", "发文机关", "lines", "每行一个；两个以上为联合行文，主办机关在前"),
    Field("mark", "发文机关标志", "lines",
          "可不填：默认为“机关名称+文件”（信函为机关名称，纪要为“机关名称+会议纪要”）"),
    Field("number", "发文字号", help="如 堂发〔2026〕12号；纪要填期号，如 第3期"),
    Field("signers", "签发人", "lines", "上行文（请示、报告）填写，每行一人", forms=("file",)),
    Field("copy_no", "份号", help="6位数字，如 000012；可不填"),
    Field("secrecy", "密级和保密期限", help="绝密、机密或秘密，如 秘密★1年；可不填"),
    Field("urgency", "紧急程度", "select", choices=(("", "（无）"), ("特急", "特急"), ("加急", "加急"))),
    Field("title", "标题", help="如 关于申请拨付村级党群服务中心建设资金的请示"),
    Field("to", "主送机关", "lines", "每行一个"),
    Field("attachments", "附件名称", "lines", "每行一个，列入附件说明"),
    Field("seal", "加盖印章", "check", forms=("file", "letter")),
    Field("date", "成文日期", "date"),
    Field("note", "附注", help="如 联系人：李秀英，电话：0316-7212345"),
    Field("cc", "抄送机关", "lines", "每行一个"),
    Field("printer", "印发机关", help="可不填：默认为发文机关+办公室", forms=("file", "minutes")),
    Field("printed", "印发日期", "date", forms=("file", "minutes")),
    Field("attendees", "出席", "lines", "纪要：每行一人（单位、姓名）", forms=("minutes",)),
    Field("absent", "请假", "lines", "纪要：每行一人", forms=("minutes",)),
    Field("observers", "列席", "lines", "纪要：每行一人", forms=("minutes",)),
)
KEYS = {f.key: f for f in FIELDS}
_SPLIT = re.compile(r"[\r\n]+")


@dataclass
class Draft:
    """What the form shows: field values as strings (lines joined by newlines) and the text."""

    values: dict[str, str]
    body: str
    problems: dict[str, list[str]] = field(default_factory=dict)  # field key ("" = general) → messages

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
    front, body, _ = split_front_matter(source)
    data = yaml.safe_load(front) or {}
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
    values.pop("printer", None)  # the default (发文机关 + 办公室) follows the office a clerk types
    from paigen.docs._meta import default_date

    for key in ("date", "printed"):  # today, not the day the starter was written
        if key in values:
            values[key] = default_date().isoformat()
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


def build(draft: Draft, fmt: str, data_dir: Path) -> tuple[bytes, str] | None:
    """The file of *draft* in *fmt* (docx, pdf, md) and its name, or None with
    ``draft.problems`` filled when the document is invalid."""
    from paigen.docs.compose import document_docx, document_pdfs, load_document
    from paigen.model.settings import default_settings

    text = markdown(draft)
    name = _file_stem(draft)
    if fmt == "md":
        return text.encode("utf-8"), f"{name}.md"
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="document-", dir=data_dir) as tmp:
        source = Path(tmp) / f"{STEM}.md"
        source.write_text(text, encoding="utf-8")
        try:
            doc = load_document(source)
        except ProfileError as exc:
            draft.problems = {}
            for p in exc.problems:
                message = p.message + (f"（{p.fix}）" if p.fix else "")
                key = _field_of(p.path)
                if not key and p.location.line and _body_line(text, p.location.line):
                    key = "body"
                draft.problems.setdefault(key, []).append(message)
            return None
        settings = default_settings()
        docx = document_docx(doc, settings)
    if fmt == "docx":
        return docx, f"{name}.docx"
    pdfs = document_pdfs([docx], settings)
    if not pdfs:
        draft.problems = {"": ["这台电脑没有安装 LibreOffice，只能下载 Word 文件（.docx）"]}
        return None
    return pdfs[0], f"{name}.pdf"


def _body_line(text: str, line: int) -> bool:
    """True when *line* of the generated file is in the text, not the front matter."""
    _, _, first = split_front_matter(text)
    return line >= first


def _file_stem(draft: Draft) -> str:
    """A download name from the title: 关于……的请示 (no path characters)."""
    title = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "", draft.values.get("title", "")).strip(" .")
    return title[:80] or STEM
