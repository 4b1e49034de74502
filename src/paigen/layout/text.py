"""The CJK text engine: measure, break, fit and place text from real font metrics.

Rules it keeps: a line never starts with closing punctuation nor ends with opening punctuation
(禁则); digit and Latin runs (8:30-17:30, 0316-7212345), names joined by a middle dot
(阿依古丽·买买提) and any caller-given phrases stay on one line; titles break at phrase
boundaries into balanced lines; titles, labels, names and flow boxes never break inside a word
of the Chinese word segmenter (rjieba, loaded once per process, with the domain's words and the
profile's names added); body paragraphs break between characters as Chinese typesetting does but
never leave a widow (a last line of one or two characters); fitting finds the largest size that
fits a box and refuses to go below the preset's minimum (:class:`LayoutError`). Vertical text
stacks one character per cell on the column axis, with vertical forms for brackets and dashes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from paigen.errors import LayoutError
from paigen.fonts.metrics import FaceMetrics, metrics_of
from paigen.fonts.roles import RoleFont, needs_glyph, role_label
from paigen.i18n import _
from paigen.layout.scene import Box, Glyph, Matrix, Text

NO_LINE_START = set("，。、；：？！）》」』】〕〉〗”’…—～·．,.;:?!)]}%％℃‰・｝］")
NO_LINE_END = set("（《「『【〔〈〖“‘([{￥$＄｛［")
# Phrases a title should not be broken inside; breaks between them are preferred.
PHRASES = (
    "中国共产党", "党员群众", "服务中心", "服务站", "委员会", "支部", "总支", "党委", "村民", "居民",
    "党员", "群众", "党建", "党支部", "书记", "责任清单", "小微权力", "清单", "制度", "流程", "办公室",
    "活动室", "三会一课", "主题党日", "入党誓词", "组织关系", "为人民服务", "监督", "村务", "居务",
    "党务", "便民", "惠民", "服务", "公开", "值班", "先锋", "评星定级", "权利", "义务", "发展",
    # the verbs and objects of flow steps (公布交纳标准, 收缴并登记, 上缴上级党委…)
    "公布", "交纳", "收缴", "上缴", "登记", "公示", "审查", "审批", "备案", "谈话", "申请", "标准",
    "情况", "基数", "金额", "比例", "介绍信", "接收", "转出", "转入", "会议", "记录", "党委", "党课",
)
# Words that end a name or title; a break right before them reads naturally (中共康宁社区 / 委员会).
SUFFIXES = ("委员会", "支部委员会", "总支部委员会", "党员群众服务中心", "党群服务中心", "党群服务站",
            "服务中心", "服务站", "办公室", "活动室", "责任清单", "清单", "制度", "流程", "公开栏", "先锋榜")
# Domain words the segmenter must keep whole (乡镇党委, 党组织 …) besides its own dictionary.
DOMAIN_WORDS = (
    "乡镇党委", "街道党工委", "党组织", "党支部", "党总支", "村党组织", "党小组", "村民委员会", "居民委员会",
    "村务监督委员会", "居务监督委员会", "支部委员会", "总支部委员会", "党员大会", "支委会", "党小组会",
    "入党积极分子", "发展对象", "预备党员", "正式党员", "入党申请书", "入党志愿书", "介绍人", "培养联系人",
    "三会一课", "主题党日", "组织生活会", "民主评议", "党费", "组织关系", "介绍信", "回执", "讨论", "通知",
    "审批", "审查", "考察", "确定", "公示", "备案", "谈话", "培训", "宣誓", "转正", "接收", "转出", "转入",
    "为人民服务", "党员群众服务中心", "党群服务中心", "服务中心", "服务站", "村务", "居务", "党务",
    "便民服务", "值班", "坐班", "先锋榜", "评星定级", "小微权力", "责任清单", "牺牲一切",
)
# Dictionary idioms a line may break inside (frequency 0); none: a reader takes 提出申请 and
# 会议主题 as one word each, so flow boxes keep them whole.
SPLIT_WORDS: tuple[str, ...] = ()
VERTICAL_FORMS = {
    "（": "︵", "）": "︶", "(": "︵", ")": "︶", "《": "︽", "》": "︾", "〈": "︿", "〉": "﹀",
    "「": "﹁", "」": "﹂", "『": "﹃", "』": "﹄", "【": "︻", "】": "︼", "〔": "︹", "〕": "︺",
    "｛": "︷", "｝": "︸", "—": "︱", "–": "︲", "…": "︙", "，": "︐", "、": "︑", "。": "︒",
    "：": "︓", "；": "︔", "！": "︕", "？": "︖", "～": "≀",
}
# Characters centred on their ink rather than their em box (the dot in 阿依古丽·买买提).
CENTRED = set("·・•")
_ASCII_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.:/@_%+\-]*[A-Za-z0-9%]|[A-Za-z0-9]")
_HAN = "\u3400-\u9fff\U00020000-\U0003134f"
# A transliterated name: up to six characters on each side of a middle dot (阿依古丽·买买提).
_DOT_NAME = re.compile(f"[{_HAN}]{{1,6}}(?:[·・][{_HAN}]{{1,6}})+")


def compose(m1: Matrix, m2: Matrix) -> Matrix:
    """The transform applying *m2* first, then *m1* (affine a b c d e f)."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (a1 * a2 + c1 * b2, b1 * a2 + d1 * b2, a1 * c2 + c1 * d2, b1 * c2 + d1 * d2,
            a1 * e2 + c1 * f2 + e1, b1 * e2 + d1 * f2 + f1)


