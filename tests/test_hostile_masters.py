"""County masters as a hostile or careless designer makes them: broken and booby-trapped PDFs,
SVG transforms, slot templates and image slots. Each is refused with the file and the fix —
never a traceback, a hang or gigabytes of memory. The bombs run in a subprocess limited to
1 GiB of address space (RLIMIT_AS) and 120 s."""

from __future__ import annotations

import io
import os
import resource
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from paigen.backends._pdffonts import null_font
from paigen.errors import PaigenError
from paigen.inputs import open_inputs
from paigen.masters import read_master

from conftest import SAMPLES

PT = 72 / 25.4
GIB = 1 << 30
SLOTS = """\
size_mm: [600, 800]
bleed_mm: 5
master: board.{ext}
slots:
  - {{name: title, box_mm: [40, 25, 520, 95], text: "{text}", font: title, color: white}}
"""
PICTURE_SLOT = "  - {{name: pic, box_mm: [40, 200, 520, 400], image: '{value}'}}\n"
SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="610mm" height="810mm" viewBox="0 0 610 810">
<rect id="ground" x="0" y="0" width="610" height="810" fill="#FCEBE6"/>{extra}
</svg>"""


def good_pdf() -> bytes:
    """A CMYK 600 × 800 board with 5 mm bleed and a TrimBox: a master that passes."""
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(610 * PT, 810 * PT), invariant=1, initialFontName=null_font())
    c.setTrimBox((5 * PT, 5 * PT, 605 * PT, 805 * PT))
    c.setFillColorCMYK(0, 1, 1, 0)
    c.rect(0, 0, 610 * PT, 810 * PT, stroke=0, fill=1)
    c.showPage()
    c.save()
    return buffer.getvalue()


def edited(edit, **save) -> bytes:
    pdf = pikepdf.open(io.BytesIO(good_pdf()))
    edit(pdf)
    out = io.BytesIO()
    pdf.save(out, **save)
    return out.getvalue()


def county(tmp_path: Path, ext: str, artwork: bytes, text: str = "{{ board.title }}", extra: str = "") -> Path:
    """A one-village county whose board master is *artwork*."""
    folder = tmp_path / "county"
    folder.mkdir()
    shutil.copy(SAMPLES / "paigen.yaml", folder)
    shutil.copy(SAMPLES / "东庄村.yaml", folder)
    (folder / "masters").mkdir()
    (folder / "masters" / "board.yaml").write_text(SLOTS.format(ext=ext, text=text) + extra, "utf-8")
    (folder / "masters" / f"board.{ext}").write_bytes(artwork)
    return folder


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


def check(folder: Path, build: bool = False) -> str:
    """`paigen master check` (or `build`) under 1 GiB; the clean refusal's output."""
    if build:
        args = ["build", str(folder), "-o", str(folder.parent / "out"), "--only", "signs", "-j", "1"]
    else:
        args = ["master", "check", str(folder / "masters"), str(folder), "-o", str(folder.parent / "proof.pdf")]
    done = subprocess.run(
        [sys.executable, "-m", "paigen", *args],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, (done.returncode, output)
    assert "Traceback" not in output and "MemoryError" not in output, output
    return output


# -- PDF masters -----------------------------------------------------------------------------
def _no_pages() -> bytes:
    out = io.BytesIO()
    pikepdf.new().save(out)
    return out.getvalue()


def _trim(value):
    def edit(pdf):
        pdf.pages[0].obj.TrimBox = pikepdf.Array(value)

    return edit


def _rotate(pdf):
    pdf.pages[0].obj.Rotate = pikepdf.Name.Foo


def _huge_media() -> bytes:
    def edit(pdf):
        pdf.pages[0].obj.MediaBox = pikepdf.Array([0, 0, 777, 777])

    big = b"1" + b"0" * 30 + b".0"  # 1e30 as a PDF real
    data = edited(edit).replace(b"/MediaBox [ 0 0 777 777 ]", b"/MediaBox [ 0 0 " + big + b" " + big + b" ]")
    assert big in data
    return data


def _nested(pdf):
    inner = None
    for i in range(3000):
        resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F=inner)) if inner is not None else {}
        inner = pdf.make_stream(
            b"/F Do" if i else b"0 0 0 1 k",
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Form,
            BBox=[0, 0, 10, 10],
            Resources=pikepdf.Dictionary(resources),
        )
    pdf.pages[0].obj.Resources.XObject = pikepdf.Dictionary(F=inner)
    pdf.pages[0].contents_add(pdf.make_stream(b"/F Do"))


