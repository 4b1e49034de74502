"""Body paragraphs as Chinese typesetting sets them: every line but a paragraph's last justified to
the column, lines broken between words wherever the justification can absorb the slack.

A line breaks between characters only when no break between words keeps it within the limit of
:data:`SLACK` (so 中国共产|党 is rare, and only where the column leaves no other choice); the 禁则
rules, unbreakable runs (digits, dotted names, caller phrases) and the widow rule of
:meth:`TextEngine.break_lines` hold as before.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from paigen.layout.text import NO_LINE_END, NO_LINE_START, TextEngine

# The most a justified line may fall short of its column, in ems: a quarter of an em per gap between
# its characters, at most three characters in all.
SLACK_PER_GAP = 0.25
SLACK_MAX = 3.0


@dataclass(frozen=True)
class BodyLine:
    text: str
    justify: bool  # spread to the column's width (every line of a paragraph but its last)
    inside: bool = False  # the break after this line falls inside a word


def _visible(text: str) -> int:
    return len([c for c in text if not c.isspace() and c not in NO_LINE_START])


def body_lines(engine: TextEngine, text: str, role: str, size: float, width: float,
               keep: Sequence[str] = ()) -> list[BodyLine]:
    """*text* broken into justified lines of *width* at *size* (see the module's rules).

    A fit tries each paragraph at many sizes, and twice at each (to share the columns, then to
    set them): the lines are kept by everything that decides them (:data:`BROKEN`).
    """
    keep = tuple(keep)
    key = (engine.roles[role], text, keep, tuple(n for n in engine.names if n in text), size, width)
    lines = BROKEN.pop(key, None)
    if lines is None:
        lines = tuple(_body_lines(engine, text, role, size, width, keep))
    BROKEN[key] = lines  # (again) the most recently used
    if len(BROKEN) > BROKEN_MAX:
        del BROKEN[next(iter(BROKEN))]  # the least recently used
    return list(lines)


BROKEN: dict[tuple, tuple[BodyLine, ...]] = {}
BROKEN_MAX = 5_000  # a village breaks some 200 new paragraphs: the recurring ones stay


def _body_lines(engine: TextEngine, text: str, role: str, size: float, width: float,
                keep: tuple[str, ...]) -> list[BodyLine]:
    font = engine.font(role)
    limit = width / size + 1e-9
    out: list[BodyLine] = []
    for n, part in enumerate(text.split("\n")):
        if n and out:  # a hard break: the line before it is a paragraph's last
            out[-1] = BodyLine(out[-1].text, False, False)
        if not part.strip():
            continue
        out += _paragraph(engine, font, part, keep, limit, size, width)
    return out


def _paragraph(engine, font, text: str, keep, limit: float, size: float, width: float) -> list[BodyLine]:
    chars = engine.tokens(text, keep)
    bounds = [0]
    for token in chars:
        bounds.append(bounds[-1] + len(token))
    edges = set(bounds)  # where a line may break at all
    words = set()
    at = 0
    for token in engine.tokens(text, keep, words=True):
        at += len(token)
        words.add(at)
    words.add(0)
    cuts = [0]  # token indices where lines start
    i = 0
    while i < len(chars):
        start, used, j = i, 0.0, i
        while j < len(chars):
            em = font.ems(chars[j].rstrip(" ") if j > start else chars[j].strip(" "))
            if j > start and used + em > limit:
                break
            used += font.ems(chars[j])
            j += 1
        if j >= len(chars):
            break
        if j == start:  # one token wider than the line: it stands alone
            j = start + 1
        cut = j
        if bounds[j] not in words:  # inside a word: back to the last word boundary the slack allows
            for k in range(j - 1, start, -1):
                if bounds[k] in words:
                    line = text[bounds[start]:bounds[k]].strip(" ")
                    gaps = max(len(line) - 1, 1)
                    if limit - font.ems(line) <= min(SLACK_MAX, SLACK_PER_GAP * gaps) + 1e-9:
                        cut = k
                    break
        cuts.append(cut)
        i = cut
    cuts.append(len(chars))
    lines = ["".join(chars[a:b]).strip(" ") for a, b in itertools.pairwise(cuts) if b > a]
    inside = [bounds[c] not in words for c in cuts[1:-1]]
    # a widow (one or two characters on the last line) takes companions from the line above
    if len(lines) > 1 and _visible(lines[-1]) <= 2:
        prev, last = lines[-2], lines[-1]
        begin = bounds[cuts[-3]] + (len(text[bounds[cuts[-3]]:]) - len(text[bounds[cuts[-3]]:].lstrip(" ")))
        options = []  # where the line above may give up its end: the nearest first
        for k in range(len(prev) - 1, 0, -1):
            moved = prev[k:] + last
            if (_visible(moved) < 3 or moved[0] in NO_LINE_START or prev[k - 1] in NO_LINE_END
                    or begin + k not in edges):
                continue
            if font.width(moved, size) > width + 1e-9 or _visible(moved) > 5:
                break
            options.append(k)
        if options:  # between words if a word boundary is among them (自行脱党, not 自|行脱党)
            k = next((k for k in options if begin + k in words), options[0])
            lines[-2], lines[-1] = prev[:k], prev[k:] + last
            inside[-1] = (begin + k) not in words
    out = [BodyLine(line, True, flag) for line, flag in zip(lines[:-1], inside, strict=True)]
    out.append(BodyLine(lines[-1], False, False))
    return out
