"""County masters: slot files, PDF and SVG masters built for the sample villages, export and check."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.pdfgen.canvas import Canvas

from paigen.backends._pdffonts import null_font
from paigen.build import BuildOptions, build
from paigen.cli import main
from paigen.errors import PaigenError, ProfileError
from paigen.fonts import resolve_roles
from paigen.inputs import open_inputs
from paigen.layout.scene import Path as ScenePath
from paigen.layout.scene import QRCode, Rect, Text
from paigen.layout.signs import SIGN_TYPES, Context
from paigen.layout.text import TextEngine
from paigen.masters import read_master
from paigen.masters._check import check_masters
from paigen.masters._export import export_master
from paigen.masters._master import master_artwork
from paigen.masters._slots import parse_slot_file

from conftest import SAMPLES

PT = 72 / 25.4
W, H, BLEED = 600, 800, 5
COUNTY_RED = (0.05, 0.95, 0.85, 0.1)  # the county's own red, not a preset swatch
BOARD_SLOTS = """\
size_mm: [600, 800]
bleed_mm: 5
slots:
  - name: title
    box_mm: [40, 25, 520, 95]
    text: "{{ board.title }}"
    font: title
    color: white
    align: center
    min_mm: 30
    max_mm: 70
    lines: 2
    balanced: true
  - {name: body, box_mm: [50, 175, 500, 540], text: "{{ board.body }}", font: song, color: black,
     min_mm: 8, max_mm: 24, paragraphs: true}
  - {name: footer, box_mm: [40, 750, 520, 34], text: "{{ center.name }}", font: hei, color: white,
     align: justify, min_mm: 8, max_mm: 22, lines: 1}
"""


def pdf_master(path: Path, rgb: bool = False, alpha: bool = False, embedded: bool = True) -> None:
    """A decorated 600 × 800 board: cream ground, header and foot in the county red, a row of
    diamonds as ornament; TrimBox and a 5 mm bleed."""
    c = Canvas(str(path), pagesize=((W + 2 * BLEED) * PT, (H + 2 * BLEED) * PT), invariant=1,
               initialFontName=null_font() if embedded else "Helvetica")
    c.setTrimBox((BLEED * PT, BLEED * PT, (W + BLEED) * PT, (H + BLEED) * PT))
    c.setBleedBox((0, 0, (W + 2 * BLEED) * PT, (H + 2 * BLEED) * PT))
    c.setFillColorCMYK(0, 0.05, 0.1, 0)
    c.rect(0, 0, (W + 2 * BLEED) * PT, (H + 2 * BLEED) * PT, stroke=0, fill=1)
    if rgb:
        c.setFillColorRGB(0.9, 0.1, 0.1)
    else:
        c.setFillColorCMYK(*COUNTY_RED, alpha=0.5 if alpha else None)
    c.rect(0, (H + 2 * BLEED - 140) * PT, (W + 2 * BLEED) * PT, 140 * PT, stroke=0, fill=1)
    ornament = c.beginPath()
    for i in range(12):
        x, y = (BLEED + 25 + i * 50) * PT, (H + BLEED - 150) * PT
        ornament.moveTo(x, y)
        ornament.lineTo(x + 10 * PT, y + 10 * PT)
        ornament.lineTo(x + 20 * PT, y)
        ornament.lineTo(x + 10 * PT, y - 10 * PT)
        ornament.close()
    c.drawPath(ornament, stroke=0, fill=1)
    c.rect(0, 0, (W + 2 * BLEED) * PT, 60 * PT, stroke=0, fill=1)
    c.showPage()
    c.save()


SVG_MASTER = """\
<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     width="610mm" height="810mm" viewBox="0 0 610 810">
  <g inkscape:label="artwork" inkscape:groupmode="layer" id="layer1">
    <rect id="ground" x="0" y="0" width="610" height="810" fill="#FCEBE6"/>
    <rect id="header" x="0" y="0" width="610" height="150" fill="#E60012"/>
    <path id="ornament" d="M 300 152 l 10 10 l -10 10 l -10 -10 z" fill="#E60012"/>
    <rect id="foot" x="0" y="750" width="610" height="60" fill="#E60012"/>
  </g>
  <g inkscape:label="slots" inkscape:groupmode="layer" id="slots">
    <rect id="title" x="65" y="30" width="480" height="100" fill="none" stroke="#FF00FF"/>
  </g>