@dataclass(frozen=True)
class Missing:
    """A character no face of a role can draw, and where it was asked for."""

    char: str
    role: str
    field: str
    text: str

    def __str__(self) -> str:
        fields = {"char": self.char, "code": f"U+{ord(self.char):04X}", "text": self.text,
                  "field": self.field, "role": role_label(self.role)}
        if self.field:
            return _("{field}: '{char}' ({code}) in '{text}' is in no installed font of the {role} "
                     "role; install a font that has it and name it in {setting} of paigen.yaml, or "
                     "replace the character", setting=f"fonts.{self.role}.path", **fields)
        return _("'{char}' ({code}) in '{text}' is in no installed font of the {role} role; install "
                 "a font that has it and name it in {setting} of paigen.yaml, or replace the "
                 "character", setting=f"fonts.{self.role}.path", **fields)


class Font:
    """A role's chain of faces, ready for measuring and shaping."""

    def __init__(self, role: RoleFont):
        self.role = role.role
        self.faces: tuple[FaceMetrics, ...] = tuple(metrics_of(f) for f in role.faces)
        self.primary = self.faces[0]
        self._pick: dict[str, tuple[FaceMetrics, str] | None] = {}
        self._advance: dict[str, float] = {}
        self._ems: dict[str, float] = {}

    def pick(self, char: str) -> tuple[FaceMetrics, str] | None:
        """The face and glyph that draw *char*, or None."""
        if char not in self._pick:
            self._pick[char] = next(((f, f.glyph_name(char)) for f in self.faces if f.has(char)), None)
        return self._pick[char]

    def advance(self, char: str) -> float:
        """Advance of *char* in ems (one em for characters no face has)."""
        em = self._advance.get(char)
        if em is None:
            hit = self.pick(char)
            em = self._advance[char] = hit[0].advance(hit[1]) if hit else 1.0
        return em

    def ems(self, text: str) -> float:
        """Width of *text* in ems."""
        em = self._ems.get(text)
        if em is None:
            advance = self.advance
            em = sum(advance(c) for c in text)
            if len(self._ems) < 200_000:
                self._ems[text] = em
        return em

    def width(self, text: str, size: float) -> float:
        return self.ems(text) * size


