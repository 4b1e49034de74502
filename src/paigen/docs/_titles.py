"""Break a document title into balanced lines (GB/T 9704: 梯形或菱形, words kept whole)."""

from __future__ import annotations

from paigen.docs._geometry import BLOCK_W, TITLE_PT, pt
from paigen.layout.text import tokenize

# Words a title must not be broken inside.
WORDS = (
    "中国共产党", "村级党员群众服务中心", "村级党群服务中心", "党员群众服务中心", "党群服务中心",
    "服务中心", "委员会", "实施方案", "实施意见",
    "标准化", "规范化", "建设", "工作", "验收", "报告", "通知", "印发", "开展", "关于", "村级",
    "社区", "党员", "群众", "组织", "活动", "场所", "标识", "标牌", "示范", "达标", "基层", "党建",
    "申请", "拨付", "资金", "商请", "支持", "施工", "外墙", "色带", "推进", "会议", "纪要",
    "农场", "团场", "牧场", "街道", "连队", "居委会", "评分表",
)
# Places where a break reads naturally: after these ...
GOOD_AFTER = ("关于", "印发", "关于开展", "》")
# ... and before these.
GOOD_BEFORE = ("的通知", "的报告", "的请示", "的函", "的批复", "实施方案", "验收报告", "工作的通知", "《")


def max_chars() -> int:
    return int(pt(BLOCK_W) // TITLE_PT)


def _glued(text: str, keep: tuple[str, ...] = ()) -> set[int]:
    """Offsets i where a break before text[i] is not allowed: inside the title words and the
    names in *keep* (the township's, its villages'), and wherever the sign engine's 禁则 rules
    (punctuation, digit runs) forbid one."""
    glue: set[int] = set()
    at = 0
    for token in tokenize(text, keep=WORDS):
        glue.update(range(at + 1, at + len(token)))
        at += len(token)
    for name in keep:
        start = text.find(name) if name else -1
        while start >= 0:
            glue.update(range(start + 1, start + len(name)))
            start = text.find(name, start + 1)
    return glue


def title_lines(text: str, limit: int | None = None, keep: tuple[str, ...] = ()) -> list[str]:
    """Split *text* at explicit newlines, then break each part that is too long for one line
    (never inside a title word or a name of *keep*)."""
    limit = limit or max_chars()
    lines: list[str] = []
    for part in text.split("\n"):
        lines.extend(_break(part.strip(), limit, keep))
    return [line for line in lines if line]


def _break(text: str, limit: int, keep: tuple[str, ...] = ()) -> list[str]:
    if len(text) <= limit:
        return [text]
    glue = _glued(text, keep)
    n = -(-len(text) // limit)  # lines needed
    best: tuple[float, list[str]] | None = None
    for cuts in _cuts(len(text), n, glue):
        parts = [text[a:b] for a, b in zip((0, *cuts), (*cuts, len(text)), strict=True)]
        if any(len(p) > limit for p in parts):
            continue
        lengths = [len(p) for p in parts]
        score = max(lengths) - min(lengths)
        for cut in cuts:
            if any(text[:cut].endswith(w) for w in GOOD_AFTER):
                score -= 3
            if any(text[cut:].startswith(w) for w in GOOD_BEFORE):
                score -= 3
        if best is None or score < best[0]:
            best = (score, parts)
    if best is None:  # nothing fits the rules: cut hard at the limit
        return [text[i:i + limit] for i in range(0, len(text), limit)]
    return best[1]


def _cuts(length: int, lines: int, glue: set[int]):
    allowed = [i for i in range(1, length) if i not in glue]
    if lines == 2:
        for a in allowed:
            yield (a,)
    else:
        for a in allowed:
            for rest in _cuts(length - a, lines - 1, {i - a for i in glue if i > a}):
                yield (a, *(a + r for r in rest))
