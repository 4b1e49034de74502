"""The located tree every source produces: plain values plus where each one was written.

A source (YAML file, workbook rows) yields a :class:`Document`: ``data`` made of dicts, lists and
scalars exactly like ``yaml.safe_load`` would give, and ``locations`` mapping each key path
(a tuple of keys and list indices) to its :class:`~paigen.errors.Location`. The model converter
only ever sees this shape, so a village reads the same from YAML or from Excel.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from paigen.errors import Location

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """Render a key path the way a user types it: ``center.rooms[2].floor``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Document:
    """One village's raw data with the location of every value."""

    data: object
    locations: Mapping[Path, Location]
    file: str
    sha256: str
    notes: tuple[str, ...] = field(default=())

    def locate(self, path: Path) -> Location:
        """Return where *path* was written, or the nearest written ancestor."""
        probe = tuple(path)
        while probe:
            if probe in self.locations:
                return self.locations[probe]
            probe = probe[:-1]
        return self.locations.get((), Location(self.file))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
