"""County masters print what the designer drew: an Inkscape recolour, CSS classes, and every SVG
feature paigen cannot reproduce in CMYK refused by its id — checked on the built PDF's content
stream. The check's proof shows village text; master-built boards keep their proof status and
emblem; export needs no county; a slots-layer rectangle needs no box_mm."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pikepdf
import pytest
from click.testing import CliRunner

from paigen.build import BuildOptions, build
from paigen.cli import main
from paigen.errors import PaigenError
from paigen.inputs import open_inputs
from paigen.masters import read_master
from paigen.masters._check import check_masters
from paigen.masters._export import export_master

from conftest import SAMPLES

COUNTY_RED = "county-red: {cmyk: [0, 90, 80, 20], rgb: \"#C8161D\", note: 县定红}\n"
SLOTS = """\
size_mm: [600, 800]
bleed_mm: 5
master: board.svg
slots:
  - {name: title, box_mm: [40, 25, 520, 95], text: "{{ board.title }}", font: title, color: white, min_mm: 20}
  - {name: footer, box_mm: [40, 750, 520, 34], text: "{{ center.name }}", font: hei, color: white,
     min_mm: 6, max_mm: 22, lines: 1}
"""
SVG = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     width="610mm" height="810mm" viewBox="0 0 610 810">
  <defs>
    <linearGradient id="lg1"><stop offset="0" stop-color="#E60012"/><stop offset="1" stop-color="#FFD400"/></linearGradient>
    <pattern id="dots" width="10" height="10" patternUnits="userSpaceOnUse"><circle cx="5" cy="5" r="2" fill="#E60012"/></pattern>
    <mask id="m1"><rect width="610" height="100" fill="#FFFFFF"/></mask>
    <clipPath id="c1"><rect width="300" height="100"/></clipPath>
    <filter id="blur"><feGaussianBlur stdDeviation="3"/></filter>
    {style}
  </defs>
  <rect id="ground" x="0" y="0" width="610" height="810" fill="#FCEBE6"/>
  {band}
  <g inkscape:label="slots" inkscape:groupmode="layer" id="slots">
    <rect id="title" x="45" y="30" width="520" height="95" fill="none" stroke="#FF00FF"/>
  </g>
</svg>
"""
FEATURES = {
    "gradient": ('<rect id="band" width="610" height="150" fill="url(#lg1)"/>', "ID 为 band 的对象的 fill 是渐变"),
    "pattern": ('<rect id="band" width="610" height="150" fill="url(#dots)"/>', "ID 为 band 的对象的 fill 是图案"),
    "mask": ('<rect id="band" width="610" height="150" fill="#E60012" mask="url(#m1)"/>', "ID 为 band 的对象使用了蒙版"),
    "clip-path": (
        '<g id="clipped" clip-path="url(#c1)"><rect id="band" width="610" height="150" fill="#E60012"/></g>',
        "ID 为 clipped 的对象使用了剪裁路径",
    ),
    "opacity": ('<rect id="band" width="610" height="150" fill="#E60012" opacity="0.5"/>', "ID 为 band 的对象是透明的"),
    "filter": ('<rect id="band" width="610" height="150" fill="#E60012" filter="url(#blur)"/>', "ID 为 band 的对象使用了模糊、阴影等滤镜"),
    "blend": (
        '<rect id="band" width="610" height="150" fill="#E60012" style="mix-blend-mode:multiply"/>',
        "ID 为 band 的对象使用了混合模式",
    ),
}


def _county(tmp_path: Path, svg: str, slots: str = SLOTS, villages: int = 1) -> Path:
    county = tmp_path / "county"
    county.mkdir()
    (county / "paigen.yaml").write_text(
        (SAMPLES / "paigen.yaml").read_text("utf-8") + "colors:\n  " + COUNTY_RED, "utf-8"
    )
    for profile in sorted(p for p in SAMPLES.glob("*.yaml") if p.name != "paigen.yaml")[:villages]:
        shutil.copy(profile, county)
    (county / "masters").mkdir()
    (county / "masters" / "board.yaml").write_text(slots, "utf-8")
    (county / "masters" / "board.svg").write_text(svg, "utf-8")
    return county


