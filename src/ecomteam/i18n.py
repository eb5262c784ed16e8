"""The language in force, and its gettext message catalogues.

A command sets the language once (`speaking`) and every message looked up while it
runs comes out in it: `_` for the interface, `data_text` for the prose of the
bundled catalogue and rule book. The language lives in a context variable, so a
renderer needs no extra argument and a thread or a batch worker may speak another.
Catalogues are compiled `.mo` files inside the package, read the first time a
language is used; English needs none.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ecomteam.vocab import Language

if TYPE_CHECKING:
    import gettext
    from collections.abc import Iterable, Iterator

_language: ContextVar[Language] = ContextVar("ecomteam_language", default=Language.EN)
_territory: ContextVar[str | None] = ContextVar("ecomteam_territory", default=None)


@dataclass(frozen=True)
class Locale:
    """A language, and the country whose conventions its numbers follow (`es` and `MX`: 1,500.50).

    Without a territory a language writes numbers as its main country does (es as in Spain).
    """

    language: Language
    territory: str | None = None


#: `es`, `es-MX`, `es_MX.UTF-8`, `es_419`, `pl_PL.UTF-8@euro`.
_LOCALE_TAG = re.compile(r"(?P<language>[A-Za-z]{2,3})(?:[-_](?P<territory>[A-Za-z]{2}|\d{3}))?(?:\.[\w-]+)?(?:@\w+)?")


def parse_locale(text: str) -> tuple[Locale | None, str | None]:
    """The locale `text` names, and the territory it named that no conventions are known for (dropped)."""
    found = _LOCALE_TAG.fullmatch(text.strip())
    if found is None:
        return None, None
    language = next((language for language in Language if language.value == found["language"].lower()), None)
    if language is None:
        return None, None
    territory = (found["territory"] or "").upper() or None
    if territory is None or language is Language.EN:  # English keeps one style wherever it is read
        return Locale(language), None
    return (Locale(language, territory), None) if _known(language, territory) else (Locale(language), territory)


def _known(language: Language, territory: str) -> bool:
    from babel import localedata

    return localedata.exists(f"{language.value}_{territory}")


def current() -> Language:
    """The language messages are looked up in."""
    return _language.get()


def current_territory() -> str | None:
    """The country whose number conventions the language in force follows, if one was named."""
    return _territory.get()


@contextmanager
def speaking(language: Language | Locale) -> Iterator[None]:
    """Look messages up in `language` (and write numbers by its territory's conventions) for the block."""
    locale = language if isinstance(language, Locale) else Locale(language)
    token, territory_token = _language.set(locale.language), _territory.set(locale.territory)
    try:
        yield
    finally:
        _territory.reset(territory_token)
        _language.reset(token)


@cache
def _catalogue(language: Language, domain: str) -> gettext.GNUTranslations:
    import gettext
    from importlib.resources import files

    with (files("ecomteam") / "locales" / language.value / "LC_MESSAGES" / f"{domain}.mo").open("rb") as mo:
        return gettext.GNUTranslations(mo)


# English is the source: its messages are returned as they are, without importing gettext at all.


def _(message: str) -> str:
    """An interface message in the language in force."""
    language = _language.get()
    return message if language is Language.EN else _catalogue(language, "ecomteam").gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """An interface message with a count, in the plural form the language in force uses for `count`."""
    language = _language.get()
    if language is Language.EN:
        return singular if count == 1 else plural
    return _catalogue(language, "ecomteam").ngettext(singular, plural, count)


def joined(items: Iterable[str]) -> str:
    """Items of a list as the language separates them: `a, b` (zh `a、b`)."""
    # Translators: the separator between the items of a list of names.
    return pgettext("list", ", ").join(items)


def pgettext(context: str, message: str) -> str:
    """An interface message whose English is ambiguous, told apart by `context` (`catalogue` the file, not the goal)."""
    language = _language.get()
    return message if language is Language.EN else _catalogue(language, "ecomteam").pgettext(context, message)


def NC_(context: str, message: str) -> str:
    """Mark a message with its context for extraction; `pgettext` translates it where it is shown."""
    del context
    return message


def N_(message: str) -> str:
    """Mark a message for extraction where it is declared; `_` translates it where it is shown."""
    return message


def data_text(text: str) -> str:
    """The bundled catalogue's or rule book's prose in the language in force; unknown text stays as it is."""
    language = _language.get()
    return text if language is Language.EN else _catalogue(language, "data").gettext(text)


def has_data_text(text: str) -> bool:
    """Whether the data catalogue of the language in force translates `text` (its translation may read the same)."""
    language = _language.get()
    # gettext answers a missing message with the message itself and has no public lookup, so its
    # table (a stable part of GNUTranslations since Python 2) tells.
    return language is Language.EN or text in _catalogue(language, "data")._catalog  # type: ignore[attr-defined]  # noqa: SLF001
