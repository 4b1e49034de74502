"""PDF/X-1a:2003 identification of print PDFs and `paigen preflight` on good and bad PDFs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zlib

import pikepdf
import pytest

from paigen.preflight import preflight

from conftest import MINIMAL

PROFILE = MINIMAL + """\
center:
  rooms:
    - {name: 党员活动室, floor: 1, party: true, boards: [入党誓词]}
    - {name: 综合服务站, floor: 1, also: [便民服务室]}
"""


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "paigen", *map(str, args)], capture_output=True,
                          text=True, env=env)


@pytest.fixture(scope="module")
def pdfx_kit(tmp_path_factory):
    county = tmp_path_factory.mktemp("county")
    (county / "paigen.yaml").write_text("schema: paigen/v1\npreset: bazhou-2020\nprint:\n  pdfx: true\n",
                                        "utf-8")
    (county / "东庄村.yaml").write_text(PROFILE, "utf-8")
    out = tmp_path_factory.mktemp("out")
    done = run("build", county, "-o", out, "--only", "signs", "--only", "facade", "-j", "1")
    assert done.returncode == 0, done.stderr
    return out


def kit_pdfs(out):
    return sorted(p for p in out.rglob("*.pdf") if p.parent.name in ("signs", "drawings", "facade"))


def test_print_pdfs_are_identified_as_pdfx(pdfx_kit):
    pdfs = kit_pdfs(pdfx_kit)
    assert len(pdfs) > 10
    for pdf in pdfs:
        assert preflight(pdf) == [], pdf
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "PDF subtype:    PDF/X-1a:2003" in info and re.search(r"PDF version: +1.4", info), info  # poppler sees the subtype
        subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, check=True)
        with pikepdf.open(pdf) as doc:
            (intent,) = doc.Root.OutputIntents
            assert intent.S == "/GTS_PDFX" and str(intent.OutputConditionIdentifier)
            assert intent.DestOutputProfile.read_bytes()[16:20] == b"CMYK"
            assert str(doc.docinfo["/GTS_PDFXVersion"]) == "PDF/X-1a:2003"
            assert doc.docinfo["/Trapped"] == pikepdf.Name("/False")
            assert "/ID" in doc.trailer
            for page in doc.pages:
                assert "/TrimBox" in page.obj and "/BleedBox" in page.obj
    # Ghostscript renders them (inkcov reports CMYK coverage per page).
    gs = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=inkcov", "-o", "-", *map(str, pdfs[:6])],
                        capture_output=True, text=True)
    assert gs.returncode == 0 and gs.stdout.count("CMYK OK") >= 6, gs.stderr
    manifest = json.loads(next(pdfx_kit.rglob("*/manifest.json")).read_text("utf-8"))
    assert {a.get("pdfx") for a in manifest["artifacts"] if a["format"] == "pdf"} == {"PDF/X-1a:2003"}


def test_preflight_command_passes_paigen_output(pdfx_kit):
    pdfs = kit_pdfs(pdfx_kit)[:3]
    done = run("preflight", *pdfs)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("符合 PDF/X-1a:2003 规则") == 3


def _good(pdfx_kit) -> bytes:
    return next(p for p in kit_pdfs(pdfx_kit) if p.name.startswith("door-plate-1-")).read_bytes()


def _append(pdf: pikepdf.Pdf, ops: bytes) -> None:
    page = pdf.pages[0]
    page.contents_add(pdf.make_stream(ops), prepend=False)


def _rgb_image(pdf):
    image = pdf.make_stream(zlib.compress(b"\xff\x00\x00" * 4), Type=pikepdf.Name.XObject,
                            Subtype=pikepdf.Name.Image, Width=2, Height=2, BitsPerComponent=8,
                            ColorSpace=pikepdf.Name.DeviceRGB, Filter=pikepdf.Name.FlateDecode)
    pdf.pages[0].add_resource(image, pikepdf.Name.XObject, pikepdf.Name("/ImRGB"))
    _append(pdf, b"q 20 0 0 20 10 10 cm /ImRGB Do Q")
    return ("/XObject", "/ImRGB")


def _transparency(pdf):
    state = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=0.5))
    pdf.pages[0].add_resource(state, pikepdf.Name.ExtGState, pikepdf.Name("/GSHalf"))
    _append(pdf, b"q /GSHalf gs 0 0 0 1 k 0 0 10 10 re f Q")
    return ("/ExtGState", "/GSHalf")


def _no_trimbox(pdf):
    del pdf.pages[0].obj["/TrimBox"]
    return ()


def _unembedded_font(pdf):
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    pdf.pages[0].add_resource(font, pikepdf.Name.Font, pikepdf.Name("/FHelv"))
    _append(pdf, b"BT /FHelv 12 Tf 10 10 Td (paigen) Tj ET")
    return ("/Font", "/FHelv")


@pytest.mark.parametrize(("spoil", "message"), [
    (_rgb_image, "image /ImRGB {ref}：RGB 图像（请转换为 CMYK）"),
    (_transparency, "ExtGState /GSHalf {ref}：不透明度 ca 为 0.5（透明效果；请用 1）"),
    (_no_trimbox, "page object {ref}：缺少裁切框 `TrimBox`（请把成品尺寸设为 `TrimBox`）"),
    (_unembedded_font, "font /FHelv {ref}：字体 Helvetica 未嵌入"),
])
def test_preflight_names_page_and_object_of_each_breach(pdfx_kit, tmp_path, spoil, message):
    import io

    with pikepdf.open(io.BytesIO(_good(pdfx_kit))) as pdf:
        keys = spoil(pdf)
        bad = tmp_path / "bad.pdf"
        pdf.save(bad, deterministic_id=True)
    with pikepdf.open(bad) as pdf:  # objects are renumbered on saving
        obj = pdf.pages[0].obj
        if keys:
            obj = obj.Resources[keys[0]][keys[1]]
        ref = "{} {} R".format(*obj.objgen)
    assert preflight(bad.read_bytes()) and len(preflight(bad)) == 1
    done = run("preflight", bad)
    assert done.returncode == 1
    assert "1 处不符合 PDF/X-1a" in done.stderr
    assert f"第 1 页：{message.format(ref=ref)}" in done.stderr, done.stderr


def test_preflight_rejects_a_plain_pdf_and_a_non_pdf(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    plain = tmp_path / "plain.pdf"
    canvas = Canvas(str(plain), invariant=1)
    canvas.setFillColorRGB(1, 0, 0)
    canvas.rect(10, 10, 50, 50, fill=1)
    canvas.showPage()
    canvas.save()
    text = "\n".join(str(b) for b in preflight(plain))
    assert "缺少 `GTS_PDFXVersion`（应为 PDF/X-1a:2003）" in text
    assert "有 0 个 `GTS_PDFX` 输出意图" in text
    assert "第 1 页：page content：RGB 填充色（`rg`）（请用 `DeviceCMYK`）" in text
    assert "第 1 页：page object" in text and "缺少裁切框 `TrimBox`" in text
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf")
    done = run("preflight", junk)
    assert done.returncode == 1 and "不是可读取的 PDF 文件" in done.stderr


def test_missing_output_profile_is_a_clear_error(tmp_path):
    county = tmp_path / "county"
    county.mkdir()
    (county / "paigen.yaml").write_text(
        "schema: paigen/v1\nprint:\n  pdfx: true\n  pdfx_output_intents:\n"
        "    - {file: nowhere.icc, condition: FOGRA39, info: x, registry: http://www.color.org}\n", "utf-8")
    (county / "东庄村.yaml").write_text(MINIMAL, "utf-8")
    done = run("build", county, "-o", tmp_path / "out", "--only", "signs", "-j", "1")
    assert done.returncode == 1
    assert "未安装 CMYK 输出特性文件" in done.stderr and "nowhere.icc" in done.stderr
