"""The rule book: typed models of conditions, rules and figures, and their checks.

A rule says *when* (a condition on the profile, an `all`/`any`/`not` tree of
`{field, op, value}` leaves with a closed set of fields and operators) and *then*
(include one role, with its headcount, engagement, phase and the roles the same
person covers). Which rule wins for a role is declared with `overrides`, whether a
covered role keeps its own line with `standalone`, and the order in which roles
claim the budget with the book's `hiring_order`. The rule book owns when a role is
needed (`first_stages`) and how many people it takes; it also carries the drivers
behind headcount formulas, the engagement cost terms, the region cost levels, the
rollout phases and the stage thresholds, each figure with its source or stated
assumption.
"""

from __future__ import annotations

import datetime
import functools
import math
import operator
from collections.abc import Callable, Iterator
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal, Self

from pydantic import Discriminator, Field, StringConstraints, Tag, model_validator

from ecomteam.errors import DataError, Problem
from ecomteam.models import SLUG_FORM, Catalogue, Citations, CountryCode, Currency, Model, Money, NotBool, RoleId, Text
from ecomteam.profile import Name, PeakWindow
from ecomteam.suggest import did_you_mean
from ecomteam.validation import Loc, Where, format_loc, sort_problems, validated
from ecomteam.vocab import Channel, Engagement, Fulfilment, Goal, Stage
from ecomteam.yamlfile import parse_mapping

RuleId = Annotated[str, StringConstraints(pattern=SLUG_FORM, max_length=80)]


# ------------------------------------------------------------ condition fields


class ProfileField(StrEnum):
    """Profile fields a condition can test (a test keeps them among `Profile`'s fields)."""

    STAGE = "stage"
    GOALS = "goals"
    CHANNELS = "channels"
    BUDGET = "budget"
    STORES = "stores"
    ORDERS_PER_DAY = "orders_per_day"
    SKUS = "skus"
    MONTHLY_REVENUE = "monthly_revenue"
    LIVE_ROOMS = "live_rooms"
    PLATFORM = "platform"
    REGION = "region"
    FULFILMENT = "fulfilment"


class Op(StrEnum):
    """Condition operators."""

    EQ = "eq"
    NE = "ne"
    IN = "in"
    NOT_IN = "not_in"
    GTE = "gte"
    GT = "gt"
    LTE = "lte"
    LT = "lt"
    HAS = "has"
    HAS_ANY = "has_any"
    SET = "set"


_SETS = {ProfileField.GOALS: Goal, ProfileField.CHANNELS: Channel}
_CHOICES = {ProfileField.FULFILMENT: Fulfilment}  # one value from a closed vocabulary
_NUMBERS = {
    ProfileField.BUDGET,
    ProfileField.STORES,
    ProfileField.ORDERS_PER_DAY,
    ProfileField.SKUS,
    ProfileField.MONTHLY_REVENUE,
    ProfileField.LIVE_ROOMS,
}
_OPS_FOR = {
    "stage": {Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.GTE, Op.GT, Op.LTE, Op.LT},
    "set": {Op.HAS, Op.HAS_ANY},
    "number": {Op.EQ, Op.NE, Op.GTE, Op.GT, Op.LTE, Op.LT, Op.SET},
    "text": {Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.SET},
}


def _kind(field: ProfileField) -> str:
    if field is ProfileField.STAGE:
        return "stage"
    if field in _SETS:
        return "set"
    return "number" if field in _NUMBERS else "text"


# --------------------------------------------------------------- conditions


class Leaf(Model):
    """One test of a profile field, e.g. `{field: stage, op: gte, value: growth}`."""

    field: ProfileField
    op: Op
    value: str | float | bool | tuple[str, ...]

    @model_validator(mode="after")
    def _fits_the_field(self) -> Self:
        kind = _kind(self.field)
        allowed = _OPS_FOR[kind]
        if self.op not in allowed:
            names = ", ".join(sorted(op.value for op in allowed))
            raise ValueError(f"operator {self.op.value!r} does not apply to {self.field.value}; use one of: {names}")
        many = self.op in (Op.IN, Op.NOT_IN, Op.HAS_ANY) or (self.op is Op.HAS and isinstance(self.value, tuple))
        if self.op is Op.SET:
            if not isinstance(self.value, bool):
                raise ValueError("operator 'set' takes true or false")
            return self
        if many != isinstance(self.value, tuple):
            raise ValueError(f"operator {self.op.value!r} takes {'a list' if many else 'a single value'}")
        _check_values(self.field, kind, self.value if isinstance(self.value, tuple) else (self.value,))
        return self


