"""Where a county's masters live, and a hash of them — without loading the master readers:
a county without masters asks only this much of the package."""

from __future__ import annotations

import hashlib
from pathlib import Path as FsPath

from paigen.model.settings import Settings

FOLDER = "masters"


def masters_folder(settings: Settings) -> FsPath | None:
    if settings.base_dir is None:
        return None
    folder = settings.base_dir / FOLDER
    return folder if folder.is_dir() else None


def fingerprint(settings: Settings) -> str:
    """A hash of every file of the county's masters folder, for the kit's input hash."""
    folder = masters_folder(settings)
    if folder is None:
        return ""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    stamp = tuple((p.relative_to(folder).as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    if stamp not in _HASHED:  # once per process while the folder is unchanged
        digest = hashlib.sha256()
        for file in files:
            digest.update(file.relative_to(folder).as_posix().encode())
            with open(file, "rb") as handle:  # in chunks: a stray huge file costs no memory
                for chunk in iter(lambda h=handle: h.read(1 << 20), b""):
                    digest.update(chunk)
        _HASHED.clear()
        _HASHED[stamp] = digest.hexdigest()
    return _HASHED[stamp]


_HASHED: dict[tuple, str] = {}
