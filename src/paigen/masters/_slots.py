"""The slot file (``masters/TYPE.yaml``): trim, bleed and the named areas a master leaves to fill.

Read like a profile: every problem of the file at once, each with its line and the fix —
unknown keys (with "did you mean"), a slot outside the trim, a variable the sign type does not
offer, a swatch or font role the settings do not have.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path as FsPath

from paigen.errors import Problem, ProfileError
from paigen.i18n import _, listing
from paigen.layout.scene import Box
from paigen.masters._templates import check_template
from paigen.masters._variables import variables_of
from paigen.model.settings import Settings
from paigen.sources._tree import Document, Path, format_path
from paigen.sources.yamlfile import load_yaml, parse_yaml

TOP_KEYS = ("master", "size_mm", "bleed_mm", "slots")
SLOT_KEYS = (
    "name",
    "box_mm",
    "text",
    "qr",
    "image",
    "font",
    "color",
    "align",
    "valign",
    "vertical",
    "min_mm",
    "max_mm",
    "lines",
    "leading",
    "balanced",
    "paragraphs",
    "fit",
    "emblem",
)
ALIGNS = {
    "left": "left",
    "center": "center",
    "right": "right",
    "justify": "distribute",
    "distribute": "distribute",
    "分散": "distribute",
}
VALIGNS = ("top", "middle", "bottom")
FITS = ("contain",)


@dataclass(frozen=True)
class SlotSpec:
    """One named area of a master and what fills it: text, a QR code or a picture."""

    name: str
    box: Box
    kind: str  # text | qr | image | emblem (the county's 党徽, from assets.emblem)
    template: str  # the Jinja source of text / qr / image
    font: str = "song"
    color: str = "black"
    align: str = "center"  # left | center | right | distribute
    valign: str = "middle"
    vertical: bool = False
    min_mm: float = 5.0
    max_mm: float = 60.0
    lines: int | None = None
    leading: float = 1.3
    balanced: bool = False
    paragraphs: bool = False
    fit: str = "contain"
    line: int = 0  # where the slot is written in its file
    boxed: bool = True  # False: no box_mm, the SVG's slots layer must draw the rectangle
    sized: bool = False  # max_mm given in the file (else it follows the box)


@dataclass(frozen=True)
class SlotFile:
    """A master's trim, bleed and slots, in mm from the trim's top-left corner."""

    file: str
    sign_type: str
    width: float
    height: float
    bleed: float
    slots: tuple[SlotSpec, ...]
    master: str = ""  # the artwork file named by `master:`, when the folder has both

    def with_boxes(self, boxes: dict[str, Box]) -> SlotFile:
        """The same file with the boxes of the named slots replaced (an SVG's `slots` layer)."""
        from dataclasses import replace

        def boxed(spec: SlotSpec) -> SlotSpec:
            box = boxes.get(spec.name)
            if box is None:
                return spec
            out = replace(spec, box=box, boxed=True)
            if not spec.sized:
                out = replace(out, max_mm=max(default_max(out), out.min_mm))
            return out

        return replace(self, slots=tuple(boxed(s) for s in self.slots))

    def unboxed(self) -> list[SlotSpec]:
        """Slots without a box: neither box_mm nor a rectangle of the SVG's slots layer."""
        return [s for s in self.slots if not s.boxed]


def default_max(spec: SlotSpec) -> float:
    """The largest text a slot takes when its file gives no max_mm: the box's short side (vertical
    text: the column's width)."""
    return spec.box.w if spec.vertical else min(spec.box.h, spec.box.w)




def load_slot_file(file: FsPath, sign_type: str, settings: Settings, label: str | None = None) -> SlotFile:
    """Read and check a slot file; raise :class:`ProfileError` with every problem found."""
    doc = load_yaml(file, label or str(file))
    return slot_file_from(doc, sign_type, settings)


def parse_slot_file(raw: bytes, label: str, sign_type: str, settings: Settings) -> SlotFile:
    return slot_file_from(parse_yaml(raw, label), sign_type, settings)


def slot_file_from(doc: Document, sign_type: str, settings: Settings) -> SlotFile:
    problems: list[Problem] = []

    def problem(path: Path, message: str, fix: str = "") -> None:
        problems.append(Problem(doc.locate(path), format_path(path), message, fix))

    data = doc.data if isinstance(doc.data, dict) else {}
    if not isinstance(doc.data, dict):
        problem(
            (),
            _("a slot file is a list of keys with {keys}", keys="size_mm, bleed_mm, slots"),
            _("start from `paigen master export TYPE`"),
        )
    _unknown(data, TOP_KEYS, (), problem)
    size = _pair(data.get("size_mm"), ("size_mm",), problem, positive=True)
    bleed = _number(data.get("bleed_mm", 0), ("bleed_mm",), problem, minimum=0)
    width, height = size or (0.0, 0.0)
    master = data.get("master", "")
    if master and (
        not isinstance(master, str)
        or "/" in master
        or "\\" in master
        or not master.lower().endswith((".pdf", ".svg"))
    ):
        problem(
            ("master",),
            _("{value} is not a PDF or SVG file name", value=repr(master)),
            _("name the artwork next to this file, e.g. {pdf} or {svg}", pdf=f"{sign_type}.pdf",
              svg=f"{sign_type}.svg"),
        )
        master = ""
    raw_slots = data.get("slots", [])
    if not isinstance(raw_slots, list):
        problem(("slots",), _("{key} must be a list", key="slots"),
                _("write each slot as {example} under {key}", example="'- name: …'", key="slots:"))
        raw_slots = []
    variables = variables_of(sign_type)
    slots: list[SlotSpec] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_slots):
        path: Path = ("slots", i)
        if not isinstance(raw, dict):
            problem(path, _("a slot is a list of keys ({keys})", keys="name, box_mm, text …"))
            continue
        spec = _slot(raw, path, problem, settings, variables, (width, height) if size else None)
        if spec is None:
            continue
        if spec.name in seen:
            problem((*path, "name"), _("slot '{name}' is named twice", name=spec.name),
                    _("give each slot its own name"))
        seen.add(spec.name)
        line = doc.locate(path).line or 0
        from dataclasses import replace

        slots.append(replace(spec, line=line))
    if problems:
        raise ProfileError(problems)
    return SlotFile(doc.file, sign_type, width, height, bleed or 0.0, tuple(slots), master)


