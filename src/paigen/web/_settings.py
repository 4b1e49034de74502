"""The 乡镇发文设置 page of a job: each township's own issuer, written into the job's paigen.yaml.

Each township of the job's villages gets one row: 发文机关, 代字 and 印发机关, prefilled with what
the documents use now (paigen's default from the township's name when nothing is set, said so).
Saving writes ``documents.townships`` of the county's paigen.yaml in the job (keeping its other
settings) and checks the result with the CLI's own settings check before it is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from paigen._io import atomic_write
from paigen.errors import PaigenError, ProfileError
from paigen.model.settings import SETTINGS_FILE

FIELDS = (("issuing_office", "发文机关", "中共××镇委员会"), ("short_name", "代字", "××发"),
          ("printed_by", "印发机关", "中共××镇委员会党政办公室"))


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


def save(root: Path, form: dict[str, str]) -> list[str]:
    """Write the form's issuers into the job's paigen.yaml; the problems, if it is refused."""
    from paigen.model.settings import load_settings

    current, problems = rows(root)
    if problems:
        return problems
    townships: dict[str, dict[str, Any]] = {}
    for i, row in enumerate(current):
        values = {key: form.get(f"{i}.{key}", "").strip() for key, _, _ in FIELDS}
        if not values["issuing_office"] or not values["short_name"]:
            return [f"{row.township}：发文机关和代字都要填写"]
        townships[row.township] = values
    file = root / SETTINGS_FILE
    old = file.read_bytes() if file.is_file() else None
    data = yaml.safe_load(old.decode("utf-8")) if old else {"schema": "paigen/v1", "preset": "general"}
    if not isinstance(data, dict):
        return [f"{SETTINGS_FILE} 不是设置文件：请先在命令行修正它"]
    documents = data.setdefault("documents", {}) or {}
    data["documents"] = documents
    documents["townships"] = {**(documents.get("townships") or {}), **townships}
    atomic_write(file, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"))
    try:
        load_settings(root)
        _, problems = rows(root)
    except (ProfileError, PaigenError) as exc:
        problems = [str(exc)]
    if problems:  # keep what was there
        if old is None:
            file.unlink()
        else:
            atomic_write(file, old)
    return problems
