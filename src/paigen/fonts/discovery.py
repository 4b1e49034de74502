"""Find the fonts installed on this machine and index their faces by name.

Sources: the files fontconfig knows (``fc-list``, where installed) plus the standard font
folders of Linux, Windows and macOS. Each face's family/style/full/PostScript names are read
with fontTools in every language the font carries, so ``方正小标宋简体`` and
``FZXiaoBiaoSong-B05S`` find the same face. The index is cached on disk, keyed by file size and
modification time, so only new or changed font files are parsed again.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont, TTLibError

from paigen._io import atomic_write

FONT_SUFFIXES = {".ttf", ".otf", ".ttc", ".otc"}
_INDEX_VERSION = 1
TEX_TREES = ("/usr/share/texlive/texmf-dist", "/usr/share/texmf", "/usr/local/share/texmf")
_REGULAR = {"regular", "book", "normal", "roman", "standard", "常规", "標準", "w3"}


def normalise(name: str) -> str:
    """Compare font names without case, spaces or hyphens."""
    return "".join(name.casefold().split()).replace("-", "")


@dataclass(frozen=True)
class Face:
    """One face of an installed font file, with every name it answers to."""

    path: str
    index: int
    family: str  # English family name, for display
    style: str
    full_name: str
    postscript: str
    weight: int
    cff: bool  # PostScript outlines: fine for paths, not for reportlab's TTF embedding
    pairs: tuple[tuple[str, str], ...]  # normalised (family, style) pairs, all languages
    full_names: tuple[str, ...]  # normalised full and PostScript names

    @property
    def label(self) -> str:
        return f"{self.family} {self.style}".strip()

    @property
    def families(self) -> set[str]:
        return {family for family, _ in self.pairs}

    def is_regular(self) -> bool:
        return any(style in _REGULAR for _, style in self.pairs)


def system_font_dirs() -> list[Path]:
    """Standard font folders of this platform (existing or not)."""
    home = Path.home()
    if sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"),
                Path("/Library/Fonts"), home / "Library" / "Fonts"]
    data_home = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share"))
    dirs = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data_home / "fonts",
            home / ".fonts"]
    # WSL users keep their Chinese fonts on the Windows side.
    dirs.append(Path("/mnt/c/Windows/Fonts"))
    # TeX Live's Fandol faces (Debian texlive-lang-chinese): the only free 仿宋 with all of
    # GB2312; fontconfig does not list TeX's font folders.
    dirs += [Path(tex) / "fonts/opentype/public/fandol" for tex in TEX_TREES]
    return dirs


def fontconfig_files() -> list[Path]:
    """Font files fontconfig knows about; empty when fontconfig is not installed."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        out = subprocess.run([fc_list, "--format", "%{file}\n"], capture_output=True, text=True,
                             timeout=60, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [Path(line) for line in out.splitlines() if line.strip()]


def font_files(dirs: Iterable[Path], use_fontconfig: bool = True) -> list[Path]:
    """Every font file under *dirs* plus fontconfig's, sorted and without duplicates."""
    found: set[Path] = set()
    for folder in dirs:
        if not folder.is_dir():
            continue
        for root, _, names in os.walk(folder, followlinks=True):
            for name in names:
                if Path(name).suffix.lower() in FONT_SUFFIXES:
                    found.add(Path(root) / name)
    if use_fontconfig:
        found.update(p for p in fontconfig_files() if p.suffix.lower() in FONT_SUFFIXES)
    return sorted(found)


def _names(font: TTFont) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for record in font["name"].names:
        if record.nameID in (1, 2, 4, 6, 16, 17):
            try:
                text = record.toUnicode()
            except UnicodeDecodeError:
                continue
            if text and text not in out.setdefault(record.nameID, []):
                out[record.nameID].append(text)
    return out


def _english(names: dict[int, list[str]], *ids: int) -> str:
    for name_id in ids:
        for text in names.get(name_id, []):
            if text.isascii():
                return text
    for name_id in ids:
        if names.get(name_id):
            return names[name_id][0]
    return ""


def read_faces(path: Path) -> list[Face]:
    """Read every face of a font file; an unreadable file gives no faces."""
    try:
        with open(path, "rb") as fh:
            if path.suffix.lower() in (".ttc", ".otc"):
                fonts = TTCollection(fh, lazy=True).fonts
            else:
                fonts = [TTFont(fh, lazy=True)]
            return [face for index, font in enumerate(fonts) if (face := _face(path, index, font))]
    except (TTLibError, OSError, ValueError, AssertionError, KeyError, struct.error, ImportError,
            TypeError, AttributeError, IndexError, EOFError):  # ImportError: WOFF2 without brotli
        return []