def _unknown(data: dict, known: tuple[str, ...], path: Path, problem) -> None:
    for key in data:
        if key not in known:
            close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
            problem((*path, key), _("unknown key '{key}'", key=key),
                    _("did you mean '{close}'?", close=close[0]) if close
                    else _("the keys are {keys}", keys=listing(known)))


def _number(value, path: Path, problem, minimum: float | None = None, positive: bool = False) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        problem(path, _("{value} is not a number", value=repr(value)),
                _("write a number of millimetres, e.g. {example}", example=30))
        return None
    if positive and value <= 0:
        problem(path, _("{value} must be more than 0", value=repr(value)))
        return None
    if minimum is not None and value < minimum:
        problem(path, _("{value} must be at least {minimum}", value=repr(value),
                        minimum=f"{minimum:g}"))
        return None
    return float(value)


def _pair(value, path: Path, problem, positive: bool = False) -> tuple[float, float] | None:
    if not isinstance(value, list) or len(value) != 2:
        problem(path, _("{value} is not {form}", value=repr(value), form="[width, height]"),
                _("write the trim size in mm, e.g. {example}", example="[600, 800]"))
        return None
    out = [_number(v, (*path, k), problem, positive=positive) for k, v in enumerate(value)]
    return None if None in out else (out[0], out[1])  # type: ignore[return-value]


