"""``paigen serve``: the local web app (upload, validate, build, look, download, edit).

Starlette with Jinja templates under uvicorn: a small, well-kept ASGI stack whose pages are
plain server-rendered HTML forms (a browser without JavaScript, a script or curl can drive
them), with python-multipart for uploads. See :mod:`paigen.web._app`.
"""

from paigen.web._app import create_app
from paigen.web._serve import run

__all__ = ["create_app", "run"]
