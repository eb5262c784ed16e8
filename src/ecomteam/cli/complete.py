"""Shell completion for the closed choices and the role names.

Completion runs the program for every Tab, so each completer loads only what it
needs, and a broken catalogue or rule book completes nothing rather than fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum

from ecomteam.vocab import Channel, Fulfilment, Goal, Stage

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


def _book_keys(part: str) -> Callable[[], list[str]]:
    def keys() -> list[str]:
        from ecomteam.cli.common import load_rulebook

        book = load_rulebook(None, None)
        if part == "platforms":
            return sorted(
                name for names in (book.platforms.channels.values() if book.platforms else ()) for name in names
            )
        return sorted(getattr(book, part))

    return keys


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
    "region": completer(_book_keys("regions")),
    "country": completer(_book_keys("countries")),
    "platform": completer(_book_keys("platforms")),
}

complete_role = completer(role_ids)
