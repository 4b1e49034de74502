"""Edit one village in the browser: a form generated from the profile model.

The form is made from the dataclasses of :mod:`paigen.model.profile` (their type hints, their
``doc`` metadata): text boxes for names and numbers, drop-downs for the model's ``Literal``
choices, check boxes for yes/no fields, one row per room, person, wall, opening…, and key/list
rows for the mappings (值班 by weekday, 服务 by section). A submitted form becomes the raw data a
YAML profile holds, is checked by the model itself (:func:`profile_from_document`), and is saved
as a YAML profile the CLI reads unchanged (:mod:`paigen.web._store`). Input names are key paths
(``center.rooms[0].floor``), so the model's problem paths land next to their fields. A form
whose row counts are beyond any village is refused before it is read (:func:`check_rows`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from markupsafe import Markup, escape

from paigen.errors import Problem
from paigen.i18n import _
from paigen.model.profile import Profile
from paigen.sources._tree import format_path
from paigen.web._labels import CHOICE_LABELS, SECTIONS, add_button, choices, label_of, suggestions
from paigen.web._store import check, county_workbook, raw_village, save, to_yaml

_SPLIT = re.compile(r"[、，,；;\n]+")
BLANK_ROWS = 1  # empty rows offered under every list, so a room can be added without JavaScript


@dataclass
class Spec:
    """One field of the model as the form sees it."""

    name: str
    kind: str  # text | number | choice | bool | strings | group | rows | entries
    doc: str = ""
    required: bool = False
    choices: tuple = ()
    number: type | None = None
    cls: type | None = None  # group / rows
    key: str = ""  # entries: the key field, the list field
    values: str = ""
    keys: tuple = ()


@functools.cache
def _fields(cls: type) -> tuple[Spec, ...]:
    """The form fields of a model class (resolved once: type hints are slow to resolve)."""
    hints = typing.get_type_hints(cls)
    specs = []
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal") or f.name == "schema":
            continue
        specs.append(_spec(f, hints[f.name]))
    return tuple(specs)


def _spec(f: dataclasses.Field, hint: Any) -> Spec:
    required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    doc = str(f.metadata.get("doc", ""))
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        hint = next(a for a in args if a is not type(None))
        args = typing.get_args(hint)
    origin = typing.get_origin(hint)
    entries = f.metadata.get("entries")
    if entries:
        record, key, values = entries
        return Spec(f.name, "entries", doc, required, cls=record, key=key, values=values,
                    keys=tuple(f.metadata.get("keys", ())))
    if origin is Literal:
        return Spec(f.name, "choice", doc, required, choices=args)
    if origin is tuple:
        if dataclasses.is_dataclass(args[0]):
            return Spec(f.name, "rows", doc, required, cls=args[0])
        return Spec(f.name, "strings", doc, required)
    if dataclasses.is_dataclass(hint):
        return Spec(f.name, "group", doc, required, cls=hint)
    if hint is bool:
        return Spec(f.name, "bool", doc, required)
    if hint in (int, float):
        return Spec(f.name, "number", doc, required, number=hint)
    return Spec(f.name, "text", doc, required)


# -- the form -------------------------------------------------------------------------------
def _get(data: Any, key: str | int) -> Any:
    if isinstance(data, dict):
        return data.get(key)
    if isinstance(data, list) and isinstance(key, int) and key < len(data):
        return data[key]
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(_text(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class Form:
    """Renders the form for raw data, with each problem next to the field its path names."""

    def __init__(self, data: Any, problems: list[Problem] = (), cells: dict[str, str] | None = None):
        self.data = data if isinstance(data, dict) else {}
        self.cells = cells or {}  # problem path → the workbook's sheet!cell it came from
        self.messages: dict[tuple, list[Problem]] = {}
        self.placed: set[int] = set()
        self.problems = list(problems)
        for problem in problems:
            self.messages.setdefault(_parts(problem.path), []).append(problem)

    def html(self) -> Markup:
        out = []
        for spec in _fields(Profile):
            title = _(SECTIONS[spec.name]) if spec.name in SECTIONS else spec.name
            body = self._field(spec, (spec.name,), _get(self.data, spec.name), top=True)
            out.append(f'<fieldset class="section" id="sec-{spec.name}"><legend>{escape(title)}</legend>'
                       f"{body}</fieldset>")
        unplaced = [p for i, p in enumerate(self.problems) if i not in self.placed]
        head = ""
        if unplaced:
            colon = _(": ")
            head = '<ul class="problems">' + "".join(
                f'<li class="problem" data-path="{escape(p.path)}">{self._where(p)}'
                f'<span class="label">{escape(_label(p) or p.path)}</span>{escape(colon)}'
                f'{escape(p.message)}{escape(_fix(p))}</li>'
                for p in unplaced) + "</ul>"
        return Markup(head + "".join(out))

    def _errors(self, path: tuple, exact: bool = True) -> str:
        found = []
        for key, problems in self.messages.items():
            if key == path or (not exact and key[: len(path)] == path):
                for p in problems:
                    index = self.problems.index(p)
                    if index not in self.placed:
                        self.placed.add(index)
                        found.append(p)
        if not found:
            return ""
        return "".join(f'<span class="error" role="alert" data-path="{escape(p.path)}">{self._where(p)}'
                       f'{escape(p.message)}{escape(_fix(p))}</span>'
                       for p in found)

    def _where(self, problem: Problem) -> str:
        """The workbook cell the problem came from, when it came from one."""
        cell = self.cells.get(problem.path)
        return f'<span class="cell">{escape(cell)}</span> ' if cell else ""

    def _field(self, spec: Spec, path: tuple, value: Any, top: bool = False) -> str:
        name = format_path(path)
        label = label_of(spec.name, path)
        required = _("required")
        req = f' <abbr title="{escape(required)}">*</abbr>' if spec.required else ""
        hint = f' title="{escape(spec.doc)}"' if spec.doc else ""
        if spec.kind == "group":
            inner = "".join(self._field(s, (*path, s.name), _get(value, s.name)) for s in _fields(spec.cls))
            errors = self._errors(path)
            return inner + errors if top else (f'<fieldset class="group"><legend>{label}</legend>'
                                               f"{inner}{errors}</fieldset>")
        if spec.kind == "rows":
            return self._rows(spec, path, value)
        if spec.kind == "entries":
            return self._entries(spec, path, value)
        errors = self._errors(path, exact=False)
        css = ' class="invalid"' if errors else ""
        fid = "f-" + re.sub(r"[^\w-]", "-", name)
        if spec.kind == "bool":
            checked = " checked" if value is True or _text(value) in ("是", "true", "True", "yes") else ""
            control = f'<input type="checkbox" id="{fid}" name="{escape(name)}" value="1"{checked}{css}>'
        elif spec.kind == "choice":
            current = _text(value)
            options = ['<option value=""></option>'] + [
                f'<option value="{escape(c)}"{" selected" if c == current else ""}>'
                f'{escape(_(CHOICE_LABELS[c]) if c in CHOICE_LABELS else c)}</option>' for c in spec.choices]
            if current and current not in spec.choices:
                options.append(f'<option value="{escape(current)}" selected>{escape(current)}</option>')
            control = f'<select id="{fid}" name="{escape(name)}"{css}>{"".join(options)}</select>'
        else:
            mode = ' inputmode="decimal"' if spec.kind == "number" else ""
            mode += suggestions(path)
            control = (f'<input type="text" id="{fid}" name="{escape(name)}" value="{escape(_text(value))}"'
                       f"{mode}{css}>")
        return (f'<div class="field"><label for="{fid}"{hint}>{label}{req}</label>{control}{errors}</div>')

    def _rows(self, spec: Spec, path: tuple, value: Any) -> str:
        rows = value if isinstance(value, list) else []
        name = format_path(path)
        label = label_of(spec.name, path)
        parts = [f'<fieldset class="rows" data-rows="{escape(name)}"><legend>{label}</legend>',
                 f'<input type="hidden" name="{escape(name)}.rows" value="{len(rows) + BLANK_ROWS}">']
        delete, added = _("delete this row"), _("new")
        for i in range(len(rows) + BLANK_ROWS):
            row = rows[i] if i < len(rows) else {}
            cells = "".join(self._field(s, (*path, i, s.name), _get(row, s.name)) for s in _fields(spec.cls))
            errors = self._errors((*path, i))
            new = i >= len(rows)
            tail = ("" if new else '<label class="delete"><input type="checkbox" '
                    f'name="{escape(name)}[{i}].delete" value="1"> {escape(delete)}</label>')
            parts.append(f'<div class="row{" new" if new else ""}"><span class="row-no">'
                         f'{escape(added) if new else i + 1}</span>{cells}{errors}{tail}</div>')
        parts.append(self._errors(path) + add_button() + "</fieldset>")
        return "".join(parts)

    def _entries(self, spec: Spec, path: tuple, value: Any) -> str:
        pairs = list(value.items()) if isinstance(value, dict) else []
        name = format_path(path)
        label = label_of(spec.name)
        parts = [f'<fieldset class="rows" data-rows="{escape(name)}"><legend>{label}</legend>',
                 f'<input type="hidden" name="{escape(name)}.rows" value="{len(pairs) + BLANK_ROWS}">']
        for i in range(len(pairs) + BLANK_ROWS):
            key, items = pairs[i] if i < len(pairs) else ("", [])
            key_name, list_name = f"{name}[{i}].{spec.key}", f"{name}[{i}].{spec.values}"
            errors = self._errors((*path, str(key)), exact=False) if key != "" else ""
            css = ' class="invalid"' if errors else ""
            if spec.keys:
                options = ['<option value=""></option>'] + [
                    f'<option value="{escape(k)}"{" selected" if k == key else ""}>{escape(k)}</option>'
                    for k in spec.keys]
                if key and key not in spec.keys:
                    options.append(f'<option value="{escape(key)}" selected>{escape(key)}</option>')
                key_control = f'<select name="{escape(key_name)}"{css}>{"".join(options)}</select>'
            else:
                key_control = (f'<input type="text" name="{escape(key_name)}" '
                               f'value="{escape(_text(key))}"{css}>')
            key_label = label_of(spec.key)
            values_label = label_of(spec.values)
            parts.append(
                f'<div class="row{" new" if i >= len(pairs) else ""}">'
                f'<div class="field"><label>{key_label}</label>'
                f'{key_control}</div><div class="field wide"><label>{values_label}'
                f'</label><input type="text" name="{escape(list_name)}" value="{escape(_text(items))}"{css}'
                f'{suggestions((*path, str(key), spec.values))}></div>{errors}</div>')
        parts.append(self._errors(path) + add_button() + "</fieldset>")
        return "".join(parts)


def _fix(problem: Problem) -> str:
    return _("({fix})", fix=problem.fix) if problem.fix else ""


def _label(problem: Problem) -> str:
    return str(getattr(problem, "label", "") or "")


def _parts(path: str) -> tuple:
    """'center.rooms[1].floor' → ('center', 'rooms', 1, 'floor')."""
    out: list = []
    for token in re.findall(r"\[(\d+)\]|([^.\[\]]+)", path or ""):
        index, name = token
        out.append(int(index) if index else name)
    return tuple(out)


# -- a submitted form → raw data ------------------------------------------------------------
MAX_LIST_ROWS = 1001  # the gate's list_items (1000) and the blank row the form offers
MAX_FORM_ROWS = 3000  # all lists of one village together


class FormTooLarge(ValueError):
    """The form claims more rows than a village can hold; the message says so in the UI's words."""


