"""``paigen master check``: every master against its slot file and every village of the county.

Before anything is built: each master is read and checked (print rules, slot file), each slot is
filled for every village with the sign engine, and a village whose text would fall below a
slot's ``min_mm`` is listed with the size it would need. A proof PDF shows each master with its
slot boxes and names drawn over it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path as FsPath

from paigen.errors import LayoutError, PaigenError
from paigen.layout.scene import Artwork, Page, Rect, Stroke
from paigen.masters._fill import Shortfall, render_template, shortfall
from paigen.masters._master import Master, read_master, render_master_pdf, values_for

BOX_COLOURS = ("door-blue", "black")


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
    villages: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and not self.shortfalls


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
            report.masters.append(read_master(file, settings))
        except PaigenError as exc:
            report.errors.append(str(exc))
    engine = TextEngine(resolve_roles(settings))
    for profile in inputs.profiles:
        report.villages += 1
        ctx = Context(profile, settings, engine)
        village = f"{profile.village.township}{profile.village.name}"
        for master in report.masters:
            try:
                artworks = SIGN_TYPES[master.sign_type](ctx)
            except LayoutError as exc:
                report.errors.append(f"{village}: the built-in {master.sign_type} cannot be laid out: {exc}")
                continue
            for art in artworks:
                values = values_for(ctx, art)
                for spec in master.slots.slots:
                    if spec.kind != "text":
                        continue
                    try:
                        text = render_template(spec, master.slots, values)
                    except PaigenError as exc:
                        report.errors.append(f"{village} {art.name}: {exc}")
                        continue
                    if text.strip():
                        missing = shortfall(spec, text, engine)
                        if missing is not None:
                            report.shortfalls.append(Finding(village, art.name, missing, master.slots.file))
    if proof is not None and report.masters:
        atomic_write(proof, proof_pdf(report.masters, settings, engine))
    return report


def proof_pdf(masters: list[Master], settings, engine) -> bytes:
    """One page per master: its artwork with every slot's box and name drawn over it."""
    import pikepdf

    colour = next((c for c in BOX_COLOURS if c in settings.section("colors")), "black")
    out = pikepdf.new()
    for master in masters:
        slots = master.slots
        items: list = list(master.shapes)
        for spec in slots.slots:
            items.append(Rect(spec.box, stroke=Stroke(colour, 0.8, (4.0, 2.0)), name=f"slot {spec.name}"))
            label = (
                f"{spec.name}（{spec.kind}，{spec.min_mm:g}–{spec.max_mm:g} mm）"
                if spec.kind == "text"
                else spec.name
            )
            size = max(4.0, min(10.0, spec.box.h / 4))
            items.append(
                engine.line(label, "hei", size, spec.box.x + 1, spec.box.y + 1, colour, name="label")
            )
        page = Page(slots.width, slots.height, slots.bleed, tuple(items), None)
        art = Artwork(
            master.sign_type,
            f"master-{master.sign_type}",
            f"母版检查 {master.file}",
            (page,),
            meta={"master": master},
        )
        data = render_master_pdf(art, settings)
        with pikepdf.open(io.BytesIO(data)) as one:
            out.pages.extend(one.pages)
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True)
    return buffer.getvalue()
