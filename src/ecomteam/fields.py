"""What each business-profile field means, in words: help, example and prompt.

Kept free of pydantic so the command line can build its options without loading the
models. `ecomteam.profile.Profile` declares the fields' types and limits and takes
its descriptions from here; the CLI options, the starter profile and the interactive
prompts take theirs from here too. A test keeps the two field lists equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ecomteam.vocab import Channel, Fulfilment, Goal, Stage


def choices(vocabulary: type[StrEnum], separator: str = ", ") -> str:
    """The values of a closed vocabulary, in its order, for help and prompts."""
    return separator.join(member.value for member in vocabulary)


@dataclass(frozen=True)
class FieldDoc:
    """The words for one profile field."""

    help: str
    example: str = ""
    prompt: str = ""
    flag: str = ""  # the command-line option when it is not `--field-name`
    short: str = ""  # a one-letter alias, if any
    metavar: str = "NUMBER"  # what the option's value is, in help
    starter: bool = False  # set in the starter profile; the others are written commented out

    def option(self, name: str) -> str:
        """The command-line option of the field `name`."""
        return self.flag or "--" + name.replace("_", "-")


PROFILE_FIELDS: dict[str, FieldDoc] = {
    "stage": FieldDoc(
        f"Stage of the business: {choices(Stage)}; inferred from volumes when left out.",
        example="startup",
        metavar="STAGE",
        prompt=f"Stage ({choices(Stage)})",
        starter=True,
    ),
    "budget": FieldDoc(
        "Monthly amount available for the team now.",
        example="2000",
        metavar="AMOUNT",
        prompt="Monthly budget for the team",
        starter=True,
    ),
    "currency": FieldDoc(
        "Currency of the plan, the budget and the revenue (EUR, USD, GBP, PLN, CNY, MXN, BRL, ...); "
        "default: the country's or region's, else the catalogue's (EUR).",
        example="EUR",
        prompt="Currency",
        metavar="CODE",
    ),
    "region": FieldDoc(
        "Cost level: mid-eu (default), west-eu, east-eu, north-america, latin-america, china, southeast-asia.",
        example="mid-eu",
        metavar="REGION",
        prompt="Cost region (mid-eu, west-eu, east-eu, north-america, latin-america, china, southeast-asia)",
    ),
    "country": FieldDoc(
        "Country as an ISO code (ES, IT, PL, DE, FR, GB, US, MX, BR, CN, ...): a finer cost level than --region.",
        example="ES",
        metavar="CODE",
        prompt="Country (ISO code, e.g. ES, IT, PL)",
    ),
    "goals": FieldDoc(
        f"What to improve; repeat or separate with commas: {choices(Goal)}.",
        example="[traffic, conversion]",
        prompt=f"Goals, comma-separated ({choices(Goal)})",
        flag="--goal",
        short="-g",
        metavar="GOAL[,GOAL...]",
        starter=True,
    ),
    "channels": FieldDoc(
        f"Where you sell; repeat or separate with commas: {choices(Channel)}.",
        example="[own-site]",
        prompt=f"Channels, comma-separated ({choices(Channel)})",
        flag="--channel",
        short="-c",
        metavar="CHANNEL[,CHANNEL...]",
        starter=True,
    ),
    "stores": FieldDoc(
        "Number of stores (default 1).", example="1", prompt="Number of stores", metavar="COUNT", starter=True
    ),
    "orders_per_day": FieldDoc("Orders per day.", example="20", prompt="Orders per day"),
    "skus": FieldDoc("Number of products (SKUs).", example="150", prompt="Number of products (SKUs)", metavar="COUNT"),
    "monthly_revenue": FieldDoc("Revenue per month.", example="15000", prompt="Revenue per month", metavar="AMOUNT"),
    "average_order_value": FieldDoc(
        "Average order value; with --orders-per-day it gives the monthly revenue.",
        example="45",
        prompt="Average order value",
        metavar="AMOUNT",
    ),
    "category": FieldDoc(
        "What the shop sells, where its work differs from the general figures: fashion, electronics, beauty, "
        "home, grocery (see the rule book's categories).",
        example="fashion",
        metavar="NAME",
        prompt="What the shop sells (fashion, electronics, beauty, home, grocery), or leave empty",
    ),
    "fulfilment": FieldDoc(
        f"Who ships the orders: {choices(Fulfilment)} (default in-house).",
        example="in-house",
        metavar="HOW",
        prompt=f"Who ships the orders ({choices(Fulfilment)})",
    ),
    "platform": FieldDoc(
        "Store platform, e.g. shopify, webflow, tmall, allegro.",
        example="shopify",
        prompt="Store platform, e.g. shopify",
        metavar="NAME",
    ),
    "live_rooms": FieldDoc(
        "Live-stream rooms run at once (default 1 with --channel livestream).",
        example="1",
        prompt="Live-stream rooms run at once",
        metavar="COUNT",
    ),
    "months": FieldDoc(
        "Months to plan month by month (1-120): adds a timeline of hires, FTE and cost.",
        example="12",
        prompt="Months to plan month by month",
        metavar="COUNT",
    ),
    "growth": FieldDoc(
        "Monthly growth of orders and revenue over the timeline, e.g. 8% (default 0).",
        example="8%",
        prompt="Monthly growth of orders and revenue, e.g. 8%",
        metavar="RATE",
    ),
    "budget_growth": FieldDoc(
        "Monthly growth of the budget over the timeline, e.g. 5% (default 0: the budget stays).",
        example="5%",
        prompt="Monthly growth of the budget, e.g. 5%",
        metavar="RATE",
    ),
    "peaks": FieldDoc(
        "Seasonal peaks to staff for; repeat or separate with commas: black-friday, christmas, 11-11, 6-18, "
        "prime-day, hot-sale, ... (see the rule book's peaks).",
        example="[black-friday, christmas]",
        prompt="Seasonal peaks, comma-separated (black-friday, christmas, 11-11, ...)",
        flag="--peak",
        metavar="PEAK[,PEAK...]",
    ),
    "rates": FieldDoc(
        "Exchange rate to use instead of the rule book's, as units of the currency per unit of the catalogue's "
        "(EUR): e.g. PLN=4.30; repeat for several.",
        example="{PLN: 4.30}",
        prompt="Exchange rates (CUR=VALUE, comma-separated)",
        flag="--rate",
        metavar="CUR=VALUE",
    ),
}