def _slot(
    raw: dict,
    path: Path,
    problem,
    settings: Settings,
    variables: dict[str, tuple[str, ...]],
    trim: tuple[float, float] | None,
) -> SlotSpec | None:
    _unknown(raw, SLOT_KEYS, path, problem)
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problem(
            (*path, "name"),
            _("every slot needs a name"),
            _("add {example} (the SVG's slots layer uses it as the rectangle's ID)",
              example="name: title"),
        )
        return None
    kinds = [k for k in ("text", "qr", "image", "emblem") if k in raw]
    if len(kinds) != 1:
        problem(
            path,
            _("slot '{name}' needs exactly one of {kinds}", name=name,
              kinds=listing(("text", "qr", "image", "emblem"))),
            _("write {example} (or {others})", example='text: "{{ board.title }}"',
              others="qr: / image: / emblem: true"),
        )
        return None
    kind = kinds[0]
    template = raw[kind]
    if kind == "emblem":
        if template is not True:
            fix = _("write {example} (the emblem of assets.emblem)", example="emblem: true")
            problem((*path, "emblem"), _("{value} is not {true}", value=repr(template), true="true"), fix)
        template = ""
    if not isinstance(template, str):
        template = "" if template is None else str(template)
    check_template(template, (*path, kind), problem, variables)
    box = None
    raw_box = raw.get("box_mm")
    if "box_mm" not in raw:
        box = Box(0, 0, 0, 0)  # the SVG's slots layer draws it (checked when the artwork is read)
    elif not isinstance(raw_box, list) or len(raw_box) != 4:
        problem(
            (*path, "box_mm"),
            _("{value} is not {form}", value=repr(raw_box), form="[x, y, width, height]"),
            _("write the slot's box in mm from the trim's top-left corner, e.g. {example}",
              example="[40, 25, 520, 95]"),
        )
    else:
        values = [_number(v, (*path, "box_mm", k), problem) for k, v in enumerate(raw_box)]
        if None not in values:
            box = Box(*values)  # type: ignore[arg-type]
            if box.w <= 0 or box.h <= 0:
                problem(
                    (*path, "box_mm"),
                    _("slot '{name}' has no area ({w} × {h} mm)", name=name, w=f"{box.w:g}",
                      h=f"{box.h:g}"),
                    _("width and height must be more than 0"),
                )
                box = None
            elif trim and not Box(0, 0, *trim).contains(box, 0.01):
                problem(
                    (*path, "box_mm"),
                    _("slot '{name}' {box} lies outside the {w} × {h} mm trim", name=name,
                      box=f"[{box.x:g}, {box.y:g}, {box.w:g}, {box.h:g}]", w=f"{trim[0]:g}",
                      h=f"{trim[1]:g}"),
                    _("move or shrink it so that {rule}",
                      rule=f"x + width ≤ {trim[0]:g}, y + height ≤ {trim[1]:g}"),
                )
                box = None
    fields: dict = {"name": name, "kind": kind, "template": template, "boxed": "box_mm" in raw}
    font = raw.get("font", "song")
    if font not in settings.roles:
        close = difflib.get_close_matches(str(font), list(settings.roles), n=1, cutoff=0.6)
        problem(
            (*path, "font"),
            _("font role '{font}' does not exist", font=font),
            _("did you mean '{close}'?", close=close[0]) if close
            else _("use one of {choices}", choices=listing(settings.roles)),
        )
    fields["font"] = font
    color = raw.get("color", "black")
    if color not in settings.section("colors"):
        close = difflib.get_close_matches(str(color), list(settings.section("colors")), n=1,
                                          cutoff=0.6)
        problem(
            (*path, "color"),
            _("swatch '{color}' does not exist", color=color),
            _("did you mean '{close}'?", close=close[0]) if close
            else _("use a swatch of the preset or add it under {key} in paigen.yaml", key="colors:"),
        )
    fields["color"] = color
    align = raw.get("align", "center")
    if align not in ALIGNS:
        problem(
            (*path, "align"), _("align '{value}' is not known", value=align),
            _("use {choices}", choices=listing(("left", "center", "right", "justify（分散）")))
        )
    fields["align"] = ALIGNS.get(align, "center")
    valign = raw.get("valign", "middle")
    if valign not in VALIGNS:
        problem((*path, "valign"), _("valign '{value}' is not known", value=valign),
                _("use {choices}", choices=listing(("top", "middle", "bottom"))))
    fields["valign"] = valign
    for key in ("vertical", "balanced", "paragraphs"):
        if key in raw:
            if not isinstance(raw[key], bool):
                problem((*path, key), _("{value} is not {true} or {false}", value=repr(raw[key]), true="true",
                                        false="false"))
            else:
                fields[key] = raw[key]
    for key in ("min_mm", "max_mm", "leading"):
        if key in raw:
            value = _number(raw[key], (*path, key), problem, positive=True)
            if value is not None:
                fields[key] = value
    fields["sized"] = "max_mm" in fields
    if "max_mm" not in fields and box is not None and fields["boxed"]:
        fields["max_mm"] = min(box.h, box.w) if not fields.get("vertical") else box.w
    if fields.get("min_mm", 5.0) > fields.get("max_mm", 60.0) and (fields["sized"] or fields["boxed"]):
        problem(
            (*path, "min_mm"),
            _("min_mm {low} is larger than max_mm {high}", low=f"{fields.get('min_mm', 5.0):g}",
              high=f"{fields.get('max_mm', 60.0):g}"),
            _("make min_mm ≤ max_mm"),
        )
    if "lines" in raw:
        lines = raw["lines"]
        if isinstance(lines, bool) or not isinstance(lines, int) or lines < 1:
            problem((*path, "lines"), _("{value} is not a number of lines", value=repr(lines)),
                    _("write a whole number, e.g. {example}", example=2))
        else:
            fields["lines"] = lines
    if "fit" in raw and raw["fit"] not in FITS:
        problem((*path, "fit"), _("fit '{value}' is not known", value=raw["fit"]),
                _("use {example}", example="fit: contain"))
    if box is None:
        return None
    if kind == "text" and trim and fields["boxed"]:
        _check_margin(name, box, trim, settings, path, problem)
    return SlotSpec(box=box, **fields)


def safe_margin(settings: Settings, width: float, height: float) -> float:
    """No text within this distance of the trim (larger on boards of 600 mm and more)."""
    p = settings.section("print")
    large = min(width, height) >= p["large_board_mm"]
    return float(p["safe_margin_large_mm"] if large else p["safe_margin_mm"])


def _check_margin(
    name: str, box: Box, trim: tuple[float, float], settings: Settings, path: Path, problem
) -> None:
    margin = safe_margin(settings, *trim)
    inner = Box(margin, margin, trim[0] - 2 * margin, trim[1] - 2 * margin)
    if not inner.contains(box, 0.05):
        gap = min(box.x, box.y, trim[0] - box.right, trim[1] - box.bottom)
        problem(
            (*path, "box_mm"),
            _("text slot '{name}' comes within {gap} mm of the trim; text keeps {margin} mm clear "
              "on this sign", name=name, gap=f"{max(gap, 0):.1f}", margin=f"{margin:g}"),
            _("keep the box within {rule}",
              rule=f"x ≥ {margin:g}, y ≥ {margin:g}, x + width ≤ {trim[0] - margin:g}, "
                   f"y + height ≤ {trim[1] - margin:g}"),
        )
