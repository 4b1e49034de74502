"""Error classes and the located problems they carry.

Every user mistake becomes a :class:`PaigenError`; the CLI prints it and exits 1 without a
traceback. Profile problems are collected (all of a file at once) as :class:`Problem` records
that name the place (file, line, column or cell), the key path, the bad value and the fix.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from paigen.i18n import _, language, ngettext


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


# Lists whose items are rows of a workbook sheet; any other indexed value is one entry of a
# list written in a single cell (、-separated).
_ROW_LISTS = ("center.rooms", "people", "members", "wayfinding", "facade.walls", "openings",
              "acceptance.findings")
_INDEX = re.compile(r"^(.*?)(?:\.([^.\[\]]+))?\[(\d+)\]$")
_WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def item_of(path: str) -> str:
    """Which entry of a list cell *path* names, as a clerk counts (``周二第2位``), or ''."""
    match = _INDEX.match(path)
    if not match:
        return ""
    head, key, index = match.groups()
    parent = f"{head}.{key}" if key and head else (key or head)
    if re.sub(r"\[\d+\]", "", parent).endswith(_ROW_LISTS) and not parent.endswith("acceptance.members"):
        return ""
    n = int(index) + 1
    if key in _WEEKDAYS:
        return _("{day} no. {n}", day=key, n=n)
    return _("item {n}", n=n)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, with everything needed to fix it.

    ``label`` is the field's name as the user sees it: the workbook's column header (值班人员)
    or the Chinese name of a profile key; '' when the problem concerns no single field.
    """

    location: Location
    path: str
    message: str
    fix: str = ""
    label: str = ""

    def where(self) -> str:
        """The place in the user's terms: ``[村庄信息.xlsx]值班!D3 值班人员`` for a workbook,
        ``东庄村.yaml:12:5 duty.week.周二[1]（值班人员）`` for a profile (Chinese); the file,
        line and key path in English."""
        loc = self.location
        if language() == "en":
            return f"{loc} {self.path}" if self.path else str(loc)
        if loc.sheet is not None:
            cell = f"{loc.sheet}!{loc.cell}" if loc.cell else loc.sheet
            book = PurePath(loc.file).name
            place = f"[{book}]{cell}" if book else cell
            return f"{place} {self.label}" if self.label else place
        if not self.path:
            return str(loc)
        return f"{loc} {self.path}（{self.label}）" if self.label else f"{loc} {self.path}"

    def __str__(self) -> str:
        if language() == "en":
            text = f"{self.where()}: {self.message}"
            return f"{text} ({self.fix})" if self.fix else text
        item = item_of(self.path) if self.location.sheet is not None and self.label else ""
        text = f"{self.where()}：{item}{self.message}"
        return f"{text}（{self.fix}）" if self.fix else text

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
        head = ngettext("{n} problem found:", "{n} problems found:", n)
        return "\n".join([head, *(f"  {p}" for p in self.problems)])

    def __str__(self) -> str:  # in the language of the moment it is shown
        return self._summary()


class LayoutError(PaigenError):
    """An artwork cannot be laid out to the preset's rules (text too long for its box...)."""


class FontError(PaigenError):
    """A font role cannot be resolved, or a text holds characters no font of its role covers."""


class TemplateError(PaigenError):
    """A document template is broken or needs variables the context does not provide."""


class UsageError(PaigenError):
    """The command was called with a path or option that cannot work (exit code 2)."""


def closest(word: str, choices: Sequence[str]) -> str | None:
    """The choice *word* was most likely meant to be, or None when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        close = [lowered[word.lower()]] if word.lower() in lowered else []
    return close[0] if close else None


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """Return a 'did you mean …?' hint for *word* (是否应为「…」？), or '' when nothing is close."""
    close = closest(word, choices)
    return _("did you mean '{value}'?", value=close) if close else ""
