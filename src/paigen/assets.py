"""External artwork the kit places but never draws itself: the Party emblem (党徽).

The regulation (《中国共产党党徽党旗条例》) allows the emblem only as its official drawing,
scaled uniformly, in gold or red, with nothing on it. paigen therefore reads the file given as
``assets.emblem`` in paigen.yaml (SVG, or a one-page vector PDF) into vector shapes, maps each
of its colours to the preset's gold or red swatch, and lets layouts place it in the slots they
reserve. A colour that is neither is an error naming the file and the colour; a raster image in
the file is an error too (the print would be blurred at 600 mm).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path as FsPath

from paigen.errors import PaigenError
from paigen.i18n import _, listing
from paigen.layout.scene import Box, Path
from paigen.model.settings import Settings

EMPTY_NOTE = "党徽位置留空：在 paigen.yaml 的 assets.emblem 指定党徽矢量文件"
# Without a file and with assets.emblem_missing: recentre (the default), no slot is kept.
RECENTRED_NOTE = ("未放党徽，版面居中不留空位：如需党徽，在 paigen.yaml 的 assets.emblem 指定党徽矢量文件，"
                  "或设 assets.emblem_missing: keep_space 留位现场安装")


@dataclass(frozen=True)
class VectorArt:
    """Vector shapes in the file's own units (y down), each filled with a preset swatch."""

    file: str
    width: float
    height: float
    shapes: tuple[tuple[tuple, str, bool], ...]  # (ops, swatch, even-odd)

    def placed(self, box: Box, name: str = "emblem") -> list[Path]:
        """The shapes scaled uniformly (never stretched) and centred in *box*."""
        k = min(box.w / self.width, box.h / self.height)
        dx = box.x + (box.w - self.width * k) / 2
        dy = box.y + (box.h - self.height * k) / 2
        out = []
        for ops, swatch, evenodd in self.shapes:
            moved = tuple((op[0], *(v * k + (dx if i % 2 == 0 else dy) for i, v in enumerate(op[1:])))
                          for op in ops)
            out.append(Path(moved, fill=swatch, name=name, evenodd=evenodd))
        return out


def emblem_file(settings: Settings) -> FsPath | None:
    value = settings.section("assets").get("emblem")
    return settings.resolve_path(str(value)) if value else None


def load_emblem(settings: Settings) -> VectorArt | None:
    """The emblem of ``assets.emblem`` as vector shapes, or None when no file is given."""
    path = emblem_file(settings)
    if path is None:
        return None
    if not path.is_file():
        raise PaigenError(_("assets.emblem: {file} does not exist; give the path of the emblem's "
                            "SVG or PDF file, relative to the county folder", file=path))
    spec = settings.section("assets")
    names = spec.get("emblem_colors", ["gold", "party-red"])
    colors = tuple((name, settings.swatch(name).rgb) for name in names)
    tolerance = float(spec.get("emblem_color_tolerance", 60))
    stat = path.stat()
    return _load(str(path), stat.st_mtime_ns, stat.st_size, colors, tolerance)


@lru_cache(maxsize=8)
def _load(file: str, _mtime: int, _size: int, colors: tuple[tuple[str, str], ...],
          tolerance: float) -> VectorArt:
    suffix = FsPath(file).suffix.lower()
    if suffix == ".svg":
        width, height, shapes = _svg_shapes(file)
    elif suffix == ".pdf":
        from paigen._pdfvector import pdf_shapes

        width, height, shapes = pdf_shapes(file)
    else:
        raise PaigenError(_("assets.emblem: {file} is not an SVG or PDF file; give the emblem as "
                            "vector artwork (.svg or .pdf)", file=file))
    if not shapes:
        raise PaigenError(_("assets.emblem: {file} has no filled shapes; export the emblem as "
                            "filled paths", file=file))
    out = []
    for ops, rgb, evenodd in shapes:
        out.append((ops, _swatch(file, rgb, colors, tolerance), evenodd))
    return VectorArt(file, width, height, tuple(out))


