"""The 版头 of each document form, written into an :class:`~paigen.docs._writer.OfficialWriter`.

* 文件格式 (GB/T 9704-2012 §7.2): 份号, 密级 and 紧急程度 top left, one a line, in that order; the
  red 发文机关标志 with its ink 35 mm below the top of the text block — one line, or for a
  联合行文 the offices' names stacked with 文件 on their right, centred on them; the 发文字号 two
  lines below, centred, or for a 上行文 one character in from the left on the line of the last
  签发人, who stand one character in from the right; the red rule 4 mm below the number.
* 纪要格式 (§10.3): the same head with the "…纪要" mark and the 期号, and the line of the
  issuing office and date above the rule.
* 信函格式 (§10.1): the office's name in red with its ink 30 mm below the page's top edge,
  floating above the text block; red double rules (thick over thin) 4 mm under it and (thin
  over thick) 20 mm above the page's bottom edge, 170 mm long; 份号 … top left and the number
  flush right under the rule, 7/8 of a 3号 character below it; no page number on page one.

Positions come from the faces that render the text (ink tops and bottoms, advance widths), as
for the kit's documents; the tests measure them on LibreOffice's PDF.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from paigen.docs import _geometry as g
from paigen.docs._pieces import LetterHead, Masthead, Security
from paigen.docs._styles import W
from paigen.docs._xml import ppr, run, text_width

if TYPE_CHECKING:
    from paigen.docs._fonts import GlyphTop, Measure


class OfficialWriter(Protocol):
    """What a 版头 needs of the document it is written into
    (:class:`paigen.docs._writer.OfficialWriter`, which imports this module)."""

    red: str
    measure: Measure
    glyph_top: GlyphTop
    glyph_bottom: GlyphTop
    _pending_gap: int

    def _append(self, xml: str) -> None: ...
    def paragraph(self, style: str, runs: str, **kw) -> None: ...
    def gap(self, lines: int) -> None: ...
    def first_page_without_number(self) -> None: ...
    def next_shape_id(self) -> int: ...

# Height of the mark's exact line in em and where LibreOffice puts its baseline (measured; see
# paigen.docs._writer)
EM_LINE = 1.24
BASELINE_EM = 1.005
NUMBER_RULE_SPACE = 5  # pt from the number's line to the red rule: 4 mm below its characters
RULE_PT = 1.0
LETTER_MARK_TOP = 30.0  # mm from the page's top edge to the ink of a letter's office name
LETTER_MARK_MAX_MM = 12.0  # widest character of a letter's office name
LETTER_RULE_GAP = 4.0  # mm from the name's ink to the double rule
LETTER_RULE_LENGTH = 170.0
LETTER_BOTTOM_RULE = 20.0  # mm from the page's bottom edge to the lower double rule
DOUBLE_RULE = (0.75, 0.5, 0.25)  # mm: thick line, gap, thin line
SEVEN_EIGHTHS = 7 / 8 * g.BODY_PT * g.MM_PER_PT  # 4.94 mm: 7/8 of a 3号 character
_EMU_PER_MM = 36000


def mark_size(mark: str, max_mm: float = g.MARK_MAX_MM, extra_chars: float = 0.0) -> float:
    """Font size (pt) of an issuing-office mark: as large as fits, at most *max_mm* a character."""
    n = max(1.0, text_width(mark) + extra_chars)
    mm = min(max_mm, g.BLOCK_W * 0.96 / n)
    return round(g.pt(mm) * 2) / 2


def _ink_offset(w: OfficialWriter, text: str, size: float, role: str) -> float:
    """mm from the top of an exact 1.24 em line to the ink of *text* set at *size* in it."""
    return (BASELINE_EM - w.glyph_top(text, role)) * size * g.MM_PER_PT


def _line(size: float) -> int:
    return round(size * EM_LINE * 20)


def _plain_twips(w: OfficialWriter, text: str, role: str, size: float = g.BODY_PT) -> float:
    """Width of off-grid text (no tracking) in twips."""
    return w.measure(text, role) * size * 20


# -- 份号, 密级, 紧急程度 -------------------------------------------------------------------

_SECURITY_STYLE = {"copy": "CopyNumber", "secrecy": "Secrecy", "urgency": "Urgency"}


def security_lines(w: OfficialWriter, security: Security) -> int:
    """份号, 密级和保密期限, 紧急程度 flush left, one a grid line from the top; their count."""
    lines = security.lines
    for kind, text in lines:
        w.paragraph(_SECURITY_STYLE[kind], run(text))
    return len(lines)


# -- 文件格式 and 纪要格式 ----------------------------------------------------------------

def file_head(w: OfficialWriter, head: Masthead) -> None:
    used = security_lines(w, head.security) * g.LINE_MM
    names = [n for n in head.names if n]
    if len(names) > 1:
        _stacked_mark(w, names, head.suffix, used)
    else:
        mark = head.mark
        size = mark_size(mark)
        before = g.MARK_GAP - used - _ink_offset(w, mark, size, "title")
        w.paragraph("Mark", run(mark, size=size, color=w.red), before=g.twips(before), line=_line(size))
    border = (f'<w:bottom w:val="single" w:sz="{round(RULE_PT * 8)}" w:space="{NUMBER_RULE_SPACE}" '
              f'w:color="{w.red}"/>')
    issuer = head.issuer
    if head.signers:
        _number_and_signers(w, head.number, head.signers, border)
    elif head.number:
        w.paragraph("DocNumber", run(head.number), before=2 * g.LINE_TWIPS,
                    border="" if issuer else border)
    if issuer:
        before = 0 if head.number else 2 * g.LINE_TWIPS
        full = g.twips(g.BLOCK_W)
        tab = f'<w:tab w:val="right" w:pos="{full}"/>'
        w._append(f'<w:p {W}>{ppr("DocNumber", before=before, border=border, tabs=tab, jc="left")}'
                  f'{run(issuer[0])}<w:r><w:tab/></w:r>{run(issuer[1])}</w:p>')
    w.gap(2)


def _stacked_mark(w: OfficialWriter, names: list[str], suffix: str, used_mm: float) -> None:
    """联合行文: the names stacked (each spread to the longest), *suffix* on their right,
    vertically centred on them, the whole block centred; the first name's ink 35 mm down."""
    longest = max(text_width(n) for n in names)
    size = mark_size("", extra_chars=longest + (text_width(suffix) + 0.5 if suffix else 0))
    line = _line(size)
    em = size * 20  # twips
    name_w = round(max(w.measure(n, "title") for n in names) * em)
    suffix_w = round((w.measure(suffix, "title") + 0.5) * em) if suffix else 0
    spacer = g.MARK_GAP - used_mm - _ink_offset(w, names[0], size, "title")
    w._append(f'<w:p {W}>{ppr("Normal", line=max(20, g.twips(spacer)), snap=False)}</w:p>')
    widths = [name_w] + ([suffix_w] if suffix else [])
    grid = "".join(f'<w:gridCol w:w="{x}"/>' for x in widths)
    xml = [f'<w:tbl {W}><w:tblPr><w:tblStyle w:val="TableNormal"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
           '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
           '<w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
           f'</w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    for i, name in enumerate(names):
        xml.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{line}" w:hRule="exact"/></w:trPr>'
                   f'<w:tc><w:tcPr><w:tcW w:w="{name_w}" w:type="dxa"/></w:tcPr>'
                   f'<w:p>{ppr("Mark", line=line, jc="distribute")}'
                   f"{run(name, size=size, color=w.red)}</w:p></w:tc>")
        if suffix:
            merge = '<w:vMerge w:val="restart"/>' if i == 0 else "<w:vMerge/>"
            content = run(suffix, size=size, color=w.red) if i == 0 else ""
            xml.append(f'<w:tc><w:tcPr><w:tcW w:w="{suffix_w}" w:type="dxa"/>{merge}'
                       f'<w:vAlign w:val="center"/></w:tcPr>'
                       f'<w:p>{ppr("Mark", line=line, jc="right")}{content}</w:p></w:tc>')
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    w._append("".join(xml))


