"""Recognise GB/T 9704's structure in text typed as a clerk types it in Word or WPS.

No Markdown needed: the title is the first line(s) before the addressee, the 主送机关 a line
ending in ：, headings are known by their numbering (一、 level 1, （一） level 2, 1. level 3,
（1） level 4), 附件：1.… / 2.… is the 附件说明, the office and date lines at the end are the 署名
and 成文日期, a line in （） after them the 附注, and 抄送：… / ……印发 lines the 版记. Numbering
typed with the wrong punctuation (一. (一) 1、) is corrected; every correction is a
:class:`Finding`, so the clerk sees what was changed. Markdown (``#`` headings) still works.

:func:`recognise` turns such a text into front-matter values and a Markdown body for
:func:`paigen.docs._markup.parse`; values the front matter already has are never overridden.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

CN = "一二三四五六七八九十"
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0,
             **{c: i for i, c in enumerate("一二三四五六七八九", 1)}}
# a numbered line: (level, pattern); group "n" is the number, "p" the punctuation, "rest" the text
_LEVELS = (
    (1, re.compile(rf"^(?P<n>[{CN}]{{1,3}})\s*(?P<p>[、.．,，:：])\s*(?P<rest>\S.*)$")),
    (2, re.compile(rf"^(?P<p>[（(])\s*(?P<n>[{CN}]{{1,3}})\s*(?P<q>[)）])[、.．,，]?\s*(?P<rest>\S.*)$")),
    (3, re.compile(r"^(?P<n>\d{1,2})\s*(?P<p>[.．、,，])(?![\d.．])\s*(?P<rest>\S.*)$")),
    (4, re.compile(r"^(?P<p>[（(])\s*(?P<n>\d{1,2})\s*(?P<q>[)）])[、.．,，]?\s*(?P<rest>\S.*)$")),
)
_RIGHT = {1: "、", 3: "."}
HEADING_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}
KIND_WORDS = ("通知", "请示", "报告", "函", "意见", "方案", "决定", "通报", "批复", "纪要", "规定", "办法",
              "细则", "计划", "总结", "公告", "通告", "议案", "决议", "公报", "命令", "复函", "要点")
_DATE_ARABIC = re.compile(r"^(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})\s*日?$")
_DATE_CN = re.compile(r"^([〇○零Ｏ一二三四五六七八九]{4})年([十一二三四五六七八九]{1,3})月"
                      r"([十一二三四五六七八九]{1,3})日$")
_ATTACH = re.compile(r"^附\s*件\s*[:：]\s*(?P<rest>.*)$")
_ATTACH_MORE = re.compile(r"^(\d{1,2})\s*[.．、]\s*(?P<rest>\S.*)$")
_CC = re.compile(r"^抄\s*送\s*[:：]\s*(?P<rest>.+?)[。.]?$")
_PRINTED = re.compile(r"^(?P<who>\S.*?)\s+(?P<date>\S+?)\s*印\s*发$")
_NUMBER_LINE = re.compile(r"^[\u3400-\u9fff]{1,8}\s*[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*第?\s*\d+\s*号$")
_NOTE = re.compile(r"^[（(](?P<rest>[^（()）]+)[)）]$")
_OFFICE_END = ("委员会", "政府", "办公室", "局", "处", "科", "镇", "乡", "街道", "村", "委", "部", "组", "会",
               "所", "站", "中心", "院", "厅", "社区", "支部", "党委", "工委", "小组", "连", "团场", "公司")


@dataclass(frozen=True)
class Finding:
    """One thing the reader recognised, corrected or could not place, for the report."""

    what: str  # 标题, 主送机关, 一级标题 …, 附件, 署名, 成文日期, 附注, 抄送, 印发, 发文字号, 更正, 未排入
    text: str
    line: int = 0

    def __str__(self) -> str:
        where = f"第{self.line}行 " if self.line else ""
        return f"{self.what}：{where}{self.text}"


@dataclass
class Recognised:
    """Front-matter values found in the text, the Markdown body left, and the findings."""

    values: dict = field(default_factory=dict)
    body: str = ""
    findings: list[Finding] = field(default_factory=list)
    pages: list[tuple[str, str]] = field(default_factory=list)  # attachment pages: (title, body)


def chinese_to_int(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)
    return _CN_DIGIT.get(text, 0)


def read_date(text: str) -> str | None:
    """2026年12月6日, 2026-12-06, 2026.12.6, 2026/12/6, 二〇二六年十二月六日 → 2026-12-06;
    None if not a date."""
    compact = text.strip().replace(" ", "").replace("\u3000", "")
    m = _DATE_ARABIC.match(compact)
    if m:
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _DATE_CN.match(compact)
        if not m:
            return None
        year = int("".join(str(_CN_DIGIT[c]) for c in m[1]))
        month, day = chinese_to_int(m[2]), chinese_to_int(m[3])
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2200):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def numbered(line: str) -> tuple[int, str, str] | None:
    """(level, the number as GB/T 9704 writes it, the text after it) of a numbered line, or None."""
    for level, pattern in _LEVELS:
        m = pattern.match(line)
        if not m:
            continue
        n = m["n"]
        if level in (1, 2) and not chinese_to_int(n):
            continue
        arabic = int(n) if level > 2 else 0
        right = (f"{n}、", f"（{n}）", f"{arabic}.", f"（{arabic}）")[level - 1]
        return level, right, m["rest"].strip()
    return None


def _typed_number(line: str, rest: str) -> str:
    return line[: len(line) - len(rest)].strip() if rest and line.endswith(rest) else line


def headings(lines: list[tuple[int, str]], findings: list[Finding]) -> list[tuple[int, str]]:
    """Lines with numbered headings turned into Markdown headings; corrections recorded."""
    out = []
    for n, line in lines:
        found = None if line.startswith(("#", "|", "- ")) else numbered(line)
        if found is None:
            out.append((n, line))
            continue
        level, right, rest = found
        typed = _typed_number(line, rest)
        if typed.replace(" ", "") != right:
            findings.append(Finding("更正", f"“{typed}” 改为 “{right}”", n))
        out.append((n, "#" * level + " " + right + rest))
    return out


def _is_signer(line: str) -> bool:
    plain = line.replace(" ", "").replace("\u3000", "")
    return (0 < len(plain) <= 30 and not re.search(r"[。，；：:;,！？、|#*]", plain)
            and not plain.startswith(("特此", "妥否", "此致", "以上", "当否", "请批示", "请审批"))
            and numbered(plain) is None and read_date(plain) is None)


def _is_office(line: str) -> bool:
    plain = line.replace(" ", "").replace("\u3000", "")
    return (0 < len(plain) <= 40 and not re.search(r"[。，；：:;,！？]", plain)
            and plain.endswith(_OFFICE_END))


def recognise(text: str, have: dict, *, text_mode: bool, first_line: int = 1) -> Recognised:
    """Split *text* into what the front matter *have* lacks and the body; see the module doc.

    *text_mode*: every line is a paragraph (text typed in Word); otherwise Markdown's blank lines
    end paragraphs.
    """
    result = Recognised()
    found = result.findings
    values = result.values
    lines = [(n, raw.strip()) for n, raw in enumerate(text.splitlines(), first_line)]
    if text_mode:
        lines = _tab_tables(lines)
    content = [(n, s) for n, s in lines if s]

    # -- the head: 发文字号, 标题, 主送机关 ------------------------------------------------------
    head = 0
    if (len(content) > 1 and content[0][1].replace(" ", "").endswith("文件")
            and _NUMBER_LINE.match(content[1][1].replace(" ", "")) and not have.get("offices")):
        n, line = content[0]  # a red-head line typed in: 中共××镇委员会文件
        values["offices"] = [line.replace(" ", "").removesuffix("文件")]
        if not have.get("mark"):
            values["mark"] = [line.replace(" ", "")]
        found.append(Finding("发文机关标志", line.replace(" ", ""), n))
        head = 1
    if (not have.get("number") and head < len(content)
            and _NUMBER_LINE.match(content[head][1].replace(" ", ""))):
        n, line = content[head]
        values["number"] = _fix_number(line)
        found.append(Finding("发文字号", values["number"], n))
        if line.replace(" ", "") != values["number"]:
            found.append(Finding("更正", f"发文字号 “{line}” 改为 “{values['number']}”", n))
        head += 1
    if (head == 0 and len(content) > 1 and _is_office(content[0][1])
            and content[1][1].startswith("关于")):
        n, line = content[0]  # the issuing office typed above the title
        if not have.get("offices"):
            values["offices"] = [line.replace(" ", "")]
        found.append(Finding("发文机关", line.replace(" ", ""), n))
        head = 1
    if not have.get("title") and head < len(content):
        take = _title_lines(content[head:])
        if take:
            values["title"] = "".join(s for _, s in take)
            found.append(Finding("标题", values["title"], take[0][0]))
            head += len(take)
    if not have.get("to") and head < len(content):
        n, line = content[head]
        if (line.endswith(("：", ":")) and len(line) <= 80 and numbered(line) is None
                and not re.search(r"[。；;]|如下", line)):
            values["to"] = [line.rstrip("：:").strip()]
            found.append(Finding("主送机关", values["to"][0], n))
            head += 1

    # -- the tail: 版记, 附注, 成文日期, 署名 -------------------------------------------------
    tail = len(content)
    tail = _back_matter(content, head, tail, have, values, found)
    tail = _attachment_pages(content, head, tail, text_mode, result)
    tail = _sign_and_date(content, head, tail, have, values, found)
    body_lines = content[head:tail]
    body_lines = _attachment_note(body_lines, have, values, found)
    # what is left is the body, keeping the blank lines of a Markdown text
    keep = {n for n, _ in body_lines}
    kept = [(n, s) for n, s in lines if n in keep or (not s and not text_mode)]
    kept = headings(kept, found)
    result.body = _join_body(kept, text_mode)
    return result


_PAGE = re.compile(r"^附\s*件\s*(\d{1,2})?\s*[:：]?$")


def _attachment_pages(content, head, tail, text_mode, result) -> int:
    """Attachment pages typed after the date (附件1 / its title / its text …): split off."""
    start = next((k for k in range(head + 1, tail) if _PAGE.match(content[k][1].replace(" ", ""))
                  and any(read_date(content[j][1]) or _NOTE.match(content[j][1])
                          for j in range(max(head, k - 2), k))), None)
    if start is None:
        return tail
    marks = [k for k in range(start, tail) if _PAGE.match(content[k][1].replace(" ", ""))] + [tail]
    for a, b in itertools.pairwise(marks):
        lines = content[a + 1:b]
        title = lines[0][1] if lines and numbered(lines[0][1]) is None and len(lines[0][1]) <= 60 else ""
        body = lines[1:] if title else lines
        kept = headings(body, result.findings)
        result.pages.append((title, _join_body(kept, text_mode)))
        shown = f"{len(result.pages)}. {title or '（无标题）'}，{len(body)} 行"
        result.findings.append(Finding("附件页", shown, content[a][0]))
    if "attachments" not in result.values:
        result.values["_pages"] = [t or f"附件{i}" for i, (t, _) in enumerate(result.pages, 1)]
    return start


def _tab_tables(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Rows of a table pasted from Word or Excel (cells split by tabs, two rows or more, the
    same number of cells) as ``|`` rows."""
    out = list(lines)
    k = 0
    while k < len(out):
        cells = out[k][1].count("\t")
        end = k
        while cells and end < len(out) and out[end][1].count("\t") == cells:
            end += 1
        if end - k >= 2:
            for i in range(k, end):
                n, line = out[i]
                out[i] = (n, "| " + " | ".join(c.strip() or " " for c in line.split("\t")) + " |")
            k = end
        else:
            out[k] = (out[k][0], out[k][1].replace("\t", " "))
            k += 1
    return out


