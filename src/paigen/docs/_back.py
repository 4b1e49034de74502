"""The 版记 of GB/T 9704-2012 §7.4: 抄送 and 印发机关/印发日期, on the last line of the last page.

The rows form a table floating at the bottom of the text block, so the last rule sits on the
bottom line of whatever page the document ends on, however long the body is. It is placed from
the page edge: LibreOffice keeps a full-width table that is placed from the margin in the text
flow (its floating-table heuristic), Word does either. A letter's 版记 (§10.1) is the 抄送 line
alone, without rules, at the same place.
"""

from __future__ import annotations

from paigen.docs import _geometry as g
from paigen.docs._pieces import BackMatter
from paigen.docs._styles import W
from paigen.docs._xml import ppr, run

BACK_RULE = {"outer": 8, "inner": 6}  # 版记 rules: 0.35 mm and 0.25 mm in eighths of a point


def back_matter_xml(piece: BackMatter) -> str:
    """The floating table of the 版记 (its anchor paragraph follows it in the writer)."""
    cc = list(piece.cc)
    total = g.twips(g.BLOCK_W)
    one = round(g.FOOTER_PT * 20)
    rows = []
    if cc:  # wrapped lines align with the first office after 抄送：
        hang = 3 * one
        rows.append((ppr("BackMatter", ind=f'w:left="{one + hang}" w:right="{one}" w:hanging="{hang}"')
                     + run("抄送：" + "，".join(cc) + "。"), "atLeast"))  # many offices take more lines
    if piece.rules:
        tab = f'<w:tab w:val="right" w:pos="{total - one}"/>'
        rows.append((ppr("BackMatter", tabs=tab) + run(piece.printed_by) + "<w:r><w:tab/></w:r>"
                     + run(f"{piece.printed_date}印发"), "exact"))
    outer, inner = BACK_RULE["outer"], BACK_RULE["inner"]
    if piece.rules:
        borders = (f'<w:top w:val="single" w:sz="{outer}" w:space="0" w:color="000000"/>'
                   '<w:left w:val="nil"/>'
                   f'<w:bottom w:val="single" w:sz="{outer}" w:space="0" w:color="000000"/>'
                   '<w:right w:val="nil"/>'
                   f'<w:insideH w:val="single" w:sz="{inner}" w:space="0" w:color="000000"/>'
                   '<w:insideV w:val="nil"/>')
    else:
        borders = "".join(f'<w:{side} w:val="nil"/>'
                          for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    xml = [f'<w:tbl {W}><w:tblPr><w:tblStyle w:val="TableNormal"/>'
           '<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" '
           f'w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="{g.twips(g.LEFT)}" w:tblpYSpec="bottom"/>'
           '<w:tblOverlap w:val="never"/>'
           f'<w:tblW w:w="{total}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
           '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
           '<w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
           '<w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>'
           f'<w:tblGrid><w:gridCol w:w="{total}"/></w:tblGrid>']
    for row, rule in rows:
        xml.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{g.LINE_TWIPS}" w:hRule="{rule}"/>'
                   f'</w:trPr><w:tc><w:tcPr><w:tcW w:w="{total}" w:type="dxa"/><w:vAlign w:val="center"/>'
                   f"</w:tcPr><w:p>{row}</w:p></w:tc></w:tr>")
    xml.append("</w:tbl>")
    return "".join(xml)
