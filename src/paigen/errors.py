"""Error classes and the located problems they carry.

Every user mistake becomes a :class:`PaigenError`; the CLI prints it and exits 1 without a
traceback. Profile problems are collected (all of a file at once) as :class:`Problem` records
that name the place (file, line, column or cell), the key path, the bad value and the fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    """Where a value was written: a YAML line/column or a workbook cell."""

    file: str
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        if self.sheet is not None:
            return f"{self.file}:{self.sheet}!{self.cell}" if self.cell else f"{self.file}:{self.sheet}"
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, with everything needed to fix it."""

    location: Location
    path: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.location} {self.path}:" if self.path else f"{self.location}:"
        text = f"{where} {self.message}"
        return f"{text} ({self.fix})" if self.fix else text

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.file, loc.sheet or "", loc.line or 0, loc.column or 0, self.path, self.message)


class PaigenError(Exception):
    """Base class of every error paigen reports to a user."""


class ProfileError(PaigenError, ValueError):
    """A profile, workbook or county settings file is invalid; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=Problem.sort_key))
        super().__init__(self._summary())

    def _summary(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} found:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class LayoutError(PaigenError):
    """An artwork cannot be laid out to the preset's rules (text too long for its box...)."""


class FontError(PaigenError):
    """A font role cannot be resolved, or a text holds characters no font of its role covers."""


class TemplateError(PaigenError):
    """A document template is broken or needs variables the context does not provide."""


class UsageError(PaigenError):
    """The command was called with a path or option that cannot work (exit code 2)."""


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """Return a ' did you mean …?' hint for *word*, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        close = [lowered[word.lower()]] if word.lower() in lowered else []
    return f"did you mean '{close[0]}'?" if close else ""
