"""A plan in the shop's currency: the catalogue's bands and the rule book's amounts converted at dated rates.

The engine plans in whatever currency the catalogue is priced in. To plan in
another, the catalogue's cost bands and the rule book's money figures are
converted first, at the rule book's reference rates (or a rate the user gives), and
the catalogue records the conversion so the plan can state it. The budget and the
revenue a user types are then read in that currency, with nothing converted back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecomteam.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ecomteam.catalogue import RoleIndex
    from ecomteam.models import Catalogue
    from ecomteam.profile import Profile
    from ecomteam.rulebook import RuleBook

#: The rule book's figures that are amounts of money, in the catalogue's currency (besides
#: those that follow pay, which are money too).
MONEY_DRIVERS = ("lowest_order_value", "ad_spend_per_specialist")


def plan_currency(profile: Profile, catalogue: Catalogue, book: RuleBook) -> str:
    """The currency a plan is shown in: the profile's, else its country's or region's if a rate is known for it.

    Without either, the catalogue's own currency.
    """
    if profile.currency is not None:
        return profile.currency
    base = catalogue.cost_basis.currency
    known = {base, *(book.exchange_rates.per_euro if book.exchange_rates else ()), *profile.rates}
    implied = None
    if profile.country is not None and profile.country in book.countries:
        implied = book.countries[profile.country].currency
    elif profile.region is not None and profile.region in book.regions:
        implied = book.regions[profile.region].currency
    return implied if implied is not None and implied in known else base


def rate_between(base: str, currency: str, book: RuleBook, given: Mapping[str, float]) -> tuple[float, str | None]:
    """How many units of `currency` one unit of `base` buys, and the date of the rate (None for a given rate).

    Raises:
        UsageError: No rate is known for the currency.
    """
    if currency in given:
        return given[currency], None
    rates = book.exchange_rates
    per_euro = {"EUR": 1.0, **(rates.per_euro if rates else {})}
    if rates is None or currency not in per_euro or base not in per_euro:
        known = ", ".join(sorted(per_euro))
        raise UsageError(
            f"no exchange rate from {base} to {currency}; the rule book has rates for {known}. "
            f"Give one with --rate {currency}=VALUE (units of {currency} per {base})"
        )
    return per_euro[currency] / per_euro[base], rates.date.isoformat()


#: Conversions already made, so a batch of shops in one currency converts once (keyed by the objects' ids,
#: which the values keep alive).
_PRICED: dict[tuple[int, int, str, float], tuple[Catalogue, RuleBook, Catalogue, RuleBook]] = {}


def priced_in(
    currency: str, catalogue: Catalogue, book: RuleBook, given: Mapping[str, float]
) -> tuple[Catalogue, RuleBook]:
    """The catalogue and rule book with every amount in `currency` (themselves when it is already theirs)."""
    base = catalogue.cost_basis.currency
    if currency == base:
        return catalogue, book
    rate, date = rate_between(base, currency, book, given)
    key = (id(catalogue), id(book), currency, rate)
    if key not in _PRICED:
        if len(_PRICED) > 64:
            _PRICED.clear()
        _PRICED[key] = (catalogue, book, *_converted(catalogue, book, currency, rate, date))
    return _PRICED[key][2], _PRICED[key][3]


def _converted(
    catalogue: Catalogue, book: RuleBook, currency: str, rate: float, date: str | None
) -> tuple[Catalogue, RuleBook]:
    base = catalogue.cost_basis.currency
    from ecomteam.models import Conversion

    roles = tuple(
        role.replaced({"cost": role.cost.replaced({"min": role.cost.min * rate, "max": role.cost.max * rate})})
        for role in catalogue.roles
    )
    basis = catalogue.cost_basis.model_copy(
        update={"currency": currency, "converted": Conversion(base=base, rate=rate, date=date)}
    )
    thresholds = book.stage_thresholds.model_copy(
        update={
            "monthly_revenue": {stage: value * rate for stage, value in book.stage_thresholds.monthly_revenue.items()}
        }
    )
    drivers = {
        name: figure.replaced({"value": figure.value * rate}) if name in MONEY_DRIVERS or figure.follows_pay else figure
        for name, figure in book.drivers.items()
    }
    return (
        catalogue.replaced({"roles": roles, "cost_basis": basis}),
        book.replaced({"stage_thresholds": thresholds, "drivers": drivers}),
    )


def priced_for(profile: Profile, index: RoleIndex, book: RuleBook) -> tuple[Profile, RoleIndex, RuleBook]:
    """The profile, the catalogue's index and the rule book, all in the currency the plan is shown in."""
    from ecomteam.catalogue import index_roles

    currency = plan_currency(profile, index.catalogue, book)
    catalogue, book = priced_in(currency, index.catalogue, book, profile.rates)
    if catalogue is not index.catalogue:
        index = index_roles(catalogue)
    return profile.replaced({"currency": currency}), index, book
