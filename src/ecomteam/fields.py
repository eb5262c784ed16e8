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
    starter: bool = False  # set in the starter profile; the others are written commented out

    def option(self, name: str) -> str:
        """The command-line option of the field `name`."""
        return self.flag or "--" + name.replace("_", "-")


PROFILE_FIELDS: dict[str, FieldDoc] = {
    "stage": FieldDoc(
        "Stage of the business; inferred from volumes when left out.",
        example="startup",
        prompt=f"Stage ({choices(Stage)})",
        starter=True,
    ),
    "budget": FieldDoc(
        "Monthly amount available for the team now.",
        example="2000",
        prompt="Monthly budget for the team",
        starter=True,
    ),
    "currency": FieldDoc("Currency of the budget; must match the catalogue's.", example="EUR", prompt="Currency"),
    "region": FieldDoc(
        "Cost level: mid-eu (default), west-eu, east-eu, north-america, latin-america, china, southeast-asia.",
        example="mid-eu",
        prompt="Cost region (mid-eu, west-eu, east-eu, north-america, latin-america, china, southeast-asia)",
    ),
    "country": FieldDoc(
        "Country as an ISO code (ES, IT, PL, DE, FR, GB, US, MX, BR, CN, ...): a finer cost level than --region.",
        example="ES",
        prompt="Country (ISO code, e.g. ES, IT, PL)",
    ),
    "goals": FieldDoc(
        f"What to improve; repeat or separate with commas: {choices(Goal)}.",
        example="[traffic, conversion]",
        prompt=f"Goals, comma-separated ({choices(Goal)})",
        flag="--goal",
        short="-g",
        starter=True,
    ),
    "channels": FieldDoc(
        f"Where you sell; repeat or separate with commas: {choices(Channel)}.",
        example="[own-site]",
        prompt=f"Channels, comma-separated ({choices(Channel)})",
        flag="--channel",
        short="-c",
        starter=True,
    ),
    "stores": FieldDoc("Number of stores (default 1).", example="1", prompt="Number of stores", starter=True),
    "orders_per_day": FieldDoc("Orders per day.", example="20", prompt="Orders per day"),
    "skus": FieldDoc("Number of products (SKUs).", example="150", prompt="Number of products (SKUs)"),
    "monthly_revenue": FieldDoc("Revenue per month.", example="15000", prompt="Revenue per month"),
    "average_order_value": FieldDoc(
        "Average order value; with --orders-per-day it gives the monthly revenue.",
        example="45",
        prompt="Average order value",
    ),
    "fulfilment": FieldDoc(
        f"Who ships the orders: {choices(Fulfilment)} (default in-house).",
        example="in-house",
        prompt=f"Who ships the orders ({choices(Fulfilment)})",
    ),
    "platform": FieldDoc(
        "Store platform, e.g. shopify, webflow, tmall.", example="shopify", prompt="Store platform, e.g. shopify"
    ),
    "live_rooms": FieldDoc(
        "Live-stream rooms run at once (default 1 with --channel livestream).",
        example="1",
        prompt="Live-stream rooms run at once",
    ),
}
