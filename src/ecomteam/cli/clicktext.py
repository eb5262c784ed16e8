"""What click itself prints, in the reader's language.

The usage line, the headings of a help page, the help option's help and click's parse
errors. typer vendors click with these words written as plain English literals, so they are
worded here instead: a help formatter for the page, and a usage error that rewords
click's from the exception's own fields (or, where click only left a sentence, from
a pattern of that sentence). English keeps click's output untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from typer._click import Context, HelpFormatter, echo
from typer._click.exceptions import (
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)

from ecomteam.i18n import N_, _, ngettext, speaking
from ecomteam.vocab import Language

# click's own texts in a help page, by their English words.
_CLICK_HELP_WORDS = {
    "Options": N_("Options"),
    "Commands": N_("Commands"),
    "Arguments": N_("Arguments"),
    "Show this message and exit.": N_("Show this message and exit."),
}

# click's errors that leave only a sentence behind, as a pattern of that sentence.
_CLICK_SENTENCES = (
    (re.compile(r"Option '(?P<option>.+)' requires an argument\."), N_("Option '{option}' needs a value.")),
    (re.compile(r"Option '(?P<option>.+)' does not take a value\."), N_("Option '{option}' does not take a value.")),
    (
        re.compile(r"No such command '(?P<name>.+?)'\. Did you mean (?P<names>.+)\?"),
        N_("There is no command '{name}'. Did you mean {names}?"),
    ),
    (re.compile(r"No such command '(?P<name>.+)'\."), N_("There is no command '{name}'.")),
    (re.compile(r"Missing command\."), N_("Say which command to run.")),
)
_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra argument\(s\) \((?P<arguments>.*)\)")


class TranslatedFormatter(HelpFormatter):
    """click's help formatter, with its own words looked up in the catalogue."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage line, prefixed in the reader's language."""
        super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)  # Chinese needs no space

    def write_heading(self, heading: str) -> None:
        """A section heading ("Options", "Commands"), translated when it is click's."""
        super().write_heading(_(_CLICK_HELP_WORDS[heading]) if heading in _CLICK_HELP_WORDS else heading)

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        """Options and commands, with the help option's own help translated."""
        worded = [(term, _(_CLICK_HELP_WORDS[text]) if text in _CLICK_HELP_WORDS else text) for term, text in rows]
        super().write_dl(worded, col_max, col_spacing)


class TranslatedContext(Context):
    """A click context whose help pages use the translated formatter."""

    formatter_class = TranslatedFormatter


def click_message(error: UsageError) -> str:
    """Click's error message for `error`, in the language in force."""
    if isinstance(error, NoSuchOption):
        return _no_such_option(error)
    if isinstance(error, MissingParameter):
        return _missing(error)
    if isinstance(error, BadParameter):
        return _bad_value(error)
    return _sentence(error.message)


def _no_such_option(error: NoSuchOption) -> str:
    if error.message != f"No such option: {error.option_name}":  # a message of typer's own
        return error.format_message()
    if error.possibilities:
        return _("There is no option {option}. Did you mean {options}?").format(
            option=error.option_name, options=", ".join(sorted(error.possibilities))
        )
    return _("There is no option {option}.").format(option=error.option_name)


def _missing(error: MissingParameter) -> str:
    kind = error.param_type or (error.param.param_type_name if error.param is not None else "parameter")
    hint = error.param.get_error_hint() if error.param is not None else ""
    if kind == "argument":
        return _("Missing argument {name}.").format(name=hint)
    return _("Missing option {name}.").format(name=hint)


def _bad_value(error: BadParameter) -> str:
    from ecomteam.validation import pydantic_message

    cause: Any = error.__cause__
    problems = cause.errors() if hasattr(cause, "errors") else []  # typer's coercion, by pydantic
    reason = pydantic_message(problems[0]) if problems else error.message
    if error.param is None:
        return _("Invalid value: {reason}").format(reason=reason)
    return _("Invalid value for {option}: {reason}").format(option=error.param.get_error_hint(), reason=reason)


def _sentence(message: str) -> str:
    extra = _EXTRA_ARGUMENTS.fullmatch(message)
    if extra:
        arguments = extra["arguments"]
        return ngettext(
            "Unexpected argument: {arguments}", "Unexpected arguments: {arguments}", len(arguments.split())
        ).format(arguments=arguments)
    for pattern, template in _CLICK_SENTENCES:
        found = pattern.fullmatch(message)
        if found:
            return _(template).format(**found.groupdict())
    return message


class TranslatedUsageError(UsageError):
    """click's usage error, worded and shown in the reader's language."""

    def __init__(self, error: UsageError, language: Language) -> None:
        """Word `error` in `language` now; it is shown later, by typer."""
        with speaking(language):
            super().__init__(click_message(error), error.ctx)
        self.exit_code = error.exit_code
        self.language = language

    def show(self, file: IO[Any] | None = None) -> None:
        """Print as click does (usage, a hint, the error), in the error's language."""
        from ecomteam.output.clean import clean  # a value typed on the command line may hold control codes

        with speaking(self.language):
            if self.ctx is not None:
                hint = _("Try '{command} {option}' for help.").format(
                    command=self.ctx.command_path, option=self.ctx.help_option_names[0]
                )
                echo(f"{self.ctx.get_usage()}\n{hint}\n", file=file, err=True, color=self.ctx.color)
            echo(clean(_("Error: {message}").format(message=self.format_message())), file=file, err=True)


@contextmanager
def click_words(language: Language) -> Iterator[None]:
    """Run click in `language`: its help pages and its usage errors come out translated."""
    with speaking(language):
        try:
            yield
        except NoArgsIsHelpError:  # the help page itself, already translated
            raise
        except TranslatedUsageError:
            raise
        except UsageError as error:
            raise TranslatedUsageError(error, language) from error
