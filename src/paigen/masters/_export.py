"""``paigen master export TYPE``: a built-in design as a designer's starting point.

The artwork of the type without its variable content (every text and QR code) is written as
``TYPE.pdf`` (CMYK, TrimBox/BleedBox) and ``TYPE.svg`` (1 unit = 1 mm, with a ``slots`` layer
of one rectangle per slot), and the slot file ``TYPE.yaml`` lists the slots the design fills —
boxes, fonts, swatches and sizes measured on the built-in layout, so that filling them again
gives the same sign — with the variables the type offers in its header.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path as FsPath

from paigen._io import atomic_write
from paigen.errors import PaigenError, UsageError
from paigen.i18n import _, listing
from paigen.layout.scene import Artwork, Box, Page, QRCode, Text
from paigen.layout.text import TextEngine
from paigen.masters._variables import joined, text_names, variables_of

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
ALIGN_WORDS = {"distribute": "justify"}
BODY_SIZE = (24.0, 24.0)  # the boards' running text: max size, gutter


@dataclass(frozen=True)
class Exported:
    pdf: FsPath
    svg: FsPath
    slots: FsPath
    village: str


def starting_county(county: FsPath | None) -> FsPath:
    """The county to measure an export on: the one given; else the current folder when it holds
    village profiles; else paigen's own example village (the built-in design needs no county)."""
    from paigen._data import templates_dir
    from paigen.inputs import _is_profile, _is_workbook

    if county is not None:
        return county
    here = FsPath(".")
    if any(_is_profile(p) or _is_workbook(p) for p in here.iterdir() if p.is_file()):
        return here
    return templates_dir() / "init"


def export_master(sign_type: str, county: FsPath | None, out: FsPath) -> Exported:
    """Write TYPE.pdf, TYPE.svg and TYPE.yaml for *sign_type*, measured on *county*'s first village
    that has such a sign (no county: the current folder's, else paigen's example village)."""
    from paigen.backends import render_pdf, render_svg
    from paigen.fonts import resolve_roles
    from paigen.inputs import open_inputs
    from paigen.layout.signs import SIGN_TYPES, Context

    if sign_type not in SIGN_TYPES:
        close = difflib.get_close_matches(sign_type, list(SIGN_TYPES), n=1, cutoff=0.6)
        if close:
            raise UsageError(_("'{name}' is no sign type; did you mean '{close}'?",
                               name=sign_type, close=close[0]))
        raise UsageError(_("'{name}' is no sign type; use one of {types}", name=sign_type,
                           types=listing(SIGN_TYPES)))
    county = starting_county(county)
    inputs = open_inputs(county)
    engine = TextEngine(resolve_roles(inputs.settings))
    for profile in inputs.profiles:
        ctx = Context(profile, inputs.settings, engine)
        artworks = SIGN_TYPES[sign_type](ctx)
        if artworks:
            break
    else:
        raise PaigenError(_("no village of {county} has a {type} sign to export (add one to a "
                            "profile)", county=county, type=sign_type))
    art = artworks[0]
    if len(art.pages) != 1:
        raise PaigenError(_("{type} artworks have {pages} pages; masters are one-page signs",
                            type=sign_type, pages=len(art.pages)))
    slots = measure_slots(ctx, art)
    master = blank(art)
    out.mkdir(parents=True, exist_ok=True)
    files = Exported(
        out / f"{sign_type}.pdf",
        out / f"{sign_type}.svg",
        out / f"{sign_type}.yaml",
        f"{profile.village.township}{profile.village.name}",
    )
    atomic_write(files.pdf, render_pdf(master, inputs.settings))
    atomic_write(files.svg, with_slots_layer(render_svg(master, inputs.settings), slots))
    atomic_write(files.slots, slot_yaml(sign_type, art, slots, files.village).encode("utf-8"))
    return files


