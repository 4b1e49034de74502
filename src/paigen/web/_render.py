"""The pages of ``paigen serve``: Jinja templates in the request's language, and the error page."""

from __future__ import annotations

from urllib.parse import quote

import jinja2
from starlette.responses import HTMLResponse

from paigen import __version__
from paigen._data import templates_dir
from paigen.i18n import _, language, ngettext

_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir() / "web")),
                          autoescape=True, undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.i18n"])
_ENV.install_gettext_callables(  # type: ignore[attr-defined]
    gettext=lambda message: _(message), ngettext=lambda s, p, n: ngettext(s, p, n), newstyle=True)
# ``{{ _("… {name} …", name=value) }}`` fills named placeholders as paigen.i18n does everywhere
# (Jinja's own new-style gettext would %-format them); the page escapes the result.
_ENV.globals.update(version=__version__, quote=quote, _=_, gettext=_, ngettext=ngettext)


def render(template: str, http_status: int = 200, **context) -> HTMLResponse:
    lang = language()
    html = _ENV.get_template(template).render(lang="zh-CN" if lang == "zh_CN" else lang, **context)
    return HTMLResponse(html, status_code=http_status, headers={"Content-Language": lang.replace("_", "-")})


def page(status: int, title: str, reason: str) -> HTMLResponse:
    return render("error.html", status, title=title, reason=reason, code=status)


def too_large(limit: int) -> HTMLResponse:
    return page(413, _("File too large"), _(
        "The upload is over the limit of {limit} MB: upload only the county folder's village "
        "profiles and workbook, or upload in several parts.", limit=limit // 2**20))
