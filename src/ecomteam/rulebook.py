"""The business profile and the rule book: typed models, conditions and their evaluation.

A rule says *when* (a condition on the profile, an `all`/`any`/`not` tree of
`{field, op, value}` leaves with a closed set of fields and operators) and *then*
(include one role, with its headcount, engagement, sourcing, phase and priority).
The rule book also carries the drivers behind headcount formulas, the engagement
cost terms, the region cost levels, the rollout phases and the stage thresholds,
each figure with its source or stated assumption.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import Discriminator, Field, StringConstraints, Tag, model_validator

from ecomteam.errors import DataError, Problem
from ecomteam.models import Catalogue, Model, Money, RoleId, Text
from ecomteam.validation import Loc, Where, format_loc, sort_problems, validated
from ecomteam.vocab import Channel, Engagement, Goal, Sourcing, Stage
from ecomteam.yamlfile import parse_mapping

RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Name = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
Amount = Annotated[float, Field(ge=0, le=1e12, allow_inf_nan=False)]
Platform = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=40)]


# ------------------------------------------------------------------ profile


class Profile(Model):
    """What the user says about the business (from flags and/or a profile file)."""

    stage: Stage | None = None
    budget: Amount | None = Field(None, description="Monthly amount available for the team now.")
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    region: Name | None = None
    goals: tuple[Goal, ...] = ()
    channels: tuple[Channel, ...] = ()
    stores: Annotated[int, Field(ge=1, le=10_000)] = 1
    orders_per_day: Amount | None = None
    skus: Count | None = None
    monthly_revenue: Amount | None = None
    platform: Platform | None = Field(None, description="Store platform, e.g. shopify, webflow, tmall.")
    live_rooms: Annotated[int, Field(ge=0, le=1000)] | None = Field(
        None, description="Live-stream rooms run at once; 1 when the livestream channel is chosen and this is not."
    )


class ProfileField(StrEnum):
    """Profile fields a condition can test."""

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
_NUMBERS = {
    ProfileField.BUDGET,
    ProfileField.STORES,
    ProfileField.ORDERS_PER_DAY,
    ProfileField.SKUS,
    ProfileField.MONTHLY_REVENUE,
    ProfileField.LIVE_ROOMS,
}
_TEXTS = {ProfileField.PLATFORM, ProfileField.REGION}
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
        values = self.value if isinstance(self.value, tuple) else (self.value,)
        if kind == "number":
            if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in values):
                raise ValueError(f"{self.field.value} compares with a number")
            return self
        choices: tuple[str, ...] | None = None
        if kind == "stage":
            choices = tuple(Stage)
        elif kind == "set":
            choices = tuple(_SETS[self.field])
        for value in values:
            if not isinstance(value, str) or (choices is not None and value not in choices):
                hint = f"; valid: {', '.join(choices)}" if choices else ""
                raise ValueError(f"{value!r} is not a valid {self.field.value} value{hint}")
        return self


class All(Model):
    """True when every condition in it is true."""

    all: tuple[Condition, ...] = Field(min_length=1)


class Any_(Model):
    """True when at least one condition in it is true."""

    any: tuple[Condition, ...] = Field(min_length=1)


class Not(Model):
    """True when the condition in it is false."""

    not_: Condition = Field(alias="not")


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


# -------------------------------------------------------------- rule actions


class Quantity(StrEnum):
    """Profile quantities a headcount formula can start from."""

    ONE = "one"
    STORES = "stores"
    ORDERS_PER_DAY = "orders_per_day"
    SKUS = "skus"
    MONTHLY_REVENUE = "monthly_revenue"
    LIVE_ROOMS = "live_rooms"


class Formula(Model):
    """FTE = base x product(times) / product(per), rounded up to `step`, kept within [min, max]."""

    base: Quantity
    times: tuple[Name, ...] = ()
    per: tuple[Name, ...] = ()
    step: Annotated[float, Field(gt=0, le=10)] = 0.5
    min: Annotated[float, Field(ge=0, le=10_000)] = 0
    max: Annotated[float, Field(gt=0, le=10_000)] | None = None


FTE = Annotated[float, Field(gt=0, le=10_000, allow_inf_nan=False)]
Headcount = Annotated[
    Annotated[FTE, Tag("<number>")] | Annotated[Formula, Tag("<formula>")],
    Discriminator(lambda value: "<formula>" if isinstance(value, dict | Formula) else "<number>"),
]


class Action(Model):
    """What a rule does when it fires: include one role, staffed in a given way."""

    role: RoleId
    fte: Headcount | None = Field(None, description="Fixed FTE, a formula, or the engagement's default.")
    engagement: Engagement | None = Field(None, description="Default: the role's first suitable engagement.")
    sourcing: Sourcing | None = Field(None, description="Default: in-house for owner/full/part-time, else outsource.")
    fallback: tuple[Engagement, ...] | None = Field(
        None, description="Cheaper engagements allowed when the budget is short; default: the role's other ones."
    )
    interim: Literal["owner"] | None = Field(None, description="Who covers the role until it is staffed.")
    phase: Annotated[int, Field(ge=1, le=20)] = 1
    priority: Annotated[int, Field(ge=0, le=1000)] = 50
    covers: tuple[RoleId, ...] = ()
    reason: Text


class Rule(Model):
    """A condition on the profile and the role it brings into the team."""

    id: RuleId
    description: Text
    sources: tuple[Text, ...] = Field(min_length=1)
    when: Condition | None = None
    then: Action
    enabled: bool = True


# ------------------------------------------------------------ figures


class Figure(Model):
    """A number the engine uses, with where it comes from."""

    value: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    unit: Text
    range: tuple[float, float] | None = None
    source: Text | None = None
    assumption: Text | None = None

    @model_validator(mode="after")
    def _has_basis(self) -> Self:
        if self.source is None and self.assumption is None:
            raise ValueError("give a `source` for the figure or state the `assumption` behind it")
        return self


class EngagementTerms(Model):
    """How an engagement is sized and priced."""

    default_fte: Annotated[float, Field(ge=0, le=10)]
    cost_factor: Annotated[float, Field(ge=0, le=10)]
    sourcing: Sourcing
    source: Text | None = None
    assumption: Text | None = None


class Region(Model):
    """A cost level: multiplies the catalogue's bands."""

    multiplier: Annotated[float, Field(gt=0, le=100)]
    label: Text
    source: Text | None = None
    assumption: Text | None = None