</svg>
"""


def _county(tmp_path: Path, kind: str) -> Path:
    county = tmp_path / f"county-{kind}"
    shutil.copytree(SAMPLES, county)
    masters = county / "masters"
    masters.mkdir()
    (masters / "board.yaml").write_text(BOARD_SLOTS, "utf-8")
    if kind == "pdf":
        pdf_master(masters / "board.pdf")
    else:
        (masters / "board.svg").write_text(SVG_MASTER, "utf-8")
    return county


def _build(county: Path, out: Path, force: bool = False):
    return build(county, out, BuildOptions(only=("signs",), jobs=1, force=force, batch=False))


@pytest.fixture(scope="module", params=["pdf", "svg"])
def master_kit(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"master-{request.param}")
    county = _county(tmp, request.param)
    report = _build(county, tmp / "out")
    return request.param, county, tmp / "out", report


def _boards(out: Path) -> list[Path]:
    return sorted(out.glob("*/*/signs/board-*.pdf"))


def test_master_kit_builds_every_village(master_kit):
    _, _, out, report = master_kit
    assert [v.status for v in report.villages] == ["built"] * 3
    assert len(_boards(out)) >= 3


def test_master_boards_keep_the_slot_files_boxes(master_kit):
    for pdf in _boards(master_kit[2]):
        boxes = subprocess.run(["pdfinfo", "-box", str(pdf)], capture_output=True, text=True, check=True).stdout
        trim = [float(v) for v in re.search(r"TrimBox:\s+(.*)", boxes).group(1).split()]
        bleed = [float(v) for v in re.search(r"BleedBox:\s+(.*)", boxes).group(1).split()]
        assert (trim[2] - trim[0]) / PT == pytest.approx(W, abs=0.05)
        assert (trim[3] - trim[1]) / PT == pytest.approx(H, abs=0.05)
        assert (trim[0] - bleed[0]) / PT == pytest.approx(BLEED, abs=0.05)
        assert (bleed[2] - trim[2]) / PT == pytest.approx(BLEED, abs=0.05)


def _uncompressed(pdf: Path) -> str:
    done = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), "-"], capture_output=True,
                          check=True)
    return done.stdout.decode("latin-1")


def test_master_boards_are_cmyk_only_with_the_masters_ornament(master_kit):
    kind = master_kit[0]
    for pdf in _boards(master_kit[2]):
        subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, check=True)
        text = _uncompressed(pdf)
        assert not re.search(r"\s(rg|RG|g|G|sc|SC|scn|SCN)\n", text)
        assert "/DeviceRGB" not in text and "/DeviceGray" not in text
        if kind == "pdf":  # the county red of the master, drawn as it was written
            assert re.search(r"\n\.05 \.95 \.85 \.1 k\n", text)
            assert "/PaigenMaster Do" in text
        else:  # the ornament in party-red (the swatch of #E60012)
            assert re.search(r"\n0 1 1 0 k\n", text)


def test_every_slot_text_inside_its_box_at_its_minimum(master_kit):
    kind, county, _, _ = master_kit
    inputs = open_inputs(county)
    master = read_master(county / "masters" / "board.yaml", inputs.settings)
    if kind == "svg":  # the `slots` layer moved the title
        assert master.slots.slots[0].box.x == pytest.approx(65 - BLEED)
        assert master.slots.slots[0].box.w == pytest.approx(480)
    specs = {s.name: s for s in master.slots.slots}
    engine = TextEngine(resolve_roles(inputs.settings))
    checked = 0
    for profile in inputs.profiles:
        ctx = Context(profile, inputs.settings, engine)
        for art in SIGN_TYPES["board"](ctx):
            page = master_artwork(ctx, art, master).page
            texts = [i for i in page.items if isinstance(i, Text)]
            assert {t.field for t in texts} == set(specs)
            for text in texts:
                spec = specs[text.field]
                assert spec.box.contains(text.box, 0.01), (art.name, spec.name, text.box)
                assert text.size >= spec.min_mm - 1e-6
                checked += 1
            if kind == "svg":
                assert any(isinstance(i, ScenePath) and i.name == "ornament" for i in page.items)
    assert checked > 20


def test_master_rebuild_is_byte_identical(master_kit, tmp_path):
    _, county, out, _ = master_kit
    _build(county, tmp_path / "again", force=True)
    for pdf in _boards(out):
        rel = pdf.relative_to(out)
        for suffix in (".pdf", ".svg", ".png"):
            assert (out / rel).with_suffix(suffix).read_bytes() == (tmp_path / "again" / rel).with_suffix(
                suffix).read_bytes()


def test_master_preview_comes_from_the_master_page(master_kit):
    from PIL import Image

    png = _boards(master_kit[2])[0].with_suffix(".png")
    with Image.open(png) as picture:
        # the header band of the master is red, its ground cream/pale: not the built-in white
        header = picture.getpixel((picture.width // 2, 5))
        ground = picture.getpixel((5, picture.height // 2))
    assert header[0] > 180 and header[1] < 80
    assert ground != (255, 255, 255)


def test_masters_are_inputs_of_the_kit(tmp_path):
    county = _county(tmp_path, "pdf")
    out = tmp_path / "out"
    _build(county, out)
    assert {v.status for v in _build(county, out).villages} == {"skipped"}
    slots = county / "masters" / "board.yaml"
    slots.write_text(slots.read_text("utf-8").replace("max_mm: 70", "max_mm: 60"), "utf-8")
    assert {v.status for v in _build(county, out).villages} == {"built"}


# -- bad inputs ----------------------------------------------------------------------------
def _slot_problems(text: str, settings) -> list[str]:
    with pytest.raises(ProfileError) as info:
        parse_slot_file(textwrap.dedent(text).encode(), "masters/board.yaml", "board", settings)
    return [str(p) for p in info.value.problems]


def test_slot_file_unknown_key(settings):
    [msg] = _slot_problems("""\
        size_mm: [600, 800]
        slots:
          - {name: title, box_mm: [40, 25, 520, 95], text: "x", colour: white}
        """, settings)
    assert msg.startswith("masters/board.yaml:3") and "无法识别的键「colour」" in msg and "是否应为「color」" in msg


def test_slot_outside_the_trim(settings):
    [msg] = _slot_problems("""\
        size_mm: [600, 800]
        slots:
          - name: title
            box_mm: [40, 25, 600, 95]
            text: x
        """, settings)
    assert msg.startswith("masters/board.yaml:4") and "超出 600 × 800 mm 的成品尺寸" in msg
    assert "x + width ≤ 600" in msg


def test_text_slot_inside_the_safe_margin(settings):
    [msg] = _slot_problems("""\
        size_mm: [600, 800]
        slots:
          - {name: footer, box_mm: [40, 752, 520, 44], text: x}
        """, settings)
    assert msg.startswith("masters/board.yaml:3") and "文字槽位「footer」距裁切边只有 4.0 mm" in msg
    assert "y + height ≤ 790" in msg


def test_slot_variable_the_type_does_not_offer(settings):
    problems = _slot_problems("""\
        size_mm: [600, 800]
        slots:
          - {name: a, box_mm: [20, 20, 10, 10], text: "{{ board.titel }}"}
          - {name: b, box_mm: [20, 20, 10, 10], text: "{{ vilage.name }}"}
        """, settings)
    assert "masters/board.yaml:3" in problems[0] and "此标识类型没有变量「board.titel」" in problems[0]
    assert "是否应为「board.title」" in problems[0]
    assert "此标识类型没有变量「vilage」" in problems[1] and "是否应为「village」" in problems[1]
    # a plaque has no board
    with pytest.raises(ProfileError, match="此标识类型没有变量「board」"):
        parse_slot_file(b"size_mm: [600, 800]\nslots:\n  - {name: a, box_mm: [20, 20, 9, 9], text: '{{ board.title }}'}\n",
                        "masters/plaque.yaml", "plaque", settings)


def test_slot_unknown_swatch_and_font_role(settings):
    problems = _slot_problems("""\
        size_mm: [600, 800]
        slots:
          - {name: a, box_mm: [20, 20, 10, 10], text: x, color: party-rd, font: titel}
        """, settings)
    assert any("色板「party-rd」不存在" in p and "是否应为「party-red」" in p for p in problems)
    assert any("字体角色「titel」不存在" in p and "是否应为「title」" in p for p in problems)
    assert all(p.startswith("masters/board.yaml:3") for p in problems)


def test_bad_slot_file_fails_the_build_with_its_line(tmp_path):
    county = _county(tmp_path, "pdf")
    slots = county / "masters" / "board.yaml"
    slots.write_text(slots.read_text("utf-8").replace("color: white\n", "color: whte\n", 1), "utf-8")
    report = _build(county, tmp_path / "out")
    assert {v.status for v in report.villages} == {"failed"}
    assert "masters/board.yaml:8" in report.villages[0].error and "是否应为「white」" in report.villages[0].error


@pytest.mark.parametrize("flaw, words", [("rgb", "RGB 颜色 0.9 0.1 0.1（操作符 rg）"),
                                         ("alpha", "使用了透明度"),
                                         ("font", "字体 Helvetica 未嵌入")])
def test_pdf_master_with_rgb_transparency_or_unembedded_fonts_is_refused(tmp_path, settings, flaw, words):
    folder = tmp_path / "masters"
    folder.mkdir()
    (folder / "board.yaml").write_text(BOARD_SLOTS, "utf-8")
    pdf_master(folder / "board.pdf", rgb=flaw == "rgb", alpha=flaw == "alpha", embedded=flaw != "font")
    with pytest.raises(PaigenError) as info:
        read_master(folder / "board.yaml", settings)
    message = str(info.value)
    assert "masters/board.pdf 第1页" in message and words in message


def test_pdf_master_of_another_size_is_refused(tmp_path, settings):
    folder = tmp_path / "masters"
    folder.mkdir()
    (folder / "board.yaml").write_text(BOARD_SLOTS.replace("[600, 800]", "[600, 900]"), "utf-8")
    pdf_master(folder / "board.pdf")
    with pytest.raises(PaigenError, match=r"成品框（TrimBox）为 600.0 × 800.0 mm，但 masters/board.yaml 中的 size_mm"):
        read_master(folder / "board.yaml", settings)


def test_svg_master_colour_that_is_no_swatch_is_refused(tmp_path, settings):
    folder = tmp_path / "masters"
    folder.mkdir()
    (folder / "board.yaml").write_text(BOARD_SLOTS, "utf-8")
    svg = SVG_MASTER.replace('id="ornament" d="M 300 152 l 10 10 l -10 10 l -10 -10 z" fill="#E60012"',
                             'id="ornament" d="M 300 152 l 10 10 l -10 10 l -10 -10 z" fill="#C8102E"')
    svg = svg.replace("</g>\n  <g inkscape:label=\"slots\"",
                      '<text id="motto" x="10" y="10">为人民服务</text></g>\n  <g inkscape:label="slots"')
    (folder / "board.svg").write_text(svg, "utf-8")
    with pytest.raises(PaigenError) as info:
        read_master(folder / "board.yaml", settings)
    message = str(info.value)
    assert "颜色 #c8102e（ID 为 ornament 的对象的 fill）不是设置中的色板" in message
    assert "文字「为人民服务」（ID 为 motto）未转曲" in message and "对象转化成路径" in message


# -- export and check ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exported")
    for sign_type in SIGN_TYPES:
        export_master(sign_type, SAMPLES, folder)
    return folder


def _first(sign_type: str, settings, engine):
    for profile in open_inputs(SAMPLES).profiles:
        artworks = SIGN_TYPES[sign_type](Context(profile, settings, engine))
        if artworks:
            return Context(profile, settings, engine), artworks[0]
    raise AssertionError(sign_type)


def _bounds(item):
    if isinstance(item, Rect):
        return item.box
    if isinstance(item, ScenePath):
        return item.bounds()
    return None


@pytest.mark.parametrize("kind", ["pdf", "svg"])
@pytest.mark.parametrize("sign_type", list(SIGN_TYPES))
def test_export_and_reimport_give_the_same_layout(exported, sign_type, kind, tmp_path):
    slots = exported / f"{sign_type}.yaml"
    text = slots.read_text("utf-8")
    assert f"master: {sign_type}.pdf" in text and "# Variables of this sign type:" in text
    folder = tmp_path / "masters"
    folder.mkdir()
    (folder / slots.name).write_text(text.replace(f"master: {sign_type}.pdf", f"master: {sign_type}.{kind}"))
    shutil.copy(exported / f"{sign_type}.{kind}", folder)
    inputs = open_inputs(SAMPLES)
    engine = TextEngine(resolve_roles(inputs.settings))
    master = read_master(folder / slots.name, inputs.settings)
    ctx, art = _first(sign_type, inputs.settings, engine)
    again = master_artwork(ctx, art, master).page
    page = art.page
    assert (again.width, again.height, again.bleed) == (page.width, page.height, page.bleed)

    def glyphs(p):
        return sorted((round(g.matrix[5], 1), round(g.matrix[4], 1), g.matrix, g.glyph)
                      for t in p.items if isinstance(t, Text) for g in t.glyphs)

    before, after = glyphs(page), glyphs(again)
    assert len(before) == len(after)
    for (_, _, m1, g1), (_, _, m2, g2) in zip(before, after, strict=True):
        assert g1 == g2
        assert abs(m1[4] - m2[4]) < 0.1 and abs(m1[5] - m2[5]) < 0.1
        assert m1[0] == pytest.approx(m2[0], rel=1e-3)
    qr1 = [q.box for q in page.items if isinstance(q, QRCode)]
    qr2 = [q.box for q in again.items if isinstance(q, QRCode)]
    assert len(qr1) == len(qr2)
    for a, b in zip(qr1, qr2, strict=True):
        assert abs(a.x - b.x) < 0.1 and abs(a.y - b.y) < 0.1 and abs(a.w - b.w) < 0.1
    if kind == "svg":  # the artwork read back from the SVG: same shapes in the same places
        shapes = [b for b in (_bounds(i) for i in page.items) if b is not None]
        if page.background:
            shapes.insert(0, page.trim.inset(-page.bleed))
        back = [s.bounds() for s in master.shapes]
        assert len(back) == len(shapes)
        for a, b in zip(shapes, back, strict=True):
            assert max(abs(a.x - b.x), abs(a.y - b.y), abs(a.w - b.w), abs(a.h - b.h)) < 0.1


def test_exported_pdf_has_page_boxes(exported):
    boxes = subprocess.run(["pdfinfo", "-box", str(exported / "board.pdf")], capture_output=True, text=True,
                           check=True).stdout
    assert "TrimBox" in boxes and "BleedBox" in boxes
    assert not re.search(r"\s(rg|RG)\n", _uncompressed(exported / "board.pdf"))


def test_check_lists_villages_below_the_minimum(tmp_path):
    county = _county(tmp_path, "pdf")
    slots = county / "masters" / "board.yaml"
    slots.write_text(slots.read_text("utf-8").replace("min_mm: 30", "min_mm: 60"), "utf-8")
    report = check_masters(county / "masters", county, tmp_path / "proof.pdf")
    assert not report.errors and report.villages == 3
    assert report.shortfalls
    finding = report.shortfalls[0]
    assert finding.slot.slot == "title" and finding.slot.minimum == 60 and 0 < finding.slot.needed < 60
    assert finding.file == "masters/board.yaml" and finding.slot.line == 4
    info = subprocess.run(["pdfinfo", str(tmp_path / "proof.pdf")], capture_output=True, text=True, check=True)
    assert re.search(r"Pages:\s+2\n", info.stdout)  # the hardest texts, then a typical village
    runner = CliRunner()
    result = runner.invoke(main, ["master", "check", str(county / "masters"), str(county),
                                  "-o", str(tmp_path / "p2.pdf")])
    assert result.exit_code == 1
    assert "文字位「title」" in result.output and "小于最小字号 min_mm 60（masters/board.yaml:4" in result.output


def test_cli_export_writes_the_three_files(tmp_path):
    result = CliRunner().invoke(main, ["master", "export", "plaque", "-o", str(tmp_path / "m"),
                                       "--county", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == ["plaque.pdf", "plaque.svg", "plaque.yaml"]
    result = CliRunner().invoke(main, ["master", "export", "plaq", "--county", str(SAMPLES)])
    assert result.exit_code == 2 and "是否应为「plaque」" in result.output


def test_qr_image_vertical_and_justified_slots(tmp_path):
    from PIL import Image as PILImage

    from paigen.layout.scene import Image

    county = _county(tmp_path, "pdf")
    PILImage.new("RGB", (40, 20), (200, 30, 30)).save(county / "photo.png")
    slots = county / "masters" / "board.yaml"
    slots.write_text(BOARD_SLOTS + textwrap.indent(textwrap.dedent("""\
        - {name: qr, box_mm: [470, 640, 90, 100], qr: "https://example.org/{{ village.name }}", color: black}
        - {name: photo, box_mm: [40, 640, 200, 100], image: "photo.png", fit: contain}
        - {name: side, box_mm: [12, 200, 24, 400], text: "{{ village.name }}", font: kai, color: black,
           vertical: true, align: justify, min_mm: 10, max_mm: 20}
        """), "  "), "utf-8")
    inputs = open_inputs(county)
    master = read_master(slots, inputs.settings)
    engine = TextEngine(resolve_roles(inputs.settings))
    ctx = Context(inputs.profiles[0], inputs.settings, engine)
    page = master_artwork(ctx, SIGN_TYPES["board"](ctx)[0], master).page
    [qr] = [i for i in page.items if isinstance(i, QRCode)]
    assert qr.data == f"https://example.org/{inputs.profiles[0].village.name}"
    assert qr.box.w == qr.box.h == 90 and qr.box.y == pytest.approx(645)
    [photo] = [i for i in page.items if isinstance(i, Image)]
    assert (photo.box.w, photo.box.h) == (200, 100)  # 2:1 picture fills the 2:1 box
    with PILImage.open(__import__("io").BytesIO(photo.data)) as picture:
        assert picture.mode == "CMYK"
    [side] = [i for i in page.items if isinstance(i, Text) and i.field == "side"]
    assert side.vertical and side.size == 20
    assert side.box.y == pytest.approx(200) and side.box.bottom == pytest.approx(600)  # 分散 over the column
    [footer] = [i for i in page.items if isinstance(i, Text) and i.field == "footer"]
    assert footer.box.x == pytest.approx(40) and footer.box.w == pytest.approx(520)  # justified line
    report = _build(county, tmp_path / "out")
    assert [v.status for v in report.villages] == ["built"] * 3
    pdf = next((tmp_path / "out").glob("*/*/signs/board-1-*.pdf"))
    assert "/DeviceRGB" not in _uncompressed(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "page.png")], capture_output=True,
                             text=True, check=True).stdout.strip()
    assert decoded.startswith("https://example.org/")


def test_kit_lists_the_same_files_with_and_without_masters(master_kit, tmp_path):
    import json

    _, _, out, _ = master_kit
    plain = tmp_path / "plain"
    _build(SAMPLES, plain)
    for manifest in sorted(plain.glob("*/*/manifest.json")):
        rel = manifest.relative_to(plain)
        before = json.loads(manifest.read_text("utf-8"))["artifacts"]
        after = json.loads((out / rel).read_text("utf-8"))["artifacts"]
        assert [a["path"] for a in before] == [a["path"] for a in after]
        boards = [a for a in after if a["type"] == "board"]
        assert boards and all("县级母版 masters/board." in a.get("note", "") for a in boards if a["format"] == "pdf")


def test_fonts_of_a_pdf_master_stay_embedded(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Bold.ttf")
    if not font.is_file():
        pytest.skip("fonts-lxgw-wenkai is not installed")
    county = _county(tmp_path, "pdf")
    master = county / "masters" / "board.pdf"
    pdf_master(master)
    # the designer's slogan in live text, in the master's own embedded font
    pdfmetrics.registerFont(TTFont("WenKaiBold", str(font)))
    c = Canvas(str(tmp_path / "slogan.pdf"), pagesize=((W + 2 * BLEED) * PT, (H + 2 * BLEED) * PT), invariant=1,
               initialFontName=null_font())
    c.setFillColorCMYK(*COUNTY_RED)
    c.setFont("WenKaiBold", 40)
    c.drawString(40 * PT, 70 * PT, "不忘初心")
    c.showPage()
    c.save()
    import pikepdf

    with pikepdf.open(master, allow_overwriting_input=True) as pdf, pikepdf.open(tmp_path / "slogan.pdf") as extra:
        pdf.pages[0].add_overlay(extra.pages[0])
        pdf.save(master)
    _build(county, tmp_path / "out")
    board = next((tmp_path / "out").glob("*/*/signs/board-1-*.pdf"))
    fonts = subprocess.run(["pdffonts", str(board)], capture_output=True, text=True, check=True).stdout
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert any("WenKai" in row for row in rows)
    assert all(row.split()[-5] == "yes" for row in rows)  # emb column


def test_svg_slots_layer_outside_the_trim_is_refused(tmp_path, settings):
    folder = tmp_path / "masters"
    folder.mkdir()
    (folder / "board.yaml").write_text(BOARD_SLOTS, "utf-8")
    (folder / "board.svg").write_text(SVG_MASTER.replace('id="title" x="65" y="30"', 'id="title" x="8" y="30"'),
                                      "utf-8")
    with pytest.raises(PaigenError, match=r"masters/board.svg：槽位图层中，矩形「title」\[3, 25, 480"
                                          r", 100\] 距裁切边不足 10 mm"):
        read_master(folder / "board.yaml", settings)
