#!/usr/bin/env python3
"""Keep paigen's message catalogues in step with the code.

    scripts/catalogue.py update [DOMAIN ...]   extract the marked strings, merge into each .po
    scripts/catalogue.py check                 every message translated, placeholders matching
    scripts/catalogue.py compile               .po -> .mo (the set-up runs this)

Each file of the package belongs to one domain (the first prefix below that matches it), so the
people working on different parts of paigen edit different catalogues. Messages are written
without source locations and sorted, so a catalogue changes only where a message changes.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "paigen"
sys.path.insert(0, str(ROOT / "src"))

from paigen.i18n import DOMAINS, LANGUAGES, LOCALEDIR, compile_all  # noqa: E402

#: package-relative prefix -> domain; the first match wins, so longer prefixes come first.
FILES: list[tuple[str, str]] = [
    ("web/", "web"),
    ("cli.py", "cli"),
    ("_click.py", "cli"),
    ("model/", "input"),
    ("sources/", "input"),
    ("errors.py", "input"),
    ("inputs.py", "input"),
    ("starter.py", "input"),
    ("build.py", "build"),
    ("batch/", "build"),
    ("preflight.py", "build"),
    ("_executors.py", "build"),
    ("_io.py", "build"),
    ("_zip.py", "build"),
    ("_sandbox.py", "build"),
    ("", "artwork"),  # layout, backends, fonts, docs, masters, assets and the rest
]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
#: page templates (Jinja, with the i18n extension: ``{{ _("…") }}``, ``{% trans %}``) by folder.
TEMPLATES: list[tuple[str, str]] = [("templates/web", "web"), ("templates/batch", "build")]


def domain_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE).as_posix()
    for prefix, domain in FILES:
        if rel.startswith(prefix):
            return domain
    return "artwork"


def extract(domain: str) -> Catalog:
    template = Catalog(project="paigen", charset="utf-8")
    for path in sorted(PACKAGE.rglob("*.py")):
        if domain_of(path) != domain:
            continue
        for _lineno, message, _comments, context in extract_from_file(
                "python", str(path), keywords=KEYWORDS):
            template.add(message, context=context)
    for folder, owner in TEMPLATES:
        if owner != domain:
            continue
        for path in sorted(p for p in (ROOT / folder).rglob("*") if p.suffix in (".html", ".j2")):
            for _lineno, message, _comments, context in extract_from_file(
                    "jinja2.ext:babel_extract", str(path), keywords=KEYWORDS,
                    options={"extensions": "jinja2.ext.i18n", "trimmed": "true"}):
                template.add(message, context=context)
    return template


def po_path(lang: str, domain: str) -> Path:
    return LOCALEDIR / lang / "LC_MESSAGES" / f"{domain}.po"


def write(catalog: Catalog, path: Path) -> None:
    buf = io.BytesIO()
    write_po(buf, catalog, omit_header=False, no_location=True, sort_output=True, width=100,
             ignore_obsolete=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(buf.getvalue())
    tmp.replace(path)


def update(domains: list[str]) -> None:
    for domain in domains:
        template = extract(domain)
        for lang in LANGUAGES:
            if lang == "en":
                continue
            path = po_path(lang, domain)
            if path.is_file():
                with path.open("rb") as fh:
                    catalog = read_po(fh, locale=lang)
            else:
                catalog = Catalog(locale=lang, domain=domain, project="paigen", charset="utf-8")
            catalog.update(template, no_fuzzy_matching=True)
            catalog.fuzzy = False
            catalog.project, catalog.version = "paigen", "1"
            catalog.msgid_bugs_address = ""
            catalog.last_translator = catalog.language_team = "paigen"
            catalog.copyright_holder = "paigen"
            catalog.revision_date = catalog.creation_date = catalog.pot_creation_date = \
                catalog.creation_date.replace(year=2026, month=1, day=1, hour=0, minute=0, second=0)
            write(catalog, path)
            missing = [m.id for m in catalog if m.id and not m.string]
            print(f"{path.relative_to(ROOT)}: {len(catalog)} messages, {len(missing)} untranslated")


def check() -> int:
    sys.path.insert(0, str(ROOT / "tests"))
    from catalogue_rules import catalogue_problems  # the same rules the test applies

    problems = catalogue_problems()
    for line in problems:
        print(line)
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "update":
        unknown = [d for d in rest if d not in DOMAINS]
        if unknown:
            print(f"unknown domain(s): {', '.join(unknown)}; known: {', '.join(DOMAINS)}")
            return 2
        update(rest or list(DOMAINS))
        return 0
    if command == "check":
        return check()
    if command == "compile":
        for path in compile_all():
            print(f"compiled {path.relative_to(ROOT)}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