def _check_values(field: ProfileField, kind: str, values: tuple[object, ...]) -> None:
    """Raise ValueError unless every value compares with the field: numbers, or one of its choices."""
    if kind == "number":
        if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in values):
            raise ValueError(f"{field.value} compares with a number")
        return
    choices: tuple[str, ...] | None = None
    if kind == "stage":
        choices = tuple(Stage)
    elif kind == "set":
        choices = tuple(_SETS[field])
    elif field in _CHOICES:
        choices = tuple(_CHOICES[field])
    for value in values:
        if not isinstance(value, str) or (choices is not None and value not in choices):
            hint = f"; valid: {', '.join(choices)}" if choices else ""
            raise ValueError(f"{value!r} is not a valid {field.value} value{hint}")


class All(Model):
    """True when every condition in it is true."""

    all: tuple[Condition, ...] = Field(min_length=1)


class Any_(Model):
    """True when at least one condition in it is true."""

    any: tuple[Condition, ...] = Field(min_length=1)


class Not(Model):
    """True when the condition in it is false."""

    not_: Condition = Field(alias="not")


def leaves(condition: Condition | None) -> Iterator[Leaf]:
    """Every test in a condition tree."""
    match condition:
        case Leaf():
            yield condition
        case All():
            for part in condition.all:
                yield from leaves(part)
        case Any_():
            for part in condition.any:
                yield from leaves(part)
        case Not():
            yield from leaves(condition.not_)
        case None:
            return


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("all", "any", "not"):
            if key in value:
                return f"<{key}>"
        return "<leaf>"
    if isinstance(value, All | Any_ | Not | Leaf):
        return {All: "<all>", Any_: "<any>", Not: "<not>", Leaf: "<leaf>"}[type(value)]
    return None


Condition = Annotated[
    Annotated[All, Tag("<all>")]
    | Annotated[Any_, Tag("<any>")]
    | Annotated[Not, Tag("<not>")]
    | Annotated[Leaf, Tag("<leaf>")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition",
        custom_error_message="a condition is a mapping: {all: [...]}, {any: [...]}, {not: ...} or {field, op, value}",
    ),
]

All.model_rebuild()
Any_.model_rebuild()
Not.model_rebuild()

_COMPARE: dict[Op, Callable[[Any, Any], bool]] = {
    Op.EQ: operator.eq,
    Op.NE: operator.ne,
    Op.IN: lambda actual, values: actual in values,
    Op.NOT_IN: lambda actual, values: actual not in values,
    Op.GTE: operator.ge,
    Op.GT: operator.gt,
    Op.LTE: operator.le,
    Op.LT: operator.lt,
}


def leaf_holds(leaf: Leaf, actual: object) -> bool:
    """Whether a profile value passes one test (see `leaf_test`)."""
    return _known_leaf_test(leaf)(actual)


def leaf_test(leaf: Leaf) -> Callable[[object], bool]:
    """One test as a function of the profile value: the one definition of every operator.

    Lists (goals, channels) pass `has` when they hold every value and `has_any` when
    they hold one; stages compare by growth order; a value not given passes only
    `ne` and `not_in` (and `set: false`). What depends on the test alone is worked
    out here, once, not each time a profile is tested.
    """
    op, value = leaf.op, leaf.value
    wanted = frozenset(value) if isinstance(value, tuple) else frozenset((value,))
    compare = _COMPARE.get(op)
    if leaf.field is ProfileField.STAGE and compare is not None:
        ranks = _ranks(value)
        stages = frozenset(stage for stage in Stage if compare(stage.rank, ranks))
        return lambda actual: actual in stages if actual is not None else op in (Op.NE, Op.NOT_IN)

    def test(actual: object) -> bool:
        if isinstance(actual, tuple):
            return wanted.issubset(actual) if op is Op.HAS else not wanted.isdisjoint(actual)
        if op is Op.SET:
            return (actual is not None) == value
        if actual is None:
            return op in (Op.NE, Op.NOT_IN)
        assert compare is not None  # every operator but `set` compares
        return bool(compare(actual, value))

    return test


