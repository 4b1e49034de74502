"""Messages in the user's language: gettext catalogues compiled by Babel, Chinese by default.

Every user-facing string is written in English in the code, marked for extraction and looked up
at the moment it is shown::

    from paigen.i18n import _, ngettext
    raise FontError(_("no font covers {chars}", chars=missing))
    ngettext("{n} village", "{n} villages", n)

Placeholders are named (``{chars}``), so a translation may move them. Strings built at import
time (tables of labels, fixes) are marked with :func:`N_` and translated where they are used.

The language is, in order: the one set for this context (:func:`use_language`, e.g. a web
request's Accept-Language), the one set for the process (:func:`set_language`, e.g. ``--lang``),
``PAIGEN_LANG``, then ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` when they name a
language paigen has, and Simplified Chinese otherwise.

Catalogues live in ``paigen/locale/<lang>/LC_MESSAGES/<domain>.po``; the set-up compiles them to
``.mo`` (``python -m paigen.i18n compile``), and a missing or stale ``.mo`` is compiled in memory
from its ``.po`` so an installed package never shows a half-translated page.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
import re
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

LOCALEDIR = Path(__file__).resolve().parent / "locale"
DEFAULT = "zh_CN"
LANGUAGES = ("zh_CN", "en")
#: One catalogue per part of the package (see scripts/catalogue.py for which files go where).
DOMAINS = ("input", "build", "artwork", "cli", "web")

_context: ContextVar[str | None] = ContextVar("paigen_language", default=None)
_process: str | None = None
_lock = threading.Lock()
_loaded: dict[str, _gettext.NullTranslations] = {}


def normalise(tag: str | None) -> str | None:
    """Map a locale or language tag (``zh-CN``, ``zh_CN.UTF-8``, ``en_US``) to a paigen language."""
    if not tag:
        return None
    base = tag.strip().split(".")[0].split("@")[0].replace("-", "_").lower()
    if base.startswith("zh"):
        return "zh_CN"
    if base == "en" or base.startswith("en_"):
        return "en"
    return None


def from_environment(environ: os._Environ | dict | None = None) -> str:
    """The language the environment asks for, or Chinese when it names none paigen has."""
    env = os.environ if environ is None else environ
    explicit = normalise(env.get("PAIGEN_LANG"))
    if explicit:
        return explicit
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if not value:
            continue
        for part in value.split(":"):
            lang = normalise(part)
            if lang:
                return lang
        if var != "LANGUAGE":  # a set LC_* / LANG that names no language of ours (C, fr_FR …)
            return DEFAULT
    return DEFAULT


def negotiate(accept_language: str | None) -> str:
    """The language of a browser's Accept-Language header; Chinese when none of ours is asked."""
    best: tuple[float, int, str] | None = None
    for order, item in enumerate((accept_language or "").split(",")):
        tag, _sep, params = item.strip().partition(";")
        quality = 1.0
        match = re.search(r"q\s*=\s*([^;\s]*)", params)
        if match:
            try:
                quality = float(match.group(1))
            except ValueError:
                quality = 0.0  # a weight nobody can read asks for nothing
        lang = normalise(tag)
        if lang and quality > 0 and (best is None or (quality, -order) > (best[0], best[1])):
            best = (quality, -order, lang)
    return best[2] if best else DEFAULT


def language() -> str:
    """The language messages are shown in right now."""
    return _context.get() or _process or from_environment()


def set_language(lang: str | None) -> None:
    """Set the process's language (``--lang``); None goes back to the environment's."""
    global _process
    _process = normalise(lang) if lang else None


@contextmanager
def use_language(lang: str | None) -> Iterator[str]:
    """Show messages in *lang* inside the block (this thread or task only)."""
    token = _context.set(normalise(lang) or None)
    try:
        yield language()
    finally:
        _context.reset(token)


def _compile_po(po: Path) -> _gettext.GNUTranslations:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


def _load_domain(lang: str, domain: str) -> _gettext.NullTranslations | None:
    folder = LOCALEDIR / lang / "LC_MESSAGES"
    po, mo = folder / f"{domain}.po", folder / f"{domain}.mo"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if po.is_file():
        return _compile_po(po)
    return None


def translations(lang: str | None = None) -> _gettext.NullTranslations:
    """Every domain's catalogue for *lang*, chained; English needs none (it is the source)."""
    lang = normalise(lang) or language()
    with _lock:
        found = _loaded.get(lang)
        if found is None:
            found = _gettext.NullTranslations()
            if lang != "en":
                chain: _gettext.NullTranslations | None = None
                for domain in DOMAINS:
                    loaded = _load_domain(lang, domain)
                    if loaded is None:
                        continue
                    if chain is None:
                        chain = loaded
                    else:
                        chain.add_fallback(loaded)
                found = chain or found
            _loaded[lang] = found
        return found


def _(message: str, /, **fields: object) -> str:
    """*message* in the current language, its ``{placeholders}`` filled from *fields*."""
    text = translations().gettext(message)
    return text.format(**fields) if fields else text


def ngettext(singular: str, plural: str, n: int, /, **fields: object) -> str:
    """The singular or plural form for *n* (``{n}`` is filled in too)."""
    text = translations().ngettext(singular, plural, n)
    return text.format(n=n, **fields)


def N_(message: str, /) -> str:
    """Mark *message* for the catalogue without translating it (translate it where it is shown)."""
    return message


def listing(items: Iterable[object]) -> str:
    """Items joined the way the language lists them (``甲、乙、丙`` / ``a, b, c``)."""
    return ("、" if language() == "zh_CN" else ", ").join(str(i) for i in items)


def quoted(value: object) -> str:
    """A value quoted the way the language quotes (``「东庄村」`` / ``'东庄村'``)."""
    return f"「{value}」" if language() == "zh_CN" else f"'{value}'"


def compile_all(localedir: Path = LOCALEDIR) -> list[Path]:
    """Compile every ``.po`` under *localedir* to its ``.mo`` (atomically); return those written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(localedir.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        with po.open("rb") as fh:
            catalog = read_po(fh)
        buf = io.BytesIO()
        write_mo(buf, catalog, use_fuzzy=False)
        if mo.is_file() and mo.read_bytes() == buf.getvalue():
            continue
        tmp = mo.with_name(f".{mo.name}.tmp")
        tmp.write_bytes(buf.getvalue())
        os.replace(tmp, mo)
        written.append(mo)
    with _lock:
        _loaded.clear()
    return written


if __name__ == "__main__":  # pragma: no cover - used by the set-up
    if sys.argv[1:] == ["compile"]:
        for path in compile_all():
            print(f"compiled {path.relative_to(LOCALEDIR)}")
    else:
        sys.exit("usage: python -m paigen.i18n compile")