def cmyk_operators(pdf: Path) -> set[tuple[str, tuple[float, ...]]]:
    """Every k/K (and sh, rg, RG) operator of page 1, its forms included, read with pikepdf."""
    out: set = set()

    def walk(obj, resources, seen):
        for operands, operator in pikepdf.parse_content_stream(obj):
            op = str(operator)
            if op in ("k", "K", "rg", "RG", "sh"):
                out.add((op, tuple(round(float(v), 3) for v in operands if not isinstance(v, pikepdf.Name))))
            elif op == "Do":
                xobject = resources.get("/XObject", {}).get(str(operands[0]))
                if xobject is not None and xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                    seen.add(xobject.objgen)
                    walk(xobject, xobject.get("/Resources", resources), seen)

    with pikepdf.open(pdf) as document:
        page = document.pages[0]
        walk(page.obj, page.obj.get("/Resources", {}), set())
    return out


def _build(county: Path, out: Path):
    return build(county, out, BuildOptions(only=("signs",), jobs=1, force=True, batch=True))


# -- what is drawn is what prints ----------------------------------------------------------------
@pytest.fixture(scope="module")
def recoloured(tmp_path_factory):
    """The built-in board exported, its red bands recoloured to #C8161D with Inkscape 1.2's own
    actions and saved as Inkscape SVG, then built for one village."""
    tmp = tmp_path_factory.mktemp("recolour")
    exported = export_master("board", SAMPLES, tmp / "export")
    source = exported.svg.read_text("utf-8")
    bands = re.findall(r'<rect[^>]*data-name="(?:title|footer)-band"[^>]*id="([^"]+)"', source)
    frame = re.findall(r'<rect[^>]*data-name="frame"[^>]*id="([^"]+)"', source)
    assert len(bands) == 2 and len(frame) == 1
    recoloured = tmp / "recoloured.svg"
    actions = (
        f"select-by-id:{','.join(bands)};object-set-property:fill,#C8161D;select-clear;"
        f"select-by-id:{frame[0]};object-set-attribute:stroke,#C8161D;"
        f"export-filename:{recoloured};export-type:svg;export-plain-svg:false;export-do"
    )
    subprocess.run(["inkscape", f"--actions={actions}", str(exported.svg)], capture_output=True, check=True)
    text = recoloured.read_text("utf-8")
    assert "inkscape:" in text and 'data-swatch="party-red"' in text and "#C8161D" in text
    slots = exported.slots.read_text("utf-8").replace("master: board.pdf", "master: board.svg")
    county = _county(tmp, text, slots)
    report = _build(county, tmp / "out")
    assert [v.status for v in report.villages] == ["built"]
    return county, tmp / "out", report


def test_inkscape_recolour_prints_the_new_colour(recoloured):
    _, out, _ = recoloured
    ops = cmyk_operators(next(out.glob("*/*/signs/board-1-*.pdf")))
    assert ("k", (0.0, 0.9, 0.8, 0.2)) in ops and ("K", (0.0, 0.9, 0.8, 0.2)) in ops
    assert ("k", (0.0, 1.0, 1.0, 0.0)) not in ops and ("K", (0.0, 1.0, 1.0, 0.0)) not in ops


def test_check_says_the_paint_won_over_data_swatch(recoloured):
    county, _, _ = recoloured
    report = check_masters(county / "masters", county)
    notes = [w for w in report.warnings if "data-swatch" in w]
    assert len(notes) == 2 and all("按色板「county-red」印刷" in n for n in notes)
    assert any("data-stroke-swatch" in w for w in report.warnings)
    assert report.ok


