"""Starter county folders (``paigen init``) and YAML → workbook conversion (``paigen convert``)."""

from __future__ import annotations

from pathlib import Path

from paigen._data import templates_dir
from paigen._io import atomic_write
from paigen.errors import PaigenError, ProfileError, UsageError
from paigen.i18n import _, listing
from paigen.inputs import _is_profile
from paigen.model.load import profile_from_document
from paigen.model.settings import SETTINGS_FILE, load_settings
from paigen.sources.xlsx import EXAMPLE_VILLAGES, write_workbook
from paigen.sources.yamlfile import load_yaml

STARTER_WORKBOOK = "村庄信息.xlsx"


def _starter_files() -> list[Path]:
    return sorted(p for p in (templates_dir() / "init").iterdir() if p.is_file())


def write_starter(directory: Path, as_workbook: bool = False, force: bool = False) -> list[Path]:
    """Write paigen.yaml and an example village (YAML, or a workbook); return the files."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(_("'{path}' is a file; give a folder to write the starter into", path=directory))
    for parent in directory.parents:
        if parent.exists() and not parent.is_dir():
            raise UsageError(_("'{path}' is below the file '{parent}'; give a folder", path=directory,
                               parent=parent))
    sources = _starter_files()
    settings_src = next(p for p in sources if p.name == SETTINGS_FILE)
    village_srcs = [p for p in sources if _is_profile(p)]
    targets = [directory / SETTINGS_FILE]
    targets += [directory / STARTER_WORKBOOK] if as_workbook else [directory / p.name for p in village_srcs]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise PaigenError(_("{files} already exist; choose an empty folder or pass --force to "
                            "overwrite", files=listing(existing)))
    atomic_write(directory / SETTINGS_FILE, settings_src.read_bytes())
    if as_workbook:
        write_workbook([load_yaml(p).data for p in village_srcs], directory / STARTER_WORKBOOK,
                       examples=EXAMPLE_VILLAGES)
    else:
        for src in village_srcs:
            atomic_write(directory / src.name, src.read_bytes())
    return targets


def profiles_to_workbook(paths: tuple[Path, ...] | list[Path], output: Path) -> int:
    """Validate YAML profiles and write them into one workbook; return the village count."""
    files: list[Path] = []
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(_("'{path}' does not exist; give YAML profiles or county folders", path=path))
        files += sorted(p for p in path.iterdir() if _is_profile(p)) if path.is_dir() else [path]
    if not files:
        raise PaigenError(_("no YAML profiles found in {paths}", paths=listing(paths)))
    _check_workbook_target(output, files)
    datas, problems = [], []
    for file in files:
        try:
            settings = load_settings(file.parent)
            doc = load_yaml(file, limits=settings.limits)
            profile_from_document(doc, settings)
        except ProfileError as exc:
            problems.extend(exc.problems)
            continue
        datas.append(doc.data)
    if problems:
        raise ProfileError(problems)
    try:
        write_workbook(datas, output)
    except OSError as exc:
        raise UsageError(_("cannot write '{path}': {reason}", path=output,
                           reason=exc.strerror or exc)) from None
    return len(datas)


def _check_workbook_target(output: Path, inputs: list[Path]) -> None:
    """The workbook goes to a new or earlier-written .xlsx file, never over a folder or an input."""
    if output.suffix.lower() != ".xlsx":
        raise UsageError(_("'{path}' does not end in .xlsx; name the workbook e.g. 村庄信息.xlsx",
                           path=output))
    if output.is_dir():
        raise UsageError(_("'{path}' is a folder; give the workbook's file name, e.g. {example}",
                           path=output, example=f"{output}/村庄信息.xlsx"))
    if output.exists() and not output.is_file():
        raise UsageError(_("'{path}' is not a regular file (a device?); give a file name ending in .xlsx",
                           path=output))
    for parent in output.parents:
        if parent.exists() and not parent.is_dir():
            raise UsageError(_("'{path}' is below the file '{parent}'", path=output, parent=parent))
    if any(output.resolve() == f.resolve() for f in inputs):
        raise UsageError(_("'{path}' is one of the inputs", path=output))
