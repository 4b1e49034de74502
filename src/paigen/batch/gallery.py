"""index.html: a gallery of every village's artworks, drawings and documents, with relative links."""

from __future__ import annotations

from urllib.parse import quote

import jinja2

from paigen import __version__
from paigen._data import templates_dir


def gallery_html(batch: dict, county: str) -> bytes:
    """Render the gallery page from the batch manifest (paths relative to OUT)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir() / "batch"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["href"] = href
    villages = []
    for v in batch["villages"]:
        artifacts = v.get("artifacts", [])
        previews = {a["path"].rsplit(".", 1)[0]: a for a in artifacts if a["kind"] == "preview"}
        cards = []
        for a in artifacts:
            if a["format"] != "pdf" or a["kind"] == "preview":
                continue
            stem = a["path"].rsplit(".", 1)[0]
            cards.append(
                {
                    "title": a["title"],
                    "kind": a["kind"],
                    "type": a["type"],
                    "size": f"{a['trim_mm'][0]:g}×{a['trim_mm'][1]:g} mm",
                    "pdf": a["path"],
                    "svg": stem + ".svg" if any(x["path"] == stem + ".svg" for x in artifacts) else "",
                    "png": previews[stem]["path"] if stem in previews else "",
                }
            )
        others = [a for a in artifacts if a["format"] not in ("pdf", "svg", "png")]
        villages.append({"missing": [], **v, "cards": cards, "others": others})
    html = env.get_template("index.html.j2").render(
        county=county,
        villages=villages,
        version=__version__,
        built=sum(v["status"] != "failed" for v in villages),
        failed=sum(v["status"] == "failed" for v in villages),
    )
    return html.encode("utf-8")


_SPECIAL = set('%#?:;&"\'<>`\\ ')


def href(path: str) -> str:
    """A relative link to *path*: the characters a URL reads as syntax (%, #, ?, :, spaces…)
    percent-encoded, so a folder named 东#村 or %E4镇 is linked, not read as a fragment or an
    escape; Chinese stays as it is, readable in the page's source."""
    return "".join(quote(c, safe="") if c in _SPECIAL or ord(c) < 0x20 or c == "\x7f" else c
                   for c in path)
