"""The settings page of a job: the county values a clerk or designer may change, written into
the job's paigen.yaml.

The county's values: the preset (the county's standard of sizes, colours and fonts), the kit's
date (on plates, notices and records) and the 党徽 file for the emblem slots (uploaded beside the
settings). Each township of the job's villages gets one row: 发文机关, 代字 and 印发机关,
prefilled with what the documents use now (paigen's default from the township's name when
nothing is set, said so). Saving writes paigen.yaml in the job (keeping its other settings) and
checks the result with the CLI's own settings check before it is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from paigen._data import presets_dir
from paigen._io import atomic_write
from paigen.errors import PaigenError, ProfileError
from paigen.i18n import N_, _
from paigen.model.settings import SETTINGS_FILE

FIELDS = (("issuing_office", N_("Issuing office"), N_("CPC Committee of ×× Town")),
          ("short_name", N_("Number prefix"), N_("×× Issue")),
          ("printed_by", N_("Printed by"), N_("Party and Government Office of the CPC Committee of ×× Town")))
EMBLEM_TYPES = (".svg", ".pdf")
MAX_EMBLEM = 5 * 2**20


def fields() -> list[tuple[str, str, str]]:
    """The township columns in the page's language."""
    return [(key, _(label), _(hint)) for key, label, hint in FIELDS]


def presets() -> list[str]:
    return sorted(p.stem for p in presets_dir().glob("*.yaml"))


def preset_titles() -> dict[str, str]:
    """Each shipped preset's name and its title (what the page shows)."""
    out = {}
    for file in sorted(presets_dir().glob("*.yaml")):
        data = _read(file)
        out[file.stem] = str(data.get("title") or file.stem) if isinstance(data, dict) else file.stem
    return out


def county_values(root: Path) -> dict[str, Any]:
    """The county's values as the form shows them: preset, kit date, emblem file."""
    data = _read(root / SETTINGS_FILE)
    data = data if isinstance(data, dict) else {}
    assets = data.get("assets") if isinstance(data.get("assets"), dict) else {}
    kit = data.get("kit") if isinstance(data.get("kit"), dict) else {}
    preset = str(data.get("preset") or "general")
    titles = preset_titles()
    titles.setdefault(preset, preset)  # a county's own preset file
    return {"preset": preset, "presets": titles,
            "date": str(kit.get("date") or ""), "emblem": str(assets.get("emblem") or "")}


def _read(file: Path) -> Any:
    try:
        return yaml.safe_load(file.read_text("utf-8")) if file.is_file() else None
    except (OSError, ValueError, yaml.YAMLError):
        return None


@dataclass
class Row:
    township: str
    values: dict[str, str]
    derived: bool  # the documents use paigen's default for it now


def rows(root: Path) -> tuple[list[Row], list[str]]:
    """The townships of the job's villages with their issuers, and any problem reading them."""
    from paigen.docs._meta import document_meta
    from paigen.inputs import open_inputs

    try:
        inputs = open_inputs(root)
    except (ProfileError, PaigenError) as exc:
        return [], [str(exc)]
    out, problems = [], []
    for name in dict.fromkeys(p.village.township for p in inputs.profiles):
        try:
            meta = document_meta(inputs.settings, name)
        except ProfileError as exc:
            problems.append(str(exc))
            continue
        out.append(Row(name, {"issuing_office": meta.office, "short_name": meta.short_name,
                              "printed_by": meta.printed_by}, bool(meta.defaults)))
    return out, problems


def save(root: Path, form: dict[str, str], emblem: tuple[str, bytes] | None = None) -> list[str]:
    """Write the form's county values and issuers (and *emblem*, an uploaded file name and its
    bytes) into the job's paigen.yaml; the problems, if it is refused (nothing is changed)."""
    from paigen.model.settings import load_settings

    current, problems = rows(root)
    if problems:
        return problems
    townships: dict[str, dict[str, Any]] = {}
    for i, row in enumerate(current):
        values = {key: form.get(f"{i}.{key}", "").strip() for key, _label, _hint in FIELDS}
        if not values["issuing_office"] or not values["short_name"]:
            return [_("{township}: fill in both the issuing office and the number prefix",
                      township=row.township)]
        townships[row.township] = values
    file = root / SETTINGS_FILE
    old = file.read_bytes() if file.is_file() else None
    data = yaml.safe_load(old.decode("utf-8")) if old else {"schema": "paigen/v1", "preset": "general"}
    if not isinstance(data, dict):
        return [_("{file} is not a settings file: correct it on the command line first", file=SETTINGS_FILE)]
    documents = data.setdefault("documents", {}) or {}
    data["documents"] = documents
    if townships:
        documents["townships"] = {**(documents.get("townships") or {}), **townships}
    problems = _county(data, form)
    if problems:
        return problems
    written = None
    if emblem is not None and emblem[1]:
        name, body = emblem
        suffix = Path(name).suffix.lower()
        if suffix not in EMBLEM_TYPES:
            return [_("The emblem must be a vector file (.svg or .pdf) of the official drawing; "
                      "{name} is not one", name=name)]
        if len(body) > MAX_EMBLEM:
            return [_("The emblem file is over {limit} MB: give the official vector drawing",
                      limit=MAX_EMBLEM // 2**20)]
        written = root / "assets" / f"emblem{suffix}"
        atomic_write(written, body)
        data.setdefault("assets", {})
        data["assets"] = {**(data["assets"] or {}), "emblem": f"assets/emblem{suffix}"}
    atomic_write(file, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"))
    try:
        load_settings(root)
        _rows, problems = rows(root)
    except (ProfileError, PaigenError) as exc:
        problems = [str(exc)]
    if problems:  # keep what was there
        if written is not None:
            written.unlink(missing_ok=True)
        if old is None:
            file.unlink()
        else:
            atomic_write(file, old)
    return problems


def _county(data: dict[str, Any], form: dict[str, str]) -> list[str]:
    """Put the form's preset and kit date into *data*; problems with them."""
    preset = form.get("preset", "").strip()
    if preset:
        if preset not in presets() and preset != data.get("preset"):
            return [_("There is no preset {name}: choose one of the list", name=preset)]
        data["preset"] = preset
    if "date" in form:
        date = form["date"].strip()
        kit = data.get("kit") if isinstance(data.get("kit"), dict) else {}
        if date:
            data["kit"] = {**kit, "date": date}
        elif kit.get("date"):
            kit.pop("date")
            data["kit"] = kit
            if not kit:
                data.pop("kit")
    if form.get("emblem_remove") and isinstance(data.get("assets"), dict):
        data["assets"].pop("emblem", None)
    return []
