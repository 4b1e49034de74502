"""Font roles (title, song, hei, kai, fangsong) resolved to installed faces, and coverage.

A role is served by a chain of faces: the configured file (``fonts.<role>.path``) or the first
installed preferred name, then every other installed candidate, which draw the characters the
first face lacks. A character no face of the chain covers is reported, never drawn as tofu.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from fontTools.ttLib import TTCollection, TTFont

from paigen.errors import FontError
from paigen.fonts import _facecache
from paigen.fonts.discovery import Face, FontIndex, installed_fonts, normalise, read_faces
from paigen.i18n import N_, _, listing
from paigen.model.settings import Settings

#: the roles' names as a designer says them (a role of a county's own is shown by its key).
ROLE_LABELS = {"title": N_("title face"), "song": N_("Song face"), "hei": N_("Hei face"),
               "kai": N_("Kai face"), "fangsong": N_("FangSong face")}


def role_label(role: str) -> str:
    """The role's name in the user's language (标题字、宋体 …), or its key when it has none."""
    return _(ROLE_LABELS[role]) if role in ROLE_LABELS else role


@dataclass(frozen=True)
class RoleFont:
    """The faces that serve one role, first face first, and how it was chosen."""

    role: str
    faces: tuple[Face, ...]
    source: str  # configured | preferred | fallback
    warning: str = ""

    @property
    def primary(self) -> Face:
        return self.faces[0]

    def uncovered(self, text: str) -> list[str]:
        """Characters of *text* that no face of this role can draw, in order, once each."""
        return uncovered(text, self.faces)

    def face_for(self, char: str) -> Face | None:
        """The first face of the chain that has a glyph for *char*."""
        code = ord(char)
        return next((f for f in self.faces if code in cmap_of(f.path, f.index)), None)


@lru_cache(maxsize=64)
def cmap_of(path: str, index: int) -> frozenset[int]:
    """Code points a face maps to glyphs (parsed once per process)."""
    try:
        opened: list = []

        def open_font():
            if path.lower().endswith((".ttc", ".otc")):
                container = TTCollection(path, lazy=True)
                opened.append(container)
                return container.fonts[index]
            opened.append(TTFont(path, lazy=True))
            return opened[-1]

        try:
            return _facecache.cmap_codes(path, index, open_font)
        finally:
            for container in opened:
                container.close()
    except Exception as exc:  # fontTools raises many kinds for a damaged file
        raise FontError(_("font file '{path}' (face {index}) cannot be read ({error}); replace the "
                          "file, or point {setting} in paigen.yaml at another font",
                          setting="fonts.<role>.path", path=path, index=index,
                          error=f"{type(exc).__name__}: {str(exc)[:80]}")) from None


def needs_glyph(char: str) -> bool:
    """False for characters that are never drawn: spaces, controls, variation selectors."""
    if char.isspace():
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Zl", "Zp"):
        return False
    code = ord(char)
    return not (0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF)


def uncovered(text: str, faces: Iterable[Face]) -> list[str]:
    faces = tuple(faces)
    missing: list[str] = []
    for char in dict.fromkeys(text):
        if needs_glyph(char) and not any(ord(char) in cmap_of(f.path, f.index) for f in faces):
            missing.append(char)
    return missing


def _configured_face(settings: Settings, role: str, entry: dict) -> Face:
    path = settings.resolve_path(str(entry["path"]))
    where = f"{settings.file or 'paigen.yaml'} fonts.{role}.path"
    if not path.is_file():
        raise FontError(_("{where}: font file '{path}' does not exist; fix the path, or remove it "
                          "to use the installed fonts", where=where, path=path))
    faces = read_faces(path)
    if not faces:
        raise FontError(_("{where}: '{path}' is not a font file paigen can read (TTF, OTF, TTC); "
                          "give a TrueType or OpenType font file", where=where, path=path))
    want = entry.get("face")
    if want is None:
        return faces[0]
    if isinstance(want, int) or str(want).isdigit():
        i = int(want)
        if not 0 <= i < len(faces):
            raise FontError(_("{where}: face {index} does not exist; the file has faces 0–{last}",
                              where=where, index=i, last=len(faces) - 1))
        return faces[i]
    key = normalise(str(want))
    for face in faces:
        if key in face.full_names or key in face.families:
            return face
    listed = listing(f"{i}: {f.label}" for i, f in enumerate(faces))
    raise FontError(_("{file} {setting}: '{want}' is not in {name}; its faces are {faces}",
                      file=settings.file or "paigen.yaml", setting=f"fonts.{role}.face", want=want,
                      name=path.name,
                      faces=listed))


def resolve_role(settings: Settings, role: str, index: FontIndex | None = None) -> RoleFont:
    """Resolve one role to its chain of installed faces."""
    index = index or installed_fonts()
    entry = settings.font_role(role)
    preferred = [f for f in (index.find(s) for s in entry.get("preferred") or []) if f]
    fallback = [f for f in (index.find(s) for s in entry.get("fallback") or []) if f]
    configured = [_configured_face(settings, role, entry)] if entry.get("path") else []
    chain = tuple(dict.fromkeys([*configured, *preferred, *fallback]))
    if not chain:
        names = listing([*(entry.get("preferred") or []), *(entry.get("fallback") or [])])
        raise FontError(_("no installed font serves the {label} ({section}; looked for {names}); "
                          "install one of them (on Debian or Ubuntu: {packages}) or set "
                          "{setting} in paigen.yaml", label=role_label(role),
                          section=f"fonts.{role}", setting=f"fonts.{role}.path",
                          names=names, packages="fonts-noto-cjk fonts-lxgw-wenkai"))
    if configured:
        return RoleFont(role, chain, "configured")
    if preferred:
        return RoleFont(role, chain, "preferred")
    wanted = (entry.get("preferred") or [None])[0]
    fields = {"wanted": wanted, "label": role_label(role), "section": f"fonts.{role}",
              "setting": f"fonts.{role}.path", "face": chain[0].label}
    if wanted:
        warning = _("{wanted} is not installed; the {label} ({section}) is set in the substitute "
                    "{face}. Install the licensed font or set {setting} in paigen.yaml",
                    **fields)
    else:
        warning = _("no preferred font is named for the {label} ({section}); it is set in the "
                    "substitute {face}. Set {setting} in paigen.yaml", **fields)
    return RoleFont(role, chain, "fallback", warning)


def resolve_roles(settings: Settings, index: FontIndex | None = None) -> dict[str, RoleFont]:
    """Resolve every role of the settings; a role without any font is a :class:`FontError`."""
    return {role: resolve_role(settings, role, index) for role in settings.roles}


__all__ = ["ROLE_LABELS", "RoleFont", "cmap_of", "needs_glyph", "resolve_role", "resolve_roles",
           "role_label", "uncovered"]
