"""The one "did you mean" helper, for flags, file fields and names alike."""

from __future__ import annotations

from collections.abc import Iterable


def closest(value: str, choices: Iterable[str]) -> str | None:
    """Return the choice most like `value`, or None when none is close."""
    import difflib  # kept off the start-up path: only a mistake needs it

    matches = difflib.get_close_matches(value, list(choices), n=1)
    return matches[0] if matches else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """Return ` (did you mean 'x'?)` for the closest choice, or an empty string."""
    from ecomteam.i18n import _

    match = closest(value, choices)
    return _(" (did you mean {match!r}?)").format(match=match) if match else ""
