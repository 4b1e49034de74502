"""Wall boards: the content library, board layouts and the default kit."""

import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest

from paigen.errors import ProfileError
from paigen.fonts import resolve_roles
from paigen.inputs import open_inputs
from paigen.layout.scene import Box, QRCode, Rect, Slot
from paigen.layout.scene import Path as ScenePath
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


# The official wording of the 2022 Party Constitution (《中国共产党章程》, partially amended by the
# 20th National Congress on 22 October 2022), Articles 3, 4 and 6, held here character by character
# so that an edit of the library can never drift from it.
CHARTER_ART6_OATH = (
    "我志愿加入中国共产党，拥护党的纲领，遵守党的章程，履行党员义务，执行党的决定，严守党的纪律，"
    "保守党的秘密，对党忠诚，积极工作，为共产主义奋斗终身，随时准备为党和人民牺牲一切，永不叛党。"
)
CHARTER_ART4_RIGHTS = (
    "党员享有下列权利：",
    [
        "参加党的有关会议，阅读党的有关文件，接受党的教育和培训。",
        "在党的会议上和党报党刊上，参加关于党的政策问题的讨论。",
        "对党的工作提出建议和倡议。",
        "在党的会议上有根据地批评党的任何组织和任何党员，向党负责地揭发、检举党的任何组织和任何党员违法乱纪的"
        "事实，要求处分违法乱纪的党员，要求罢免或撤换不称职的干部。",
        "行使表决权、选举权，有被选举权。",
        "在党组织讨论决定对党员的党纪处分或作出鉴定时，本人有权参加和进行申辩，其他党员可以为他作证和辩护。",
        "对党的决议和政策如有不同意见，在坚决执行的前提下，可以声明保留，并且可以把自己的意见向党的上级组织"
        "直至中央提出。",
        "向党的上级组织直至中央提出请求、申诉和控告，并要求有关组织给以负责的答复。",
    ],
    "党的任何一级组织直至中央都无权剥夺党员的上述权利。",
)
CHARTER_ART3_DUTIES = (
    "党员必须履行下列义务：",
    [
        "认真学习马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色"
        "社会主义思想，学习党的路线、方针、政策和决议，学习党的基本知识和党的历史，学习科学、文化、法律和业务"
        "知识，努力提高为人民服务的本领。",
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”，贯彻执行党的基本路线和各项方针、政策，带头参加改革开放"
        "和社会主义现代化建设，带动群众为经济发展和社会进步艰苦奋斗，在生产、工作、学习和社会生活中起先锋模范"
        "作用。",
        "坚持党和人民的利益高于一切，个人利益服从党和人民的利益，吃苦在前，享受在后，克己奉公，多做贡献。",
        "自觉遵守党的纪律，首先是党的政治纪律和政治规矩，模范遵守国家的法律法规，严格保守党和国家的秘密，执行党的"
        "决定，服从组织分配，积极完成党的任务。",
        "维护党的团结和统一，对党忠诚老实，言行一致，坚决反对一切派别组织和小集团活动，反对阳奉阴违的两面派行为和"
        "一切阴谋诡计。",
        "切实开展批评和自我批评，勇于揭露和纠正违反党的原则的言行和工作中的缺点、错误，坚决同消极腐败现象作斗争。",
        "密切联系群众，向群众宣传党的主张，遇事同群众商量，及时向党反映群众的意见和要求，维护群众的正当利益。",
        "发扬社会主义新风尚，带头实践社会主义核心价值观和社会主义荣辱观，提倡共产主义道德，弘扬中华民族传统美德，"
        "为了保护国家和人民的利益，在一切困难和危险的时刻挺身而出，英勇斗争，不怕牺牲。",
    ],
)


def _first_difference(actual: str, official: str) -> str:
    k = next((i for i, (a, b) in enumerate(zip(actual, official, strict=False)) if a != b),
             min(len(actual), len(official)))
    return (f"differs at character {k + 1}: library …{actual[max(0, k - 8):k + 8]}… "
            f"official …{official[max(0, k - 8):k + 8]}…")


@pytest.mark.parametrize(("name", "official"), [
    ("入党誓词", ("", [CHARTER_ART6_OATH], "")),
    ("党员的权利", CHARTER_ART4_RIGHTS),
    ("党员的义务", (*CHARTER_ART3_DUTIES, "")),
])
def test_constitution_texts_are_the_official_wording(name, official):
    board = board_library(None)[name]
    intro, items, closing = official
    texts = list(board.paragraphs) if board.kind == "text" else list(board.items)
    assert board.intro == intro and board.closing == closing
    assert len(texts) == len(items)
    for actual, expected in zip(texts, items, strict=True):
        assert actual == expected, _first_difference(actual, expected)
    assert board.proof.verified and "2022年10月22日" in board.proof.against
    assert all(basis.kind == "quotation" and "《中国共产党章程》" in basis.ref
               for _, _, basis in board.provenance())


def test_constitution_articles_are_cited():
    lib = board_library(None)
    assert [lib[n].basis.ref for n in ("党员的义务", "党员的权利", "入党誓词")] == [
        "《中国共产党章程》第三条", "《中国共产党章程》第四条", "《中国共产党章程》第六条"]


