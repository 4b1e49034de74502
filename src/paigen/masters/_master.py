"""A county's masters (``masters/TYPE.yaml`` + ``TYPE.pdf`` or ``TYPE.svg``): read once, applied
to every village's artworks of that type, and drawn.

A master-based artwork keeps the built-in artwork's name, title, quantity, material and notes,
so the manifest, order sheet, proof and gallery list it as before; only its page changes: the
master's trim and bleed, the master's artwork, and the slots filled for the village.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path as FsPath

from paigen.assets import EMPTY_NOTE, RECENTRED_NOTE
from paigen.batch.wording import board_names
from paigen.errors import LayoutError, PaigenError
from paigen.i18n import _, listing
from paigen.layout.scene import Artwork, Page, Path, Slot, Text
from paigen.masters._fill import fill
from paigen.masters._folder import FOLDER, masters_folder
from paigen.masters._pdfmaster import PdfPage, read_pdf_master, to_svg
from paigen.masters._slots import SlotFile, load_slot_file, safe_margin
from paigen.masters._svgmaster import read_svg_master
from paigen.masters._variables import board_values, text_names
from paigen.model.settings import Settings


@dataclass(frozen=True, eq=False)  # one object per build: compared and hashed by identity
class Master:
    """One sign type's master: its slot file and its artwork (a PDF page or SVG shapes)."""

    sign_type: str
    slots: SlotFile
    file: str  # for people: masters/board.pdf
    pdf: PdfPage | None = None
    shapes: tuple[Path, ...] = ()
    notes: tuple[str, ...] = ()  # what the check says without refusing the master
    _svg: list = field(default_factory=list, compare=False, repr=False)  # the PDF page as SVG, once

    @property
    def kind(self) -> str:
        return "pdf" if self.pdf is not None else "svg"

    def page_svg(self) -> bytes | None:
        if self.pdf is None:
            return None
        if not self._svg:
            self._svg.append(to_svg(self.pdf))
        return self._svg[0]


