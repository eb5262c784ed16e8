"""Plans side by side: scenarios of one business, and a sweep of one input.

A scenario is a name and a profile; `compare` plans each and lists what differs: for
each role, its FTE, engagement and cost in the full team of every scenario, where they
are not all the same, and the same for the totals. A sweep is a comparison whose
scenarios step one field from A to B. Pure: nothing here reads a file or prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import Field

from ecomteam.errors import UsageError
from ecomteam.i18n import _
from ecomteam.models import Model
from ecomteam.plan import Plan

if TYPE_CHECKING:
    from datetime import date

    from ecomteam.models import Catalogue
    from ecomteam.profile import Profile
    from ecomteam.rulebook import RuleBook

#: The most scenarios a comparison plans: a sweep of 20 points is the issue's target; 200 leaves room.
MAX_SCENARIOS = 200
#: The totals compared, by their name in the plan's `totals`.
COMPARED_TOTALS = ("fte", "in_house_fte", "outsource_fte", "monthly_cost", "phase_1_monthly_cost", "cost_to_revenue")


class Scenario(Model):
    """One scenario: its name, the fields it changes, and its plan."""

    name: str
    changes: dict[str, object] = Field(description="The profile fields this scenario sets over the base.")
    plan: Plan


class RoleDifference(Model):
    """A role whose full-team staffing is not the same in every scenario (one entry per scenario, in order)."""

    role: str
    name: str
    fte: tuple[float, ...]
    engagement: tuple[str | None, ...] = Field(description="None where the scenario has no such role.")
    monthly_cost: tuple[float, ...]


class TotalDifference(Model):
    """A total that is not the same in every scenario."""

    total: str
    values: tuple[float | None, ...]


class Comparison(Model):
    """Scenarios and what differs between them; `sweep` names the field a sweep steps."""

    scenarios: tuple[Scenario, ...]
    differences: tuple[RoleDifference, ...]
    totals: tuple[TotalDifference, ...]
    sweep: str | None = None


def compare(
    scenarios: Sequence[tuple[str, dict[str, object], Profile]], catalogue: Catalogue, book: RuleBook, start: date,
    *, sweep: str | None = None,
) -> Comparison:  # fmt: skip
    """Plan every scenario and list their differences.

    Raises:
        UsageError: Fewer than two scenarios, or more than `MAX_SCENARIOS`.
    """
    from ecomteam.engine import build_plan

    if len(scenarios) < 2:
        raise UsageError(_("compare needs two or more scenarios: profile files, --scenario or --sweep"))
    if len(scenarios) > MAX_SCENARIOS:
        raise UsageError(
            _("{count} scenarios are too many to compare; at most {most}").format(
                count=len(scenarios), most=MAX_SCENARIOS
            )
        )
    planned = tuple(
        Scenario(name=name, changes=changes, plan=build_plan(profile, catalogue, book, trace=False, start=start))
        for name, changes, profile in scenarios
    )
    plans = [scenario.plan for scenario in planned]
    differences = role_differences(plans, catalogue)
    return Comparison(scenarios=planned, differences=differences, totals=total_differences(plans), sweep=sweep)


def final_team(plan: Plan) -> dict[str, tuple[float, str, float]]:
    """Each role of the full team: its FTE, its engagement (the larger line's) and its monthly cost."""
    team: dict[str, tuple[float, str, float]] = {}
    for line in plan.team:
        if line.until_phase is None:
            fte, engagement, cost = team.get(line.role, (0.0, line.engagement.value, 0.0))
            team[line.role] = (round(fte + line.fte, 4), engagement, cost + line.monthly_cost)
    return team


def role_differences(plans: Sequence[Plan], catalogue: Catalogue) -> tuple[RoleDifference, ...]:
    """The roles whose FTE, engagement or cost is not the same in every plan, in the catalogue's order."""
    teams = [final_team(plan) for plan in plans]
    names = {role.id: role.name for role in catalogue.roles}
    differences = []
    for role in (role.id for role in catalogue.roles):
        held = [team.get(role) for team in teams]
        if all(item is None for item in held) or len(set(held)) == 1:
            continue
        differences.append(
            RoleDifference(
                role=role,
                name=names[role],
                fte=tuple(item[0] if item else 0.0 for item in held),
                engagement=tuple(item[1] if item else None for item in held),
                monthly_cost=tuple(item[2] if item else 0.0 for item in held),
            )
        )
    return tuple(differences)


def total_differences(plans: Sequence[Plan]) -> tuple[TotalDifference, ...]:
    """The compared totals that are not the same in every plan."""
    found = []
    for total in COMPARED_TOTALS:
        values = tuple(getattr(plan.totals, total) for plan in plans)
        if len(set(values)) > 1:
            found.append(TotalDifference(total=total, values=values))
    return tuple(found)


def sweep_values(text: str) -> tuple[str, list[float]]:
    """`FIELD=A..B/STEP` as the field and its values from A to B (B included when the steps reach it).

    Raises:
        UsageError: Not of that form, a step that is not positive, or more than `MAX_SCENARIOS` values.
    """
    import re

    found = re.fullmatch(r"\s*([a-z_-]+)\s*=\s*([\d.]+)\s*\.\.\s*([\d.]+)\s*(?:/\s*([\d.]+))?\s*", text)
    if found is None:
        raise UsageError(
            f"invalid value for --sweep: {text!r}; write FIELD=FROM..TO/STEP, e.g. orders_per_day=50..1000/50"
        )
    field, low, high, step = found[1].replace("-", "_"), float(found[2]), float(found[3]), found[4]
    size = float(step) if step else (high - low) / 10 or 1
    if size <= 0 or high < low:
        raise UsageError(
            _("invalid value for --sweep: {text!r}; FROM must not exceed TO and STEP must be above 0").format(text=text)
        )
    count = int((high - low) / size + 1e-9) + 1
    if count > MAX_SCENARIOS:
        raise UsageError(
            _("--sweep {text!r} gives {count} points; at most {most}: take a larger step").format(
                text=text, count=count, most=MAX_SCENARIOS
            )
        )
    return field, [round(low + index * size, 6) for index in range(count)]
