"""Check what a browser uploads before any of it touches the disk.

An upload is a county workbook (.xlsx), one or more profiles (.yaml/.yml), or a zip of a county
folder. Uploaded file names never become paths: a workbook is stored as ``村庄信息.xlsx``, the
profiles as ``profile-<n>.yaml``, and the names the user gave are kept only to be shown. A zip
is checked whole — member names (absolute, ``..``, drive letters, backslashes), symlinks and
other special files, member count, total unpacked size and compression ratio — before a single
member is extracted, and extraction stops at the declared sizes. Every file is held to the
loading gate's size limits (:mod:`paigen.sources._gate`) before anything parses it, and a zip
whose names clash (one name twice, a name that is both a file and a folder, two names that differ
only by case) or whose members do not unpack to what they declare is refused whole.
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from paigen._io import atomic_write
from paigen.i18n import _, listing, quoted
from paigen.model.settings import SETTINGS_FILE
from paigen.sources._gate import MB, Limits

WORKBOOK_NAME = "村庄信息.xlsx"
PROFILE_SUFFIXES = (".yaml", ".yml")
MAX_MEMBERS = 500
MAX_UNPACKED = 200 * 1024 * 1024  # bytes of all members together
MAX_RATIO = 200  # unpacked / packed of one member (a real workbook or profile stays far below)
MAX_DEPTH = 4


class UploadError(Exception):
    """The upload is refused; the message says why and what to send instead (shown as a 4xx)."""

    status = 400


class DiskFull(UploadError):
    """The job's files could not be written: the ``--data`` disk is full (nothing is kept)."""

    status = 413


def size_limit(name: str) -> tuple[float, str]:
    """The loading gate's limit in MB for a file called *name*, and the limit's name."""
    limits = Limits.from_settings(None)
    if PurePosixPath(name).suffix.lower() == ".xlsx":
        return limits.workbook_mb, "workbook_mb"
    return limits.file_mb, "file_mb"


def check_size(name: str, size: int) -> None:
    """Refuse a file larger than the gate lets a profile or workbook be, before it is parsed."""
    limit, key = size_limit(name)
    if size > limit * MB:
        shown_size, shown_limit = f"{size / MB:.1f}", f"{limit:g}"
        raise UploadError(_("{name} is {size} MB, over the limit of {limit} MB ({key}): a village "
                            "profile is a few KB and a workbook a few hundred KB; check that you chose "
                            "the right file", name=quoted(name), size=shown_size, limit=shown_limit,
                            key=f"limits.{key}"))


@dataclass
class Upload:
    """Files to store under the job's input folder: stored name → bytes, and names to show."""

    files: dict[str, bytes] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)  # stored name → the user's name
    kind: str = ""  # workbook | profiles | zip


def classify(parts: list[tuple[str, bytes]]) -> Upload:
    """Sort the uploaded (name, bytes) pairs into one kind of upload, or refuse it."""
    parts = [(name, data) for name, data in parts if name or data]
    if not parts:
        raise UploadError(_("No file arrived: choose the village workbook (.xlsx), village profiles "
                            "(.yaml) or a .zip of the county folder"))
    suffixes = [PurePosixPath(name.replace("\\", "/")).suffix.lower() for name, _data in parts]
    upload = Upload()
    if suffixes == [".zip"]:
        upload.kind = "zip"
        upload.files = unpack_zip(parts[0][1])
        return upload
    for (name, data), suffix in zip(parts, suffixes, strict=True):
        if suffix in (*PROFILE_SUFFIXES, ".xlsx"):
            check_size(_shown(name), len(data))
    if suffixes == [".xlsx"]:
        if not parts[0][1].startswith(b"PK"):
            raise UploadError(_("{name} is not an .xlsx workbook: save it as .xlsx in Excel or WPS, "
                                "then upload it", name=quoted(parts[0][0])))
        upload.kind = "workbook"
        upload.files[WORKBOOK_NAME] = parts[0][1]
        upload.shown[WORKBOOK_NAME] = _shown(parts[0][0])
        return upload
    if all(s in PROFILE_SUFFIXES for s in suffixes):
        upload.kind = "profiles"
        if sum(_shown(name) == SETTINGS_FILE for name, _data in parts) > 1:
            raise UploadError(_("More than one {file} arrived: a county has one set of settings; "
                                "choose only one of them", file=SETTINGS_FILE))
        for n, (name, data) in enumerate(parts, start=1):
            stored = SETTINGS_FILE if _shown(name) == SETTINGS_FILE else f"profile-{n}.yaml"
            upload.files[stored] = data
            upload.shown[stored] = _shown(name)
        return upload
    raise UploadError(_("Upload one .xlsx workbook, one or more .yaml village profiles, or one .zip of "
                        "a county folder; what arrived: {names}",
                        names=listing(_shown(n) for n, _data in parts)))


def _shown(name: str) -> str:
    """The last part of a browser-given file name, for display only."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(c for c in base if c.isprintable())[:120] or "upload"


def check_member_name(name: str) -> PurePosixPath:
    """The member's path inside the county folder, or UploadError when it could escape it."""
    if "\\" in name or "\x00" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise UploadError(_("{name} in the .zip is an absolute path or has characters a file name "
                            "cannot have, so the whole .zip was refused: zip only the county folder "
                            "itself", name=quoted(name)))
    path = PurePosixPath(name)
    if any(part in ("..", "") for part in path.parts) or not path.parts:
        raise UploadError(_("{name} in the .zip points outside its folder, so the whole .zip was "
                            "refused", name=quoted(name)))
    if len(path.parts) > MAX_DEPTH:
        raise UploadError(_("{name} in the .zip is nested too deep (at most {depth} folders)",
                            name=quoted(name), depth=MAX_DEPTH))
    return path


