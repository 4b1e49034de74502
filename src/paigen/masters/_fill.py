"""Fill a master's slots for one artwork with the sign engine: fitted text, QR codes, pictures.

Text goes through :class:`~paigen.layout.text.TextEngine` exactly like a built-in sign (fit to
the box, 禁则 breaks, balanced titles, vertical columns, 分散 alignment); ``paragraphs: true``
slots go through the boards' block layout (indents, （一） items, one or two columns).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path as FsPath

from jinja2 import TemplateError as JinjaError
from jinja2.exceptions import SecurityError

from paigen.errors import LayoutError, PaigenError
from paigen.i18n import _
from paigen.layout.blocks import Item as ItemBlock
from paigen.layout.blocks import Para, best_columns
from paigen.layout.scene import Box, Image, Item
from paigen.layout.signs.duty import qr_code
from paigen.layout.text import TextEngine
from paigen.masters._gate import open_picture, picture_file
from paigen.masters._slots import SlotFile, SlotSpec
from paigen.masters._templates import environment
from paigen.sources._gate import DEFAULT, Limits

_LABEL = re.compile(r"^(（[一二三四五六七八九十]+）)(.*)$", re.S)
_ENV = environment()


@dataclass(frozen=True)
class Shortfall:
    """A slot whose text would need to be smaller than its minimum."""

    slot: str
    text: str
    needed: float  # mm, 0 when it does not fit even at 1 mm
    minimum: float
    line: int


MAX_SLOT_CHARS = 20_000  # one slot's text (the longest library board is ~3 000)


def render_template(spec: SlotSpec, slots: SlotFile, values: dict) -> str:
    """The slot's text for one artwork; a missing value names the slot file's line."""
    try:
        text = _ENV.from_string(spec.template).render(**values)
    except SecurityError as exc:
        raise PaigenError(_("{file}:{line} slots '{name}': not allowed in a slot template: "
                            "{error} (a slot prints the village's values: write e.g. {example})",
                            file=slots.file, line=spec.line, name=spec.name, error=exc,
                            example="{{ center.name }}")) from None
    except JinjaError as exc:
        raise PaigenError(_("{file}:{line} slots '{name}': {error} (use a variable the sign type "
                            "offers; see `paigen master export`)", file=slots.file,
                            line=spec.line, name=spec.name, error=exc)) from None
    except (MemoryError, RecursionError, OverflowError) as exc:
        raise PaigenError(_("{file}:{line} slots '{name}': the template cannot be rendered "
                            "({error}); write a plain value such as {example}", file=slots.file,
                            line=spec.line, name=spec.name, error=type(exc).__name__,
                            example="{{ center.name }}")) from None
    if len(text) > MAX_SLOT_CHARS:
        raise PaigenError(_("{file}:{line} slots '{name}': the template gives {chars} characters, "
                            "more than a sign can print (limit {limit}); check the template",
                            file=slots.file, line=spec.line, name=spec.name, chars=len(text),
                            limit=MAX_SLOT_CHARS))
    return text


def fill(
    slots: SlotFile,
    values: dict,
    engine: TextEngine,
    where: str,
    base_dir: FsPath | None,
    limits: Limits = DEFAULT,
) -> list[Item]:
    """The scene items of every slot, in the slot file's order."""
    items: list[Item] = []
    for spec in slots.slots:
        content = render_template(spec, slots, values)
        if spec.kind == "emblem" or not content.strip():
            continue  # the emblem slot is filled by the master (it knows the county's emblem)
        if spec.kind == "qr":
            items.append(_qr(spec, content))
        elif spec.kind == "image":
            items.append(picture(spec, content, slots, base_dir, limits))
        else:
            items += text_items(
                spec, content, engine, _("{where} slot '{name}' ({file}:{line})", where=where,
                                         name=spec.name, file=slots.file, line=spec.line)
            )
    return items


def text_items(spec: SlotSpec, text: str, engine: TextEngine, where: str) -> list[Item]:
    """Lay *text* into the slot; :class:`LayoutError` when it fits only below ``min_mm``."""
    box = spec.box
    if spec.paragraphs:
        __, texts, __ = best_columns(
            engine,
            blocks(text),
            spec.font,
            box,
            min_size=spec.min_mm,
            max_size=spec.max_mm,
            color=spec.color,
            gutter=24.0,
            valign=spec.valign,
            where=where,
            field=spec.name,
        )
        return list(texts)
    if spec.vertical:
        chars = [c for c in text if not c.isspace()]
        size = min(spec.max_mm, box.w, box.h / max(len(chars), 1))
        if size < spec.min_mm - 1e-9:
            raise LayoutError(_("{where}: '{text}' needs {size} mm characters to fit the "
                                "{w} × {h} mm column, below its min_mm of {minimum}; shorten the "
                                "text or make the slot taller", where=where, text=text,
                                size=f"{size:.1f}", w=f"{box.w:g}", h=f"{box.h:g}",
                                minimum=f"{spec.min_mm:g}"))
        return [
            engine.vertical(
                text,
                spec.font,
                size,
                box,
                spec.color,
                distribute=spec.align == "distribute",
                field=spec.name,
                name=spec.name,
            )
        ]
    size, lines = engine.fit(
        text,
        spec.font,
        box,
        min_size=spec.min_mm,
        max_size=spec.max_mm,
        leading=spec.leading,
        max_lines=spec.lines,
        balanced=spec.balanced,
        where=where,
    )
    return [
        engine.place(
            lines,
            spec.font,
            size,
            box,
            spec.color,
            align=spec.align,
            valign=spec.valign,
            leading=spec.leading,
            field=spec.name,
            name=spec.name,
        )
    ]


def blocks(text: str) -> list:
    """One block per line: （一）… lines are items with a hanging label, others indented paragraphs."""
    out: list = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        match = _LABEL.match(line)
        out.append(ItemBlock(match.group(1), match.group(2)) if match else Para(line))
    return out


def shortfall(spec: SlotSpec, text: str, engine: TextEngine) -> Shortfall | None:
    """None when *text* fits the slot at ≥ min_mm, else the size it would need."""
    from dataclasses import replace

    try:
        text_items(spec, text, engine, spec.name)
        return None
    except LayoutError:
        pass
    low = replace(spec, min_mm=1.0)
    try:
        items = text_items(low, text, engine, spec.name)
        needed = min(i.size for i in items)
    except LayoutError:
        needed = 0.0
    return Shortfall(spec.name, text, round(needed, 1), spec.min_mm, spec.line)


def _qr(spec: SlotSpec, data: str) -> Item:
    side = min(spec.box.w, spec.box.h)
    box = Box(spec.box.cx - side / 2, spec.box.cy - side / 2, side, side)
    return qr_code(data, box, spec.color)


def picture(spec: SlotSpec, value: str, slots: SlotFile, base_dir: FsPath | None, limits: Limits) -> Item:
    """A picture from the county folder, fitted inside the box (contain), as a CMYK JPEG; the file
    and its pixel count pass the masters' gate before it is decoded."""
    where = _("{file}:{line} slots '{name}'", file=slots.file, line=spec.line, name=spec.name)
    value = value.strip()
    file = picture_file(value, base_dir, where)
    with open_picture(file, value, where, limits) as loaded:
        cmyk = loaded.convert("CMYK")
    w, h = cmyk.size
    scale = min(spec.box.w / w, spec.box.h / h)
    box = Box(spec.box.cx - w * scale / 2, spec.box.cy - h * scale / 2, w * scale, h * scale)
    out = io.BytesIO()
    cmyk.save(out, "JPEG", quality=92)
    return Image(box, out.getvalue(), name=spec.name)