@dataclass
class TextEngine:
    """Shapes text for one build; collects characters no font can draw instead of failing.

    *names* are the profile's own names (village, township, organisations, rooms): kept whole
    wherever a line breaks at words, in addition to the segmenter's dictionary.
    """

    roles: dict[str, RoleFont]
    missing: list[Missing] = field(default_factory=list)
    names: tuple[str, ...] = ()
    _fonts: dict[str, Font] = field(default_factory=dict)

    def font(self, role: str) -> Font:
        if role not in self._fonts:
            self._fonts[role] = Font(self.roles[role])
        return self._fonts[role]

    def check(self, text: str, role: str, field: str = "") -> None:
        font = self.font(role)
        for char in dict.fromkeys(text):
            if needs_glyph(char) and font.pick(char) is None:
                miss = Missing(char, role, field, text)
                if miss not in self.missing:
                    self.missing.append(miss)

    # -- breaking --------------------------------------------------------------------------
    def tokens(self, text: str, keep: Sequence[str] = (), words: bool = False) -> list[str]:
        """Split *text* into the smallest pieces a line may break between (whole words with *words*)."""
        if words:
            return tokenize(text, (*keep, *self.names), words=True)
        return tokenize(text, keep)

    def break_lines(self, text: str, role: str, size: float, width: float,
                    keep: Sequence[str] = (), words: bool = False) -> list[str]:
        """Greedy line breaking at *size* within *width*, keeping the 禁则 rules.

        With *words*, a line breaks only between words (titles, labels, names); otherwise between
        characters, as body text is set. The last line is never a widow of one or two characters.
        """
        font = self.font(role)
        limit = width / size + 1e-9  # in ems
        rows: list[list[str]] = [[]]
        used = 0.0  # ems of the current row, trailing spaces included
        hard = False  # the last row was started by a newline in the text
        for token in self.tokens(text, keep, words):
            if token == "\n":
                rows.append([])
                used = 0.0
                hard = True
                continue
            em = font.ems(token)
            stripped = token.rstrip()
            tail = em - font.ems(stripped) if stripped != token else 0.0
            # a space never breaks a line by itself: it is dropped at the line's end
            if not rows[-1] or not stripped or used + em - tail <= limit:
                rows[-1].append(token)
                used += em
                continue
            token = token.lstrip()
            rows.append([token])
            used = font.ems(token)
            hard = False
        # A widow (one or two characters and their punctuation alone on the last line) takes
        # companions from the line above until it has three, as a typesetter would.
        while (not hard and len(rows) > 1 and len(rows[-2]) > 2
               and len(_visible("".join(rows[-1]))) <= 2):
            moved = rows[-2].pop()
            if moved.strip() and font.width("".join([moved, *rows[-1]]), size) <= width + 1e-9:
                rows[-1].insert(0, moved)
            else:
                rows[-2].append(moved)
                break
        lines = ["".join(row).rstrip() for row in rows]
        if words:  # a word wider than the line stays whole: the caller takes a smaller size
            return lines
        # A token wider than the line on its own is cut by characters as a last resort.
        out: list[str] = []
        for line in lines:
            while line and font.width(line, size) > width + 1e-9 and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and font.width(line[:cut], size) > width:
                    cut -= 1
                out.append(line[:cut])
                line = line[cut:]
            out.append(line)
        return out

    def balanced_lines(self, text: str, role: str, size: float, width: float, lines: int,
                       keep: Sequence[str] = ()) -> list[str] | None:
        """Break a title into *lines* lines of even length between words (None if impossible)."""
        font = self.font(role)
        tokens = self.tokens(text, keep, words=True)
        if lines <= 1 or len(tokens) < lines:
            return None
        best: tuple[float, list[str]] | None = None
        for cuts in _cut_sets(len(tokens), lines):
            bounds = zip((0, *cuts), (*cuts, len(tokens)), strict=True)
            parts = ["".join(tokens[a:b]).strip() for a, b in bounds]
            widths = [font.width(p, size) for p in parts]
            if max(widths) > width + 1e-9 or not all(parts):
                continue
            score = max(widths) / size + phrase_score(text, parts)
            # a short last line reads badly on a title, a lone character worse
            score += 0.5 * max(0.0, widths[0] - widths[-1]) / size / lines
            score += 3.0 * sum(len(_visible(p)) <= 1 for p in parts)
            if best is None or score < best[0]:
                best = (score, parts)
        return best[1] if best else None

    # -- fitting ---------------------------------------------------------------------------
    def fit(self, text: str, role: str, box: Box, *, min_size: float, max_size: float,
            leading: float = 1.3, max_lines: int | None = None, balanced: bool = False,
            keep: Sequence[str] = (), where: str = "", one_line_bias: float = 1.0,
            words: bool = True, _whole: bool = False) -> tuple[float, list[str]]:
        """The largest size in [min_size, max_size] at which *text* fits *box*, and its lines.

        Lines break between words (a title, name or label); *words* False breaks between
        characters, for running text.

        With *one_line_bias* > 1, more lines are used only when they allow a size that many
        times larger than one line does (a door plate reads best on one line).
        """
        if one_line_bias > 1.0 and max_lines != 1:
            try:
                single = self.fit(text, role, box, min_size=min_size, max_size=max_size, leading=leading,
                                  max_lines=1, keep=keep, where=where, words=words)
            except LayoutError:
                single = None
            multi = self.fit(text, role, box, min_size=min_size, max_size=max_size, leading=leading,
                             max_lines=max_lines, balanced=balanced, keep=keep, where=where, words=words)
            return single if single and multi[0] < single[0] * one_line_bias else multi
        self.check(text, role, where)
        if words:
            try:
                return self.fit(text, role, box, min_size=min_size, max_size=max_size, leading=leading,
                                max_lines=max_lines, balanced=balanced, keep=keep, where=where,
                                words=False, _whole=True)
            except LayoutError:  # a word too long for the box even at the minimum: break inside it
                pass

        def attempt(size: float) -> list[str] | None:
            lines = self.break_lines(text, role, size, box.w, keep, _whole)
            if balanced and len(lines) > 1:
                lines = self.balanced_lines(text, role, size, box.w, len(lines), keep) or lines
            if max_lines is not None and len(lines) > max_lines:
                return None
            font = self.font(role)
            if any(font.width(line, size) > box.w + 1e-6 for line in lines):
                return None
            if block_height(len(lines), size, leading) > box.h + 1e-6:
                return None
            return lines

        best = attempt(max_size)
        if best is not None:
            return max_size, best
        low_lines = attempt(min_size)
        if low_lines is None:
            raise LayoutError(_(
                "{where}: '{text}' does not fit the {w} × {h} mm text area at the minimum size of "
                "{minimum} mm; shorten the text, or change the sign's minimum text size or size_mm "
                "in paigen.yaml", where=where or _("text"), text=text, w=f"{box.w:.0f}",
                h=f"{box.h:.0f}", minimum=f"{min_size:g}"))
        low, high, lines = min_size, max_size, low_lines
        while high - low > 0.1:
            mid = (low + high) / 2
            found = attempt(mid)
            if found is None:
                high = mid
            else:
                low, lines = mid, found
        if balanced and len(lines) > 1:
            # A title may give up to 20 % of its size to break at a phrase boundary.
            options = [(low, lines)]
            for step in range(1, 11):
                size = max(min_size, low * (1 - 0.02 * step))
                found = attempt(size)
                if found:
                    options.append((size, found))
            low, lines = min(options, key=lambda o: (phrase_score(text, o[1]), -o[0]))
        return round(low, 2), lines

    # -- placing ---------------------------------------------------------------------------
    def place(self, lines: Sequence[str], role: str, size: float, box: Box, color: str, *,
              align: str = "center", valign: str = "middle", leading: float = 1.3,
              field: str = "", name: str = "") -> Text:
        """Lay lines out in *box*: align left/center/right/distribute (分散对齐)."""
        font = self.font(role)
        for line in lines:
            self.check(line, role, field)
        height = block_height(len(lines), size, leading)
        top = {"top": box.y, "bottom": box.bottom - height}.get(valign, box.y + (box.h - height) / 2)
        glyphs: list[Glyph] = []
        used = None
        for i, line in enumerate(lines):
            line_top = top + i * size * leading
            baseline = line_top + size * font.primary.ascent
            width = font.width(line, size)
            chars = [c for c in line]
            gap = 0.0
            if align == "distribute" and len(chars) > 1:
                gap = (box.w - width) / (len(chars) - 1)
                x = box.x
            elif align == "left":
                x = box.x
            elif align == "right":
                x = box.right - width
            else:
                x = box.x + (box.w - width) / 2
            if align == "distribute" and len(chars) == 1:
                x = box.x + (box.w - width) / 2
            line_box = Box(x, line_top, width + gap * max(len(chars) - 1, 0), size)
            used = line_box if used is None else used.union(line_box)
            for char in chars:
                advance = font.advance(char) * size
                glyph = self._glyph(font, char, x, baseline, size, advance)
                if glyph:
                    glyphs.append(glyph)
                x += advance + gap
        return Text("\n".join(lines), role, size, color, tuple(glyphs), used or Box(box.x, box.y, 0, 0),
                    field=field, name=name)

    def line(self, text: str, role: str, size: float, x: float, top: float, color: str, *,
             anchor: str = "left", field: str = "", name: str = "") -> Text:
        """One line of text at *size* whose em box starts at *top*; anchor left/center/right at x."""
        width = self.font(role).width(text, size)
        left = {"left": x, "center": x - width / 2, "right": x - width}[anchor]
        return self.place([text], role, size, Box(left, top, width, size), color, align="left",
                          valign="top", field=field, name=name)

    def vertical(self, text: str, role: str, size: float, box: Box, color: str, *,
                 distribute: bool = True, field: str = "", name: str = "") -> Text:
        """Stack *text* top to bottom, one character per cell centred on the column axis."""
        font = self.font(role)
        self.check(text, role, field)
        chars = [c for c in text if not c.isspace()]
        n = len(chars)
        if distribute and n > 1:
            pitch = (box.h - size) / (n - 1)
            top = box.y
        else:
            pitch = size
            top = box.y + (box.h - n * size) / 2
        glyphs: list[Glyph] = []
        for i, char in enumerate(chars):
            cell = Box(box.cx - size / 2, top + i * pitch, size, size)
            glyph = self._vertical_glyph(font, char, cell, size)
            if glyph:
                glyphs.append(glyph)
        used = Box(box.cx - size / 2, top, size, (n - 1) * pitch + size if n else 0)
        return Text(text, role, size, color, tuple(glyphs), used, field=field, vertical=True, name=name)

    # -- glyphs ----------------------------------------------------------------------------
    def _glyph(self, font: Font, char: str, x: float, baseline: float, size: float,
               advance: float) -> Glyph | None:
        hit = font.pick(char)
        if hit is None or not needs_glyph(char):
            return None
        face, name = hit
        k = size / face.upm
        if char in CENTRED:
            return self._centred(face, name, char, x + advance / 2,
                                 baseline - size * (face.ascent + face.descent) / 2, size)
        return Glyph(char, face.key, name, (k, 0.0, 0.0, -k, x, baseline), advance)

    def _centred(self, face: FaceMetrics, name: str, char: str, cx: float, cy: float,
                 size: float) -> Glyph:
        k = size / face.upm
        ink = face.bounds(name)
        gx, gy = ((ink.x_min + ink.x_max) / 2, (ink.y_min + ink.y_max) / 2) if ink else (0.0, 0.0)
        return Glyph(char, face.key, name, (k, 0.0, 0.0, -k, cx - gx * k, cy + gy * k), size)

    def _vertical_glyph(self, font: Font, char: str, cell: Box, size: float) -> Glyph | None:
        if not needs_glyph(char):
            return None
        form = VERTICAL_FORMS.get(char)
        char_to_draw = form if form and font.pick(form) else char
        hit = font.pick(char_to_draw)
        if hit is None:
            return None
        face, name = hit
        if char_to_draw in CENTRED or char_to_draw == form:
            return self._centred(face, name, char_to_draw, cell.cx, cell.cy, size)
        k = size / face.upm
        advance = face.advance(name) * size
        em_centre_y = (face.ascent + face.descent) / 2 * face.upm  # font units
        if form:  # no vertical form in the font: turn the glyph a quarter clockwise
            local = (k, 0.0, 0.0, -k, -advance / 2, em_centre_y * k)
            turn = (0.0, 1.0, -1.0, 0.0, cell.cx, cell.cy)
            return Glyph(char, face.key, name, compose(turn, local), size)
        baseline = cell.y + size * face.ascent
        return Glyph(char, face.key, name, (k, 0.0, 0.0, -k, cell.cx - advance / 2, baseline), size)


