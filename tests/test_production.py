"""The production kit: installation sheets, emblem slots, door strips, keylines, wording per
organisation type — what the print shop and the builder need without phoning back."""

from __future__ import annotations

import pytest

from paigen.fonts import resolve_roles
from paigen.inputs import open_inputs
from paigen.layout.signs import Context, sign_kit
from paigen.layout.text import TextEngine
from paigen.model.settings import default_settings

from conftest import SAMPLES


@pytest.fixture(scope="module")
def samples():
    return open_inputs(SAMPLES)


@pytest.fixture(scope="module")
def roles():
    return resolve_roles(default_settings())


@pytest.fixture(scope="module")
def kits(samples, roles):
    return {p.name: sign_kit(Context(p, samples.settings, TextEngine(roles))) for p in samples.profiles}


def test_installation_sheets_name_boards_by_title_with_wall_height_and_the_1_6_m_rule(kits):
    sheets = [a for a in kits["东庄村"] if a.type == "installation"]
    assert sheets
    for sheet in sheets:
        texts = sheet.page.texts
        labels = " ".join(t.text.replace("\n", "") for t in texts if t.name == "board-label")
        figures = [t.text for t in texts if t.name == "dim-label"]
        assert "3000" in figures and "1600" in figures  # wall height and the boards' bottom edge
        assert all(float(f) % 5 == 0 for f in figures), figures
        notes = " ".join(t.text for t in texts if t.name == "note")
        assert "1.6 m 规则" in notes and "墙高 3000 mm" in notes
        assert labels
    first = " ".join(t.text.replace("\n", "") for t in sheets[0].page.texts if t.name == "board-label")
    assert "村党支部书记抓党建工作责任清单" in first  # the board's title, not its library key


VILLAGE_WORDS = ("村民委员会", "村务", "村级", "乡村振兴")


def _run(*args):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "paigen", *map(str, args)], capture_output=True, text=True)


def test_a_shequ_kit_has_none_of_the_village_words(tmp_path):
    import shutil
    import subprocess

    county = tmp_path / "county"
    county.mkdir()
    shutil.copy(SAMPLES / "paigen.yaml", county)
    shutil.copy(SAMPLES / "康宁社区.yaml", county)
    out = tmp_path / "out"
    done = _run("build", county, "-o", out, "--only", "signs", "--only", "facade", "--text", "live", "-j", "1")
    assert done.returncode == 0, done.stderr
    pdfs = sorted(p for p in out.rglob("*.pdf") if p.parent.name in ("signs", "drawings", "facade"))
    assert len(pdfs) > 30
    text = {p.name: subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True,
                                   check=True).stdout.replace("\n", "").replace(" ", "") for p in pdfs}
    for name, words in text.items():
        for word in VILLAGE_WORDS:
            assert word not in words, (name, word)
    everything = "".join(text.values())
    assert "居务监督委员会" in everything and "居务公开" in everything and "社区综合服务站" in everything
    import json

    manifest = json.loads(next(out.rglob("*/manifest.json")).read_text("utf-8"))
    banners = [a["title"] for a in manifest["artifacts"] if a["type"] == "banner" and a["format"] == "pdf"]
    assert banners == ["刀旗 不忘初心 牢记使命", "刀旗 党建引领 基层治理"]  # vertical: pdftotext mixes columns


def test_village_kits_keep_the_village_wording(kits):
    texts = "".join(t.text.replace("\n", "") for a in kits["东庄村"] for p in a.pages for t in p.texts)
    assert "村务监督委员会" in texts and "村务公开" in texts


def test_a_village_board_named_by_a_shequ_is_an_error_listing_the_boards_that_fit():
    from paigen.errors import ProfileError

    from conftest import load

    profile = """\
schema: paigen/v1
village: {name: 康宁社区, type: 社区, township: 裕华街道}
center:
  rooms:
    - {name: 社区党委书记办公室, floor: 1, boards: [小微权力清单]}
"""
    with pytest.raises(ProfileError) as info:
        load(profile)
    (problem,) = [str(p) for p in info.value.problems]
    assert ("center.rooms[0].boards[0]（上墙制度牌）：「小微权力清单」不是社区用的制度牌（请改用「社区小微权力清单」"
            in problem)
    assert "适用于社区的制度牌：" in problem and "社区党组织书记抓党建责任清单" in problem
    assert "、小微权力清单" not in problem
    load(profile.replace("[小微权力清单]", "[社区小微权力清单, 社区党组织书记抓党建责任清单]"))
    village = profile.replace("type: 社区", "type: 村").replace("[小微权力清单]", "[社区小微权力清单]")
    with pytest.raises(ProfileError, match="「社区小微权力清单」不是村用的制度牌（请改用「小微权力清单」"):
        load(village)


