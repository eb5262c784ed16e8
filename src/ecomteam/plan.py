"""The plan the engine returns: the team, the rollout, the totals and why.

These models are the scripting API (`recommend --format json`); `SCHEMA_VERSION`
changes with any incompatible change to their shape. Nothing here is a sentence:
every reason, note, deferral and rule trace is a `Reason` (a `Code` and its
parameters) or a `Check`, and `ecomteam.output` words them.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal, Self

from pydantic import ConfigDict, Field, SerializationInfo, SerializerFunctionWrapHandler, model_serializer

from ecomteam.codes import PARAMS, Code
from ecomteam.models import Model
from ecomteam.profile import Profile
from ecomteam.timeline import Month, PeakPlan
from ecomteam.vocab import Engagement, Sourcing, Stage

#: Version 2: reasons, notes, deferrals and rule traces became codes with parameters.
#: Version 3: warnings carry a `message`; new codes (`joined`) and rule-book fields (`joins`, `team`).
SCHEMA_VERSION: Literal[5] = 5


class Reason(Model):
    """One reason, note or verdict: a code and its parameters, never a sentence.

    In JSON a reason is written flat, `{"code": ..., "text": ..., **params}`, with
    `text` in the output's language.
    """

    code: Code
    params: dict[str, Any] = Field(default_factory=dict)

    #: The key the worded text is written under.
    text_key: ClassVar[str] = "text"

    @classmethod
    def of(cls, code: Code, **params: Any) -> Self:
        """Build a reason from its code and parameters (exactly those `PARAMS` lists for the code)."""
        if tuple(params) != PARAMS[code]:  # a bug in the caller, not bad input
            raise AssertionError(f"{code.value} takes {PARAMS[code]}, not {tuple(params)}")
        return cls(code=code, params=params)

    @model_serializer(mode="wrap")
    def _flat(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> dict[str, Any]:
        data = handler(self)
        words = (info.context or {}).get("words")
        text = {self.text_key: words.reason(self)} if words is not None else {}
        return {"code": data["code"], **text, **data["params"]}

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        """Describe the flat shape the serializer writes."""
        return {
            "type": "object",
            "title": cls.__name__,
            "description": f"A code, its {cls.text_key} in the output's language, and the code's parameters.",
            "properties": {"code": {"enum": [code.value for code in Code]}, cls.text_key: {"type": "string"}},
            "required": ["code"],
            "additionalProperties": True,
            # One branch per code: its parameters are required, and nothing else may appear.
            "oneOf": [
                {
                    "properties": {"code": {"const": code.value}, **{name: {} for name in PARAMS[code]}},
                    "required": ["code", *PARAMS[code]],
                    "propertyNames": {"enum": ["code", cls.text_key, *PARAMS[code]]},
                }
                for code in Code
            ],
        }


class PlanWarning(Reason):
    """What a consultant would flag about a plan; written `{code, message, **params}`."""

    text_key: ClassVar[str] = "message"


class ResolvedProfile(Profile):
    """The profile after defaults and stage inference: what the plan was built for."""

    stage: Stage
    region: str
    currency: str
    live_rooms: int


class TeamLine(Model):
    """One position in the plan: a role, how it is staffed, when and why."""

    role: str = Field(description="Catalogue role id.")
    name: str
    fte: float = Field(description="Paid full-time equivalents; 0 when the owner covers the role.")
    sourcing: Sourcing
    engagement: Engagement
    phase: int = Field(description="Rollout phase, 1-based; phase 1 starts now.")
    monthly_cost: float
    until_phase: int | None = Field(
        None, description="The phase in which the role's next line takes over (a step); null: to the end of the plan."
    )
    covers: tuple[str, ...] = Field(description="Other role ids this person also covers.")
    reasons: tuple[Reason, ...] = Field(min_length=1)
    rules: tuple[str, ...] = Field(description="Ids of the rules that asked for this role, winner first.")


class PhaseLine(Model):
    """One rollout phase: who is hired in it and the run-rate once it is done."""

    phase: int
    label: str
    start_month: int
    end_month: int | None
    roles: tuple[str, ...] = Field(description="Role ids hired (or covered) in this phase.")
    monthly_cost: float = Field(description="Cumulative monthly run-rate of phases 1 to this one.")


class Totals(Model):
    """The whole plan in numbers."""

    fte: float
    in_house_fte: float
    outsource_fte: float
    monthly_cost: float = Field(description="Run-rate once every phase is done.")
    in_house_monthly_cost: float
    outsource_monthly_cost: float
    phase_1_monthly_cost: float
    budget: float | None
    within_budget: bool | None = Field(description="Whether the full run-rate fits the budget; null without one.")
    monthly_revenue: float | None = Field(
        description="The revenue given, or orders per day x average order value x days per month; null if unknown."
    )
    cost_to_revenue: float | None = Field(
        description="The full run-rate as a share of monthly revenue; null if unknown."
    )


class Deferral(Model):
    """A role that could not start in phase 1, and why."""

    role: str
    reason: Reason


class Check(Model):
    """How a condition came out: the tests that decided it, with the values seen.

    `kind` is `always` (no condition), `all`, `any`, `not` or `leaf`. Only the tests
    that decided the outcome are kept: the first failing test of a false `all`, the
    first passing test of a true `any`.
    """

    kind: Literal["always", "all", "any", "not", "leaf"]
    ok: bool
    field: str | None = None
    op: str | None = None
    value: Any = None
    actual: Any = None
    children: tuple[Check, ...] = ()


def _with_detail_property(schema: dict[str, Any]) -> None:
    schema["properties"]["detail"] = {"type": "string", "description": "The check, in the output's language."}


class RuleTrace(Model):
    """Whether a rule fired, with the check that decided it (none for a disabled rule).

    Written with a `detail` text in the output's language beside the check.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=_with_detail_property)

    rule: str
    role: str
    fired: bool
    check: Check | None

    @model_serializer(mode="wrap")
    def _with_detail(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        words = (info.context or {}).get("words")
        return data | ({"detail": words.check(self.check)} if words is not None else {})


class Plan(Model):
    """A recommended team for one profile."""

    schema_version: Literal[5] = SCHEMA_VERSION
    ecomteam_version: str
    profile: ResolvedProfile
    notes: tuple[Reason, ...]
    team: tuple[TeamLine, ...]
    phases: tuple[PhaseLine, ...]
    totals: Totals
    deferred: tuple[Deferral, ...]
    warnings: tuple[PlanWarning, ...] = Field(
        (), description="What a consultant would flag: cost against revenue, inputs that disagree."
    )
    explain: tuple[RuleTrace, ...] = Field((), description="Every rule and why it fired or not; with --explain only.")
    timeline: tuple[Month, ...] = Field((), description="Month by month, with --months (or --peak) only.")
    peaks: tuple[PeakPlan, ...] = Field((), description="Seasonal peaks and their temporary staff, with --peak only.")
