"""Read a clerk's Word draft (.docx) as text typed as text, for the recognition of
:mod:`paigen.docs._recognise`.

Whatever fonts and spacing the author liked are left behind; what the text says is kept:
paragraphs in order, Word's automatic list numbering rendered to the text it shows (一、 （一）
1. …), tables cell by cell (as ``|`` rows), bold runs (as ``**``), pictures in place. What has
no place in a GB/T 9704 document is listed, never dropped silently: text boxes, comments,
tracked changes and footnotes. The file passes the zip gate first (size, parts, ratio).
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path

from paigen.docs._recognise import Finding
from paigen.errors import Location, Problem, ProfileError
from paigen.i18n import _
from paigen.sources._gate import MB, Limits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
EMU_PER_MM = 36000
_CN = "一二三四五六七八九"
FORMATS = {"chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting",
           "chineseLegalSimplified", "ideographLegalTraditional", "taiwaneseCounting",
           "taiwaneseCountingThousand"}


def _refuse(label: str, message: str, fix: str) -> ProfileError:
    return ProfileError([Problem(Location(label), "", message, fix)])


def gate(file: Path, label: str, limits: Limits) -> None:
    """A regular file, within the size limit, whose parts unpack within the limits."""
    try:
        info = os.stat(file)
    except OSError as exc:
        raise _refuse(label, _("cannot read the file ({error})", error=exc.strerror or exc),
                      _("check the path")) from None
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(label, _("is not a regular file (a pipe, device or folder)"),
                      _("give the Word file (.docx)"))
    if info.st_size > limits.workbook_mb * MB:
        raise _refuse(label, _("the file is {size} MB, above the limit of {limit} MB",
                               size=f"{info.st_size / MB:.1f}", limit=f"{limits.workbook_mb:g}"),
                      _("make the pictures smaller, or raise limits.workbook_mb in paigen.yaml"))
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(label, _("is not a Word document (.docx): {error}", error=exc),
                      _("open it in Word or WPS and save it as .docx (Word 2007 and later)")) from None
    total = 0
    for m in members:
        total += m.file_size
        if m.file_size > limits.zip_member_mb * MB or (
                m.file_size > MB and m.file_size / max(m.compress_size, 1) > limits.zip_ratio):
            raise _refuse(label, _("the part {part} unpacks to {size} MB", part=m.filename,
                                   size=f"{m.file_size / MB:.0f}"),
                          _("this is not an ordinary Word file; save it again from Word or WPS"))
    if total > 4 * limits.zip_member_mb * MB:
        raise _refuse(label, _("the file unpacks to {size} MB in all", size=f"{total / MB:.0f}"),
                      _("save it again from Word or WPS with smaller pictures"))


def _number_text(fmt: str, n: int) -> str:
    if fmt in FORMATS:
        from paigen.docs._markup import chinese_number

        return chinese_number(n)
    if fmt == "decimalEnclosedParen":
        return f"（{n}）"
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("lowerLetter", "upperLetter"):
        c = chr(ord("a") + (n - 1) % 26)
        return c.upper() if fmt == "upperLetter" else c
    if fmt == "bullet" or fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """Word's list numbering: numId → levels (format, text, start), counted as the document goes."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.abstract_of: dict[str, str] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstracts = {}
        for ab in root.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in ab.findall(f"{W}lvl"):
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                levels[int(lvl.get(f"{W}ilvl", "0"))] = (
                    fmt.get(f"{W}val") if fmt is not None else "decimal",
                    text.get(f"{W}val") if text is not None else "",
                    int(start.get(f"{W}val")) if start is not None else 1)
            abstracts[ab.get(f"{W}abstractNumId")] = levels
        for num in root.findall(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is not None and ref.get(f"{W}val") in abstracts:
                self.levels[num.get(f"{W}numId")] = abstracts[ref.get(f"{W}val")]
                self.abstract_of[num.get(f"{W}numId")] = ref.get(f"{W}val")

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        key = self.abstract_of.get(num_id, num_id)
        counts = self.counters.setdefault(key, [0] * 10)
        for deeper in range(ilvl + 1, 10):
            counts[deeper] = 0
        counts[ilvl] += 1
        fmt, text, __ = levels[ilvl]
        if fmt in ("bullet", "none"):  # a bullet (often a private-use symbol) is not a number
            return ""

        def value(m: re.Match) -> str:
            level = int(m[1]) - 1
            lfmt, __, lstart = levels.get(level, ("decimal", "", 1))
            return _number_text(lfmt, counts[level] + lstart - 1 if counts[level] else lstart)

        return re.sub(r"%(\d)", value, text)


def _num_pr(paragraph) -> tuple[str, int] | None:
    ppr = paragraph._p.pPr
    found = ppr.find(f"{W}numPr") if ppr is not None else None
    style = paragraph.style
    while found is None and style is not None:
        sp = style.element.find(f"{W}pPr")
        found = sp.find(f"{W}numPr") if sp is not None else None
        style = style.base_style
    if found is None:
        return None
    num = found.find(f"{W}numId")
    lvl = found.find(f"{W}ilvl")
    if num is None or num.get(f"{W}val") == "0":
        return None
    return num.get(f"{W}val"), int(lvl.get(f"{W}val")) if lvl is not None else 0


def _texts(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


class _Reader:
    def __init__(self, document, label: str):
        self.doc = document
        self.label = label
        self.numbering = _Numbering(document)
        self.images: dict[str, tuple[bytes, float, float]] = {}
        self.findings: list[Finding] = []
        self.lines: list[str] = []
        self.comments = self._part_texts("comments", "comment")
        self.footnotes = self._part_texts("footnotes", "footnote")

    def _part_texts(self, reltype: str, tag: str) -> dict[str, str]:
        out = {}
        for rel in self.doc.part.rels.values():
            if rel.reltype.endswith("/" + reltype) and not rel.is_external:
                from lxml import etree

                try:
                    root = etree.fromstring(rel.target_part.blob)
                except etree.XMLSyntaxError:
                    continue
                for el in root.findall(f"{W}{tag}"):
                    out[el.get(f"{W}id")] = _texts(el).strip()
        return out

    def unplaced(self, what: str, text: str) -> None:
        shown = text if len(text) <= 40 else text[:40] + "……"
        self.findings.append(Finding("未排入", f"{what}“{shown}”" if shown else what,
                                     len(self.lines) + 1))

    def run_text(self, r) -> tuple[str, bool]:
        """The text of one run and whether it is bold; pictures become their own line."""
        parts = []
        for child in r:
            tag = child.tag
            if tag == f"{W}t":
                parts.append(child.text or "")
            elif tag in (f"{W}tab",):
                parts.append(" ")
            elif tag in (f"{W}br", f"{W}cr") and child.get(f"{W}type") != "page":
                parts.append("\n")
            elif tag == f"{W}footnoteReference":
                self.unplaced("脚注", self.footnotes.get(child.get(f"{W}id"), ""))
            elif tag == f"{W}commentReference":
                self.unplaced("批注", self.comments.get(child.get(f"{W}id"), ""))
            elif tag.endswith("}drawing") or tag.endswith("}pict") or tag.endswith("}AlternateContent"):
                boxes = list(child.iter(f"{W}txbxContent"))
                if boxes:
                    self.unplaced("文本框", _texts(boxes[0]).strip())
                    continue
                blip = next(child.iter(f"{A}blip"), None)
                extent = next(child.iter(f"{WP}extent"), None)
                rid = blip.get(f"{R}embed") if blip is not None else None
                if rid and rid in self.doc.part.related_parts and extent is not None:
                    name = f"图{len(self.images) + 1}"
                    w = int(extent.get("cx", "0")) / EMU_PER_MM
                    h = int(extent.get("cy", "0")) / EMU_PER_MM
                    self.images[name] = (self.doc.part.related_parts[rid].blob, w, h)
                    parts.append(f"\n![{name}]({name})\n")
                    self.findings.append(Finding("图片", f"{name}（{w:.0f} × {h:.0f} mm）"
                                                 "保留原位，缩放到版心"))
                elif child.tag.endswith("}pict"):
                    self.unplaced("图形", _texts(child).strip())
        rpr = r.find(f"{W}rPr")
        bold = rpr is not None and any(b.get(f"{W}val", "true") not in ("0", "false")
                                       for b in rpr.findall(f"{W}b"))
        return "".join(parts), bold

    def paragraph_text(self, p_el) -> str:
        runs: list[tuple[str, bool]] = []
        for child in p_el:
            tag = child.tag
            if tag == f"{W}r":
                runs.append(self.run_text(child))
            elif tag in (f"{W}hyperlink", f"{W}smartTag", f"{W}fldSimple", f"{W}customXml", f"{W}sdt"):
                runs += [self.run_text(r) for r in child.iter(f"{W}r")]
            elif tag == f"{W}ins":
                self.unplaced("修订（插入，未接受）", _texts(child).strip())
            elif tag == f"{W}del":
                text = "".join(t.text or "" for t in child.iter(f"{W}delText")).strip()
                self.unplaced("修订（删除，未接受）", text)
            elif tag == f"{W}commentRangeStart":
                pass
        visible = [(t, b) for t, b in runs if t.strip()]
        if visible and not all(b for __, b in visible) and any(b for __, b in visible):
            out = ""
            for t, b in runs:
                out += f"**{t}**" if b and t.strip() and "\n" not in t else t
            return out
        return "".join(t for t, __ in runs)

    def paragraph(self, paragraph) -> None:
        text = self.paragraph_text(paragraph._p)
        num = _num_pr(paragraph)
        label = self.numbering.label(*num) if num else ""
        style = paragraph.style.name if paragraph.style is not None else ""
        for k, line in enumerate(text.split("\n")):
            line = line.strip()
            if not line:
                continue
            if k == 0 and label:
                line = label + line
            elif k == 0 and re.fullmatch(r"(?i)heading ([1-4])", style) and not line.startswith("!"):
                line = "#" * int(style[-1]) + " " + line
            self.lines.append(line)

    def table(self, table) -> None:
        self.findings.append(Finding("表格", f"{len(table.rows)} 行 × {len(table.columns)} 列，按版心宽度排"))
        self.lines.append("")
        for row in table.rows:
            cells = []
            seen = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats
                    continue
                seen.add(id(cell._tc))
                text = " ".join(self.paragraph_text(p._p).replace("**", "") for p in cell.paragraphs)
                cells.append(re.sub(r"\s+", " ", text).strip().replace("|", "｜") or " ")
            self.lines.append("| " + " | ".join(cells) + " |")
        self.lines.append("")

    def read(self) -> None:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        body = self.doc.element.body
        for child in body.iterchildren():
            if child.tag == f"{W}p":
                self.paragraph(Paragraph(child, self.doc))
            elif child.tag == f"{W}tbl":
                self.table(Table(child, self.doc))
            elif child.tag == f"{W}sdt":
                for p in child.iter(f"{W}p"):
                    self.paragraph(Paragraph(p, self.doc))


def read_docx(file: Path, label: str, limits: Limits) -> tuple[str, dict, list[Finding]]:
    """(text, images, findings) of a Word draft; :class:`ProfileError` when it cannot be read."""
    gate(file, label, limits)
    import docx

    try:
        document = docx.Document(str(file))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise _refuse(label, _("cannot read the Word document ({error})",
                               error=type(exc).__name__),
                      _("open it in Word or WPS and save it again as .docx")) from None
    reader = _Reader(document, label)
    reader.read()
    text = "\n".join(reader.lines)
    if len(text) > limits.file_mb * MB:
        raise _refuse(label, _("holds more text than the limit of a document"),
                      _("split it, or raise limits.file_mb in paigen.yaml"))
    return text, reader.images, reader.findings


__all__ = ["gate", "read_docx"]