#: Tests already worked out, by leaf (a frozen model, equal by value): --explain runs each one per plan.
_known_leaf_test = functools.lru_cache(maxsize=4096)(leaf_test)


def condition_test(condition: Condition | None) -> Callable[[object], bool]:
    """A condition as one function of a profile: what the engine runs many times per plan."""
    match condition:
        case None:
            return lambda _profile: True
        case All():
            parts = tuple(condition_test(part) for part in condition.all)
            return lambda profile: all(part(profile) for part in parts)
        case Any_():
            parts = tuple(condition_test(part) for part in condition.any)
            return lambda profile: any(part(profile) for part in parts)
        case Not():
            inner = condition_test(condition.not_)
            return lambda profile: not inner(profile)
        case Leaf():
            name, test = condition.field.value, leaf_test(condition)
            return lambda profile: test(getattr(profile, name))
    raise AssertionError(condition)  # pragma: no cover - the union is closed


def _ranks(value: object) -> object:
    if isinstance(value, tuple):
        return tuple(Stage(v).rank for v in value)
    return Stage(str(value)).rank


# -------------------------------------------------------------- rule actions


class Quantity(StrEnum):
    """Profile quantities a headcount formula can start from."""

    ONE = "one"
    STORES = "stores"
    ORDERS_PER_DAY = "orders_per_day"
    SKUS = "skus"
    MONTHLY_REVENUE = "monthly_revenue"
    LIVE_ROOMS = "live_rooms"


#: The smallest figure a formula may divide by, and the most FTE one line may come to:
#: together they keep every headcount and cost finite.
MIN_DIVISOR = 0.001
MAX_LINE_FTE = 100_000.0


class Formula(Model):
    """FTE = base x product(times) / product(per), rounded to `step`, kept within [min, max].

    The base is a profile quantity, or (`team`) the FTE another role has in the plan:
    that is how a supervisor follows the people they lead.
    """

    base: Quantity | None = None
    team: RoleId | None = Field(None, description="Start from this role's FTE in the plan instead of `base`.")
    times: tuple[Name, ...] = ()
    per: tuple[Name, ...] = ()
    step: Annotated[float, Field(gt=0, le=10), NotBool] = 0.5
    rounding: Literal["up", "down", "nearest"] = Field(
        "up",
        description=(
            "`nearest` for a span of control: a lead comes once the team is half a span, "
            "and each then leads between half a span and one and a half."
        ),
    )
    min: Annotated[float, Field(ge=0, le=10_000), NotBool] = 0
    max: Annotated[float, Field(gt=0, le=10_000), NotBool] | None = None
    unknown: Annotated[float, Field(ge=0, le=10_000), NotBool] | None = Field(
        None,
        description=(
            "The FTE when the profile does not give the base (default: `min`): what a source says "
            "for a business it gives no volume for, where a known small volume may need less."
        ),
    )

    @model_validator(mode="after")
    def _one_base(self) -> Self:
        if (self.base is None) == (self.team is None):
            raise ValueError("give either `base` (a profile quantity) or `team` (a role id), not both")
        return self

    @model_validator(mode="after")
    def _unknown_within_bounds(self) -> Self:
        if self.unknown is not None and (self.unknown < self.min or (self.max is not None and self.unknown > self.max)):
            raise ValueError(f"`unknown` ({self.unknown:g}) must lie between `min` and `max`")
        return self


FTE = Annotated[float, Field(gt=0, le=10_000, allow_inf_nan=False), NotBool]
Headcount = Annotated[
    Annotated[FTE, Tag("<number>")] | Annotated[Formula, Tag("<formula>")],
    Discriminator(lambda value: "<formula>" if isinstance(value, dict | Formula) else "<number>"),
]


