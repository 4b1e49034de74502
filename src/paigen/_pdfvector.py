"""Read the filled paths of a one-page vector PDF (an emblem file) with their colours.

Handles what vector exports contain: q/Q/cm, path construction (m l c v y h re), fills
(f F f* B B* b b*), DeviceCMYK/RGB/Gray colours (k rg g, sc/scn with 1, 3 or 4 components).
Strokes, images, text and shadings are refused with a message saying how to fix the file.
"""

from __future__ import annotations

import pikepdf

from paigen.errors import PaigenError
from paigen.i18n import _

_FILL = {"f", "F", "f*", "B", "B*", "b", "b*"}


def _mul(a, b):
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def _rgb(values: list[float]) -> tuple[int, int, int]:
    if len(values) == 4:
        c, m, y, k = values
        return tuple(round(255 * (1 - v) * (1 - k)) for v in (c, m, y))  # type: ignore[return-value]
    if len(values) == 3:
        return tuple(round(255 * v) for v in values)  # type: ignore[return-value]
    g = values[0] if values else 0.0
    return (round(255 * g),) * 3  # type: ignore[return-value]


def _number(value) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def pdf_shapes(file: str):
    """(width, height, [(ops in y-down units, rgb, even-odd)]) of the PDF's first page."""
    try:
        pdf = pikepdf.open(file)
    except (pikepdf.PdfError, OSError) as exc:
        raise PaigenError(_("assets.emblem: {file} is not a readable PDF ({error}); export the "
                            "emblem again as PDF", file=file, error=exc)) from None
    with pdf:
        page = pdf.pages[0]
        x0, y0, x1, y1 = (float(v) for v in page.trimbox)
        height = y1 - y0
        ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
        stack = []
        fill = [0.0]
        current: list = []
        shapes = []
        last = (0.0, 0.0)

        def pt(x, y):
            a, b, c, d, e, f = ctm
            return (a * x + c * y + e, height - (b * x + d * y + f))

        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            args = [float(v) for v in (operands if op != "INLINE IMAGE" else ()) if _number(v)]
            if op == "q":
                stack.append((ctm, list(fill)))
            elif op == "Q" and stack:
                ctm, fill = stack.pop()
            elif op == "cm":
                ctm = _mul(tuple(args), ctm)
            elif op in ("k", "rg", "g", "sc", "scn"):
                fill = args
            elif op == "m":
                last = (args[0], args[1])
                current.append(("M", *pt(*args)))
            elif op == "l":
                last = (args[0], args[1])
                current.append(("L", *pt(*args)))
            elif op == "c":
                current.append(("C", *pt(*args[0:2]), *pt(*args[2:4]), *pt(*args[4:6])))
                last = (args[4], args[5])
            elif op == "v":
                current.append(("C", *pt(*last), *pt(*args[0:2]), *pt(*args[2:4])))
                last = (args[2], args[3])
            elif op == "y":
                current.append(("C", *pt(*args[0:2]), *pt(*args[2:4]), *pt(*args[2:4])))
                last = (args[2], args[3])
            elif op == "h":
                current.append(("Z",))
            elif op == "re":
                x, y, w, h = args
                current += [("M", *pt(x, y)), ("L", *pt(x + w, y)), ("L", *pt(x + w, y + h)),
                            ("L", *pt(x, y + h)), ("Z",)]
            elif op in _FILL:
                if op.startswith("B") or op.startswith("b"):
                    raise PaigenError(_("assets.emblem: {file} has stroked outlines; convert "
                                        "strokes to filled paths before exporting", file=file))
                shapes.append((tuple(current), _rgb(fill), op.endswith("*")))
                current = []
            elif op in ("S", "s"):
                raise PaigenError(_("assets.emblem: {file} has stroked outlines; convert strokes "
                                    "to filled paths before exporting", file=file))
            elif op == "n":
                current = []
            elif op in ("Do", "INLINE IMAGE", "sh"):
                raise PaigenError(_("assets.emblem: {file} holds an image or shading; the emblem "
                                    "must be flat vector paths in gold or red", file=file))
            elif op in ("Tj", "TJ", "'", '"'):
                raise PaigenError(_("assets.emblem: {file} holds text; nothing may be added to the "
                                    "emblem (convert it to paths or remove it)", file=file))
        return x1 - x0, height, shapes