# -- emblem ---------------------------------------------------------------------------------------
# A placeholder shape for the tests (a ring and a square), not an emblem: paigen never draws one.
MARK_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">
  <path d="M50 5 A45 45 0 1 1 49.9 5 Z M50 20 A30 30 0 1 0 50.1 20 Z" fill="#FFD400" fill-rule="evenodd"/>
  <g transform="translate(35 35)"><rect width="30" height="30" fill="{second}"/></g>
</svg>
"""


def _county(tmp_path, emblem: str | None, svg: str = MARK_SVG.replace("{second}", "#FFD700")):
    import shutil

    county = tmp_path / "county"
    county.mkdir()
    shutil.copy(SAMPLES / "东庄村.yaml", county)
    settings = "schema: paigen/v1\npreset: bazhou-2020\n"
    if emblem:
        (county / emblem).write_text(svg, "utf-8") if emblem.endswith(".svg") else None
        settings += f"assets:\n  emblem: {emblem}\n"
    (county / "paigen.yaml").write_text(settings, "utf-8")
    return county


def _fills(pdf_path):
    """The CMYK fill colours set in the page content stream (k operators), and every colour operator."""
    import pikepdf

    with pikepdf.open(pdf_path) as pdf:
        ops = [(str(op), [float(v) for v in args]) for args, op in pikepdf.parse_content_stream(pdf.pages[0])
               if str(op) in ("k", "rg", "g", "sc", "scn", "cs", "K", "RG")]
    return ops


def test_the_emblem_file_is_placed_as_vector_cmyk_in_every_red_door_plate(tmp_path):
    import json

    county = _county(tmp_path, "mark.svg")
    out = tmp_path / "out"
    done = _run("build", county, "-o", out, "--only", "signs", "-j", "1")
    assert done.returncode == 0, done.stderr
    assert "党徽位置留空" not in done.stderr
    kit = out / "堂二里镇" / "东庄村"
    manifest = json.loads((kit / "manifest.json").read_text("utf-8"))
    red = [a for a in manifest["artifacts"] if a["type"] == "door-plate" and a["format"] == "pdf"
           and a["note"].startswith("红底")]
    assert len(red) == 2
    gold = [0.0, 0.12, 0.9, 0.0]
    for a in red:
        ops = _fills(kit / a["path"])
        assert {op for op, _ in ops} <= {"k", "K"}, ops  # DeviceCMYK only, no RGB
        assert gold in [args for _, args in ops], a["path"]  # the mark's yellows became the gold swatch
        assert "党徽位置留空" not in a["note"]
    blue = next(a for a in manifest["artifacts"] if a["type"] == "door-plate" and a["format"] == "pdf"
                and a["note"].startswith("蓝底"))
    assert gold not in [args for _, args in _fills(kit / blue["path"])]
    # the preset's assets.emblem_in adds the slot on the guide and the 入党誓词 board
    listed = [a for a in manifest["artifacts"] if a["format"] == "pdf"
              and (a["type"] == "guide" or a["title"] == "制度牌 入党誓词")]
    assert len(listed) == 2
    for a in listed:
        ops = _fills(kit / a["path"])
        assert {op for op, _ in ops} <= {"k", "K"}, a["path"]
        svg = (kit / a["path"]).with_suffix(".svg").read_text("utf-8")
        assert svg.count('data-name="emblem"') == 2, a["path"]  # the ring and the square, as paths


@pytest.mark.parametrize(("missing", "note", "mark"), [
    ("keep_space", "党徽位置留空：在 paigen.yaml 的 assets.emblem 指定党徽矢量文件", "党徽位置留空"),
    (None, "未放党徽，版面居中不留空位", "未放党徽"),
])
def test_without_an_emblem_file_the_slot_stays_empty_and_every_paper_says_so(tmp_path, missing, note, mark):
    import json
    import subprocess

    import openpyxl

    out = tmp_path / "out"
    county = _county(tmp_path, None)
    if missing:  # the county mounts a physical emblem: the slot keeps its space
        with (county / "paigen.yaml").open("a", encoding="utf-8") as f:
            f.write(f"assets:\n  emblem_missing: {missing}\n")
    done = _run("build", county, "-o", out, "--only", "signs", "-j", "1")
    assert done.returncode == 0, done.stderr
    assert done.stderr.count(note) == 1  # one warning per build
    kit = out / "堂二里镇" / "东庄村"
    manifest = json.loads((kit / "manifest.json").read_text("utf-8"))
    red = [a for a in manifest["artifacts"] if a["type"] == "door-plate" and a["note"].startswith("红底")]
    assert red and all(note in a["note"] for a in red)
    assert all(note in a["note"] for a in manifest["artifacts"]
               if a["type"] == "guide" or a["title"] == "制度牌 入党誓词")
    for a in red:
        if a["format"] == "pdf":
            assert [0.0, 0.12, 0.9, 0.0] not in [args for _, args in _fills(kit / a["path"])]  # nothing drawn
    sheet = openpyxl.load_workbook(out / "order.xlsx")["订单"]
    rows = [r for r in sheet.iter_rows(values_only=True) if r[2] == "门牌" and "红底" in (r[7] or "")]
    assert len(rows) == 2 and all(note in r[7] for r in rows)
    proof = subprocess.run(["pdftotext", str(out / "proof.pdf"), "-"], capture_output=True, text=True).stdout
    assert proof.replace("\n", "").count(mark) >= 2
    # the preview outlines a kept empty slot in yellow (the print PDF has no trace of it); a
    # re-centred plate has no slot at all
    from PIL import Image

    with Image.open(next((kit / "signs").glob("door-plate-2-*.png"))) as png:
        pixels = png.convert("RGB")
        yellow = sum(1 for x in range(0, pixels.width, 2) for y in range(0, pixels.height, 2)
                     if pixels.getpixel((x, y))[0] > 200 and 170 < pixels.getpixel((x, y))[1] < 240
                     and pixels.getpixel((x, y))[2] < 80)
    assert (yellow > 20) == (missing == "keep_space")


def test_an_emblem_colour_that_is_neither_gold_nor_red_is_an_error(tmp_path):
    county = _county(tmp_path, "mark.svg", MARK_SVG.replace("{second}", "#3050A0"))
    done = _run("build", county, "-o", tmp_path / "out", "--only", "signs", "-j", "1")
    assert done.returncode == 1
    assert "mark.svg 使用了颜色 #3050A0，既不是金色也不是红色" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_emblem_given_as_pdf_is_read_as_vector_paths(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    from paigen.assets import load_emblem
    from paigen.model.settings import load_settings

    county = _county(tmp_path, "mark.pdf")
    canvas = Canvas(str(county / "mark.pdf"), pagesize=(100, 100), invariant=1)
    canvas.setFillColorCMYK(0, 1, 1, 0)
    canvas.circle(50, 50, 40, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()
    art = load_emblem(load_settings(county))
    assert art is not None and (art.width, art.height) == (100, 100)
    assert [swatch for _, swatch, _ in art.shapes] == ["party-red"]
    placed = art.placed(__import__("paigen.layout.scene", fromlist=["Box"]).Box(10, 10, 70, 70))
    xs = [v for p in placed for op in p.ops for v in op[1::2]]
    assert min(xs) == pytest.approx(10 + 70 * 0.1, abs=0.5) and max(xs) == pytest.approx(80 - 7, abs=0.5)


# -- strips and keylines --------------------------------------------------------------------------
def test_each_strip_is_its_own_artwork_naming_its_plate(kits):
    arts = kits["康宁社区"]
    plates = {a.name: a for a in arts if a.type == "door-plate"}
    strips = [a for a in arts if a.type == "door-strip"]
    assert [s.name for s in strips] == [f"door-strip-{i}" for i in range(1, 6)]
    for strip in strips:
        assert (strip.page.width, strip.page.height) == (300, 40)
        plate = plates[strip.meta["plate"]]
        assert plate.page.height == 100 and plate.page.background == strip.page.background
        assert f"插入 {plate.name}" in strip.note
        assert not [i for i in plate.page.items if getattr(i, "name", "") in ("strip", "strip-cut")]


def _lines(page):
    """Every stroked rectangle and thin filled rule fully inside the trim: (item, distance to the cut)."""
    from paigen.layout.scene import Rect

    out = []
    for item in page.items:
        if not isinstance(item, Rect):
            continue
        b = item.box
        thin = item.fill and not item.stroke and min(b.w, b.h) <= 3
        if not (item.stroke or thin):
            continue
        half = item.stroke.width / 2 if item.stroke else 0
        if b.x < 0 or b.y < 0 or b.right > page.width or b.bottom > page.height:
            continue  # crosses the cut: a band, not a keyline
        out.append((item, min(b.x, b.y, page.width - b.right, page.height - b.bottom) - half))
    return out


def test_no_keyline_nearer_the_trim_than_the_preset_allows(kits, samples):
    signs = samples.settings.section("signs")
    checked = set()
    for arts in kits.values():
        for art in arts:
            if art.kind != "sign":
                continue
            least = float(signs.get(art.type, {}).get("keyline_mm", 2.0))  # 2 mm: the trim tolerance
            for page in art.pages:
                for item, distance in _lines(page):
                    assert distance >= least - 0.01, (art.name, item.name, distance, least)
                    checked.add(art.type)
    assert {"door-plate", "board", "flow", "duty", "services", "guide", "rating"} <= checked
    assert signs["door-plate"]["keyline_mm"] >= 8 and signs["board"]["keyline_mm"] >= 10


def test_order_sheet_carries_finishing_strips_emblem_notes_and_pdfx_state(tmp_path):
    import subprocess

    import openpyxl

    county = _county(tmp_path, None)
    (county / "paigen.yaml").write_text("schema: paigen/v1\npreset: bazhou-2020\nprint:\n  pdfx: true\n", "utf-8")
    out = tmp_path / "out"
    done = _run("build", county, "-o", out, "--only", "signs", "-j", "1")
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out / "order.xlsx")["订单"]
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header[-1] == "PDF/X" and {r[-1] for r in rows} == {"PDF/X-1a:2003"}
    by_type = {}
    for r in rows:
        by_type.setdefault(r[2], []).append(r)
    strips = by_type["门牌加挂条"]
    assert [r[3] for r in strips] == ["加挂条 党支部书记办公室（党支部办公室）", "加挂条 图书室（农家书屋）"]
    assert "插入 door-plate-2（门牌 党支部办公室）下方滑槽" in strips[0][7]
    assert all(r[4] == "300×40" for r in strips)
    assert all("抽插式" in r[7] for r in by_type["门牌"])
    assert all("反光膜" in r[7] for r in by_type["指引牌"])
    assert all("喷绘" in r[7] and "穿杆套 60 mm" in r[7] and "折边 20 mm" in r[7] for r in by_type["刀旗"])
    assert sum(1 for r in by_type["门牌"] if "未放党徽" in r[7]) == 2  # re-centred, and the order says so
    text = subprocess.run(["pdftotext", str(out / "order.pdf"), "-"], capture_output=True, text=True).stdout
    assert "印刷文件为 PDF/X-1a:2003（已预检）" in text.replace("\n", "")


LIANDUI = """\
schema: paigen/v1
village: {name: 五连, type: 连队, township: 皮山农场, party_org: {level: 支部}}
center:
  floors: 1
  rooms:
    - {name: 连队综合服务站, floor: 1, windows: [党务连务服务]}
    - {name: 党支部办公室, floor: 1, party: true, boards: [党支部书记抓党建责任清单, 入党誓词]}