def _visible(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and c not in NO_LINE_START)


def block_height(lines: int, size: float, leading: float) -> float:
    """Height of *lines* lines of em size *size* at line pitch size × leading."""
    return size + (lines - 1) * size * leading if lines else 0.0


def tokenize(text: str, keep: Sequence[str] = (), words: bool = False) -> list[str]:
    """Split *text* into unbreakable pieces: CJK characters (or whole words with *words*), ASCII
    runs, dotted names, phrases."""
    return list(_tokenize(text, tuple(keep), words))


_SEGMENTER = None


def _segmenter():
    """The word segmenter, loaded once per process with the domain's words added."""
    global _SEGMENTER
    if _SEGMENTER is None:
        import rjieba

        seg = rjieba.Jieba()
        for word in (*DOMAIN_WORDS, *PHRASES, *SUFFIXES):
            seg.add_word(word, None, None)
        for word in SPLIT_WORDS:
            seg.add_word(word, 0, None)  # frequency 0 takes the idiom out of the dictionary
        _SEGMENTER = seg
    return _SEGMENTER


# Numbered units of 兵团 and other hierarchies (第十四师, 二二四团, 十一连, 第五连): one word each.
_UNIT = re.compile("第?[一二三四五六七八九十百零〇两]+[师团连营旅队组]")


