"""The structured text of a document: what a template says, before any styling.

The parser (:mod:`paigen.docs._markup`) turns template output into these records; the GB/T 9704
writer (:mod:`paigen.docs._writer`) maps each kind of block to one paragraph style. Numbers of
headings and items ("一、", "（一）", "1.", "（1）") are resolved by the parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """A numbered heading; *runin* is body text that follows it in the same paragraph."""

    level: int  # 1 一、 黑体 · 2 （一） 楷体 · 3 1. 仿宋 · 4 （1） 仿宋
    number: str
    text: str
    runin: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph, first line indented two characters."""

    text: str
    spans: tuple[tuple[str, bool], ...] = ()  # (text, bold) runs when part of it is bold


@dataclass(frozen=True)
class Item:
    """A numbered item of a list ("1." under a section, "（1）" under a level-3 heading)."""

    number: str
    text: str


@dataclass(frozen=True)
class Table:
    """A table; the first row is the header row, repeated on every page."""

    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # proportions; empty = from the content
    caption: str = ""


@dataclass(frozen=True)
class SignTable:
    """The sign-off table of an acceptance report: one row per party, room to sign and date."""

    parties: tuple[str, ...]
    caption: str = ""


@dataclass(frozen=True)
class Image:
    """A picture of a draft, kept in place and scaled to the text block (never enlarged)."""

    data: bytes
    width_mm: float
    height_mm: float
    name: str = ""


Block = Heading | Paragraph | Item | Table | SignTable | Image


@dataclass(frozen=True)
class Attachment:
    """An attachment: its own page, "附件N" in 黑体 top left, then its title and blocks."""

    title: str
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Text:
    """One parsed template: title, optional addressee and 附注, body blocks, attachments."""

    title: str = ""
    addressee: str = ""
    note: str = ""
    blocks: tuple[Block, ...] = ()
    attachments: tuple[Attachment, ...] = field(default=())
