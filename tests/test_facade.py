"""Facade colour bands: scaling rule, band geometry, paint takeoff, the A3 sheet, PDF and DXF.

Areas are worked out by hand in each test (band widths × lengths minus what the openings take),
never by calling the code under test.
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import sys

import ezdxf
import pikepdf
import pytest

from paigen.backends import render_pdf, render_png
from paigen.backends.dxf import render_dxf
from paigen.errors import LayoutError, ProfileError
from paigen.fonts import resolve_roles
from paigen.inputs import open_inputs
from paigen.layout.facade import (
    HEADER,
    TOTAL,
    Area,
    band_widths,
    cut,
    facade_kit,
    facade_walls,
    paint_csv,
    takeoff,
    wall_bands,
)
from paigen.layout.signs import Context
from paigen.layout.text import TextEngine
from paigen.model.profile import Opening, Wall
from paigen.model.settings import default_settings
from paigen.sources.xlsx import write_workbook

from conftest import MINIMAL, SAMPLES, load

PT = 72 / 25.4
M2 = 1e6  # mm² per m²


@pytest.fixture(scope="module")
def settings():
    return default_settings()


@pytest.fixture(scope="module")
def roles(settings):
    return resolve_roles(settings)


@pytest.fixture(scope="module")
def samples():
    return open_inputs(SAMPLES)


@pytest.fixture(scope="module")
def kits(samples, roles):
    """Every sample village's facade kit, by village name."""
    return {p.name: facade_kit(Context(p, samples.settings, TextEngine(roles))) for p in samples.profiles}


def bands_of(wall: Wall, settings, **kw):
    return wall_bands(wall, settings.section("facade"), scale=100, **kw)


def row_of(wall: Wall, settings) -> dict:
    (row, _total) = takeoff([bands_of(wall, settings)])
    return row


def door(x, w, h):
    return Opening("door", x, w, h)


def window(x, sill, w, h):
    return Opening("window", x, w, h, sill)


# -- the scaling rule ---------------------------------------------------------------------------
def test_standard_widths_while_the_main_wall_keeps_half_the_height():
    factor, bottom, top = band_widths(4200, [500, 60, 60], [60, 250], 0.5)
    assert factor == 1.0 and bottom == [500, 60, 60] and top == [60, 250]
    # 1860 mm: the main wall is exactly 930 = 50 % — still standard
    assert band_widths(1860, [500, 60, 60], [60, 250], 0.5)[0] == 1.0


def test_a_wall_of_1_4_m_scales_every_band_so_that_they_take_half_its_height(settings):
    factor, bottom, top = band_widths(1400, [500, 60, 60], [60, 250], 0.5)
    assert factor == pytest.approx(700 / 930)
    assert sum(bottom) + sum(top) == pytest.approx(700)
    assert bottom[0] / bottom[1] == pytest.approx(500 / 60)  # one factor for all bands
    wall = bands_of(Wall("围墙", 12000, 1400), settings)
    main = [b for b in wall.bands if b.part == "main"]
    assert wall.scaled and main[0].width == pytest.approx(700) and main[0].width / wall.height == 0.5


def test_bands_run_from_the_ground_up_and_from_the_roof_line_down(settings):
    wall = bands_of(Wall("南立面", 6000, 3000), settings)
    layout = [(b.color, round(b.bottom), round(b.top)) for b in wall.bands]
    assert layout == [("party-red", 0, 500), ("white", 500, 560), ("party-red", 560, 620),
                      ("white", 620, 2690), ("party-red", 2690, 2940), ("white", 2940, 3000)]


# -- geometry -----------------------------------------------------------------------------------
def test_cut_leaves_disjoint_rectangles_around_the_holes():
    band = Area(0, 0, 6000, 500)
    parts = cut(band, [Area(2000, 0, 1000, 2100), Area(4000, 300, 1000, 1000)])
    assert [(p.x, p.y, p.w, p.h) for p in parts] == [
        (0, 0, 2000, 500), (3000, 0, 1000, 500), (4000, 0, 1000, 300), (5000, 0, 1000, 500)]
    for a, b in itertools.combinations(parts, 2):
        assert a.clip(b) is None
    assert sum(p.area for p in parts) == 6000 * 500 - 1000 * 500 - 1000 * 200


