"""Wall boards: the content library, board layouts and the default kit."""

import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest

from paigen.errors import ProfileError
from paigen.fonts import resolve_roles
from paigen.inputs import open_inputs
from paigen.layout.scene import Path as ScenePath
from paigen.layout.scene import QRCode, Rect
from paigen.layout.signs import Context, sign_kit
from paigen.layout.signs.board import text_board
from paigen.layout.signs.flow import flow_board
from paigen.layout.text import TextEngine
from paigen.model.boards import board_library, load_board
from paigen.model.settings import default_settings, load_settings

from conftest import MINIMAL, SAMPLES, load, problems

LIBRARY = Path(__file__).resolve().parent.parent / "signage" / "boards"


@pytest.fixture(scope="module")
def roles():
    return resolve_roles(default_settings())


@pytest.fixture(scope="module")
def samples():
    return open_inputs(SAMPLES)


@pytest.fixture(scope="module")
def kits(samples, roles):
    return {p.name: sign_kit(Context(p, samples.settings, TextEngine(roles))) for p in samples.profiles}


def ctx_for(profile, roles, settings=None):
    return Context(profile, settings or default_settings(), TextEngine(roles))


# -- the library -------------------------------------------------------------------------------
def test_every_shipped_board_has_source_and_version():
    lib = board_library(None)
    assert len(lib) >= 19
    for board in lib.values():
        assert board.source and board.version and board.title, board.name


def test_constitution_texts():
    lib = board_library(None)
    assert lib["入党誓词"].paragraphs[0].startswith("我志愿加入中国共产党，拥护党的纲领，遵守党的章程")
    assert lib["入党誓词"].paragraphs[0].endswith("随时准备为党和人民牺牲一切，永不叛党。")
    assert len(lib["党员的权利"].items) == 8 and len(lib["党员的义务"].items) == 8
    assert "第三条" in lib["党员的义务"].source and "第四条" in lib["党员的权利"].source


def test_the_membership_flow_has_25_steps_in_5_stages():
    flow = board_library(None)["发展党员流程"]
    assert flow.kind == "flow" and len(flow.stages) == 5 and len(flow.steps) == 25
    assert flow.steps[0] == "递交入党申请书" and flow.steps[-1] == "材料归档"


def test_six_service_systems_and_categories():
    lib = board_library(None)
    for name in (
        "全程代理制度",
        "服务公开制度",
        "台账登记制度",
        "首问负责制度",
        "优质服务制度",
        "责任追究制度",
    ):
        assert lib[name].kind == "items" and len(lib[name].items) >= 4
    cats = [i.split("：")[0] for i in lib["六类服务内容"].items]
    assert cats == ["党群服务类", "农经发展类", "生活保障类", "证照办理类", "综治服务类", "公共服务类"]


def test_unknown_board_name_lists_the_known_names():
    found = problems(
        MINIMAL + "center:\n  rooms:\n    - {name: 党员活动室, floor: 1, boards: [入党宣誓词]}\n"
    )
    (msg,) = found
    assert "center.rooms[0].boards[0]: unknown board '入党宣誓词'" in msg
    assert "did you mean '入党誓词'?" in msg and "known boards:" in msg and "三会一课制度" in msg


def test_county_folder_adds_and_overrides_boards(tmp_path, roles):
    shutil.copy(SAMPLES / "paigen.yaml", tmp_path)
    (tmp_path / "boards").mkdir()
    (tmp_path / "boards" / "村规民约.yaml").write_text(
        "name: 村规民约\ntitle: 东庄村村规民约\nkind: items\nsource: 东庄村村民代表会议通过\nversion: '2025'\n"
        "items: [爱党爱国，遵纪守法。, 勤俭节约，移风易俗。, 邻里和睦，互帮互助。, 爱护环境，垃圾分类。]\n",
        encoding="utf-8",
    )
    shutil.copy(LIBRARY / "入党誓词.yaml", tmp_path / "boards")
    oath = tmp_path / "boards" / "入党誓词.yaml"
    oath.write_text(
        oath.read_text("utf-8").replace("title: 入党誓词", "title: 入党誓词（县定版）"), encoding="utf-8"
    )
    settings = load_settings(tmp_path)
    lib = board_library(tmp_path)
    assert lib["村规民约"].title == "东庄村村规民约" and lib["入党誓词"].title == "入党誓词（县定版）"
    profile = load(
        MINIMAL + "center:\n  rooms:\n    - {name: 村委会办公室, floor: 1, boards: [村规民约]}\n",
        settings=settings,
    )
    art = text_board(ctx_for(profile, roles, settings), lib["村规民约"], "board-1")
    assert "东庄村村规民约" in [t.text for t in art.page.texts]


