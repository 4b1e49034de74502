"""PDF masters (Illustrator, InDesign, CorelDRAW exports): checked, then drawn under the slots.

The master's first page becomes a form XObject — its vector content, fonts and images stay as
they are — placed so that its trim meets the trim of the slot layer drawn by the PDF backend;
the page keeps the backend's TrimBox and BleedBox, which are the slot file's.
"""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path as FsPath

import pikepdf

from paigen.errors import PaigenError
from paigen.i18n import N_, _
from paigen.masters._gate import read_master_bytes
from paigen.masters._pdfcheck import colour_problems, stream_problems
from paigen.masters._slots import SlotFile
from paigen.sources._gate import DEFAULT, Limits

PT = 72 / 25.4
TOLERANCE_MM = 0.5


@dataclass(frozen=True)
class PdfPage:
    """What a build needs of a PDF master: its bytes, and where its trim lies on its page (pt)."""

    data: bytes
    trim: tuple[float, float, float, float]  # x0, y0, x1, y1
    clip: tuple[float, float, float, float]  # the artwork kept: trim + bleed
    media: tuple[float, float, float, float]


def read_pdf_master(file: FsPath, slots: SlotFile, label: str, limits: Limits = DEFAULT) -> PdfPage:
    """Check a PDF master against its slot file and the print rules; raise with every problem."""
    data = read_master_bytes(file, label, limits)
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise PaigenError(_("{file}: the PDF is protected by a password; {fix}", file=label,
                            fix=_(FIX_PASSWORD))) from None
    except pikepdf.PdfError as exc:
        raise PaigenError(_("{file}: not a readable PDF ({error}); export the master again as PDF",
                            file=label, error=_reason(exc))) from None
    with pdf:
        if pdf.is_encrypted:
            raise PaigenError(_("{file}: the PDF is encrypted (security settings); {fix}",
                                file=label, fix=_(FIX_PASSWORD)))
        if len(pdf.pages) == 0:
            raise PaigenError(_("{file}: the PDF has no page; export the master's artboard as a "
                                "one-page PDF", file=label))
        page = pdf.pages[0]
        bomb = stream_problems(page)
        if bomb:
            raise PaigenError(_("{file} cannot be used as a master: page 1 {problem}", file=label,
                                problem=bomb))
        problems: list[str] = []
        media = _box(page.obj, "/MediaBox", problems)
        trim = _box(page.obj, "/TrimBox", problems) if "/TrimBox" in page.obj else None
        rotate = page.obj.get("/Rotate", 0)
        if not isinstance(rotate, int) or isinstance(rotate, bool):
            problems.append(_("page 1: {key} is {rotate} (not a whole number of degrees); export "
                              "it upright", key="/Rotate", rotate=rotate))
        elif int(rotate) % 360:
            problems.append(_("page 1: the page is rotated ({key}); export it upright", key="/Rotate"))
        if media is None:
            raise PaigenError(_("{file} cannot be used as a master:\n{problems}", file=label,
                                problems="\n".join(f"  {label} {p}" for p in problems)))
        problems += colour_problems(page, 1)
    has_trim = trim is not None
    if trim is None:
        # no TrimBox: the page is trim + bleed, as the slot file says
        b = slots.bleed * PT
        trim = [media[0] + b, media[1] + b, media[2] - b, media[3] - b]
    w, h = (trim[2] - trim[0]) / PT, (trim[3] - trim[1]) / PT
    if abs(w - slots.width) > TOLERANCE_MM or abs(h - slots.height) > TOLERANCE_MM:
        fields = {"w": f"{w:.1f}", "h": f"{h:.1f}", "file": slots.file,
                  "size": f"[{slots.width:g}, {slots.height:g}]"}
        if has_trim:
            problems.append(_("page 1: the trim box ({box}) is {w} × {h} mm but {file} says size_mm "
                              "{size} (keep the trim size, or change size_mm)", box="TrimBox",
                              **fields))
        else:
            problems.append(_("page 1: the page minus the bleed is {w} × {h} mm but {file} says "
                              "size_mm {size} (keep the trim size, or change size_mm)", **fields))
    b = slots.bleed * PT
    clip = (trim[0] - b, trim[1] - b, trim[2] + b, trim[3] + b)
    short = max(media[0] - clip[0], media[1] - clip[1], clip[2] - media[2], clip[3] - media[3])
    if short > TOLERANCE_MM * PT:
        problems.append(_(
            "page 1: the artwork stops {short} mm short of the {bleed} mm bleed (extend the "
            "background over the bleed and export with bleed — Illustrator: Save As PDF > Marks "
            "and Bleeds > Use Document Bleed Settings; Inkscape: Document Properties > bleed, or "
            "use the SVG as masters/TYPE.svg)", short=f"{short / PT:.1f}", bleed=f"{slots.bleed:g}"))
    if problems:
        raise PaigenError(_("{file} cannot be used as a master:\n{problems}", file=label,
                            problems="\n".join(f"  {label} {p}" for p in problems)))
    return PdfPage(data, tuple(trim), clip, tuple(media))  # type: ignore[arg-type]


