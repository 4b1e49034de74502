"""Draw one wall's colour bands as DXF for CAD users: millimetres at 1:1, one layer per kind of thing.

Model space holds the elevation with its origin at the wall's left end on the ground, y up (the
CAD convention), 1 unit = 1 mm ($INSUNITS = 4). Every band is a solid hatch in its swatch's
screen colour on a layer of its own (``BAND-<swatch>``); dimensions are real DIMENSION entities a
CAD user can edit; text and dimension figures are sized to plot at the sheet's scale. The same
wall gives the same bytes: ezdxf's creation times and random GUIDs are replaced by the build's.
"""

from __future__ import annotations

import io
import uuid
from itertools import pairwise

import ezdxf
from ezdxf import colors, units
from ezdxf.document import CREATED_BY_EZDXF, WRITTEN_BY_EZDXF, Drawing
from ezdxf.enums import TextEntityAlignment
from ezdxf.sections.classes import REQ_R2004, REQUIRED_CLASSES
from ezdxf.tools import juliandate
from ezdxf.tools.codepage import tocodepage

from paigen._io import source_datetime
from paigen.layout.drawing import spread
from paigen.layout.facade import DIM, FIRST_TIER, NOTE, WallBands, legend_lines, mm_label
from paigen.model.settings import Settings

LAYER_OUTLINE = "OUTLINE"
LAYER_OPENINGS = "OPENINGS"
LAYER_DIMENSIONS = "DIMENSIONS"
LAYER_TEXT = "TEXT"
LAYER_CENTERLINE = "CENTERLINE"
LAYER_NAME = "CENTER-NAME"
TEXT_STYLE = "PAIGEN-HEI"
# 黑体 as CAD programs on Chinese Windows know it; others substitute their own CJK font.
TEXT_FONT = "simhei.ttf"
DIM_STYLE = "PAIGEN"
TIER_STEP = 10.0  # paper mm between chains of dimensions on one side
GUID_NAMESPACE = uuid.UUID("6f1c0a52-6a43-4d5e-9a8e-3f0b6e5d2c10")


def band_layer(swatch: str) -> str:
    return f"BAND-{swatch}"


def render_dxf(wall: WallBands, settings: Settings) -> bytes:
    """Draw *wall* as DXF bytes (R2010, UTF-8)."""
    doc = ezdxf.new("R2010", setup=["linetypes"])
    doc.units = units.MM
    doc.header["$MEASUREMENT"] = 1  # metric
    doc.header["$LUNITS"] = 2  # decimal
    _freeze_metadata(doc, wall)
    _tables(doc, wall, settings)
    msp = doc.modelspace()
    _bands(msp, wall, settings)
    _openings(msp, wall)
    _marks(msp, wall)
    _dimensions(msp, wall)
    _notes(msp, wall, settings)
    _register_classes(doc)
    stream = io.StringIO()
    doc.write(stream)
    return doc.encode(stream.getvalue())


def _rectangle(a) -> list[tuple[float, float]]:
    return [(a.x, a.y), (a.right, a.y), (a.right, a.top), (a.x, a.top)]


def _bands(msp, wall: WallBands, settings: Settings) -> None:
    """One solid hatch per band, its painted rectangles as external boundaries; the outline."""
    for band in wall.bands:
        if not band.regions:
            continue
        rgb = settings.swatch(band.color).rgb
        hatch = msp.add_hatch(dxfattribs={"layer": band_layer(band.color)})
        hatch.set_solid_fill(color=_aci(rgb), style=0, rgb=_rgb(rgb))
        for region in band.regions:
            hatch.paths.add_polyline_path(_rectangle(region), is_closed=True, flags=1)  # 1: external
    outline = [(0, 0), (wall.length, 0), (wall.length, wall.height), (0, wall.height)]
    msp.add_lwpolyline(outline, close=True, dxfattribs={"layer": LAYER_OUTLINE})
    s = wall.scale
    msp.add_line((-6 * s, 0), (wall.length + 6 * s, 0), dxfattribs={"layer": LAYER_OUTLINE, "lineweight": 70})