def blank(art: Artwork) -> Artwork:
    """The artwork without its variable content: no texts, no QR codes."""
    page = art.page
    items = tuple(i for i in page.items if not isinstance(i, Text | QRCode))
    return replace(art, pages=(Page(page.width, page.height, page.bleed, items, page.background),))


def measure_slots(ctx, art: Artwork) -> list[dict]:
    """One slot per text (the boards' running text as one paragraphs slot) and per QR code."""
    from paigen.masters._master import _board_of

    texts = [i for i in art.page.items if isinstance(i, Text)]
    board = _board_of(ctx, art)
    values = {"village": ctx.profile.village, "center": ctx.profile.center}
    slots: list[dict] = []
    body = _body_slot(ctx, art, board, texts)
    for name, text in zip(text_names(texts), texts, strict=True):
        if body and text.name == "body":
            continue
        slots.append(_text_slot(ctx.engine, name, text, _template(name, text, values, board)))
    if body:
        slots.insert(1 if slots else 0, body)
    for n, qr in enumerate((i for i in art.page.items if isinstance(i, QRCode)), start=1):
        template = "{{ center.wechat_url }}" if qr.data == ctx.profile.center.wechat_url else repr(qr.data)
        slots.append(
            {"name": f"qr-{n}" if n > 1 else "qr", "box_mm": _box(qr.box), "qr": template, "color": qr.color}
        )
    return slots


def _body_slot(ctx, art: Artwork, board, texts: list[Text]) -> dict | None:
    """The running text of a text board, as the board layout fits it (same box, sizes, columns)."""
    if board is None or board.kind not in ("text", "items") or not any(t.name == "body" for t in texts):
        return None
    from paigen.layout.signs.board import chrome
    from paigen.layout.signs.frame import title_size

    spec = ctx.spec(art.type)
    items, box = chrome(ctx, art.type, board.title, art.name)
    body = [t for t in texts if t.name == "body"]
    return {
        "name": "body",
        "box_mm": _box(box),
        "text": "{{ board.body }}",
        "font": spec["font"],
        "color": body[0].color,
        "align": "left",
        "min_mm": float(spec["min_text_mm"]),
        # the board's own cap: its reading-distance maximum, never above the title it sits under
        "max_mm": min(float(spec.get("max_text_mm", BODY_SIZE[0])), title_size(items)),
        "valign": "middle",
        "paragraphs": True,
    }


def _template(name: str, text: Text, values: dict, board) -> str:
    content = joined(text.text)
    if text.field and "." in text.field and "[" not in text.field:
        top, attr = text.field.split(".", 1)
        if top in values and _IDENT.match(attr) and getattr(values[top], attr, None) == content:
            return f"{{{{ {top}.{attr} }}}}"
    for top in ("center", "village"):
        for attr in ("name", "address", "hours", "phone", "township", "committee", "supervision"):
            if getattr(values[top], attr, None) == content and content:
                return f"{{{{ {top}.{attr} }}}}"
    if board is not None and content == board.title:
        return "{{ board.title }}"
    if _IDENT.match(name):
        return f"{{{{ texts.{name} }}}}"
    return f"{{{{ texts['{name}'] }}}}"


def _text_slot(engine: TextEngine, name: str, text: Text, template: str) -> dict:
    """A slot that gives back *text* exactly: its box, size as the maximum, its alignment."""
    lines = text.text.split("\n")
    slot: dict = {
        "name": name,
        "box_mm": _box(text.box),
        "text": template,
        "font": text.role,
        "color": text.color,
    }
    if text.vertical:
        slot.update(
            {
                "vertical": True,
                "align": "justify",
                "max_mm": round(text.size, 3),
                "min_mm": _minimum(text.size),
            }
        )
        return slot
    leading = round((text.box.h / text.size - 1) / (len(lines) - 1), 4) if len(lines) > 1 else 1.3
    slot.update(
        {
            "align": ALIGN_WORDS.get(
                _align(engine, text, lines, leading), _align(engine, text, lines, leading)
            ),
            "max_mm": round(text.size, 3),
            "min_mm": _minimum(text.size),
            "lines": len(lines),
        }
    )
    if len(lines) > 1:
        # a texts.* value keeps the built-in line breaks; a profile value is broken again, balanced
        slot.update({"leading": leading, "balanced": "texts" not in template})
    return slot