def _title_lines(content: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The title: up to three lines before the addressee, or the first line."""
    for k in range(min(3, len(content))):
        line = content[k][1]
        if numbered(line) is not None or len(line) > 60:
            break
        if line.endswith(("：", ":")):
            return content[:k] if k else []
        if line.endswith(KIND_WORDS) and k + 1 < len(content) and not content[k + 1][1].endswith(("：", ":")):
            return content[: k + 1]
    first = content[0][1]
    if numbered(first) is None and len(first) <= 60 and not first.endswith("。"):
        return content[:1]
    return []


def _fix_number(line: str) -> str:
    compact = line.replace(" ", "").replace("\u3000", "")
    fixed = re.sub(r"[\[【(（]\s*(\d{4})\s*[\]】)）]", r"〔\1〕", compact)
    return re.sub(r"〔(\d{4})〕第?0*([1-9]\d*)号", r"〔\1〕\2号", fixed)


def _back_matter(content, head, tail, have, values, found) -> int:
    while tail > head:
        n, line = content[tail - 1]
        plain = line.replace("\u3000", " ")
        m_cc, m_pr = _CC.match(plain), _PRINTED.match(plain)
        if m_cc and not have.get("cc"):
            values["cc"] = [c.strip() for c in re.split(r"[，,、]", m_cc["rest"]) if c.strip()]
            found.append(Finding("抄送", "、".join(values["cc"]), n))
        elif m_pr and read_date(m_pr["date"]) and not have.get("printer"):
            values["printer"] = m_pr["who"].strip()
            values["printed"] = read_date(m_pr["date"])
            found.append(Finding("印发", f"{values['printer']} {m_pr['date']}", n))
        else:
            return tail
        tail -= 1
    return tail


def _sign_and_date(content, head, tail, have, values, found) -> int:
    """附注 in （）, the date line and the office line(s) above it, from the end."""
    end = tail
    note = None
    if end > head and _NOTE.match(content[end - 1][1]) and not have.get("note"):
        note = content[end - 1]
        end -= 1
    if end <= head:
        return tail
    n, line = content[end - 1]
    day = read_date(line)
    if day is None:
        return tail
    if not have.get("date"):
        values["date"] = day
        shown = f"{line}" + ("" if line.replace(" ", "") == _cn_date(day) else f"（写作 {_cn_date(day)}）")
        found.append(Finding("成文日期", shown, n))
        if line.replace(" ", "") != _cn_date(day):
            found.append(Finding("更正", f"成文日期 “{line}” 改为 “{_cn_date(day)}”", n))
    end -= 1
    offices = []
    if end > head and _is_signer(content[end - 1][1]) and not _is_office(content[end - 1][1]):
        offices.insert(0, content[end - 1])  # the line right above the date: any short name
        end -= 1
    while end > head and len(offices) < 4 and _is_office(content[end - 1][1]):
        offices.insert(0, content[end - 1])
        end -= 1
    if offices and not have.get("offices"):
        values["offices"] = [re.sub(r"\s+", "", s) for _, s in offices]
        found.append(Finding("署名", "、".join(values["offices"]), offices[0][0]))
    if note is not None:
        values["note"] = _NOTE.match(note[1])["rest"].strip()
        found.append(Finding("附注", values["note"], note[0]))
    return end


def _attachment_note(body, have, values, found):
    """附件：1.名称 and the numbered lines under it, at the end of the body."""
    for k in range(len(body) - 1, -1, -1):
        m = _ATTACH.match(body[k][1])
        if not m:
            continue
        titles = []
        first = m["rest"].strip()
        if first:
            more = _ATTACH_MORE.match(first)
            titles.append((more["rest"] if more else first).strip())
        following = body[k + 1:]
        if not all(_ATTACH_MORE.match(s) for _, s in following):
            return body
        titles += [_ATTACH_MORE.match(s)["rest"].strip() for _, s in following]
        if not titles or have.get("attachments"):
            return body
        values["attachments"] = titles
        for i, t in enumerate(titles, 1):
            found.append(Finding("附件", f"{i}. {t}", body[min(k + i - 1, len(body) - 1)][0]))
        return body[:k]
    return body


def _cn_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def _join_body(lines: list[tuple[int, str]], text_mode: bool) -> str:
    """Markdown text for the parser: in text mode each line its own paragraph (blank line
    between), table rows kept together."""
    if not text_mode:
        return "\n".join(s for _, s in lines)
    out: list[str] = []
    for _, line in lines:
        if out and not (line.startswith("|") and out[-1].startswith("|")):
            out.append("")
        out.append(line)
    return "\n".join(out)


def cn_date(iso: str) -> str:
    """2026-12-06 → 2026年12月6日."""
    return _cn_date(iso)


__all__ = [
    "HEADING_NAMES",
    "Finding",
    "Recognised",
    "cn_date",
    "headings",
    "numbered",
    "read_date",
    "recognise",
]