def _inflating(pdf):
    """1.5 GB of drawing instructions in a few MB of Flate."""
    packer = zlib.compressobj(9)
    chunk = b"0 0 0 1 k\n" * 100_000
    data = b"".join(packer.compress(chunk) for _ in range(1500)) + packer.flush()
    stream = pdf.make_stream(b"")
    stream.write(data, filter=pikepdf.Name.FlateDecode)
    pdf.pages[0].obj.Contents = stream


PDF_CASES = {
    "zero-pages": (_no_pages, ["board.pdf", "没有页面"]),
    "trimbox-names": (lambda: edited(_trim([0, 0, pikepdf.Name.a, pikepdf.Name.b])), ["TrimBox", "[ 0 0 /a /b ]"]),
    "trimbox-two": (lambda: edited(_trim([0, 0])), ["TrimBox", "不是 [x0 y0 x1 y1] 四个数字"]),
    "rotate-name": (lambda: edited(_rotate), ["/Rotate 为 /Foo", "请按正向导出"]),
    "mediabox-1e30": (_huge_media, ["MediaBox", "超过 PDF 页面的最大尺寸"]),
    "encrypted": (
        lambda: edited(lambda p: None, encryption=pikepdf.Encryption(owner="o", user="secret")),
        ["密码", "安全性"],
    ),
    "nested-forms": (lambda: edited(_nested), ["嵌套超过 32 层", "PDF/X-1a"]),
    "unreadable": (lambda: b"%PDF-1.4\nno pdf at all\n", ["不是可读取的 PDF", "请重新把母版导出为 PDF"]),
}


@pytest.mark.parametrize("case", PDF_CASES)
def test_broken_pdf_master_is_refused_with_file_and_fix(tmp_path, case):
    make, words = PDF_CASES[case]
    folder = county(tmp_path, "pdf", make())
    output = check(folder)
    assert "masters/board.pdf" in output
    for word in words:
        assert word in output, output
    assert "BytesIO" not in output and "0x" not in output


def test_pdf_master_inflating_to_gigabytes_is_refused_within_1_gib(tmp_path):
    data = edited(_inflating)
    assert len(data) < 4_000_000
    output = check(county(tmp_path, "pdf", data))
    assert "masters/board.pdf" in output and "解压后超过 64 MB" in output


def test_master_above_the_size_limit_is_refused_before_it_is_read(tmp_path):
    def big(pdf):
        image = pdf.make_stream(
            os.urandom(40 << 20),
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Image,
            Width=3620,
            Height=2896,
            ColorSpace=pikepdf.Name.DeviceCMYK,
            BitsPerComponent=8,
        )
        pdf.pages[0].obj.Resources.XObject = pikepdf.Dictionary(Im=image)
        pdf.pages[0].contents_add(pdf.make_stream(b"q 100 0 0 100 0 0 cm /Im Do Q"))

    folder = county(tmp_path, "pdf", edited(big))
    output = check(folder, build=True)  # the whole build ends cleanly, each village says why
    assert "masters/board.pdf：文件大小为 40.0 MB，超过上限 32 MB" in output
    assert "limits.master_mb" in output


# -- SVG masters and slot templates ------------------------------------------------------------
def test_svg_transform_scale_1e300_is_refused_by_id(tmp_path):
    svg = SVG.format(extra='<rect id="huge" transform="scale(1e300)" width="10" height="10" fill="#E60012"/>')
    output = check(county(tmp_path, "svg", svg.encode()))
    assert "masters/board.svg" in output and "ID 为 huge 的对象远在页面之外" in output


@pytest.mark.parametrize("text", ["{{ 'x' * 10**9 }}", "{{ 'x' * 10**7 }}", "{{ (['x'] * 10**8) | join }}"])
def test_slot_template_bombs_are_refused_by_the_shared_sandbox(tmp_path, text):
    output = check(county(tmp_path, "svg", SVG.format(extra="").encode(), text=text))
    assert "masters/board.yaml:5 槽位「title」：槽位模板中不允许这样写" in output