def test_touching_openings_leave_no_sliver():
    parts = cut(Area(0, 0, 3000, 500), [Area(1000, 0, 500, 500), Area(1500, 0, 500, 500)])
    assert [(p.x, p.w) for p in parts] == [(0, 1000), (2000, 1000)]


# -- areas, worked out by hand ------------------------------------------------------------------
def test_takeoff_of_a_plain_wall(settings):
    row = row_of(Wall("北立面", 6000, 3000), settings)
    red = 6000 * (500 + 60 + 250) / M2  # 4.86
    assert row == {"wall": "北立面", "wall_m2": 18.0, "openings_m2": 0.0, "red_m2": red,
                   "white_m2": 18.0 - red}


def test_a_door_cuts_the_bottom_bands(settings):
    wall = Wall("南立面", 6000, 3000, (door(2000, 1000, 2100),))
    row = row_of(wall, settings)
    red = ((6000 - 1000) * (500 + 60)  # bottom red bands, less the door's width
           + 6000 * 250) / M2  # the top red band, above the door
    white = ((6000 - 1000) * 60  # the white band between the bottom reds
             + 6000 * (3000 - 620 - 310) - 1000 * (2100 - 620)  # main wall less the door
             + 6000 * 60) / M2  # the white band under the roof line
    assert (row["red_m2"], row["white_m2"], row["openings_m2"]) == (round(red, 2), round(white, 2), 2.1)
    assert (red, white) == (pytest.approx(4.3), pytest.approx(11.6))
    bands = bands_of(wall, settings)
    bottom_red = bands.bands[0]
    assert [(r.x, r.w) for r in bottom_red.regions] == [(0, 2000), (3000, 3000)]


def test_a_window_whose_sill_lies_in_a_band_cuts_it(settings):
    # sill at 540: inside the 60 mm white band (500–560); the window runs up to 1740
    wall = Wall("东立面", 6000, 3000, (window(1000, 540, 1500, 1200),))
    row = row_of(wall, settings)
    red = (6000 * (500 + 60 + 250) - 1500 * 60) / M2  # the upper bottom red band loses 1500 × 60
    white = (6000 * 3000 - 1500 * 1200) / M2 - red
    assert (row["red_m2"], row["white_m2"], row["openings_m2"]) == (round(red, 2), round(white, 2), 1.8)
    white_band = bands_of(wall, settings).bands[1]
    assert white_band.area == 6000 * 60 - 1500 * 20  # the sill takes the band's top 20 mm


def test_the_1_4_m_wall_with_a_door_is_scaled_and_cut(settings):
    # scaled by 700/930, each band rounded to the 5 mm building step: 375, 45, 45 | 45, 190
    wall = Wall("南立面", 12000, 1400, (door(5100, 1000, 1250),))
    row = row_of(wall, settings)
    red_band_top = 1400 - (45 + 190)  # where the top red band starts: 1165
    red = (12000 * (375 + 45 + 190)  # all red bands, scaled and rounded
           - 1000 * (375 + 45)  # the door through the bottom red bands
           - 1000 * (1250 - red_band_top)) / M2  # and into the top red band
    assert red == 6.815 and row["red_m2"] == 6.82
    assert row["openings_m2"] == 1.25 and row["wall_m2"] == 16.8
    assert row["white_m2"] == pytest.approx(16.8 - 1.25 - 6.82)
    main = next(b for b in bands_of(wall, settings).bands if b.part == "main")
    assert main.width == 1400 - 375 - 45 - 45 - 45 - 190 == 700  # the remainder stays white


def test_rounded_parts_add_up_to_the_wall_and_the_total_row_to_the_walls(settings):
    walls = [bands_of(Wall("甲", 7333, 2911, (window(1111, 333, 1234, 1111),)), settings),
             bands_of(Wall("乙", 5555, 1500, (door(100, 901, 1399),)), settings)]
    rows = takeoff(walls)
    assert [r["wall"] for r in rows] == ["甲", "乙", TOTAL]
    for r in rows:
        parts = round(r["openings_m2"] * 100) + round(r["red_m2"] * 100) + round(r["white_m2"] * 100)
        assert parts == round(r["wall_m2"] * 100), r
    for key in HEADER[1:]:
        assert round(rows[-1][key] * 100) == sum(round(r[key] * 100) for r in rows[:-1])