def _face(path: Path, index: int, font: TTFont) -> Face | None:
    try:
        names = _names(font)
        weight = font["OS/2"].usWeightClass if "OS/2" in font else 400
        cff = "CFF " in font or "CFF2" in font
    except Exception:  # a damaged table: skip the face, keep the others
        return None
    pairs = set()
    legacy_styles = names.get(2, []) or ["Regular"]
    for family in names.get(1, []):
        for style in legacy_styles:
            pairs.add((normalise(family), normalise(style)))
    for family in names.get(16, []):
        for style in names.get(17, []) or legacy_styles:
            pairs.add((normalise(family), normalise(style)))
    full = {normalise(n) for n in names.get(4, []) + names.get(6, [])}
    return Face(
        path=str(path), index=index,
        family=_english(names, 16, 1), style=_english(names, 17, 2),
        full_name=_english(names, 4), postscript=_english(names, 6),
        weight=int(weight), cff=cff,
        pairs=tuple(sorted(pairs)), full_names=tuple(sorted(full)),
    )


def cache_dir() -> Path:
    if os.environ.get("PAIGEN_CACHE_DIR"):
        return Path(os.environ["PAIGEN_CACHE_DIR"])
    if sys.platform.startswith("win"):
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "paigen" / "cache"
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "paigen"


@dataclass(frozen=True)
class FontIndex:
    """The faces installed on this machine (plus any configured folders)."""

    faces: tuple[Face, ...]
    _found: dict[str, Face | None] = field(default_factory=dict, compare=False, repr=False)

    def find(self, spec: str) -> Face | None:
        """Return the face named by *spec* ('Family', 'Family:Style' or a full name)."""
        if spec not in self._found:  # every village's documents ask for the same few names
            self._found[spec] = self._find(spec)
        return self._found[spec]

    def _find(self, spec: str) -> Face | None:
        family, _, style = spec.rpartition(":") if ":" in spec else (spec, "", "")
        fam, sty = normalise(family), normalise(style)
        if sty:
            matches = [f for f in self.faces if (fam, sty) in f.pairs]
        else:
            matches = [f for f in self.faces if fam in f.full_names]
            if not matches:
                matches = sorted((f for f in self.faces if fam in f.families),
                                 key=lambda f: (not f.is_regular(), abs(f.weight - 400)))
        return matches[0] if matches else None


def _load_cache(file: Path) -> dict:
    """The cached index, or {} when it is missing, damaged or of another version."""
    try:
        data = json.loads(file.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _INDEX_VERSION:
        return {}
    files = data.get("files")
    if not isinstance(files, dict):
        return {}
    good = {}
    for key, entry in files.items():
        try:
            int(entry["size"]), int(entry["mtime_ns"])
            [_face_from(raw) for raw in entry["faces"]]
        except (KeyError, TypeError, ValueError):
            continue  # a damaged entry is read again from the font file
        good[key] = entry
    return good


def _face_from(raw: dict) -> Face:
    raw = {**raw, "pairs": tuple(tuple(p) for p in raw["pairs"]), "full_names": tuple(raw["full_names"])}
    return Face(**raw)


def build_index(extra_dirs: Iterable[Path] = (), use_cache: bool = True,
                use_fontconfig: bool = True, system: bool = True) -> FontIndex:
    """Index the fonts of this machine, re-reading only files that changed since last time."""
    dirs = [*(system_font_dirs() if system else []), *extra_dirs]
    files = font_files(dirs, use_fontconfig=use_fontconfig and system)
    cache_file = cache_dir() / "font-index.json"
    cached = _load_cache(cache_file) if use_cache else {}
    entries: dict[str, dict] = {}
    changed = False
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        key = str(path)
        old = cached.get(key)
        if old and old["size"] == stat.st_size and old["mtime_ns"] == stat.st_mtime_ns:
            entries[key] = old
            continue
        entries[key] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                        "faces": [asdict(f) for f in read_faces(path)]}
        changed = True
    if use_cache and (changed or set(entries) != set(cached)):
        try:
            payload = {"version": _INDEX_VERSION, "files": entries}
            atomic_write(cache_file, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # a read-only home folder only costs the next run some time
    faces = [_face_from(raw) for entry in entries.values() for raw in entry["faces"]]
    return FontIndex(tuple(sorted(faces, key=lambda f: (f.path, f.index))))


@cache
def installed_fonts() -> FontIndex:
    """The machine's font index, built once per process."""
    return build_index()
