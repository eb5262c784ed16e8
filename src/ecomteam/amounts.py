"""Amounts typed by people, read by the conventions of the language in force.

`2.000` is two thousand in Spanish and two in English, so it is refused where it could be either.

Spaces (also no-break spaces) and apostrophes group thousands in every language.
The language decides the rest: es, it and pl write a decimal comma, en and zh a
decimal point, and the other mark groups thousands. A mark followed by exactly
three digits that the language reads as a decimal is refused as ambiguous, since
a typo there would plan against a budget a thousand times too small.
"""

from __future__ import annotations

import re

from ecomteam.i18n import _
from ecomteam.vocab import Language

#: The decimal mark each language writes in its main country; the other of `.` and `,` groups thousands.
DECIMAL_MARKS = {Language.EN: ".", Language.ZH: ".", Language.ES: ",", Language.IT: ",", Language.PL: ","}


def decimal_mark(language: Language, territory: str | None = None) -> str:
    """The decimal mark of `language` as written in `territory` (es in MX: a point), else in its main country."""
    if territory is None or language is Language.EN:
        return DECIMAL_MARKS[language]
    from babel.numbers import get_decimal_symbol

    return get_decimal_symbol(f"{language.value}_{territory}")


_GROUPED = re.compile(r"\d{1,3}(?:(?P<mark>[.,' \u00a0\u202f])\d{3})(?:(?P=mark)\d{3})*")
_DECIMAL = re.compile(r"\d+")


class AmountError(ValueError):
    """An amount that cannot be read, or could be read two ways; the message says how to write it."""


def parse_amount(text: str, language: Language, territory: str | None = None) -> float:
    """The number `text` writes, by `language`'s conventions (as written in `territory`, if given).

    Raises:
        AmountError: Not a number, or ambiguous (`2.000` in English, `2,000` in Spanish).
    """
    given = text.strip().lstrip("+")
    if given.startswith("-"):  # a negative amount is read, and refused where it is checked
        return -parse_amount(given[1:], language, territory)
    decimal = decimal_mark(language, territory)
    whole, mark, fraction = given.rpartition(decimal) if decimal in given else (given, "", "")
    if not mark:
        whole, fraction = given, ""
    groups_free = _ungrouped(whole, text, decimal)
    if fraction and not fraction.isdigit():
        raise AmountError(_unreadable(text, decimal))
    if mark and len(fraction) == 3 and groups_free == whole:
        small, large = float(f"{groups_free}.{fraction}"), int(groups_free + fraction)
        raise AmountError(
            _(
                "{text!r} could mean {small} or {large}: in this language {decimal!r} marks the decimals, yet three "
                "digits follow it as in a group of thousands; write it as {large} or as {small} to say which"
            ).format(text=text, small=f"{small:g}".replace(".", decimal), large=large, decimal=decimal)
        )
    return float(groups_free + ("." + fraction if fraction else ""))


def _ungrouped(whole: str, text: str, decimal: str) -> str:
    """The integer part without its thousands marks; refused if grouped wrongly (`2.5` in Spanish)."""
    if _DECIMAL.fullmatch(whole):
        return whole
    match = _GROUPED.fullmatch(whole)
    if match is None or match.group("mark") == decimal:
        raise AmountError(_unreadable(text, decimal))
    return re.sub(r"\D", "", whole)


def _unreadable(text: str, decimal: str) -> str:
    other = "." if decimal == "," else ","
    return _(
        "{text!r} is not an amount as this language writes one: digits, with {decimal!r} before the decimals and "
        "thousands grouped in threes by {other!r} or spaces (e.g. {example} or 2500)"
    ).format(text=text, decimal=decimal, other=other, example=f"2{other}500{decimal}50")
