"""County settings: a preset from ``signage/presets/`` overlaid with the county's ``paigen.yaml``.

A preset holds every local value (sizes, bleeds, swatches, font roles, minimum text sizes, the
plaque set...). ``paigen.yaml`` may override any of them with the same keys; the overlay is
checked against the preset's shape so a typo is an error with a hint, never silently ignored.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from paigen._data import presets_dir
from paigen._io import kit_date
from paigen._pattern import PatternError, fill
from paigen.errors import Location, PaigenError, Problem, ProfileError, did_you_mean
from paigen.i18n import N_, _, listing, quoted
from paigen.sources._tree import Document, Path, format_path
from paigen.sources.yamlfile import load_yaml

DEFAULT_PRESET = "general"  # no particular county; bazhou-2020 is chosen explicitly
SETTINGS_FILE = "paigen.yaml"
# Keys of paigen.yaml that are not preset overrides.
COUNTY_KEYS = ("schema", "preset", "county", "province")
# Preset sections where a county may add new entries, not only change existing ones.
_OPEN = {("colors",), ("wording",), ("wording", "村", "terms"), ("wording", "社区", "terms"),
         ("wording", "村", "boards"), ("wording", "社区", "boards"),
         ("documents", "townships"), ("documents", "checklists")}
_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class Swatch:
    """A named print colour: CMYK percentages, plus the RGB used on screen only."""

    name: str
    cmyk: tuple[float, float, float, float]
    rgb: str
    note: str = ""

    @property
    def cmyk_unit(self) -> tuple[float, float, float, float]:
        """CMYK as 0–1 fractions, as PDF operators want them."""
        c, m, y, k = self.cmyk
        return (c / 100, m / 100, y / 100, k / 100)

    def describe(self) -> str:
        c, m, y, k = (f"{v:g}" for v in self.cmyk)
        return f"C{c} M{m} Y{y} K{k}"


@dataclass(frozen=True)
class Settings:
    """Merged preset + county settings; read with the accessor methods."""

    preset: str
    data: dict = field(repr=False)
    file: str | None = None
    base_dir: FsPath | None = None
    county: str = ""
    province: str = ""

    @property
    def sha256(self) -> str:
        canonical = json.dumps([self.preset, self.data, self.county, self.province],
                               ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()

    def swatch(self, name: str) -> Swatch:
        colors = self.data["colors"]
        if name not in colors:
            hint = did_you_mean(name, list(colors))
            message = _("colour '{name}' is not defined in the settings' colors", name=name)
            raise PaigenError(_("{message}; {hint}", message=message, hint=hint) if hint else message)
        entry = colors[name]
        return Swatch(name, tuple(float(v) for v in entry["cmyk"]), entry["rgb"], entry.get("note", ""))

    def sign(self, sign_type: str) -> dict[str, Any]:
        return self.data["signs"][sign_type]

    def font_role(self, role: str) -> dict[str, Any]:
        return self.data["fonts"][role]

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(self.data["fonts"])

    def section(self, name: str) -> dict[str, Any]:
        return self.data[name]

    @property
    def limits(self):
        """The loading gate's limits for the county's profiles and workbook."""
        from paigen.sources._gate import Limits

        return Limits.from_settings(self.data.get("limits"))

    def center_name(self, village: str, village_type: str) -> str:
        patterns = self.data["center_name"]
        return fill(patterns.get(village_type) or patterns["村"], {"village": village})

    @property
    def org_types(self) -> tuple[str, ...]:
        """The organisation types the preset (and paigen.yaml) declare under ``wording:``."""
        return tuple(self.data.get("wording", {}))

    @property
    def kit_date(self) -> dt.date:
        """The kit's date: ``kit.date``, else SOURCE_DATE_EPOCH's day, else the build day."""
        return kit_date(self.data.get("kit", {}).get("date"))

    def wording(self, village_type: str) -> dict[str, Any]:
        """The preset's wording for an organisation type: terms, banners and board variants."""
        entry = self.data.get("wording", {}).get(village_type) or {}
        return {"terms": dict(entry.get("terms") or {}), "banners": entry.get("banners"),
                "boards": dict(entry.get("boards") or {}), "committee": entry.get("committee"),
                "supervision": entry.get("supervision"), "short": entry.get("short") or village_type,
                "plaques": entry.get("plaques") or "", "affairs": entry.get("affairs") or ""}

    def reword(self, text: str, village_type: str) -> str:
        """*text* (a library text) in the wording of *village_type*: village terms replaced."""
        terms = self.wording(village_type)["terms"]
        if not terms or not text:
            return text
        return _replace_terms(text, tuple(sorted(terms.items(), key=lambda kv: -len(kv[0]))))

    def boards_not_for(self, village_type: str) -> dict[str, str]:
        """Boards a *village_type* may not name, each with the variant to use instead ('' if none)."""
        data = self.data.get("wording", {})
        mine = self.wording(village_type)["boards"]
        out = dict(mine)
        for other in data:
            if other != village_type:
                for village_board, variant in self.wording(other)["boards"].items():
                    if variant:  # '' : the other type simply has no such board
                        out.setdefault(variant, village_board if village_board not in mine else "")
        return out

    def resolve_path(self, value: str) -> FsPath:
        """Resolve a path written in paigen.yaml relative to the county folder."""
        path = FsPath(value)
        with contextlib.suppress(RuntimeError):  # '~nosuchuser/…': kept, reported as missing
            path = path.expanduser()
        return path if path.is_absolute() or self.base_dir is None else self.base_dir / path


