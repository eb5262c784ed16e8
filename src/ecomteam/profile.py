"""The business profile: the one declaration of what a user can say about the business.

The command-line options, the starter profile, the interactive prompts, the JSON
Schema and the fuzz strategies all follow this model; the words for each field live
in `ecomteam.fields`, and a test keeps both field lists equal.
"""

from __future__ import annotations

import functools
import typing
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Discriminator, Field, StringConstraints, Tag

from ecomteam.fields import PROFILE_FIELDS
from ecomteam.models import MONTH_DAY_FORM, NAME_FORM, CountryCode, Currency, Model, NotBool
from ecomteam.validation import validated
from ecomteam.vocab import Channel, Fulfilment, Goal, Stage
from ecomteam.yamlfile import YamlDocument, is_plain, parse_mapping

Name = Annotated[str, StringConstraints(pattern=NAME_FORM, max_length=60)]
Count = Annotated[int, Field(ge=0, le=1_000_000), NotBool]


def _typed_amount(value: Any) -> Any:
    """An amount written as text (`2.000`, `2 000`) is read by the conventions of the language in force."""
    if isinstance(value, str):
        from ecomteam.amounts import parse_amount
        from ecomteam.i18n import current, current_territory

        return parse_amount(value, current(), current_territory())
    return value


Amount = Annotated[float, Field(ge=0, le=1e12, allow_inf_nan=False), NotBool, BeforeValidator(_typed_amount)]
Platform = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=40)]
MonthDay = Annotated[str, StringConstraints(pattern=MONTH_DAY_FORM)]


def _lowered(value: Any) -> Any:
    """Choices are matched without regard to case or surrounding spaces, in files as on the command line."""
    return value.strip().lower() if isinstance(value, str) else value


def _uppered(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


Choice = BeforeValidator(_lowered)


def _named(vocabulary: type[StrEnum]) -> Any:
    """Like `Choice`, and a code's name in any of the five languages is taken too (`crecimiento`, `直播`)."""
    codes = {member.value for member in vocabulary}

    def read(value: Any) -> Any:
        if not isinstance(value, str) or _lowered(value) in codes:
            return _lowered(value)
        from ecomteam.terms import member_named

        member = member_named(vocabulary, value)
        return member.value if member is not None else _lowered(value)

    return BeforeValidator(read)


def _rate(value: Any) -> Any:
    """A monthly rate as a share: `8%` and `0.08` alike (a bare number above 1, like 8, is taken as percent)."""
    if isinstance(value, str):
        text = value.strip()
        try:
            number = float(text.removesuffix("%").strip())
        except ValueError:
            return value  # the model says what is wrong with it
        return number / 100 if text.endswith("%") or abs(number) > 1 else number
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) > 1:
        return value / 100
    return value


Rate = Annotated[float, BeforeValidator(_rate), Field(ge=-0.5, le=1, allow_inf_nan=False), NotBool]


class PeakWindow(Model):
    """When a seasonal peak runs each year and how much the orders rise over it."""

    start: MonthDay = Field(description="First day, MM-DD.")
    end: MonthDay = Field(description="Last day, MM-DD; before the start, the peak runs over the new year.")
    uplift: Annotated[float, Field(gt=0, le=50), NotBool] = Field(
        description="Extra orders over those days as a share of an ordinary day's: 1.5 is 2.5 times as many."
    )


class CustomPeak(PeakWindow):
    """A peak of the shop's own, in the profile."""

    name: Name


def _peak_kind(value: Any) -> str:
    return "<own>" if isinstance(value, dict | CustomPeak) else "<name>"


#: A peak the rule book names, or one of the shop's own: each checked as its own kind only, so a
#: mistake in an own peak is told as that, not also as "not a name".
Peak = Annotated[
    Annotated[Annotated[Name, Choice], Tag("<name>")] | Annotated[CustomPeak, Tag("<own>")],
    Discriminator(_peak_kind),
]


