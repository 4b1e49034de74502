"""The gate every master input passes before it is parsed: the artwork file, the pictures of
image slots, and what a PDF master's streams inflate to.

A master is read once per build and drawn into every village's sign, so a file that would take
gigabytes to read (a 40 MB master, a PDF whose 1.5 MB inflate to 1.5 GB, a 20000² PNG) is
refused here with its name, its size and the fix, before any parser sees it. The limits are the
county's ``limits.master_mb`` and ``limits.picture_mpx`` (paigen.yaml may raise them).
"""

from __future__ import annotations

import os
import stat
import zlib
from pathlib import Path

from paigen.errors import PaigenError
from paigen.i18n import _
from paigen.sources._gate import MB, Limits

INFLATED_MB = 64  # content streams of a PDF master in all, once inflated (a real one: < 5 MB)
IMAGE_INFLATED_MB = 256  # every image of a PDF master, once inflated
FORM_DEPTH = 32  # forms inside forms (Illustrator exports nest 2 or 3)
IMAGE_PIXELS = 200_000_000  # one image of a PDF master (2 m at 300 dpi is 140 megapixels)


def read_master_bytes(file: Path, label: str, limits: Limits) -> bytes:
    """The bytes of a master's artwork file: a regular file of at most ``limits.master_mb``."""
    return _read(file, label, limits.master_mb, _("export the master again (a master is vector "
                 "artwork of a few MB; embed smaller pictures)"))


def _read(file: Path, label: str, max_mb: float, fix: str) -> bytes:
    try:
        info = os.stat(file)
    except OSError as exc:
        raise PaigenError(_("{label}: cannot read the file ({error}); check the path",
                            label=label, error=exc.strerror or exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise PaigenError(_("{label}: is not a regular file (a pipe, device or folder); give a "
                            "saved file", label=label))
    limit = int(max_mb * MB)
    if info.st_size > limit:
        raise PaigenError(_("{label}: the file is {size} MB, above the limit of {limit} MB ({fix}; "
                            "or raise limits.master_mb in paigen.yaml)", label=label,
                            size=f"{info.st_size / MB:.1f}", limit=f"{max_mb:g}", fix=fix))
    try:
        with open(file, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise PaigenError(_("{label}: cannot read the file ({error}); check its permissions",
                            label=label, error=exc.strerror or exc)) from None
    if len(data) > limit:
        raise PaigenError(_("{label}: the file is larger than the limit of {limit} MB ({fix})",
                            label=label, limit=f"{max_mb:g}", fix=fix))
    return data


def picture_file(value: str, base_dir: Path | None, where: str) -> Path:
    """The picture an image slot names: a regular file inside the county folder."""
    if base_dir is None:
        raise PaigenError(_("{where}: the picture '{value}' has no county folder to come from "
                            "(build from a county folder that holds it)", where=where, value=value))
    root = base_dir.resolve()
    file = Path(value)
    if "\x00" in value or len(value) > 1000:
        raise PaigenError(_("{where}: '{value}' is no file name; write the picture's name, e.g. "
                            "{example}", where=where, value=value[:60], example="photos/东庄村.jpg"))
    if file.is_absolute() or ".." in file.parts:
        raise PaigenError(_("{where}: the picture '{value}' lies outside the county folder (copy "
                            "it into {folder} and write its name relative to that folder)",
                            where=where, value=value, folder=base_dir))
    resolved = (root / file).resolve()
    if root not in resolved.parents:
        raise PaigenError(_("{where}: the picture '{value}' leads outside the county folder (a "
                            "link?); copy the file itself into {folder}",
                            where=where, value=value, folder=base_dir))
    return resolved


def open_picture(file: Path, value: str, where: str, limits: Limits):
    """The picture as a loaded Pillow image, its file and pixel count held to the limits first."""
    import warnings

    from PIL import Image as PILImage

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)  # the limit below decides
        return _open_picture(file, value, where, limits)


def _open_picture(file: Path, value: str, where: str, limits: Limits):
    from PIL import Image as PILImage

    fix = _("put a JPEG or PNG file there")
    data = _read(file, _("{where}: the picture '{value}'", where=where, value=value),
                 limits.master_mb,
                 _("save the picture smaller (300 dpi at the slot's size is enough)"))
    import io

    try:
        picture = PILImage.open(io.BytesIO(data))  # reads the header only
        width, height = picture.size
    except PILImage.DecompressionBombError:
        raise PaigenError(_(
            "{where}: the picture '{value}' has more than {pixels} megapixels, above the limit of "
            "{limit} (save it smaller: 300 dpi at the slot's size is enough)", where=where,
            value=value, pixels=f"{PILImage.MAX_IMAGE_PIXELS * 2 / 1e6:.0f}",
            limit=f"{limits.picture_mpx:g}")) from None
    except (OSError, ValueError) as exc:
        raise PaigenError(_("{where}: cannot read the picture '{value}' ({error}); {fix}",
                            where=where, value=value, error=exc, fix=fix)) from None
    if width * height > limits.picture_mpx * 1e6:
        raise PaigenError(_(
            "{where}: the picture '{value}' is {w} × {h} px ({pixels} megapixels), above the limit "
            "of {limit} (save it smaller: 300 dpi at the slot's size is enough; or raise "
            "limits.picture_mpx in paigen.yaml)", where=where, value=value, w=width, h=height,
            pixels=f"{width * height / 1e6:.0f}", limit=f"{limits.picture_mpx:g}"))
    try:
        picture.load()
    except (OSError, ValueError, PILImage.DecompressionBombError, MemoryError) as exc:
        raise PaigenError(_("{where}: cannot read the picture '{value}' ({error}); {fix}",
                            where=where, value=value, error=exc, fix=fix)) from None
    return picture


def inflated_size(stream, limit: int) -> int | None:
    """What a Flate stream inflates to, counted up to *limit* + 1 without holding it; None for
    other filters (counted by pikepdf after this check)."""
    import pikepdf

    filters = stream.get("/Filter")
    if isinstance(filters, pikepdf.Array):
        names = [str(f) for f in filters]
    else:
        names = [str(filters)] if filters else []
    raw = stream.read_raw_bytes()
    if not names:
        return len(raw)
    if names != ["/FlateDecode"]:
        return None
    inflater = zlib.decompressobj()
    total, chunk, step = 0, raw, 1 << 20
    try:
        while total <= limit:
            out = inflater.decompress(chunk, step)
            total += len(out)
            chunk = inflater.unconsumed_tail
            if not chunk and len(out) < step:
                break
    except zlib.error:
        pass  # a damaged stream: pikepdf reports it when the page is read
    return total