def _replace_terms(text: str, terms: tuple[tuple[str, str], ...]) -> str:
    """Replace every term in one left-to-right pass, the longest term winning at each place."""
    out, i = [], 0
    while i < len(text):
        for old, new in terms:
            if old and text.startswith(old, i):
                out.append(new)
                i += len(old)
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def preset_names() -> list[str]:
    return sorted(p.stem for p in presets_dir().glob("*.yaml"))


def load_preset(name: str, _seen: tuple[str, ...] = ()) -> dict[str, Any]:
    """A preset's data; ``extends: other`` starts from *other* and changes only what it names."""
    path = presets_dir() / f"{name}.yaml"
    if not path.is_file() or name in _seen:
        hint = did_you_mean(name, preset_names())
        raise PaigenError(_("unknown preset '{name}'; {hint}", name=name, hint=hint or _(
            "available presets: {presets}", presets=listing(preset_names()))))
    data: dict[str, Any] = copy.deepcopy(load_yaml(path, label=f"presets/{name}.yaml").data)  # type: ignore[arg-type]
    base = data.pop("extends", None)
    if not base:
        return data
    merged = load_preset(str(base), (*_seen, name))
    _overlay(merged, data)
    return merged


def _overlay(base: dict, overlay: dict) -> None:
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _overlay(base[key], value)
        else:
            base[key] = value


def default_settings() -> Settings:
    return settings_from(None, None)


def load_settings(folder: FsPath) -> Settings:
    """Load ``paigen.yaml`` from *folder* (default settings when it has none)."""
    file = folder / SETTINGS_FILE
    if not file.is_file() and not file.is_symlink() and not file.exists():
        return settings_from(None, folder)  # a pipe, device or broken link is refused below
    from paigen.sources._gate import Limits

    return settings_from(load_yaml(file, limits=Limits.from_settings(None)), folder)


def settings_from(doc: Document | None, base_dir: FsPath | None) -> Settings:
    """Build settings from a parsed paigen.yaml (or none), reporting every problem at once."""
    raw: dict[str, Any] = {}
    problems: list[Problem] = []

    def problem(path: Path, message: str, fix: str = "") -> None:
        where = doc.locate(path) if doc else Location(SETTINGS_FILE)
        problems.append(Problem(where, format_path(path), message, fix))

    if doc is not None:
        if not isinstance(doc.data, dict):
            problem((), _("paigen.yaml must be a section of keys"), _("start with 'preset: general'"))
            raise ProfileError(problems)
        raw = doc.data
    schema = raw.get("schema", "paigen/v1")
    if schema != "paigen/v1":
        problem(("schema",), _("'{value}' is not a known schema", value=schema),
                _("write schema: {schema}", schema="paigen/v1"))
    preset_name = raw.get("preset", DEFAULT_PRESET)
    if not isinstance(preset_name, str) or preset_name not in preset_names():
        hint = did_you_mean(str(preset_name), preset_names())
        problem(("preset",), _("unknown preset '{name}'", name=preset_name),
                hint or _("available presets: {presets}", presets=listing(preset_names())))
        raise ProfileError(problems)
    data = copy.deepcopy(load_preset(preset_name))
    overlay = {k: v for k, v in raw.items() if k not in COUNTY_KEYS}
    for key in ("county", "province"):
        if key in raw and not isinstance(raw[key], str):
            problem((key,), _("expected text, got {got}", got=_shown(raw[key])), _("put the name in quotes"))
    _merge(data, overlay, (), problem)
    _check_references(data, problem)
    _check_ranges(data, (), problem)
    _check_choices(data, problem, base_dir)
    for kind, pattern in (data.get("center_name") or {}).items():
        try:
            fill(str(pattern), {"village": "东庄村"})
        except PatternError as exc:
            problem(("center_name", kind), str(exc),
                    _("write e.g. '{example}'", example="{village}党员群众服务中心"))
    if problems:
        raise ProfileError(problems)
    return Settings(
        preset=preset_name,
        data=data,
        file=doc.file if doc else None,
        base_dir=base_dir,
        county=raw.get("county", "") or "",
        province=raw.get("province", "") or "",
    )


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "section"
    return "nothing"


