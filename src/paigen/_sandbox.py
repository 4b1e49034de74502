"""The one Jinja sandbox every county template renders in: documents and master slots alike.

County templates are data, not code: no attributes beginning with '_', no mutation, no unsafe
callables (jinja2's immutable sandbox), and no huge repeats or powers (``'x' * 10**9``), which
would take gigabytes or hang before any length check could see the result.
"""

from __future__ import annotations

from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from paigen.i18n import _

MAX_POWER = 64
MAX_REPEAT_CHARS = 200_000  # a repeated text or list; the longest shipped document is ~20 000


class Sandbox(ImmutableSandboxedEnvironment):
    """jinja2's immutable sandbox with ``*`` and ``**`` guarded (constants are not folded)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_POWER:
            raise SecurityError(_("a power above {limit} is not allowed in a template", limit=MAX_POWER))
        if operator == "*":
            sizes = [len(x) for x in (left, right) if isinstance(x, str | list | tuple)]
            counts = [x for x in (left, right) if isinstance(x, int) and not isinstance(x, bool)]
            if sizes and counts and sizes[0] * abs(counts[0]) > MAX_REPEAT_CHARS:
                raise SecurityError(_("a repeated text or list in a template is too long"))
        return super().call_binop(context, operator, left, right)