FIX_PASSWORD = N_(
    "export it again without a password or security (Illustrator: Save As PDF > Security: none; "
    "Acrobat: File > Properties > Security: No Security)"
)
MAX_PAGE_PT = 14400  # 200 inches (5080 mm): the largest page PDF readers draw at UserUnit 1


def _box(page, key: str, problems: list[str]) -> list[float] | None:
    """A page box as four finite numbers within the PDF's page size, or None with the problem."""
    raw = page.get(key)
    try:
        values = [float(v) for v in raw] if isinstance(raw, pikepdf.Array) else []
    except (TypeError, ValueError):
        values = []
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        problems.append(_("page 1: {key} is {value}, not four numbers {form}; export the PDF again",
                          key=key[1:], value=_short(raw), form="[x0 y0 x1 y1]"))
        return None
    x0, y0, x1, y1 = min(values[0], values[2]), min(values[1], values[3]), max(values[0], values[2]), max(
        values[1], values[3]
    )
    if x1 - x0 > MAX_PAGE_PT or y1 - y0 > MAX_PAGE_PT or max(map(abs, values)) > 10 * MAX_PAGE_PT:
        problems.append(_("page 1: {key} is {w} × {h} mm, larger than a PDF page can be (5080 mm); "
                          "set the artboard to the sign's trim plus bleed and export again",
                          key=key[1:], w=f"{(x1 - x0) / PT:.3g}", h=f"{(y1 - y0) / PT:.3g}"))
        return None
    if x1 - x0 <= 0 or y1 - y0 <= 0:
        problems.append(_("page 1: {key} has no area; export the PDF again", key=key[1:]))
        return None
    return [x0, y0, x1, y1]


def _short(value) -> str:
    if value is None:
        return "missing"
    try:
        text = value.unparse().decode("latin-1") if isinstance(value, pikepdf.Object) else str(value)
    except (AttributeError, pikepdf.PdfError):
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _reason(exc: Exception) -> str:
    """pikepdf's message without the name of the in-memory stream it was read from."""
    text = re.sub(r"(stream )?<_io\.BytesIO object at 0x[0-9a-fA-F]+>:?\s*", "", str(exc)).strip()
    return text or type(exc).__name__


def compose(layer: bytes, master: PdfPage, bleed: float, margin: float) -> bytes:
    """The slot *layer* (a PDF from the backend) drawn over the master's page."""
    out = pikepdf.open(io.BytesIO(layer))
    source = pikepdf.open(io.BytesIO(master.data))
    page = out.pages[0]
    form = source.pages[0].as_form_xobject()
    form.BBox = pikepdf.Array(master.clip)
    foreign = out.copy_foreign(form)
    name = page.add_resource(foreign, pikepdf.Name.XObject, "/PaigenMaster", replace_existing=True)
    edge = (bleed + margin) * PT
    dx, dy = edge - master.trim[0], edge - master.trim[1]
    head = f"q 1 0 0 1 {dx:.4f} {dy:.4f} cm {name} Do Q\n".encode()
    page.contents_add(out.make_stream(head), prepend=True)
    buffer = io.BytesIO()
    # streams are copied as they are (the layer's compressed by the backend, the master's as
    # exported): decoding and recompressing them cost more than drawing the layer
    out.save(
        buffer,
        deterministic_id=True,
        compress_streams=False,
        recompress_flate=False,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,
        object_stream_mode=pikepdf.ObjectStreamMode.preserve,
    )
    source.close()
    out.close()
    return buffer.getvalue()


def render_trim(master: PdfPage, width_px: int, height_px: int):
    """The master's trim as a Pillow RGB image (for previews; never print output)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(master.data)
    try:
        page = document[0]
        x0, y0, x1, y1 = master.trim
        scale = width_px / (x1 - x0)
        mx0, my0, __, my1 = (float(v) for v in page.get_mediabox())
        crop = (x0 - mx0, y0 - my0, float(page.get_mediabox()[2]) - x1, my1 - y1)
        bitmap = page.render(scale=scale, crop=crop, may_draw_forms=False)
        picture = bitmap.to_pil().convert("RGB")
    finally:
        document.close()
    if picture.size != (width_px, height_px):
        picture = picture.resize((width_px, height_px))
    return picture


def to_svg(master: PdfPage) -> bytes | None:
    """The master page as SVG (poppler's pdftocairo), or None when poppler is not installed."""
    tool = shutil.which("pdftocairo")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src = FsPath(tmp) / "master.pdf"
        src.write_bytes(master.data)
        dst = FsPath(tmp) / "master.svg"
        done = subprocess.run(
            [tool, "-svg", "-f", "1", "-l", "1", str(src), str(dst)], capture_output=True, check=False
        )
        return dst.read_bytes() if done.returncode == 0 and dst.is_file() else None