def unpack_zip(data: bytes) -> dict[str, bytes]:
    """Check every member of a county zip, then read the files a county folder holds."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadError(_("The .zip cannot be opened ({reason}): zip the folder again and upload it",
                            reason=exc)) from None
    if len(infos) > MAX_MEMBERS:
        raise UploadError(_("The .zip holds {count} files, over the limit of {limit}",
                            count=len(infos), limit=MAX_MEMBERS))
    total = 0
    wanted: list[tuple[zipfile.ZipInfo, PurePosixPath]] = []
    _check_clashes(infos)
    for info in infos:
        path = check_member_name(info.filename.rstrip("/") if info.is_dir() else info.filename)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise UploadError(_("{name} in the .zip is a symbolic link, so the whole .zip was refused: "
                                "zip the real files", name=quoted(info.filename)))
        if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise UploadError(_("{name} in the .zip is not an ordinary file, so the whole .zip was "
                                "refused", name=quoted(info.filename)))
        if info.flag_bits & 0x1:
            raise UploadError(_("{name} in the .zip is encrypted: zip it again without a password",
                                name=quoted(info.filename)))
        total += info.file_size
        if total > MAX_UNPACKED:
            raise UploadError(_("The .zip unpacks to more than {limit} MB and was refused (it may be a "
                                "zip bomb)", limit=MAX_UNPACKED // 2**20))
        if info.file_size > MAX_RATIO * max(info.compress_size, 1024):
            raise UploadError(_("{name} in the .zip is packed unusually tight ({size} bytes in "
                                "{packed}) and was refused (it may be a zip bomb)",
                                name=quoted(info.filename),
                                size=info.file_size, packed=info.compress_size))
        if info.is_dir() or any(p.startswith((".", "__MACOSX", "~$")) for p in path.parts):
            continue
        wanted.append((info, path))
    files: dict[str, bytes] = {}
    for info, path in wanted:
        if path.suffix.lower() not in (*PROFILE_SUFFIXES, ".xlsx"):
            continue
        check_size(info.filename, info.file_size)
        try:
            with archive.open(info) as member:
                body = member.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError) as exc:
            raise UploadError(_("{name} in the .zip cannot be unpacked ({reason}), so the whole .zip "
                                "was refused: its size does not match its content or it is damaged; zip "
                                "the folder again and upload it", name=quoted(info.filename),
                                reason=exc)) from None
        if len(body) != info.file_size:
            raise UploadError(_("{name} in the .zip does not have the size it declares, so the whole "
                                ".zip was refused: zip the folder again and upload it",
                                name=quoted(info.filename)))
        files[path.as_posix()] = body
    if not files:
        raise UploadError(_("The .zip holds no village profile (.yaml) or workbook (.xlsx): zip the "
                            "county folder with its paigen.yaml"))
    return files


def _check_clashes(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip naming one path twice, a path as both file and folder, or two paths that
    differ only by case (one file on Windows and macOS): any of them would lose a file."""
    files: dict[str, str] = {}
    folders: dict[str, str] = {}
    for info in infos:
        name = info.filename.rstrip("/")
        key = name.casefold()
        if info.is_dir():
            folders.setdefault(key, name)
        elif key in files:
            if files[key] == name:
                raise UploadError(_("{name} is in the .zip twice, so the whole .zip was refused: each "
                                    "file name may be there once", name=quoted(name)))
            raise UploadError(_("{name} and {other} in the .zip differ only in capitals, so the whole "
                                ".zip was refused: each file name may be there once",
                                name=quoted(name), other=quoted(files[key])))
        else:
            files[key] = name
        parts = PurePosixPath(key).parts
        for depth in range(1, len(parts)):
            folders.setdefault("/".join(parts[:depth]), "/".join(PurePosixPath(name).parts[:depth]))
    for key, name in files.items():
        if key in folders:
            raise UploadError(_("{name} in the .zip is both a file and a folder, so the whole .zip "
                                "was refused: zip the county folder again", name=quoted(name)))


def county_root(files: dict[str, bytes]) -> str:
    """The folder of the zip that is the county folder: '' or the one top folder all share."""
    tops = {PurePosixPath(name).parts[0] for name in files}
    if len(tops) == 1 and all(len(PurePosixPath(n).parts) > 1 for n in files):
        return tops.pop()
    return ""


def store(upload: Upload, folder: Path) -> Path:
    """Write the checked files under *folder*; return the county folder to validate and build."""
    for name, data in upload.files.items():
        target = folder.joinpath(*PurePosixPath(name).parts)
        if folder.resolve() not in target.resolve().parents:  # belt and braces after the checks
            raise UploadError(_("{name} is outside the job's folder and was refused", name=quoted(name)))
        atomic_write(target, data, durable=False)
        if target.suffix.lower() == ".xlsx":
            _check_workbook(target, upload.shown.get(name, name))
    root = county_root(upload.files) if upload.kind == "zip" else ""
    return folder / root if root else folder


def _check_workbook(file: Path, shown: str) -> None:
    """The loading gate's zip-bomb check of a workbook, before anything opens its sheets."""
    from paigen.errors import ProfileError
    from paigen.sources._gate import check_workbook

    try:
        check_workbook(file, shown, Limits.from_settings(None))
    except ProfileError as exc:
        reason = _("; ").join(p.message + (_("({fix})", fix=p.fix) if p.fix else "") for p in exc.problems)
        raise UploadError(_("{name} is not a workbook paigen can read: {reason}", name=quoted(shown),
                            reason=reason)) from None
