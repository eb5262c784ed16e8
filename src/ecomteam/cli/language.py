"""The reader's language, from the environment: `ECOMTEAM_LANG`, then the locale variables.

A locale names a language and, optionally, the country whose number conventions it
follows: `es_MX.UTF-8` (or `--lang es-MX`) is Spanish, with Mexico's `1,500.50`.
"""

from __future__ import annotations

from collections.abc import Mapping

from ecomteam.i18n import Locale, parse_locale
from ecomteam.vocab import Language

#: Where the language is looked for, first found wins (the POSIX locale order after ours).
LANGUAGE_VARIABLES = ("ECOMTEAM_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def locale_from(environ: Mapping[str, str]) -> Locale | None:
    """The first locale set, if its language is one of the articles' (an unknown territory is left out)."""
    for variable in LANGUAGE_VARIABLES:
        value = environ.get(variable, "").strip()
        if value:
            locale, _unknown = parse_locale(value)
            return locale if locale is not None and locale.language is not Language.EN else None
    return None


def language_from(environ: Mapping[str, str]) -> Language | None:
    """The first language set, if it is one of the articles' languages (`es_MX.UTF-8` is es); None for English."""
    locale = locale_from(environ)
    return None if locale is None else locale.language