def test_a_broken_board_file_names_file_line_and_key(tmp_path):
    bad = tmp_path / "坏牌.yaml"
    bad.write_text("name: 坏牌\ntitle: 坏牌\nkind: table\nsource: x\nversion: '1'\n", encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_board(bad)
    assert f"{bad}:3:1 kind: 'table' is not one of text, items, flow, slogans" in str(info.value)


# -- layouts ---------------------------------------------------------------------------------
def all_texts_inside(art):
    for page in art.pages:
        safe = page.trim.inset(art.safe_margin)
        for text in page.texts:
            assert safe.contains(text.box), (art.name, text.text, text.box)


def test_every_sample_board_keeps_margins_and_minimum_sizes(kits, samples):
    settings = samples.settings
    for name, kit in kits.items():
        for art in kit:
            all_texts_inside(art)
            spec = settings.section("signs").get(art.type, {})
            for text in art.page.texts:
                if text.name in ("body", "step-text", "cell", "slogan"):
                    assert text.size >= spec["min_text_mm"] - 1e-6, (name, art.name, text.text, text.size)
            if art.type in ("board", "flow", "duty", "services"):
                assert (art.page.width, art.page.height, art.page.bleed) == (600, 800, 5)
                assert art.safe_margin == 10


def test_the_25_step_flow_fits_one_board_legibly(roles, samples):
    flow = board_library(None)["发展党员流程"]
    art = flow_board(ctx_for(samples.profiles[0], roles), flow, "flow-1")
    steps = [t for t in art.page.texts if t.name == "step-text"]
    assert len(steps) == 25
    assert min(t.size for t in steps) >= default_settings().sign("flow")["min_text_mm"]
    boxes = [i.box for i in art.page.items if isinstance(i, Rect) and i.name == "step"]
    assert len(boxes) == 25
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y  # no overlap
    heads = [i for i in art.page.items if isinstance(i, ScenePath) and i.name == "connector-head"]
    assert len(heads) == 24
    stages = [t.text.replace("\n", "") for t in art.page.texts if t.name == "stage-label"]
    assert stages == [s.name for s in flow.stages]


def test_duty_board_carries_every_name_and_full_phone(kits, samples):
    for profile in samples.profiles:
        (duty,) = [a for a in kits[profile.name] if a.type == "duty"]
        cells = [t.text for t in duty.page.texts]
        for day in profile.duty.week:
            for person in day.names:
                assert person in cells
                assert profile.person(person).phone in cells


def test_duty_board_qr_code_decodes_to_the_wechat_url(kits, samples, tmp_path):
    from paigen.backends import render_png

    profile = next(p for p in samples.profiles if p.name == "东庄村")
    (duty,) = [a for a in kits["东庄村"] if a.type == "duty"]
    (qr,) = [i for i in duty.page.items if isinstance(i, QRCode)]
    assert qr.data == profile.center.wechat_url
    png = tmp_path / "duty.png"
    png.write_bytes(render_png(duty, samples.settings))
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True)
    assert decoded.stdout.strip() == profile.center.wechat_url


def test_services_board_lists_every_item_and_the_six_categories(kits, samples):
    for profile in samples.profiles:
        (board,) = [a for a in kits[profile.name] if a.type == "services"]
        text = "".join(t.text for t in board.page.texts)
        for section in profile.services:
            assert section.name in text
            for item in section.items:
                assert item in text
        for cat in ("党群服务类", "农经发展类", "生活保障类", "证照办理类", "综治服务类", "公共服务类"):
            assert cat in text


