"""The gate in front of every request of ``paigen serve``: the language the browser asks for, the
Host and Origin checks, the access token, the body size limit, and the cookie that tells this
browser's jobs from others' (the home page lists them)."""

from __future__ import annotations

import hmac
import secrets

from starlette.requests import Request

from paigen.i18n import _, listing, negotiate, use_language
from paigen.web._render import page, too_large

TOKEN_COOKIE = "paigen_token"
BROWSER_COOKIE = "paigen_browser"


class BodyTooLarge(Exception):
    pass


class Guard:
    """ASGI middleware: the Host and Origin checks, the token on every request, the body limit.

    *hosts*, when given, are the only host names a request may address (a server on 127.0.0.1
    accepts 127.0.0.1 and localhost, so a web page cannot reach it through a rebound DNS name);
    a form posted from a page of another site (its Origin differs from the Host) is refused.
    """

    def __init__(self, app, token: str | None, max_body: int, hosts: tuple[str, ...] | None = None):
        self.app, self.token, self.max_body, self.hosts = app, token, max_body, hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        # Every page, and the work done for it in threads, speaks the browser's language.
        with use_language(negotiate(headers.get("accept-language"))):
            return await self._guarded(scope, receive, send, headers)

    async def _guarded(self, scope, receive, send, headers: dict[str, str]):
        host = headers.get("host", "")
        if self.hosts is not None and _hostname(host) not in self.hosts:
            return await page(400, _("Address not accepted"), _(
                "This service answers only at {hosts}: use the link printed when the service started.",
                hosts=listing(self.hosts)))(scope, receive, send)
        origin = headers.get("origin")
        if scope["method"] not in ("GET", "HEAD") and origin and origin.split("://", 1)[-1] != host:
            refused = page(403, _("Request from another site refused"), _(
                "Only forms sent from this service's own pages are accepted: open it again from the "
                "home page."))
            return await refused(scope, receive, send)
        set_cookie = None
        if self.token:
            given = _token_of(scope, headers)
            if not given or not hmac.compare_digest(given.encode(), self.token.encode()):
                return await page(401, _("Access token needed"), _(
                    "The paigen service on this computer asks for an access token: open the full "
                    "link printed when the service started (with ?token=…), or send the header "
                    "Authorization: Bearer with the token."))(scope, receive, send)
            if _query_token(scope):
                set_cookie = f"{TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
        if not _cookie(headers, BROWSER_COOKIE):  # this browser's own jobs are listed on the home page
            browser = secrets.token_hex(16)
            scope = {**scope, "paigen.browser": browser}
            marked = f"{BROWSER_COOKIE}={browser}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000"
            set_cookie = f"{set_cookie}\n{marked}" if set_cookie else marked
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            return await too_large(self.max_body)(scope, receive, send)
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge()
            return message

        async def sending(message):
            if set_cookie and message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *(
                    (b"set-cookie", c.encode("latin-1")) for c in set_cookie.split("\n"))]}
            await send(message)

        await self.app(scope, limited, sending)


def _hostname(host: str) -> str:
    """'127.0.0.1:8000' → '127.0.0.1'; '[::1]:8000' → '::1'."""
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _query_token(scope) -> str:
    from urllib.parse import parse_qs

    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [])
    return values[0] if values else ""


def _cookie(headers: dict[str, str], wanted: str) -> str:
    for part in headers.get("cookie", "").split(";"):
        name, _sep, value = part.strip().partition("=")
        if name == wanted:
            return value
    return ""


def _token_of(scope, headers: dict[str, str]) -> str:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return _cookie(headers, TOKEN_COOKIE) or _query_token(scope)


def browser_of(request: Request) -> str:
    """The id of the browser that sent *request* (its cookie, or the one being given to it now)."""
    return request.scope.get("paigen.browser") or request.cookies.get(BROWSER_COOKIE, "")