def test_every_shipped_text_says_where_its_words_come_from():
    for board in board_library(None).values():
        assert board.proof.status in ("verified", "to-proofread"), board.name
        assert board.proof.verified or board.proof.check, board.name
        for where, text, basis in board.provenance():
            assert basis is not None, f"{board.name} {where} {text[:12]}: no basis"
            assert basis.kind != "quotation" or basis.ref, f"{board.name} {where}"


def test_only_checked_texts_are_marked_verified():
    lib = board_library(None)
    assert sorted(n for n, b in lib.items() if b.proof.verified) == sorted(["入党誓词", "党员的义务", "党员的权利"])


def test_paraphrases_are_not_presented_as_quotations():
    rules = board_library(None)["三会一课制度"]
    kinds = [basis.kind for where, _, basis in rules.provenance() if where.startswith("items")]
    assert kinds == ["paraphrase", "quotation", "quotation", "practice", "paraphrase", "practice",
                     "practice", "practice"]
    text = "".join(rules.items)
    assert "村、社区重要事项" in text and "党支部委员会会议：" in text
    assert "党支部书记每年至少为党员讲1次党课" not in text  # no source says so
    assert "第十六条" not in rules.source and "第十七条" not in board_library(None)["主题党日"].source


def test_the_membership_flow_has_25_steps_in_5_stages():
    flow = board_library(None)["发展党员流程"]
    assert flow.kind == "flow" and len(flow.stages) == 5 and len(flow.steps) == 25
    assert flow.steps[0] == "递交入党申请书" and flow.steps[-1] == "材料归档"


def test_membership_stages_are_the_chapter_titles_of_the_rules():
    # 《中国共产党发展党员工作细则》(2014): chapters 2–5; the first stage is the usual summary of
    # its articles 5–7 on the application.
    flow = board_library(None)["发展党员流程"]
    assert [s.name for s in flow.stages] == [
        "申请入党", "入党积极分子的确定和培养教育", "发展对象的确定和考察", "预备党员的接收",
        "预备党员的教育、考察和转正"]
    assert [s.basis.kind for s in flow.stages] == ["practice"] + ["quotation"] * 4
    assert [s.basis.ref[-5:] for s in flow.stages[1:]] == ["第二章标题", "第三章标题", "第四章标题", "第五章标题"]
    assert "第二章至第五章" in flow.source


def test_a_board_file_states_its_proof_completely(tmp_path):
    bad = tmp_path / "村规民约.yaml"
    bad.write_text(
        "name: 村规民约\ntitle: 村规民约\nkind: items\nsource: 村民代表会议\nversion: '2025'\n"
        "proof: {status: verified, date: 2025-3-1}\n"
        "items:\n  - text: 爱党爱国。\n    basis: {kind: quotation}\n  - {text: 勤俭节约。, basis: {kind: rumour}}\n",
        encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_board(bad)
    messages = [str(p) for p in info.value.problems]
    assert any("「rumour」不在可选值 quotation、paraphrase、practice 之中" in m for m in messages), messages
    bad.write_text(bad.read_text("utf-8").replace("rumour", "practice"), encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_board(bad)
    messages = [str(p) for p in info.value.problems]
    assert any("proof.date：「2025-3-1」不是核对日期" in m for m in messages), messages
    assert any("proof：已核对的制度牌须写明与哪个版本核对" in m for m in messages)
    assert any("items[0].basis：引用原文时须注明出处" in m for m in messages)


def test_a_county_board_without_proof_is_to_proofread(tmp_path):
    (tmp_path / "boards").mkdir()
    (tmp_path / "boards" / "村规民约.yaml").write_text(
        "name: 村规民约\ntitle: 村规民约\nkind: items\nsource: 村民代表会议\nversion: '2025'\n"
        "items: [爱党爱国，遵纪守法。]\n", encoding="utf-8")
    board = board_library(tmp_path)["村规民约"]
    assert not board.proof.verified and "核对" in board.proof.check and board.items == ("爱党爱国，遵纪守法。",)


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
    assert "center.rooms[0].boards[0]（上墙制度牌）：没有名为「入党宣誓词」的制度牌" in msg
    assert "是否应为「入党誓词」？" in msg and "可用的制度牌：" in msg and "三会一课制度" in msg


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
    assert f"{bad}:3:1 kind：「table」不在可选值 text、items、flow、slogans 之中" in str(info.value)


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


def test_banner_is_one_column_clear_of_the_pole_sleeve_and_hem(kits):
    (banner, _) = [a for a in kits["东庄村"] if a.type == "banner"]
    page = banner.page
    assert (page.width, page.height, page.bleed, page.background) == (600, 2600, 0, "party-red")
    slots = {i.name: i.box for i in page.items if isinstance(i, Slot)}
    assert slots["sleeve"] == Box(0, 0, 600, 60) and slots["hem"] == Box(0, 2580, 600, 20)
    (slogan,) = [t for t in page.texts if t.name == "slogan"]
    assert slogan.text == "不忘初心牢记使命" and slogan.vertical
    assert 250 <= slogan.size <= 300  # read from across the road
    assert slogan.box.y >= 60 and slogan.box.bottom <= 2580
    assert abs(slogan.box.cx - 300) < 0.01
    steps = [b.matrix[5] - a.matrix[5] for a, b in zip(slogan.glyphs, slogan.glyphs[1:], strict=False)]
    assert max(steps) <= slogan.size * 1.1  # tight leading: the column reads as one
    assert "穿杆套60mm" in banner.note