def test_documents_and_masters_share_one_sandbox():
    from paigen._sandbox import Sandbox
    from paigen.docs._templates import environment
    from paigen.masters._templates import environment as slot_environment

    assert isinstance(environment(), Sandbox) and isinstance(slot_environment(), Sandbox)


# -- image slots -----------------------------------------------------------------------------
def _picture_county(tmp_path: Path, value: str) -> Path:
    return county(tmp_path, "svg", SVG.format(extra="").encode(), extra=PICTURE_SLOT.format(value=value))


@pytest.mark.parametrize(("side", "words"), [(20000, "百万像素"), (13000, "13000 × 13000 px")])
def test_huge_picture_is_refused_before_it_is_decoded(tmp_path, side, words):
    folder = _picture_county(tmp_path, "pic.png")
    Image.new("1", (side, side)).save(folder / "pic.png", optimize=True)
    assert (folder / "pic.png").stat().st_size < 30_000_000
    output = check(folder)
    assert "masters/board.yaml:6 槽位「pic」" in output and words in output and "上限" in output


def test_huge_picture_ends_the_build_cleanly(tmp_path):
    folder = _picture_county(tmp_path, "pic.png")
    Image.new("1", (20000, 20000)).save(folder / "pic.png", optimize=True)
    output = check(folder, build=True)
    assert "槽位「pic」" in output and "百万像素" in output


def test_picture_that_is_a_fifo_does_not_hang(tmp_path):
    folder = _picture_county(tmp_path, "pic.png")
    os.mkfifo(folder / "pic.png")
    output = check(folder)
    assert "槽位「pic」" in output and "不是普通文件" in output


@pytest.mark.parametrize("where", ["parent", "absolute", "link"])
def test_picture_outside_the_county_folder_is_refused(tmp_path, where):
    outside = tmp_path / "outside.png"
    Image.new("RGB", (40, 40), "red").save(outside)
    value = {"parent": "../outside.png", "absolute": str(outside), "link": "inside.png"}[where]
    folder = _picture_county(tmp_path, value)
    if where == "link":
        (folder / "inside.png").symlink_to(outside)
    output = check(folder)
    assert "槽位「pic」" in output and "县文件夹之外" in output


def test_picture_inside_the_county_folder_is_placed(tmp_path):
    from paigen.fonts import resolve_roles
    from paigen.layout.scene import Image as SceneImage
    from paigen.layout.signs import SIGN_TYPES, Context
    from paigen.layout.text import TextEngine
    from paigen.masters._master import master_artwork

    folder = _picture_county(tmp_path, "photos/pic.png")
    (folder / "photos").mkdir()
    Image.new("RGB", (400, 300), "red").save(folder / "photos" / "pic.png")
    inputs = open_inputs(folder)
    master = read_master(folder / "masters" / "board.yaml", inputs.settings)
    ctx = Context(inputs.profiles[0], inputs.settings, TextEngine(resolve_roles(inputs.settings)))
    art = master_artwork(ctx, SIGN_TYPES["board"](ctx)[0], master)
    placed = [i for i in art.page.items if isinstance(i, SceneImage)]
    assert len(placed) == 1 and abs(placed[0].box.w / placed[0].box.h - 4 / 3) < 0.01


def test_read_master_turns_memory_errors_into_a_message(tmp_path, monkeypatch):
    import paigen.masters._master as module

    folder = county(tmp_path, "pdf", good_pdf())
    settings = open_inputs(folder).settings

    def boom(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(module, "read_pdf_master", boom)
    with pytest.raises(PaigenError, match=r"masters/board\.yaml：图稿过大或嵌套过深，无法读取"):
        read_master(folder / "masters" / "board.yaml", settings)


def test_good_pdf_master_still_reads(tmp_path):
    folder = county(tmp_path, "pdf", good_pdf())
    master = read_master(folder / "masters" / "board.yaml", open_inputs(folder).settings)
    assert master.kind == "pdf" and abs(master.pdf.trim[2] - master.pdf.trim[0] - 600 * PT) < 0.01


@pytest.mark.parametrize("value", ["pic\x00.png", "x" * 5000])
def test_picture_name_that_is_no_file_name_is_refused(tmp_path, value):
    from paigen.masters._gate import picture_file

    with pytest.raises(PaigenError, match="不是文件名"):
        picture_file(value, tmp_path, "masters/board.yaml:6 slots 'pic'")
