"""The READMEs: Chinese README.md and English README.en.md say the same to their readers.

Both quick starts give exactly the two set-up commands CI runs; every `paigen …` command line
shown in a code block of either file is one the installed command line accepts (command names,
options, choices, required arguments); both files link to each other and to pictures that exist
or that the browser test writes.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from paigen.cli import main

ROOT = Path(__file__).resolve().parents[1]
READMES = {"zh": ROOT / "README.md", "en": ROOT / "README.en.md"}
QUICK_START = {"zh": "## 快速开始", "en": "## Quick start"}
# Written by tests/test_web_browser.py with PAIGEN_SCREENSHOTS=1 (the clerk's path, two widths).
SCREENSHOTS = {f"docs/web-{n}-{step}-1366.png" for n, step in
               enumerate(("upload", "problems", "edit", "build", "download"), start=1)}
SCREENSHOTS |= {"docs/web-2-problems-390.png", "docs/web-3-edit-390.png"}


def text(lang: str) -> str:
    return READMES[lang].read_text(encoding="utf-8")


def code_blocks(source: str) -> list[tuple[str, str]]:
    """(info string, body) of every fenced code block."""
    return re.findall(r"^ *```([^\n`]*)\n(.*?)^ *```", source, flags=re.S | re.M)


def quick_start_commands(lang: str) -> list[str]:
    section = text(lang).split(QUICK_START[lang], 1)[1].split("\n## ", 1)[0]
    info, body = code_blocks(section)[0]
    assert info == "sh"
    return [line.split("#", 1)[0].strip() for line in body.splitlines() if line.strip()]


def paigen_lines(lang: str) -> list[str]:
    """Every command line of a console or sh block that runs paigen."""
    lines = []
    for info, body in code_blocks(text(lang)):
        if info not in ("sh", "console"):
            continue
        for line in body.splitlines():
            line = line.strip()
            if info == "console":
                if not line.startswith("$ "):
                    continue  # output, not a command
                line = line[2:]
            words = line.split()
            if words and words[0] in ("paigen", ".venv/bin/paigen"):
                lines.append(shlex.join(shlex.split(line, comments=True)))
    return lines


def check_command_line(line: str) -> None:
    """Parse LINE as the command line would, without running it; raise on any usage error."""
    args = shlex.split(line)[1:]
    command: click.Command = main
    names = ["paigen"]
    while True:
        ctx = click.Context(command, info_name=names[-1])
        parser = command.make_parser(ctx)
        if isinstance(command, click.Group):
            parser.allow_interspersed_args = False
        opts, rest, _order = parser.parse_args(list(args))
        for param in command.params:
            value = opts.get(param.name)
            if isinstance(param, click.Argument):
                if param.required and not value:
                    raise click.UsageError(f"{' '.join(names)}: missing {param.human_readable_name}")
            elif param.required and value is None:
                raise click.UsageError(f"{' '.join(names)}: missing {param.opts[0]}")
            if isinstance(param.type, click.Choice) and value is not None:
                for item in value if isinstance(value, (list, tuple)) else [value]:
                    if item not in param.type.choices:
                        raise click.UsageError(f"{' '.join(names)}: {item!r} is not a choice")
        if not isinstance(command, click.Group):
            return
        if not rest:
            raise click.UsageError(f"{' '.join(names)}: no command given")
        sub = command.get_command(ctx, rest[0])
        if sub is None:
            raise click.UsageError(f"{' '.join(names)}: no command {rest[0]!r}")
        command, names, args = sub, [*names, rest[0]], rest[1:]


def test_both_quick_starts_are_the_two_set_up_commands_ci_runs():
    assert quick_start_commands("zh") == quick_start_commands("en") == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("demo", "test"):
        assert re.search(rf"^{target}:", makefile, flags=re.M), target
    ci = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.startswith("#") and not line.startswith(("set ", "cd "))]
    assert ci == ["make test"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_paigen_command_line_parses(lang):
    lines = paigen_lines(lang)
    # the demo of validate, doc new, doc, master export/check, build, serve at least
    assert len(lines) >= 9, lines
    problems = []
    for line in lines:
        try:
            check_command_line(line)
        except click.ClickException as exc:
            problems.append(f"{line}: {exc.format_message()}")
    assert problems == []


def test_the_checker_refuses_what_the_command_line_refuses():
    for bad in ("paigen biuld samples/bazhou -o out", "paigen build samples/bazhou",
                "paigen build samples/bazhou -o out --only pictures",
                "paigen serve --prot 8000", "paigen master exprot board"):
        with pytest.raises(click.ClickException):
            check_command_line(bad)


def test_both_files_show_the_same_commands():
    assert sorted(paigen_lines("zh")) == sorted(paigen_lines("en"))


def test_each_file_links_to_the_other_at_the_top():
    assert "[English](README.en.md)" in text("zh").split("\n## ", 1)[0]
    assert "[中文](README.md)" in text("en").split("\n## ", 1)[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pictures_exist_or_are_the_browser_tests_screenshots(lang):
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text(lang))
    assert set(pictures) >= SCREENSHOTS
    missing = [p for p in pictures if not (ROOT / p).is_file() and p not in SCREENSHOTS]
    assert missing == []


def test_both_files_show_the_same_pictures():
    def pictures(lang):
        return sorted(re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text(lang)))
    assert pictures("zh") == pictures("en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_internal_links_name_a_heading_of_the_file(lang):
    source = text(lang)
    outside_code = re.sub(r"^ *```.*?^ *```", "", source, flags=re.S | re.M)
    slugs = set()
    for heading in re.findall(r"^#{1,6} (.+)$", outside_code, flags=re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        slugs.add(slug)
    anchors = re.findall(r"\]\(#([^)]+)\)", source)
    assert anchors, "the README links to its own sections"
    assert [a for a in anchors if a not in slugs] == []


def test_the_chinese_readme_states_the_language_rules_and_windows():
    zh = text("zh")
    for fact in ("--lang en", "PAIGEN_LANG", "LANG=en_US.UTF-8", "Accept-Language",
                 "值班!D3 值班人员：周二第2位「王剑国」不在人员名单中（是否应为「王建国」？）",
                 "board-1-入党誓词.pdf", "door-plate-3-党员活动室.pdf", "村 12/390 … 预计剩余 3 分钟",
                 "wsl --install -d Debian", "\\\\wsl$\\Debian", "http://localhost:8000", "Dockerfile"):
        assert fact in zh, fact
        assert fact in text("en"), fact
