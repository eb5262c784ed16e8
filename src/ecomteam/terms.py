"""The vocabularies' codes as a reader names them, in the language in force.

Output shows `term(Stage.GROWTH)` ("growth", es "crecimiento"); input takes a code
or its name in any language (`--stage crecimiento`), through `member_named`.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import TypeVar

from ecomteam.i18n import N_, _, joined, speaking
from ecomteam.vocab import TRANSLATIONS, Category, Channel, Engagement, Fulfilment, Goal, Language, Sourcing, Stage

E = TypeVar("E", bound=StrEnum)

#: Every code a reader sees, as a message to translate, per vocabulary (their codes overlap: `in-house`).
TERMS: dict[type[StrEnum], dict[str, str]] = {
    Stage: {
        Stage.SOLO: N_("solo"),
        Stage.STARTUP: N_("startup"),
        Stage.GROWTH: N_("growth"),
        Stage.MATURE: N_("mature"),
        Stage.ENTERPRISE: N_("enterprise"),
    },
    Engagement: {
        Engagement.OWNER: N_("owner"),
        Engagement.FULL_TIME: N_("full-time"),
        Engagement.PART_TIME: N_("part-time"),
        Engagement.FREELANCE: N_("freelance"),
        Engagement.AGENCY: N_("agency"),
    },
    Sourcing: {
        Sourcing.IN_HOUSE: N_("in-house"),
        Sourcing.OUTSOURCE: N_("outsource"),
    },
    Goal: {
        Goal.TRAFFIC: N_("traffic"),
        Goal.CONVERSION: N_("conversion"),
        Goal.RETENTION: N_("retention"),
        Goal.CUSTOMER_EXPERIENCE: N_("customer experience"),
        Goal.INTERNATIONAL: N_("international"),
        Goal.MARKETPLACES: N_("marketplaces"),
        Goal.SOCIAL_COMMERCE: N_("social commerce"),
        Goal.CATALOGUE: N_("catalogue"),
        Goal.FULFILMENT: N_("fulfilment"),
        Goal.AUTOMATION: N_("automation"),
        Goal.BRAND: N_("brand"),
    },
    Channel: {
        Channel.OWN_SITE: N_("own site"),
        Channel.MARKETPLACE: N_("marketplace"),
        Channel.SOCIAL: N_("social"),
        Channel.LIVESTREAM: N_("livestream"),
        Channel.B2B: N_("B2B"),
    },
    Fulfilment: {
        Fulfilment.IN_HOUSE: N_("own warehouse"),
        Fulfilment.THIRD_PARTY: N_("3PL"),
        Fulfilment.DROPSHIP: N_("drop-shipping"),
    },
    Category: {
        Category.LEADERSHIP: N_("Leadership"),
        Category.STORE_OPERATIONS: N_("Store operations"),
        Category.MARKETING: N_("Marketing"),
        Category.CONTENT_CREATIVE: N_("Content and creative"),
        Category.LIVE_VIDEO: N_("Live stream and video"),
        Category.PRODUCT: N_("Product"),
        Category.CUSTOMER_SERVICE: N_("Customer service"),
        Category.LOGISTICS: N_("Logistics"),
        Category.TECHNOLOGY: N_("Technology"),
        Category.FINANCE_ADMIN: N_("Finance and administration"),
        Category.ANALYTICS: N_("Analytics"),
    },
}

#: The vocabularies whose choices a user may type in any language.
TYPED = (Stage, Goal, Channel, Engagement, Sourcing, Fulfilment, Category)


def term(member: StrEnum) -> str:
    """A code as the reader names it, in the language in force; a code with no name shows as it is."""
    name = TERMS.get(type(member), {}).get(member.value)
    return _(name) if name is not None else str(member.value)


def terms(members: object) -> str:
    """Several codes named and joined with commas."""
    return joined(term(member) for member in members)  # type: ignore[attr-defined]


def member_named(vocabulary: type[E], text: str) -> E | None:
    """The member whose code or name, in any language, is `text` (any case); None if none is."""
    return _names(vocabulary).get(_folded(text))  # type: ignore[return-value]


@cache
def _names(vocabulary: type[StrEnum]) -> dict[str, StrEnum]:
    found: dict[str, StrEnum] = {}
    for language in (*TRANSLATIONS, Language.EN):  # English last: it wins a clash
        with speaking(language):
            found |= {_folded(term(member)): member for member in vocabulary}
    return found | {_folded(member.value): member for member in vocabulary}


def _folded(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").casefold().split())
