"""The command help in the reader's language.

typer's help texts are written in English in the code; their translations are in the
interface catalogue, extracted from the built command tree (scripts/messages.py). The
root group translates the whole tree once, before click parses anything, in the
language `--lang` names on the command line, else the environment's: help is printed
before any option is read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any, ClassVar

from typer.core import TyperGroup

from ecomteam.cli.language import language_from
from ecomteam.i18n import parse_locale
from ecomteam.vocab import Language


def help_texts(command: Any) -> Iterator[str]:
    """Every help text in a command tree: commands' help, short help and epilog, options' and arguments' help."""
    if isinstance(command, TranslatedGroup):
        command.build_all()
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
    """The root command group: builds only the command that runs, in the language asked for.

    typer turns a command's signature into click options when it builds the command,
    and importing a command's module and building it is a good part of a run's start.
    So the root holds where each command is (`lazy`), and builds one when click asks
    for it by name: the one that runs, or all of them for the list in `--help`.
    """

    language = Language.EN
    #: Each command and group by name, as "module:attribute": a function, or a typer app for a group.
    lazy: ClassVar[Mapping[str, str]] = {}

    def list_commands(self, ctx: Any) -> list[str]:  # noqa: ARG002 - click's signature
        """The commands, in the order they are declared."""
        return list(dict.fromkeys([*self.commands, *self.lazy]))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command of that name, built the first time it is asked for."""
        if cmd_name not in self.commands and cmd_name in self.lazy:
            self.commands[cmd_name] = self._built(cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """The command `args` start with; a mistyped name gets typer's "Did you mean", from every command."""
        from typer._click.exceptions import UsageError

        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:  # typer suggests only among the commands built so far
            from difflib import get_close_matches

            names = get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if names and not error.message.endswith("?"):
                error.message = f"{error.message.rstrip('.')}. Did you mean {', '.join(map(repr, names))}?"
            raise

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The list of commands in `--help`, from their help texts, without building any."""
        from typer._click.utils import make_default_short_help

        from ecomteam.i18n import _, speaking

        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names))
        with speaking(self.language):  # as `_built` translates a command's help
            rows = [(name, make_default_short_help(_(self._help_of(name)), limit)) for name in names]
        with formatter.section("Commands"):  # click's word, which the translated formatter translates
            formatter.write_dl(rows)

    def _help_of(self, name: str) -> str:
        """A command's help as typer reads it: a group's `help`, else the function's docstring."""
        import inspect

        import typer

        target = self._target(name)
        text = target.info.help if isinstance(target, typer.Typer) else inspect.getdoc(target)
        return str(text or "")

    def _target(self, name: str) -> Any:
        import importlib

        module, attribute = self.lazy[name].split(":")
        return getattr(importlib.import_module(module), attribute)

    def build_all(self) -> None:
        """Build every command (to walk the whole tree)."""
        for name in self.list_commands(None):
            self.get_command(None, name)

    def _built(self, name: str) -> Any:
        import typer

        target = self._target(name)
        # Built as a child of a group with the root's settings, as a command of the root would be.
        parent = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
        parent.callback()(lambda: None)
        if isinstance(target, typer.Typer):
            parent.add_typer(target, name=name)
        else:
            parent.command(name=name)(target)
        command = typer.main.get_command(parent).commands[name]  # type: ignore[attr-defined]
        if self.language is not Language.EN:
            from ecomteam.i18n import _, speaking

            with speaking(self.language):
                _translate(command, _)
        return command

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        """Translate the help into the language asked for, then run as click does."""
        import sys

        self.language = requested_language(list(sys.argv[1:] if args is None else args))
        if self.language is not Language.EN:  # the root's own help; its commands are translated as they are built
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