class Action(Model):
    """What a rule does when it fires: include one role, staffed in a given way."""

    role: RoleId
    fte: Headcount | None = Field(None, description="Fixed FTE, a formula, or the engagement's default.")
    engagement: Engagement | None = Field(None, description="Default: the role's first suitable engagement.")
    fallback: tuple[Engagement, ...] | None = Field(
        None, description="Cheaper engagements allowed when the budget is short; default: the role's other ones."
    )
    interim: Literal["owner"] | None = Field(None, description="Who covers the role until it is staffed.")
    phase: Annotated[int, Field(ge=1, le=20), NotBool] = 1
    covers: tuple[RoleId, ...] = Field(
        (), description="Roles the same person also does; they get no line of their own."
    )
    standalone: bool = Field(False, description="Keep this role's own line even when another line covers it.")
    essential: bool = Field(
        False,
        description=(
            "Paid for in phase 1 before the lines that are not sized by volume, when the budget cannot hold "
            "them all: work that cannot wait for a later phase, such as the books."
        ),
    )
    joins: Literal["add", "at-least"] | None = Field(
        None,
        description=(
            "Instead of competing with the role's other rules: `add` adds this rule's FTE to the line "
            "(work that adds up, such as stores and live rooms), `at-least` sets a floor under it."
        ),
    )
    reason: Text


class Rule(Model):
    """A condition on the profile and the role it brings into the team."""

    id: RuleId
    description: Text
    sources: Citations
    overrides: tuple[RuleId, ...] = Field(
        (), description="Rules for the same role whose staffing this rule replaces when both fire."
    )
    when: Condition | None = None
    then: Action
    enabled: bool = True
    assumption: Text | None = Field(
        None, description="What the rule adds to the articles (a threshold, a size), and why it is assumed."
    )


# ------------------------------------------------------------ figures


class Figure(Model):
    """A number the engine uses, with where it comes from."""

    value: Money
    unit: Text
    range: tuple[float, float] | None = None
    source: Text | None = None
    assumption: Text | None = None
    follows_pay: bool = Field(
        False,
        description="An amount of money that rises and falls with pay: a plan takes it at its country's or "
        "region's cost level, as it does the roles' pay bands.",
    )

    @model_validator(mode="after")
    def _has_basis(self) -> Self:
        if self.source is None and self.assumption is None:
            raise ValueError("give a `source` for the figure or state the `assumption` behind it")
        return self


class Sourced(Model):
    """A figure that says where it comes from: a source, or a stated assumption."""

    source: Text | None = None
    assumption: Text | None = None

    @model_validator(mode="after")
    def _has_basis(self) -> Self:
        if self.source is None and self.assumption is None:
            raise ValueError("give a `source` for the figure or state the `assumption` behind it")
        return self


class EngagementTerms(Sourced):
    """How an engagement is sized and priced."""

    default_fte: Annotated[float, Field(ge=0, le=10), NotBool]
    cost_factor: Annotated[float, Field(ge=0, le=10), NotBool]


class Region(Sourced):
    """A cost level: multiplies the catalogue's bands."""

    multiplier: Annotated[float, Field(gt=0, le=100), NotBool]
    label: Text
    currency: Currency | None = Field(
        None, description="The currency a plan for the region is shown in, unless the profile names one."
    )


class ExchangeRates(Sourced):
    """Dated reference rates: how many units of each currency one euro buys."""

    date: datetime.date
    per_euro: dict[Currency, Annotated[float, Field(gt=0), NotBool]]


class Country(Sourced):
    """A country's cost level: multiplies the catalogue's bands like a region, more precisely."""

    region: Name = Field(
        description="The region the country belongs to: the plan's region when only the country is given."
    )
    multiplier: Annotated[float, Field(gt=0, le=100), NotBool]
    label: Text
    currency: Currency


