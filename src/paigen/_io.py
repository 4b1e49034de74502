"""Atomic file writes and the build's reference time.

Every output goes through :func:`atomic_write`: the bytes land in a temporary file in the same
folder and are renamed over the target, so a killed run never leaves a half-written file.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from paigen.i18n import _, quoted

# Used for file metadata when SOURCE_DATE_EPOCH is not set, so builds stay byte-identical.
DEFAULT_EPOCH = 1577836800  # 2020-01-01T00:00:00Z


@contextmanager
def atomic_file(path: str | Path, durable: bool = True) -> Iterator[BinaryIO]:
    """A file to write *path* through: a temporary file of the same folder, renamed over *path*
    when the block ends without an error and removed when it fails (parent folders created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: str | Path, data: bytes, durable: bool = True) -> Path:
    """Write *data* to *path* atomically, creating parent folders; return the path.

    *durable* also flushes the file to disk before the rename; files of a staging folder that
    is itself swapped into place skip it (a killed process loses nothing the OS has been given).
    """
    with atomic_file(path, durable) as fh:
        fh.write(data)
    return Path(path)


MAX_EPOCH = 253402300799  # 9999-12-31T23:59:59Z, the last second a PDF date can hold


def epoch_problem() -> str:
    """Why SOURCE_DATE_EPOCH cannot be used ('' when it is unset, empty or fine)."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None or not value.strip():
        return ""
    text = value.strip()
    if not (text.isascii() and text.isdigit()):
        return _("SOURCE_DATE_EPOCH={value} is not a number of seconds since 1970; set it to e.g. "
                 "`$(date +%s)`, or unset it", value=quoted(text[:20]))
    if int(text) > MAX_EPOCH:
        return _("SOURCE_DATE_EPOCH={value} is after the year 9999; set it to e.g. `$(date +%s)`, or "
                 "unset it", value=text[:20])
    return ""


def tidy_environment() -> None:
    """An empty SOURCE_DATE_EPOCH means unset (fontTools would fail on it)."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is not None and not value.strip():
        del os.environ["SOURCE_DATE_EPOCH"]


def source_epoch() -> int:
    """Seconds since 1970 for embedded timestamps: SOURCE_DATE_EPOCH or a fixed default."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isascii() and value.isdigit() and int(value) <= MAX_EPOCH:
        return int(value)
    return DEFAULT_EPOCH


def source_datetime() -> dt.datetime:
    return dt.datetime.fromtimestamp(source_epoch(), tz=dt.UTC)


def kit_date(configured: str | None = None) -> dt.date:
    """The date a kit's drawings carry: *configured* (``kit.date``, YYYY-MM-DD), else the day of
    SOURCE_DATE_EPOCH (reproducible builds), else the build day — never a fixed default."""
    if configured:
        return dt.date.fromisoformat(str(configured))
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return dt.datetime.fromtimestamp(int(value), tz=dt.UTC).date()
    return dt.date.today()


def check_folder(out: Path) -> None:
    """Refuse an output folder that is a file or lies below one (UsageError with the fix)."""
    from paigen.errors import UsageError

    for parent in [out, *out.parents]:
        if parent.exists() and not parent.is_dir():
            if parent == out:
                raise UsageError(_("output folder {folder} is a file; give a folder with -o",
                                   folder=quoted(out)))
            raise UsageError(_("output folder {folder} is below the file {file}; give a folder with -o",
                               folder=quoted(out), file=quoted(parent)))