def test_master_boards_keep_their_proof_status(recoloured):
    _, out, report = recoloured
    manifest = json.loads(next(out.glob("*/*/manifest.json")).read_text("utf-8"))
    boards = [a for a in manifest["artifacts"] if a["type"] == "board" and a["format"] == "pdf"]
    assert boards and all(a.get("proof") for a in boards)
    oath = next(a for a in boards if "入党誓词" in a["title"])
    assert oath["proof"][0]["status"] == "verified"
    sheet = openpyxl.load_workbook(out / "order.xlsx").worksheets[0]
    rows = [r for r in sheet.iter_rows(values_only=True) if r and any(isinstance(c, str) and "入党誓词" in c for c in r)]
    assert rows and any(isinstance(c, str) and c.startswith("文字已核对") for c in rows[0])
    open_boards = {a["proof"][0]["board"] for a in boards if a["proof"][0]["status"] != "verified"}
    said = " ".join(report.warnings)
    assert open_boards and all(name in said for name in open_boards)


def test_oath_board_without_emblem_slot_is_noted(recoloured):
    county, out, _ = recoloured
    manifest = json.loads(next(out.glob("*/*/manifest.json")).read_text("utf-8"))
    oath = next(a for a in manifest["artifacts"] if "入党誓词" in a["title"] and a["format"] == "pdf")
    assert "县级母版未设党徽位" in oath["note"] and "党徽位置留空" not in oath["note"]
    report = check_masters(county / "masters", county)
    assert any("设有党徽位，而此母版没有" in w and "emblem: true" in w for w in report.warnings)


def test_master_with_an_emblem_slot_keeps_the_emblem(tmp_path):
    from paigen.fonts import resolve_roles
    from paigen.layout.scene import Slot
    from paigen.layout.signs import SIGN_TYPES, Context
    from paigen.layout.text import TextEngine
    from paigen.masters._master import master_artwork

    slots = SLOTS + "  - {name: emblem, box_mm: [270, 150, 60, 60], emblem: true}\n"
    county = _county(tmp_path, SVG.format(style="", band=""), slots)
    inputs = open_inputs(county)
    master = read_master(county / "masters" / "board.yaml", inputs.settings)
    ctx = Context(inputs.profiles[0], inputs.settings, TextEngine(resolve_roles(inputs.settings)))
    oath = next(a for a in SIGN_TYPES["board"](ctx) if "入党誓词" in a.title)
    art = master_artwork(ctx, oath, master)
    assert [i.box.w for i in art.page.items if isinstance(i, Slot) and i.name == "emblem"] == [60]
    assert not any("党徽位" in w for w in check_masters(county / "masters", county).warnings)


def test_css_class_colour_prints_its_swatch(tmp_path):
    style = "<style>.band { fill: #C8161D } .rule { stroke: #FFD400; stroke-width: 2 }</style>"
    band = (
        '<rect id="band" class="band" width="610" height="150"/>'
        '<path id="rule" class="rule" d="M 20 160 H 590" fill="none" stroke-dasharray="4 2"/>'
        '<path id="ring" fill-rule="evenodd" fill="#FFD400" d="M 0 200 h 100 v 100 h -100 z M 25 225 h 50 v 50 h -50 z"/>'
    )
    county = _county(tmp_path, SVG.format(style=style, band=band))
    _build(county, tmp_path / "out")
    pdf = next((tmp_path / "out").glob("*/*/signs/board-1-*.pdf"))
    ops = cmyk_operators(pdf)
    assert ("k", (0.0, 0.9, 0.8, 0.2)) in ops and ("K", (0.0, 0.12, 0.9, 0.0)) in ops
    assert not any(op in ("rg", "RG", "sh") for op, _ in ops)
    with pikepdf.open(pdf) as document:
        drawn = pikepdf.parse_content_stream(document.pages[0].obj)
        operators = [str(op) for _, op in drawn]
        dashes = [list(operands[0]) for operands, op in drawn if str(op) == "d"]
    assert "f*" in operators  # the ring keeps its hole
    assert any(len(d) == 2 and abs(float(d[0]) / float(d[1]) - 2) < 0.01 for d in dashes)  # 4 2, scaled