_KINDS = {"yes/no": N_("yes/no"), "number": N_("a number"), "text": N_("text"), "list": N_("a list"),
          "section": N_("a section"), "nothing": N_("nothing")}


def _shown(value: Any) -> str:
    """A value as the user wrote it: text in the language's quotes (「三毫米」), others as written."""
    return quoted(value) if isinstance(value, str) else repr(value)


def _kind_shown(value: Any) -> str:
    """The kind of *value* in the user's language (是/否, 数字, 文字 …)."""
    return _(_KINDS[_kind(value)])


def _merge(base: dict, overlay: dict, path: Path, problem) -> None:
    for key, value in overlay.items():
        here = (*path, key)
        if key not in base:
            if path in _OPEN:
                base[key] = value
                continue
            hint = did_you_mean(str(key), list(base))
            problem(here, _("unknown setting '{key}'", key=format_path(here)),
                    hint or _("settings here: {keys}", keys=", ".join(map(str, base))))
            continue
        current = base[key]
        if isinstance(current, dict):
            if not isinstance(value, dict):
                problem(here, _("expected a section, got {got}", got=_kind_shown(value)),
                        _("indent its keys below it"))
                continue
            _merge(current, value, here, problem)
            continue
        if current is None or value is None:
            base[key] = value
            continue
        if _kind(current) != _kind(value):
            problem(here, _("expected {kind} like the preset's {example}, got {got}",
                            kind=_kind_shown(current), example=_shown(current), got=_shown(value)),
                    _("write it like {example}", example=json.dumps(current, ensure_ascii=False)))
            continue
        numbers = isinstance(current, list) and current and all(_kind(v) == "number" for v in current)
        if numbers and (len(value) != len(current) or not all(_kind(v) == "number" for v in value)):
            problem(here, _("expected {n} numbers, got {got}", n=len(current), got=_shown(value)),
                    _("write it like {example}", example=json.dumps(current)))
            continue
        base[key] = value


# (key suffix or name, low, high, low allowed): sizes in mm, preview resolutions, counts.
_RANGES = (
    ("bleed_mm", 0, 50, True),
    ("size_mm", 0, 20_000, False),
    ("sheet_mm", 0, 2_000, False),
    ("px_per_100mm", 10, 2_000, True),
    ("text_mm", 0, 5_000, False),
    ("note_mm", 0, 5_000, False),
    ("_mm", -100_000, 100_000, True),  # offsets may be negative
    ("_pt", -100, 100, True),
    ("quantity", 0, 10_000, True),
)
_IMAGE_SUFFIXES = (".pdf", ".svg", ".png", ".jpg", ".jpeg")


def _range_for(key: str):
    for suffix, lo, hi, closed in _RANGES:
        if key.endswith(suffix):
            return lo, hi, closed
    return None


def _check_ranges(data: Any, path: Path, problem, rule=None) -> None:
    """Every number of the settings is finite, and sizes, bleeds and resolutions are sane."""
    import math

    if isinstance(data, dict):
        for key, value in data.items():
            rule = _range_for(key) if isinstance(key, str) else None
            _check_ranges(value, (*path, key), problem, rule)
        return
    if isinstance(data, list):
        for i, value in enumerate(data):
            _check_ranges(value, (*path, i), problem, rule)
        return
    if isinstance(data, bool) or not isinstance(data, (int, float)):
        return
    if not math.isfinite(data):
        problem(path, _("{value} is not a finite number", value=_shown(data)), _("give the real value"))
        return
    if rule is None:
        return
    lo, hi, closed = rule
    if data < lo or (data == lo and not closed) or data > hi:
        low = f"≥ {lo}" if closed else f"> {lo}"
        problem(path, _("{value} is out of range", value=_shown(data)),
                _("use a value {low} and ≤ {max}", low=low, max=hi))


