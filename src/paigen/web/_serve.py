"""Start the web app under uvicorn, with the office-network rules of ``paigen serve``."""

from __future__ import annotations

import ipaddress
import re
import secrets
import sys
from pathlib import Path

import click

from paigen.i18n import _

LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


TOKEN_CHARS = re.compile(r"[A-Za-z0-9._~-]+")


def token_problem(token: str | None) -> str:
    """Why *token* cannot work in a link, a header and a cookie ('' when it can)."""
    if not token or TOKEN_CHARS.fullmatch(token):
        return ""
    return _("--token may hold only the letters A-Z a-z, the digits 0-9 and . _ ~ - (no Chinese "
             "characters, spaces, semicolons, quotes, + …), or a browser's link and cookie cannot "
             "carry it: choose another token, or leave out --token and paigen makes one")


def run(host: str, port: int, data: Path, token: str | None, keep_days: float) -> None:
    import uvicorn

    from paigen.web._app import create_app

    problem = token_problem(token)
    if problem:  # a token a browser cannot carry would lock every clerk out: say so before starting
        raise click.BadParameter(problem, param_hint="'--token'")
    if not is_loopback(host) and not token:
        token = secrets.token_urlsafe(24)
        click.echo(_("Access token (shown once; every request needs it): {token}", token=token))
    # Pages are answered by one event loop while threads unpack, validate and zip: hand the
    # interpreter lock over more often (default 5 ms), so a page never waits behind them.
    sys.setswitchinterval(0.001)
    data.mkdir(parents=True, exist_ok=True)
    hosts = ("127.0.0.1", "localhost", "::1") if is_loopback(host) else None
    app = create_app(data, token=token, max_age_s=keep_days * 86400, hosts=hosts)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    link = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    click.echo(_("paigen serve: open {link} in a browser (jobs in {folder}); Ctrl+C stops",
                 link=link, folder=data))
    uvicorn.run(app, host=host, port=port, log_level="warning")
