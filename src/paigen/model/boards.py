"""The content library: standard board texts as data, each with its source and version.

Shipped boards live in ``signage/boards/<name>.yaml``; a county folder may add or override boards
with files of the same form in its own ``boards/`` folder, without touching code. Every file is
validated like a profile, so a broken board names its file, line and key.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from paigen._data import data_dir
from paigen.errors import Problem, ProfileError
from paigen.model._convert import INVALID, Converter
from paigen.sources.yamlfile import load_yaml

BoardKind = Literal["text", "items", "flow", "slogans"]
_NEEDS = {"text": "paragraphs", "items": "items", "flow": "stages", "slogans": "slogans"}


@dataclass(frozen=True)
class Stage:
    """A stage of a flow, with its steps in order."""

    name: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class BoardText:
    """One library text: what a board prints and where the words come from."""

    name: str
    title: str
    kind: BoardKind
    source: str
    version: str
    note: str = ""
    paragraphs: tuple[str, ...] = ()
    intro: str = ""
    items: tuple[str, ...] = ()
    closing: str = ""
    stages: tuple[Stage, ...] = ()
    slogans: tuple[str, ...] = ()

    @property
    def steps(self) -> list[str]:
        return [step for stage in self.stages for step in stage.steps]


def load_board(file: Path, label: str | None = None) -> BoardText:
    """Validate one board file; raise :class:`ProfileError` with every problem."""
    doc = load_yaml(file, label=label)
    conv = Converter(doc)
    kwargs = conv.fields_of(BoardText, doc.data, ())
    if kwargs is not INVALID and not conv.problems:
        board = BoardText(**kwargs)
        needed = _NEEDS[board.kind]
        if not getattr(board, needed):
            conv.problem((needed,), f"a '{board.kind}' board needs {needed}",
                         f"add '{needed}:' with its entries")
        if board.name != file.stem:
            conv.problem(("name",), f"name '{board.name}' differs from the file name '{file.stem}'",
                         f"rename the file to {board.name}.yaml or change the name")
    if conv.problems:
        raise ProfileError(conv.problems)
    return BoardText(**kwargs)


def library_folders(county_dir: Path | None) -> list[Path]:
    folders = [data_dir("signage") / "boards"]
    if county_dir is not None and (county_dir / "boards").is_dir():
        folders.append(county_dir / "boards")
    return folders


@cache
def board_library(county_dir: Path | None = None) -> dict[str, BoardText]:
    """Every board by name: the shipped library, then the county's additions and overrides."""
    boards: dict[str, BoardText] = {}
    problems: list[Problem] = []
    for folder in library_folders(county_dir):
        for file in sorted(folder.glob("*.yaml")):
            label = f"boards/{file.name}" if folder.parent == county_dir else f"signage/boards/{file.name}"
            try:
                board = load_board(file, label=str(file) if folder.parent == county_dir else label)
            except ProfileError as exc:
                problems.extend(exc.problems)
                continue
            boards[board.name] = board
    if problems:
        raise ProfileError(problems)
    return boards
