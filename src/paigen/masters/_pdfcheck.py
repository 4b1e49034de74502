"""A small preflight for PDF masters: DeviceCMYK colour only, no transparency, fonts embedded.

Kept on its own so that the kit's general preflight can replace it: :func:`colour_problems`
walks the page's content stream, its forms, images, shadings and graphics states and names
every object that would not print as plain CMYK.
"""

from __future__ import annotations

import pikepdf

from paigen.i18n import N_, _
from paigen.masters._gate import FORM_DEPTH, IMAGE_INFLATED_MB, IMAGE_PIXELS, INFLATED_MB, inflated_size
from paigen.sources._gate import MB

FIX_COLOUR = N_(
    "convert the artwork to CMYK and export the PDF again — Illustrator: File > Document Color Mode "
    "> CMYK Color, then Save As PDF/X-1a; Inkscape cannot write a CMYK PDF: save the artwork as "
    "Inkscape SVG and use it as masters/TYPE.svg (paigen converts its swatch colours to CMYK)"
)
FIX_ALPHA = N_(
    "flatten transparency — Illustrator: Save As PDF/X-1a (it flattens); Inkscape's PDF always "
    "has a transparency group: save as Inkscape SVG and use it as masters/TYPE.svg instead"
)
FIX_SLOTS = N_(
    "hide or delete the 'slots' layer before exporting the PDF (Inkscape: Layers and Objects, "
    "eye of 'slots'; Illustrator: Layers panel), or use the SVG itself as masters/TYPE.svg"
)
SLOT_OUTLINE = (1.0, 0.0, 1.0)  # the magenta of the rectangles `paigen master export` draws
FIX_FLATTEN = N_(
    "this is no ordinary artwork export: open it in Illustrator and save it again as PDF/X-1a "
    "(or draw the master in Inkscape and use it as masters/TYPE.svg)"
)
_OK_SPACES = {"/DeviceCMYK", "/Pattern"}


def colour_problems(page: pikepdf.Page, number: int) -> list[str]:
    """Every non-CMYK colour or transparent object of *page*, as 'page N object: what (fix)'."""
    out: list[str] = []
    _scan(page.obj, page.obj.get("/Resources", pikepdf.Dictionary()), _("page {number}", number=number),
          out, set())
    return list(dict.fromkeys(out))


def stream_problems(page: pikepdf.Page) -> str | None:
    """What would make reading *page* a bomb — streams that inflate beyond the limits, huge
    images, forms nested too deep — before any content stream is parsed; None when none."""
    content_limit = INFLATED_MB * MB
    total = 0
    seen: set = set()
    contents = page.obj.get("/Contents")
    if isinstance(contents, pikepdf.Array):
        streams = list(contents)
    else:
        streams = [contents] if contents is not None else []
    todo: list[tuple[object, object, int]] = [(page.obj.get("/Resources"), None, 0)]
    for stream in streams:
        if isinstance(stream, pikepdf.Stream):
            size = inflated_size(stream, content_limit - total)
            total += size or 0
    while todo and total <= content_limit:
        resources, __, depth = todo.pop()
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        xobjects = resources.get("/XObject")
        if not isinstance(xobjects, pikepdf.Dictionary):
            continue
        for name, xobject in xobjects.items():
            if not isinstance(xobject, pikepdf.Stream) or xobject.objgen in seen:
                continue
            if xobject.objgen != (0, 0):
                seen.add(xobject.objgen)
            kind = str(xobject.get("/Subtype", ""))
            if kind == "/Form":
                if depth + 1 > FORM_DEPTH:
                    return _("holds forms nested more than {depth} deep (form {name}); {fix}",
                             depth=FORM_DEPTH, name=name, fix=_(FIX_FLATTEN))
                total += inflated_size(xobject, content_limit - total) or 0
                todo.append((xobject.get("/Resources"), name, depth + 1))
            elif kind == "/Image":
                try:
                    pixels = int(xobject.get("/Width", 0)) * int(xobject.get("/Height", 0))
                except (TypeError, ValueError):
                    pixels = 0
                if pixels > IMAGE_PIXELS:
                    return _("holds image {name} of {pixels} megapixels (limit {limit}); place the "
                             "picture smaller (300 dpi at its printed size)", name=name,
                             pixels=f"{pixels / 1e6:.0f}", limit=f"{IMAGE_PIXELS / 1e6:.0f}")
                size = inflated_size(xobject, IMAGE_INFLATED_MB * MB)
                if size is not None and size > IMAGE_INFLATED_MB * MB:
                    return _("holds image {name} that inflates to more than {limit} MB; place the "
                             "picture smaller (300 dpi at its printed size) and export again",
                             name=name, limit=IMAGE_INFLATED_MB)
    if total > content_limit:
        return _("has drawing instructions that inflate to more than {limit} MB (a real master holds "
                 "a few MB); {fix}", limit=INFLATED_MB, fix=_(FIX_FLATTEN))
    return None


