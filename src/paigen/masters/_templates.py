"""Slot templates: the sandbox they render in (the one document templates use) and the check of
every variable a template reads against those the sign type offers.
"""

from __future__ import annotations

import difflib

from jinja2 import TemplateSyntaxError, nodes

from paigen._sandbox import Sandbox
from paigen.i18n import _, listing
from paigen.sources._tree import Path


def environment() -> Sandbox:
    """The sandbox slot templates render in — the one documents use (no huge repeats or powers)
    — with StrictUndefined: a missing value is an error."""
    from jinja2 import StrictUndefined

    return Sandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


_ENV = environment()


def check_template(source: str, path: Path, problem, variables: dict[str, tuple[str, ...]]) -> None:
    """Parse *source* and name every variable the sign type does not offer."""
    try:
        tree = _ENV.parse(source)
    except TemplateSyntaxError as exc:
        problem(path, _("template error: {error}", error=exc.message),
                _("check the {pairs} pairs", pairs="{{ }} / {% %}"))
        return
    local = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    for used in _references(tree):
        top, attr = used
        if top in local:
            continue
        if top not in variables:
            close = difflib.get_close_matches(top, list(variables), n=1, cutoff=0.6)
            problem(
                path,
                _("variable '{name}' does not exist for this sign type", name=top),
                _("did you mean '{close}'?", close=close[0]) if close
                else _("the variables are {names}", names=listing(sorted(variables))),
            )
        elif attr is not None and variables[top] and attr not in variables[top]:
            close = difflib.get_close_matches(attr, list(variables[top]), n=1, cutoff=0.6)
            problem(
                path,
                _("variable '{name}' does not exist for this sign type", name=f"{top}.{attr}"),
                _("did you mean '{close}'?", close=f"{top}.{close[0]}") if close
                else _("{name} has {names}", name=top, names=listing(variables[top])),
            )


def _references(tree: nodes.Template) -> list[tuple[str, str | None]]:
    """(name, first attribute or None) of every variable *tree* loads, in order, once each."""
    out: dict[tuple[str, str | None], None] = {}
    attributed: set[int] = set()
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        base = node.node
        if isinstance(base, nodes.Name) and base.ctx == "load":
            attr = (
                node.attr
                if isinstance(node, nodes.Getattr)
                else (
                    node.arg.value
                    if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str)
                    else None
                )
            )
            out[(base.name, attr)] = None
            attributed.add(id(base))
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and id(node) not in attributed:
            out[(node.name, None)] = None
    return list(out)