class PhaseSpec(Model):
    """One rollout phase in months from now; the last is open-ended."""

    phase: Annotated[int, Field(ge=1, le=20), NotBool]
    start_month: Annotated[int, Field(ge=0, le=600), NotBool]
    end_month: Annotated[int, Field(ge=1, le=600), NotBool] | None
    label: Text


class StageThresholds(Model):
    """Where each stage starts, to infer the stage from volumes when it is not given."""

    orders_per_day: dict[Stage, Money]
    monthly_revenue: dict[Stage, Money]
    assumption: Text


class Platforms(Sourced):
    """The store platforms the book knows, by the channel each one is."""

    channels: dict[Channel, tuple[Annotated[str, StringConstraints(pattern=SLUG_FORM)], ...]]
    listing: tuple[str, ...] = Field(
        (), description="Marketplaces whose stores run from a catalogue, so one person runs several (Amazon...)."
    )

    def channel_of(self, platform: str) -> Channel | None:
        """The channel a platform sells through, or None for a platform the book does not know."""
        return next((channel for channel, names in self.channels.items() if platform in names), None)


class CategoryFigure(Sourced):
    """A driver's value for one kind of business, with where it comes from."""

    value: Money


class BusinessCategory(Model):
    """A kind of business whose work differs from the general figures: its own drivers."""

    label: Text
    drivers: dict[Name, CategoryFigure] = Field(min_length=1)
    leaves_out: Text | None = Field(None, description="Work of this kind of business the plan does not staff.")


class Peak(PeakWindow, Sourced):
    """A seasonal peak --peak can name, with where its uplift comes from."""

    label: Text


class RuleBook(Model):
    """Everything the engine needs besides the roles."""

    schema_version: Literal[2]
    drivers: dict[Name, Figure]
    engagements: dict[Engagement, EngagementTerms]
    regions: dict[Name, Region]
    countries: dict[CountryCode, Country] = Field(default_factory=dict)
    default_region: Name
    hiring_order: tuple[RoleId, ...] = Field(
        (), description="Roles in the order they claim the phase-1 budget; roles left out come after, by id."
    )
    phases: tuple[PhaseSpec, ...] = Field(min_length=1)
    stage_thresholds: StageThresholds
    platforms: Platforms | None = Field(None, description="Known store platforms and the channel each implies.")
    categories: dict[Name, BusinessCategory] = Field(
        default_factory=dict, description="Kinds of business (grocery, fashion...) and the drivers each changes."
    )
    peaks: dict[Name, Peak] = Field(default_factory=dict, description="Seasonal peaks --peak can name.")
    exchange_rates: ExchangeRates | None = Field(
        None, description="Reference rates that price a plan in a currency other than the catalogue's."
    )
    rules: tuple[Rule, ...] = Field(min_length=1)

    def for_category(self, name: str | None) -> RuleBook:
        """This book with a business category's drivers in place of the general ones (itself for none)."""
        if name is None:
            return self
        books = self._category_books
        if name not in books:
            changed = {
                driver: self.drivers[driver].model_copy(update=figure.model_dump())
                for driver, figure in self.categories[name].drivers.items()
            }
            book = self.model_copy(update={"drivers": {**self.drivers, **changed}})
            book.__dict__.pop("_category_books", None)  # model_copy copied the cache; the copy keeps its own
            books[name] = book
        return books[name]

    @cached_property
    def _category_books(self) -> dict[str, RuleBook]:
        return {}

    @cached_property
    def tests(self) -> tuple[Callable[[object], bool] | None, ...]:
        """Each rule's condition as a function of the profile, in file order; None for a disabled rule."""
        return tuple(condition_test(rule.when) if rule.enabled else None for rule in self.rules)

    def tests_at(self, stage: Stage) -> tuple[tuple[Rule, Callable[[object], bool]], ...]:
        """The enabled rules that can fire at a stage, each with its test, in file order."""
        return self._tests_by_stage[stage]

    @cached_property
    def _tests_by_stage(self) -> dict[Stage, tuple[tuple[Rule, Callable[[object], bool]], ...]]:
        # A plan fires the rules many times, always at a known stage: most rules name one.
        stages = {rule.id: possible_stages(rule.when) for rule in self.rules}
        return {
            stage: tuple(
                (rule, test)
                for rule, test in zip(self.rules, self.tests, strict=True)
                if test is not None and stage in stages[rule.id]
            )
            for stage in Stage
        }

    @cached_property
    def tested_fields(self) -> dict[str, frozenset[str]]:
        """The profile fields each rule's condition reads, by rule id."""
        return {rule.id: frozenset(leaf.field.value for leaf in leaves(rule.when)) for rule in self.rules}