def _openings(msp, wall: WallBands) -> None:
    for hole in wall.holes:
        a = hole.area
        msp.add_lwpolyline(_rectangle(a), close=True, dxfattribs={"layer": LAYER_OPENINGS})
        label = msp.add_mtext(f"{hole.code}\\P{a.w:.0f}×{a.h:.0f}",
                              dxfattribs={"layer": LAYER_TEXT, "style": TEXT_STYLE,
                                          "char_height": (DIM - 0.5) * wall.scale})
        label.set_location((a.x + a.w / 2, a.y + a.h / 2), attachment_point=5)  # 5: middle centre


def _marks(msp, wall: WallBands) -> None:
    """The centre name's box and the flagpole's centre line on the main front."""
    s = wall.scale
    if wall.name_box:
        box = wall.name_box.area
        msp.add_lwpolyline(_rectangle(box), close=True,
                           dxfattribs={"layer": LAYER_NAME, "linetype": "DASHED", "ltscale": 4 * s})
        nb = wall.name_box
        lines = nb.lines or (nb.text,)
        for i, line in enumerate(lines):
            w = len(line) * nb.letter_mm + (len(line) - 1) * nb.gap_mm
            x, y = box.x + (box.w - w) / 2, box.top - nb.letter_mm - i * (nb.letter_mm + nb.gap_mm)
            name = msp.add_text(line, height=nb.letter_mm,
                                dxfattribs={"layer": LAYER_NAME, "style": TEXT_STYLE})
            name.set_placement((x, y), (x + w, y), align=TextEntityAlignment.FIT)
    if wall.flagpole_x is not None:
        top = wall.height + (FIRST_TIER + 7) * s
        msp.add_line((wall.flagpole_x, wall.height), (wall.flagpole_x, top),
                     dxfattribs={"layer": LAYER_CENTERLINE, "linetype": "CENTER", "ltscale": 4 * s})
        label = msp.add_text("旗杆中心线", height=DIM * s,
                             dxfattribs={"layer": LAYER_TEXT, "style": TEXT_STYLE})
        label.set_placement((wall.flagpole_x, top + s), align=TextEntityAlignment.BOTTOM_CENTER)


def _notes(msp, wall: WallBands, settings: Settings) -> None:
    """The title above the elevation; legend, rule, areas, project and date below it."""
    s = wall.scale
    text = {"layer": LAYER_TEXT, "style": TEXT_STYLE}
    title = f"{wall.name}外墙色带立面图" + ("（主立面）" if wall.main else "") + f"  1:{s}"
    msp.add_text(title, height=5 * s, dxfattribs=text).set_placement(
        (0, wall.height + (FIRST_TIER + 16) * s), align=TextEntityAlignment.BOTTOM_LEFT)
    notes = [line for line, _ in legend_lines(wall, settings)]
    notes += [f"项目：{wall.place}", f"日期：{settings.kit_date.isoformat()}"]
    mtext = msp.add_mtext("\\P".join(notes), dxfattribs={**text, "char_height": NOTE * s})
    mtext.set_location((0, -(FIRST_TIER + 2 * TIER_STEP + 4) * s))
    mtext.dxf.width = max(wall.length, 240 * s)


def _register_classes(doc: Drawing) -> None:
    """Register the CLASSES in a fixed order before ezdxf adds them from a set (hash order)."""
    for name in REQUIRED_CLASSES.get(doc.dxfversion, REQ_R2004):
        doc.classes.add_class(name)
    for dxftype in sorted(doc.entitydb.dxf_types_in_use()):
        doc.classes.add_class(dxftype)


def _tables(doc: Drawing, wall: WallBands, settings: Settings) -> None:
    doc.styles.new(TEXT_STYLE, dxfattribs={"font": TEXT_FONT})
    for name in (LAYER_OUTLINE, LAYER_OPENINGS, LAYER_DIMENSIONS, LAYER_TEXT):
        doc.layers.add(name, color=7)
    doc.layers.add(LAYER_CENTERLINE, color=7, linetype="CENTER")
    doc.layers.add(LAYER_NAME, color=_aci(settings.swatch(settings.sign("center-name")["color"]).rgb))
    for color in dict.fromkeys(b.color for b in wall.bands):
        rgb = settings.swatch(color).rgb
        doc.layers.add(band_layer(color), color=_aci(rgb), true_color=ezdxf.rgb2int(_rgb(rgb)))
    style = doc.dimstyles.new(DIM_STYLE, dxfattribs={
        "dimtxsty": TEXT_STYLE, "dimtxt": DIM, "dimasz": 1.2, "dimexe": 1.5, "dimexo": 1.0, "dimgap": 0.8,
        "dimtad": 1, "dimdec": 1, "dimzin": 8, "dimlunit": 2, "dimscale": wall.scale, "dimtih": 0,
        "dimtoh": 0, "dimtmove": 2,
    })
    style.set_arrows(blk=ezdxf.ARROWS.architectural_tick)


