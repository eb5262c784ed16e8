"""Shell completion for the closed choices and the role names.

Completion runs the program for every Tab, so each completer loads only what it
needs, and a broken catalogue or rule book completes nothing rather than fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

from ecomteam.vocab import PROFILE_EXTENSIONS, Channel, Fulfilment, Goal, Stage

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
        chosen = set(done.split(",")) if listed else set()  # `traffic,` offers the other goals, not traffic again
        return [
            done + comma + value for value in known if value.lower().startswith(last.lower()) and value not in chosen
        ]

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


def complete_role(incomplete: str) -> list[tuple[str, str]]:
    """Role ids, and role names in the reader's language, each with a description for the shells that show one.

    A name is offered as one shell word, `agente-de-servicio-al-cliente`: a name with
    spaces would become several arguments, and every role lookup ignores the hyphens.
    The shell keeps only what starts with the text typed.
    """
    import os

    from ecomteam.cli.common import load_roles
    from ecomteam.cli.language import language_from

    try:
        roles = load_roles(None).catalogue.roles
    except Exception:  # a completion must never print a traceback into the shell
        return []
    language = language_from(os.environ)
    offered = [(role.id, role.names.get(language, role.name) if language else role.name) for role in roles]
    if language is not None:
        offered += [(_one_word(role.names[language]), role.id) for role in roles if language in role.names]
    return [(value, described) for value, described in offered if value.startswith(incomplete)]


def _one_word(name: str) -> str:
    """A name as a single lower-case shell word: `Agente de servicio al cliente` is agente-de-servicio-al-cliente."""
    import re

    return re.sub(r"\W+", "-", name.lower()).strip("-")


def files_completer(*suffixes: str) -> Completer:
    """Complete files with these suffixes (any case) that start with what was typed.

    Nothing else: when none match, the shell's own file completion offers folders.
    """

    def complete(incomplete: str) -> list[str]:
        import glob
        from pathlib import Path

        folder, _, stem = incomplete.rpartition("/")
        try:
            found = sorted(Path(folder or ".").glob(f"{glob.escape(stem)}*"))
        except OSError:
            return []
        names = [path.name for path in found if path.suffix.lower() in suffixes and path.is_file()]
        return [f"{folder}/{name}" if folder else name for name in names]

    return complete


complete_yaml = files_completer(".yaml", ".yml")
#: What a team is read from: YAML, or a table (ecomteam.teamtable.TABLE_SUFFIXES).
complete_team = files_completer(".yaml", ".yml", ".csv", ".xlsx")
#: What `ecomteam batch` reads profiles from.
complete_profiles = files_completer(*PROFILE_EXTENSIONS)


#: The completer of each profile option that has one.
PROFILE_COMPLETERS: dict[str, Completer] = {
    "stage": completer(members(Stage)),
    "fulfilment": completer(members(Fulfilment)),
    "goals": completer(members(Goal), listed=True),
    "channels": completer(members(Channel), listed=True),
    "region": completer(_from_book(lambda book: book.regions)),
    "country": completer(_from_book(lambda book: book.countries)),
    "platform": completer(_from_book(_platforms)),
    "category": completer(_from_book(lambda book: book.categories)),
}