def _minimum(size: float) -> float:
    return min(round(size, 3), round(max(3.0, size * 0.6), 1))


def _align(engine: TextEngine, text: Text, lines: list[str], leading: float) -> str:
    """The alignment that places the lines where the built-in layout put them."""
    box = Box(*_box(text.box))
    lines = [line.rstrip() for line in lines]  # as the engine's line breaking gives them back
    for align in ("center", "left", "right", "distribute"):
        placed = engine.place(
            lines, text.role, round(text.size, 3), box, text.color, align=align, leading=leading
        )
        if len(placed.glyphs) == len(text.glyphs) and all(
            abs(a.matrix[4] - b.matrix[4]) < 0.05 and abs(a.matrix[5] - b.matrix[5]) < 0.05
            for a, b in zip(placed.glyphs, text.glyphs, strict=True)
        ):
            return align
    return "center"


def _box(box: Box) -> list[float]:
    """[x, y, w, h] rounded outwards to 0.01 mm, so the text still fits."""
    import math

    x, y = math.floor(box.x * 100) / 100, math.floor(box.y * 100) / 100
    right, bottom = math.ceil(box.right * 100) / 100, math.ceil(box.bottom * 100) / 100
    return [round(x, 2), round(y, 2), round(right - x, 2), round(bottom - y, 2)]


def with_slots_layer(svg: bytes, slots: list[dict]) -> bytes:
    """The SVG with a `slots` layer: one unfilled rectangle per slot, its id the slot's name."""
    import xml.etree.ElementTree as ET

    ns = "http://www.w3.org/2000/svg"
    inkscape = "http://www.inkscape.org/namespaces/inkscape"
    ET.register_namespace("", ns)
    ET.register_namespace("inkscape", inkscape)
    root = ET.fromstring(svg)
    layer = ET.SubElement(
        root,
        f"{{{ns}}}g",
        {"id": "slots", f"{{{inkscape}}}label": "slots", f"{{{inkscape}}}groupmode": "layer"},
    )
    for slot in slots:
        x, y, w, h = slot["box_mm"]
        ET.SubElement(
            layer,
            f"{{{ns}}}rect",
            {
                "id": slot["name"],
                "x": f"{x:g}",
                "y": f"{y:g}",
                "width": f"{w:g}",
                "height": f"{h:g}",
                "fill": "none",
                "stroke": "#FF00FF",
                "stroke-width": "0.5",
            },
        )
    ET.indent(root, space=" ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def slot_yaml(sign_type: str, art: Artwork, slots: list[dict], village: str) -> str:
    """The slot file, with the variables of the type in its header."""
    import yaml

    page = art.page
    variables = variables_of(sign_type)
    head = [
        f"# Slot file of the {sign_type} master, measured on {village}'s {art.title}.",
        f"# The artwork: {sign_type}.pdf (Illustrator) or {sign_type}.svg (Inkscape): master: names it.",
        "# Boxes are [x, y, width, height] in mm from the trim's top-left corner; in the SVG, the",
        "# rectangles of the `slots` layer (id = slot name) override them.",
        "# Variables of this sign type:",
        *(
            f"#   {name}: {', '.join(attrs) if attrs else 'any text of the built-in design by its name'}"
            for name, attrs in variables.items()
        ),
    ]
    if "board" in variables:
        head.append("#   (board.body: one paragraph per line, items keep their （一） labels)")
    body = {
        "master": f"{sign_type}.pdf",
        "size_mm": [round(page.width, 3), round(page.height, 3)],
        "bleed_mm": page.bleed,
        "slots": slots,
    }
    text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False, default_flow_style=None, width=110)
    return "\n".join(head) + "\n" + text
