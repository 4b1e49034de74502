"""An artwork that could not be laid out, said in the clerk's words: what is missing, why, and
what to change, from the manifest's `missing` entry (whose reason and fix the layout wrote).

The layout writes its reasons in a fixed English form; each form is matched here and said again
through the message catalogue, its values (the text, the sizes) carried over.
"""

from __future__ import annotations

import re

from paigen.i18n import N_, _

_SIZE = r"(?P<w>[\d.]+) × (?P<h>[\d.]+) mm"
_SMALLER = N_("or make the board's minimum text height smaller or its size (size_mm) larger in "
              "paigen.yaml, then build again")

# (pattern over the layout's reason, the reason, the fix); the first match wins. A reason with a
# {text} (a title) or without one (a board's body) is one entry: the fix is the same.
_SAID: list[tuple[re.Pattern, str, str]] = [
    (re.compile(rf"(?:'(?P<text>.*)'|the text) does not fit the {_SIZE} (?:text area|body) at the "
                r"minimum size of (?P<min>[\d.]+) mm"),
     N_("{what} does not fit the {w} × {h} mm text area even at the minimum text height of {min} mm"),
     N_("shorten this text (when the centre's name is long, give a shorter name in the village's "
        "profile), {smaller}")),
    (re.compile(r"a room name does not fit the guide board at (?P<min>[\d.]+)"),
     N_("a room's name does not fit the floor guide board even at the minimum text height of {min} mm"),
     N_("shorten the long room names in the village's profile, or change the size of signs.guide in "
        "paigen.yaml, then build again")),
    (re.compile(r"the area heading '(?P<text>.*)' does not fit"),
     N_("the section heading {text} does not fit in two lines"),
     N_("shorten this section heading in the village's profile, then build again")),
    (re.compile(r"'(?P<text>.*)' \(\d+ mm long\) does not fit an A3 sheet"),
     N_("{text} is too long to fit an A3 sheet at any scale"),
     N_("shorten the centre's name in the village's profile, or add a smaller drawing scale in "
        "paigen.yaml, then build again")),
    (re.compile(r"the wall \((?P<w>[\d.]+) × (?P<h>[\d.]+) mm\) does not fit"),
     N_("the wall ({w} × {h} mm) does not fit the sheet at any scale"),
     N_("add a smaller drawing scale to facade.scales in paigen.yaml, then build again")),
    (re.compile(r"the facade legend does not fit"),
     N_("the facade drawing's legend does not fit"),
     N_("shorten facade.rule_text in paigen.yaml, then build again")),
]


def said(missing: dict) -> dict:
    """*missing* as the job page shows it: the title, the reason and the fix in the page's
    language, and the layout's own words kept for whoever maintains the settings."""
    from paigen.i18n import quoted

    title = str(missing.get("title") or missing.get("type") or _("artwork"))
    reason = str(missing.get("reason", ""))
    for pattern, why, fix in _SAID:
        found = pattern.search(reason)
        if found:
            values = {k: v for k, v in found.groupdict().items() if v is not None}
            if "text" in values:
                values["text"] = quoted(values["text"])
            if "{what}" in why:
                values["what"] = values.pop("text", None) or _("the body text")
            return {"title": title, "reason": _(why, **values), "fix": _(fix, smaller=_(_SMALLER)),
                    "detail": reason}
    _where, sep, said_ = reason.partition("：")
    if sep and missing.get("fix"):  # the layout said it in the user's language already
        return {"title": title, "reason": said_,
                "fix": _("{fix}, then build again", fix=missing["fix"]), "detail": reason}
    return {"title": title, "reason": _("{title} cannot be laid out: the words or shapes it needs do "
                                        "not fit its area", title=title),
            "fix": _("change this board's words in the village's profile, or its size (size_mm) in "
                     "paigen.yaml, then build again"),
            "detail": reason}