@lru_cache(maxsize=16384)
def words(text: str) -> tuple[str, ...]:
    """*text* cut into words by the segmenter (their concatenation is *text*)."""
    cut = _segmenter().cut(text)
    bounds, at = set(), 0
    for word in cut:
        at += len(word)
        bounds.add(at)
    for m in _UNIT.finditer(text):
        bounds.difference_update(range(m.start() + 1, m.end()))
        bounds.update((m.start(), m.end()))
    bounds.discard(0)
    out, start = [], 0
    for end in sorted(bounds):
        out.append(text[start:end])
        start = end
    return tuple(out)


@lru_cache(maxsize=8192)
def _tokenize(text: str, keep: tuple[str, ...], by_words: bool = False) -> tuple[str, ...]:
    protected = [(m.start(), m.end()) for m in _ASCII_RUN.finditer(text)]
    if by_words:
        at = 0
        for word in words(text):
            if len(word) > 1 and not word.isspace():
                protected.append((at, at + len(word)))
            at += len(word)
    protected += [(m.start(), m.end()) for m in _DOT_NAME.finditer(text)]
    for phrase in keep:
        if phrase:
            protected += [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text)]
    glue = [False] * (len(text) + 1)  # glue[i]: no break allowed before text[i]
    for start, end in protected:
        for i in range(start + 1, end):
            glue[i] = True
    for i, char in enumerate(text):
        if i and char in NO_LINE_START:
            glue[i] = True
        if char in NO_LINE_END and i + 1 < len(text):
            glue[i + 1] = True
    tokens: list[str] = []
    for i, char in enumerate(text):
        if tokens and glue[i] and char != "\n" and tokens[-1] != "\n":
            tokens[-1] += char
        else:
            tokens.append(char)
    return tuple(tokens)


