"""The plan the engine returns: the team, the rollout, the totals and why.

These models are the scripting API (`recommend --format json`); `SCHEMA_VERSION`
changes with any incompatible change to their shape.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ecomteam.models import Model
from ecomteam.rulebook import Profile
from ecomteam.vocab import Engagement, Sourcing, Stage

SCHEMA_VERSION: Literal[1] = 1


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
    covers: tuple[str, ...] = Field(description="Other role ids this person also covers.")
    reasons: tuple[str, ...] = Field(min_length=1)
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


class Deferral(Model):
    """A role that could not start in phase 1, and why."""

    role: str
    reason: str


class RuleTrace(Model):
    """Whether a rule fired, with the values that decided it."""

    rule: str
    role: str
    fired: bool
    detail: str


class Plan(Model):
    """A recommended team for one profile."""

    schema_version: Literal[1] = SCHEMA_VERSION
    ecomteam_version: str
    profile: ResolvedProfile
    notes: tuple[str, ...]
    team: tuple[TeamLine, ...]
    phases: tuple[PhaseLine, ...]
    totals: Totals
    deferred: tuple[Deferral, ...]
    explain: tuple[RuleTrace, ...]