@pytest.mark.parametrize("feature", FEATURES)
def test_svg_feature_without_a_cmyk_print_is_refused_by_id(tmp_path, feature):
    band, words = FEATURES[feature]
    county = _county(tmp_path, SVG.format(style="", band=band))
    with pytest.raises(PaigenError) as caught:
        read_master(county / "masters" / "board.yaml", open_inputs(county).settings)
    message = str(caught.value)
    assert "masters/board.svg" in message and words in message and "Inkscape" in message


def test_gradient_master_fails_the_check_and_the_build(tmp_path):
    county = _county(tmp_path, SVG.format(style="", band=FEATURES["gradient"][0]))
    result = CliRunner().invoke(main, ["master", "check", str(county / "masters"), str(county),
                                       "-o", str(tmp_path / "proof.pdf")])
    assert result.exit_code == 1 and "ID 为 band 的对象的 fill 是渐变（url(#lg1)）" in result.output
    report = _build(county, tmp_path / "out")
    assert [v.status for v in report.villages] == ["failed"]
    assert not list((tmp_path / "out").glob("*/*/signs/board-1-*.pdf"))


# -- the proof, export and slots ---------------------------------------------------------------------
def test_check_proof_shows_every_slot_filled_with_village_text(tmp_path):
    county = _county(tmp_path, SVG.format(style="", band=""), villages=3)
    proof = tmp_path / "proof.pdf"
    report = check_masters(county / "masters", county, proof)
    assert report.ok, report.errors
    names = [p.center.name for p in open_inputs(county).profiles]
    longest = max(names, key=len)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(proof), "-"], capture_output=True,
                                             text=True, check=True).stdout)
    assert longest in text
    pages = text.split("母版检查")
    assert len(pages) == 3 and all("党" in page for page in pages[1:])  # every page: a filled title


def test_export_works_in_an_empty_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["master", "export", "board", "-o", "masters"])
    assert result.exit_code == 0, result.output
    assert {p.name for p in (tmp_path / "masters").iterdir()} == {"board.pdf", "board.svg", "board.yaml"}


def test_slots_layer_rectangle_stands_in_for_box_mm(tmp_path):
    slots = SLOTS.replace("box_mm: [40, 25, 520, 95], ", "")
    county = _county(tmp_path, SVG.format(style="", band=""), slots)
    master = read_master(county / "masters" / "board.yaml", open_inputs(county).settings)
    title = next(s for s in master.slots.slots if s.name == "title")
    assert (title.box.x, title.box.y, title.box.w, title.box.h) == (40, 25, 520, 95)  # 45 − 5 mm bleed
    assert title.max_mm == 95
    no_rect = re.sub(r'<rect id="title"[^>]*/>', "", SVG.format(style="", band=""))
    (county / "masters" / "board.svg").write_text(no_rect, "utf-8")
    with pytest.raises(PaigenError, match=r"masters/board.yaml:\d+ 槽位「title」：缺少 box_mm"):
        read_master(county / "masters" / "board.yaml", open_inputs(county).settings)


def test_inkscape_pdf_master_messages_name_inkscape_and_the_slot_outlines(tmp_path):
    exported = export_master("board", SAMPLES, tmp_path / "export")
    county = _county(tmp_path, "", exported.slots.read_text("utf-8"))
    (county / "masters" / "board.svg").unlink()
    subprocess.run(["inkscape", str(exported.svg), "--export-type=pdf",
                    f"--export-filename={county / 'masters' / 'board.pdf'}"], capture_output=True, check=True)
    with pytest.raises(PaigenError) as caught:
        read_master(county / "masters" / "board.yaml", open_inputs(county).settings)
    message = str(caught.value)
    assert "Inkscape" in message and "Illustrator" in message
    assert "paigen 槽位图层的洋红色槽位框" in message and "RGB 颜色 1 0 1" not in message
