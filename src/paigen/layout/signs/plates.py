"""为人民服务背景墙, 评星定级牌 and 刀旗: the short texts set large."""

from __future__ import annotations

from paigen.errors import LayoutError
from paigen.i18n import _
from paigen.layout.scene import Artwork, Box, Rect, Slot, Stroke
from paigen.layout.shapes import star
from paigen.layout.signs._common import Context, color_note

CN_DIGITS = "零一二三四五六七八九"  # 五星级, as the seeds and every plate write it


def service_wall(ctx: Context) -> list[Artwork]:
    """为人民服务 for the service station's background wall (seed 000 附件2)."""
    spec = ctx.spec("service-wall")
    engine = ctx.engine
    w, h = ctx.size("service-wall")
    text = spec["text"]
    colors = spec["colors"]
    margin = ctx.safe_margin(w, h)
    size = min(h * 0.62, (w - 2 * margin) / (len(text) * 1.5))
    if size < spec["min_text_mm"]:
        raise LayoutError(_(
            "{where}: '{text}' would be {size} mm high, below the minimum of {minimum} mm; shorten "
            "signs.service-wall.text or change size_mm in paigen.yaml",
            where=ctx.where("service-wall"), text=text, size=f"{size:.0f}",
            minimum=spec["min_text_mm"]))
    span = min(w - 2 * margin, len(text) * size * 1.5)
    box = Box((w - span) / 2, (h - size) / 2 - h * 0.04, span, size)
    items = [
        engine.place([text], spec["font"], size, box, colors["text"], align="distribute", name="text"),
        Rect(Box(box.x, box.bottom + h * 0.08, box.w, h * 0.018), fill="gold", name="rule"),
    ]
    return [
        ctx.artwork(
            "service-wall",
            "service-wall",
            f"背景墙 {text}",
            items,
            background=colors["ground"],
            note=color_note(colors["ground"], colors["text"]),
        )
    ]


def rating_plate(ctx: Context) -> list[Artwork]:
    """评星定级结果 at the activity-room door: year, stars drawn as vectors, the organisation."""
    rating = ctx.profile.rating
    if rating is None:
        return []
    spec = ctx.spec("rating")
    engine = ctx.engine
    w, h = ctx.size("rating")
    colors = spec["colors"]
    margin = max(ctx.safe_margin(w, h), 16.0)
    items: list = [
        Rect(Box(8, 8, w - 16, h - 16), stroke=Stroke(colors["star"], 1.2), radius=4, name="frame")
    ]
    # the title keeps clear of the frame by a third of its own height at least
    head = Box(margin + 8, margin + 8, w - 2 * margin - 16, h * 0.14)
    s, lines = engine.fit(
        f"{rating.year}年度评星定级",
        "hei",
        head,
        min_size=spec["min_text_mm"],
        max_size=head.h,
        max_lines=1,
        where=f"{ctx.where('rating')} title",
    )
    items.append(engine.place(lines, "hei", s, head, colors["text"], name="title"))
    radius = min((w - 2 * margin) / 11.5, h * 0.13)
    cy = head.bottom + h * 0.06 + radius
    for i in range(5):
        cx = w / 2 + (i - 2) * radius * 2.25
        filled = i < rating.stars
        items.append(
            star(
                cx,
                cy,
                radius,
                colors["star"] if filled else None,
                None if filled else Stroke(colors["star"], 1.5),
                name="star" if filled else "star-empty",
            )
        )
    grade = Box(margin, cy + radius + h * 0.05, w - 2 * margin, h * 0.16)
    s2, l2 = engine.fit(
        f"{CN_DIGITS[rating.stars]}星级党组织",
        spec["title_font"],
        grade,
        min_size=spec["min_text_mm"],
        max_size=grade.h,
        max_lines=1,
        where=f"{ctx.where('rating')} grade",
    )
    items.append(engine.place(l2, spec["title_font"], s2, grade, colors["star"], name="grade"))
    org = Box(margin, grade.bottom + h * 0.03, w - 2 * margin, h - margin - grade.bottom - h * 0.03)
    party = ctx.profile.village.party_org
    org_text, field = party.name, "village.party_org.name"
    try:  # the organisation's full name, on two lines if it must
        s3, l3 = engine.fit(org_text, "hei", org, min_size=spec["min_text_mm"] * 0.8,
                            max_size=min(org.h, 22.0), max_lines=2, balanced=True, leading=1.2,
                            one_line_bias=1.3, where=f"{ctx.where('rating')} organisation")
    except LayoutError:
        if not party.short_name:
            raise
        org_text, field = party.short_name, "village.party_org.short_name"
        s3, l3 = engine.fit(org_text, "hei", org, min_size=spec["min_text_mm"] * 0.8,
                            max_size=min(org.h, 22.0), max_lines=2, balanced=True, leading=1.2,
                            where=f"{ctx.where('rating')} organisation")
    items.append(engine.place(l3, "hei", s3, org, colors["text"], leading=1.2, field=field, name="org"))
    return [
        ctx.artwork(
            "rating",
            "rating",
            f"评星定级牌 {rating.year}年度{CN_DIGITS[rating.stars]}星级",
            items,
            background=colors["ground"],
            note=f"{color_note(colors['ground'], colors['text'])}，金色五角星",
        )
    ]


