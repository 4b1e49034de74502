"""SVG masters (Inkscape, 1 unit = 1 mm): shapes read into the scene, slots from a `slots` layer.

Every shape becomes a scene path, so the PDF, SVG and preview of a master-based sign come from
one scene like a built-in sign's. What is drawn is what prints: a colour is the paint the file
holds (fill, stroke, style, CSS class, inherited), matched to a swatch of the settings by its
screen RGB, so the PDF stays DeviceCMYK with the county's own values. The ``data-swatch``
attribute paigen exports only *names* which of two swatches of the same RGB is meant; when it
disagrees with the paint (an Inkscape recolour keeps it), the paint wins and the check says so.
A colour that is no swatch, gradients, patterns, masks, clip paths, filters, blend modes and
opacity below 1 are refused by the object's id with the fix; text must be converted to paths,
pictures are refused (a master is vector artwork).
"""

from __future__ import annotations

import io
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path as FsPath

import svgelements as se

from paigen.errors import PaigenError
from paigen.i18n import N_, _
from paigen.layout.scene import Box, Path, Stroke
from paigen.masters._gate import read_master_bytes
from paigen.masters._slots import SlotFile
from paigen.model.settings import Settings

SLOTS_LAYER = "slots"
_INKSCAPE_LABEL = "{http://www.inkscape.org/namespaces/inkscape}label"
TOLERANCE_MM = 0.5
_SVG = "{http://www.w3.org/2000/svg}"
FIX_FLAT = N_("give it a flat swatch colour (Inkscape: Object > Fill and Stroke > Flat color)")
# features no master may use: (attribute or style property, the problem, the fix)
_REFUSED = (
    ("mask", N_("id {name} has a mask ({key}: {value})"),
     N_("remove the mask (Inkscape: Object > Mask > Release) and draw the shape it shows")),
    ("clip-path", N_("id {name} has a clip path ({key}: {value})"),
     N_("release the clip (Inkscape: Object > Clip > Release) and cut the shape itself (Path > "
        "Intersection)")),
    ("filter", N_("id {name} has a filter such as a blur or a shadow ({key}: {value})"),
     N_("remove the filter (Inkscape: Filters > Remove Filters); a print master is flat vector "
        "artwork")),
    ("mix-blend-mode", N_("id {name} has a blend mode ({key}: {value})"),
     N_("set the blend mode to Normal (Inkscape: Layers and Objects > Blend mode) and use swatch "
        "colours")),
)


def read_svg_master(
    file: FsPath, slots: SlotFile, settings: Settings, label: str, notes: list[str] | None = None
) -> tuple[tuple[Path, ...], dict[str, Box]]:
    """The master's shapes in scene mm and the slot boxes of its `slots` layer; what the check
    should say without refusing the master (a swatch name the paint overrides) goes to *notes*."""
    data = read_master_bytes(file, label, settings.limits)
    try:
        root = ET.fromstring(data)
        svg = se.SVG.parse(io.BytesIO(data), reify=True, ppi=25.4)
    except Exception as exc:  # svgelements raises plain exceptions for broken XML
        raise PaigenError(_("{file}: not a readable SVG ({error}); save it again as Inkscape SVG",
                            file=label, error=exc)) from None
    notes = notes if notes is not None else []
    problems: list[str] = []
    width, height = float(svg.width), float(svg.height)
    offset = _offset(width, height, slots)
    if offset is None:
        problems.append(_(
            "the page is {w} × {h} mm but {file} says size_mm {size} and bleed_mm {bleed} (the page "
            "must be the trim, or the trim plus the bleed on every side; set the document size in "
            "mm)", w=f"{width:.1f}", h=f"{height:.1f}", file=slots.file,
            size=f"[{slots.width:g}, {slots.height:g}]", bleed=f"{slots.bleed:g}"))
        offset = 0.0
    slot_ids = _slot_ids(root)
    servers = {e.get("id"): e.tag.rpartition("}")[2] for e in root.iter() if e.get("id")}
    problems += _refused_features(root, slot_ids)
    by_rgb = _swatches_by_rgb(settings)
    reach = 100 * max(slots.width, slots.height, 1.0)
    items: list[Path] = []
    boxes: dict[str, Box] = {}
    for element in svg.elements():
        if isinstance(element, se.Text):
            problems.append(_("text '{text}' (id {id}) is live text (convert it to outlines: "
                              "Inkscape Path > Object to Path)", text=element.text or "",
                              id=element.id))
            continue
        if isinstance(element, se.Image):
            problems.append(_("picture id {id} is a raster image (a master is vector artwork: "
                              "trace it or use an image slot)", id=element.id))
            continue
        if not isinstance(element, se.Shape):
            continue
        if element.id in slot_ids:
            if element.id:
                b = element.bbox()
                if b is not None:
                    x0, y0, x1, y1 = b
                    boxes[element.id] = Box(
                        round(x0 - offset, 3), round(y0 - offset, 3), round(x1 - x0, 3), round(y1 - y0, 3)
                    )
            continue
        if element.values.get("visibility") == "hidden" or element.values.get("display") == "none":
            continue
        paint = _Paint(settings, by_rgb, servers, problems, notes)
        path = _path(element, offset, paint)
        if path is not None and not _within(path, reach):
            problems.append(_("id {id} lies far outside the page (coordinates beyond {reach} mm: a "
                              "transform such as {example}?); reset its transform (Inkscape: "
                              "Object > Transform)", id=element.id, reach=f"{reach:g}",
                              example="scale(1e300)"))
            continue
        if path is not None:
            items.append(path)
    if problems:
        raise PaigenError(_("{file} cannot be used as a master:\n{problems}", file=label,
                            problems="\n".join(f"  {label}: {p}" for p in problems)))
    return tuple(items), boxes


