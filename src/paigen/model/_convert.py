"""Turn a located raw tree into model records, collecting every problem on the way.

The converter is driven by the dataclasses' type hints and field metadata (see
:mod:`paigen.model.profile`). It never stops at the first problem: a bad value is recorded with
its location and the walk goes on, so a user sees all problems of a file at once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import math
import re
import types
import typing
import unicodedata
from functools import cache
from typing import Any, Literal

from paigen.errors import Problem, closest, did_you_mean
from paigen.i18n import _, listing, quoted
from paigen.sources._tree import Document, Path, format_path

INVALID: Any = type("Invalid", (), {"__repr__": lambda self: "<invalid>"})()

# Values users write for enumerations in Chinese or loosely; mapped before checking.
ALIASES = {
    "门": "door",
    "窗": "window",
    "窗户": "window",
    "左转": "左",
    "右转": "右",
    "直行": "前",
    "前方": "前",
    "居委会": "社区",
}
WEEKDAY_ALIASES = {f"星期{c}": f"周{c}" for c in "一二三四五六日"} | {"星期天": "周日", "周天": "周日"}
_TRUE = {"true", "yes", "y", "1", "是", "对", "√"}
_FALSE = {"false", "no", "n", "0", "否", "不是", "×"}
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
MOBILE = re.compile(r"1[3-9]\d{9}")
LANDLINE = re.compile(r"(0\d{2,3})-?(\d{7,8})(-\d{1,6})?")
DATE = re.compile(r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?")
URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)


@cache
def hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def user_fields(cls: type) -> tuple[dataclasses.Field, ...]:
    return tuple(f for f in dataclasses.fields(cls) if not f.metadata.get("internal"))


def chinese_number(text: str) -> int | None:
    """Read '二楼', '2层', '十二' or '3F' as a number, for a helpful hint."""
    core = re.sub(r"[楼层fF号\s]", "", text[:40])
    if core.isdigit() and len(core) < 12:
        return int(core)
    if not core or any(c not in _CN_DIGITS and c != "十" for c in core):
        return None
    if "十" in core:
        tens, _sep, ones = core.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS[core] if len(core) == 1 else None


def normalise_phone(value: str) -> str | None:
    """Return the canonical form of a mobile or landline number, or None if it is neither.

    Landlines get a dash after the area code: 3 digits for 010 and 02X, 4 for all others.
    """
    compact = re.sub(r"[\s\u3000]", "", value).replace("（", "(").replace("）", ")")
    compact = re.sub(r"^\((0\d{2,3})\)", r"\1-", compact)
    if MOBILE.fullmatch(compact.replace("-", "")):
        return compact.replace("-", "")
    m = LANDLINE.fullmatch(compact)
    if not m:
        return None
    if "-" not in compact[:5]:
        digits, extension = compact.split("-", 1) if "-" in compact else (compact, "")
        cut = 3 if digits.startswith(("01", "02")) else 4
        area, number = digits[:cut], digits[cut:]
        if not 7 <= len(number) <= 8:
            return None
        return f"{area}-{number}" + (f"-{extension}" if extension else "")
    return f"{m.group(1)}-{m.group(2)}{m.group(3) or ''}"


def phone_from_number(value: int) -> str:
    """Excel and unquoted YAML turn phones into numbers, dropping a landline's leading 0."""
    digits = str(value)
    return digits if len(digits) == 11 and digits.startswith("1") else "0" + digits