def phrase_score(text: str, lines: Sequence[str]) -> float:
    """Penalty of breaking *text* into *lines*: inside a phrase costs, before a suffix pays."""
    offsets, at = [], 0
    for line in lines[:-1]:
        at = text.index(line, at) + len(line)
        offsets.append(at)
    inside, before_suffix = _phrase_offsets(text)
    return 1.5 * sum(o in inside for o in offsets) - 2.0 * sum(o in before_suffix for o in offsets)


_SUFFIXES = [re.compile(re.escape(w)) for w in SUFFIXES]


@lru_cache(maxsize=4096)
def _phrase_offsets(text: str) -> tuple[frozenset[int], frozenset[int]]:
    """Offsets strictly inside a known phrase, and offsets where a suffix word starts."""
    inside: set[int] = set()
    at = 0
    for word in words(text):
        inside.update(range(at + 1, at + len(word)))
        at += len(word)
    for phrase in PHRASES:
        start = text.find(phrase)
        while start >= 0:
            inside.update(range(start + 1, start + len(phrase)))
            start = text.find(phrase, start + 1)
    before = {m.start() for pattern in _SUFFIXES for m in pattern.finditer(text) if m.start()}
    return frozenset(inside), frozenset(before)


def _cut_sets(n: int, lines: int):
    """All ways to cut n tokens into *lines* non-empty groups (small n only)."""
    from itertools import combinations

    if n > 40 and lines > 2:
        step = n / lines
        yield tuple(round(step * i) for i in range(1, lines))
        return
    yield from combinations(range(1, n), lines - 1)
