"""SVG masters (Inkscape, 1 unit = 1 mm): shapes read into the scene, slots from a `slots` layer.

Every shape becomes a scene path, so the PDF, SVG and preview of a master-based sign come from
one scene like a built-in sign's. Colours must be swatches of the settings — by the
``data-swatch`` attribute paigen writes, or by the swatch's screen RGB — so the PDF stays
DeviceCMYK with the county's own values; any other colour is refused by name. Text must be
converted to paths, pictures are refused (a master is vector artwork).
"""

from __future__ import annotations

from pathlib import Path as FsPath

import svgelements as se

from paigen.errors import PaigenError
from paigen.layout.scene import Box, Path, Stroke
from paigen.masters._slots import SlotFile
from paigen.model.settings import Settings

SLOTS_LAYER = "slots"
_INKSCAPE_LABEL = "{http://www.inkscape.org/namespaces/inkscape}label"
TOLERANCE_MM = 0.5


def read_svg_master(
    file: FsPath, slots: SlotFile, settings: Settings, label: str
) -> tuple[tuple[Path, ...], dict[str, Box]]:
    """The master's shapes in scene mm and the slot boxes of its `slots` layer."""
    try:
        svg = se.SVG.parse(str(file), reify=True, ppi=25.4)
    except Exception as exc:  # svgelements raises plain exceptions for broken XML
        raise PaigenError(f"{label}: not a readable SVG ({exc}); save it again as Inkscape SVG") from None
    problems: list[str] = []
    width, height = float(svg.width), float(svg.height)
    offset = _offset(width, height, slots)
    if offset is None:
        problems.append(
            f"the page is {width:.1f} × {height:.1f} mm but {slots.file} says size_mm "
            f"[{slots.width:g}, {slots.height:g}] and bleed_mm {slots.bleed:g} (the page must be "
            "the trim, or the trim plus the bleed on every side; set the document size in mm)"
        )
        offset = 0.0
    slot_ids = _slot_ids(file)
    by_rgb = _swatches_by_rgb(settings)
    items: list[Path] = []
    boxes: dict[str, Box] = {}
    for element in svg.elements():
        if isinstance(element, se.Text):
            problems.append(
                f"text '{element.text or ''}' (id {element.id}) is live text "
                "(convert it to outlines: Inkscape Path > Object to Path)"
            )
            continue
        if isinstance(element, se.Image):
            problems.append(
                f"picture id {element.id} is a raster image (a master is vector artwork: "
                "trace it or use an image slot)"
            )
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
        path = _path(element, offset, settings, by_rgb, problems)
        if path is not None:
            items.append(path)
    if problems:
        raise PaigenError(
            f"{label} cannot be used as a master:\n" + "\n".join(f"  {label}: {p}" for p in problems)
        )
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


def _slot_ids(file: FsPath) -> set[str]:
    """The ids of the shapes inside the group whose id or Inkscape label is `slots`."""
    import xml.etree.ElementTree as ET

    ids: set[str] = set()
    for group in ET.parse(file).getroot().iter("{http://www.w3.org/2000/svg}g"):
        if SLOTS_LAYER in (group.get("id"), group.get(_INKSCAPE_LABEL)):
            ids |= {e.get("id") for e in group.iter() if e is not group and e.get("id")}
    return ids


def _swatches_by_rgb(settings: Settings) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, entry in settings.section("colors").items():
        out.setdefault(str(entry["rgb"]).lower(), name)
    return out


def _swatch(
    element, attr: str, color, by_rgb: dict[str, str], settings: Settings, problems: list[str]
) -> str | None:
    if color is None or color.value is None or str(color) == "none":
        return None
    named = element.values.get("data-swatch" if attr == "fill" else "data-stroke-swatch")
    if named and named in settings.section("colors"):
        return named
    if color.alpha is not None and color.alpha < 255:
        problems.append(f"{attr} of id {element.id} is transparent ({color.hexa}) (use opaque colours)")
        return None
    hexcolor = color.hex.lower()[:7]
    if hexcolor in by_rgb:
        return by_rgb[hexcolor]
    problems.append(
        f"colour {hexcolor} ({attr} of id {element.id}) is no swatch of the settings "
        "(use a swatch's colour, or add it with its CMYK under colors: in paigen.yaml)"
    )
    return None


def _path(
    element, offset: float, settings: Settings, by_rgb: dict[str, str], problems: list[str]
) -> Path | None:
    if (
        float(element.values.get("opacity", 1) or 1) < 1
        or float(element.values.get("fill-opacity", 1) or 1) < 1
    ):
        problems.append(f"id {element.id} is transparent (opacity below 1) (use opaque colours)")
    fill = _swatch(element, "fill", element.fill, by_rgb, settings, problems)
    stroke_color = _swatch(element, "stroke", element.stroke, by_rgb, settings, problems)
    stroke = None
    if stroke_color and element.stroke_width:
        width = (
            float(element.implicit_stroke_width)
            if hasattr(element, "implicit_stroke_width")
            else float(element.stroke_width)
        )
        stroke = Stroke(stroke_color, round(width, 4))
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
    return Path(tuple(ops), fill=fill, stroke=stroke, name=element.id or "")


def _pt(point, offset: float) -> tuple[float, float]:
    return (round(float(point.x) - offset, 4), round(float(point.y) - offset, 4))