# ------------------------------------------------------------ stage analysis

#: Single-valued profile fields with a closed set of values: the static analysis
#: works out which of their values a condition allows.
_CLOSED_FIELDS: dict[ProfileField, tuple[str, ...]] = {
    ProfileField.STAGE: tuple(Stage),
    ProfileField.FULFILMENT: tuple(Fulfilment),
}


def possible_values(condition: Condition | None, field: ProfileField) -> frozenset[str]:
    """The values of a closed field (stage, fulfilment) for which a condition can hold.

    Tests of other fields are taken as possibly true, so the answer may be wider than
    the truth but never narrower (a `not` over such a test allows every value).
    """
    values, _ = _possible(condition, field, frozenset(_CLOSED_FIELDS[field]))
    return values


def possible_stages(condition: Condition | None) -> frozenset[Stage]:
    """The stages at which a condition can hold, whatever the profile's other fields."""
    return frozenset(Stage(value) for value in possible_values(condition, ProfileField.STAGE))


def _possible(condition: Condition | None, field: ProfileField, every: frozenset[str]) -> tuple[frozenset[str], bool]:
    """The values a condition allows, and whether that depends on `field` alone."""
    match condition:
        case None:
            return every, True
        case All() | Any_():
            children = condition.all if isinstance(condition, All) else condition.any
            parts = [_possible(child, field, every) for child in children]
            combine = frozenset.intersection if isinstance(condition, All) else frozenset.union
            return combine(*(values for values, _ in parts)), all(exact for _, exact in parts)
        case Not():
            values, exact = _possible(condition.not_, field, every)
            return (every - values, True) if exact else (every, False)
        case Leaf() if condition.field is field:
            kind = Stage if field is ProfileField.STAGE else Fulfilment
            return frozenset(value for value in every if leaf_holds(condition, kind(value))), True
        case Leaf():
            return every, False
    raise AssertionError(condition)  # pragma: no cover - the union is closed


def can_fire_together(first: Rule, second: Rule) -> frozenset[Stage]:
    """The stages at which both rules can fire, judged by every closed field (empty: never together)."""
    for field in _CLOSED_FIELDS:
        if not possible_values(first.when, field) & possible_values(second.when, field):
            return frozenset()
    return possible_stages(first.when) & possible_stages(second.when)


def first_stages(book: RuleBook) -> dict[str, Stage]:
    """The earliest stage at which an enabled rule can bring each role into a plan.

    A role another line `covers` counts as brought in: someone does its work.
    """
    first: dict[str, Stage] = {}
    for rule in book.rules:
        stages = possible_stages(rule.when) if rule.enabled else frozenset()
        if not stages:
            continue
        earliest = min(stages, key=lambda stage: stage.rank)
        for role_id in (rule.then.role, *rule.then.covers):
            if role_id not in first or earliest.rank < first[role_id].rank:
                first[role_id] = earliest
    return dict(sorted(first.items()))


# ------------------------------------------------------------------ loading


def parse_rulebook(text: str, source: str, catalogue: Catalogue | None) -> RuleBook:
    """Parse a rule book and check it against the catalogue it will be used with.

    With no catalogue (`roles` commands, which only read when roles are needed) the
    role ids are not checked.

    Raises:
        DataError: Listing every problem with its line: schema errors, duplicate rule
            ids, unknown roles or drivers, missing engagement terms, phases out of
            order, stage thresholds that do not grow.
    """
    document = parse_mapping(text, source, "rule book")
    book = validated(document, RuleBook, "rule book")
    where = Where(document)
    problems = [
        Problem(source, message, format_loc(loc), *document.position(loc))
        for loc, message in _book_problems(book, catalogue, where)
    ]
    if problems:
        raise DataError(sort_problems(problems), "rule book")
    return book