def county_masters(settings: Settings) -> dict[str, Master]:
    """Every master of the county folder, checked; {} when it has no ``masters/`` folder."""
    folder = masters_folder(settings)
    if folder is None:
        return {}
    stamp = tuple(
        (p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file()
    )
    # an edited master is read again, an unchanged one once per process (not once per village)
    key = (folder, settings.sha256, stamp)
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = {
            m.sign_type: m for m in (read_master(f, settings) for f in sorted(folder.glob("*.yaml")))
        }
    return _LOADED[key]


_LOADED: dict[tuple, dict[str, Master]] = {}


def read_master(slot_file: FsPath, settings: Settings) -> Master:
    """Read and check one master: its slot file and the PDF or SVG next to it."""
    try:
        return _read_master(slot_file, settings)
    except (MemoryError, RecursionError):
        raise PaigenError(_("{file}: its artwork is too large or too deeply nested to read (export "
                            "the master again as plain vector artwork of a few MB)",
                            file=f"{FOLDER}/{slot_file.name}")) from None


def _read_master(slot_file: FsPath, settings: Settings) -> Master:
    from paigen.layout.signs import SIGN_TYPES

    sign_type = slot_file.stem
    label = f"{FOLDER}/{slot_file.name}"
    if sign_type not in SIGN_TYPES:
        close = difflib.get_close_matches(sign_type, list(SIGN_TYPES), n=1, cutoff=0.6)
        if close:
            raise PaigenError(_("{file}: '{name}' is no sign type; name the slot file after the "
                                "sign type it replaces (did you mean '{close}'?)",
                                file=label, name=sign_type, close=close[0]))
        raise PaigenError(_("{file}: '{name}' is no sign type; name the slot file after the sign "
                            "type it replaces (e.g. board.yaml)", file=label, name=sign_type))
    slots = load_slot_file(slot_file, sign_type, settings, label)
    artwork = _artwork_file(slot_file, slots, label)
    art_label = f"{FOLDER}/{artwork.name}"
    if artwork.suffix.lower() == ".pdf":
        _need_boxes(slots, label, None)
        pdf = read_pdf_master(artwork, slots, art_label, settings.limits)
        return Master(sign_type, slots, art_label, pdf=pdf)
    notes: list[str] = []
    shapes, boxes = read_svg_master(artwork, slots, settings, art_label, notes)
    unknown = sorted(set(boxes) - {s.name for s in slots.slots})
    if unknown:
        raise PaigenError(_("{file}: the slots layer has rectangles {unknown} that {slots} does "
                            "not name (give each rectangle the id of a slot: {names})",
                            file=art_label, unknown=listing(unknown), slots=label,
                            names=listing(s.name for s in slots.slots)))
    problems = _layer_problems(slots, boxes, settings)
    if problems:
        raise PaigenError(_("{file}: the slots layer puts {problems}", file=art_label,
                            problems=_("; ").join(problems)))
    slots = slots.with_boxes(boxes)
    _need_boxes(slots, label, art_label)
    notes = [f"{art_label} {n}" for n in dict.fromkeys(notes)]
    return Master(sign_type, slots, art_label, shapes=shapes, notes=tuple(notes))


def _need_boxes(slots: SlotFile, label: str, svg: str | None) -> None:
    """Every slot has a box: box_mm in the slot file, or a rectangle of the SVG's slots layer."""
    missing = slots.unboxed()
    if not missing:
        return
    if svg:
        lines = [_("{file}:{line} slots '{name}': no box_mm; write its box [x, y, width, height] "
                   "in mm from the trim's top-left corner, or draw a rectangle with id '{first}' "
                   "in the slots layer of {svg}", file=slots.file, line=s.line, name=s.name,
                   first=missing[0].name, svg=svg) for s in missing]
    else:
        lines = [_("{file}:{line} slots '{name}': no box_mm; write its box [x, y, width, height] "
                   "in mm from the trim's top-left corner (a PDF master has no slots layer)",
                   file=slots.file, line=s.line, name=s.name) for s in missing]
    raise PaigenError("\n".join(lines))


def _layer_problems(slots: SlotFile, boxes: dict, settings: Settings) -> list[str]:
    """The slots layer's rectangles, held to the slot file's rules: inside the trim, text inside
    the safe margin."""
    from paigen.layout.scene import Box

    out: list[str] = []
    kinds = {s.name: s.kind for s in slots.slots}
    margin = safe_margin(settings, slots.width, slots.height)
    for name, box in sorted(boxes.items()):
        edge = 0.0 if kinds[name] != "text" else margin
        inner = Box(edge, edge, slots.width - 2 * edge, slots.height - 2 * edge)
        if not inner.contains(box, 0.05):
            fields = {"name": name, "box": f"[{box.x:g}, {box.y:g}, {box.w:g}, {box.h:g}]",
                      "inside": f"[{edge:g}, {edge:g}, {inner.w:g}, {inner.h:g}]",
                      "margin": f"{margin:g}"}
            if edge == 0:
                out.append(_("rectangle '{name}' {box} outside the trim (move it inside {inside} "
                             "in trim mm)", **fields))
            else:
                out.append(_("rectangle '{name}' {box} within {margin} mm of the trim, where text "
                             "keeps clear (move it inside {inside} in trim mm)", **fields))
    return out


def _artwork_file(slot_file: FsPath, slots: SlotFile, label: str) -> FsPath:
    if slots.master:
        chosen = slot_file.parent / slots.master
        if not chosen.is_file():
            raise PaigenError(_("{file}: master: {master} does not exist next to it (put the "
                                "artwork at {path} or correct the name)", file=label,
                                master=slots.master, path=f"{FOLDER}/{slots.master}"))
        return chosen
    found = [slot_file.with_suffix(s) for s in (".pdf", ".svg") if slot_file.with_suffix(s).is_file()]
    if not found:
        raise PaigenError(_("{file}: no artwork next to it (put {pdf} or {svg} in {folder})",
                            file=label, pdf=f"{slot_file.stem}.pdf", svg=f"{slot_file.stem}.svg",
                            folder=f"{FOLDER}/"))
    if len(found) > 1:
        raise PaigenError(_("{file}: both {pdf} and {svg} exist (say which one to use with "
                            "master: {pdf} in {name}, or remove the other)", file=label,
                            pdf=f"{slot_file.stem}.pdf", svg=f"{slot_file.stem}.svg",
                            name=slot_file.name))
    return found[0]




# -- applying ------------------------------------------------------------------------------
def values_for(ctx, art: Artwork) -> dict:
    """The template variables of one artwork: village, center, sign, texts, board."""
    texts = [i for i in art.page.items if isinstance(i, Text)]
    values = {
        "village": ctx.profile.village,
        "center": ctx.profile.center,
        "sign": {
            "title": art.title,
            "name": art.name,
            "type": art.type,
            "quantity": art.quantity,
            "material": art.material,
        },
        "texts": {n: t.text for n, t in zip(text_names(texts), texts, strict=True)},  # breaks kept
    }
    board = _board_of(ctx, art)
    if board is not None:
        values["board"] = board_values(board)
    return values


def _board_of(ctx, art: Artwork):
    """The library text a board or flow artwork prints (by its place in the kit)."""
    from paigen.layout.signs.board import library, room_boards

    if art.type not in ("board", "flow"):
        return None
    number = art.name.rpartition("-")[2]
    if not number.isdigit():
        return None
    lib = library(ctx)
    if art.type == "board":
        names = [name for __, name in room_boards(ctx)]
    else:
        named = {b for r in ctx.profile.center.rooms for b in r.boards}
        names = [n for n in ctx.settings.section("kit").get("flows", []) if n not in named]
    index = int(number) - 1
    return lib.get(names[index]) if 0 <= index < len(names) else None


def master_artwork(ctx, art: Artwork, master: Master) -> Artwork:
    """*art* redrawn on *master*: the master's artwork with its slots filled for this village."""
    slots = master.slots
    if len(art.pages) != 1:
        raise LayoutError(_("{where}: {master} is a one-page master but the {type} artwork has "
                            "{pages} pages (remove the master of this type)",
                            where=ctx.where(art.name), master=master.file, type=art.type,
                            pages=len(art.pages)))
    items = fill(
        slots,
        values_for(ctx, art),
        ctx.engine,
        ctx.where(art.name),
        ctx.settings.base_dir,
        ctx.settings.limits,
    )
    emblem = [s for s in slots.slots if s.kind == "emblem"]
    # the built-in design's emblem note goes: the master's own emblem slot (or none) says it
    notes = [n for n in art.note.split("；")
             if n and n not in (EMPTY_NOTE, RECENTRED_NOTE) and not n.startswith("党徽（")]
    notes.append(f"县级母版 {master.file}")
    if emblem:
        from paigen.layout.signs._emblem import emblem_items

        for spec in emblem:
            placed, emblem_note = emblem_items(ctx, spec.box)
            items += placed
        if emblem_note not in notes:
            notes.append(emblem_note)
    elif has_emblem(art):
        notes.append(NO_EMBLEM_NOTE)
    page = Page(slots.width, slots.height, slots.bleed, (*master.shapes, *items), None)
    # the library boards the built-in design prints: their proof status follows the artwork
    meta = {**art.meta, "master": master, "boards": board_names(art)}
    return replace(art, pages=(page,), note="；".join(notes), meta=meta)


NO_EMBLEM_NOTE = "县级母版未设党徽位（内置设计有党徽位）"


def has_emblem(art: Artwork) -> bool:
    """Whether the built-in design has an emblem position: a slot, or one recentred away for want
    of an emblem file (``assets.emblem_missing: recentre``, said by its note)."""
    return (RECENTRED_NOTE in art.note.split("；")
            or any(isinstance(i, Slot) and i.name == "emblem" for p in art.pages for i in p.items))


def apply_masters(ctx, artworks: list[Artwork], masters: dict[str, Master]) -> list[Artwork]:
    """The kit's artworks with every type that has a master redrawn on it."""
    if not masters:
        return artworks
    return [master_artwork(ctx, a, masters[a.type]) if a.type in masters else a for a in artworks]
