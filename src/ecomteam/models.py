"""Pydantic models of the role catalogue.

The catalogue owns what a role *is*: its names, duties, skills, KPIs, suitable
engagements and cost band. When a role is needed and how many people it takes belong
to the rule book. Models are frozen, reject unknown keys and use the closed
vocabularies of `ecomteam.vocab`. Checks that span several roles (unique ids and
aliases, `reports_to` targets, reporting cycles) live in `ecomteam.catalogue`.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, computed_field, model_validator

from ecomteam.i18n import N_
from ecomteam.vocab import Category, Engagement, Language, Sourcing, Stage

# The forms a code must have. Each is declared once, with the words a person is told when a
# value does not have it (ecomteam.validation), rather than the pattern itself.
ROLE_ID_FORM = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
NAME_FORM = r"^[a-z0-9][a-z0-9_-]*$"
SLUG_FORM = r"^[a-z0-9][a-z0-9-]*$"
CURRENCY_FORM = r"^[A-Z]{3}$"
COUNTRY_FORM = r"^[A-Z]{2}$"
MONTH_DAY_FORM = r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
SOC_FORM = r"^\d{2}-\d{4}$"
ISCO_FORM = r"^\d{4}$"
TEXT_FORMS = {
    ROLE_ID_FORM: N_("a role id: lower-case words joined by '-', e.g. customer-service"),
    NAME_FORM: N_("lower-case letters, digits, '-' and '_', e.g. summer-sale"),
    SLUG_FORM: N_("lower-case letters, digits and '-', e.g. seo-for-traffic"),
    CURRENCY_FORM: N_("a three-letter currency code in capitals, e.g. EUR"),
    COUNTRY_FORM: N_("a two-letter country code in capitals, e.g. ES"),
    MONTH_DAY_FORM: N_("a day written MM-DD, e.g. 11-25 for 25 November"),
    SOC_FORM: N_("a US SOC 2018 code, e.g. 43-4051"),
    ISCO_FORM: N_("a four-digit ISCO-08 code, e.g. 4222"),
}

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
RoleId = Annotated[str, StringConstraints(pattern=ROLE_ID_FORM, max_length=64)]
Currency = Annotated[str, StringConstraints(pattern=CURRENCY_FORM)]
CountryCode = Annotated[str, StringConstraints(pattern=COUNTRY_FORM)]


def _not_a_boolean(value: Any) -> Any:
    """Refuse true/false where a number belongs (pydantic would read true as 1)."""
    if isinstance(value, bool):
        raise ValueError("a number is expected here, not true or false")
    return value


#: Put in front of every numeric field: `stores: true` is a mistake, not 1.
NotBool = BeforeValidator(_not_a_boolean)
#: Amounts of money and other figures: bounded so that products of them stay finite.
Money = Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False), NotBool]


class Model(BaseModel):
    """Base of every catalogue model: frozen, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    def replaced(self, changes: dict[str, Any]) -> Self:
        """A copy with `changes`, without what was cached from the old fields (`model_copy` keeps it)."""
        copy = self.model_copy(update=changes)
        for klass in type(self).__mro__:
            for name, attribute in vars(klass).items():
                if isinstance(attribute, cached_property):
                    copy.__dict__.pop(name, None)
        return copy


def _citation_from_text(value: Any) -> Any:
    """A bare file name is a citation of the whole article."""
    return {"file": value} if isinstance(value, str) else value


class Citation(Model):
    """Where in a seed article a role or rule comes from: the file, the part, the lines."""

    file: Text
    where: Text | None = Field(None, description="The article's section, question or passage.")
    lines: tuple[Annotated[int, Field(ge=1)], Annotated[int, Field(ge=1)]] | None = Field(
        None, description="First and last line (1-based, inclusive) of the passage in the file."
    )

    @model_validator(mode="after")
    def _lines_in_order(self) -> Self:
        if self.lines is not None and self.lines[0] > self.lines[1]:
            raise ValueError(f"lines run backwards ({self.lines[0]} > {self.lines[1]})")
        return self

    def __str__(self) -> str:
        """`file (where, lines a-b)`, as far as known."""
        detail = ", ".join(part for part in (self.where, self.lines_text) if part)
        return f"{self.file} ({detail})" if detail else self.file

    @property
    def lines_text(self) -> str | None:
        """`line 7` or `lines 7-9`, or None when the citation names no lines."""
        if self.lines is None:
            return None
        from ecomteam.i18n import _

        first, last = self.lines
        return (
            _("line {line}").format(line=first)
            if first == last
            else _("lines {first}-{last}").format(first=first, last=last)
        )


