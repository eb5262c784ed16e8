"""The error family: every problem a user can cause, with its exit code.

Each error builds its own message from data. The CLI is the one place that turns an
`EcomteamError` into a message on stderr and `exit_code`; the exit codes are listed
in the README and follow BSD sysexits where one fits.
"""

import signal
from dataclasses import dataclass
from types import FrameType

from ecomteam.exitcodes import (
    EXIT_BROKEN_PIPE,
    EXIT_CANT_WRITE,
    EXIT_DATA,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_NO_INPUT,
    EXIT_OK,
    EXIT_USAGE,
)

__all__ = [  # the exit codes are the errors' too
    "EXIT_BROKEN_PIPE", "EXIT_CANT_WRITE", "EXIT_DATA", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_NO_INPUT",
    "EXIT_OK", "EXIT_USAGE",
]  # fmt: skip


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as known."""

    source: str
    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        """Format as `file:line:col: field.path: message`, leaving out what is unknown."""
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.path}:" if self.path else ""
        return f"{where}:{field} {self.message}"


class EcomteamError(Exception):
    """Base of every error the user can cause; carries its exit code."""

    exit_code = EXIT_INTERNAL


class UsageError(EcomteamError):
    """A command-line value that makes no sense (an unknown role, a bad filter)."""

    exit_code = EXIT_USAGE


class InputFileError(EcomteamError):
    """An input file that is missing, unreadable or not a file."""

    exit_code = EXIT_NO_INPUT


class OutputError(EcomteamError):
    """An output file that cannot be written, or exists and may not be replaced."""

    exit_code = EXIT_CANT_WRITE


class RowsFailed(EcomteamError):
    """Some profiles of a batch could not be planned; each was reported with its row."""

    exit_code = EXIT_DATA


class DataError(EcomteamError):
    """An input file whose content is invalid; lists every problem found."""

    exit_code = EXIT_DATA

    def __init__(self, problems: list[Problem], what: str = "file", *, more: int = 0) -> None:
        """Build the message: a heading naming the file, then one problem per line.

        At most `SHOWN` problems are listed, then how many more there are (`more`
        counts problems the caller found but did not locate).
        """
        self.problems = tuple(problems)
        count = len(self.problems) + more
        from ecomteam.i18n import _, ngettext

        source = self.problems[0].source if self.problems else "input"
        heading = ngettext(
            "{source}: invalid {what}, {count} problem:", "{source}: invalid {what}, {count} problems:", count
        )
        from ecomteam.files import kind_name

        lines = [heading.format(source=source, what=kind_name(what), count=count)]
        lines += [f"  {p}" for p in self.problems[:SHOWN]]
        if count > SHOWN:
            lines.append("  " + _("... and {count} more").format(count=count - SHOWN))
        super().__init__("\n".join(lines))


#: Problems listed in one message; a file with thousands gets the first ones and a count.
SHOWN = 20


#: Whether Ctrl-C has reached this process: set by `watch_interrupts`' handler.
_interrupts: list[int] = []


def watch_interrupts() -> None:
    """Raise KeyboardInterrupt on SIGINT as Python does, and remember that it came.

    Some libraries turn a KeyboardInterrupt raised inside them into their own error
    (pydantic-core reports a SchemaError when Ctrl-C lands while it builds a
    validator); the CLI asks `interrupted()` so that such an error still exits 130
    instead of being called a bug. A SIGINT that the parent ignores stays ignored.
    """
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_interrupt)


def _on_interrupt(number: int, frame: FrameType | None) -> None:
    _interrupts.append(number)
    signal.default_int_handler(number, frame)


def interrupted() -> bool:
    """Whether Ctrl-C has reached this process since `watch_interrupts`."""
    return bool(_interrupts)