def test_paint_csv_opens_in_excel(settings):
    rows = takeoff([bands_of(Wall("南立面", 6000, 3000, (door(2000, 1000, 2100),)), settings)])
    data = paint_csv(rows)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the Chinese as UTF-8
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[:3] == ["wall,wall_m2,openings_m2,red_m2,white_m2", "南立面,18.00,2.10,4.30,11.60",
                         "合计,18.00,2.10,4.30,11.60"]


def test_sample_takeoff(kits):
    rows = {r["wall"]: r for r in kits["东庄村"].takeoff}
    # 南立面 18000 × 4200: a 2000 × 2700 door and four 1800 × 1500 windows at sill 900 (above the bands)
    red = (18000 * 810 - 2000 * 560) / M2
    openings = (2000 * 2700 + 4 * 1800 * 1500) / M2
    assert rows["南立面"] == {"wall": "南立面", "wall_m2": 75.6, "openings_m2": openings,
                            "red_m2": round(red, 2), "white_m2": round(75.6 - openings - red, 2)}
    assert rows[TOTAL]["wall_m2"] == 115.92  # 75.60 + 40.32 (东立面 9600 × 4200)
    assert kits["东庄村"].paint_csv.decode("utf-8-sig").splitlines()[0] == ",".join(HEADER)


# -- the main front -----------------------------------------------------------------------------
def test_main_front_is_the_first_wall_unless_one_says_main(samples, roles):
    two = """\
facade:
  walls:
    - {name: 围墙, length_mm: 12000, height_mm: 1400}
    - {name: 主房南立面, length_mm: 9600, height_mm: 3600, main: true}
"""
    profile = load(MINIMAL + two)
    kit = facade_kit(Context(profile, default_settings(), TextEngine(roles)))
    assert [w.main for w in kit.walls] == [False, True]
    assert kit.walls[1].flagpole_x == 4800 and kit.walls[0].flagpole_x is None
    assert [t.text for t in kit.drawings[1].page.texts if t.name == "flagpole-label"] == ["旗杆中心线"]
    assert not [t for t in kit.drawings[0].page.texts if t.name in ("flagpole-label", "center-name")]
    box = kit.walls[1].name_box
    assert box.text == "东庄村党员群众服务中心" and box.area.x + box.area.w / 2 == 4800
    first = facade_kit(Context(load(MINIMAL + two.replace(", main: true", "")), default_settings(),
                               TextEngine(roles)))
    assert [w.main for w in first.walls] == [True, False]


def test_two_main_fronts_are_an_error():
    # caught when the profile is validated, with the file and line of the second one
    with pytest.raises(ProfileError, match=r"村.yaml:8:53 facade.walls\[1\].main（主立面）：`walls\[0\]` 已经是主立面"):
        load(MINIMAL + """\
facade:
  walls:
    - {name: 南立面, length_mm: 9600, height_mm: 3600, main: true}
    - {name: 北立面, length_mm: 9600, height_mm: 3600, main: true}
""")


def test_main_front_column_in_the_workbook(tmp_path, samples):
    data = {"schema": "paigen/v1", "village": {"name": "东庄村", "township": "堂二里镇"},
            "facade": {"walls": [{"name": "围墙", "length_mm": 12000, "height_mm": 1400},
                                 {"name": "主房", "length_mm": 9600, "height_mm": 3600, "main": True}]}}
    shutil.copy(SAMPLES / "paigen.yaml", tmp_path)
    write_workbook([data], tmp_path / "村庄.xlsx")
    (profile,) = open_inputs(tmp_path / "村庄.xlsx").profiles
    assert [w.main for w in profile.facade.walls] == [False, True]


def test_name_box_stays_on_white_wall_clear_of_openings(kits):
    for kit in kits.values():
        for wall in kit.walls:
            box = wall.name_box
            if box is None:
                continue
            main = next(b for b in wall.bands if b.part == "main")
            assert main.bottom < box.area.y and box.area.top < main.top
            assert all(box.area.clip(h.area) is None for h in wall.holes)
            assert box.area.x + box.area.w / 2 == pytest.approx(wall.length / 2)
    # 小王庄村 marks its house front as the main front (main: true), not the 1.4 m yard wall first listed
    yard, house = kits["小王庄村"].walls
    assert not yard.main and yard.name_box is None
    assert house.main and house.name_box is not None


