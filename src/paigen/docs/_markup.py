"""Parse the structured text that document templates render into blocks.

The form, line by line (a blank line ends a paragraph):

    @标题 关于印发《…》的通知      title (repeat the line to break the title there)
    @主送 各村党组织              addressee (default from the settings)
    # 指导思想                    level-1 heading  → 一、指导思想 (黑体)
    ## 加强领导。正文…            level-2 heading  → （一）加强领导。 (楷体) + run-in body text
    ### 标题 / #### 标题          levels 3 and 4   → 1. / （1） (仿宋)
    - 事项                        numbered item    → 1. (under levels 1–2) or （1） (under level 3)
    正文…                         body paragraph, first line indented two characters
    @表题 表1 …                   caption of the next table
    @列宽 1:4:2                   column proportions of the next table
    | 序号 | 项目 | 结论 |         table rows; the first row is the header
    @签字表 甲、乙、丙             sign-off table, one row per party, after the signature
    @附注 此件公开发布             附注 below the date
    @附件 附件标题                 starts an attachment: its own page, then its blocks

Numbers of headings and items are added here, so a clerk never renumbers by hand; a heading
written with its number ("# 一、指导思想") keeps a single number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paigen.docs._blocks import Attachment, Block, Heading, Image, Item, Paragraph, SignTable, Table, Text
from paigen.errors import TemplateError
from paigen.i18n import _, listing

DIRECTIVES = ("标题", "主送", "附注", "附件", "表题", "列宽", "签字表")
_IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<name>[^)]+)\)$")
_HEADING = re.compile(r"^(#{1,4})\s*(.*)$")
_OWN_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|（\d+）)\s*")
_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def number_for(level: int, n: int) -> str:
    if level == 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


@dataclass
class _Section:
    blocks: list[Block] = field(default_factory=list)
    counters: list[int] = field(default_factory=lambda: [0, 0, 0, 0, 0])
    depth: int = 0  # level of the last heading
    items: int = 0


def _bold_spans(text: str) -> tuple[tuple[str, bool], ...]:
    """'a**b**c' → (('a', False), ('b', True), ('c', False)); () when nothing is bold."""
    parts = text.split("**")
    if len(parts) < 3:
        return ()
    if len(parts) % 2 == 0:  # an unpaired ** stays as typed
        parts[-2:] = ["**".join(parts[-2:])]
    return tuple((part, i % 2 == 1) for i, part in enumerate(parts) if part)


def _join(lines: list[str]) -> str:
    """Join wrapped source lines: no space between CJK, one space between Latin words."""
    out = ""
    for line in lines:
        if out and out[-1].isascii() and out[-1].isalnum() and line[:1].isascii() and line[:1].isalnum():
            out += " "
        out += line
    return out


def parse(text: str, source: str = "template", *, directives: bool = True, first_line: int = 1,
          images: dict[str, tuple[bytes, float, float]] | None = None) -> Text:
    """Parse rendered template text into a :class:`Text`; *source* names it in errors.

    With ``directives=False`` (a Markdown document body) a line starting with ``@`` is text and
    ``**bold**`` in a paragraph becomes bold; *first_line* is the body's line in its file.
    *images* (name → (bytes, width mm, height mm)): a line ``![alt](name)`` places that image.
    """
    title: list[str] = []
    addressee = note = ""
    main = _Section()
    attachments: list[tuple[str, _Section]] = []
    current = main
    para: list[str] = []
    table: list[tuple[str, ...]] = []
    widths: tuple[float, ...] = ()
    caption = ""

    def flush_para() -> None:
        if para:
            joined = _join(para)
            spans = () if directives else _bold_spans(joined)
            current.blocks.append(Paragraph("".join(t for t, __ in spans) if spans else joined, spans))
            para.clear()

    def flush_table() -> None:
        nonlocal widths, caption
        if table:
            current.blocks.append(Table(tuple(table), widths, caption))
            table.clear()
            widths, caption = (), ""

    for lineno, raw in enumerate(text.splitlines(), first_line):
        line = raw.strip()
        if not line:
            flush_para()
            flush_table()
            continue
        if line.startswith("|"):
            flush_para()
            cells = tuple(c.strip() for c in line.strip("|").split("|"))
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                table.append(cells)
            continue
        flush_table()
        picture = _IMAGE.match(line) if images else None
        if picture and picture["name"] in images:
            flush_para()
            data, width, height = images[picture["name"]]
            current.blocks.append(Image(data, width, height, picture["alt"]))
            continue
        if directives and line.startswith("@"):
            flush_para()
            word, __, rest = line[1:].partition(" ")
            rest = rest.strip()
            if word not in DIRECTIVES:
                raise TemplateError(_("{file}: line {line} of the rendered text: unknown directive "
                                      "'{word}'; known: {known}", file=source, line=lineno,
                                      word=f"@{word}",
                                      known=listing("@" + d for d in DIRECTIVES)))
            if word == "标题":
                title.append(rest)
            elif word == "主送":
                addressee = rest
            elif word == "附注":
                note = rest
            elif word == "附件":
                current = _Section()
                attachments.append((rest, current))
            elif word == "表题":
                caption = rest
            elif word == "列宽":
                try:
                    widths = tuple(float(w) for w in re.split(r"[:：]", rest))
                except ValueError:
                    raise TemplateError(_("{file}: line {line}: '{directive}' needs numbers like "
                                          "{example}", file=source, line=lineno,
                                          directive=f"@列宽 {rest}", example="@列宽 1:4:2")) from None
            elif word == "签字表":
                parties = tuple(p.strip() for p in re.split(r"[、，,]", rest) if p.strip())
                current.blocks.append(SignTable(parties, caption))
                caption = ""
            continue
        heading = _HEADING.match(line)
        if heading:
            flush_para()
            level = len(heading.group(1))
            body = _OWN_NUMBER.sub("", heading.group(2).strip())
            current.counters[level] += 1
            for deeper in range(level + 1, 5):
                current.counters[deeper] = 0
            current.depth, current.items = level, 0
            head, runin = body, ""
            if level >= 2 and "。" in body[:-1]:
                cut = body.index("。") + 1
                head, runin = body[:cut], body[cut:]
            elif level == 1 and not directives and re.search(r"[。：:]", body[:-1]):
                # a document's 一、参会人员：各村党支部书记。 — the lead in 黑体, the rest as text
                cut = re.search(r"[。：:]", body).end()
                head, runin = body[:cut], body[cut:]
            current.blocks.append(Heading(level, number_for(level, current.counters[level]), head, runin))
            continue
        if line.startswith(("- ", "-\u3000")) or line == "-":
            flush_para()
            current.items += 1
            level = 3 if current.depth < 3 else 4
            current.blocks.append(Item(number_for(level, current.items), line[1:].strip()))
            continue
        para.append(line)
    flush_para()
    flush_table()
    return Text(
        title="\n".join(title),
        addressee=addressee,
        note=note,
        blocks=tuple(main.blocks),
        attachments=tuple(Attachment(t, tuple(s.blocks)) for t, s in attachments),
    )