#: Citations of the seed articles; a plain file name is accepted and cites the whole file.
Citations = Annotated[
    tuple[Annotated[Citation, BeforeValidator(_citation_from_text, json_schema_input_type=str | Citation)], ...],
    Field(min_length=1),
]


class SourcingGuidance(Model):
    """How a role is best staffed, and why (article 000 Q2 and the others)."""

    engagements: tuple[Engagement, ...] = Field(min_length=1, description="Suitable engagements, best first.")
    reason: Text

    @computed_field  # type: ignore[prop-decorator]  # written out with the role, never read in
    @property
    def preferred(self) -> Sourcing:
        """In-house or outsourced, as the best-suited engagement implies."""
        return self.engagements[0].sourcing


class Occupation(Model):
    """The statistical occupation a role is priced as: US SOC 2018 and ISCO-08 codes."""

    soc: Annotated[str, StringConstraints(pattern=SOC_FORM)]
    isco: Annotated[str, StringConstraints(pattern=ISCO_FORM)]


class Derivation(Model):
    """The figures a cost band is computed from (`scripts/cost_bands.py` recomputes it).

    The centre is the EU anchor (the monthly base-pay mean of the role's ISCO major
    group in the basis market) times the role's within-group factor; the band's ends
    scale the centre by the US quartiles of the occupation (P25/P50 and P75/P50).
    """

    anchor: Money
    factor: Annotated[float, Field(gt=0, le=10), NotBool]
    oews_usd: tuple[Money, Money, Money] = Field(description="US OEWS annual wage P25, median, P75 (USD).")


class CostBand(Model):
    """Monthly cost of one full-time equivalent in the catalogue's currency, with where the figures come from."""

    min: Money
    max: Money
    occupation: Occupation | None = None
    derivation: Derivation | None = None
    source: Text | None = None
    assumption: Text | None = None

    @model_validator(mode="after")
    def _checked(self) -> Self:
        if self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is larger than max ({self.max:g})")
        if self.source is None and self.assumption is None:
            raise ValueError("give a `source` for the figures or state the `assumption` behind them")
        return self


class Role(Model):
    """One job in an e-commerce team."""

    id: RoleId
    name: Text
    names: dict[Language, Text] = Field(default_factory=dict, description="The role's name per seed language.")
    titles: dict[Language, tuple[Text, ...]] = Field(
        default_factory=dict, description="Everyday job-ad titles per language, most common first."
    )
    aliases: tuple[Text, ...] = Field((), description="Other names, as the articles spell them and in English.")
    category: Category
    summary: Text
    responsibilities: tuple[Text, ...] = Field(min_length=1)
    skills: tuple[Text, ...] = Field(min_length=1)
    kpis: tuple[Text, ...] = Field(min_length=2)
    sourcing: SourcingGuidance
    cost: CostBand
    reports_to: RoleId | None = None
    sources: Citations


class Conversion(Model):
    """How a catalogue's bands were converted from the currency they were set in."""

    base: Currency
    rate: float = Field(gt=0, description="Units of the catalogue's currency per unit of the base.")
    date: str | None = Field(None, description="The reference rate's date; None for a rate the user gave.")


class CostBasis(Model):
    """What the catalogue's cost bands mean."""

    currency: Currency
    period: Literal["month"] = "month"
    note: Text
    converted: Conversion | None = Field(None, description="Set when the bands were converted to this currency.")


class Seniority(Model):
    """What a job description asks of a hire at one stage."""

    level: Text
    expectation: Text


class Article(Model):
    """A seed article as a reader should see it cited: its title and language."""

    title: Text
    language: Language
    english: Text | None = Field(None, description="The title in English, for English readers.")


class Catalogue(Model):
    """The role catalogue: every role, in file order."""

    schema_version: Literal[2]
    title: Text | None = None
    cost_basis: CostBasis
    articles: dict[Text, Article] = Field(
        default_factory=dict, description="The seed articles by file name, so citations can name them."
    )
    seniority: dict[Stage, Seniority] = Field(default_factory=dict)
    keywords: dict[Category, tuple[Text, ...]] = Field(
        default_factory=dict,
        description="Word stems, in any language, that point at a department when a name matches no role.",
    )
    roles: tuple[Role, ...] = Field(min_length=1)