# -- the sheet ----------------------------------------------------------------------------------
def all_sheets(kits):
    return [(name, art, wall) for name, kit in kits.items() for art, wall in zip(kit.drawings, kit.walls,
                                                                                 strict=True)]


def test_sheets_are_a3_landscape_drawings_named_after_their_walls(kits):
    for _village, art, wall in all_sheets(kits):
        page = art.page
        assert (art.type, art.kind, art.name) == ("facade", "drawing", wall.name)
        assert (page.width, page.height, page.bleed) == (420, 297, 0)
        assert wall.scale in (50, 100, 200, 300)


def test_scale_is_the_largest_drawing_that_fits(kits):
    scales = {(v, w.name): w.scale for v, kit in kits.items() for w in kit.walls}
    assert scales[("东庄村", "南立面")] == 100  # 18 m is 360 mm at 1:50: wider than the drawing area
    assert scales[("东庄村", "东立面")] == 50
    assert scales[("康宁社区", "正立面")] == 100


def labels(art, side: str | None = None) -> list[str]:
    names = {f"dim-{side}-label"} if side else {f"dim-{s}-label" for s in ("left", "right", "above", "below")}
    return [t.text for t in art.page.texts if t.name in names]


def test_dimensions_give_every_band_opening_and_the_overall_sizes(kits):
    kit = kits["东庄村"]
    art = kit.drawings[0]
    assert labels(art, "left") == ["60", "250", "3270", "60", "60", "500", "4200"]  # top to bottom
    assert labels(art, "below") == ["2000", "1800", "800", "1800", "1600", "2000", "1600", "1800", "800",
                                    "1800", "2000", "18000"]
    assert labels(art, "right") == ["1500", "300", "1500", "900"]  # roof, door head, window head, sill
    assert labels(art, "above") == ["5250", "3750", "3750", "5250"]  # centre name box and the pole centre
    codes = [t.text for t in art.page.texts if t.name == "opening-label"]
    assert codes.count("C1\n1800×1500") == 4 and codes.count("M1\n2000×2700") == 1


def test_scaled_sheet_says_so(kits):
    art = kits["小王庄村"].drawings[0]
    assert labels(art, "left") == ["45", "190", "700", "45", "45", "375", "1400"]
    values = [t.text for t in art.page.texts if t.name == "value"]
    assert "1:50" in values and "按 0.753 缩放（色带合计占墙高 50%）" in values
    legend = " ".join(t.text for t in art.page.texts if t.name == "legend")
    assert "全部色带按 0.753 缩放" in legend and "标准色带宽度保持不变" in legend


def test_legend_and_title_block(kits):
    art = kits["东庄村"].drawings[0]
    legend = " ".join(t.text for t in art.page.texts if t.name == "legend")
    assert "C0 M100 Y100 K0" in legend and "C0 M0 Y0 K0" in legend
    assert "涂刷面积：红色 13.46 m²，白色 45.94 m²" in legend
    rows = dict(zip([t.text for t in art.page.texts if t.name == "key"],
                    [t.text for t in art.page.texts if t.name == "value"], strict=True))
    assert rows == {"图名": "外墙色带立面图（南立面）", "项目": "堂二里镇东庄村党员群众服务中心", "比例": "1:100",
                    "色带": "标准宽度", "日期": default_settings().kit_date.isoformat()}


def _sheet_dates(monkeypatch, epoch: str | None, county: str = ""):
    """The 日期 of the facade, centre-name and installation sheets of 东庄村, laid out afresh."""
    from paigen.layout.signs import sign_kit
    from paigen.model.settings import settings_from
    from paigen.sources.yamlfile import parse_yaml

    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    settings = settings_from(parse_yaml(county.encode(), "paigen.yaml") if county else None, None)
    inputs = open_inputs(SAMPLES)
    profile = next(p for p in inputs.profiles if p.name == "东庄村")
    ctx = Context(profile, settings, TextEngine(resolve_roles(settings)))
    arts = facade_kit(ctx).drawings + [a for a in sign_kit(ctx) if a.kind == "drawing"]
    assert {a.type for a in arts} == {"facade", "center-name", "installation"}
    dates = set()
    for art in arts:
        keys = [t.text for t in art.page.texts if t.name == "key"]
        values = [t.text for t in art.page.texts if t.name == "value"]
        dates.add(dict(zip(keys, values, strict=True))["日期"])
    return dates