def _rates_from_pairs(value: Any) -> Any:
    """`--rate PLN=4.3` arrives as ["PLN=4.3"]; a profile file may also write a mapping."""
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        pairs = [item.split("=", 1) for item in value]
        if all(len(pair) == 2 for pair in pairs):
            return {code.strip(): rate.strip() for code, rate in pairs}
        raise ValueError("write each rate as CURRENCY=UNITS_PER_EURO, e.g. PLN=4.3185")
    return value


def _about(name: str) -> str:
    return PROFILE_FIELDS[name].help


class Profile(Model):
    """What the user says about the business (from flags and/or a profile file)."""

    stage: Annotated[Stage | None, _named(Stage)] = Field(None, description=_about("stage"))
    budget: Amount | None = Field(None, description=_about("budget"))
    currency: Annotated[Currency | None, BeforeValidator(_uppered)] = Field(None, description=_about("currency"))
    region: Annotated[Name | None, Choice] = Field(None, description=_about("region"))
    country: Annotated[CountryCode | None, BeforeValidator(_uppered)] = Field(None, description=_about("country"))
    goals: tuple[Annotated[Goal, _named(Goal)], ...] = Field((), description=_about("goals"))
    channels: tuple[Annotated[Channel, _named(Channel)], ...] = Field((), description=_about("channels"))
    stores: Annotated[int, Field(ge=1, le=10_000), NotBool] = Field(1, description=_about("stores"))
    orders_per_day: Amount | None = Field(None, description=_about("orders_per_day"))
    skus: Count | None = Field(None, description=_about("skus"))
    monthly_revenue: Amount | None = Field(None, description=_about("monthly_revenue"))
    average_order_value: Amount | None = Field(None, description=_about("average_order_value"))
    category: Annotated[Name | None, Choice] = Field(None, description=_about("category"))
    fulfilment: Annotated[Fulfilment, _named(Fulfilment)] = Field(Fulfilment.IN_HOUSE, description=_about("fulfilment"))
    platform: Platform | None = Field(None, description=_about("platform"))
    live_rooms: Annotated[int, Field(ge=0, le=1000), NotBool] | None = Field(None, description=_about("live_rooms"))
    months: Annotated[int, Field(ge=1, le=120), NotBool] | None = Field(None, description=_about("months"))
    growth: Rate | None = Field(None, description=_about("growth"))
    budget_growth: Rate | None = Field(None, description=_about("budget_growth"))
    peaks: tuple[Peak, ...] = Field((), description=_about("peaks"))
    rates: Annotated[
        dict[Annotated[Currency, BeforeValidator(_uppered)], Annotated[float, Field(gt=0), NotBool]],
        BeforeValidator(_rates_from_pairs),
    ] = Field(default_factory=dict, description=_about("rates"))


def parse_profile(text: str, source: str) -> Profile:
    """Parse a business profile file.

    Raises:
        DataError: Listing every problem with its line.
    """
    document = parse_mapping(text, source, "profile")
    _amounts_as_written(document)
    return validated(document, Profile, "profile")


#: The profile's amounts, which a person may write with a thousands mark.
AMOUNT_FIELDS = ("budget", "orders_per_day", "monthly_revenue", "average_order_value")


def _amounts_as_written(document: YamlDocument) -> None:
    """Give an amount YAML read as a decimal (`budget: 2.000` is 2.0 to YAML) back as written.

    It is then read as the language in force reads it: two thousand in Spanish, refused
    in English as ambiguous. Never silently two.
    """
    import re

    if not isinstance(document.data, dict):
        return
    for name in AMOUNT_FIELDS:
        node = document.node_at((name,))
        if node is not None and is_plain(node) and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", str(node.value)):
            document.data[name] = node.value


@functools.cache
def amount_fields() -> frozenset[str]:
    """The profile fields that hold an amount, read as the reader's language writes one (`2.000,50`)."""

    def is_amount(annotation: Any) -> bool:
        metadata = getattr(annotation, "__metadata__", ())
        return any(getattr(item, "func", None) is _typed_amount for item in metadata)

    return frozenset(
        name
        for name, field in Profile.model_fields.items()
        if any(is_amount(part) for part in (typing.get_args(field.annotation) or (field.annotation,)))
    )