#: Figures the engine and `ecomteam assess` read from the rule book's drivers by name.
REQUIRED_DRIVERS = (
    "full_time_hours_per_week",
    "max_roles_per_person",
    "unplanned_role_load",
    "days_per_month",
    "staff_cost_to_revenue",
    "revenue_mismatch",
)


def _book_problems(book: RuleBook, catalogue: Catalogue | None, where: Where) -> Iterator[tuple[Loc, str]]:
    missing_figures = [name for name in REQUIRED_DRIVERS if name not in book.drivers]
    if missing_figures:
        yield ("drivers",), f"figures missing that the plan or `assess` uses: {', '.join(missing_figures)}"
    role_ids = {role.id for role in catalogue.roles} if catalogue else _named_roles(book)
    yield from _order_problems(book, role_ids)
    yield from _override_problems(book, where)
    missing = [engagement.value for engagement in Engagement if engagement not in book.engagements]
    if missing:
        yield ("engagements",), f"terms missing for: {', '.join(missing)}"
    if book.default_region not in book.regions:
        yield ("default_region",), f"no region {book.default_region!r}; regions: {', '.join(book.regions)}"
    for code, country in book.countries.items():
        if country.region not in book.regions:
            yield ("countries", code, "region"), f"no region {country.region!r}; regions: {', '.join(book.regions)}"
    yield from _phase_problems(book)
    yield from _category_problems(book)
    yield from _platform_problems(book)
    for name in ("orders_per_day", "monthly_revenue"):
        table: dict[Stage, float] = getattr(book.stage_thresholds, name)
        starts = [start for _, start in sorted(table.items(), key=lambda item: item[0].rank)]
        if starts != sorted(starts):
            yield ("stage_thresholds", name), "thresholds must grow from stage to stage"
    first_rule: dict[str, int] = {}
    for index, rule in enumerate(book.rules):
        if rule.id in first_rule:
            other = where(("rules", first_rule[rule.id], "id"))
            yield ("rules", index, "id"), f"duplicate rule id {rule.id!r} (also at {other})"
        first_rule.setdefault(rule.id, index)
        yield from _action_problems(("rules", index, "then"), rule.then, book, role_ids)


def _platform_problems(book: RuleBook) -> Iterator[tuple[Loc, str]]:
    if book.platforms is None:
        return
    marketplaces = book.platforms.channels.get(Channel.MARKETPLACE, ())
    for index, name in enumerate(book.platforms.listing):
        if name not in marketplaces:
            yield ("platforms", "listing", index), f"{name!r} is not one of the marketplace platforms"


def _category_problems(book: RuleBook) -> Iterator[tuple[Loc, str]]:
    for name, category in book.categories.items():
        for driver in category.drivers:
            if driver not in book.drivers:
                yield (
                    ("categories", name, "drivers", driver),
                    f"no driver {driver!r}{did_you_mean(driver, book.drivers)}",
                )


def _phase_problems(book: RuleBook) -> Iterator[tuple[Loc, str]]:
    for index, phase in enumerate(book.phases):
        loc: Loc = ("phases", index)
        if phase.phase != index + 1:
            yield (*loc, "phase"), f"phases must be numbered 1, 2, 3... in order; expected {index + 1}"
        if phase.end_month is not None and phase.end_month <= phase.start_month:
            yield (*loc, "end_month"), "must be after start_month"
        if phase.end_month is None and index != len(book.phases) - 1:
            yield (*loc, "end_month"), "only the last phase may be open-ended"


def _led_roles(book: RuleBook) -> set[str]:
    """Roles some rule sizes from another role's FTE (the leads)."""
    return {rule.then.role for rule in book.rules if isinstance(rule.then.fte, Formula) and rule.then.fte.team}


def _named_roles(book: RuleBook) -> set[str]:
    """Every role id a rule book names, for checks made without a catalogue."""
    named = {role for rule in book.rules for role in (rule.then.role, *rule.then.covers)}
    return named | set(book.hiring_order)


