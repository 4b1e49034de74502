"""The styles part of an official document: one paragraph style per GB/T 9704 element.

Every style names its font by the official name in all four ``w:rFonts`` slots (ascii, hAnsi,
eastAsia, cs), so neither Word's theme fonts nor the template's default CJK face (MS Mincho in
python-docx's template) can reach the text. Body-type styles sit on the document's line grid with
an exact line height of one grid line (LibreOffice needs it to give 22 lines per page) and a
tracking that sets 28 characters a line; the 版头, title, 版记, tables and page numbers are laid
out off the grid.
"""

from __future__ import annotations

from dataclasses import dataclass

from paigen.docs import _geometry as g

# Official font names written into the .docx, by font role (SPEC §5).
FONTS = {
    "title": "方正小标宋简体",
    "song": "宋体",
    "hei": "黑体",
    "kai": "楷体_GB2312",
    "fangsong": "仿宋_GB2312",
}
# Names Word may use when the official face is missing (fontTable w:altName).
ALT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}

# Tracking of on-grid text, twentieths of a point: 16 pt characters at a 15.75 pt pitch make 28
# characters in the 156 mm line (28 × 16 pt would need 158 mm). A character grid
# (w:docGrid linesAndChars) would do the same in Word, but LibreOffice 7.4 lays each 16 pt
# character into two 15.75 pt cells (14 a line) and, at a 98 % glyph width, pads every digit to
# a whole cell ("2020 年5 月"); tracking on a line grid gives 22 × 28 in both.
TRACKING = -5
# No extra space between CJK and Latin text or digits (2026年5月26日, not 2026 年 5 月 26 日).
NO_AUTOSPACE = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
BACK_ANCHOR_ID, BACK_ANCHOR_NAME = "BackMatterAnchor", "版记位置"  # the 版记's anchor paragraph
TABLE_PT = 12.0  # 小四: table text
TABLE_LINE_PT = 18.0
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def rfonts(font: str) -> str:
    return (f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}" '
            'w:hint="eastAsia"/>')