def check_rows(form: dict[str, str]) -> None:
    """Refuse a form whose row counts (``….rows``) are beyond any village, before it is read."""
    total = 0
    for key, value in form.items():
        if not key.endswith(".rows"):
            continue
        try:
            count = int(value)
        except (TypeError, ValueError):
            continue
        if count > MAX_LIST_ROWS:
            raise FormTooLarge(_("The form's list {name} claims {count} rows, over the limit of {limit} "
                                 "rows a list: open the edit form again from the job's page",
                                 name=key[:-5], count=count, limit=MAX_LIST_ROWS))
        total += max(count, 0)
    if total > MAX_FORM_ROWS:
        raise FormTooLarge(_("The form claims {total} rows in all, over the limit of {limit} rows a "
                             "village: open the edit form again from the job's page, or make the "
                             "changes to this village in several steps", total=total, limit=MAX_FORM_ROWS))


def data_from_form(form: dict[str, str]) -> dict[str, Any]:
    """The raw profile data (as YAML would hold it) a submitted form describes."""
    check_rows(form)
    data: dict[str, Any] = {"schema": "paigen/v1"}
    for spec in _fields(Profile):
        value = _read(spec, spec.name, form)
        if value is not None:
            data[spec.name] = value
    return data


def _read(spec: Spec, name: str, form: dict[str, str]) -> Any:
    if spec.kind == "group":
        group = {}
        for s in _fields(spec.cls):
            value = _read(s, f"{name}.{s.name}", form)
            if value is not None:
                group[s.name] = value
        return group or None
    if spec.kind in ("rows", "entries"):
        try:
            count = min(int(form.get(f"{name}.rows", "0")), MAX_LIST_ROWS)
        except ValueError:
            count = 0
        rows: list = []
        mapping: dict = {}
        for i in range(count):
            if form.get(f"{name}[{i}].delete"):
                continue
            if spec.kind == "entries":
                key = form.get(f"{name}[{i}].{spec.key}", "").strip()
                items = _strings(form.get(f"{name}[{i}].{spec.values}", ""))
                if key:
                    mapping[key] = items
                continue
            row = {}
            for s in _fields(spec.cls):
                value = _read(s, f"{name}[{i}].{s.name}", form)
                if value is not None:
                    row[s.name] = value
            if row:
                rows.append(row)
        return (mapping or None) if spec.kind == "entries" else (rows or None)
    raw = form.get(name, "")
    raw = raw.strip() if isinstance(raw, str) else ""
    if spec.kind == "bool":
        return True if raw in ("是", "on", "1", "true") else None
    if not raw:
        return None
    if spec.kind == "strings":
        return _strings(raw)
    if spec.kind == "number":
        return _number(raw)
    return raw