def test_drawings_carry_the_kit_date(monkeypatch):
    import datetime as dt

    assert _sheet_dates(monkeypatch, None) == {dt.date.today().isoformat()}
    assert _sheet_dates(monkeypatch, "1700000000") == {"2023-11-14"}
    assert _sheet_dates(monkeypatch, "1700000000", "kit: {date: 2026-05-20}\n") == {"2026-05-20"}
    with pytest.raises(ProfileError, match=r"kit.date：「2026-13-01」不是日期（请写成 年-月-日 格式"):
        _sheet_dates(monkeypatch, None, "kit: {date: '2026-13-01'}\n")


def test_no_text_overlaps_another_and_all_stay_inside_the_frame(kits):
    for village, art, _wall in all_sheets(kits):
        texts = art.page.texts
        inner = art.page.trim.inset(art.safe_margin + 5)
        for t in texts:
            assert inner.contains(t.box), (village, art.name, t.text)
        for a, b in itertools.combinations(texts, 2):
            overlap_w = min(a.box.right, b.box.right) - max(a.box.x, b.box.x)
            overlap_h = min(a.box.bottom, b.box.bottom) - max(a.box.y, b.box.y)
            assert overlap_w <= 0.05 or overlap_h <= 0.05, (village, art.name, a.text, b.text)


def test_openings_labels_sit_inside_their_openings(kits):
    for _village, art, _wall in all_sheets(kits):
        openings = [i.box for i in art.page.items if getattr(i, "name", "").startswith("opening-")
                    and i.name in ("opening-door", "opening-window")]
        for text in (t for t in art.page.texts if t.name == "opening-label"):
            assert any(o.contains(text.box) for o in openings), text.text


# -- files --------------------------------------------------------------------------------------
@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="needs poppler-utils")
def test_pdf_is_a3_landscape_in_cmyk_only(kits, samples, tmp_path):
    art = kits["东庄村"].drawings[0]
    path = tmp_path / "南立面.pdf"
    path.write_bytes(render_pdf(art, samples.settings))
    info = subprocess.run(["pdfinfo", "-box", str(path)], check=True, capture_output=True, text=True).stdout
    x0, y0, x1, y1 = (float(v) / PT for v in re.search(r"TrimBox:\s+([\d.\s]+)$", info, re.M)[1].split())
    assert (x1 - x0, y1 - y0) == (pytest.approx(420, abs=0.2), pytest.approx(297, abs=0.2))
    ops = set()
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                assert "/DeviceRGB" not in repr(obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj)
        for operands, operator in pikepdf.parse_content_stream(pdf.pages[0]):
            ops.add(str(operator))
            if str(operator) in ("sc", "scn", "SC", "SCN"):
                assert len(operands) != 3
    assert not ops & {"rg", "RG"} and {"k", "K"} <= ops


def test_pngs_of_the_sample_walls(kits, samples, tmp_path):
    for village, art, _wall in all_sheets(kits):
        data = render_png(art, samples.settings)
        assert data.startswith(b"\x89PNG")
        (tmp_path / f"{village}-{art.name}.png").write_bytes(data)


def read_dxf(data: bytes):
    return ezdxf.read(io.StringIO(data.decode("utf-8")))


def hatch_area(hatch) -> float:
    total = 0.0
    for path in hatch.paths:
        pts = [(v[0], v[1]) for v in path.vertices]
        total += abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1],
                                                                              strict=True))) / 2
    return total


