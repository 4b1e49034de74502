"""The design rules a county designer checks, asserted on the scenes of the sample kits.

One character size per sign family within a kit, a title never smaller than what it heads,
board text filling its body, and no line break inside a word in titles, labels, names or flow
boxes.
"""


import pytest

from paigen.errors import LayoutError
from paigen.fonts import resolve_roles
from paigen.inputs import open_inputs
from paigen.layout.scene import Text
from paigen.layout.signs import Context, sign_kit
from paigen.layout.signs.wayfinding import wayfindings
from paigen.layout.text import TextEngine, block_height, words
from paigen.model.settings import default_settings

from conftest import SAMPLES, load

BOARDS_60X80 = ("board", "flow", "duty", "services")
BOARDS = (*BOARDS_60X80, "vanguard", "bulletin")
CHROME = {"title", "footer", "qr-caption"}
# texts that break between words (body paragraphs break between characters)
WORDY = {"title", "name", "room", "step-text", "stage-label", "area-title", "section-title", "strip",
         "grade", "org", "subtitle", "slogan", "cell", "head", "note", "number", "category-name"}


@pytest.fixture(scope="module")
def kits():
    inputs = open_inputs(SAMPLES)
    engine = TextEngine(resolve_roles(inputs.settings))
    return {p.name: sign_kit(Context(p, inputs.settings, engine)) for p in inputs.profiles}


def texts(art, name=None):
    return [t for t in art.page.texts if name is None or t.name == name]


def sizes(kit, sign_types, name):
    return {round(t.size, 2) for a in kit if a.type in sign_types for t in texts(a, name)}


def test_the_three_samples_are_laid_out(kits):
    assert len(kits) == 3 and all(kits.values())


@pytest.mark.parametrize(("sign_types", "name"), [
    (("door-plate",), "name"),
    (("plaque",), "name"),
    (("window",), "name"),
    (("window",), "number"),
    (BOARDS_60X80, "title"),
])
def test_one_size_per_family_within_a_kit(kits, sign_types, name):
    for village, kit in kits.items():
        found = sizes(kit, sign_types, name)
        assert len(found) <= 1, (village, sign_types, found)


def test_plaques_use_the_heavy_title_face(kits):
    for kit in kits.values():
        plaques = [a for a in kit if a.type == "plaque"]
        assert len(plaques) == 3 and all(t.role == "title" for a in plaques for t in texts(a))


def test_a_title_is_never_smaller_than_what_it_heads(kits):
    heads = {"board": ["body"], "flow": ["step-text"], "duty": ["cell", "head"], "services": ["body"],
             "vanguard": ["cell", "head"], "bulletin": ["body"], "guide": ["room"]}
    for village, kit in kits.items():
        for art in kit:
            if art.type not in heads:
                continue
            (title,) = texts(art, "title")
            under = [t.size for n in heads[art.type] for t in texts(art, n)]
            assert under and title.size >= max(under) - 1e-6, (village, art.name, title.size, max(under))
        for art in (a for a in kit if a.type == "bulletin"):
            for heading in texts(art, "area-title"):  # each area's heading over its own text
                inside = [t.size for t in texts(art, "body") if heading.box.x - 1 <= t.box.x <= heading.box.right]
                assert all(heading.size >= s for s in inside), (village, art.name, heading.text)
        for art in (a for a in kit if a.type == "services"):
            (section,) = {t.size for t in texts(art, "section-title")}
            assert section >= max(t.size for t in texts(art, "body"))
        for art in (a for a in kit if a.type == "wayfinding"):
            (name,), (distance,) = texts(art, "name"), texts(art, "note")
            assert name.size >= 100 and distance.size < name.size
            assert distance.size == max(t.size for t in texts(art) if t.name != "name")
            assert not texts(art, "hours")  # opening hours are off by default
        for art in (a for a in kit if a.type == "window"):
            (name,), (number,) = texts(art, "name"), texts(art, "number")
            assert number.size < name.size


def test_every_board_body_is_at_least_half_covered_by_its_text(kits):
    for village, kit in kits.items():
        boards = [a for a in kit if a.type in BOARDS]
        assert len(boards) >= 8
        for art in boards:
            body = art.meta["body"]
            inside = [t.box for t in texts(art) if t.name not in CHROME and t.box.y >= body.y - 20
                      and t.box.bottom <= body.bottom + 20]
            # a bulletin's areas left blank for notices posted by hand are its content too
            inside += [i.box for i in art.page.items if getattr(i, "name", "") == "area"]
            covered = max(b.bottom for b in inside) - min(b.y for b in inside)
            assert covered / body.h >= 0.5, (village, art.name, round(covered / body.h, 2))


def test_the_oath_fills_its_board_at_reading_distance(kits):
    oath = next(a for a in kits["东庄村"] if a.title.endswith("入党誓词"))
    (size,) = {t.size for t in texts(oath, "body")}
    assert size >= 40


def break_inside_words(text: Text) -> list[str]:
    lines = text.text.split("\n")
    joined = "".join(lines)
    inside, at = set(), 0
    for word in words(joined):
        inside.update(range(at + 1, at + len(word)))
        at += len(word)
    out, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        if at in inside:
            out.append(f"{joined[:at]}|{joined[at:]}")
    return out


def test_no_title_label_name_or_flow_box_breaks_inside_a_word(kits):
    broken, multi = [], 0
    for village, kit in kits.items():
        for art in kit:
            for text in texts(art):
                if text.name in WORDY and not text.vertical and "\n" in text.text:
                    multi += 1
                    broken += [(village, art.name, b) for b in break_inside_words(text)]
    assert multi >= 30  # the check has something to check
    assert broken == []


def test_body_paragraphs_end_without_a_widow(kits):
    for village, kit in kits.items():
        for art in kit:
            if art.type != "board":
                continue
            body = texts(art, "body")
            # a paragraph's last line is the one followed by a larger gap or nothing
            for line, after in zip(body, [*body[1:], None], strict=True):
                pitch = line.size * 1.5
                last = after is None or after.box.y - line.box.y > pitch + 1e-3 or after.box.x < line.box.x - 1
                visible = [c for c in line.text if c.strip() and c not in "，。、；：？！）》」』】"]
                if last and len(body) > 1:
                    assert len(visible) >= 3, (village, art.name, line.text)


def test_segmenter_keeps_domain_words_and_numbered_units_whole():
    assert "乡镇党委" in words("报乡镇党委审批")
    assert {"第十四师", "二二四团", "十一连"} <= set(words("第十四师昆玉市二二四团十一连"))
    assert block_height(2, 10, 1.5) == 25


def test_a_long_company_name_reads_on_road_signs_through_its_short_name(roles):
    long = "village: {name: 新疆生产建设兵团第十四师昆玉市皮山农场第五连, township: 皮山农场%s}\n"
    sign = "wayfinding: [{place: 连部路口, direction: 右, distance_m: 300}]\n"
    with pytest.raises(LayoutError, match=r"最小字高 100 mm.*village\.short_name"):
        wayfindings(Context(load(long % "" + sign), default_settings(), TextEngine(roles)))
    profile = load(long % ", short_name: 五连" + sign)
    (art,) = wayfindings(Context(profile, default_settings(), TextEngine(roles)))
    (name,) = texts(art, "name")
    assert name.text.replace("\n", "") == "五连党员群众服务中心" and name.size >= 100


@pytest.fixture(scope="module")
def roles():
    return resolve_roles(default_settings())
