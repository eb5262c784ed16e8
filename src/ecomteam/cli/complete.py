"""Shell completion for the closed choices and the role names.

Completion runs the program for every Tab, so each completer loads only what it
needs, and a broken catalogue or rule book completes nothing rather than fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

from ecomteam.vocab import Channel, Fulfilment, Goal, Stage

if TYPE_CHECKING:
    from ecomteam.rulebook import RuleBook

Completer = Callable[[str], list[str]]


def completer(values: Callable[[], Iterable[str]], *, listed: bool = False) -> Completer:
    """Complete from `values`; for a `listed` option, the part after the last comma."""

    def complete(incomplete: str) -> list[str]:
        done, comma, last = incomplete.rpartition(",") if listed else ("", "", incomplete)
        try:
            known = list(values())
        except Exception:  # a completion must never print a traceback into the shell
            return []
        return [done + comma + value for value in known if value.lower().startswith(last.lower())]

    return complete


def members(vocabulary: type[StrEnum]) -> Callable[[], list[str]]:
    """The values of a closed vocabulary, for a completer."""
    return lambda: [member.value for member in vocabulary]


def _from_book(names: Callable[[RuleBook], Iterable[str]]) -> Callable[[], list[str]]:
    """Names the bundled rule book knows (regions, countries, platforms), sorted."""

    def read() -> list[str]:
        from ecomteam.cli.common import load_rulebook

        return sorted(names(load_rulebook(None, None)))

    return read


def _platforms(book: RuleBook) -> Iterable[str]:
    return (name for names in (book.platforms.channels.values() if book.platforms else ()) for name in names)


def role_ids() -> list[str]:
    """The bundled catalogue's role ids."""
    from ecomteam.cli.common import load_roles

    return [role.id for role in load_roles(None).catalogue.roles]


#: The completer of each profile option that has one.
PROFILE_COMPLETERS: dict[str, Completer] = {
    "stage": completer(members(Stage)),
    "fulfilment": completer(members(Fulfilment)),
    "goals": completer(members(Goal), listed=True),
    "channels": completer(members(Channel), listed=True),
    "region": completer(_from_book(lambda book: book.regions)),
    "country": completer(_from_book(lambda book: book.countries)),
    "platform": completer(_from_book(_platforms)),
}

complete_role = completer(role_ids)