def test_dxf_audits_clean_in_millimetres_with_a_layer_per_kind(kits, samples):
    for village, kit in kits.items():
        for wall, row in zip(kit.walls, kit.takeoff, strict=False):
            doc = read_dxf(render_dxf(wall, samples.settings))
            auditor = doc.audit()
            assert not auditor.has_errors, (village, wall.name, [str(e) for e in auditor.errors])
            assert doc.header["$INSUNITS"] == 4
            layers = {layer.dxf.name for layer in doc.layers}
            assert {"OUTLINE", "OPENINGS", "DIMENSIONS", "TEXT", "BAND-party-red", "BAND-white"} <= layers
            msp = doc.modelspace()
            areas: dict[str, float] = {}
            for hatch in msp.query("HATCH"):
                areas[hatch.dxf.layer] = areas.get(hatch.dxf.layer, 0.0) + hatch_area(hatch)
            assert round(areas["BAND-party-red"] / M2, 2) == pytest.approx(row["red_m2"], abs=0.011)
            assert round(areas["BAND-white"] / M2, 2) == pytest.approx(row["white_m2"], abs=0.011)
            red = next(h for h in msp.query("HATCH") if h.dxf.layer == "BAND-party-red")
            assert red.rgb == (0xE6, 0x00, 0x12)  # the swatch's screen colour
            assert len(msp.query("DIMENSION")) >= len(wall.bands) + 1
            outline = msp.query('LWPOLYLINE[layer=="OUTLINE"]')[0]
            assert [tuple(p[:2]) for p in outline.get_points()] == [(0, 0), (wall.length, 0),
                                                                   (wall.length, wall.height), (0, wall.height)]


_DXF_SCRIPT = """
import hashlib
from paigen.backends.dxf import render_dxf
from paigen.layout.facade import wall_bands
from paigen.model.profile import Opening, Wall
from paigen.model.settings import default_settings
s = default_settings()
wall = Wall("南立面", 18000, 4200, (Opening("door", 8000, 2000, 2700),))
data = render_dxf(wall_bands(wall, s.section("facade"), scale=100, main=True, place="堂二里镇", center_name="东庄村"
                             "党员群众服务中心", name_spec=s.sign("center-name")), s)
print(hashlib.sha256(data).hexdigest())
"""


