"""Locate the data folders that ship with paigen (``signage/`` and ``templates/``).

In an installed wheel they live inside the package (``paigen/signage``); in a source checkout
(editable install, tests) they are the repository's top-level folders.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from paigen.i18n import _

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the folder of shipped data *name* ('signage' or 'templates')."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(_("paigen's data folder '{name}' is missing next to {package}; "
                              "reinstall paigen", name=name, package=_PACKAGE))


def presets_dir() -> Path:
    return data_dir("signage") / "presets"


def templates_dir() -> Path:
    return data_dir("templates")