def _dimensions(msp, wall: WallBands) -> None:
    """The chains of the drawing as DIMENSION entities; crowded figures moved along their line."""
    s = wall.scale
    h = DIM * s
    for chain in wall.chains:
        offset = (FIRST_TIER + chain.tier * TIER_STEP) * s
        stops = list(chain.stops)
        labels = [mm_label(b - a) for a, b in pairwise(stops)]
        mids = [(a + b) / 2 for a, b in pairwise(stops)]
        widths = [len(label) * 0.65 * h for label in labels]  # a digit is about 0.6 em wide
        inside = (stops[0] + widths[0] / 2, stops[-1] - widths[-1] / 2)
        places = spread(mids, widths, 0.8 * h, inside)
        for (a, b), mid, place in zip(pairwise(stops), mids, places, strict=True):
            moved = abs(place - mid) > 0.05 * s
            if chain.axis == "y":  # figures read from the right, left of the line
                edge = 0.0 if chain.side == "left" else wall.length
                x = edge - offset if chain.side == "left" else edge + offset
                p1, p2, base, angle = (edge, a), (edge, b), (x, a), 90
                location = (x - 0.8 * s - h / 2, place) if moved else None
            else:  # figures above the line
                edge = 0.0 if chain.side == "below" else wall.height
                y = edge - offset if chain.side == "below" else edge + offset
                p1, p2, base, angle = (a, edge), (b, edge), (a, y), 0
                location = (place, y + 0.8 * s + h / 2) if moved else None
            msp.add_linear_dim(base=base, p1=p1, p2=p2, angle=angle, location=location, dimstyle=DIM_STYLE,
                               dxfattribs={"layer": LAYER_DIMENSIONS}).render()


def _rgb(hex_color: str) -> tuple[int, int, int]:
    value = hex_color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _aci(hex_color: str) -> int:
    """The nearest AutoCAD colour index, for programs that ignore true colour (7 is black/white)."""
    rgb = _rgb(hex_color)
    if rgb == (255, 255, 255):
        return 7  # white: CAD shows ACI 7 white on a dark screen, black on paper views
    palette = [colors.int2rgb(v) for v in colors.DXF_DEFAULT_COLORS]
    return min(range(1, 256), key=lambda i: sum((c - d) ** 2 for c, d in zip(palette[i], rgb, strict=True)))


def _freeze_metadata(doc: Drawing, wall: WallBands) -> None:
    """Stamp the build's time and name-derived GUIDs instead of ezdxf's now() and random ones.

    ezdxf sets $TDCREATE and random GUIDs in ``new()`` and the update time and a new version
    GUID on every write; replacing its metadata hook keeps every write of one wall identical.
    """
    when = source_datetime()
    stamp = juliandate(when.replace(tzinfo=None))
    marker = f"{ezdxf.__version__} @ {when.isoformat()}"
    key = f"paigen:{wall.place}:{wall.name}"

    def update() -> None:
        meta = doc.ezdxf_metadata()
        meta[CREATED_BY_EZDXF] = marker
        meta[WRITTEN_BY_EZDXF] = marker
        for var in ("$TDCREATE", "$TDUCREATE", "$TDUPDATE", "$TDUUPDATE"):
            doc.header[var] = stamp
        doc.header["$TDINDWG"] = 0.0
        doc.header["$TDUSRTIMER"] = 0.0
        doc.header["$FINGERPRINTGUID"] = "{" + str(uuid.uuid5(GUID_NAMESPACE, key)).upper() + "}"
        doc.header["$VERSIONGUID"] = "{" + str(uuid.uuid5(GUID_NAMESPACE, key + ":version")).upper() + "}"
        doc.header["$HANDSEED"] = str(doc.entitydb.handles)
        doc.header["$DWGCODEPAGE"] = tocodepage(doc.encoding)

    doc._update_metadata = update  # ezdxf's hook, called by write()
