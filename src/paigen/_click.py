"""click, speaking the user's language: help texts translated when they are shown, not when the
commands are defined, and click's own words (Usage, Options, its error messages) through
paigen's catalogues (their message ids are listed below, in the ``cli`` catalogue).

click builds its commands at import time, before ``--lang`` or the environment has been read, so
the help texts are kept as English message ids and looked up each time a help page is written.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from paigen import i18n
from paigen.i18n import N_, normalise, set_language, translations

#: click's own words, shown in the user's language (click looks them up through paigen).
CLICK_MESSAGES = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Positional arguments"),
    N_("Show this message and exit."), N_("Error: {message}"), N_("Try '{command} {option}' for help."),
    N_("No such command {name!r}."), N_("No such option {name!r}."), N_("Missing argument"),
    N_("required"), N_("Missing option"), N_("Missing command."), N_("Missing parameter"),
    N_("Missing parameter: {param_name}"), N_("Missing {param_type}"),
    N_("Invalid value for {param_hint}: {message}"), N_("Invalid value: {message}"),
    N_("{value!r} is not a valid {number_type}."), N_("{value} is not in the range {range}."),
    N_("Option {name!r} does not take a value."), N_("Aborted!"), N_("default: {default}"),
    N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is a file."),
    N_("Got unexpected extra argument ({args})"), N_("Got unexpected extra arguments ({args})"),
    N_("Option {name!r} requires an argument."), N_("{value!r} is not {choice}."),
    N_("{value!r} is not one of {choices}."), N_("Did you mean {possibility}?"),
    N_("(Did you mean one of: {possibilities}?)"),
)


def tr(message: str | None) -> str | None:
    """*message* (a message id kept by click) in the current language."""
    return translations().gettext(message) if message else message


def tr_help(message: str | None) -> str | None:
    """A help text in the current language (names marked as code in the catalogue shown plain)."""
    text = tr(message)
    return text.replace("`", "") if text else text


def tr_plural(singular: str, plural: str, n: int) -> str:
    """click's plural messages, each form kept as a message of its own in the catalogue."""
    return tr(singular if n == 1 else plural) or ""


class Option(click.Option):
    """An option whose help is looked up when the help page is written."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        kept = self.help
        self.help = tr_help(kept)
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = kept


class Command(click.Command):
    """A command whose help (and epilog) is looked up when the help page is written."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:  # options declared with @click.option: translated help too
            if isinstance(param, click.Option) and not isinstance(param, Option):
                param.__class__ = Option

    def get_short_help_str(self, limit: int = 45) -> str:
        text = tr_help(self.short_help or self.help) or ""
        if "。" in text:  # Chinese: the first sentence, whole
            return text.split("。")[0].strip()
        kept = self.help, self.short_help
        self.help, self.short_help = tr_help(self.help), tr_help(self.short_help)
        try:
            return super().get_short_help_str(limit)
        finally:
            self.help, self.short_help = kept

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        kept = self.help
        self.help = tr_help(kept)
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = kept
        rows = getattr(self, "examples", ())
        if rows:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_dl([(example, tr_help(say) or "") for example, say in rows])

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        kept = self.epilog
        self.epilog = tr_help(kept)
        try:
            super().format_epilog(ctx, formatter)
        finally:
            self.epilog = kept

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None and not isinstance(option, Option):
            option.__class__ = Option
        return option


class Group(Command, click.Group):
    """A group of commands, each with help looked up when shown; ``--lang`` is read first."""

    command_class = Command
    group_class = type

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        lang = normalise(_lang_argument(argv))
        if not lang:
            return super().main(argv, *rest, **kwargs)
        # Before anything is parsed (`paigen --lang en build --help` is English), and for the
        # build's worker processes too; put back afterwards for a caller that runs main() in-process.
        kept_env, kept = os.environ.get("PAIGEN_LANG"), i18n._process
        os.environ["PAIGEN_LANG"] = lang
        set_language(lang)
        try:
            return super().main(argv, *rest, **kwargs)
        finally:
            set_language(kept)
            if kept_env is None:
                os.environ.pop("PAIGEN_LANG", None)
            else:
                os.environ["PAIGEN_LANG"] = kept_env


def _lang_argument(argv: list[str]) -> str | None:
    """The value of the first ``--lang`` before the subcommand's own arguments, if any."""
    for i, arg in enumerate(argv):
        if arg == "--":
            return None
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
    return None


def localise_click() -> None:
    """Route click's own words (Usage:, Options, Error: …) through paigen's catalogues."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser,
                   click.types):
        if hasattr(module, "_"):
            module._ = tr
        if hasattr(module, "ngettext"):
            module.ngettext = tr_plural
