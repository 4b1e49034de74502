"""Check a PDF against the PDF/X-1a:2003 rules a print shop relies on, and name every breach.

No free PDF/X validator exists (veraPDF checks PDF/A), so paigen checks the rules itself, on its
own output and on any PDF a print shop is handed: PDF ≤ 1.4, no encryption, one GTS_PDFX
OutputIntent with an embedded CMYK profile, Info GTS_PDFXVersion / Title / dates / Trapped, a
trailer ID, TrimBox (or ArtBox) on every page with the boxes nested, no RGB or device-independent
colour, no transparency or transfer functions, every font embedded, no JavaScript, no LZW.
Each :class:`Breach` names the page (0 for the document) and the object it was found in.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from paigen.i18n import N_, _

# Colour spaces PDF/X-1a forbids (CMYK, Gray, Separation, DeviceN and Indexed over those are fine).
_BAD_SPACES = {"/DeviceRGB": "RGB", "/CalRGB": "RGB", "/Lab": "Lab", "/CalGray": "CalGray",
               "/RGB": "RGB"}
_BAD_BLEND = {"/Normal", "/Compatible"}
_COLOUR_OPS = {"rg": N_("RGB fill colour (rg)"), "RG": N_("RGB stroke colour (RG)")}
_TOLERANCE = 0.01  # pt, box nesting


@dataclass(frozen=True, order=True)
class Breach:
    """One rule a PDF breaks: the page (1-based, 0 = the document), the object and what is wrong."""

    page: int
    obj: str
    message: str

    def __str__(self) -> str:
        where = _("page {page}", page=self.page) if self.page else _("document")
        return _("{where}: {object}: {what}", where=where, object=self.obj, what=self.message)


def preflight(source: str | Path | bytes) -> list[Breach]:
    """Every PDF/X-1a:2003 breach of the PDF at *source* (a path or the bytes), in page order."""
    try:
        pdf = pikepdf.open(io.BytesIO(source) if isinstance(source, bytes) else source)
    except pikepdf.PasswordError:
        return [Breach(0, "trailer", _("the PDF is encrypted (PDF/X forbids encryption)"))]
    except (pikepdf.PdfError, OSError) as exc:
        return [Breach(0, "file", _("not a readable PDF: {why}", why=exc))]
    with pdf:
        checker = _Checker(pdf)
        checker.document()
        for number, page in enumerate(pdf.pages, 1):
            checker.page(number, page)
        return sorted(set(checker.breaches), key=lambda b: (b.page, b.obj, b.message))


def _ref(obj) -> str:
    """'12 0 R' for an indirect object, 'direct object' otherwise."""
    num, gen = getattr(obj, "objgen", (0, 0))
    return f"{num} {gen} R" if num else "direct object"


class _Checker:
    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.breaches: list[Breach] = []
        self._seen: set[tuple[int, int]] = set()

    def add(self, page: int, obj: str, message: str) -> None:
        self.breaches.append(Breach(page, obj, message))

    # -- the document ----------------------------------------------------------------------
    def document(self) -> None:
        pdf = self.pdf
        version = max(pdf.pdf_version, str(pdf.Root.get("/Version", "/1.0"))[1:])
        if version > "1.4":
            self.add(0, "header",
                     _("PDF version {version} (PDF/X-1a:2003 needs 1.4 or lower)", version=version))
        if pdf.is_encrypted:
            self.add(0, "trailer", _("the PDF is encrypted (PDF/X forbids encryption)"))
        if "/ID" not in pdf.trailer:
            self.add(0, "trailer", _("no /ID (PDF/X needs a file identifier)"))
        self.info()
        self.output_intents()
        self.javascript()
        self.streams()

    def info(self) -> None:
        info = self.pdf.trailer.get("/Info")
        where = f"Info {_ref(info)}" if info is not None else "Info"
        info = info if isinstance(info, pikepdf.Dictionary) else pikepdf.Dictionary()
        version = str(info.get("/GTS_PDFXVersion", ""))
        if not version.startswith("PDF/X-1"):
            self.add(0, where, _("GTS_PDFXVersion is {version} (write PDF/X-1a:2003)", version=version)
                     if version else _("no GTS_PDFXVersion (write PDF/X-1a:2003)"))
        for key in ("/Title", "/CreationDate", "/ModDate"):
            if not str(info.get(key, "")).strip():
                self.add(0, where, _("no {key} (PDF/X needs it)", key=key[1:]))
        if info.get("/Trapped") not in (pikepdf.Name("/True"), pikepdf.Name("/False")):
            self.add(0, where, _("Trapped is not /True or /False (PDF/X needs one of them)"))

    def output_intents(self) -> None:
        intents = [i for i in self.pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
        if len(intents) != 1:
            self.add(0, "Catalog /OutputIntents",
                     _("{n} GTS_PDFX output intents (PDF/X needs exactly one)", n=len(intents)))
            return
        intent = intents[0]
        where = f"OutputIntent {_ref(intent)}"
        if not str(intent.get("/OutputConditionIdentifier", "")).strip():
            self.add(0, where, _("no OutputConditionIdentifier"))
        profile = intent.get("/DestOutputProfile")
        if not isinstance(profile, pikepdf.Stream):
            self.add(0, where, _("no embedded DestOutputProfile (embed the CMYK ICC profile)"))
            return
        head = profile.read_bytes()[:20]
        if head[16:20] != b"CMYK":
            space = head[16:20].decode("latin-1").strip() or "unknown"
            self.add(0, f"DestOutputProfile {_ref(profile)}",
                     _("the output profile is {space}, not CMYK (PDF/X-1a prints CMYK)", space=space))

    def javascript(self) -> None:
        names = self.pdf.Root.get("/Names")
        if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
            self.add(0, "Catalog /Names /JavaScript", _("JavaScript (PDF/X forbids it)"))
        action = self.pdf.Root.get("/OpenAction")
        if isinstance(action, pikepdf.Dictionary) and action.get("/S") == "/JavaScript":
            self.add(0, f"OpenAction {_ref(action)}", _("JavaScript (PDF/X forbids it)"))

    def streams(self) -> None:
        for obj in self.pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                filters = obj.get("/Filter")
                names = [filters] if isinstance(filters, pikepdf.Name) else list(filters or [])
                if "/LZWDecode" in names:
                    self.add(0, f"stream {_ref(obj)}", _("LZW compression (PDF/X forbids it)"))

    # -- pages ------------------------------------------------------------------------------
    def page(self, number: int, page: pikepdf.Page) -> None:
        obj = page.obj
        where = f"page object {_ref(obj)}"
        self.boxes(number, where, page)
        group = obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/Transparency":
            self.add(number, where, _("a transparency group (flatten the transparency)"))
        for annot in obj.get("/Annots", []):
            action = annot.get("/A")
            if isinstance(action, pikepdf.Dictionary) and action.get("/S") == "/JavaScript":
                self.add(number, f"annotation {_ref(annot)}", _("JavaScript (PDF/X forbids it)"))
        self._seen = set()
        self.content(number, "page content", page.obj, _resources(obj))

    def boxes(self, number: int, where: str, page: pikepdf.Page) -> None:
        obj = page.obj
        media = _box(obj.get("/MediaBox"))
        if "/TrimBox" not in obj and "/ArtBox" not in obj:
            self.add(number, where, _("no TrimBox (set the finished size as TrimBox)"))
        bleed = _box(obj.get("/BleedBox")) if "/BleedBox" in obj else media
        trim = _box(obj.get("/TrimBox")) if "/TrimBox" in obj else None
        if media and bleed and not _inside(bleed, media):
            self.add(number, where, _("BleedBox {bleed} is not inside MediaBox {media}", bleed=_fmt(bleed),
                                           media=_fmt(media)))
        if trim and bleed and not _inside(trim, bleed):
            self.add(number, where, _("TrimBox {trim} is not inside BleedBox {bleed}", trim=_fmt(trim),
                                           bleed=_fmt(bleed)))

    def content(self, number: int, label: str, holder, resources) -> None:
        """Check a content stream (page or form) and the resources it uses."""
        try:
            ops = pikepdf.parse_content_stream(holder)
        except pikepdf.PdfError as exc:
            self.add(number, label, _("unreadable content stream: {why}", why=exc))
            ops = []
        spaces = resources.get("/ColorSpace", {}) if resources is not None else {}
        for operands, operator in ops:
            op = str(operator)
            if op in _COLOUR_OPS:
                self.add(number, label, _("{what} (use DeviceCMYK)", what=_(_COLOUR_OPS[op])))
            elif op in ("cs", "CS") and operands:
                name = operands[0]
                space = spaces.get(name, name) if isinstance(spaces, pikepdf.Dictionary) else name
                bad = _bad_space(space)
                if bad:
                    self.add(number, f"{label} colour space {name}",
                             _("{space} colour (use DeviceCMYK)", space=bad))
            elif op == "INLINE IMAGE":
                image = operands[0]
                space = image.obj.get("/ColorSpace", image.obj.get("/CS"))
                bad = _bad_space(space)
                if bad:
                    self.add(number, f"{label} inline image",
                             _("{space} image (convert it to CMYK)", space=bad))
        if resources is not None:
            self.resources(number, resources)

    def resources(self, number: int, resources) -> None:
        for name, state in dict(resources.get("/ExtGState", {})).items():
            self.ext_gstate(number, f"ExtGState {name} {_ref(state)}", state)
        for name, space in dict(resources.get("/ColorSpace", {})).items():
            bad = _bad_space(space)
            if bad:
                self.add(number, f"colour space {name} {_ref(space)}",
                         _("{space} colour (use DeviceCMYK)", space=bad))
        for name, shading in dict(resources.get("/Shading", {})).items():
            bad = _bad_space(shading.get("/ColorSpace"))
            if bad:
                self.add(number, f"shading {name} {_ref(shading)}",
                         _("{space} shading (use DeviceCMYK)", space=bad))
        for name, pattern in dict(resources.get("/Pattern", {})).items():
            shading = pattern.get("/Shading")
            if shading is not None and _bad_space(shading.get("/ColorSpace")):
                self.add(number, f"pattern {name} {_ref(pattern)}",
                         _("{space} shading (use DeviceCMYK)", space=_bad_space(shading.get("/ColorSpace"))))
            if isinstance(pattern, pikepdf.Stream):
                self.form(number, f"pattern {name} {_ref(pattern)}", pattern)
        for name, font in dict(resources.get("/Font", {})).items():
            self.font(number, f"font {name} {_ref(font)}", font)
        for name, xobject in dict(resources.get("/XObject", {})).items():
            label = f"{'image' if xobject.get('/Subtype') == '/Image' else 'form'} {name} {_ref(xobject)}"
            if xobject.get("/Subtype") == "/Image":
                self.image(number, label, xobject)
            elif xobject.get("/Subtype") == "/Form":
                self.form(number, label, xobject)

    def form(self, number: int, label: str, xobject) -> None:
        key = xobject.objgen
        if key != (0, 0) and key in self._seen:
            return
        self._seen.add(key)
        group = xobject.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/Transparency":
            self.add(number, label, _("a transparency group (flatten the transparency)"))
        self.content(number, label, xobject, xobject.get("/Resources"))

    def image(self, number: int, label: str, image) -> None:
        bad = _bad_space(image.get("/ColorSpace"))
        if bad:
            self.add(number, label, _("{space} image (convert it to CMYK)", space=bad))
        if "/SMask" in image:
            self.add(number, label, _("a soft mask (transparency; flatten the image)"))
        if image.get("/Filter") == "/JPXDecode" and "/ColorSpace" not in image:
            self.add(number, label, _("a JPEG 2000 image (PDF/X-1a:2003 needs PDF 1.4 filters)"))

    def ext_gstate(self, number: int, label: str, state) -> None:
        smask = state.get("/SMask")
        if smask is not None and smask != pikepdf.Name("/None"):
            self.add(number, label, _("a soft mask (transparency; flatten it)"))
        for key in ("/CA", "/ca"):
            if key in state and float(state[key]) < 1:
                self.add(number, label, _("opacity {key} {value} (transparency; use 1)", key=key[1:],
                                                value=f"{float(state[key]):g}"))
        blend = state.get("/BM")
        blends = list(blend) if isinstance(blend, pikepdf.Array) else [blend] if blend is not None else []
        if blends and not all(str(b) in _BAD_BLEND for b in blends):
            self.add(number, label, _("blend mode {mode} (transparency; use /Normal)", mode=blends[0]))
        if "/TR" in state or ("/TR2" in state and state["/TR2"] != "/Default"):
            self.add(number, label, _("a transfer function (PDF/X forbids them)"))

    def font(self, number: int, label: str, font) -> None:
        subtype = font.get("/Subtype")
        if subtype == "/Type3":
            resources = font.get("/Resources")
            if resources is not None:
                self.resources(number, resources)
            return
        fonts = list(font.get("/DescendantFonts", [])) if subtype == "/Type0" else [font]
        for part in fonts:
            descriptor = part.get("/FontDescriptor")
            embedded = isinstance(descriptor, pikepdf.Dictionary) and any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            if not embedded:
                base = str(font.get("/BaseFont", "?"))[1:]
                self.add(number, label,
                         _("font {font} is not embedded (embed it or convert text to outlines)",
                                                font=base))


def _resources(page_obj):
    """A page's resources, inherited from the page tree when the page has none of its own."""
    node = page_obj
    while node is not None:
        if "/Resources" in node:
            return node["/Resources"]
        node = node.get("/Parent")
    return None


def _bad_space(space) -> str:
    """'RGB' (or 'Lab', 'CalGray') when *space* is not allowed in PDF/X-1a; '' when it is."""
    if space is None:
        return ""
    if isinstance(space, pikepdf.Name):
        return _BAD_SPACES.get(str(space), "")
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0])
        if family in _BAD_SPACES:
            return _BAD_SPACES[family]
        if family == "/ICCBased":
            return "ICC-based (device-independent)"
        if family == "/Indexed" and len(space) > 1:
            return _bad_space(space[1])
        if family in ("/Separation", "/DeviceN") and len(space) > 2:
            return _bad_space(space[2])
    return ""


def _box(value) -> tuple[float, float, float, float] | None:
    if value is None or len(value) != 4:
        return None
    x0, y0, x1, y1 = (float(v) for v in value)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _inside(inner, outer) -> bool:
    t = _TOLERANCE
    return (inner[0] >= outer[0] - t and inner[1] >= outer[1] - t
            and inner[2] <= outer[2] + t and inner[3] <= outer[3] + t)


def _fmt(box) -> str:
    return "[" + " ".join(f"{v:g}" for v in box) + "]"


__all__ = ["Breach", "preflight"]
