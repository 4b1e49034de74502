"""Render a document template (``templates/docs/*.j2``) to structured text, failing loudly.

Templates use Jinja with ``StrictUndefined``. Before rendering, every variable and attribute
path a template reads is checked against the context, and all missing ones are reported at once
with their template lines (:class:`TemplateError`). A county can override a shipped template by
putting a file of the same name in ``templates/docs/`` of its county folder.
"""

from __future__ import annotations

import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    nodes,
)
from jinja2.exceptions import SecurityError
from jinja2.exceptions import TemplateError as JinjaError
from jinja2.runtime import Undefined

from paigen._data import templates_dir
from paigen._sandbox import Sandbox
from paigen.docs._blocks import Text
from paigen.docs._markup import chinese_number, parse
from paigen.errors import TemplateError
from paigen.i18n import _, listing, ngettext
from paigen.model.settings import Settings


def number(value: Any) -> str:
    """460.0 → 460, 75.55 → 75.6: figures as a clerk writes them."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.1f}".rstrip("0").rstrip(".")
        return text
    return str(value)


def cell(value: Any) -> str:
    """Text safe inside a table cell: no pipes, no line breaks."""
    return str(value if value is not None else "").replace("|", "｜").replace("\n", " ")


# Line-start characters of the structured-text markup (see _markup): a value that begins with
# one of them would become a directive, heading, table row or item; the full-width twin reads
# the same in a document and is plain text to the parser.
_MARKUP_START = {"@": "＠", "#": "＃", "|": "｜", "-": "－", "＠": "＠"}
MAX_OUTPUT_CHARS = 2_000_000  # a rendered document; the longest shipped one is ~20 000
MAX_VALUE_CHARS = 200_000


def escape_markup(value: Any) -> Any:
    """A value as plain text inside the markup: one line, no pipes, no leading directive mark.

    Applied to every ``{{ … }}`` a template prints (Jinja's *finalize*), so a profile value can
    never start a line of its own ('@附件', '# 标题') or split a table row."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    text = str(value)
    if len(text) > MAX_VALUE_CHARS:
        raise TemplateError(_("a template printed a value of {chars} characters; the limit is "
                              "{limit}", chars=len(text), limit=MAX_VALUE_CHARS))
    text = " ".join(text.splitlines()).replace("|", "｜")
    body = text.lstrip()  # the parser strips a line before it looks at its first character
    if body[:1] in _MARKUP_START:
        lead = len(text) - len(body)
        text = text[:lead] + _MARKUP_START[body[0]] + body[1:]
    return text


def join_cn(values: Any, sep: str = "、") -> str:
    return sep.join(str(v) for v in values)


def search_paths(settings: Settings | None) -> list[Path]:
    """Template folders, the county's own first."""
    paths = []
    if settings is not None and settings.base_dir is not None:
        county = Path(settings.base_dir) / "templates" / "docs"
        if county.is_dir():
            paths.append(county)
    paths.append(templates_dir() / "docs")
    return paths


def environment(settings: Settings | None = None) -> Environment:
    return _environment(tuple(search_paths(settings)))


class _Sandbox(Sandbox):
    """The shared template sandbox (paigen._sandbox), as document templates use it."""


@lru_cache(maxsize=8)
def _environment(paths: tuple[Path, ...]) -> Environment:
    """One sandboxed Jinja environment per template search path: compiled templates are reused.

    The loaders are confined to the template folders (jinja2's FileSystemLoader refuses '..'
    and absolute names, and follows no link out of its folder)."""
    loader = ChoiceLoader([FileSystemLoader(str(p), followlinks=False) for p in paths])
    env = _Sandbox(loader=loader, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                   keep_trailing_newline=True, autoescape=False, finalize=escape_markup)
    env.filters.update(number=number, cell=cell, join_cn=join_cn, cn=chinese_number)
    return env


def _assigned(ast: nodes.Template) -> set[str]:
    """Names a template defines itself (loop variables, set, macros and their arguments)."""
    names: set[str] = set()
    for node in ast.find_all((nodes.For, nodes.Assign, nodes.AssignBlock, nodes.With)):
        targets = [node.target] if hasattr(node, "target") else list(getattr(node, "targets", []))
        for target in targets:
            names.update(n.name for n in target.find_all(nodes.Name))
            if isinstance(target, nodes.Name):
                names.add(target.name)
    for node in ast.find_all((nodes.Macro, nodes.CallBlock)):
        if isinstance(node, nodes.Macro):
            names.add(node.name)
        names.update(arg.name for arg in node.args)
    names.update({"loop", "caller", "varargs", "kwargs"})
    return names


def _chain(node: nodes.Expr) -> list[str] | None:
    """['village', 'center', 'name'] for village.center.name; None for anything else."""
    parts: list[str] = []
    while isinstance(node, nodes.Getattr):
        parts.append(node.attr)
        node = node.node
    if not isinstance(node, nodes.Name):
        return None
    parts.append(node.name)
    return parts[::-1]


def missing_variables(env: Environment, source: str, name: str, context: dict) -> list[tuple[int, str]]:
    """Every (line, variable path) the template reads that the context does not provide."""
    ast = env.parse(source, name)
    local = _assigned(ast)
    found: dict[tuple[int, str], None] = {}
    for node in ast.find_all(nodes.Name):
        if node.ctx == "load" and node.name not in context and node.name not in local \
                and node.name not in env.globals:
            found[(node.lineno, node.name)] = None
    for node in ast.find_all(nodes.Getattr):
        chain = _chain(node)
        if not chain or chain[0] not in context:
            continue
        value: Any = context[chain[0]]
        for depth, attr in enumerate(chain[1:], 1):
            value = env.getattr(value, attr)
            if isinstance(value, Undefined):
                found[(node.lineno, ".".join(chain[: depth + 1]))] = None
                break
    # a.b.c missing because a.b is: report the shortest path only
    paths = sorted(found)
    return [(line, path) for line, path in paths
            if not any(p != path and line == ln and path.startswith(p + ".") for ln, p in paths)]


def _render_line(exc: BaseException, name: str) -> int | None:
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename and Path(frame.filename).name == name:
            return frame.lineno
    return None


def render_text(name: str, context: dict, settings: Settings | None = None) -> str:
    """Render template *name* with *context*; a missing variable is a :class:`TemplateError`."""
    env = environment(settings)
    try:
        source, _file, __ = env.loader.get_source(env, name)
    except TemplateNotFound:
        raise TemplateError(_("document template '{name}' not found in {folders}", name=name,
                              folders=listing(search_paths(settings)))) from None
    label = f"templates/docs/{name}"
    try:
        missing = missing_variables(env, source, name, context)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"{label}:{exc.lineno}: {exc.message}") from None
    if missing:
        listed = "\n".join(_("  {file}:{line}: '{name}' is not defined", file=label, line=line,
                             name=path) for line, path in missing)
        raise TemplateError(ngettext("{file}: {n} missing variable (available: {names}):\n{listed}",
                                     "{file}: {n} missing variables (available: {names}):\n{listed}",
                                     len(missing), file=label, names=listing(sorted(context)),
                                     listed=listed))
    try:
        out: list[str] = []
        size = 0
        for chunk in env.get_template(name).generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateError(_("{file}: the rendered document passes {limit} characters; "
                                      "check the template's loops", file=label,
                                      limit=MAX_OUTPUT_CHARS))
            out.append(chunk)
        return "".join(out)
    except TemplateSyntaxError as exc:  # unknown filter or test: found when compiling
        raise TemplateError(f"{label}:{exc.lineno}: {exc.message}") from None
    except UndefinedError as exc:
        line = _render_line(exc, name)
        where = f"{label}:{line}" if line else label
        raise TemplateError(f"{where}: {exc.message}") from None
    except SecurityError as exc:
        line = _render_line(exc, name)
        where = f"{label}:{line}" if line else label
        raise TemplateError(_("{where}: not allowed in a document template: {error}", where=where,
                              error=exc)) from None
    except TemplateNotFound as exc:
        raise TemplateError(_("{file}: includes '{name}', which is not a template of {folders}",
                              file=label, name=exc.name,
                              folders=listing(search_paths(settings)))) from None
    except (JinjaError, ArithmeticError, TypeError, ValueError, RecursionError, MemoryError) as exc:
        line = _render_line(exc, name)
        where = f"{label}:{line}" if line else label
        raise TemplateError(_("{where}: the template failed: {error}", where=where,
                              error=f"{type(exc).__name__}: {str(exc)[:120]}")) from None


def render(name: str, context: dict, settings: Settings | None = None) -> Text:
    """Render template *name* and parse it into structured text."""
    return parse(nest_quotes(render_text(name, context, settings)), f"templates/docs/{name}")


def nest_quotes(text: str) -> str:
    """GB/T 15834: quotation marks inside quotation marks are single (“…‘…’…”), each line on its
    own (a paragraph or table row never leaves a quote open for the next)."""
    out: list[str] = []
    depth = 0
    for ch in text:
        if ch == "\n":
            depth = 0
        elif ch in "“‘":
            ch = "“" if depth % 2 == 0 else "‘"
            depth += 1
        elif ch in "”’" and depth:
            depth -= 1
            ch = "”" if depth % 2 == 0 else "’"
        out.append(ch)
    return "".join(out)