def _strings(raw: str) -> list[str]:
    return [part.strip() for part in _SPLIT.split(raw) if part.strip()]


def _number(raw: str) -> Any:
    """A number when the text is one; else the text, so the model says what is wrong with it."""
    text = raw.replace(",", "").replace("，", "")
    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        return raw
    return value if value == value and abs(value) != float("inf") else raw


# -- the two requests of the edit page ------------------------------------------------------
def submitted(job, label: str, stored: str, fields: dict[str, str]) -> tuple[bool, list[Problem], Markup]:
    """(saved, problems, form html) of a submitted form; FormTooLarge when it is beyond any
    village, OSError when the disk cannot take the profile (the old one stays)."""
    data = data_from_form(fields)
    problems = check(job, data, label)
    if not problems:
        save(job, stored, data)
        return True, [], Markup("")
    return False, problems, Form(data, problems).html()


def form_of(job, label: str, stored: str, ok: bool,
            cells: dict[str, str] | None = None) -> tuple[Markup, list[Problem]]:
    """The form of a stored village, with its problems next to their fields (and the workbook
    cell each came from, *cells* by problem path)."""
    data = raw_village(job, stored)
    problems = check(job, data, label) if not ok else []
    return Form(data, problems, cells).html(), problems


__all__ = ["Form", "FormTooLarge", "check", "choices", "county_workbook", "data_from_form", "form_of",
           "raw_village",
           "save", "submitted", "to_yaml"]
