"""Open what a user points paigen at: one profile, a county folder, or a workbook.

A county folder holds ``paigen.yaml`` (settings) and profiles: ``*.yaml`` files and/or one
``.xlsx`` workbook. Every village is validated on its own, so one bad village is reported with
its problems while the others stay usable (a batch builds them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from paigen._names import name_key, safe_name
from paigen.errors import Location, Problem, ProfileError, UsageError
from paigen.i18n import _, listing
from paigen.model.load import profile_from_document
from paigen.model.profile import Profile
from paigen.model.settings import SETTINGS_FILE, Settings, load_settings
from paigen.sources.yamlfile import load_yaml

PROFILE_SUFFIXES = (".yaml", ".yml")
WORKBOOK_SUFFIXES = (".xlsx",)


@dataclass(frozen=True)
class Entry:
    """One village of the input: its profile, or the error that stops it."""

    label: str
    profile: Profile | None = None
    error: ProfileError | None = None
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.profile is not None


@dataclass(frozen=True)
class Inputs:
    """Settings plus every village found, valid or not, and input-wide problems."""

    root: Path
    settings: Settings
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...] = ()
    files: tuple[Path, ...] = field(default=())

    @property
    def profiles(self) -> list[Profile]:
        return [e.profile for e in self.entries if e.profile is not None]

    @property
    def ok(self) -> bool:
        return not self.problems and all(e.ok for e in self.entries)


def _is_profile(path: Path) -> bool:
    return (path.suffix.lower() in PROFILE_SUFFIXES and path.name != SETTINGS_FILE
            and not path.name.startswith((".", "~$")))


def _is_workbook(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_SUFFIXES and not path.name.startswith((".", "~$"))


def open_inputs(path: str | Path) -> Inputs:
    """Load settings and villages from *path*; bad settings raise, bad villages are entries."""
    path = Path(path)
    if not path.exists():
        raise UsageError(_("'{path}' does not exist; give a profile (.yaml), a workbook (.xlsx) "
                           "or a county folder", path=path))
    if path.is_dir():
        root, files = path, sorted(p for p in path.iterdir() if not p.is_dir())
        profiles = [p for p in files if _is_profile(p)]
        workbooks = [p for p in files if _is_workbook(p)]
        if not profiles and not workbooks:
            raise UsageError(_("'{path}' holds no village profiles (*.yaml) or workbook (*.xlsx); "
                               "'paigen init DIR' writes a starter county folder", path=path))
    elif path.name == SETTINGS_FILE:
        return open_inputs(path.parent)
    elif _is_profile(path):
        root, profiles, workbooks = path.parent, [path], []
    elif _is_workbook(path):
        root, profiles, workbooks = path.parent, [], [path]
    else:
        raise UsageError(_("'{path}' is not a profile (.yaml), a workbook (.xlsx) or a folder", path=path))
    settings = load_settings(root)
    problems: list[Problem] = []
    if len(workbooks) > 1:
        problems.append(Problem(Location(str(root)), "",
                                _("the county folder holds more than one workbook: {files}",
                                  files=listing(p.name for p in workbooks)),
                                _("keep one .xlsx per county folder")))
    if workbooks:
        from paigen.sources._townships import read_townships, with_townships

        rows, sheet_problems = read_townships(workbooks[0], str(workbooks[0]))
        settings, clashes = with_townships(settings, rows, str(workbooks[0]))
        problems += [*sheet_problems, *clashes]
    entries: list[Entry] = []
    for file in profiles:
        entries.append(_yaml_entry(file, settings))
    for book in workbooks[:1]:
        from paigen.sources.xlsx import read_workbook  # openpyxl takes a while to import

        try:
            docs, book_problems = read_workbook(book, limits=settings.limits)
        except ProfileError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(book_problems)
        for doc in docs:
            label = str(doc.locate(()))
            try:
                profile = profile_from_document(doc, settings)
                entries.append(Entry(label, profile, notes=profile.notes))
            except ProfileError as exc:
                entries.append(Entry(label, error=exc))
    return Inputs(root, settings, tuple(_flag_duplicates(entries)), tuple(problems),
                  tuple([*profiles, *workbooks]))


def _yaml_entry(file: Path, settings: Settings) -> Entry:
    try:
        doc = load_yaml(file, limits=settings.limits)
        profile = profile_from_document(doc, settings)
        return Entry(str(file), profile, notes=(*doc.notes, *profile.notes))
    except ProfileError as exc:
        return Entry(str(file), error=exc)


def _flag_duplicates(entries: list[Entry]) -> list[Entry]:
    """Villages whose kit folders would coincide are all errors, and nothing is built for them.

    Folders are compared the way the disks a kit travels to compare them: after sanitising the
    names (a '/' becomes '_', trailing dots and zero-width characters go) and folding case.
    """
    groups: dict[tuple[str, str], list[int]] = {}
    for i, entry in enumerate(entries):
        p = entry.profile
        if p is not None:
            key = (name_key(p.village.township), name_key(p.village.name))
            groups.setdefault(key, []).append(i)
    out = list(entries)
    for members in groups.values():
        if len(members) < 2:
            continue
        for i in members:
            entry = entries[i]
            p = entry.profile
            assert p is not None
            others = [entries[j] for j in members if j != i]
            where = p.origin.locate(("village", "name")) if p.origin else Location(entry.label)
            names = listing(f"{o.label} ({o.profile.village.township}{o.profile.village.name})"
                            for o in others if o.profile is not None)
            fields = dict(village=f"{p.village.township}{p.village.name}", others=names,
                          folder=f"{safe_name(p.village.township)}/{safe_name(p.village.name)}")
            message = _("{village} is already described by {others}: both would be written to the "
                        "kit folder {folder}, so neither is built", **fields) if i != members[0] else _(
                "{village} collides with {others}: both would be written to the kit folder {folder}, "
                "so neither is built", **fields)
            problem = Problem(where, "village.name", message,
                              _("keep one profile per village, or tell the names apart"), "村名")
            out[i] = Entry(entry.label, error=ProfileError([problem]), notes=entry.notes)
    return out
