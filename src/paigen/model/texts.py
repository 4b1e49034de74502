"""Every text of a profile that may be printed, with its key path (for font coverage checks)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from paigen.model.profile import Profile

TextPath = tuple[str | int, ...]


def iter_texts(profile: Profile) -> Iterator[tuple[TextPath, str]]:
    """Yield (key path, text) for every printed string field of *profile*, derived names too."""
    yield from _walk(profile, ())


def _walk(obj: object, path: TextPath) -> Iterator[tuple[TextPath, str]]:
    if isinstance(obj, str):
        if obj:
            yield path, obj
        return
    if isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from _walk(item, (*path, i))
        return
    if dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            if f.metadata.get("internal") or f.metadata.get("text") is False or f.name == "schema":
                continue
            value, here = getattr(obj, f.name), (*path, f.name)
            if "entries" in f.metadata:
                # Written as 'key: value' lines: locate by key, as the source does.
                _, key_field, value_field = f.metadata["entries"]
                for entry in value:
                    key = getattr(entry, key_field)
                    yield (*here, key), key
                    yield from _walk(getattr(entry, value_field), (*here, key))
                continue
            yield from _walk(value, here)
