"""Write an official document to GB/T 9704-2012 as .docx: the layout is in the file by construction.

The writer owns the page (A4, 37/28 mm margins, a 156 × 225 mm text block, a line grid of 22
lines at exact 579-twip spacing and 28 characters of 3号 仿宋 a line), the 版头 (red issuing-office mark,
document number, red separator), title, addressee, body blocks, attachment note, signature and
date, 附注, attachments, the 版记 at the foot of the last page and the ``— N —`` page numbers.
Content arrives as :mod:`paigen.docs._blocks` records; each kind of block maps to one paragraph
style of :mod:`paigen.docs._styles`. Call the methods in document order, then :meth:`to_bytes`.
"""

from __future__ import annotations

import io

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.shared import Mm

from paigen.docs import _geometry as g
from paigen.docs._back import back_matter_xml
from paigen.docs._blocks import Attachment, Block, Heading, Image, Item, Paragraph, SignTable, Table
from paigen.docs._fonts import GlyphTop, Measure, em_width, ideograph_bottom, ideograph_top
from paigen.docs._heads import file_head, letter_head
from paigen.docs._lines import break_lines
from paigen.docs._package import finish_package
from paigen.docs._pieces import BackMatter, LetterHead, Masthead
from paigen.docs._signature import SEAL_ROW_LINES, JointSignature, Signature, joint_layout, layout
from paigen.docs._styles import BACK_ANCHOR_ID, W, styles_xml
from paigen.docs._tablefit import fitted
from paigen.docs._titles import title_lines
from paigen.docs._xml import line_break, ppr, run, text_width