def _space_problem(space, resources) -> str | None:
    """What is wrong with a colour space (None for CMYK, CMYK spot colours and patterns)."""
    if isinstance(space, pikepdf.Name):
        name = str(space)
        if name in _OK_SPACES:
            return None
        if name in ("/DeviceRGB", "/DeviceGray", "/CalRGB", "/CalGray", "/Lab"):
            return name[1:]
        named = (
            resources.get("/ColorSpace", pikepdf.Dictionary()).get(name) if resources is not None else None
        )
        return _("an unknown colour space") if named is None else _space_problem(named, None)
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0])
        if family == "/ICCBased":
            n = int(space[1].get("/N", 0))
            if n == 4:
                return None
            if n == 3:
                return _("an ICC-based RGB colour space")
            return _("an ICC-based grey colour space") if n == 1 else _("an ICC-based colour space")
        if family in ("/Separation", "/DeviceN"):
            return _space_problem(space[2], None)
        if family == "/Indexed":
            return _space_problem(space[1], None)
        if family == "/Pattern":
            return None if len(space) < 2 else _space_problem(space[1], None)
        return family[1:]
    return None


def _scan(obj, resources, where: str, out: list[str], seen: set, depth: int = 0) -> None:
    if depth > FORM_DEPTH:
        return
    if obj.objgen != (0, 0):
        if obj.objgen in seen:
            return
        seen.add(obj.objgen)
    group = obj.get("/Group") if hasattr(obj, "get") else None
    if group is not None and str(group.get("/S", "")) == "/Transparency":
        out.append(_("{where}: a transparency group ({fix})", where=where, fix=_(FIX_ALPHA)))
    for operands, operator in pikepdf.parse_content_stream(obj):
        op = str(operator)
        if op in ("rg", "RG"):
            values = " ".join(f"{float(v):g}" for v in operands)
            if op == "RG" and tuple(float(v) for v in operands) == SLOT_OUTLINE:
                out.append(_("{where}: the magenta slot outlines of paigen's slots layer are in the "
                             "PDF ({fix})", where=where, fix=_(FIX_SLOTS)))
            else:
                out.append(_("{where}: RGB colour {values} (operator {op}) ({fix})", where=where,
                             values=values, op=op, fix=_(FIX_COLOUR)))
        elif op in ("g", "G"):
            out.append(_("{where}: grey colour {value} (operator {op}) (use K only in CMYK: {example})",
                         where=where, value=f"{float(operands[0]):g}", op=op,
                         example="C0 M0 Y0 K100"))
        elif op in ("cs", "CS"):
            bad = _space_problem(operands[0], resources)
            if bad:
                out.append(_("{where}: colour space {name} is {problem} ({fix})", where=where,
                             name=operands[0], problem=bad, fix=_(FIX_COLOUR)))
        elif op == "gs":
            state = resources.get("/ExtGState", pikepdf.Dictionary()).get(str(operands[0]))
            if state is not None and _transparent(state):
                out.append(_("{where}: graphics state {name} uses transparency ({fix})",
                             where=where, name=operands[0], fix=_(FIX_ALPHA)))
        elif op == "sh":
            shading = resources.get("/Shading", pikepdf.Dictionary()).get(str(operands[0]))
            bad = _space_problem(shading.get("/ColorSpace"), resources) if shading is not None else None
            if bad:
                out.append(_("{where}: shading {name} is {problem} ({fix})", where=where,
                             name=operands[0], problem=bad, fix=_(FIX_COLOUR)))
        elif op == "Do":
            name = str(operands[0])
            xobject = resources.get("/XObject", pikepdf.Dictionary()).get(name)
            if xobject is None:
                continue
            kind = str(xobject.get("/Subtype", ""))
            if kind == "/Image":
                if "/SMask" in xobject:
                    out.append(_("{where}: image {name} has a soft mask (transparency) ({fix})",
                                 where=where, name=name, fix=_(FIX_ALPHA)))
                bad = _space_problem(xobject.get("/ColorSpace", pikepdf.Name("/DeviceCMYK")), resources)
                if bad and not xobject.get("/ImageMask", False):
                    out.append(_("{where}: image {name} is {problem} ({fix})", where=where,
                                 name=name, problem=bad, fix=_(FIX_COLOUR)))
            elif kind == "/Form":
                inner = xobject.get("/Resources", resources)
                _scan(xobject, inner, _("{where} form {name}", where=where, name=name), out, seen,
                      depth + 1)
        elif op == "INLINE IMAGE":
            pass
    for name, font in resources.get("/Font", pikepdf.Dictionary()).items():
        if not _embedded(font):
            base = str(font.get("/BaseFont", name))[1:]
            out.append(_("{where}: font {font} is not embedded (embed all fonts, or convert text "
                         "to outlines, when exporting the PDF — Illustrator: Type > Create "
                         "Outlines; Inkscape: Path > Object to Path, or use the SVG as "
                         "masters/TYPE.svg)", where=where, font=base))
    for name, pattern in resources.get("/Pattern", pikepdf.Dictionary()).items():
        shading = pattern.get("/Shading")
        if shading is not None:
            bad = _space_problem(shading.get("/ColorSpace"), resources)
            if bad:
                out.append(_("{where}: pattern {name} is {problem} ({fix})", where=where, name=name,
                             problem=bad, fix=_(FIX_COLOUR)))


def _embedded(font) -> bool:
    if str(font.get("/Subtype", "")) == "/Type3":
        return True  # drawn by its own glyph procedures
    if str(font.get("/Subtype", "")) == "/Type0":
        font = font.get("/DescendantFonts", [None])[0]
        if font is None:
            return False
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _transparent(state) -> bool:
    for key in ("/CA", "/ca"):
        if key in state and float(state[key]) < 1:
            return True
    if "/SMask" in state and str(state["/SMask"]) != "/None":
        return True
    blend = state.get("/BM")
    return blend is not None and str(blend) not in ("/Normal", "/Compatible")
