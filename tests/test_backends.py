"""PDF, SVG and PNG backends on hand-made scenes, checked with poppler, qpdf, Ghostscript and zbar."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pikepdf
import pytest
import segno
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from paigen.backends import RENDERERS, render_pdf, render_png, render_svg
from paigen.errors import PaigenError
from paigen.fonts.metrics import face_metrics
from paigen.layout.scene import Artwork, Box, Glyph, Page, QRCode, Rect, Slot, Stroke, Text
from paigen.layout.scene import Path as ScenePath
from paigen.model.settings import default_settings

SERIF = ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2)  # Noto Serif CJK SC, CFF
KAI = ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0)  # LXGW WenKai, TrueType
PT = 72 / 25.4
SVG = "{http://www.w3.org/2000/svg}"
TOOLS = ("pdfinfo", "pdffonts", "pdftotext", "pdftoppm", "qpdf", "gs")

pytestmark = [
    pytest.mark.skipif(not all(Path(f[0]).is_file() for f in (SERIF, KAI)),
                       reason="needs the Debian Noto CJK and LXGW WenKai fonts"),
    pytest.mark.skipif(not all(shutil.which(t) for t in TOOLS), reason="needs poppler-utils, qpdf, gs"),
]


# -- scenes -------------------------------------------------------------------------------
def line(text: str, face, size: float, x: float, baseline: float, color: str = "black",
         role: str = "body") -> Text:
    """Shape *text* upright on one baseline, as the layout would."""
    fm = face_metrics(*face)
    k = size / fm.upm
    glyphs, left = [], x
    for char in text:
        name = fm.glyph_name(char)
        advance = fm.advance(name) * size
        glyphs.append(Glyph(char, face, name, (k, 0.0, 0.0, -k, x, baseline), advance))
        x += advance
    return Text(text, role, size, color, tuple(glyphs), Box(left, baseline - size, x - left, size))


def turned(char: str, face, size: float, cx: float, cy: float, color: str = "black") -> Text:
    """Turn one glyph a quarter clockwise about (cx, cy), as vertical text does with dashes."""
    fm = face_metrics(*face)
    name = fm.glyph_name(char)
    k = size / fm.upm
    local = (k, 0.0, 0.0, -k, -fm.advance(name) * size / 2, (fm.ascent + fm.descent) / 2 * size)
    a, b, c, d, e, f = local
    matrix = (-b, a, -d, c, -f + cx, e + cy)  # the layout's quarter turn (0, 1, -1, 0, cx, cy) ∘ local
    return Text(char, "body", size, color, (Glyph(char, face, name, matrix, size),),
                Box(cx - size / 2, cy - size / 2, size, size))


def qr_modules(data: str) -> tuple[tuple[bool, ...], ...]:
    return tuple(tuple(bool(v) for v in row) for row in segno.make(data, error="m").matrix_iter(border=0))


def plaque() -> Artwork:
    """Build a 300 × 200 mm red plaque: ~45 CJK glyphs at five sizes in two faces, rules, a QR code."""
    items = (
        Rect(Box(10, 10, 280, 180), fill="white", stroke=Stroke("gold", 1.2), radius=4, name="panel"),
        line("中共东庄村支部委员会", SERIF, 22, 36, 52, "party-red", "title"),
        line("东庄村党员群众服务中心（试行）", KAI, 12, 36, 82, "party-red"),
        line("为人民服务 2020年 ABC", SERIF, 7, 36, 104),
        line("堂二里镇东庄村", SERIF, 5, 36, 118),
        turned("—", SERIF, 12, 200, 100),
        ScenePath((("M", 20, 140), ("L", 280, 140)), stroke=Stroke("rule-gray", 0.5, (2, 1))),
        # Two overlapping squares: non-zero winding fills the overlap, even-odd would punch it out.
        ScenePath((("M", 20, 150), ("L", 50, 150), ("L", 50, 180), ("L", 20, 180), ("Z",),
                   ("M", 30, 160), ("L", 60, 160), ("L", 60, 185), ("L", 30, 185), ("Z",)), fill="black"),
        QRCode(Box(240, 150, 36, 36), "https://example.org/dz", qr_modules("https://example.org/dz"), "black"),
        Slot(Box(250, 20, 30, 30), "emblem"),
    )
    return Artwork("plaque", "plaque-1", "吊牌 中共东庄村支部委员会", (Page(300, 200, 3, items, "party-red"),))


def two_pages() -> Artwork:
    """Build pages of different sizes and bleeds: every page needs its own boxes."""
    first = Page(210, 297, 3, (line("第一页", SERIF, 20, 20, 40),), "white")
    second = Page(600, 800, 5, (line("第二页", KAI, 60, 50, 120),), "gold")
    return Artwork("guide", "guide", "两页", (first, second))


def red_page() -> Artwork:
    return Artwork("test", "red", "红", (Page(100, 50, 3, (), "party-red"),))


def with_print(settings, **values):
    data = {**settings.data, "print": {**settings.data["print"], **values}}
    return dataclasses.replace(settings, data=data)


# -- tools --------------------------------------------------------------------------------
def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def settings():  # module-scoped, unlike conftest's, so the rendered files are shared
    return default_settings()


@pytest.fixture(scope="module")
def files(tmp_path_factory, settings):
    """Write the plaque in every format, once for the whole module."""
    folder = tmp_path_factory.mktemp("backends")
    art = plaque()
    out = {
        "outline.pdf": render_pdf(art, settings),
        "live.pdf": render_pdf(art, settings, text="live"),
        "marks.pdf": render_pdf(art, with_print(settings, crop_marks=True)),
        "pages.pdf": render_pdf(two_pages(), settings),
        "red.pdf": render_pdf(red_page(), settings),
        "outline.svg": render_svg(art, settings),
        "live.svg": render_svg(art, settings, text="live"),
        "trim.svg": render_svg(art, settings, viewport="trim"),
        "preview.png": render_png(art, settings),
    }
    for name, data in out.items():
        (folder / name).write_bytes(data)
    return folder


def boxes(pdf: Path, pages: int = 1) -> list[dict[str, tuple[float, ...]]]:
    """Read the page boxes from ``pdfinfo -box``, in mm."""
    text = run("pdfinfo", "-box", "-f", "1", "-l", str(pages), str(pdf))
    out: list[dict] = [{} for _ in range(pages)]
    for m in re.finditer(r"^Page\s+(\d+)\s+(\w+Box):\s+([\d.\s]+)$", text, re.M):
        out[int(m[1]) - 1][m[2]] = tuple(float(v) / PT for v in m[3].split())
    return out


def size(box: tuple[float, ...]) -> tuple[float, float]:
    return (box[2] - box[0], box[3] - box[1])


def contains(outer: tuple[float, ...], inner: tuple[float, ...]) -> bool:
    e = 1e-3
    return (outer[0] <= inner[0] + e and outer[1] <= inner[1] + e
            and outer[2] >= inner[2] - e and outer[3] >= inner[3] - e)


def font_rows(pdf: Path) -> list[list[str]]:
    return [row.split() for row in run("pdffonts", str(pdf)).splitlines()[2:]]


def raster(pdf: Path, dpi: float, gray: bool = False) -> Image.Image:
    """Rasterise page 1 of *pdf* (the whole MediaBox) with poppler."""
    args = ["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png"] + (["-gray"] if gray else [])
    data = subprocess.run([*args, str(pdf)], check=True, capture_output=True).stdout
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("L" if gray else "RGB")


def ink(image: Image.Image) -> Image.Image:
    """Mask where an image holds dark ink: pixels darker than mid grey."""
    return image.convert("L").point(lambda v: 255 if v < 128 else 0)


# -- PDF: page boxes ----------------------------------------------------------------------
def test_pdf_boxes_are_trim_and_bleed(files):
    (page,) = boxes(files / "outline.pdf")
    trim, bleed, media = page["TrimBox"], page["BleedBox"], page["MediaBox"]
    assert size(trim) == pytest.approx((300, 200), abs=0.2)
    assert size(bleed) == pytest.approx((306, 206), abs=0.2)
    assert bleed[0] == pytest.approx(trim[0] - 3, abs=0.2) and bleed[1] == pytest.approx(trim[1] - 3, abs=0.2)
    assert contains(media, bleed) and contains(bleed, trim)
    assert size(media) == pytest.approx((306, 206), abs=0.2)  # no marks: page = trim + 2 × bleed


def test_pdf_boxes_follow_each_page(files):
    first, second = boxes(files / "pages.pdf", pages=2)
    assert size(first["TrimBox"]) == pytest.approx((210, 297), abs=0.2)
    assert size(first["BleedBox"]) == pytest.approx((216, 303), abs=0.2)
    assert size(second["TrimBox"]) == pytest.approx((600, 800), abs=0.2)
    assert size(second["BleedBox"]) == pytest.approx((610, 810), abs=0.2)
    assert size(second["MediaBox"]) == pytest.approx((610, 810), abs=0.2)


def test_crop_marks_enlarge_the_page_and_stay_outside_the_bleed(files, settings):
    marks = settings.section("print")
    (page,) = boxes(files / "marks.pdf")
    trim, bleed, media = page["TrimBox"], page["BleedBox"], page["MediaBox"]
    margin = marks["crop_mark_offset_mm"] + marks["crop_mark_length_mm"] + 2
    assert size(trim) == pytest.approx((300, 200), abs=0.2)  # never scaled
    assert size(bleed) == pytest.approx((306, 206), abs=0.2)
    assert size(media) == pytest.approx((306 + 2 * margin, 206 + 2 * margin), abs=0.2)
    # Look at the page at 10 px/mm: ink outside the bleed is marks only, on the trim lines.
    px = 10
    image = ink(raster(files / "marks.pdf", 25.4 * px, gray=True))

    def at(x_mm: float, y_mm: float) -> tuple[float, float]:  # PDF mm → image pixels
        return ((x_mm - media[0]) * px, (media[3] - y_mm) * px)

    outside = image.copy()
    ImageDraw.Draw(outside).rectangle([*at(bleed[0], bleed[3]), *at(bleed[2], bleed[1])], fill=0)
    width, height = outside.size
    quadrants = [(0, 0, width // 2, height // 2), (width // 2, 0, width, height // 2),
                 (0, height // 2, width // 2, height), (width // 2, height // 2, width, height)]
    assert all(outside.crop(q).getbbox() for q in quadrants), "a corner has no crop marks"
    # Allowed: thin strips on the trim lines, from offset beyond the bleed to the page edge.
    start = 3 + marks["crop_mark_offset_mm"]
    (left, top), (right, bottom) = at(trim[0], trim[3]), at(trim[2], trim[1])
    gap, slack = start * px, 2
    draw = ImageDraw.Draw(outside)
    for x in (left, right):
        draw.rectangle([x - slack, 0, x + slack, top - gap], fill=0)
        draw.rectangle([x - slack, bottom + gap, x + slack, height], fill=0)
    for y in (top, bottom):
        draw.rectangle([0, y - slack, left - gap, y + slack], fill=0)
        draw.rectangle([right + gap, y - slack, width, y + slack], fill=0)
    assert outside.getbbox() is None, "ink outside the bleed that is not a crop mark"


# -- PDF: fonts, colours, validity --------------------------------------------------------
def test_outline_pdf_has_no_fonts_at_all(files):
    for name in ("outline.pdf", "marks.pdf", "pages.pdf", "red.pdf"):
        assert font_rows(files / name) == [], name
        assert "No syntax or stream encoding errors found" in run("qpdf", "--check", str(files / name))


def test_live_pdf_embeds_subsets_and_text_extracts(files):
    rows = font_rows(files / "live.pdf")
    assert len(rows) == 2  # one subset per face (Noto Serif CJK SC, LXGW WenKai)
    for row in rows:
        emb, sub, uni = row[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
    assert "No syntax or stream encoding errors found" in run("qpdf", "--check", str(files / "live.pdf"))
    text = run("pdftotext", str(files / "live.pdf"), "-")
    for expected in ("中共东庄村支部委员会", "东庄村党员群众服务中心（试行）", "为人民服务 2020年 ABC", "堂二里镇东庄村"):
        assert expected in text


def test_live_subsets_of_one_face_stay_apart(settings, tmp_path):
    # reportlab keeps one font per PostScript name: every subset needs a name of its own.
    bases = set()
    for i, words in enumerate(["综合服务站", "党支部办公室", "村史馆"]):
        art = Artwork("door-plate", f"p{i}", words, (Page(200, 80, 3, (line(words, SERIF, 20, 20, 40),)),))
        path = tmp_path / f"p{i}.pdf"
        path.write_bytes(render_pdf(art, settings, text="live"))
        assert run("pdftotext", str(path), "-").strip() == words
        (row,) = font_rows(path)
        bases.add(row[0].split("+", 1)[1])
    assert len(bases) == 3


def test_outline_pdf_has_no_text_to_extract(files):
    assert run("pdftotext", str(files / "outline.pdf"), "-").strip() == ""


RGB_OPERATORS = {"rg", "RG"}


@pytest.mark.parametrize("name", ["outline.pdf", "live.pdf", "marks.pdf", "pages.pdf"])
def test_pdf_uses_device_cmyk_only(files, name):
    colour_ops = set()
    with pikepdf.open(files / name) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                assert "/DeviceRGB" not in repr(obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj)
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                assert op not in RGB_OPERATORS, (op, operands)
                if op in ("sc", "scn", "SC", "SCN"):
                    assert len(operands) != 3, (op, operands)
                if op in ("k", "K", "g", "G"):
                    colour_ops.add(op)
    assert "k" in colour_ops


def test_party_red_page_inks_magenta_and_yellow_only(files):
    out = run("gs", "-q", "-o", "-", "-sDEVICE=inkcov", str(files / "red.pdf"))
    c, m, y, k = (float(v) for v in out.split()[:4])
    assert c == pytest.approx(0, abs=0.001) and k == pytest.approx(0, abs=0.001)
    assert m > 0.99 and y > 0.99


def test_pdf_metadata(files):
    info = run("pdfinfo", str(files / "live.pdf"))
    assert re.search(r"^Title:\s+吊牌 中共东庄村支部委员会$", info, re.M)
    assert re.search(r"^Author:\s+paigen \d", info, re.M)
    assert re.search(r"^Creator:\s+paigen \d", info, re.M)
    assert re.search(r"^Subject:\s+plaque$", info, re.M)


def test_qr_code_decodes(files):
    if not shutil.which("zbarimg"):
        pytest.skip("needs zbarimg (zbar-tools)")
    image = raster(files / "outline.pdf", 150)
    path = files / "qr.png"
    image.save(path)
    assert "QR-Code:https://example.org/dz" in run("zbarimg", "-q", str(path))


# -- SVG ----------------------------------------------------------------------------------
def test_svg_is_millimetres_with_bleed_in_the_view_box(files):
    root = ET.parse(files / "outline.svg").getroot()
    assert (root.get("width"), root.get("height")) == ("306mm", "206mm")
    assert root.get("viewBox") == "-3 -3 306 206"
    assert root.find(f"{SVG}title").text == "吊牌 中共东庄村支部委员会"
    assert [g.get("id") for g in root.findall(f"{SVG}g")] == ["background", "artwork"]
    trim = ET.parse(files / "trim.svg").getroot()
    assert (trim.get("width"), trim.get("height"), trim.get("viewBox")) == ("300mm", "200mm", "0 0 300 200")


def test_svg_keeps_swatches_beside_screen_colours(files, settings):
    root = ET.parse(files / "outline.svg").getroot()
    painted = [e for e in root.iter() if e.get("fill") not in (None, "none")]
    assert len(painted) >= 8
    for element in painted:
        swatch = settings.swatch(element.get("data-swatch"))
        assert element.get("fill") == swatch.rgb
        assert element.get("data-cmyk") == ",".join(f"{v:g}" for v in swatch.cmyk)
    stroked = [e for e in root.iter() if e.get("stroke")]
    assert stroked and all(e.get("data-stroke-cmyk") for e in stroked)
    background = root.find(f"{SVG}g[@id='background']/{SVG}rect")
    assert background.get("data-cmyk") == "0,100,100,0"
    assert [background.get(k) for k in ("x", "y", "width", "height")] == ["-3", "-3", "306", "206"]
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


def test_svg_text_groups(files):
    root = ET.parse(files / "outline.svg").getroot()
    texts = [g for g in root.iter(f"{SVG}g") if g.get("data-text")]
    assert [g.get("data-text") for g in texts][:2] == ["中共东庄村支部委员会", "东庄村党员群众服务中心（试行）"]
    title = texts[0]
    assert title.get("data-role") == "title"
    paths = title.findall(f"{SVG}path")
    assert len(paths) == 10 and all(p.get("transform").startswith("matrix(") for p in paths)
    live = ET.parse(files / "live.svg").getroot()
    chars = [t.text for t in live.iter(f"{SVG}text")]
    assert "".join(chars).startswith("中共东庄村支部委员会东庄村党员群众服务中心（试行）")
    first = next(live.iter(f"{SVG}text"))
    assert first.get("font-family") == "'Noto Serif CJK SC'" and first.get("font-size") == "1000"


# -- PNG ----------------------------------------------------------------------------------
def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_png_preview_is_the_trim_at_150_px_per_100_mm(files, settings):
    data = (files / "preview.png").read_bytes()
    assert png_size(data) == (450, 300)
    with Image.open(io.BytesIO(data)) as image:
        rgb = image.convert("RGB")
    assert rgb.getpixel((4, 4)) == (0xE6, 0x00, 0x12)  # party red reaches the trim edge
    assert rgb.getpixel((225, 200)) == (255, 255, 255)  # the white panel
    assert ink(rgb).getbbox() is not None


def test_png_size_rounds_to_whole_pixels(settings):
    art = Artwork("t", "t", "t", (Page(123.4, 55.5, 3, (), "gold"),))
    assert png_size(render_png(art, settings)) == (185, 83)


# -- all backends -------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["pdf", "svg", "png"])
def test_same_scene_gives_same_bytes(settings, fmt):
    render = RENDERERS[fmt]
    assert render(plaque(), settings) == render(plaque(), settings)
    if fmt != "png":
        assert render(plaque(), settings, text="live") == render(plaque(), settings, text="live")


def test_pdf_and_svg_draw_the_same_picture(files, settings):
    """Ink masks of the trim agree: PDF by poppler and SVG by cairo, outline and live text."""
    px = 10
    masks = {}
    for mode in ("outline", "live"):
        page = raster(files / f"{mode}.pdf", 25.4 * px)
        masks[f"{mode}.pdf"] = ink(page.crop((3 * px, 3 * px, 303 * px, 203 * px)))
        svg = render_svg(plaque(), settings, text=mode, viewport="trim")
        # librsvg resolves live text through fontconfig by family and CSS weight, as Inkscape and
        # browsers do (cairosvg's toy font API knows only normal and bold).
        png = subprocess.run(["rsvg-convert", "-w", str(300 * px), "-h", str(200 * px), "-b", "white"],
                             input=svg, capture_output=True, check=True).stdout
        with Image.open(io.BytesIO(png)) as image:
            masks[f"{mode}.svg"] = ink(image.convert("RGB"))
    reference = masks["outline.pdf"]
    for name, mask in masks.items():
        # Rasterisers antialias edges their own way (poppler hints live text): allow 1 px.
        assert stray(mask, reference) < 1e-4 and stray(reference, mask) < 1e-4, name


def stray(a: Image.Image, b: Image.Image) -> float:
    """Measure the share of pixels inked in mask *a* and more than 1 px from ink in mask *b*."""
    histogram = ImageChops.subtract(a, b.filter(ImageFilter.MaxFilter(3))).histogram()
    return 1 - histogram[0] / (a.size[0] * a.size[1])


def test_live_text_outlines_glyphs_it_cannot_write_as_characters(settings, tmp_path):
    # A vertical-form glyph standing for '（': the character maps to another glyph.
    fm = face_metrics(*SERIF)
    k = 20 / fm.upm
    glyph = Glyph("（", SERIF, fm.glyph_name("︵"), (k, 0, 0, -k, 10, 30), 20)
    art = Artwork("t", "t", "t", (Page(60, 60, 3, (Text("（", "body", 20, "black", (glyph,), Box(10, 10, 20, 20)),)),))
    path = tmp_path / "vertical.pdf"
    path.write_bytes(render_pdf(art, settings, text="live"))
    assert font_rows(path) == []
    assert ink(raster(path, 72)).getbbox() is not None
    svg = ET.fromstring(render_svg(art, settings, text="live"))
    assert not list(svg.iter(f"{SVG}text")) and len(list(svg.iter(f"{SVG}path"))) == 1


def test_unknown_text_mode_names_the_choices(settings):
    with pytest.raises(PaigenError, match="不是文字模式"):
        render_pdf(red_page(), settings, text="outlines")
    with pytest.raises(PaigenError, match="不是文字模式"):
        render_svg(red_page(), settings, text="curves")


def test_renderers_table():
    assert set(RENDERERS) == {"pdf", "svg", "png"}
    assert (RENDERERS["pdf"], RENDERERS["svg"], RENDERERS["png"]) == (render_pdf, render_svg, render_png)


def test_empty_text_and_slot_draw_nothing(settings, tmp_path):
    art = Artwork("t", "t", "t", (Page(50, 50, 0, (Slot(Box(0, 0, 50, 50), "emblem"),
                                                    Rect(Box(10, 10, 5, 5), fill="black"))),))
    path = tmp_path / "slot.pdf"
    path.write_bytes(render_pdf(art, settings))
    (page,) = boxes(path)
    assert page["BleedBox"] == pytest.approx(page["TrimBox"], abs=0.01)  # bleed 0: outdoor prints
    assert ink(raster(path, 254)).getbbox() == pytest.approx((100, 100, 150, 150), abs=1)