def _check_choices(data: dict, problem, base_dir: FsPath | None) -> None:
    print_ = data.get("print", {})
    missing = data.get("assets", {}).get("emblem_missing", "recentre")
    if missing not in ("recentre", "keep_space"):
        problem(("assets", "emblem_missing"), _("'{value}' is not one of {choices}", value=missing,
                                                 choices="recentre, keep_space"),
                _("use recentre (no slot without an emblem file) or keep_space (an emblem is mounted on "
                  "site)"))
    for key, choices in (("text", ("outline", "live")), ("black", ("rich", "plain"))):
        if key in print_ and print_[key] not in choices:
            problem(("print", key), _("'{value}' is not one of {choices}", value=print_[key],
                                      choices=", ".join(choices)),
                    did_you_mean(str(print_[key]), list(choices))
                    or _("use one of {choices}", choices=", ".join(choices)))
    serial = data.get("documents", {}).get("serial")
    if serial is not None and not isinstance(serial, str) and (
            isinstance(serial, bool) or not isinstance(serial, int) or not 1 <= serial <= 99_999):
        problem(("documents", "serial"), _("{value} is not a document serial number", value=_shown(serial)),
                _("write a whole number from 1 to 99999, e.g. serial: 54"))
    for i, day in enumerate(data.get("documents", {}).get("holidays") or []):
        try:
            dt.date.fromisoformat(str(day))
        except ValueError:
            problem(("documents", "holidays", i), _("{value} is not a date", value=_shown(day)),
                    _("write it as 2026-09-15"))
    emblem = data.get("assets", {}).get("emblem")
    if emblem not in (None, ""):
        if not isinstance(emblem, str):
            problem(("assets", "emblem"), _("expected a file name, got {got}", got=_shown(emblem)),
                    _("put the path in quotes"))
            return
        path = FsPath(emblem)
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        if path.suffix.lower() not in _IMAGE_SUFFIXES:
            problem(("assets", "emblem"), _("'{value}' is not an image file", value=emblem),
                    _("give the 党徽 as {formats}", formats=", ".join(_IMAGE_SUFFIXES)))
        elif not path.is_file():
            problem(("assets", "emblem"), _("'{value}' is not a file", value=emblem),
                    _("fix the path, relative to the county folder"))


def _check_references(data: dict, problem) -> None:
    colors = data.get("colors", {})
    for name, entry in colors.items():
        path = ("colors", name)
        if not isinstance(entry, dict):
            problem(path, _("a colour needs cmyk and rgb"),
                    _("write it like {example}", example='{cmyk: [0, 100, 100, 0], rgb: "#E60012"}'))
            continue
        cmyk = entry.get("cmyk")
        if not (isinstance(cmyk, list) and len(cmyk) == 4
                and all(_kind(v) == "number" and 0 <= v <= 100 for v in cmyk)):
            problem((*path, "cmyk"), _("{value} is not four percentages 0–100", value=_shown(cmyk)),
                    _("write cmyk: [C, M, Y, K], e.g. [0, 100, 100, 0]"))
        if not (isinstance(entry.get("rgb"), str) and _HEX.fullmatch(entry["rgb"])):
            shown = _shown(entry.get("rgb"))
            problem((*path, "rgb"), _("{value} is not a #RRGGBB screen colour", value=shown),
                    _("write rgb: \"#E60012\" (used for previews only)"))
    roles = data.get("fonts", {})
    for sign_type, sign in data.get("signs", {}).items():
        for key in ("font", "title_font"):
            if key in sign and sign[key] not in roles:
                problem(("signs", sign_type, key), _("font role '{role}' does not exist", role=sign[key]),
                        did_you_mean(str(sign[key]), list(roles))
                        or _("use one of {choices}", choices=", ".join(roles)))
        used = dict(sign.get("colors", {}))
        if "color" in sign:
            used["color"] = sign["color"]
        for part, color in used.items():
            if color not in colors:
                problem(("signs", sign_type, "colors", part), _("colour '{name}' is not defined", name=color),
                        did_you_mean(str(color), list(colors)) or _("add it under colors"))
        size = sign.get("size_mm")
        if size is not None and not all(v > 0 for v in size):
            problem(("signs", sign_type, "size_mm"), _("{value} is not a real size", value=_shown(size)),
                    _("give width and height in mm, both > 0"))
    date = data.get("kit", {}).get("date")
    if date is not None:
        try:
            dt.date.fromisoformat(str(date))
        except ValueError:
            problem(("kit", "date"), _("{value} is not a date", value=_shown(date)),
                    _("write it as YYYY-MM-DD, e.g. 2026-05-20"))
    facade = data.get("facade", {})
    for band_key in ("bottom_bands", "top_bands"):
        for i, band in enumerate(facade.get(band_key, [])):
            if band.get("color") not in colors:
                problem(("facade", band_key, i, "color"), _("colour '{name}' is not defined",
                                                            name=band.get("color")),
                        _("use a colour defined under colors"))