"""


def test_a_type_the_preset_declares_gets_its_own_names_and_words(tmp_path):
    import subprocess

    profile = tmp_path / "五连.yaml"
    profile.write_text(LIANDUI, encoding="utf-8")
    out = tmp_path / "out"
    done = _run("build", profile, "-o", out, "--only", "signs", "--text", "live", "-j", "1")
    assert done.returncode == 0, done.stderr
    pdfs = sorted(out.rglob("signs/*.pdf"))
    text = "".join(subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True,
                                  check=True).stdout.replace("\n", "").replace(" ", "") for p in pdfs)
    for word in (*VILLAGE_WORDS, "本村", "村民"):
        assert word not in text, word
    assert "五连管理委员会" in text and "五连连务监督委员会" in text and "连务公开栏" in text
    assert "连队党支部书记" in text  # the library's 村党支部书记, in the 连队's words


def test_an_undeclared_type_names_the_ones_that_exist():
    from paigen.errors import ProfileError

    from conftest import load

    with pytest.raises(ProfileError) as info:
        load(LIANDUI.replace("type: 连队", "type: 连"))
    (problem,) = [str(p) for p in info.value.problems]
    assert "village.type（类型）：「连」不是预设中的组织类型（是否应为「连队」？）" in problem
    with pytest.raises(ProfileError) as info:
        load(LIANDUI.replace("type: 连队", "type: 牧业队"))
    (problem,) = [str(p) for p in info.value.problems]
    assert "请从 村、社区、连队 中选一个，或在 paigen.yaml 的 `wording:` 中声明该类型" in problem
    load(LIANDUI.replace("type: 连队", "type: 居委会").replace("党务连务服务", "党务居务服务")
         .replace("党支部书记抓党建责任清单, ", ""))  # the old alias still reads as 社区


def test_a_county_declares_a_type_of_its_own(tmp_path):
    county = tmp_path / "county"
    county.mkdir()
    (county / "paigen.yaml").write_text(
        "schema: paigen/v1\npreset: bazhou-2020\nwording:\n  牧业队:\n"
        "    committee: '{name}管理委员会'\n    supervision: '{name}队务监督委员会'\n    affairs: 队务\n",
        encoding="utf-8")
    (county / "三队.yaml").write_text(
        LIANDUI.replace("五连", "三队").replace("type: 连队", "type: 牧业队"), encoding="utf-8")
    done = _run("validate", county)
    assert done.returncode == 0, done.stderr
    inputs = open_inputs(county)
    village = inputs.profiles[0].village
    assert (village.type, village.committee, village.supervision) == ("牧业队", "三队管理委员会", "三队队务监督委员会")
