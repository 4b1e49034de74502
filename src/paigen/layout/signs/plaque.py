"""吊牌: the three vertical plaques at the door, 分散对齐 from top to bottom.

The three plaques of a set share one character size, set by the longest name, with the spacing
distributed so every plaque still spans its column. A name too long for one column at the
preset's minimum is set in two columns, right column first, broken between words; the profile's
``short_name`` replaces a name that would otherwise need two columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from paigen.errors import LayoutError
from paigen.i18n import _
from paigen.layout.scene import Artwork, Box
from paigen.layout.signs._common import Context, color_note
from paigen.layout.text import words

FIELDS = {"party_org": "village.party_org.name", "committee": "village.committee",
          "supervision": "village.supervision"}
MIN_GAP = 0.12  # of the character size, between stacked characters
END_MARGIN = 0.06  # of the plaque height, above the first and below the last character
SIDE_MARGIN = 0.1875  # of the plaque width, either side of a single column (60 mm of 320)
COLUMN_GAP = 0.35  # of the character size, between the two columns of a long name (≥ 0.3: two columns,
#                   not one block), up to MAX_GAP when the plaque is wider than the columns need
MAX_GAP = 0.6


@dataclass(frozen=True)
class Setting:
    text: str
    columns: tuple[str, ...]  # right column first
    size: float  # the largest character size this name allows


def _chars(text: str) -> int:
    return len([c for c in text if not c.isspace()])


def _size(columns: tuple[str, ...], box: Box, max_size: float) -> float:
    n = max(_chars(c) for c in columns)
    k = len(columns)
    width = box.w / (k + (k - 1) * COLUMN_GAP)
    return min(max_size, width, box.h / (n + (n - 1) * MIN_GAP))


def _two_columns(text: str) -> tuple[str, str] | None:
    """*text* cut between words into two runs as even as possible (the first one not shorter)."""
    cuts, at = [], 0
    for word in words(text)[:-1]:
        at += len(word)
        cuts.append(at)
    if not cuts:
        return None
    best = min(cuts, key=lambda c: (max(c, len(text) - c), c < len(text) - c))
    return text[:best], text[best:]


def _common_cut(texts: list[str], village: str) -> dict[str, tuple[str, str]]:
    """The names of a set cut at one place of the village's own name, so the three plaques split
    alike (中共红旗农场 / 第十二连支部委员会 beside 红旗农场 / 第十二连管理委员会); {} if none fits."""
    named = [t for t in texts if village and village in t]
    if not named or len(village) < 2:
        return {}
    cuts, at = [], 0
    for word in words(village)[:-1]:
        at += len(word)
        cuts.append(at)
    best = None
    for cut in cuts:
        pairs = {}
        for t in named:
            i = t.index(village) + cut
            pairs[t] = (t[:i], t[i:])
        longest = max(max(len(a), len(b)) for a, b in pairs.values())
        if best is None or longest < best[0]:
            best = (longest, pairs)
    return best[1] if best else {}


def setting(ctx: Context, name: str, key: str, text: str, short: str, column: Box, wide: Box,
            pair: tuple[str, str] | None = None) -> Setting:
    """One column of the name, or of its short name, or two columns of the name (cut at *pair*)."""
    spec = ctx.spec("plaque")
    low, high = float(spec["min_text_mm"]), float(spec["max_text_mm"])
    options = [((text,), column), *([((short,), column)] if short else [])]
    pair = pair or _two_columns(text)
    if pair:
        options.append((pair, wide))
    for columns, box in options:
        size = _size(columns, box, high)
        if size >= low:
            return Setting("".join(columns), columns, size)
    raise LayoutError(_(
        "{where}: '{text}' has {chars} characters; on a {width} mm wide plaque it would be below "
        "the minimum of {minimum} mm even in two columns; give {key}.short_name in the profile, "
        "or change signs.plaque.min_text_mm or size_mm in paigen.yaml",
        where=ctx.where(name), text=text, chars=_chars(text), width=f"{wide.w:.0f}",
        minimum=f"{low:g}", key=FIELDS[key].rsplit(".", 1)[0]))


def plaques(ctx: Context) -> list[Artwork]:
    """One plaque per organisation of the preset's set, in hanging order (party first)."""
    spec = ctx.spec("plaque")
    v = ctx.profile.village
    names = {"party_org": v.party_org.name, "committee": v.committee, "supervision": v.supervision}
    short = {"party_org": v.party_org.short_name,
             "committee": v.committee.replace(v.name, v.short_name) if v.short_name else "",
             "supervision": v.supervision.replace(v.name, v.short_name) if v.short_name else ""}
    w, h = ctx.size("plaque")
    safe = ctx.safe_margin(w, h)
    column = Box(max(safe, w * SIDE_MARGIN), h * END_MARGIN, w - 2 * max(safe, w * SIDE_MARGIN),
                 h * (1 - 2 * END_MARGIN))
    wide = Box(max(safe, w * 0.08), column.y, w - 2 * max(safe, w * 0.08), column.h)
    settings = {}
    common = _common_cut([names[k] for k in spec["set"]], v.name)
    for i, key in enumerate(spec["set"], start=1):
        try:  # two columns cut where the set's other plaques are cut
            settings[key] = setting(ctx, f"plaque-{i}", key, names[key], short[key], column, wide,
                                    common.get(names[key]))
        except LayoutError:
            settings[key] = setting(ctx, f"plaque-{i}", key, names[key], short[key], column, wide)
    size = min(s.size for s in settings.values())  # the family size: every plaque of the set
    out = []
    for i, key in enumerate(spec["set"], start=1):
        s = settings[key]
        color = spec["colors"][key]
        name = f"plaque-{i}"
        k = len(s.columns)
        items = []
        # the gutter: at least COLUMN_GAP of the size, more (up to MAX_GAP) rather than wide margins
        gap = min(MAX_GAP, max(COLUMN_GAP, (wide.w - k * size) / size / max(k - 1, 1))) if k > 1 else 0
        pitch = size * (1 + gap)
        longest = max(_chars(p) for p in s.columns)
        # both columns on one character pitch, so their rows align; the longer one spans the plaque
        step = (column.h - size) / (longest - 1) if longest > 1 else 0.0
        for c, part in enumerate(s.columns):  # the first part in the rightmost column
            cx = w / 2 + ((k - 1) / 2 - c) * pitch
            n = _chars(part)
            box = Box(cx - size / 2, column.y, size, column.h if k == 1 else size + step * (n - 1))
            items.append(ctx.engine.vertical(part, spec["font"], size, box, color, distribute=True,
                                             field=FIELDS[key], name="name"))
        out.append(ctx.artwork("plaque", name, f"吊牌 {s.text}", items, background=spec["colors"]["ground"],
                               note=f"{color_note(spec['colors']['ground'], color)}；{spec['order_note']}"
                                    f"（第{i}块）" + ("，双列竖排" if k > 1 else "")))
    return out
