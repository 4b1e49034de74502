"""Geometry of the laid-out scenes: breaking, fitting, alignment, vertical text, sign types."""

import dataclasses
import textwrap

import pytest

from paigen.errors import LayoutError
from paigen.fonts import resolve_roles
from paigen.inputs import open_inputs
from paigen.layout.scene import Box, Path, Text
from paigen.layout.signs import Context, sign_kit
from paigen.layout.signs.door_plate import door_plates
from paigen.layout.signs.guide import guides
from paigen.layout.signs.plaque import plaques
from paigen.layout.signs.wayfinding import distance_text, wayfindings
from paigen.layout.text import NO_LINE_END, NO_LINE_START, TextEngine, tokenize
from paigen.model.settings import default_settings

from conftest import MINIMAL, SAMPLES, load


@pytest.fixture(scope="module")
def roles():
    return resolve_roles(default_settings())


@pytest.fixture
def engine(roles):
    return TextEngine(roles)


@pytest.fixture(scope="module")
def samples():
    return open_inputs(SAMPLES)


def kit(profile, roles, settings=None):
    return sign_kit(Context(profile, settings or default_settings(), TextEngine(roles)))


def glyph_origin(glyph):
    return glyph.matrix[4], glyph.matrix[5]


# -- line breaking ----------------------------------------------------------------------------
def test_tokens_keep_runs_names_and_punctuation_together():
    tokens = tokenize("办公时间：周一至周五 8:30-17:30，联系人阿依古丽·买买提（0316-7212345）。")
    assert "8:30-17:30，" in tokens
    assert any("阿依古丽·买买提" in t for t in tokens)
    assert "（0316-7212345）。" in tokens  # opening bracket glued forward, closing ones backward
    assert tokenize("请联系王建国", keep=["王建国"])[-1] == "王建国"