HEADING_STYLES = {1: "Heading1", 2: "Heading2", 3: "Heading3", 4: "Heading4"}
# A run-in heading (（一）加强组织领导。followed by body text) is a body paragraph whose first run
# carries the heading's character style: the heading's font, set where the style is.
RUNIN_STYLES = {1: "Heading1Char", 2: "Heading2Char", 3: "Heading3Char", 4: "Heading4Char"}
# Measured in LibreOffice (tests/test_docs.py checks both):
# mm from the page bottom to the footer line: the 一字线's ink 7 mm below the block (its top
# edge, as GB/T 9704 §7.5 measures it, for a dash at Noto Serif CJK's height)
FOOTER_DISTANCE = 25.6
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class OfficialWriter:
    """Build one GB/T 9704 document."""

    def __init__(self, red: str, title: str = "", author: str = "", measure: Measure = em_width,
                 glyph_top: GlyphTop = ideograph_top, glyph_bottom: GlyphTop = ideograph_bottom,
                 fit_tables: bool = False):
        self.fit_tables = fit_tables  # a draft's tables: 3号 when they fit, else 4号 (_tablefit)
        self.red = red.lstrip("#").upper()
        self.keep_words: tuple[str, ...] = ()  # names a title must not break inside (the township's …)
        self.measure = measure
        self.glyph_top = glyph_top
        self.glyph_bottom = glyph_bottom
        self.doc = Document()
        self._body = self.doc.element.body
        self._pending_gap = 0  # blank lines owed before the next paragraph
        self._shapes = 0  # drawing ids (a letter's rules)
        self._styles()
        self._section()
        self._page_numbers()
        self._settings()
        props = self.doc.core_properties
        props.title, props.author, props.last_modified_by = title, author, author
        props.revision = 1
        props.comments = props.keywords = props.subject = props.category = ""

    # -- set-up ------------------------------------------------------------------------------

    def _styles(self) -> None:
        styles = self.doc.styles.element
        for child in list(styles):
            styles.remove(child)
        for child in parse_xml(styles_xml(self.red)):
            styles.append(child)
        # stylesWithEffects repeats the template's theme-font styles; Word rebuilds it if wanted.
        # The thumbnail and customXml parts of the template are not this document's.
        drop = ("/stylesWithEffects", RT.THUMBNAIL, RT.CUSTOM_XML)
        for rels in (self.doc.part.rels, self.doc.part.package.rels):
            for rid, rel in list(rels.items()):
                if rel.reltype.endswith(drop):
                    rels.pop(rid)

    def _section(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(g.PAGE_W), Mm(g.PAGE_H)
        section.top_margin, section.bottom_margin = Mm(g.TOP), Mm(g.BOTTOM)
        section.left_margin, section.right_margin = Mm(g.LEFT), Mm(g.RIGHT)
        section.gutter = 0
        section.header_distance = Mm(15)
        section.footer_distance = Mm(FOOTER_DISTANCE)
        sect = section._sectPr
        for grid in sect.findall(f"{{{_W_NS}}}docGrid"):
            sect.remove(grid)
        sect.append(parse_xml(f'<w:docGrid {W} w:type="lines" w:linePitch="{g.LINE_TWIPS}"/>'))
        for key in list(sect.attrib):
            del sect.attrib[key]  # rsid stamps of the template

    def _page_numbers(self) -> None:
        """``— N —`` in 4号 宋体: odd pages right, even pages left, one character in."""
        section = self.doc.sections[0]
        one = round(g.FOOTER_PT * 20)
        for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
            footer.is_linked_to_previous = False
            root = footer._element
            for p in list(root):
                root.remove(p)
            ind = f'w:right="{one}"' if side == "right" else f'w:left="{one}"'
            field = (
                '<w:r><w:rPr>{f}</w:rPr><w:fldChar w:fldCharType="begin"/></w:r>'
                '<w:r><w:rPr>{f}</w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
                '<w:r><w:rPr>{f}</w:rPr><w:fldChar w:fldCharType="separate"/></w:r>'
                '<w:r><w:rPr>{f}</w:rPr><w:t>1</w:t></w:r>'
                '<w:r><w:rPr>{f}</w:rPr><w:fldChar w:fldCharType="end"/></w:r>'
            ).replace("<w:rPr>{f}</w:rPr>", "")
            xml = (f'<w:p {W}>{ppr("PageNumber", ind=ind, jc=side)}'
                   f'{run("— ")}{field}{run(" —")}</w:p>')
            root.append(parse_xml(xml))

    def _settings(self) -> None:
        self.doc.settings.odd_and_even_pages_header_footer = True
        settings = self.doc.settings.element
        for child in list(settings):
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "rsids":
                settings.remove(child)
            elif tag == "themeFontLang":
                child.set(f"{{{_W_NS}}}eastAsia", "zh-CN")
            elif tag == "characterSpacingControl":
                child.set(f"{{{_W_NS}}}val", "doNotCompress")

    # -- low level ---------------------------------------------------------------------------

    def _append(self, xml: str) -> None:
        element = parse_xml(xml)
        self._body.sectPr.addprevious(element)
        self._last = element

    def body_paragraph(self, segments: list[tuple[str, str]], style: str = "Body") -> None:
        """A body paragraph of (text, character style) runs; remembered so that the signature
        can take its last two lines along (:meth:`keep_with_next`)."""
        self.paragraph(style, "".join(run(text, cs) for text, cs in segments if text))
        self._body_para = (self._last, style, segments)

    def keep_with_next(self) -> None:
        """Keep the end of the last paragraph on the page of the next one (署名 never alone).

        LibreOffice moves a whole keep-with-next paragraph to the next page, leaving the page
        before half empty; a body paragraph of three lines or more is therefore split where its
        last two lines begin (the grid's own line breaks, :mod:`paigen.docs._lines`) and only
        that tail is kept with what follows.
        """
        last = getattr(self, "_last", None)
        if last is None or last.tag != f"{{{_W_NS}}}p":
            return
        body = getattr(self, "_body_para", None)
        if body is not None and body[0] is last:
            _, style, segments = body
            text = "".join(t for t, _ in segments)
            lines = break_lines(text, self.measure)
            if len(lines) >= 3:
                cut = len(text) - len(lines[-2]) - len(lines[-1])
                head, tail = _split_segments(segments, cut)
                parent = last.getparent()
                index = parent.index(last)
                parent.remove(last)
                self._last = None
                head_runs = "".join(run(t, cs) for t, cs in head if t)
                parent.insert(index, parse_xml(f"<w:p {W}>{ppr(style)}{head_runs}</w:p>"))
                # the tail continues the paragraph: no first-line indent
                no_indent = 'w:firstLine="0" w:firstLineChars="0"'
                tail_runs = "".join(run(t, cs) for t, cs in tail if t)
                self._append(f"<w:p {W}>{ppr(style, ind=no_indent)}{tail_runs}</w:p>")
                last = self._last
        ppr_el = last.find(f"{{{_W_NS}}}pPr")
        style_el = ppr_el.find(f"{{{_W_NS}}}pStyle")
        for old in ppr_el.findall(f"{{{_W_NS}}}keepNext"):
            ppr_el.remove(old)
        style_el.addnext(parse_xml(f"<w:keepNext {W}/>"))

    def paragraph(self, style: str, runs: str, **kw) -> None:
        gap = self._pending_gap
        self._pending_gap = 0
        if gap and "before" not in kw and not kw.get("page_break"):
            kw["before"] = gap * g.LINE_TWIPS
        self._append(f"<w:p {W}>{ppr(style, **kw)}{runs}</w:p>")

    def gap(self, lines: int) -> None:
        """Leave *lines* blank lines (空N行) before the next paragraph."""
        self._pending_gap = max(self._pending_gap, lines)

    # -- 版头 ------------------------------------------------------------------------------

    def masthead(self, head: Masthead) -> None:
        """The 版头 of the 文件 and 纪要 forms (:func:`paigen.docs._heads.file_head`)."""
        file_head(self, head)

    def letterhead(self, head: LetterHead) -> None:
        """The head of a letter (信函格式, :func:`paigen.docs._heads.letter_head`)."""
        letter_head(self, head)

    def first_page_without_number(self) -> None:
        """No page number on page one (a letter's first page, §10.1)."""
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        for part in (section.first_page_header, section.first_page_footer):
            part.is_linked_to_previous = False

    def next_shape_id(self) -> int:
        self._shapes += 1
        return self._shapes

    # -- 主体 ------------------------------------------------------------------------------

    def title(self, text: str, page_break: bool = False, after: int = 1) -> None:
        """The title in 2号 小标宋, centred; long titles break into balanced lines."""
        lines = title_lines(text, keep=self.keep_words)
        runs = line_break().join(run(part) for part in lines)
        self.paragraph("Title", runs, page_break=page_break)
        self.gap(after)

    def addressee(self, text: str) -> None:
        text = text.rstrip("：:") + "："
        self.paragraph("Addressee", run(text))
        self._pending_gap = 0

    def blocks(self, blocks: tuple[Block, ...] | list[Block]) -> None:
        for block in blocks:
            if isinstance(block, Heading) and block.runin:
                self.body_paragraph([(f"{block.number}{block.text}", RUNIN_STYLES[block.level]),
                                     (block.runin, "")])
            elif isinstance(block, Heading):
                # a heading alone on its line stays with what follows (its style keeps it)
                self.paragraph(HEADING_STYLES[block.level], run(f"{block.number}{block.text}"))
            elif isinstance(block, Item):
                self.body_paragraph([(f"{block.number}{block.text}", "")])
            elif isinstance(block, Paragraph):
                self.body_paragraph([(t, "Strong" if bold else "") for t, bold in block.spans]
                                    or [(block.text, "")])
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, SignTable):
                self.sign_table(block)
            elif isinstance(block, Image):
                self.image(block)
            else:  # pragma: no cover - the block union is closed
                raise TypeError(block)

    def attachment_note(self, titles: list[str], signed: bool = False) -> None:
        """附件：1.名称 — one line below the body, two characters in, wrapped lines aligned.

        *signed*: a signature follows, so the note stays with it and with the body's last lines.
        """
        if not titles:
            return
        if signed:
            self.keep_with_next()
        self.gap(1)
        many = len(titles) > 1
        for i, name in enumerate(titles, 1):
            number = f"{i}." if many else ""
            lead = "附件：" if i == 1 else ""
            hang = text_width(number)
            left = 2 + 3 + hang
            first = -(text_width(lead) + hang)
            ind = f'w:left="{g.chars(left)}" w:hanging="{g.chars(-first)}"'
            self.paragraph("AttachmentNote", run(f"{lead}{number}{name}"), ind=ind,
                           keep_next=True if signed else None)

    def signature(self, sig: Signature | JointSignature) -> None:
        """署名 and 成文日期 to GB/T 9704 §7.3.5 (:mod:`paigen.docs._signature`), kept on the
        page of the body's last lines."""
        if isinstance(sig, JointSignature):
            self._joint_signature(sig)
            return
        place = layout(sig, self.measure)
        self.gap(place.gap_lines)
        self.keep_with_next()
        self.paragraph("Signature", run(sig.office), ind=f'w:right="{place.office_right}"',
                       keep_next=True)
        self.paragraph("DocDate", run(sig.date), ind=f'w:right="{place.date_right}"')

    def _joint_signature(self, sig: JointSignature) -> None:
        place = joint_layout(sig, self.measure)
        self.gap(place.gap_lines)
        self.keep_with_next()
        tab_run = "<w:r><w:tab/></w:r>"
        for i, row in enumerate(place.rows):
            if i:
                self.gap(SEAL_ROW_LINES - 1 if place.centred else 0)
            if place.centred:  # centre tabs under each seal
                tabs = "".join(f'<w:tab w:val="center" w:pos="{x}"/>' for _, x in row)
                runs = "".join(tab_run + run(office) for office, _ in row)
                self.paragraph("Signature", runs, tabs=tabs, jc="left", keep_next=True)
            else:
                ((office, right),) = row
                self.paragraph("Signature", run(office), ind=f'w:right="{right}"', keep_next=True)
        self.paragraph("DocDate", run(sig.date), ind=f'w:right="{place.date_right}"')

    def attendance(self, rows: list[tuple[str, tuple[str, ...]]]) -> None:
        """纪要: 出席/请假/列席 in 黑体 two characters in, one line below the text; the names in
        仿宋 after the colon, wrapped lines aligned with the first name (§10.3)."""
        rows = [(label, names) for label, names in rows if names]
        if not rows:
            return
        self.keep_with_next()  # the text's last lines go with the attendance, never left behind
        self.gap(1)
        for i, (label, names) in enumerate(rows):
            lead = f"{label}："
            hang = text_width(lead)
            ind = f'w:left="{g.chars(2 + hang)}" w:hanging="{g.chars(hang)}"'
            self.paragraph("Attendance", run(lead, "AttendanceLabel") + run("、".join(names)), ind=ind,
                           keep_next=True if i < len(rows) - 1 else None)

    def note(self, text: str) -> None:
        """附注: in round brackets, two characters in, on the line below the date."""
        if text:
            text = text if text.startswith("（") else f"（{text}）"
            self.keep_with_next()  # the note goes where the date goes
            self.paragraph("Note", run(text))

    def issued(self, title: str, blocks: tuple[Block, ...]) -> None:
        """The document a 印发 notice carries: its own page, title, then its body."""
        self.title(title, page_break=True)
        self.blocks(blocks)

    def attachments(self, items: tuple[Attachment, ...] | list[Attachment],
                    numbers: tuple[int, ...] | list[int] = (), count: int = 0) -> None:
        """Each attachment on a new page: 附件N in 黑体 top left, the title on the third line.

        *numbers* are the attachments' numbers in the 附件说明 of *count* entries when only some
        of the listed attachments come with their pages (default: 1, 2, … of these).
        """
        count = count or len(items)
        numbers = list(numbers) or list(range(1, len(items) + 1))
        for number, item in zip(numbers, items, strict=True):
            label = f"附件{number}" if count > 1 else "附件"
            self.paragraph("AttachmentLabel", run(label), page_break=True)
            self.gap(1)
            self.title(item.title)
            self.blocks(item.blocks)

    # -- tables ------------------------------------------------------------------------------

    def table(self, table: Table) -> None:
        if table.caption:
            self.paragraph("TableCaption", run(table.caption))
        self._table_gap()
        rows = table.rows
        cols = max(len(r) for r in rows)
        widths = column_widths(rows, table.widths)
        suffix = ""
        if self.fit_tables:
            size, widths = fitted(rows, widths)
            suffix = "3" if size == 16.0 else "4"
        long = [max(text_width(r[c]) if c < len(r) else 0 for r in rows[1:] or rows) > 10
                for c in range(cols)]
        xml = [self._table_open(widths)]
        for n, row in enumerate(rows):
            head = n == 0
            xml.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if head else "") + "</w:trPr>")
            for c in range(cols):
                text = row[c] if c < len(row) else ""
                style = ("TableHeader" if head else "TableText") + suffix
                jc = "center" if head or not long[c] else "left"
                xml.append(f'<w:tc><w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/></w:tcPr>'
                           f'<w:p>{ppr(style, jc=jc)}{run(text)}</w:p></w:tc>')
            xml.append("</w:tr>")
        xml.append("</w:tbl>")
        self._append("".join(xml))
        self.gap(1)

    def _table_gap(self) -> None:
        """A table has no space before: owed blank lines become one empty paragraph that high."""
        if self._pending_gap:
            lines, self._pending_gap = self._pending_gap, 0
            self._append(f'<w:p {W}>{ppr("Normal", line=lines * g.LINE_TWIPS, snap=False)}</w:p>')

    def _table_open(self, widths: list[int]) -> str:
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        return (f'<w:tbl {W}><w:tblPr><w:tblStyle w:val="OfficialTable"/>'
                f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
                '<w:tblLayout w:type="fixed"/></w:tblPr>'
                f"<w:tblGrid>{grid}</w:tblGrid>")

    def sign_table(self, table: SignTable) -> None:
        """The sign-off table: party, signatures (two lines high), date."""
        if table.caption:
            self.paragraph("TableCaption", run(table.caption), keep_next=True)
        self._table_gap()
        total = g.twips(g.BLOCK_W)
        widths = [round(total * 0.34), round(total * 0.44)]
        widths.append(total - sum(widths))
        xml = [self._table_open(widths)]
        height = 2 * g.LINE_TWIPS
        for n, cells in enumerate([("单位（职务）", "签字", "日期"), *((p, "", "") for p in table.parties)]):
            head = n == 0
            tr = "<w:tblHeader/>" if head else f'<w:trHeight w:val="{height}" w:hRule="atLeast"/>'
            xml.append(f"<w:tr><w:trPr><w:cantSplit/>{tr}</w:trPr>")
            last = n == len(table.parties)
            for c, text in enumerate(cells):
                style = "TableHeader" if head else "TableText"
                xml.append(f'<w:tc><w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/></w:tcPr>'
                           f'<w:p>{ppr(style, keep_next=not last)}{run(text)}</w:p></w:tc>')
            xml.append("</w:tr>")
        xml.append("</w:tbl>")
        self._append("".join(xml))
        self.gap(1)

    # -- pictures ----------------------------------------------------------------------------

    def image(self, image: Image) -> None:
        """A picture in place, centred, scaled down to fit the text block (never enlarged); its
        paragraph leaves the line grid so that the picture is never clipped to one line."""
        import io as _io

        scale = min(1.0, g.BLOCK_W / max(image.width_mm, 1),
                    (g.BLOCK_H - 2 * g.LINE_MM) / max(image.height_mm, 1))
        inline = self.doc.part.new_pic_inline(_io.BytesIO(image.data), Mm(image.width_mm * scale),
                                              Mm(image.height_mm * scale))
        self._table_gap()
        self._append(f'<w:p {W}><w:pPr><w:pStyle w:val="Normal"/><w:keepNext w:val="0"/>'
                     '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" '
                     'w:lineRule="auto"/><w:ind w:firstLine="0" w:firstLineChars="0"/>'
                     f'<w:jc w:val="center"/></w:pPr><w:r><w:drawing/></w:r></w:p>')
        self._last.find(f"{{{_W_NS}}}r/{{{_W_NS}}}drawing").append(inline)

    # -- 版记 ------------------------------------------------------------------------------

    def back_matter(self, piece: BackMatter) -> None:
        """抄送 and 印发 on the last line of the last page (:mod:`paigen.docs._back`)."""
        self._append(back_matter_xml(piece))
        # the paragraph a floating table is anchored to: empty and as small as possible
        # (its style's name lets the PDF converter find it: the 版记 belongs on an even page)
        self._append(f'<w:p {W}>{ppr(BACK_ANCHOR_ID)}</w:p>')

    # -- output ------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return finish_package(out.getvalue())



def _split_segments(segments: list[tuple[str, str]], cut: int):
    """Runs before and after character *cut*, each keeping its character style."""
    head, tail, pos = [], [], 0
    for text, cs in segments:
        if pos + len(text) <= cut:
            head.append((text, cs))
        elif pos >= cut:
            tail.append((text, cs))
        else:
            head.append((text[: cut - pos], cs))
            tail.append((text[cut - pos:], cs))
        pos += len(text)
    return head, tail


def column_widths(rows: tuple[tuple[str, ...], ...], given: tuple[float, ...]) -> list[int]:
    """Column widths in twips filling the text block, from proportions or the content."""
    cols = max(len(r) for r in rows)
    if given and len(given) == cols:
        weights = list(given)
    else:
        weights = []
        for c in range(cols):
            longest = max(text_width(r[c]) if c < len(r) else 0 for r in rows)
            weights.append(min(max(longest, 2.5), 24))
    total = g.twips(g.BLOCK_W)
    widths = [round(total * w / sum(weights)) for w in weights]
    widths[-1] = total - sum(widths[:-1])
    return widths
