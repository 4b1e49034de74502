"""Write the drafts corpus: Word drafts as township offices type them, and their plain-text versions.

Each draft is made with python-docx the way a clerk's file arrives: 宋体 小四 or Times New Roman,
1.5 line spacing, headings typed with the wrong punctuation or made by Word's automatic list
numbering, a table, a picture, a text box, a comment, tracked changes, a footnote, a signature
block with the date in another form. ``EXPECTED`` says what the reader must recognise in each;
``tests/test_drafts.py`` measures the result. Run ``python tests/data/drafts/make_drafts.py``
to write them again (the same bytes each time).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# -- the drafts -----------------------------------------------------------------------------------
# Items: (kind, value). Kinds: title, to, p, h1 / h2 (Word list numbering 一、 / （一）), table,
# image, textbox, comment (text, note), ins (text), del (text), footnote (text, note), right, mixed.

DRAFTS: dict[str, list[tuple]] = {
    "01值班通知": [
        ("title", "关于做好2027年元旦春节期间值班工作的通知"),
        ("to", "各村党组织、镇直各单位："),
        ("p", "为切实做好元旦春节期间各项工作，保障全镇群众度过欢乐祥和的节日，现将有关事项通知如下。"),
        ("p", "一.值班安排"),
        ("p", "(一)值班时间。2026年12月31日至2027年2月20日，每天8:30至17:30，夜间由镇值班室负责。"),
        ("p", "(二)值班人员。各村党组织书记为第一责任人，每天安排2名村干部在党群服务中心值班。"),
        ("p", "二.工作要求"),
        ("p", "各村要加强值班值守，严格执行领导带班制度，遇有重要情况及时向镇值班室报告，不得迟报、漏报。"),
        ("p", "附件：1.值班安排表"),
        ("p", "2.值班电话"),
        ("right", "中共东风镇委员会"),
        ("right", "二〇二六年十二月六日"),
    ],
    "02资金请示": [
        ("title", "关于申请拨付村级党群服务中心建设资金的请示"),
        ("to", "县委组织部："),
        ("p", "我镇今年列入建设计划的5个村级党群服务中心已全部开工，现将有关情况报告如下。"),
        ("h1", "建设进展"),
        ("h2", "主体工程。5个村的主体工程已完工，正在进行室内装修。"),
        ("h2", "标识标牌。门头牌匾和功能室门牌已完成设计，待资金到位后制作安装。"),
        ("h1", "资金缺口"),
        ("p", "按照建设标准测算，尚缺资金42.6万元，镇财政已安排配套资金15万元。"),
        ("h1", "请示事项"),
        ("p", "恳请县委组织部拨付建设补助资金27.6万元，确保年底前全部建成投入使用。"),
        ("p", "妥否，请批示。"),
        ("right", "中共东风镇委员会"),
        ("right", "2026-12-06"),
        ("p", "（联系人：王建国，电话：0917-6212345）"),
    ],
    "03建设报告": [
        ("title", "东风镇关于2026年村级党群服务中心建设情况的报告"),
        ("to", "县委组织部："),
        ("p", "今年以来，我镇按照县委统一部署，扎实推进村级党群服务中心建设，现将有关情况报告如下。"),
        ("p", "一、基本情况"),
        ("p", "全镇12个村中，新建5个，改扩建4个，其余3个按标准完善功能。各村建设情况见下表。"),
        ("table", [("村", "建设方式", "面积（平方米）", "完成时间"),
                   ("东村", "新建", "420", "2026年10月"),
                   ("西村", "改扩建", "360", "2026年11月"),
                   ("南村", "完善功能", "280", "2026年9月")]),
        ("p", "二、主要做法"),
        ("p", "1、统一标准。全镇统一设计方案、统一标识标牌、统一功能布局。"),
        ("p", "2、压实责任。镇党委班子成员包村，每周调度一次进度。"),
        ("p", "三、下步打算"),
        ("p", "加强阵地使用管理，推动各村党群服务中心常态化开放，真正成为党员群众的温暖之家。"),
        ("right", "中共东风镇委员会"),
        ("right", "2026.12.6"),
    ],
    "04安装通知": [
        ("title", "关于做好村级党群服务中心标识标牌安装工作的通知"),
        ("to", "各村党支部："),
        ("p", "为推进村级党群服务中心规范化建设，镇党委决定集中开展标识标牌安装工作。现将有关事项通知如下。"),
        ("p", "一、安装内容"),
        ("mixed", [("各村按照统一设计稿安装门头牌匾和功能室门牌，", False),
                   ("安装高度以底边距地面1.6米为准", True), ("，不得自行改动。", False)]),
        ("p", "门头牌匾样式如下图所示。"),
        ("image", (120, 40)),
        ("p", "二、时间安排"),
        ("p", "12月20日前，各村组织施工单位完成安装，并将安装照片报镇党建办备案。"),
        ("right", "中共东风镇委员会"),
        ("right", "2026年12月6日"),
    ],
    "05商请函": [
        ("title", "东风镇人民政府关于商请协助开展党群服务中心建设验收工作的函"),
        ("to", "县住房和城乡建设局："),
        ("p", "我镇5个村级党群服务中心已基本建成，拟于12月下旬组织集中验收。为确保工程质量，"
              "商请贵局派出技术人员参加验收，对主体结构和消防设施进行查验。"),
        ("p", "盼予支持为谢。"),
        ("right", "东风镇人民政府"),
        ("right", "2026/12/6"),
        ("p", "抄送：县委组织部。"),
    ],
    "06活动方案": [
        ("title", "东风镇党群服务中心“红色周末”活动方案"),
        ("p", "为丰富党员群众的文化生活，发挥党群服务中心的阵地作用，制定本方案。"),
        ("textbox", "请各村于12月15日前报名"),
        ("p", "一、活动内容"),
        ("comment", "每周六上午在镇党群服务中心开展党史学习、政策宣讲和文艺活动。", "时间是否改为周日？"),
        ("p", "二、组织保障"),
        ("p", "镇党建办负责活动的组织协调，各村党组织负责发动党员群众参加。"),
        ("right", "东风镇党建工作办公室"),
        ("right", "2026年12月6日"),
    ],
    "07培训通知": [
        ("title", "关于举办村级党群服务中心管理员培训班的通知"),
        ("to", "各村党组织："),
        ("p", "为提升党群服务中心管理员的业务能力，镇党委决定举办管理员培训班。现将有关事项通知如下。"),
        ("p", "一、培训时间"),
        ("ins", "2026年12月18日至19日，共2天。"),
        ("p", "二、培训内容"),
        ("footnote", "党群服务中心日常管理、便民服务事项办理、档案资料整理。", "培训教材由镇党建办统一发放。"),
        ("del", "培训地点另行通知。"),
        ("p", "三、参训人员"),
        ("p", "各村党群服务中心管理员1名。"),
        ("right", "中共东风镇委员会"),
        ("right", "2026年12月6日"),
    ],
    "08管理意见": [
        ("title", "关于进一步加强村级党群服务中心"),
        ("title", "管理使用的意见"),
        ("to", "各村党组织："),
        ("p", "为进一步加强村级党群服务中心管理使用，提出如下意见。"),
        ("p", "一、明确功能定位"),
        ("p", "（一）突出政治功能。党群服务中心是党组织开展活动的主阵地。"),
        ("p", "1.规范设置标识。统一悬挂党旗、党徽和党组织名称牌。"),
        ("p", "(1)门头牌匾按统一样式制作。"),
        ("p", "(2)功能室门牌统一规格。"),
        ("p", "（二）强化服务功能。推动便民服务事项进中心办理。"),
        ("p", "二、健全管理制度"),
        ("p", "各村要建立开放、值班、服务、活动等制度，并在中心显著位置公开。"),
        ("right", "中共东风镇委员会"),
        ("right", "2026年12月6日"),
        ("p", "（此件发至村党组织）"),
        ("p", "中共东风镇委员会办公室 2026年12月6日印发"),
    ],
    "09验收通知": [
        ("title", "关于开展村级党群服务中心建设验收工作的通知"),
        ("to", "各村党组织："),
        ("p", "为检验村级党群服务中心建设成效，镇党委决定开展集中验收。现将有关事项通知如下："),
        ("p", "一、验收范围"),
        ("p", "今年新建和改扩建的9个村级党群服务中心。"),
        ("p", "二、验收安排"),
        ("p", "（一）自查。12月20日前，各村对照验收标准开展自查，形成自查报告。"),
        ("p", "（二）集中验收。12月下旬，镇验收工作组逐村实地查验，验收结果见附件。"),
        ("p", "附件：1.验收安排表"),
        ("p", "2.自查报告提纲"),
        ("right", "中共东风镇委员会"),
        ("right", "2026年12月6日"),
        ("p", "附件1"),
        ("p", "验收安排表"),
        ("table", [("村", "验收时间", "带队领导"), ("东村", "12月22日", "王建国"), ("西村", "12月23日", "李秀英")]),
        ("p", "附件2"),
        ("p", "自查报告提纲"),
        ("p", "一、建设基本情况"),
        ("p", "二、存在问题及整改措施"),
        ("p", "抄送：县委组织部。"),
        ("p", "中共东风镇委员会办公室 2026年12月6日印发"),
    ],
}

# A sidecar with the front matter a Word draft does not carry (the 版头 of an upward 请示).
SIDECARS = {"02资金请示": "offices: [中共东风镇委员会]\nnumber: 东发〔2026〕21号\nsigners: [李明]\n"}

# What the reader must recognise in each draft (both the .docx and the .txt).
EXPECTED: dict[str, dict] = {
    "01值班通知": dict(title="关于做好2027年元旦春节期间值班工作的通知", to=("各村党组织、镇直各单位",),
                    headings=[(1, "一、值班安排"), (2, "（一）值班时间。"), (2, "（二）值班人员。"), (1, "二、工作要求")],
                    attachments=("值班安排表", "值班电话"), offices=("中共东风镇委员会",), date="2026-12-06",
                    corrections=4),
    "02资金请示": dict(title="关于申请拨付村级党群服务中心建设资金的请示", to=("县委组织部",),
                    headings=[(1, "一、建设进展"), (2, "（一）主体工程。"), (2, "（二）标识标牌。"),
                              (1, "二、资金缺口"), (1, "三、请示事项")],
                    offices=("中共东风镇委员会",), date="2026-12-06", note="联系人：王建国，电话：0917-6212345",
                    number="东发〔2026〕21号", corrections=0),
    "03建设报告": dict(title="东风镇关于2026年村级党群服务中心建设情况的报告", to=("县委组织部",),
                    headings=[(1, "一、基本情况"), (1, "二、主要做法"), (3, "1.统一标准。"), (3, "2.压实责任。"),
                              (1, "三、下步打算")],
                    offices=("中共东风镇委员会",), date="2026-12-06", tables=1, corrections=2),
    "04安装通知": dict(title="关于做好村级党群服务中心标识标牌安装工作的通知", to=("各村党支部",),
                    headings=[(1, "一、安装内容"), (1, "二、时间安排")], offices=("中共东风镇委员会",),
                    date="2026-12-06", images=1, bold=1, corrections=0),
    "05商请函": dict(title="东风镇人民政府关于商请协助开展党群服务中心建设验收工作的函",
                  to=("县住房和城乡建设局",), headings=[], offices=("东风镇人民政府",), date="2026-12-06",
                  cc=("县委组织部",), corrections=0),
    "06活动方案": dict(title="东风镇党群服务中心“红色周末”活动方案", to=(),
                    headings=[(1, "一、活动内容"), (1, "二、组织保障")], offices=("东风镇党建工作办公室",),
                    date="2026-12-06", unplaced=("文本框", "批注"), corrections=0),
    "07培训通知": dict(title="关于举办村级党群服务中心管理员培训班的通知", to=("各村党组织",),
                    headings=[(1, "一、培训时间"), (1, "二、培训内容"), (1, "三、参训人员")],
                    offices=("中共东风镇委员会",), date="2026-12-06",
                    unplaced=("修订（插入，未接受）", "脚注", "修订（删除，未接受）"), corrections=0),
    "08管理意见": dict(title="关于进一步加强村级党群服务中心管理使用的意见", to=("各村党组织",),
                    headings=[(1, "一、明确功能定位"), (2, "（一）突出政治功能。"), (3, "1.规范设置标识。"),
                              (4, "（1）门头牌匾按统一样式制作。"), (4, "（2）功能室门牌统一规格。"),
                              (2, "（二）强化服务功能。"), (1, "二、健全管理制度")],
                    offices=("中共东风镇委员会",), date="2026-12-06", note="此件发至村党组织",
                    printer="中共东风镇委员会办公室", corrections=2),
    "09验收通知": dict(title="关于开展村级党群服务中心建设验收工作的通知", to=("各村党组织",),
                    headings=[(1, "一、验收范围"), (1, "二、验收安排"), (2, "（一）自查。"), (2, "（二）集中验收。")],
                    attachments=("验收安排表", "自查报告提纲"), offices=("中共东风镇委员会",), date="2026-12-06",
                    cc=("县委组织部",), printer="中共东风镇委员会办公室", pages=2, corrections=0),
}

FONTS = {"01值班通知": ("宋体", 12), "02资金请示": ("Times New Roman", 12), "03建设报告": ("宋体", 14),
         "04安装通知": ("宋体", 12), "05商请函": ("Times New Roman", 10.5), "06活动方案": ("微软雅黑", 12),
         "07培训通知": ("宋体", 12), "08管理意见": ("宋体", 15), "09验收通知": ("仿宋", 14)}


def _picture(width_mm: float, height_mm: float) -> bytes:
    """A plain sign drawing: a red panel with a white band, as PNG."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (round(width_mm * 4), round(height_mm * 4)), (200, 16, 46))
    ImageDraw.Draw(image).rectangle([20, image.height // 2 - 12, image.width - 20, image.height // 2 + 12],
                                    fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _numbering(doc) -> None:
    """Word's automatic list numbering as an office template sets it: 一、 then （一）."""
    from docx.oxml import parse_xml

    root = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>')
    first_num = root.find(f"{{{W_NS}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        root.append(abstract)
    root.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))


def _style(paragraph, font: str, size: float, align=None) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt

    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.ONE_POINT_FIVE
    if align is not None:
        paragraph.alignment = align
    for r in paragraph.runs:
        r.font.name = font
        r.font.size = Pt(size)
        r._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _footnote(doc, paragraph, note: str) -> None:
    """A footnote: python-docx has no API for it, so the part is added as Word writes it."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
            f'</w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>{note}</w:t></w:r></w:p>'
            '</w:footnote></w:footnotes>').encode()
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", blob, doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    paragraph._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                  '<w:footnoteReference w:id="1"/></w:r>'))


def _textbox(paragraph, text: str) -> None:
    from docx.oxml import parse_xml

    paragraph._p.append(parse_xml(
        f'<w:r xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        '<v:shape style="position:absolute;width:150pt;height:40pt" type="#_x0000_t202"><v:textbox>'
        f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>'
        '</w:pict></w:r>'))


def _tracked(paragraph, kind: str, text: str) -> None:
    from docx.oxml import parse_xml

    tag, t = ("w:ins", "w:t") if kind == "ins" else ("w:del", "w:delText")
    paragraph._p.append(parse_xml(
        f'<{tag} xmlns:w="{W_NS}" w:id="{7 if kind == "ins" else 8}" w:author="李秀英" '
        f'w:date="2026-12-05T09:00:00Z"><w:r><{t} xml:space="preserve">{text}</{t}></w:r></{tag}>'))


def write_docx(name: str, items: list[tuple]) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = docx.Document()
    font, size = FONTS[name]
    _numbering(doc)
    for kind, value, *rest in items:
        if kind == "title":
            p = doc.add_paragraph()
            p.add_run(value).bold = True
            _style(p, "黑体", 18, WD_ALIGN_PARAGRAPH.CENTER)
        elif kind in ("h1", "h2"):
            p = doc.add_paragraph(value)
            p_pr = p._p.get_or_add_pPr()
            from docx.oxml import parse_xml

            p_pr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{0 if kind == "h1" else 1}"/>'
                                  '<w:numId w:val="90"/></w:numPr>'))
            _style(p, font, size)
        elif kind == "table":
            table = doc.add_table(rows=len(value), cols=len(value[0]))
            table.style = "Table Grid"
            for r, row in enumerate(value):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        elif kind == "image":
            doc.add_picture(io.BytesIO(_picture(*value)), width=Mm(value[0]))
        elif kind == "mixed":
            p = doc.add_paragraph()
            for text, bold in value:
                p.add_run(text).bold = bold
            _style(p, font, size)
        elif kind == "textbox":
            p = doc.add_paragraph()
            _textbox(p, value)
        elif kind == "comment":
            p = doc.add_paragraph(value)
            _style(p, font, size)
            doc.add_comment(p.runs, text=rest[0], author="李秀英", initials="LXY")
        elif kind in ("ins", "del"):
            p = doc.add_paragraph()
            _tracked(p, kind, value)
        elif kind == "footnote":
            p = doc.add_paragraph(value)
            _style(p, font, size)
            _footnote(doc, p, rest[0])
        elif kind == "right":
            p = doc.add_paragraph(value)
            _style(p, font, size, WD_ALIGN_PARAGRAPH.RIGHT)
        else:
            p = doc.add_paragraph(value)
            _style(p, font, size)
            p.paragraph_format.first_line_indent = Pt(size * 2)
    props = doc.core_properties
    props.author = props.last_modified_by = "东风镇党建办"
    props.created = props.modified = dt.datetime(2026, 12, 6, 9, 0, 0)
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return _stable_zip(out.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same bytes each run: fixed member dates."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 12, 6, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "word/comments.xml":  # a comment carries the time it was made
                data = re.sub(rb'w:date="[^"]*"', b'w:date="2026-12-06T09:00:00Z"', data)
            dst.writestr(fixed, data)
    return out.getvalue()


def write_text(items: list[tuple]) -> str:
    """The plain-text version: what a clerk pastes from the draft (list numbers typed out;
    pictures, text boxes and comments left out; a table as Markdown rows)."""
    lines: list[str] = []
    counters = [0, 0]
    from paigen.docs._markup import chinese_number

    for kind, value, *_ in items:
        if kind == "h1":
            counters = [counters[0] + 1, 0]
            lines.append(f"{chinese_number(counters[0])}、{value}")
        elif kind == "h2":
            counters[1] += 1
            lines.append(f"（{chinese_number(counters[1])}）{value}")
        elif kind == "table":
            lines += ["| " + " | ".join(row) + " |" for row in value]
        elif kind == "mixed":
            lines.append("".join(t for t, _ in value))
        elif kind in ("image", "textbox", "del"):
            continue
        else:
            lines.append(value)
    return "\n".join(lines) + "\n"


def main() -> None:
    for name, items in DRAFTS.items():
        (HERE / f"{name}.docx").write_bytes(write_docx(name, items))
        (HERE / f"{name}.txt").write_text(write_text(items), encoding="utf-8")
        if name in SIDECARS:
            (HERE / f"{name}.yaml").write_text(SIDECARS[name], encoding="utf-8")


if __name__ == "__main__":
    main()