@pytest.mark.parametrize("width", [40, 55, 73, 90, 130])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(engine, width):
    text = ("为进一步规范党员组织关系转接工作，现将有关事项（含流动党员）告知如下：一、转出党员须持"
            "《介绍信》到党支部报到；二、办理时间为周一至周五 8:30-17:30。")
    lines = engine.break_lines(text, "song", 5.0, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # a space at a break is dropped
    for line in lines[1:]:
        assert line[0] not in NO_LINE_START, lines
    for line in lines[:-1]:
        assert line[-1] not in NO_LINE_END, lines
    assert any("8:30-17:30" in line for line in lines)
    font = engine.font("song")
    assert all(font.width(line, 5.0) <= width + 1e-6 for line in lines)


def test_titles_break_at_phrase_boundaries_into_balanced_lines(engine):
    _size, lines = engine.fit("党支部书记抓党建责任清单", "title", Box(0, 0, 400, 200), min_size=30,
                             max_size=120, balanced=True, max_lines=2)
    assert lines == ["党支部书记抓", "党建责任清单"]
    _, lines = engine.fit("中共康宁社区委员会", "title", Box(0, 0, 300, 200), min_size=20, max_size=80,
                          balanced=True, max_lines=2)
    assert lines == ["中共康宁社区", "委员会"]


# -- fitting and alignment --------------------------------------------------------------------
def test_fit_finds_the_largest_size_that_fits(engine):
    box = Box(0, 0, 270, 76)
    size, lines = engine.fit("党支部书记办公室", "hei", box, min_size=15, max_size=48, max_lines=1)
    font = engine.font("hei")
    assert lines == ["党支部书记办公室"]
    assert font.width(lines[0], size) <= box.w
    assert font.width(lines[0], size + 0.2) > box.w  # not a millimetre wasted
    assert size == pytest.approx(270 / 8, abs=0.15)


def test_fit_below_the_minimum_is_a_layout_error_naming_sign_text_and_box(engine):
    with pytest.raises(LayoutError) as info:
        engine.fit("新疆生产建设兵团第十四师昆玉市二二四团综合服务中心", "hei", Box(0, 0, 270, 76),
                   min_size=15, max_size=48, max_lines=1, where="堂二里镇东庄村 door-plate-3")
    message = str(info.value)
    assert message.startswith("堂二里镇东庄村 door-plate-3：「新疆生产建设兵团")
    assert "270 × 76 mm 的文字区" in message and "最小字高 15 mm" in message


def test_distributed_alignment_spans_the_box(engine):
    box = Box(10, 10, 300, 50)
    text = engine.place(["服务中心"], "hei", 40, box, "black", align="distribute")
    first, last = text.glyphs[0], text.glyphs[-1]
    assert glyph_origin(first)[0] == pytest.approx(box.x)
    assert glyph_origin(last)[0] + last.advance == pytest.approx(box.right)
    assert text.box.w == pytest.approx(box.w)


def test_vertical_text_stacks_on_the_axis_with_vertical_forms(engine):
    box = Box(60, 126, 200, 1848)
    text = engine.vertical("中共阿依古丽·买买提（试点）支部委员会", "song", 60, box, "party-red")
    ys = [glyph_origin(g)[1] for g in text.glyphs]
    assert ys == sorted(ys)  # top to bottom
    chars = [g.char for g in text.glyphs]
    assert "︵" in chars and "︶" in chars and "（" not in chars  # vertical brackets
    for g in text.glyphs:
        if g.char not in "·︵︶":  # full-width ideographs: advance centred on the axis
            assert glyph_origin(g)[0] + 30 == pytest.approx(box.cx)
    # the middle dot of the name is centred on the axis by its ink
    dot = next(g for g in text.glyphs if g.char == "·")
    from paigen.fonts.metrics import face_metrics

    face = face_metrics(*dot.face)
    ink = face.bounds(dot.glyph)
    k = dot.matrix[0]
    assert dot.matrix[4] + (ink.x_min + ink.x_max) / 2 * k == pytest.approx(box.cx)
    # distributed: the first cell starts at the top, the last ends at the bottom
    assert text.box.y == pytest.approx(box.y) and text.box.bottom == pytest.approx(box.bottom)


# -- sign types -----------------------------------------------------------------------------
def test_plaques_fill_the_column_in_order_party_first(samples, roles):
    profile = next(p for p in samples.profiles if p.name == "东庄村")
    arts = plaques(Context(profile, samples.settings, TextEngine(roles)))
    assert [a.name for a in arts] == ["plaque-1", "plaque-2", "plaque-3"]
    assert [a.page.texts[0].text for a in arts] == ["中共东庄村支部委员会", "东庄村村民委员会",
                                                    "东庄村村务监督委员会"]
    assert [a.page.texts[0].color for a in arts] == ["party-red", "black", "black"]
    for art in arts:
        page = art.page
        assert (page.width, page.height, page.background) == (320, 2100, "white")
        text = page.texts[0]
        assert text.vertical and 50 <= text.size <= 200
        assert page.trim.inset(art.safe_margin).contains(text.box)


def test_a_thirty_character_name_goes_into_two_columns_of_at_least_100_mm(roles):
    name = "新疆生产建设兵团第十四师昆玉市二二四团十一连"
    profile = load(f"village: {{name: {name}, township: 二二四团, party_org: {{level: 总支}}}}\n")
    party = profile.village.party_org.name
    assert len(party) == 30
    first, *others = plaques(Context(profile, default_settings(), TextEngine(roles)))
    right, left = first.page.texts  # the right column is read first
    assert right.text + left.text == party
    assert right.text.endswith("第十四师") and left.text.startswith("昆玉市")  # broken between words
    assert right.box.x > left.box.right
    assert right.size == left.size >= 100 == default_settings().sign("plaque")["min_text_mm"]
    for text in (right, left):
        assert first.page.trim.inset(first.safe_margin).contains(text.box)
        steps = [b.matrix[5] - a.matrix[5] for a, b in zip(text.glyphs, text.glyphs[1:], strict=False)]
        assert min(steps) >= text.size  # characters never overlap
    # the set shares one character size, set by the longest name
    assert {t.size for art in others for t in art.page.texts} == {right.size}


def test_a_short_name_replaces_a_name_too_long_for_one_column(roles):
    profile = load("village: {name: 新疆生产建设兵团第十四师昆玉市二二四团十一连, township: 二二四团, "
                   "party_org: {level: 总支, short_name: 中共十一连总支部委员会}}\n")
    first = plaques(Context(profile, default_settings(), TextEngine(roles)))[0]
    assert [t.text for t in first.page.texts] == ["中共十一连总支部委员会"]


def test_an_overlong_plaque_name_is_a_layout_error(roles):
    profile = load(f"village: {{name: {'很长' * 30}村, township: 某镇}}\n")
    with pytest.raises(LayoutError, match=r"某镇很长.*plaque-1：「中共很长.*字高也低于最小值 100 mm"):
        plaques(Context(profile, default_settings(), TextEngine(roles)))


def test_door_plates_and_guide_carry_the_same_names(samples, roles):
    for profile in samples.profiles:
        ctx = Context(profile, samples.settings, TextEngine(roles))
        plates = door_plates(ctx)
        on_plates = [t.text.replace("\n", "") for a in plates for t in a.page.texts]
        on_guides = [t.text for a in guides(ctx) for t in a.page.texts if t.name == "room"]
        assert sorted(on_plates) == sorted(on_guides)
        assert sorted(on_plates) == sorted(n for r in profile.center.rooms for n in r.names)


def test_door_plate_colours_strips_and_emblem_slot(samples, roles):
    profile = next(p for p in samples.profiles if p.name == "东庄村")
    arts = door_plates(Context(profile, samples.settings, TextEngine(roles)))
    plates = [a for a in arts if a.type == "door-plate"]
    office = plates[1]  # 党支部办公室 + 加挂 党支部书记办公室
    assert office.page.background == "party-red" and office.page.height == 100  # the plate is one piece
    # no emblem file: no hole where the emblem would be, the name on the plate's axis
    assert not [i for i in office.page.items if getattr(i, "name", "") == "emblem"]
    assert abs(office.page.texts[0].box.cx - office.page.width / 2) <= 2
    assert "未放党徽" in office.note
    # a county that mounts a physical emblem keeps the slot, the name right of it
    keep = dataclasses.replace(samples.settings, data={**samples.settings.data, "assets": {
        **samples.settings.data["assets"], "emblem_missing": "keep_space"}})
    kept = [a for a in door_plates(Context(profile, keep, TextEngine(roles))) if a.type == "door-plate"][1]
    slot = next(i for i in kept.page.items if getattr(i, "name", "") == "emblem")
    assert slot.box.right < kept.page.texts[0].box.x
    assert "党徽位置留空" in kept.note
    assert plates[2].page.background == "door-blue" and plates[2].page.height == 100
    assert office.note.startswith("红底白字；加挂条1条另见 door-strip 文件")
    strip = next(a for a in arts if a.type == "door-strip")
    assert (strip.name, strip.page.width, strip.page.height) == ("door-strip-1", 300, 40)
    assert strip.page.background == "party-red" and strip.meta["plate"] == "door-plate-2"
    assert [t.text for t in strip.page.texts] == ["党支部书记办公室"]


def test_guide_splits_when_it_cannot_fit_at_the_minimum_size(roles):
    rooms = "\n".join(f"    - {{name: 第{i}号功能活动室, floor: {1 + i // 30}}}" for i in range(90))
    profile = load(MINIMAL + "center:\n  floors: 3\n  rooms:\n" + rooms + "\n")
    boards = guides(Context(profile, default_settings(), TextEngine(roles)))
    assert len(boards) >= 2
    assert [b.name for b in boards] == [f"guide-{i}" for i in range(1, len(boards) + 1)]
    listed = [t.text for b in boards for t in b.page.texts if t.name == "room"]
    # a building directory: the top floor first, each floor's rooms in profile order
    assert listed == [f"第{i}号功能活动室" for floor in (2, 1, 0) for i in range(floor * 30, floor * 30 + 30)]
    for board in boards:
        sizes = {t.size for t in board.page.texts if t.name == "room"}
        assert min(sizes) >= default_settings().sign("guide")["min_text_mm"]


def test_guide_arrows_follow_the_room_directions(roles):
    profile = load(MINIMAL + "center:\n  rooms:\n    - {name: 党员活动室, floor: 1, direction: 左}\n"
                   "    - {name: 调解室, floor: 1}\n")
    (board,) = guides(Context(profile, default_settings(), TextEngine(roles)))
    arrows = [i for i in board.page.items if isinstance(i, Path) and i.name == "room-arrow"]
    assert len(arrows) == 1
    tip = min(arrows[0].ops[:-1], key=lambda op: op[1])  # pointing left: the tip is leftmost
    assert tip == arrows[0].ops[3]


@pytest.mark.parametrize(("direction", "tip_index"), [("右", 1), ("左", 1), ("前", 2)])
def test_wayfinding_arrow_points_the_way(roles, direction, tip_index):
    profile = load(MINIMAL + textwrap.dedent(f"""\
        center: {{hours: 周一至周五 8:30-17:30}}
        wayfinding: [{{place: 村口, direction: {direction}, distance_m: 1250}}]
        """))
    (sign,) = wayfindings(Context(profile, default_settings(), TextEngine(roles)))
    arrow = next(i for i in sign.page.items if isinstance(i, Path))
    tip = arrow.ops[3][1:3]
    others = [op[1:3] for op in arrow.ops if op[0] in "ML"]
    axis = {"右": lambda p: p[0], "左": lambda p: -p[0], "前": lambda p: -p[1]}[direction]
    assert axis(tip) == max(axis(p) for p in others)
    note = next(t for t in sign.page.texts if t.name == "note")
    assert note.text.replace("\n", "").startswith({"右": "右转", "左": "左转", "前": "前行"}[direction] + "1.25公里")
    assert distance_text(300) == "300米" and distance_text(2000) == "2公里"


def test_every_sample_artwork_keeps_text_inside_the_safe_margin(samples, roles):
    for profile in samples.profiles:
        for art in kit(profile, roles, samples.settings):
            for page in art.pages:
                safe = page.trim.inset(art.safe_margin)
                for text in page.texts:
                    assert safe.contains(text.box), (profile.name, art.name, text.text, text.box)
                    for g in text.glyphs:
                        x, y = glyph_origin(g)
                        assert page.trim.contains(Box(x, y - text.size * 0.8, 0, 0)), (art.name, g.char)


def test_center_name_sheet_dimensions(samples, roles):
    profile = next(p for p in samples.profiles if p.name == "东庄村")
    (sheet,) = [a for a in kit(profile, roles, samples.settings) if a.type == "center-name"]
    assert (sheet.kind, sheet.page.width, sheet.page.height, sheet.page.bleed) == ("drawing", 420, 297, 0)
    labels = [t.text for t in sheet.page.texts if t.name == "dim-label"]
    chars = len("东庄村党员群众服务中心")
    total = chars * 600 + (chars - 1) * 90
    assert str(total) in labels
    assert labels.count("600") == chars + 1  # every character's width plus the height
    assert labels.count("90") == chars - 1
    # 7500 mm does not fit the A3 drawing area at 1:20 (375 mm) but does at 1:25 (300 mm)
    assert "1:25" in [t.text for t in sheet.page.texts if t.name == "value"]


def test_kit_lists_every_sign_of_the_catalogue(samples, roles):
    profile = next(p for p in samples.profiles if p.name == "康宁社区")
    names = [a.name for a in kit(profile, roles, samples.settings)]
    rooms = len(profile.center.rooms)
    assert names[:3] == ["plaque-1", "plaque-2", "plaque-3"]
    assert names.count("guide") + sum(n.startswith("guide-") for n in names) >= 1
    assert sum(n.startswith("door-plate-") for n in names) == rooms
    assert sum(n.startswith("window-") for n in names) == len(profile.center.windows) == 4
    assert sum(n.startswith("wayfinding-") for n in names) == 1
    assert "center-name" in names


def test_texts_record_their_profile_field(samples, roles):
    profile = next(p for p in samples.profiles if p.name == "东庄村")
    for art in kit(profile, roles, samples.settings):
        for text in art.page.texts:
            if text.name in ("name", "room", "strip"):
                assert text.field, (art.name, text.text)


def test_layout_does_not_mutate_the_profile(samples, roles):
    profile = samples.profiles[0]
    before = dataclasses.asdict(profile)
    kit(profile, roles, samples.settings)
    assert dataclasses.asdict(profile) == before


def test_text_items_are_text(samples, roles):
    profile = samples.profiles[0]
    for art in kit(profile, roles, samples.settings):
        assert all(isinstance(t, Text) for t in art.page.texts)