def _offset(width: float, height: float, slots: SlotFile) -> float | None:
    if abs(width - slots.width) <= TOLERANCE_MM and abs(height - slots.height) <= TOLERANCE_MM:
        return 0.0
    b = slots.bleed
    if (
        abs(width - slots.width - 2 * b) <= TOLERANCE_MM
        and abs(height - slots.height - 2 * b) <= TOLERANCE_MM
    ):
        return b
    return None


def _within(path: Path, reach: float) -> bool:
    values = [v for op in path.ops for v in op[1:]]
    if path.stroke is not None:
        values.append(path.stroke.width)
    return all(math.isfinite(v) and abs(v) <= reach for v in values)


def _style(element) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in (element.get("style") or "").split(";"):
        key, sep, value = part.partition(":")
        if sep:
            out[key.strip()] = value.strip()
    return out


def _refused_features(root, slot_ids: set[str]) -> list[str]:
    """Masks, clip paths, filters and blend modes, named by the id of the element that has them
    (svgelements would drop them: the print would show what the screen hides)."""
    out: list[str] = []
    for element in root.iter():
        if element.get("id") in slot_ids:
            continue
        style = _style(element)
        for key, what, fix in _REFUSED:
            value = element.get(key) or style.get(key)
            if value and value not in ("none", "normal"):
                name = element.get("id") or element.tag.rpartition("}")[2]
                out.append(_("{problem} ({fix})", problem=_(what).format(name=name, key=key,
                                                                          value=value), fix=_(fix)))
    return out


def _slot_ids(root) -> set[str]:
    """The ids of the shapes inside the group whose id or Inkscape label is `slots`."""
    ids: set[str] = set()
    for group in root.iter(f"{_SVG}g"):
        if SLOTS_LAYER in (group.get("id"), group.get(_INKSCAPE_LABEL)):
            ids |= {e.get("id") for e in group.iter() if e is not group and e.get("id")}
    return ids


def _swatches_by_rgb(settings: Settings) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, entry in settings.section("colors").items():
        out.setdefault(str(entry["rgb"]).lower(), name)
    return out


class _Paint:
    """Turns an element's painted colours into swatch names, recording what is wrong."""

    def __init__(self, settings, by_rgb, servers, problems, notes):
        self.colors = settings.section("colors")
        self.by_rgb, self.servers, self.problems, self.notes = by_rgb, servers, problems, notes

    def swatch(self, element, attr: str, color) -> str | None:
        raw = element.values.get(attr)
        if isinstance(raw, str) and raw.strip().startswith("url("):
            ref = re.search(r"#([^)\s'\"]+)", raw)
            tag = self.servers.get(ref.group(1) if ref else "", "")
            fields = {"attr": attr, "id": element.id, "raw": raw.strip(), "fix": _(FIX_FLAT)}
            if "Gradient" in tag:
                self.problems.append(_("{attr} of id {id} is a gradient ({raw}): a master prints "
                                       "flat swatch colours only ({fix}, or draw the gradient as "
                                       "bands of swatch colours)", **fields))
            elif tag == "pattern":
                self.problems.append(_("{attr} of id {id} is a pattern ({raw}): a master prints "
                                       "flat swatch colours only ({fix})", **fields))
            else:
                self.problems.append(_("{attr} of id {id} is a paint server ({raw}): a master "
                                       "prints flat swatch colours only ({fix})", **fields))
            return None
        if color is None or color.value is None or str(color) == "none":
            return None
        if color.alpha is not None and color.alpha < 255:
            self.problems.append(_("{attr} of id {id} is transparent ({colour}) (use opaque "
                                   "colours)", attr=attr, id=element.id, colour=color.hexa))
            return None
        hexcolor = color.hex.lower()[:7]
        key = "data-swatch" if attr == "fill" else "data-stroke-swatch"
        named = element.values.get(key)
        if named in self.colors and str(self.colors[named]["rgb"]).lower() == hexcolor:
            return named  # the name tells apart two swatches of one RGB (black, registration)
        if hexcolor in self.by_rgb:
            if named:
                self.notes.append(_(
                    "id {id}: its {attr} is {colour}, printed as swatch {swatch}; its {key} "
                    "attribute still says '{named}' (the paint wins; delete the attribute to "
                    "silence this note)", id=element.id, attr=attr, colour=hexcolor,
                    swatch=self.by_rgb[hexcolor], key=key, named=named))
            return self.by_rgb[hexcolor]
        self.problems.append(_("colour {colour} ({attr} of id {id}) is no swatch of the settings "
                               "(use a swatch's colour, or add it with its CMYK under {key} in "
                               "paigen.yaml)", colour=hexcolor, attr=attr, id=element.id,
                               key="colors:"))
        return None


