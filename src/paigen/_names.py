"""File and folder names that are safe everywhere a kit travels, and their collision keys.

A kit is copied to the print shop's Windows machine, zipped, and mailed; a name must survive
all of it. :func:`safe_name` is deterministic: NFKC-normalised, no separators, controls or
zero-width characters, no leading/trailing dots or spaces, no Windows device names (CON, NUL,
COM1 …), and at most :data:`MAX_NAME_BYTES` bytes of UTF-8 (a longer name is cut and given a
short hash of the original, so two long names stay apart). :func:`name_key` is what two names
must not share: Windows folds case, so ``ABC`` and ``abc`` are the same folder there.
"""

from __future__ import annotations

import hashlib
import unicodedata

_UNSAFE = set('/\\:*?"<>|')
# Windows device names, with or without an extension (aux.txt is the device AUX too).
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"COM{i}" for i in "123456789¹²³"), *(f"LPT{i}" for i in "123456789¹²³")}
# Room for a suffix (.pdf), the staging prefix (.NAME.building-PID) within NAME_MAX 255 bytes.
MAX_NAME_BYTES = 180


def _cut(text: str, limit: int) -> str:
    data = text.encode("utf-8")[:limit]
    return data.decode("utf-8", "ignore")


def safe_name(name: str) -> str:
    """A file or folder name that stays inside its parent and works on Windows too."""
    text = unicodedata.normalize("NFKC", name)
    cleaned = "".join(
        "_" if c in _UNSAFE or unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in text
        if unicodedata.category(c) not in ("Cf", "Cs", "Co", "Cn") or c in _UNSAFE
    )
    cleaned = cleaned.strip(" .\t\u3000")
    cleaned = cleaned or "_"
    stem = cleaned.split(".")[0].rstrip(" ").upper()
    if stem in _RESERVED:
        cleaned = "_" + cleaned
    if len(cleaned.encode("utf-8")) > MAX_NAME_BYTES:
        tag = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        cleaned = _cut(cleaned, MAX_NAME_BYTES - 9).rstrip(" .") + "-" + tag
    return cleaned


def name_key(name: str) -> str:
    """What two sibling names must not share: the safe name, case-folded (Windows, macOS)."""
    return safe_name(name).casefold()


#: At most this many characters of an artwork's title go into its file name: with a 30-character
#: village and township the full path of a kit file stays well under Windows' 260 characters.
MAX_TITLE_CHARS = 20


def kit_stem(name: str, title: str = "") -> str:
    """The file stem of a kit file: its ASCII name, then the title a person reads.

    ``kit_stem("board-1", "制度牌 入党誓词")`` is ``board-1-入党誓词``: the leading word of a
    title of several words names the sign type, which the ASCII name already says, so it is left
    out; spaces become ``-``; characters Windows or a zip cannot hold are dropped; the title is cut
    to :data:`MAX_TITLE_CHARS` characters. The same name and title always give the same stem.
    """
    stem = safe_name(name)
    words = unicodedata.normalize("NFKC", title).split()
    if len(words) > 1:
        words = words[1:]
    text = "-".join(words)
    text = "".join(c for c in text if c not in _UNSAFE and c != "."
                   and unicodedata.category(c)[0] not in "CZ")
    text = text[:MAX_TITLE_CHARS].strip(" .-_")
    if not text or text.casefold() in stem.casefold():
        return stem
    return safe_name(f"{stem}-{text}")
