"""``paigen master check``: every master against its slot file and every village of the county.

Before anything is built: each master is read and checked (print rules, slot file), each slot is
filled for every village with the sign engine, and a village whose text would fall below a
slot's ``min_mm`` is listed with the size it would need. The proof PDF shows what the county will
get: for each master, the hardest texts (the longest of every slot over all villages) and one
typical village, filled exactly as the build fills them, in the print colours, with the slot
boxes and names outlined over them.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path as FsPath

from paigen.errors import LayoutError, PaigenError
from paigen.i18n import _
from paigen.masters._fill import Shortfall, picture, render_template, shortfall, text_items
from paigen.masters._master import NO_EMBLEM_NOTE, Master, has_emblem, master_artwork, read_master, values_for
from paigen.masters._proof import Sample, proof_pdf

__all__ = ["CheckReport", "Finding", "check_masters", "proof_pdf"]


@dataclass
class Finding:
    village: str
    sign: str  # artwork name
    slot: Shortfall
    file: str = ""  # the slot file


@dataclass
class CheckReport:
    masters: list[Master] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    shortfalls: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # printed, but the masters may be used
    villages: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and not self.shortfalls


@dataclass
class _Longest:
    """The longest text of each slot of one master over every village, and where it comes from."""

    texts: dict[str, tuple[str, str]] = field(default_factory=dict)  # slot → (text, village)
    typical: Sample | None = None


def check_masters(folder: FsPath, county: FsPath | None = None, proof: FsPath | None = None) -> CheckReport:
    """Check every master of *folder* for every village of *county* (default: its parent)."""
    from paigen._io import atomic_write
    from paigen.fonts import resolve_roles
    from paigen.inputs import open_inputs
    from paigen.layout.signs import SIGN_TYPES, Context
    from paigen.layout.text import TextEngine

    county = county or folder.resolve().parent
    inputs = open_inputs(county)
    settings = inputs.settings
    report = CheckReport()
    for file in sorted(folder.glob("*.yaml")):
        try:
            master = read_master(file, settings)
        except PaigenError as exc:
            report.errors.append(str(exc))
            continue
        report.masters.append(master)
        report.warnings += master.notes
    engine = TextEngine(resolve_roles(settings))
    longest = {m.sign_type: _Longest() for m in report.masters}
    no_emblem: dict[str, int] = {}
    pictures: set[tuple[str, str]] = set()
    errors: dict[str, list[str]] = {}  # one message per problem, with the artworks it hits
    for profile in inputs.profiles:
        report.villages += 1
        ctx = Context(profile, settings, engine)
        village = f"{profile.village.township}{profile.village.name}"
        for master in report.masters:
            try:
                artworks = SIGN_TYPES[master.sign_type](ctx)
            except LayoutError as exc:
                report.errors.append(_("{village}: the built-in {type} cannot be laid out: {error}",
                                       village=village, type=master.sign_type, error=exc))
                continue
            mine = longest[master.sign_type]
            for art in artworks:
                if has_emblem(art) and not any(s.kind == "emblem" for s in master.slots.slots):
                    no_emblem[master.sign_type] = no_emblem.get(master.sign_type, 0) + 1
                values = values_for(ctx, art)
                clean = True
                for spec in master.slots.slots:
                    if spec.kind == "emblem":
                        continue
                    try:
                        text = render_template(spec, master.slots, values)
                    except PaigenError as exc:
                        errors.setdefault(str(exc), []).append(f"{village} {art.name}")
                        clean = False
                        continue
                    if spec.kind == "image" and text.strip() and (spec.name, text) not in pictures:
                        pictures.add((spec.name, text))  # each picture read once, as the build reads it
                        try:
                            picture(spec, text, master.slots, settings.base_dir, settings.limits)
                        except PaigenError as exc:
                            errors.setdefault(str(exc), []).append(f"{village} {art.name}")
                            clean = False
                    if len(text) > len(mine.texts.get(spec.name, ("", ""))[0]):
                        mine.texts[spec.name] = (text, village)
                    if spec.kind == "text" and text.strip():
                        missing = shortfall(spec, text, engine)
                        if missing is not None:
                            report.shortfalls.append(Finding(village, art.name, missing, master.slots.file))
                if clean and mine.typical is None:
                    mine.typical = Sample(village, art, ctx)
    for message, where in errors.items():
        if len(where) > 1:
            report.errors.append(_("{first} and {more} more: {message}", first=where[0],
                                   more=len(where) - 1, message=message))
        else:
            report.errors.append(f"{where[0]}: {message}")
    for master in report.masters:
        if master.sign_type in no_emblem:
            report.warnings.append(_(
                "{file}: {count} {type} artworks of the built-in design have an emblem slot and this "
                "master has none ({note}); add a slot '{slot}' to {slots}, or leave it so on purpose",
                file=master.file, count=no_emblem[master.sign_type], type=master.sign_type,
                note=NO_EMBLEM_NOTE, slot="- {name: emblem, box_mm: [x, y, w, h], emblem: true}",
                slots=master.slots.file))
    if proof is not None and report.masters:
        pages = [(m, *page) for m in report.masters for page in _samples(m, longest[m.sign_type], engine)]
        atomic_write(proof, proof_pdf(pages, settings, engine))
    return report


def _samples(master: Master, longest: _Longest, engine) -> list[tuple[str, list]]:
    """(caption, filled slots) of the hardest page and the typical village's page."""
    hardest: list = []
    for spec in master.slots.slots:
        text, __ = longest.texts.get(spec.name, ("", ""))
        if spec.kind != "text" or not text.strip():
            continue
        try:
            hardest += text_items(spec, text, engine, spec.name)
        except LayoutError:  # below min_mm (listed as a shortfall): shown at the size it needs
            with suppress(LayoutError):
                hardest += text_items(replace(spec, min_mm=1.0), text, engine, spec.name)
    typical: list = []
    sample = longest.typical
    if sample is not None:
        try:
            art = master_artwork(sample.ctx, sample.art, master)
            typical = list(art.page.items[len(master.shapes) :])
        except PaigenError:
            typical = []
    pages = [("最长文字（各槽位取全县最长）", hardest)]
    if sample is not None:
        pages.append((f"典型 {sample.village}", typical))
    return pages
