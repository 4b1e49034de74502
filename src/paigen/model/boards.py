"""The content library: standard board texts as data, each with its source, version and proof.

Shipped boards live in ``signage/boards/<name>.yaml``; a county folder may add or override boards
with files of the same form in its own ``boards/`` folder, without touching code. Every file is
validated like a profile, so a broken board names its file, line and key.

A board's words are printed on thousands of boards, so each file records, for every text, whether
it is a verbatim quotation (and of which article), a paraphrase of a named text, or local
practice (``basis``), and whether its wording has been proofread against the original (``proof``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import ClassVar, Literal

from paigen._data import data_dir
from paigen.errors import Problem, ProfileError
from paigen.i18n import _
from paigen.model._convert import INVALID, Converter
from paigen.sources.yamlfile import load_yaml

BoardKind = Literal["text", "items", "flow", "slogans"]
_NEEDS = {"text": "paragraphs", "items": "items", "flow": "stages", "slogans": "slogans"}
BASIS_LABELS = {"quotation": "原文照录", "paraphrase": "据原文概括", "practice": "通用做法"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Basis:
    """Where a text's words come from: quoted verbatim, paraphrased, or local practice."""

    kind: Literal["quotation", "paraphrase", "practice"]
    ref: str = ""  # the article quoted, the text paraphrased, whose practice

    def __str__(self) -> str:
        return f"{BASIS_LABELS[self.kind]}：{self.ref}" if self.ref else BASIS_LABELS[self.kind]


@dataclass(frozen=True)
class Part:
    """One paragraph or item as written in the file: its text, and its basis when it differs."""

    SHORTHAND: ClassVar[str] = "text"
    text: str
    basis: Basis | None = None


@dataclass(frozen=True)
class Proof:
    """Whether the board's wording was proofread against its original, when, and against what."""

    status: Literal["verified", "to-proofread"]
    date: str = ""  # verified: the day of the check, YYYY-MM-DD
    against: str = ""  # verified: the edition compared with
    check: str = ""  # to-proofread: what the county must check before printing

    @property
    def verified(self) -> bool:
        return self.status == "verified"

    @property
    def label(self) -> str:
        """The order and proof sheets' wording: 已核对 2026-12-01 / 待核对."""
        return f"已核对 {self.date}" if self.verified else "待核对"

    def __str__(self) -> str:
        if self.verified:
            return _("verified: {date} against {against}", date=self.date, against=self.against)
        return _("to proofread: {check}", check=self.check)


UNRECORDED = Proof("to-proofread", check="文件未记录核对情况（proof:），付印前请逐字核对原文")


@dataclass(frozen=True)
class Stage:
    """A stage of a flow, with its steps in order."""

    name: str
    steps: tuple[str, ...]
    basis: Basis | None = None  # of the stage name (the steps take the board's)


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
    basis: Basis | None = None  # of every text that names none of its own
    proof: Proof = UNRECORDED
    paragraph_bases: tuple[Basis | None, ...] = field(default=(), metadata={"internal": True})
    item_bases: tuple[Basis | None, ...] = field(default=(), metadata={"internal": True})

    @property
    def steps(self) -> list[str]:
        return [step for stage in self.stages for step in stage.steps]

    def provenance(self) -> list[tuple[str, str, Basis | None]]:
        """(where, text, basis) for every text of the board, in print order."""
        out: list[tuple[str, str, Basis | None]] = []
        if self.intro:
            out.append(("intro", self.intro, self.basis))
        out += [(f"paragraphs[{i}]", p, b or self.basis)
                for i, (p, b) in enumerate(zip(self.paragraphs, self.paragraph_bases, strict=True))]
        out += [(f"items[{i}]", t, b or self.basis)
                for i, (t, b) in enumerate(zip(self.items, self.item_bases, strict=True))]
        if self.closing:
            out.append(("closing", self.closing, self.basis))
        for i, stage in enumerate(self.stages):
            out.append((f"stages[{i}].name", stage.name, stage.basis or self.basis))
            out += [(f"stages[{i}].steps[{k}]", s, self.basis) for k, s in enumerate(stage.steps)]
        out += [(f"slogans[{i}]", s, self.basis) for i, s in enumerate(self.slogans)]
        return out


@dataclass(frozen=True)
class BoardFile:
    """A board file as written: like :class:`BoardText`, with a basis allowed on each part."""

    name: str
    title: str
    kind: BoardKind
    source: str
    version: str
    note: str = ""
    basis: Basis | None = None
    proof: Proof | None = None
    paragraphs: tuple[Part, ...] = ()
    intro: str = ""
    items: tuple[Part, ...] = ()
    closing: str = ""
    stages: tuple[Stage, ...] = ()
    slogans: tuple[str, ...] = ()


def load_board(file: Path, label: str | None = None) -> BoardText:
    """Validate one board file; raise :class:`ProfileError` with every problem."""
    doc = load_yaml(file, label=label)
    conv = Converter(doc)
    kwargs = conv.fields_of(BoardFile, doc.data, ())
    if kwargs is INVALID or conv.problems:
        raise ProfileError(conv.problems)
    raw = BoardFile(**kwargs)
    needed = _NEEDS[raw.kind]
    if not getattr(raw, needed):
        conv.problem((needed,), _("a '{kind}' board needs {key}", kind=raw.kind, key=needed),
                     _("add '{key}:' with its entries", key=needed))
    if raw.name != file.stem:
        conv.problem(("name",), _("name '{name}' differs from the file name '{stem}'", name=raw.name,
                                  stem=file.stem),
                     _("rename the file to {file} or change the name", file=f"{raw.name}.yaml"))
    _check_proof(conv, raw.proof)
    bases = [(("basis",), raw.basis)] + [(("stages", i, "basis"), s.basis) for i, s in enumerate(raw.stages)]
    bases += [((key, i, "basis"), part.basis) for key in ("paragraphs", "items")
              for i, part in enumerate(getattr(raw, key))]
    for where, basis in bases:
        if basis is not None and basis.kind == "quotation" and not basis.ref:
            conv.problem(where, _("a quotation must name what it quotes"),
                         _("add 'ref:' with the document and article, e.g. 《中国共产党章程》第三条"))
    if conv.problems:
        raise ProfileError(conv.problems)
    return BoardText(
        name=raw.name, title=raw.title, kind=raw.kind, source=raw.source, version=raw.version,
        note=raw.note, paragraphs=tuple(p.text for p in raw.paragraphs), intro=raw.intro,
        items=tuple(p.text for p in raw.items), closing=raw.closing, stages=raw.stages,
        slogans=raw.slogans, basis=raw.basis, proof=raw.proof or UNRECORDED,
        paragraph_bases=tuple(p.basis for p in raw.paragraphs),
        item_bases=tuple(p.basis for p in raw.items),
    )


def _check_proof(conv: Converter, proof: Proof | None) -> None:
    if proof is None:
        return
    if proof.verified:
        if not _DATE.fullmatch(proof.date):
            conv.problem(("proof", "date"), _("'{value}' is not a date of the check", value=proof.date),
                         _("write the day the wording was compared, e.g. date: 2026-12-01"))
        if not proof.against:
            conv.problem(("proof",), _("a verified board must say what it was compared against"),
                         _("add 'against:' with the edition, e.g. 《中国共产党章程》（2022年10月22日通过）"))
    elif not proof.check:
        conv.problem(("proof",), _("a board still to proofread must say what to check"),
                     _("add 'check:' with what the county must compare before printing"))


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