def _order_problems(book: RuleBook, role_ids: set[str]) -> Iterator[tuple[Loc, str]]:
    seen: set[str] = set()
    for index, role_id in enumerate(book.hiring_order):
        if role_id not in role_ids:
            yield ("hiring_order", index), f"no role {role_id!r} in the catalogue{did_you_mean(role_id, role_ids)}"
        elif role_id in seen:
            yield ("hiring_order", index), f"{role_id!r} is listed twice"
        seen.add(role_id)


def _override_problems(book: RuleBook, where: Where) -> Iterator[tuple[Loc, str]]:
    """Overrides name rules for the same role, and rules that can fire together say which wins."""
    index_of = {rule.id: index for index, rule in enumerate(book.rules)}
    for index, rule in enumerate(book.rules):
        for number, other_id in enumerate(rule.overrides):
            other = index_of.get(other_id)
            if other is None:
                yield ("rules", index, "overrides", number), f"no rule {other_id!r}{did_you_mean(other_id, index_of)}"
            elif book.rules[other].then.role != rule.then.role:
                yield ("rules", index, "overrides", number), f"rule {other_id!r} is for another role"
    by_role: dict[str, list[int]] = {}
    for index, rule in enumerate(book.rules):
        by_role.setdefault(rule.then.role, []).append(index)
    for indexes in by_role.values():
        yield from _unordered_pairs(book, indexes, where)


def _unordered_pairs(book: RuleBook, indexes: list[int], where: Where) -> Iterator[tuple[Loc, str]]:
    """Rules for one role that can fire at the same stage without an `overrides` between them."""
    for position, index in enumerate(indexes):
        rule = book.rules[index]
        for other in indexes[position + 1 :]:
            peer = book.rules[other]
            shared = sorted(can_fire_together(rule, peer), key=lambda stage: stage.rank)
            joined = rule.then.joins is not None or peer.then.joins is not None
            if shared and not joined and peer.id not in rule.overrides and rule.id not in peer.overrides:
                yield (
                    ("rules", other, "id"),
                    f"rules {rule.id!r} ({where(('rules', index, 'id'))}) and {peer.id!r} both bring in "
                    f"{rule.then.role!r} at {', '.join(s.value for s in shared)}; "
                    f"add `overrides: [{rule.id}]` to the one that should win",
                )


def _action_problems(loc: Loc, action: Action, book: RuleBook, role_ids: set[str]) -> Iterator[tuple[Loc, str]]:
    named = [((*loc, "role"), action.role)] + [
        ((*loc, "covers", i), covered) for i, covered in enumerate(action.covers)
    ]
    if isinstance(action.fte, Formula) and action.fte.team is not None:
        named.append(((*loc, "fte", "team"), action.fte.team))
    for role_loc, role_id in named:
        if role_id not in role_ids:
            yield role_loc, f"no role {role_id!r} in the catalogue{did_you_mean(role_id, role_ids)}"
    if action.phase > len(book.phases):
        yield (*loc, "phase"), f"there are only {len(book.phases)} phases"
    if isinstance(action.fte, Formula):
        yield from _formula_problems((*loc, "fte"), action.fte, action.role, book)


def _formula_problems(loc: Loc, formula: Formula, role: str, book: RuleBook) -> Iterator[tuple[Loc, str]]:
    if formula.team is not None and formula.team in _led_roles(book) | {role}:
        # Leads are sized after the teams they lead, in one pass: a lead of leads would need another.
        yield (*loc, "team"), f"{formula.team!r} is itself sized from a team; name a role sized from the profile"
    for part in ("times", "per"):
        for i, name in enumerate(getattr(formula, part)):
            driver = book.drivers.get(name)
            if driver is None:
                yield (*loc, part, i), f"no driver {name!r}{did_you_mean(name, book.drivers)}"
            elif part == "per" and driver.value < MIN_DIVISOR:
                yield (*loc, part, i), f"driver {name!r} is {driver.value:g}, too small to divide by"