def test_dxf_is_byte_identical_across_runs_and_hash_seeds(tmp_path):
    def run(seed: str, epoch: str = "") -> str:
        env = {"PYTHONHASHSEED": seed, "PAIGEN_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
        if epoch:
            env["SOURCE_DATE_EPOCH"] = epoch
        return subprocess.run([sys.executable, "-c", _DXF_SCRIPT], check=True, capture_output=True,
                              text=True, env=env).stdout.strip()

    first = run("1")
    assert run("2") == first == run("3")
    assert run("1", epoch="1700000000") != first  # the stamped date follows SOURCE_DATE_EPOCH


def test_dxf_dates_come_from_source_date_epoch(settings, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    data = render_dxf(bands_of(Wall("南立面", 6000, 3000), settings), settings)
    # read the file's own header: ezdxf stamps $TDCREATE anew when it loads a file
    stamps = dict(re.findall(r"\$(TD\w+)\n 40\n([\d.]+)\n", data.decode()))
    # AutoCAD dates: the Julian day number of the date plus the fraction of the day since midnight
    julian = 2440588 + 1700000000 / 86400  # 2023-11-14T22:13:20Z
    for key in ("TDCREATE", "TDUCREATE", "TDUPDATE", "TDUUPDATE"):
        assert float(stamps[key]) == pytest.approx(julian, abs=1e-6), key
    assert "@ 2023-11-14T22:13:20+00:00" in data.decode()  # ezdxf's own marker
    assert data == render_dxf(bands_of(Wall("南立面", 6000, 3000), settings), settings)


def test_facade_walls_need_no_fonts(samples, kits):
    profile = next(p for p in samples.profiles if p.name == "东庄村")
    assert takeoff(facade_walls(profile, samples.settings)) == kits["东庄村"].takeoff


def test_kit_without_walls_is_empty(roles):
    kit = facade_kit(Context(load(MINIMAL), default_settings(), TextEngine(roles)))
    assert (kit.drawings, kit.walls, kit.takeoff, kit.paint_csv) == ([], [], [], b"")


def test_layout_does_not_import_ezdxf():
    code = ("import sys, paigen.layout.facade, paigen.layout.drawing; "
            "assert 'ezdxf' not in sys.modules, 'layout imported ezdxf'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_wall_too_long_for_any_scale_is_an_error(roles):
    profile = load(MINIMAL + "facade:\n  walls:\n    - {name: 长墙, length_mm: 200000, height_mm: 3000}\n")
    with pytest.raises(LayoutError, match=r"堂二里镇东庄村 长墙：墙面（200000 × 3000 mm）按 .* 任一比例都排不进"):
        facade_kit(Context(profile, default_settings(), TextEngine(roles)))


# -- the facade and the centre-name sheet agree -------------------------------------------------
def _front_and_sheet(roles, walls: str, village: str = "东庄村"):
    from paigen.layout.signs import sign_kit

    profile = load(MINIMAL.replace("东庄村", village) + "facade:\n  walls:\n" + walls)
    ctx = Context(profile, default_settings(), TextEngine(roles))
    kit = facade_kit(ctx)
    (sheet,) = [a for a in sign_kit(ctx) if a.type == "center-name"]
    return kit, sheet


def _dim_labels(art):
    return [t for t in art.page.texts if t.name.startswith("dim") and t.name.endswith("label")]


def test_centre_name_height_is_one_value_for_the_front_and_the_sheet(kits, samples, roles):
    from paigen.layout.signs import sign_kit

    for profile in samples.profiles:
        ctx = Context(profile, samples.settings, TextEngine(roles))
        (sheet,) = [a for a in sign_kit(ctx) if a.type == "center-name"]
        box = next(w.name_box for w in kits[profile.name].walls if w.main)
        assert sheet.meta["letter_mm"] == box.letter_mm and sheet.meta["gap_mm"] == box.gap_mm
        assert sheet.meta["lines"] == list(box.lines)
        notes = " ".join(t.text for t in sheet.page.texts if t.name == "note")
        assert f"字高 {box.letter_mm:.0f} mm" in notes and "与主立面立面图一致" in notes
    # 小王庄村's front has 590 mm clear above its windows: 550 mm letters on both drawings
    assert next(w.name_box for w in kits["小王庄村"].walls if w.main).letter_mm == 550


def test_a_name_too_long_for_the_front_goes_on_two_lines_before_it_shrinks(roles):
    kit, sheet = _front_and_sheet(roles, "    - {name: 南立面, length_mm: 6000, height_mm: 4200}\n")
    box = kit.walls[0].name_box
    # one line at 600 mm would be 11 × 600 + 10 × 90 = 7500 mm on a 6000 mm front
    assert box.lines == ("东庄村", "党员群众服务中心") and box.letter_mm == 600 and box.gap_mm == 90
    assert box.area.w == 8 * 600 + 7 * 90 and box.area.h == 2 * 600 + 90
    assert sheet.meta["lines"] == ["东庄村", "党员群众服务中心"] and sheet.meta["letter_mm"] == 600
    drawn = [t.text for t in kit.drawings[0].page.texts if t.name == "center-name"]
    assert drawn == ["东庄村", "党员群众服务中心"]
    # the 20.6 m name of a long village name: two lines on its 12 m front, figures apart
    long_name = "东西南北中前后左右上下村"
    kit, sheet = _front_and_sheet(roles, "    - {name: 南立面, length_mm: 12000, height_mm: 4500}\n", long_name)
    box = kit.walls[0].name_box
    assert len(box.lines) == 2 and box.letter_mm == 600
    assert_no_label_overlaps(sheet)


def assert_no_label_overlaps(art):
    labels = _dim_labels(art)
    for a, b in itertools.combinations(labels, 2):
        w = min(a.box.right, b.box.right) - max(a.box.x, b.box.x)
        h = min(a.box.bottom, b.box.bottom) - max(a.box.y, b.box.y)
        assert w <= 0.05 or h <= 0.05, (art.name, a.text, b.text)


def test_every_dimension_figure_is_a_multiple_of_the_building_step(kits, samples, roles):
    from paigen.layout.signs import sign_kit

    sheets = [art for _, art, _ in all_sheets(kits)]
    for profile in samples.profiles:
        sheets += [a for a in sign_kit(Context(profile, samples.settings, TextEngine(roles)))
                   if a.type == "center-name"]
    _, long_sheet = _front_and_sheet(roles, "    - {name: 南立面, length_mm: 7000, height_mm: 3300}\n",
                                     "东西南北中前后左右村")
    for art in [*sheets, long_sheet]:
        figures = [t.text for t in _dim_labels(art)]
        assert figures, art.name
        for figure in figures:
            assert float(figure) % 5 == 0, (art.name, figure)
        assert_no_label_overlaps(art)