class PhaseSpec(Model):
    """One rollout phase in months from now; the last is open-ended."""

    phase: Annotated[int, Field(ge=1, le=20)]
    start_month: Annotated[int, Field(ge=0, le=600)]
    end_month: Annotated[int, Field(ge=1, le=600)] | None
    label: Text


class StageThresholds(Model):
    """Where each stage starts, to infer the stage from volumes when it is not given."""

    orders_per_day: dict[Stage, Money]
    monthly_revenue: dict[Stage, Money]
    assumption: Text


class RuleBook(Model):
    """Everything the engine needs besides the roles."""

    schema_version: Literal[1]
    drivers: dict[Name, Figure]
    engagements: dict[Engagement, EngagementTerms]
    regions: dict[Name, Region]
    default_region: Name
    phases: tuple[PhaseSpec, ...] = Field(min_length=1)
    stage_thresholds: StageThresholds
    rules: tuple[Rule, ...] = Field(min_length=1)


# ------------------------------------------------------------------ loading


def parse_profile(text: str, source: str) -> Profile:
    """Parse a business profile file.

    Raises:
        DataError: Listing every problem with its line.
    """
    return validated(parse_mapping(text, source, "profile"), Profile, "profile")


def parse_rulebook(text: str, source: str, catalogue: Catalogue) -> RuleBook:
    """Parse a rule book and check it against the catalogue it will be used with.

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


def _book_problems(book: RuleBook, catalogue: Catalogue, where: Where) -> Iterator[tuple[Loc, str]]:
    missing = [engagement.value for engagement in Engagement if engagement not in book.engagements]
    if missing:
        yield ("engagements",), f"terms missing for: {', '.join(missing)}"
    if book.default_region not in book.regions:
        yield ("default_region",), f"no region {book.default_region!r}; regions: {', '.join(book.regions)}"
    yield from _phase_problems(book)
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
        yield from _action_problems(("rules", index, "then"), rule.then, book, catalogue)


def _phase_problems(book: RuleBook) -> Iterator[tuple[Loc, str]]:
    for index, phase in enumerate(book.phases):
        loc: Loc = ("phases", index)
        if phase.phase != index + 1:
            yield (*loc, "phase"), f"phases must be numbered 1, 2, 3... in order; expected {index + 1}"
        if phase.end_month is not None and phase.end_month <= phase.start_month:
            yield (*loc, "end_month"), "must be after start_month"
        if phase.end_month is None and index != len(book.phases) - 1:
            yield (*loc, "end_month"), "only the last phase may be open-ended"


def _did_you_mean(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _action_problems(loc: Loc, action: Action, book: RuleBook, catalogue: Catalogue) -> Iterator[tuple[Loc, str]]:
    named = [((*loc, "role"), action.role)] + [
        ((*loc, "covers", i), covered) for i, covered in enumerate(action.covers)
    ]
    for role_loc, role_id in named:
        if catalogue.role(role_id) is None:
            known = [role.id for role in catalogue.roles]
            yield role_loc, f"no role {role_id!r} in the catalogue{_did_you_mean(role_id, known)}"
    if action.phase > len(book.phases):
        yield (*loc, "phase"), f"there are only {len(book.phases)} phases"
    if isinstance(action.fte, Formula):
        for part in ("times", "per"):
            for i, name in enumerate(getattr(action.fte, part)):
                driver = book.drivers.get(name)
                if driver is None:
                    yield (*loc, "fte", part, i), f"no driver {name!r}{_did_you_mean(name, list(book.drivers))}"
                elif part == "per" and driver.value == 0:
                    yield (*loc, "fte", part, i), f"driver {name!r} is 0 and cannot divide"