def _opacity(element, key: str) -> float:
    try:
        value = float(element.values.get(key, 1) or 1)
    except (TypeError, ValueError):
        return 1.0
    return value


def _path(element, offset: float, paint: _Paint) -> Path | None:
    for key in ("opacity", "fill-opacity", "stroke-opacity"):
        if _opacity(element, key) < 1:
            paint.problems.append(_("id {id} is transparent ({key} {value}) (use opaque swatch "
                                    "colours: Inkscape: Object > Fill and Stroke > Opacity 100 %)",
                                    id=element.id, key=key, value=f"{_opacity(element, key):g}"))
            break
    fill = paint.swatch(element, "fill", element.fill)
    stroke_color = paint.swatch(element, "stroke", element.stroke)
    stroke = None
    if stroke_color and element.stroke_width:
        width = (
            float(element.implicit_stroke_width)
            if hasattr(element, "implicit_stroke_width")
            else float(element.stroke_width)
        )
        stroke = Stroke(stroke_color, round(width, 4), _dash(element, width))
    if fill is None and stroke is None:
        return None
    ops: list[tuple] = []
    for seg in se.Path(element).segments():
        if isinstance(seg, se.Move):
            ops.append(("M", *_pt(seg.end, offset)))
        elif isinstance(seg, se.Line):
            ops.append(("L", *_pt(seg.end, offset)))
        elif isinstance(seg, se.Close):
            ops.append(("Z",))
        elif isinstance(seg, se.CubicBezier):
            ops.append(("C", *_pt(seg.control1, offset), *_pt(seg.control2, offset), *_pt(seg.end, offset)))
        elif isinstance(seg, se.QuadraticBezier):
            s, c, e = seg.start, seg.control, seg.end
            c1 = (s.x + 2 / 3 * (c.x - s.x), s.y + 2 / 3 * (c.y - s.y))
            c2 = (e.x + 2 / 3 * (c.x - e.x), e.y + 2 / 3 * (c.y - e.y))
            ops.append(("C", *_pt(se.Point(*c1), offset), *_pt(se.Point(*c2), offset), *_pt(e, offset)))
        elif isinstance(seg, se.Arc):
            for cubic in seg.as_cubic_curves():
                ops.append(
                    ("C", *_pt(cubic.control1, offset), *_pt(cubic.control2, offset), *_pt(cubic.end, offset))
                )
    if not ops:
        return None
    evenodd = str(element.values.get("fill-rule", "")).strip() == "evenodd"
    return Path(tuple(ops), fill=fill, stroke=stroke, name=element.id or "", evenodd=evenodd)


def _dash(element, width: float) -> tuple[float, ...]:
    """The stroke's dash pattern in mm (scaled like its width), () for a solid line."""
    raw = str(element.values.get("stroke-dasharray", "") or "").strip()
    if not raw or raw == "none":
        return ()
    try:
        values = [float(v) for v in re.split(r"[\s,]+", raw) if v]
    except ValueError:
        return ()
    given = float(element.stroke_width or 0) or 1.0
    scale = width / given if given else 1.0
    if not values or any(v < 0 for v in values) or not any(values):
        return ()
    return tuple(round(v * scale, 4) for v in values)


def _pt(point, offset: float) -> tuple[float, float]:
    return (round(float(point.x) - offset, 4), round(float(point.y) - offset, 4))