def test_rating_stars_and_vanguard_order(kits, samples):
    profile = next(p for p in samples.profiles if p.name == "东庄村")
    (rating,) = [a for a in kits["东庄村"] if a.type == "rating"]
    filled = [i for i in rating.page.items if isinstance(i, ScenePath) and i.name == "star"]
    empty = [i for i in rating.page.items if isinstance(i, ScenePath) and i.name == "star-empty"]
    assert (len(filled), len(empty)) == (profile.rating.stars, 5 - profile.rating.stars)
    (vanguard,) = [a for a in kits["东庄村"] if a.type == "vanguard"]
    names = [
        t.text
        for t in vanguard.page.texts
        if t.name == "cell" and t.text in {m.name for m in profile.members}
    ]
    points = {m.name: m.points for m in profile.members}
    assert [points[n] for n in names] == sorted(points.values(), reverse=True)
    assert len(names) == len(profile.members)


def test_installation_sheet_centres_boards_1600_above_the_floor(kits):
    sheets = [a for a in kits["东庄村"] if a.type == "installation"]
    assert len(sheets) == 2 and all(s.kind == "drawing" for s in sheets)
    sheet = sheets[1]  # 党员活动室: four boards on a 6000 mm wall
    wall = next(i.box for i in sheet.page.items if isinstance(i, Rect) and i.name == "wall")
    floor = next(i.box for i in sheet.page.items if isinstance(i, Rect) and i.name == "floor")
    boards = [i.box for i in sheet.page.items if isinstance(i, Rect) and i.name == "board"]
    assert len(boards) == 4
    scale = 6000 / wall.w
    left, right = boards[0].x - wall.x, wall.right - boards[-1].right
    assert left == pytest.approx(right)
    gaps = [b.x - a.right for a, b in pairwise(boards)]
    assert max(gaps) - min(gaps) < 1e-6
    for b in boards:
        assert (floor.y - b.bottom) * scale == pytest.approx(1600)
        assert b.w * scale == pytest.approx(600) and b.h * scale == pytest.approx(800)
    labels = [t.text for t in sheet.page.texts if t.name.endswith("label")]
    assert "1600" in labels and "6000" not in labels  # the chain gives the parts; parts add up
    assert sum(int(t) for t in labels if t.isdigit() and t not in ("1600", "800", "3000")) == 6000  # 3000: wall height


def test_default_kit_of_a_village(kits):
    names = [a.name for a in kits["东庄村"]]
    for expected in (
        "duty",
        "services",
        "service-wall",
        "window-1",
        "window-2",
        "rating",
        "vanguard",
        "bulletin-1",
        "bulletin-2",
        "banner-1",
        "banner-2",
        "flow-1",
        "flow-4",
        "board-6",
        "installation-1",
    ):
        assert expected in names, expected
    assert sum(n.startswith("flow-") for n in names) == 4
    # the small station has no members list in a workbook-only village: the vanguard board follows data
    assert "vanguard" in [a.name for a in kits["小王庄村"]]
    assert "rating" in [a.name for a in kits["康宁社区"]] and "vanguard" not in [
        a.name for a in kits["康宁社区"]
    ]


def test_banner_is_vertical_with_a_white_margin(kits):
    (banner, _) = [a for a in kits["东庄村"] if a.type == "banner"]
    page = banner.page
    assert (page.width, page.height, page.bleed, page.background) == (600, 1600, 0, "white")
    panel = next(i.box for i in page.items if isinstance(i, Rect) and i.name == "panel")
    assert (panel.x, panel.y) == (30, 30)
    slogans = [t for t in page.texts if t.name == "slogan"]
    assert [t.text for t in slogans] == ["不忘初心", "牢记使命"] and all(t.vertical for t in slogans)
    assert slogans[0].box.x > slogans[1].box.x  # read right to left