def _swatch(file: str, rgb: tuple[int, int, int], colors, tolerance: float) -> str:
    """The gold or red swatch an emblem colour stands for; any other colour is an error."""
    best, distance = "", float("inf")
    for name, hex_rgb in colors:
        target = tuple(int(hex_rgb[i:i + 2], 16) for i in (1, 3, 5))
        d = sum((a - b) ** 2 for a, b in zip(rgb, target, strict=True)) ** 0.5
        if d < distance:
            best, distance = name, d
    if distance > tolerance:
        allowed = listing(f"{n} {h}" for n, h in colors)
        raise PaigenError(_(
            "assets.emblem: {file} uses the colour {colour}, which is neither gold nor red (the "
            "emblem may only be gold or red: {allowed}); recolour it or remove the shape (a white "
            "background, an outline) from the file",
            file=file, colour=f"#{rgb[0]:02X}{rgb[1]:02X}{rgb[2]:02X}", allowed=allowed))
    return best


def _svg_shapes(file: str):
    import svgelements as se

    try:
        svg = se.SVG.parse(file, reify=True)
    except Exception as exc:  # svgelements raises many kinds on a broken file
        raise PaigenError(_("assets.emblem: {file} is not a readable SVG ({error}); export it "
                            "again", file=file, error=exc)) from None
    shapes = []
    for element in svg.elements():
        if isinstance(element, se.Image):
            raise PaigenError(_("assets.emblem: {file} holds a raster image; the emblem must be "
                                "vector paths (trace it or use the official vector file)", file=file))
        if not isinstance(element, se.Shape) or isinstance(element, se.Group):
            continue
        if element.values.get("visibility") == "hidden" or element.values.get("display") == "none":
            continue
        fill = element.fill
        stroke = element.stroke
        if stroke is not None and stroke.value is not None and element.stroke_width:
            raise PaigenError(_("assets.emblem: {file} has stroked outlines (colour {colour}); "
                                "convert strokes to filled paths (Inkscape: Path ▸ Stroke to Path)",
                                file=file, colour=stroke.hex))
        if fill is None or fill.value is None:
            continue
        if fill.alpha is not None and fill.alpha < 255:
            raise PaigenError(_("assets.emblem: {file} has a translucent fill ({colour}); print "
                                "files allow no transparency — make it opaque",
                                file=file, colour=fill.hex))
        ops = _svg_ops(se.Path(element))
        if ops:
            evenodd = str(element.values.get("fill-rule", "nonzero")).strip() == "evenodd"
            shapes.append((ops, (fill.red, fill.green, fill.blue), evenodd))
    x, y, w, h = _svg_box(svg, shapes)
    moved = [(tuple((op[0], *(v - (x if i % 2 == 0 else y) for i, v in enumerate(op[1:]))) for op in ops),
              rgb, evenodd) for ops, rgb, evenodd in shapes]
    return w, h, moved


def _svg_box(svg, shapes) -> tuple[float, float, float, float]:
    view = svg.viewbox
    if view is not None and view.width and view.height:
        return (0.0, 0.0, float(svg.width), float(svg.height))
    xs = [v for ops, __, __ in shapes for op in ops for v in op[1::2]]
    ys = [v for ops, __, __ in shapes for op in ops for v in op[2::2]]
    if not xs:
        return (0.0, 0.0, 1.0, 1.0)
    return (min(xs), min(ys), max(xs) - min(xs) or 1.0, max(ys) - min(ys) or 1.0)


def _svg_ops(path) -> tuple:
    import svgelements as se

    ops: list = []
    for seg in path.segments():
        if isinstance(seg, se.Move):
            ops.append(("M", seg.end.x, seg.end.y))
        elif isinstance(seg, se.Close):
            ops.append(("Z",))
        elif isinstance(seg, se.Line):
            ops.append(("L", seg.end.x, seg.end.y))
        elif isinstance(seg, se.CubicBezier):
            ops.append(("C", seg.control1.x, seg.control1.y, seg.control2.x, seg.control2.y,
                        seg.end.x, seg.end.y))
        elif isinstance(seg, se.QuadraticBezier):
            s, c, e = seg.start, seg.control, seg.end
            ops.append(("C", s.x + 2 / 3 * (c.x - s.x), s.y + 2 / 3 * (c.y - s.y),
                        e.x + 2 / 3 * (c.x - e.x), e.y + 2 / 3 * (c.y - e.y), e.x, e.y))
        elif isinstance(seg, se.Arc):
            for cubic in seg.as_cubic_curves():
                ops.append(("C", cubic.control1.x, cubic.control1.y, cubic.control2.x, cubic.control2.y,
                            cubic.end.x, cubic.end.y))
    return tuple(ops)


__all__ = ["EMPTY_NOTE", "RECENTRED_NOTE", "VectorArt", "emblem_file", "load_emblem"]
