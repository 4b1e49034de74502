"""The loading gate: limits every input passes before it is parsed.

A profile, ``paigen.yaml`` or workbook is checked for its size on disk, and a workbook for the
unpacked size and compression ratio of each of its parts, before any parser sees it; the YAML
reader counts values (aliases each time they are used), nesting, list lengths and string
lengths while it builds the tree. Defaults come from the preset's ``limits`` section and are far
above any real village; a county may raise them in ``paigen.yaml``. Anything refused is a
:class:`~paigen.errors.ProfileError` naming the file and the limit.
"""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass, fields
from pathlib import Path

from paigen.errors import Location, Problem, ProfileError
from paigen.i18n import _

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_mb: float = 8
    workbook_mb: float = 32
    zip_member_mb: float = 64
    zip_ratio: float = 100
    yaml_nodes: int = 100_000
    depth: int = 24
    list_items: int = 1000
    string_chars: int = 10_000
    workbook_rows: int = 20_000
    master_mb: float = 32
    picture_mpx: float = 40

    @classmethod
    def from_settings(cls, data: dict | None) -> Limits:
        """The preset's and paigen.yaml's limits, then those given on the command line."""
        data = {**(data or {}), **OVERRIDES}
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


DEFAULT = Limits()
# Set by `paigen --limit NAME=VALUE`: wins over the preset and paigen.yaml, for this run.
OVERRIDES: dict[str, float] = {}


def set_override(text: str) -> None:
    """Read one ``NAME=VALUE`` of ``--limit``; raise ValueError with the fix."""
    names = [f.name for f in fields(Limits)]
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or name not in names:
        raise ValueError(_("--limit '{text}': give NAME=VALUE with NAME one of {names}", text=text,
                           names=", ".join(names)))
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not (number > 0 and number < 1e12):
        raise ValueError(_("--limit '{text}': the value must be a number above 0", text=text))
    kind = next(f.type for f in fields(Limits) if f.name == name)
    OVERRIDES[name] = int(number) if kind in (int, "int") else number


def refuse(label: str, message: str, fix: str, where: Location | None = None) -> ProfileError:
    return ProfileError([Problem(where or Location(label), "", message, fix)])


def read_bytes(file: Path, label: str, max_mb: float) -> bytes:
    """The bytes of a regular file of at most *max_mb*; FIFOs, devices and loops are refused."""
    try:
        info = os.stat(file)
    except OSError as exc:
        raise refuse(label, _("cannot read the file: {reason}", reason=exc.strerror or exc),
                     _("check the path (a link that points to itself or to nothing?)")) from None
    if not stat.S_ISREG(info.st_mode):
        raise refuse(label, _("is not a regular file (a pipe, device or folder)"),
                     _("give a profile saved as a file")) from None
    limit = int(max_mb * MB)
    if info.st_size > limit:
        raise refuse(label, _("the file is {size} MB, above the limit of {max} MB",
                              size=f"{info.st_size / MB:.1f}", max=f"{max_mb:g}"),
                     _("a village profile is a few kB: check the file, or raise limits.file_mb "
                       "in paigen.yaml"))
    try:
        with open(file, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise refuse(label, _("cannot read the file: {reason}", reason=exc.strerror or exc),
                     _("check its permissions")) from None
    if len(data) > limit:
        raise refuse(label, _("the file is larger than the limit of {max} MB", max=f"{max_mb:g}"),
                     _("raise limits.file_mb in paigen.yaml"))
    return data


def check_workbook(file: Path, label: str, limits: Limits = DEFAULT) -> None:
    """Refuse a workbook whose parts would unpack beyond the limits (a zip bomb)."""
    try:
        info = os.stat(file)
    except OSError as exc:
        raise refuse(label, _("cannot read the workbook: {reason}", reason=exc.strerror or exc),
                     _("check the path")) from None
    if not stat.S_ISREG(info.st_mode):
        raise refuse(label, _("is not a regular file"), _("give the county workbook (.xlsx)"))
    read_size = info.st_size
    if read_size > limits.workbook_mb * MB:
        raise refuse(label, _("the workbook is {size} MB, above the limit of {max} MB",
                              size=f"{read_size / MB:.1f}", max=f"{limits.workbook_mb:g}"),
                     _("raise limits.workbook_mb in paigen.yaml"))
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise refuse(label, _("cannot read the workbook: {reason}", reason=exc),
                     _("open it in Excel or WPS and save it again as .xlsx")) from None
    total = 0
    for member in members:
        size, packed = member.file_size, max(member.compress_size, 1)
        total += size
        if size > limits.zip_member_mb * MB:
            raise refuse(label, _("the part {part} unpacks to {size} MB, above the limit of {max} MB",
                                  part=member.filename, size=f"{size / MB:.0f}",
                                  max=f"{limits.zip_member_mb:g}"),
                         _("save the workbook again from Excel/WPS, or raise limits.zip_member_mb"))
        if size > MB and size / packed > limits.zip_ratio:
            raise refuse(label, _("the part {part} unpacks {ratio} times its packed size (limit {max})",
                                  part=member.filename, ratio=f"{size / packed:.0f}",
                                  max=f"{limits.zip_ratio:g}"),
                         _("this is not an ordinary workbook; save it again from Excel/WPS"))
    if total > 4 * limits.zip_member_mb * MB:
        raise refuse(label, _("the workbook unpacks to {size} MB in all", size=f"{total / MB:.0f}"),
                     _("save it again from Excel/WPS, or raise limits.zip_member_mb"))
