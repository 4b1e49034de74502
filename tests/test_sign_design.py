"""Sign design on profiles the layouts were not tuned on: a 兵团 连队 with a 30-character name, a
社区 with twelve rooms on three floors, and the samples — measured as the eye sees them, with a
dictionary independent of the layout's own (jieba's default dictionary)."""

import dataclasses
import importlib.util
import sys

import pytest

from paigen.batch._table import Column, table_pages
from paigen.fonts import resolve_roles
from paigen.layout.scene import Path, Rect, Text
from paigen.layout.signs import Context
from paigen.layout.signs.board import rule_boards, wall_sizes
from paigen.layout.signs.bulletin import bulletins
from paigen.layout.signs.door_plate import door_plates
from paigen.layout.signs.frame import room_boards
from paigen.layout.signs.guide import guides
from paigen.layout.signs.plaque import plaques
from paigen.layout.signs.plates import rating_plate
from paigen.layout.signs.services import services_board
from paigen.layout.text import TextEngine
from paigen.model.settings import default_settings

from conftest import MINIMAL, ROOT, SAMPLES, load


def _module(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


unfamiliar = _module("unfamiliar")
design = _module("design")


@pytest.fixture(scope="module")
def roles():
    return resolve_roles(default_settings())


def ctx(profile, roles, settings=None):
    return Context(profile, settings or default_settings(), TextEngine(roles))


@pytest.fixture(scope="module")
def five_kits(tmp_path_factory):
    """(context, kit) of the three samples and the two unfamiliar profiles."""
    folders = [SAMPLES, *unfamiliar.write(tmp_path_factory.mktemp("unfamiliar"))]
    return [pair for folder in folders for pair in design.kits(folder)]


def texts(art, name=None):
    return [t for t in art.page.texts if name is None or t.name == name]


# -- the guide -------------------------------------------------------------------------------------

def _rooms(n, floors=1, also=False):
    lines = [f"    - {{name: 第{i + 1}功能室, floor: {1 + i % floors}"
             + (f", also: [加挂室{i + 1}]" if also and i % 3 == 0 else "") + "}" for i in range(n)]
    return f"center:\n  floors: {floors}\n  rooms:\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize(("rooms", "floors"), [(2, 1), (5, 2), (12, 3)])
def test_the_guide_list_fills_half_the_body_height(roles, rooms, floors):
    (board,) = guides(ctx(load(MINIMAL + _rooms(rooms, floors)), roles))
    body = board.meta["body"]
    listed = [t.box for t in texts(board) if t.name in ("room", "floor")]
    top, bottom = min(b.y for b in listed), max(b.bottom for b in listed)
    assert (bottom - top) / body.h >= 0.5, (rooms, round((bottom - top) / body.h, 2))


def test_a_30_character_centre_name_does_not_shrink_the_rooms(roles):
    name = unfamiliar.COMPANY
    assert len(name) == 30
    profile = load(f"village: {{name: {name}, township: 四十五团, type: 连队}}\n" + _rooms(3))
    (board,) = guides(ctx(profile, roles))
    (title,) = texts(board, "title")
    rooms = texts(board, "room")
    body = board.meta["body"]
    assert {t.size for t in rooms} == {56.0}  # the preset's cap, not the title's size
    assert texts(board, "subtitle")[0].size <= rooms[0].size
    listed = rooms + texts(board, "floor")
    top, bottom = min(t.box.y for t in listed), max(t.box.bottom for t in listed)
    assert (bottom - top) / body.h >= 0.5 and title.size < rooms[0].size


def test_a_room_and_its_additional_names_stay_in_one_cell(roles):
    profile = load(MINIMAL + _rooms(12, 1, also=True))
    (board,) = guides(ctx(profile, roles))
    rooms = texts(board, "room")
    assert len({round(t.box.x) for t in rooms if not t.text.startswith("加挂")}) == 2  # two columns
    for i, t in enumerate(rooms):
        if t.text.startswith("加挂室"):  # right under its room, in the same column, indented
            owner = rooms[i - 1]
            assert owner.text.startswith("第") and 0 < t.box.x - owner.box.x <= t.size * 1.01
            assert 0 < t.box.y - owner.box.y < t.size * 4.1


def test_guide_arrows_only_where_the_profile_gives_a_direction(roles):
    profile = load(MINIMAL + "center:\n  rooms:\n    - {name: 会议室, floor: 1, direction: 右}\n"
                   "    - {name: 档案室, floor: 1}\n")
    (board,) = guides(ctx(profile, roles))
    assert len([i for i in board.page.items if isinstance(i, Path) and i.name == "room-arrow"]) == 1


# -- emblem slots ----------------------------------------------------------------------------------

def test_no_emblem_hole_without_an_emblem_file(roles, five_kits):
    for c, kit in five_kits:
        for art in kit:
            party_plate = art.type == "door-plate" and art.page.background == "party-red"
            oath = art.type == "board" and art.title.endswith("入党誓词")
            if not (party_plate or oath or art.type == "guide"):
                continue
            assert not [i for i in art.page.items if getattr(i, "name", "") == "emblem"], art.name
            (name,) = texts(art, "name" if party_plate else "title")
            assert abs(name.box.cx - art.page.width / 2) <= 2, (c.profile.village.name, art.name)


def test_a_county_that_mounts_the_emblem_keeps_its_space(roles):
    settings = default_settings()
    keep = dataclasses.replace(settings, data={**settings.data, "assets": {
        **settings.data["assets"], "emblem_missing": "keep_space"}})
    profile = load(MINIMAL + "center:\n  rooms:\n    - {name: 党员活动室, floor: 1, party: true}\n")
    (plate,) = door_plates(ctx(profile, roles, keep))
    slot = next(i for i in plate.page.items if getattr(i, "name", "") == "emblem")
    assert slot.box.right < texts(plate, "name")[0].box.x


# -- one wall, one voice ---------------------------------------------------------------------------

def test_at_most_two_body_sizes_per_wall(five_kits):
    walls = 0
    for c, kit in five_kits:
        for room, kinds in design.measure(c, kit).walls.items():
            sizes = {s for v in kinds.values() for s in v}
            walls += len(sizes) > 0
            assert len(sizes) <= 2, (c.profile.village.name, room, sizes)
    assert walls >= 5


def test_wall_sizes_group_the_boards_into_two_sizes():
    assert wall_sizes([45.3, 18.1, 14.9, 13.9]) == [45.3, 13.9, 13.9, 13.9]
    assert wall_sizes([20.0]) == [20.0]
    assert len(set(wall_sizes([30, 25, 20, 15, 10]))) <= 2


def test_the_boards_of_one_room_share_their_body_size(roles):
    profile = load(MINIMAL + "center:\n  rooms:\n    - {name: 党员活动室, floor: 1, party: true, "
                   "boards: [党员的权利, 党员的义务, 三会一课制度]}\n")
    c = ctx(profile, roles)
    sizes = {t.size for art in rule_boards(c) for t in texts(art, "body")}
    assert len(sizes) <= 2 and len(room_boards(c)) == 3


# -- services and bulletins ------------------------------------------------------------------------

def test_a_short_services_list_spans_the_width(roles):
    profile = load(MINIMAL + "center:\n  rooms:\n    - {name: 综合服务站, floor: 1, windows: [代办]}\n"
                   "services:\n  党务村务服务: [入党申请受理, 党费收缴]\n  便民惠民服务: [社保缴费, 法律咨询]\n")
    (board,) = services_board(ctx(profile, roles))
    body = board.meta["body"]
    items = texts(board, "body")
    dots = [i.box for i in board.page.items if isinstance(i, Rect) and i.name == "bullet"]
    left, right = min(b.x for b in dots), max(t.box.right for t in items)
    assert (right - left) / body.w >= 0.8
    size = items[0].size
    for dot in (i for i in board.page.items if isinstance(i, Rect) and i.name == "bullet"):
        assert dot.box.h <= 0.4 * size  # a bullet, not a disc as heavy as the words
    bars = [i.box for i in board.page.items if isinstance(i, Rect) and i.name == "section"]
    boxes = [i.box for i in board.page.items if isinstance(i, Rect) and i.name == "category"]
    qr = [i for i in board.page.items if type(i).__name__ == "QRCode"]  # the QR code ends the band
    right_edge = max([b.right for b in boxes] + [q.box.right for q in qr])
    assert abs(right_edge - bars[0].right) < 1


def test_a_long_panel_heading_does_not_shrink_its_data(roles):
    base = MINIMAL + "people:\n  - {name: 王建国, roles: [村委会主任], phone: '13831612345'}\n"
    short = bulletins(ctx(load(base), roles))[1]
    long_name = "堂二里镇村民自治与集体经济联合管理委员会"  # 20 characters + 成员
    long = bulletins(ctx(load(base.replace("  township: 堂二里镇\n",
                                           f"  township: 堂二里镇\n  committee: {long_name}\n")), roles))[1]
    heading = next(t for t in texts(long, "area-title") if "联合管理" in t.text.replace("\n", ""))
    assert len(heading.text.replace("\n", "")) >= 20 and "\n" in heading.text  # two lines, not shrunk
    assert heading.size == max(t.size for t in texts(short, "area-title"))
    assert {t.size for t in texts(long, "body")} == {t.size for t in texts(short, "body")}


def test_bulletin_files_the_supervision_chair_apart_and_the_rating_in_the_overview(roles):
    profile = load(MINIMAL + "people:\n  - {name: 王建国, roles: [党支部书记, 村委会主任], phone: '13831612345'}\n"
                   "  - {name: 刘红梅, roles: [村务监督委员会主任], phone: '13582645530'}\n"
                   "rating: {year: 2025, stars: 5}\n")
    party, affairs = bulletins(ctx(profile, roles))
    lines = [t.text for t in texts(affairs, "body")]
    assert any("刘红梅" in x and "村务监督委员会主任" in x for x in lines)
    assert not any("刘红梅" in x and "村委会" in x.replace("村务监督委员会", "") for x in lines)
    party_text = "".join(t.text for t in texts(party))
    assert "五星级党组织" in party_text and "党支部概况" in party_text


# -- plaques and slips -----------------------------------------------------------------------------

def test_two_column_plaques_align_their_rows(roles):
    profile = load("village: {name: 新疆生产建设兵团第十四师昆玉市皮山农场第五连, township: 皮山农场, "
                   "type: 连队}\n")
    for art in plaques(ctx(profile, roles)):
        columns = texts(art, "name")
        assert len(columns) == 2
        right, left = columns
        gutter = right.box.x - left.box.right
        assert gutter >= 0.3 * right.size  # two columns, not one block
        ys = [[round(g.matrix[5], 1) for g in c.glyphs] for c in columns]
        short = min(ys, key=len)
        assert short == max(ys, key=len)[: len(short)]  # one pitch: the rows align


def test_rating_says_wu_xing_ji_and_keeps_its_title_off_the_frame(roles):
    profile = load(MINIMAL + "rating: {year: 2025, stars: 5}\n")
    (plate,) = rating_plate(ctx(profile, roles))
    assert "五星级党组织" in [t.text for t in texts(plate)]
    (title,) = texts(plate, "title")
    frame = next(i for i in plate.page.items if isinstance(i, Rect) and i.name == "frame")
    assert title.box.y - frame.box.y >= 0.3 * title.size


def test_a_long_note_of_the_order_sheet_wraps_instead_of_being_cut(roles):
    note = "烤漆铝板竖牌，白底红字，四角打孔，现场按门洞尺寸复核后再下料，" * 3
    art = table_pages(TextEngine(roles), "订单", "", [Column("名称", 0.2), Column("说明", 0.2)],
                      [["吊牌", note]])
    cells = [t for p in art.pages for t in p.items if isinstance(t, Text) and t.name == "cell"]
    assert note in {c.text.replace("\n", "") for c in cells}
    assert not any("…" in c.text for c in cells)


def test_a_long_order_is_laid_out_a_page_at_a_time_and_draws_the_same_pdf(roles, settings):
    from paigen.backends import chars_by_face, render_pdf

    rows = [[f"{t}镇", f"{t}{v}村", "门牌", f"党员活动室 {v}", "300×100", "3", "铝板", "白底红字", "待核对", "1",
             f"door-{v}.pdf"] for t in "东西南" for v in range(40)]
    cols = [Column(str(i), 1 / 11) for i in range(11)]
    art = table_pages(TextEngine(roles), "订单", "一个乡镇的很长的副标题", cols, rows)
    assert len(art.pages) > 3 and not isinstance(art.pages, tuple)
    laid_out = dataclasses.replace(art, pages=tuple(art.pages))  # every page made at once, as before
    assert chars_by_face(art) == chars_by_face(laid_out)  # the samples hold every character
    assert render_pdf(art, settings, text="live") == render_pdf(laid_out, settings, text="live")
    assert [t.text for t in art.pages[2].texts][-1] == f"第 3 / {len(art.pages)} 页"


def test_township_named_once_when_the_name_holds_it(roles):
    from paigen.layout.signs._common import place_name

    profile = load("village: {name: 四十五团红旗农场第十二连, township: 四十五团, type: 连队}\n")
    assert place_name(profile.village) == "四十五团红旗农场第十二连"
    assert place_name(load(MINIMAL).village) == "堂二里镇东庄村"


def test_a_company_kit_speaks_of_the_company(five_kits):
    _, kit = next(p for p in five_kits if p[0].profile.village.type == "连队")
    words = "".join(t.text for art in kit for t in texts(art))
    for wrong in ("村民委员会", "村务公开栏", "乡村振兴", "村务监督委员会"):
        assert wrong not in words
    assert "连务公开栏" in words
    assert any(a.title.startswith("吊牌") and a.title.endswith("管理委员会") for a in kit)


# -- the figures of benchmarks/design.py -----------------------------------------------------------

def test_the_design_figures_of_the_five_kits(five_kits):
    for c, kit in five_kits:
        fig = design.measure(c, kit)
        where = c.profile.village.name
        assert fig.word_breaks == [], (where, fig.word_breaks)
        assert all(len(b) <= 1 for b in fig.body_breaks.values()), (where, fig.body_breaks)
        low = {n: round(f, 2) for n, f in fig.fills.items() if f < 0.35}
        assert not low, (where, low)
        assert "guide" in fig.fills


def test_bulletin_photo_frames_as_a_preset_option(roles):
    settings = default_settings()
    signs = dict(settings.data["signs"])
    signs["bulletin"] = {**signs["bulletin"], "photos": True}
    photos = dataclasses.replace(settings, data={**settings.data, "signs": signs})
    profile = load(MINIMAL + "people:\n  - {name: 王建国, roles: [党支部书记, 村委会主任], phone: '13831612345'}\n"
                   "  - {name: 李秀英, roles: [党支部副书记], phone: '13903267781'}\n")
    party, affairs = bulletins(ctx(profile, roles, photos))
    frames = [i for i in party.page.items if isinstance(i, Rect) and i.name == "photo"]
    assert len(frames) == 2 and {t.text for t in texts(party, "photo-name")} == {"王建国", "李秀英"}
    headings = {t.text for t in texts(affairs, "area-title")}
    assert {"群众意见", "回音壁"} <= headings
    body = party.meta["body"]
    assert all(body.contains(f.box) for f in frames)
