"""The command help in the reader's language.

typer's help texts are written in English in the code; their translations are in the
interface catalogue, extracted from the built command tree (scripts/messages.py). The
root group translates the whole tree once, before click parses anything, in the
language `--lang` names on the command line, else the environment's: help is printed
before any option is read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from typer.core import TyperGroup

from ecomteam.cli.language import language_from
from ecomteam.i18n import parse_locale
from ecomteam.vocab import Language


def help_texts(command: Any) -> Iterator[str]:
    """Every help text in a command tree: commands' help, short help and epilog, options' and arguments' help."""
    for text in (command.help, command.short_help, command.epilog):
        if text:
            yield text
    for parameter in command.params:
        text = getattr(parameter, "help", None)
        if text:
            yield text
    for child in getattr(command, "commands", {}).values():  # a group's commands (click, vendored by typer)
        yield from help_texts(child)


def _translate(command: Any, translate: Callable[[str], str]) -> None:
    from ecomteam.cli.clicktext import TranslatedContext

    command.context_class = TranslatedContext  # click's own words on the help page
    for field in ("help", "short_help", "epilog"):
        if getattr(command, field):
            setattr(command, field, translate(getattr(command, field)))
    for parameter in command.params:
        if getattr(parameter, "help", None):
            parameter.help = translate(parameter.help)
    for child in getattr(command, "commands", {}).values():
        _translate(child, translate)


def requested_language(args: Sequence[str]) -> Language:
    """The language `--lang X` (or `--lang=X`) names among `args`, else the environment's, else English."""
    for position, arg in enumerate(args):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and position + 1 < len(args):
            value = args[position + 1]
        if value is not None:
            locale, _unknown = parse_locale(value)
            return Language.EN if locale is None else locale.language
    return language_from(os.environ) or Language.EN


class TranslatedGroup(TyperGroup):
    """The root command group: translates the help of the whole tree, and click's errors, before it runs."""

    language = Language.EN

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        """Translate the help into the language asked for, then run as click does."""
        import sys

        self.language = requested_language(list(sys.argv[1:] if args is None else args))
        if self.language is not Language.EN:  # typer builds the tree afresh for each run, so once per tree
            from ecomteam.i18n import _, speaking

            with speaking(self.language):
                _translate(self, _)
        return super().main(args, *rest, **options)

    def make_context(self, *args: Any, **options: Any) -> Any:
        """Parse the root's options; a usage error comes out in the language asked for."""
        with self._click_words():
            return super().make_context(*args, **options)

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a usage error of its options comes out in the language asked for."""
        with self._click_words():
            return super().invoke(ctx)

    def _click_words(self) -> AbstractContextManager[None]:
        if self.language is Language.EN:
            return nullcontext()
        from ecomteam.cli.clicktext import click_words

        return click_words(self.language)