class Converter:
    """Convert one :class:`Document` into a record of a given dataclass."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []
        # Every value converted so far by path, INVALID included: cross-checks read the
        # parts that are valid even when their parent section is not.
        self.converted: dict[Path, Any] = {}

    def get(self, path: Path, default: Any = INVALID) -> Any:
        """Return the converted value at *path*, *default* if it was never converted."""
        return self.converted.get(tuple(path), default)

    def items(self, path: Path) -> list[tuple[Any, Any]]:
        """Return (index or key, value) for the valid items of the list or entries at *path*."""
        raw = self.doc.data
        for part in path:
            try:
                raw = raw[part]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                return []
        keys = range(len(raw)) if isinstance(raw, list) else list(raw) if isinstance(raw, dict) else []
        out = []
        for key in keys:
            value = self.converted.get((*path, key), INVALID)
            if value is not INVALID:
                out.append((key, value))
        return out

    def problem(self, path: Path, message: str, fix: str = "") -> None:
        from paigen.sources.labels import label_of

        self.problems.append(Problem(self.doc.locate(path), format_path(path), message, fix,
                                     label_of(tuple(path))))

    # -- records ---------------------------------------------------------------------------
    def fields_of(self, cls: type, value: object, path: Path) -> dict[str, Any] | Any:
        """Convert a mapping into keyword arguments for *cls*; INVALID if it is not a mapping."""
        if not isinstance(value, dict):
            if not path:  # a whole file that is not a profile: never echo what it holds
                self.problem(path, _("the file is not a profile: expected a section of keys "
                                     "({keys}), got {got}", keys=_names(cls), got=_kind(value)),
                             _("start the file with 'schema: paigen/v1' and 'village:'"))
                return INVALID
            self.problem(path, _("expected a section of keys ({keys}), got {got}",
                                 keys=_names(cls), got=_show(value)),
                         _("indent the keys under this line"))
            return INVALID
        fields = {f.name: f for f in user_fields(cls)}
        misspelt: set[str] = set()
        for key in value:
            if key not in fields:
                near = closest(str(key), list(fields))
                if near:
                    misspelt.add(near)
                self.problem((*path, key), _("unknown key '{key}'", key=key),
                             did_you_mean(str(key), list(fields))
                             or _("known keys here: {keys}", keys=", ".join(fields)))
        kwargs: dict[str, Any] = {}
        for name, f in fields.items():
            tp = hints(cls)[name]
            if name not in value or (value[name] is None and not _optional(tp)):
                if _required(f) and name in misspelt and name not in value:
                    kwargs[name] = INVALID  # the misspelt key's problem already says it
                elif _required(f):
                    from paigen.sources.labels import label_of

                    where = format_path(path) or _("the top level")
                    what = label_of((*path, name))
                    self.problem(path, _("missing required key '{key}' ({label})", key=name, label=what)
                                 if what else _("missing required key '{key}'", key=name),
                                 _("add '{key}: …' to {where}", key=name, where=where))
                    kwargs[name] = INVALID
                continue
            meta = {**f.metadata, "required": True} if _required(f) else f.metadata
            kwargs[name] = self.value(tp, value[name], (*path, name), meta)
        return kwargs

    def record(self, cls: type, value: object, path: Path) -> Any:
        shorthand = getattr(cls, "SHORTHAND", None)
        if shorthand and isinstance(value, str):
            value = {shorthand: value}  # a record written as its main field alone
        kwargs = self.fields_of(cls, value, path)
        if kwargs is INVALID or any(v is INVALID for v in kwargs.values()):
            return INVALID
        return cls(**kwargs)

    # -- values ----------------------------------------------------------------------------
    def value(self, tp: Any, value: object, path: Path, meta: typing.Mapping[str, Any]) -> Any:
        result = self._value(tp, value, path, meta)
        self.converted[path] = result
        return result

    def _value(self, tp: Any, value: object, path: Path, meta: typing.Mapping[str, Any]) -> Any:
        if "entries" in meta:
            return self.entries(value, path, meta)
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if value is None or value == "":
                return None
            return self.value(args[0], value, path, meta)
        if origin is Literal:
            return self.literal(typing.get_args(tp), value, path)
        if origin is tuple:
            item_tp = typing.get_args(tp)[0]
            if value is None:
                return ()
            if not isinstance(value, list):
                if isinstance(value, (str, int, float)) and not dataclasses.is_dataclass(item_tp):
                    value = [value]  # a single name written without brackets
                else:
                    self.problem(path, _("expected a list, got {got}", got=_show(value)),
                                 _("write one '- item' per line or [a, b]"))
                    return INVALID
            items = [self.value(item_tp, v, (*path, i), {}) for i, v in enumerate(value)]
            return INVALID if any(i is INVALID for i in items) else tuple(items)
        if dataclasses.is_dataclass(tp):
            return self.record(tp, value, path)
        if tp is bool:
            return self.boolean(value, path)
        if tp in (int, float):
            return self.number(tp, value, path, meta)
        if tp is str:
            return self.text(value, path, meta)
        raise TypeError(f"unsupported schema type {tp!r} at {format_path(path)}")

    def literal(self, choices: tuple[str, ...], value: object, path: Path) -> Any:
        text = str(value).strip() if isinstance(value, (str, int, float)) else value
        text = ALIASES.get(text, text) if isinstance(text, str) else text
        if text in choices:
            return text
        hint = did_you_mean(str(text), list(choices)) if isinstance(text, str) else ""
        self.problem(path, _("{value} is not one of {choices}", value=_show(value),
                             choices=listing(choices)),
                     hint or _("use one of {choices}", choices=listing(choices)))
        return INVALID

    def boolean(self, value: object, path: Path) -> Any:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        self.problem(path, _("{value} is not yes/no", value=_show(value)),
                     _("use true or false (是/否 in Excel)"))
        return INVALID

    def number(self, tp: type, value: object, path: Path, meta: typing.Mapping[str, Any]) -> Any:
        number: float | int | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, (int, float)):
            number = value
        elif isinstance(value, str) and len(value) <= 40:
            try:
                number = float(value.strip()) if "." in value else int(value.strip())
            except ValueError:
                number = None
        if number is not None and not math.isfinite(number):
            self.problem(path, _("{value} is not a finite number", value=_show(value)),
                         _("give the real value in digits"))
            return INVALID
        if number is not None and abs(number) > MAX_NUMBER:
            self.problem(path, _("{value} is far beyond any real value", value=_show(value)),
                         _("give the real value (mm, m², persons …)"))
            return INVALID
        if number is None:
            guess = chinese_number(value) if isinstance(value, str) else None
            self.problem(path, _("{value} is not a number", value=_show(value)),
                         _("use {number}", number=guess) if guess is not None
                         else _("write digits only, e.g. 2 or 60.5"))
            return INVALID
        if tp is int:
            if number != int(number):
                self.problem(path, _("{value} is not a whole number", value=_show(value)),
                             _("use {number}", number=round(number)))
                return INVALID
            number = int(number)
        else:
            number = float(number) if isinstance(number, float) else number
        lo, hi = meta.get("min"), meta.get("max")
        if meta.get("positive") and number <= 0:
            self.problem(path, _("{number} must be greater than 0", number=number),
                         _("give the real size"))
            return INVALID
        if lo is not None and number < lo:
            self.problem(path, _("{number} is below the minimum {min}", number=number, min=lo),
                         _("use a value ≥ {min}", min=lo))
            return INVALID
        if hi is not None and number > hi:
            self.problem(path, _("{number} is above the maximum {max}", number=number, max=hi),
                         _("use a value ≤ {max}", max=hi))
            return INVALID
        return number

    def text(self, value: object, path: Path, meta: typing.Mapping[str, Any]) -> Any:
        if meta.get("phone") and isinstance(value, int) and not isinstance(value, bool):
            value = phone_from_number(value)
        if meta.get("id") and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = f"{value:g}"  # a 序号 written as a number: 3, 5.1
        if meta.get("date"):
            return self.date(value, path)
        if not isinstance(value, str):
            self.problem(path, _("expected text, got {got}", got=_show(value)),
                         _("put the value in quotes"))
            return INVALID
        found = char_problem(value)
        if found:
            what, fix = found
            self.problem(path, _("{value} holds {what}", value=_show(value), what=what),
                         fix.format(what=_("value")))
            return INVALID
        text = value.strip()
        if meta.get("org_type"):
            text = ALIASES.get(text, text)  # 居委会 → 社区; the preset decides which types exist
        if meta.get("required") and not text:
            from paigen.sources.labels import label_of

            what = label_of(tuple(path)) or (str(path[-1]) if path else "")
            self.problem(path, _("is blank"), _("fill in {what}", what=what) if what
                         else _("fill it in"))
            return INVALID
        if meta.get("max_chars") and len(text) > meta["max_chars"]:
            self.problem(path, _("{value} has {n} characters, more than {max}", value=_show(value),
                                 n=len(text), max=meta["max_chars"]), _("shorten it"))
            return INVALID
        if meta.get("phone") and text:
            phone = normalise_phone(text)
            if phone is None:
                self.problem(path, _("'{value}' is not a phone number", value=text),
                             _("a mobile has 11 digits starting with 1, e.g. 13812345678; "
                               "a landline needs its area code, e.g. 0316-7212345"))
                return INVALID
            return phone
        if meta.get("url") and text and not URL.fullmatch(text):
            self.problem(path, _("'{value}' is not a web address", value=text),
                         _("write it in full: https://…"))
            return INVALID
        return text

    def date(self, value: object, path: Path) -> Any:
        """A day as YYYY-MM-DD text: a YAML date, 2026-09-15, 2026/9/15 or 2026年9月15日."""
        if isinstance(value, datetime.date):
            return value.isoformat()[:10]
        match = DATE.fullmatch(str(value).strip()) if isinstance(value, (str, int)) else None
        if match:
            with contextlib.suppress(ValueError):
                return datetime.date(*map(int, match.groups())).isoformat()
        self.problem(path, _("{value} is not a date", value=_show(value)),
                     _("write it as 2026-09-15"))
        return INVALID

    def entries(self, value: object, path: Path, meta: typing.Mapping[str, Any]) -> Any:
        cls, key_field, value_field = meta["entries"]
        keys: tuple[str, ...] | None = meta.get("keys")
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.problem(path, _("expected '{key}: {value}' lines, got {got}", key=key_field,
                                 value=value_field, got=_show(value)),
                         _("write one '{key}: [...]' per line", key=key_field))
            return INVALID
        out = []
        value_tp = hints(cls)[value_field]
        ok = True
        for raw_key, raw_value in value.items():
            key = WEEKDAY_ALIASES.get(raw_key, raw_key) if keys else raw_key
            if keys is not None and key not in keys:
                hint = did_you_mean(str(raw_key), list(keys))
                self.problem((*path, raw_key), _("'{value}' is not a weekday", value=raw_key),
                             hint or _("use {choices}", choices=listing(keys)))
                ok = False
                continue
            converted = self.value(value_tp, raw_value, (*path, raw_key), {})
            if converted is INVALID:
                ok = False
                continue
            entry = cls(key, converted)
            self.converted[(*path, raw_key)] = entry
            out.append(entry)
        if not ok:
            return INVALID
        if keys is not None:
            out.sort(key=lambda e: keys.index(getattr(e, key_field)))
        return tuple(out)


MAX_NUMBER = 1e9  # no area, size, count or distance of a village comes near it
# Line breaks are text; every other control, format (zero-width, bidi), surrogate or
# non-character would vanish on the sign, break XML (SVG, DOCX, XLSX) or spoof the reader.
_ALLOWED_CONTROLS = {"\n"}


PRIVATE_USE = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))


def char_problem(text: str) -> tuple[str, str] | None:
    """(what, fix) for the first character of *text* no document can carry, or None; *fix* has
    a ``{what}`` slot for the thing to retype (value, line)."""
    bad = _bad_char(text)
    if not bad:
        return None
    code = int(bad.split()[0][2:], 16)
    if any(lo <= code <= hi for lo, hi in PRIVATE_USE):
        return (_("the private-use character {code}, a character made with a 造字 font: "
                  "no standard font has it, so other computers and the print shop show another "
                  "glyph or a blank box", code=bad.split()[0]),
                _("write the standard character instead (rare characters of Unicode's extensions "
                  "can be used when a font of the county has them), or describe it in words"))
    return (_("the invisible or control character {code}", code=bad),
            _("delete it: retype the {what}, or paste it as plain text", what="{what}"))


def _bad_char(text: str) -> str:
    """The first character of *text* no document can carry, as 'U+XXXX', or ''."""
    for c in text:
        if c in _ALLOWED_CONTROLS:
            continue
        cat = unicodedata.category(c)
        if cat in ("Cc", "Cf", "Cs", "Co") or (0xFDD0 <= ord(c) <= 0xFDEF) or (ord(c) & 0xFFFE) == 0xFFFE:
            name = unicodedata.name(c, "")
            return f"U+{ord(c):04X}" + (f" {name}" if name else "")
    return ""


def _required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _optional(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in typing.get_args(tp)


def _names(cls: type) -> str:
    return ", ".join(f.name for f in user_fields(cls)[:4]) + ("…" if len(user_fields(cls)) > 4 else "")


def _kind(value: object) -> str:
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    return _("nothing") if value is None else type(value).__name__


def _show(value: object) -> str:
    if isinstance(value, dict):
        return _("a section")
    if isinstance(value, list):
        return _("a list")
    if value is None:
        return _("nothing")
    if not isinstance(value, str):
        text = repr(value)
        return text if len(text) <= 40 else text[:37] + "…"
    shown = "".join(c if unicodedata.category(c)[0] != "C" else f"\\u{ord(c):04x}" for c in value[:60])
    return quoted(f"{shown}…") if len(value) > 60 else quoted(shown)