def _number_and_signers(w: OfficialWriter, number: str, signers: tuple[str, ...], border: str) -> None:
    """上行文: 签发人 one character in from the right, two names a row, wrapped rows aligned
    with the first name; the number one character in from the left on the last row."""
    one = round(g.CHAR_TWIPS)
    full = g.twips(g.BLOCK_W)
    label = "签发人："
    gap = "\u3000"
    rows = [signers[i:i + 2] for i in range(0, len(signers), 2)]
    label_w = _plain_twips(w, label, "fangsong")
    row_w = max(_plain_twips(w, gap.join(r), "kai") for r in rows)
    start = round(full - one - label_w - row_w)  # tab stop of 签发人, from the block's left edge
    names_at = round(start + label_w)
    for i, row in enumerate(rows):
        last = i == len(rows) - 1
        # the paragraph spans the whole 版心 (its bottom border is the red rule: 156 mm from the
        # left margin); the number's one-character indent is a tab stop, not a paragraph indent
        tab = (f'<w:tab w:val="left" w:pos="{one}"/>' if last else "") + \
            f'<w:tab w:val="left" w:pos="{start if i == 0 else names_at}"/>'
        runs = ("<w:r><w:tab/></w:r>" + run(number) if last else "") + "<w:r><w:tab/></w:r>"
        runs += (run(label) if i == 0 else "") + run(gap.join(row), "SignerName")
        props = ppr("DocNumber", before=2 * g.LINE_TWIPS if i == 0 else 0, border=border if last else "",
                    tabs=tab, ind='w:left="0" w:right="0"', jc="left")
        w._append(f"<w:p {W}>{props}{runs}</w:p>")
        w._pending_gap = 0


# -- 信函格式 ------------------------------------------------------------------------------

