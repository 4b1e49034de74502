"""Fill the name patterns of the settings (``{village}党员群众服务中心``, ``中共{township}委员会``).

Patterns are data a county writes, so they are not Python format strings: only the documented
field names are replaced, and attribute or index access (``{village.__class__}``, ``{0}``),
conversions (``!r``) and format specs (``{village:>300000000}``) are refused with the pattern
and the names allowed. ``{{`` and ``}}`` stand for literal braces.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from paigen.i18n import _, listing


class PatternError(ValueError):
    """A pattern uses something other than its documented field names."""


def fill(pattern: str, values: Mapping[str, str]) -> str:
    """*pattern* with each ``{name}`` replaced by ``values[name]``."""
    allowed = listing("{" + k + "}" for k in values)
    out: list[str] = []
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise PatternError(_("'{pattern}' is not a pattern ({error}); use {allowed}, and write "
                             "{{{{ and }}}} for literal braces", pattern=pattern, error=exc,
                             allowed=allowed)) from None
    for literal, name, spec, conversion in parts:
        out.append(literal)
        if name is None:
            continue
        if name not in values or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            if name not in values:
                raise PatternError(_("'{pattern}' uses the unknown placeholder {shown}; only "
                                     "{allowed} may appear", pattern=pattern, shown=shown,
                                     allowed=allowed))
            raise PatternError(_("'{pattern}' uses the placeholder {shown} with a format; only "
                                 "{allowed} may appear", pattern=pattern, shown=shown,
                                 allowed=allowed))
        out.append(str(values[name]))
    return "".join(out)