def rpr(role: str, size_pt: float, color: str = "", tracking: int = 0) -> str:
    """Run properties in schema order: fonts, colour, tracking, size."""
    half = round(size_pt * 2)
    col = f'<w:color w:val="{color}"/>' if color else ""
    track = f'<w:spacing w:val="{tracking}"/>' if tracking else ""
    return (f"<w:rPr>{rfonts(FONTS[role])}{col}{track}"
            f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>')


@dataclass(frozen=True)
class Style:
    id: str
    name: str
    role: str = "fangsong"
    size: float = g.BODY_PT
    jc: str = "both"
    first_line_chars: float = 0.0
    left_chars: float = 0.0
    right_twips: int = 0
    left_twips: int = 0
    grid: bool = True  # on the document grid, exact line = one grid line
    line_twips: int = g.LINE_TWIPS
    outline: int | None = None
    keep_next: bool = False
    color: str = ""


def _ppr(s: Style) -> str:
    keep = "<w:keepNext/>" if s.keep_next else ""
    snap = "" if s.grid else '<w:snapToGrid w:val="0"/>'
    spacing = f'<w:spacing w:before="0" w:after="0" w:line="{s.line_twips}" w:lineRule="exact"/>'
    ind = ""
    if s.first_line_chars or s.left_chars or s.right_twips or s.left_twips:
        left = s.left_twips or g.chars(s.left_chars)
        attrs = f'w:left="{left}" w:right="{s.right_twips}"'
        if s.left_chars:
            attrs += f' w:leftChars="{round(s.left_chars * 100)}"'
        if s.first_line_chars:
            attrs += (f' w:firstLine="{g.chars(s.first_line_chars)}"'
                      f' w:firstLineChars="{round(s.first_line_chars * 100)}"')
        ind = f"<w:ind {attrs}/>"
    outline = f'<w:outlineLvl w:val="{s.outline}"/>' if s.outline is not None else ""
    return (f'<w:pPr>{keep}<w:widowControl/>{NO_AUTOSPACE}{snap}{spacing}{ind}'
            f'<w:jc w:val="{s.jc}"/>{outline}</w:pPr>')


def paragraph_styles(red: str) -> list[Style]:
    footer_line = round(g.FOOTER_PT * 20)
    table_line = round(TABLE_LINE_PT * 20)
    back = round(g.FOOTER_PT * 20)  # 版记: one 4号 character in from each side
    return [
        Style("Body", "公文正文", first_line_chars=2),
        Style("Title", "公文标题", "title", g.TITLE_PT, "center", grid=False, keep_next=True),
        Style("Heading1", "一级标题", "hei", first_line_chars=2, outline=0, keep_next=True),
        Style("Heading2", "二级标题", "kai", first_line_chars=2, outline=1, keep_next=True),
        Style("Heading3", "三级标题", first_line_chars=2, outline=2),
        Style("Heading4", "四级标题", first_line_chars=2, outline=3),
        Style("Addressee", "主送机关", jc="left"),
        Style("AttachmentNote", "附件说明", jc="left"),
        Style("Signature", "发文机关署名", jc="right"),
        Style("DocDate", "成文日期", jc="right"),
        Style("Note", "附注", first_line_chars=2),
        Style("AttachmentLabel", "附件标识", "hei", jc="left", keep_next=True),
        Style("Mark", "发文机关标志", "title", 36, "center", grid=False, color=red),
        Style("DocNumber", "发文字号", jc="center", grid=False),
        Style("LetterMark", "信函发文机关标志", "title", 30, "center", grid=False, color=red),
        Style("CopyNumber", "份号", jc="left", grid=False),
        Style("Secrecy", "密级和保密期限", "hei", jc="left", grid=False),
        Style("Urgency", "紧急程度", "hei", jc="left", grid=False),
        Style("Signer", "签发人", jc="left", grid=False),
        Style("Attendance", "出席人员", jc="left"),
        Style("BackMatter", "版记", size=g.FOOTER_PT, jc="left", grid=False, line_twips=g.LINE_TWIPS,
              left_twips=back, right_twips=back),
        Style("TableText", "表格文字", size=TABLE_PT, jc="center", grid=False, line_twips=table_line),
        Style("TableHeader", "表头", "hei", TABLE_PT, "center", grid=False, line_twips=table_line),
        *(Style(f"{name}{n}", f"{label}（{n}号）", face, size, "center", grid=False,
                line_twips=round(size * 1.5 * 20))
          for n, size in ((3, 16.0), (4, 14.0))
          for name, label, face in (("TableText", "表格文字", "fangsong"), ("TableHeader", "表头", "hei"))),
        Style("TableCaption", "表题", "hei", jc="center", keep_next=True),
        Style("PageNumber", "页码", "song", g.FOOTER_PT, "right", grid=False, line_twips=footer_line),
        Style(BACK_ANCHOR_ID, BACK_ANCHOR_NAME, grid=False, line_twips=20),
    ]


def styles_xml(red: str) -> str:
    """The whole ``word/styles.xml`` (document defaults, styles, table style)."""
    base = FONTS["fangsong"]
    half = round(g.BODY_PT * 2)
    parts = [
        f'<w:styles {W}>',
        "<w:docDefaults><w:rPrDefault><w:rPr>",
        rfonts(base),
        f'<w:kern w:val="2"/><w:sz w:val="{half}"/><w:szCs w:val="{half}"/>',
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>',
        f"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>{NO_AUTOSPACE}",
        f'<w:spacing w:before="0" w:after="0" w:line="{g.LINE_TWIPS}" w:lineRule="exact"/>',
        '<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>',
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        f'<w:qFormat/>{_ppr(Style("Normal", "Normal"))}{rpr("fangsong", g.BODY_PT, tracking=TRACKING)}'
        '</w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        '<w:unhideWhenUsed/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>'
        '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="table" w:styleId="OfficialTable"><w:name w:val="公文表格"/>'
        '<w:basedOn w:val="TableNormal"/><w:tblPr><w:jc w:val="center"/><w:tblBorders>'
        + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>'
        '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tcPr><w:vAlign w:val="center"/></w:tcPr></w:style>',
    ]
    for s in paragraph_styles(red):
        parts.append(
            f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{s.id}"><w:name w:val="{s.name}"/>'
            f'<w:basedOn w:val="Normal"/><w:qFormat/>{_ppr(s)}'
            f'{rpr(s.role, s.size, s.color, TRACKING if s.grid else 0)}</w:style>'
        )
    for level, (name, role) in enumerate((("一级标题字符", "hei"), ("二级标题字符", "kai"),
                                          ("三级标题字符", "fangsong"), ("四级标题字符", "fangsong")), 1):
        # a run-in heading: the heading's font on a run of a body paragraph
        parts.append(f'<w:style w:type="character" w:customStyle="1" w:styleId="Heading{level}Char">'
                     f'<w:name w:val="{name}"/><w:basedOn w:val="DefaultParagraphFont"/>'
                     f"<w:rPr>{rfonts(FONTS[role])}</w:rPr></w:style>")
    # the names after 签发人： (楷体, §7.2.6) and the 出席/请假/列席 labels (黑体, §10.3)
    for style_id, name, role in (("SignerName", "签发人姓名", "kai"), ("AttendanceLabel", "出席标识", "hei")):
        parts.append(f'<w:style w:type="character" w:customStyle="1" w:styleId="{style_id}">'
                     f'<w:name w:val="{name}"/><w:basedOn w:val="DefaultParagraphFont"/>'
                     f"<w:rPr>{rfonts(FONTS[role])}</w:rPr></w:style>")
    # **bold** in a document written by hand: the body face, bold
    parts.append('<w:style w:type="character" w:customStyle="1" w:styleId="Strong">'
                 '<w:name w:val="加粗"/><w:basedOn w:val="DefaultParagraphFont"/>'
                 "<w:rPr><w:b/><w:bCs/></w:rPr></w:style>")
    parts.append("</w:styles>")
    return "".join(parts)


def font_table_xml() -> str:
    """``word/fontTable.xml`` listing only the official faces (GB2312 charset)."""
    fonts = []
    for name in dict.fromkeys(FONTS.values()):
        alt = f'<w:altName w:val="{ALT_NAMES[name]}"/>' if name in ALT_NAMES else ""
        family = "modern" if name in ("仿宋_GB2312", "楷体_GB2312", "黑体") else "roman"
        fonts.append(f'<w:font w:name="{name}">{alt}<w:charset w:val="86"/>'
                     f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:fonts {W}>{"".join(fonts)}</w:fonts>')
