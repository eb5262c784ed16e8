"""The reader's language, from the environment: `ECOMTEAM_LANG`, then the locale variables."""

from __future__ import annotations

from collections.abc import Mapping

from ecomteam.vocab import Language

#: Where the language is looked for, first found wins (the POSIX locale order after ours).
LANGUAGE_VARIABLES = ("ECOMTEAM_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def language_from(environ: Mapping[str, str]) -> Language | None:
    """The first language set, if it is one of the articles' languages (`es_MX.UTF-8` is es); None for English."""
    for variable in LANGUAGE_VARIABLES:
        value = environ.get(variable, "").strip()
        if value:
            code = value.split("_", 1)[0].split(".", 1)[0].split("-", 1)[0].lower()
            return next((language for language in Language if language.value == code), None)
    return None
