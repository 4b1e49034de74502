"""Zip files paigen writes: Office packages (.xlsx, .docx) byte-identical from run to run, and
zips of kits whose Chinese file names every unzip reads back.

Office writers stamp the current time into the zip entries and into ``docProps/core.xml``;
both are replaced with the build's reference time (SOURCE_DATE_EPOCH). A name that is not ASCII
is stored as UTF-8 with the zip's UTF-8 flag (general purpose bit 11) set, so Windows Explorer,
7-Zip and Info-ZIP's unzip show ``board-1-入党誓词.pdf``, not mojibake.
"""

from __future__ import annotations

import io
import re
import zipfile

from paigen._io import source_datetime

UTF8_FLAG = 0x800  # general purpose bit 11: the name is UTF-8

_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def normalise_zip(data: bytes) -> bytes:
    """Return *data* re-zipped with fixed timestamps and fixed core-property dates."""
    when = source_datetime()
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _STAMP.sub(rb"\g<1>" + stamp + rb"\g<2>", body)
            fixed = zipfile.ZipInfo(info.filename, date_time=date_time)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, body)
    return out.getvalue()


def zip_info(name: str, date_time: tuple[int, ...] = (2020, 1, 1, 0, 0, 0)) -> zipfile.ZipInfo:
    """A zip entry for *name* (forward slashes) with a fixed time, deflated, UTF-8 flagged when
    the name is not ASCII."""
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    if not name.isascii():
        info.flag_bits |= UTF8_FLAG
    return info


def zip_files(files: dict[str, bytes]) -> bytes:
    """A zip of *files* (name → bytes) in name order: the same files give the same bytes."""
    when = max(source_datetime().timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(files):
            archive.writestr(zip_info(name, when), files[name])
    return out.getvalue()