LEADING = 1.06  # character pitch of a banner's column, of the character size


def banners(ctx: Context) -> list[Artwork]:
    """刀旗 for lamp posts: one slogan per flag in one column, the ground printed to the edges.

    The pole sleeve at the top and the hem at the bottom are preset allowances: the ground runs
    over them, the characters keep clear, and they are marked in the scene as non-printing slots
    (``sleeve``, ``hem``) with the fold sizes in the print shop's note.
    """
    spec = ctx.spec("banner")
    engine = ctx.engine
    colors = spec["colors"]
    w, h = ctx.size("banner")
    sleeve, hem = float(spec.get("sleeve_mm", 60)), float(spec.get("hem_mm", 20))
    out = []
    village_type = ctx.profile.village.type
    slogans = ctx.settings.wording(village_type)["banners"] or ctx.settings.section("kit").get("banners", [])
    for n, slogan in enumerate((ctx.settings.reword(s, village_type) for s in slogans), start=1):
        name = f"banner-{n}"
        text = "".join(slogan.split())  # one column: the words read straight down
        chars = len(text)
        face = Box(0, sleeve, w, h - sleeve - hem)  # what shows once sleeve and hem are sewn
        inner = face.inset(w * 0.12, face.h * 0.035)
        size = min(float(spec["max_text_mm"]), inner.w, inner.h / (chars + (chars - 1) * (LEADING - 1)))
        if size < spec["min_text_mm"]:
            raise LayoutError(_(
                "{where}: the slogan '{slogan}' ({chars} characters) would be {size} mm on a "
                "{w} × {h} mm banner, below the minimum of {minimum} mm; shorten it or change "
                "signs.banner size_mm or min_text_mm in paigen.yaml",
                where=ctx.where(name), slogan=slogan, chars=chars, size=f"{size:.0f}",
                w=f"{w:g}", h=f"{h:g}", minimum=spec["min_text_mm"]))
        column_h = size + (chars - 1) * size * LEADING
        col = Box(w / 2 - size / 2, face.y + (face.h - column_h) / 2, size, column_h)
        items: list = [
            Slot(Box(0, 0, w, sleeve), "sleeve"),
            Slot(Box(0, h - hem, w, hem), "hem"),
            engine.vertical(text, spec["font"], size, col, colors["text"], distribute=chars > 1,
                            name="slogan"),
        ]
        out.append(
            ctx.artwork(
                "banner",
                name,
                f"刀旗 {slogan}",
                items,
                background=colors["ground"],
                note=f"{color_note(colors['ground'], colors['text'])}，单列竖排；顶部穿杆套{sleeve:g}mm、"
                     f"底边折边{hem:g}mm（已含在尺寸内），双面喷绘",
            )
        )
    return out