def letter_head(w: OfficialWriter, head: LetterHead) -> None:
    """The letterhead is one table floating at its place on the page (the text block starts
    37 mm down, the office's name 30 mm): the name, a spacer, then 份号 … and the number; the
    double rules are shapes placed on the page. LibreOffice sets the baseline of an exact line
    at 80 % of its height, so each row's ink lands where it is computed."""
    size = mark_size(head.office, LETTER_MARK_MAX_MM)
    size_mm = size * g.MM_PER_PT
    name_line = _line(size)
    top = LETTER_MARK_TOP - _ink_offset(w, head.office, size, "title")
    width = g.twips(LETTER_RULE_LENGTH)
    left_mm = g.LEFT + g.BLOCK_W / 2 - LETTER_RULE_LENGTH / 2  # centred on the text block
    inset = g.twips(g.LEFT - left_mm)  # the text block's edges inside the table
    ink_bottom = LETTER_MARK_TOP + (w.glyph_top(head.office, "title")
                                    + w.glyph_bottom(head.office, "title")) * size_mm
    upper = ink_bottom + LETTER_RULE_GAP
    thick, space, thin = DOUBLE_RULE
    lower = g.PAGE_H - LETTER_BOTTOM_RULE - (thick + space + thin)
    # the first line under the rule: its characters' ink 7/8 of a 3号 character below the rule
    lines = head.security.lines or [("copy", "")]
    first_text = lines[0][1] + head.number
    body_line = _line(g.BODY_PT)
    first_ink = upper + thick + space + thin + SEVEN_EIGHTHS
    first_top = first_ink - _ink_offset(w, first_text, g.BODY_PT, "fangsong")
    spacer = max(20, g.twips(first_top - top) - name_line)
    style = _SECURITY_STYLE
    tab = f'<w:tab w:val="right" w:pos="{inset + g.twips(g.BLOCK_W)}"/>'
    ind = f'w:left="{inset}"'

    def row(height: int, paragraph: str) -> str:
        return (f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{height}" w:hRule="exact"/></w:trPr>'
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paragraph}</w:tc></w:tr>')

    rows = [
        row(name_line, f'<w:p>{ppr("LetterMark", line=name_line, jc="center")}'
                       f"{run(head.office, size=size, color=w.red)}</w:p>"),
        row(spacer, f'<w:p>{ppr("Normal", line=20, snap=False)}</w:p>'),
        row(body_line, f'<w:p>{ppr(style[lines[0][0]], line=body_line, tabs=tab, ind=ind)}'
                       f"{run(lines[0][1])}<w:r><w:tab/></w:r>{run(head.number)}</w:p>"),
    ]
    for kind, text in lines[1:]:
        rows.append(row(g.LINE_TWIPS, f'<w:p>{ppr(style[kind], ind=ind)}{run(text)}</w:p>'))
    w._append(f'<w:tbl {W}><w:tblPr><w:tblStyle w:val="TableNormal"/>'
              '<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" '
              f'w:vertAnchor="page" w:horzAnchor="page" w:tblpX="{g.twips(left_mm)}" '
              f'w:tblpY="{g.twips(top)}"/><w:tblOverlap w:val="never"/>'
              f'<w:tblW w:w="{width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
              '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
              '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>'
              f'<w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>{"".join(rows)}</w:tbl>')
    rules = "".join([
        _rect(w, left_mm, upper, LETTER_RULE_LENGTH, thick),
        _rect(w, left_mm, upper + thick + space, LETTER_RULE_LENGTH, thin),
        _rect(w, left_mm, lower, LETTER_RULE_LENGTH, thin),
        _rect(w, left_mm, lower + thin + space, LETTER_RULE_LENGTH, thick),
    ])
    # the rules hang on the paragraph the table floats on (empty, as small as possible)
    w._append(f'<w:p {W}>{ppr("Normal", line=20, snap=False)}{rules}</w:p>')
    w.first_page_without_number()
    w.gap(2)


def _rect(w: OfficialWriter, x: float, y: float, width: float, height: float) -> str:
    """A red filled rectangle placed on the page (mm from its top-left corner), as a run."""
    n = w.next_shape_id()
    cx, cy = round(width * _EMU_PER_MM), round(height * _EMU_PER_MM)
    return ('<w:r><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
            f'wordprocessingDrawing" behindDoc="0" distT="0" distB="0" distL="0" distR="0" simplePos="0" '
            f'locked="1" layoutInCell="0" allowOverlap="1" relativeHeight="{n}"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="page"><wp:posOffset>{round(x * _EMU_PER_MM)}</wp:posOffset>'
            f'</wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>{round(y * _EMU_PER_MM)}'
            f'</wp:posOffset></wp:positionV><wp:extent cx="{cx}" cy="{cy}"/>'
            '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            f'<wp:docPr id="{n}" name="信函红色双线{n}"/><wp:cNvGraphicFramePr/>'
            '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'<a:solidFill><a:srgbClr val="{w.red}"/></a:solidFill><a:ln><a:noFill/></a:ln></wps:spPr>'
            "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>")
