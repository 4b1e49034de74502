"""Warm the font caches for a whole county before its workers start.

A worker that meets a glyph the cache folder lacks opens the face's tables with fontTools: the
whole CFF table read into memory, the glyph order, the cmap and the advance widths of 65,000
glyphs — some 50 MB per CJK face, several hundred MB per worker, in every worker at once, for
the whole build. Here one short-lived process, forked before the workers, looks up every
character the county's profiles, board texts and templates hold in every role's chain of faces
and writes their advances and outlines to the cache (the same cache a rebuild reads); then it
exits and gives its memory back. The workers find what they draw in the cache and leave the
tables closed. A character the county has nowhere in its inputs (a date's digits are there)
costs only what it cost before: its face opened in that worker.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections.abc import Iterable
from pathlib import Path

from paigen._data import data_dir
from paigen.fonts.roles import RoleFont
from paigen.model.profile import Profile
from paigen.model.settings import Settings

TEXT_SUFFIXES = (".yaml", ".yml", ".txt", ".md", ".j2", ".html", ".svg", ".json", ".py")
PUNCTUATION = "\u2002\u2003\u3000\u00a0‘’“”…—–·、。，：；！？（）《》〈〉【】〔〕「」『』％＋－×÷°²³"


def warm_fonts(settings: Settings, roles: dict[str, RoleFont], profiles: Iterable[Profile]) -> None:
    """Fill the font caches for *profiles* in a forked process (nothing when fork is not there)."""
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # a system without fork: the workers fill the caches as they go
        return
    chars = county_chars(settings, profiles)
    process = context.Process(target=_warm, args=(roles, chars, os.getpid()), name="paigen-font-warm",
                              daemon=True)
    process.start()
    process.join()  # a failure here only leaves the work to the workers, as before


def county_chars(settings: Settings, profiles: Iterable[Profile]) -> frozenset[str]:
    """Every character the county's artworks are likely to set: its profiles, its settings, the
    shipped and the county's own board texts and templates, the labels in paigen's own code
    (order and proof sheets, sign wording), ASCII, common punctuation and the vertical forms."""
    import paigen
    from paigen.layout.text import VERTICAL_FORMS

    chars: set[str] = set(map(chr, range(0x20, 0x7F))) | set(VERTICAL_FORMS.values()) | set(PUNCTUATION)
    for profile in profiles:
        chars |= _chars_of(profile)
    chars |= _chars_of(settings.data) | set(settings.county or "") | set(settings.province or "")
    folders = [data_dir("signage"), data_dir("templates"), Path(paigen.__file__).parent]
    if settings.base_dir is not None:
        folders.append(settings.base_dir / "boards")
    for folder in folders:
        chars |= _folder_chars(folder)
    return frozenset(chars)


def _chars_of(value: object) -> set[str]:
    """The characters of every string in a profile or a settings tree (not of the internal
    fields: where each value came from, notes for messages)."""
    strings: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            strings.append(item)
        elif isinstance(item, dict):
            stack += item.keys()
            stack += item.values()
        elif isinstance(item, list | tuple | set | frozenset):
            stack += item
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            stack += (getattr(item, f.name) for f in dataclasses.fields(item)
                      if not f.metadata.get("internal"))
    return set("".join(strings))


def _folder_chars(folder: Path) -> set[str]:
    out: set[str] = set()
    if not folder.is_dir():
        return out
    for file in folder.rglob("*"):
        if file.suffix.lower() in TEXT_SUFFIXES and file.is_file():
            try:
                out |= set(file.read_text("utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
    return out


def _warm(roles: dict[str, RoleFont], chars: frozenset[str], parent: int) -> None:
    """In the forked process: each role's glyph for each character, its advance and outline.
    A face that cannot be read is left to the workers, which say so as they always have."""
    from paigen._executors import watch_parent
    from paigen.fonts import _facecache
    from paigen.fonts.roles import needs_glyph
    from paigen.layout.text import Font

    watch_parent(parent)  # a killed build takes this process with it
    glyphs: dict = {}
    try:
        for role in roles.values():
            font = Font(role)
            for char in sorted(chars):
                hit = font.pick(char)
                if hit is not None:  # a space has an advance and no outline
                    hit[0].advance(hit[1])
                    if needs_glyph(char):
                        glyphs.setdefault(hit[0], set()).add(hit[1])
        for face, names in glyphs.items():
            for name in sorted(names):
                face.outline(name)
    except Exception:  # a damaged face: the worker that needs it reports it, with file and fix
        pass
    _facecache.flush()
