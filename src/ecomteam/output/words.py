"""English words for the core's codes: the one place a `Reason` or a `Check` becomes text.

A `Words` is made per result from the rule book the plan came from, since a rule's
own reason is text in the rule book. Labels shared by several formats (money,
months, staffing) live here too, so each is worded once.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ecomteam.codes import Code
from ecomteam.vocab import Engagement

if TYPE_CHECKING:
    from ecomteam.plan import Check, PhaseLine, Plan, Reason, TeamLine


def number(value: float) -> str:
    """A figure as people write it: no exponent, no trailing zeros, thousands apart (1,000,000; 0.25)."""
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def percent(share: float) -> str:
    """A share as a percentage, with a decimal only where it tells (20%, 20.2%: not 20% beside 10-20%)."""
    return f"{share:.1%}".replace(".0%", "%")


class _Figures(string.Formatter):
    """Fills templates, writing each `{name:g}` figure with `number` and each `{name:%}` share with `percent`."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in ("g", "%") and isinstance(value, int | float) and not isinstance(value, bool):
            return number(value) if format_spec == "g" else percent(value)
        return str(super().format_field(value, format_spec))


_FIGURES = _Figures()


def money(amount: float, currency: str) -> str:
    """Format an amount of money, e.g. `EUR 1,331`."""
    return f"{currency} {amount:,.0f}"


def months_text(phase: PhaseLine) -> str:
    """Format a phase's months, e.g. `0-3` or `12+`."""
    return f"{phase.start_month}+" if phase.end_month is None else f"{phase.start_month}-{phase.end_month}"


def _spaced(name: str) -> str:
    return name.replace("_", " ")


#: Codes worded by filling in their parameters (numbers, and lists joined with commas).
_TEMPLATES: dict[Code, str] = {
    Code.INTERIM_OWNER: "The owner covers this role until the {engagement} hire in phase {phase}.",
    Code.VOLUME_MISSING: "{base} not given: {fte:g} FTE assumed",
    Code.ALSO_COVERS: "also covers {roles}",
    Code.PLATFORM_CHANNEL: "{platform} sells through the {channel} channel, so the plan includes that channel",
    Code.PLATFORM_UNKNOWN: (
        "platform {platform} is not one the rule book knows ({known}); the plan does not depend on it"
    ),
    Code.PLATFORM_UNNAMED: (
        "no --platform was given, so the marketplace stores are planned as article 002's: an operator for each "
        "store; on a listing marketplace ({listing}) one person runs several, so name it with --platform"
    ),
    Code.BUDGET_LEFT: (
        "{currency} {left:,.0f} of the phase 1 budget is left: enough to start a later hire sooner than the "
        "articles' order of hiring, if today's work needs it (any one of {roles})"
    ),
    Code.RAMPED: (
        "{fte:g} FTE: {share:.0%} of the way from the {previous} size ({start:g}) to the {stage} size ({end:g})"
    ),
    Code.ORDER_WORK: "{fte:g} FTE: today's orders already keep that many busy, of the {stage} size ({end:g})",
    Code.STEPS_UP: "Grows to {engagement} {fte:g} FTE in phase {phase}.",
    Code.BUDGET_PART: "Starts with {fte:g} of its {wanted:g} FTE to fit the phase 1 budget.",
    Code.WAITS_BEHIND: (
        "moved to phase {phase}: it waits for {role}, which comes first in the hiring order and does not fit "
        "the phase 1 budget"
    ),
    Code.CREWS_FIRST: (
        "moved to phase {phase}: the phase 1 budget goes first to the crews today's volume needs "
        "({currency} {crews:,.0f} a month at their full size)"
    ),
    Code.TEAM_TOO_SMALL: (
        "moved to phase {phase}: the {fte:g} FTE of {team} the phase 1 budget starts are too few to need a lead"
    ),
    Code.OVER_BUDGET: (
        "does not fit the phase 1 budget of {currency} {budget:,.0f}: it needs at least {currency} {needs:,.0f} "
        "a month and {currency} {committed:,.0f} is already committed"
    ),
    Code.STAGE_DISAGREES: (
        "the stage was given as {given}, though the volumes suggest {suggested}; the plan follows the stage given"
    ),
    Code.COST_ABOVE_BENCHMARK: (
        "the full team would cost {share:%} of revenue; e-commerce businesses spend about {low:.0%}-{high:.0%} "
        "on staff, software and compliance together"
    ),
    Code.MEASURES_DISAGREE: (
        "the orders per day are a {orders} shop's and the monthly revenue a {revenue} shop's: the plan takes "
        "the stage between ({stage}); check both figures, or give --stage"
    ),
    Code.ORDER_VALUE_LOW: (
        "the order value is {currency} {value:,.2f}, too little to pay for picking, packing and shipping an "
        "order (the rule book's floor is {currency} {lowest:,.0f}); check the revenue and the orders per day, "
        "since the plan is sized from them"
    ),
    Code.REVENUE_MISMATCH: (
        "the monthly revenue given ({currency} {given:,.0f}) is far from orders per day x average order value "
        "({currency} {implied:,.0f}); the plan uses the revenue given"
    ),
    Code.SHORT_OF_VOLUME: (
        "the phase 1 budget starts {roles} smaller or later than today's volume needs; until they reach their size "
        "in a later phase, that work will lag"
    ),
    Code.OWNER_AS_PLANNED: "by {people}, the owner, as the plan expects",
    Code.NOBODY: "nobody covers it",
    Code.SHORT: "{held:g} of {needed:g} FTE ({people})",
    Code.SIDE_JOB: "only as a side job of {people}",
    Code.COVERED_BY: "by {people}",
    Code.STAYS_WITH_OWNER: "Stays with the owner ({people}).",
    Code.OWNER_COVERS: "The owner covers it.",
    Code.STAYS: "Stays: covered {coverage}.",
    Code.ADDED_PARTLY: "Added in phase {phase}: today {coverage}.",
    Code.ADDED_MISSING: "Added in phase {phase}: nobody covers it today.",
    Code.NOT_IN_PLAN: "not in the plan yet",
    Code.OWNER_BY_PLAN: "the plan leaves it to the owner",
    Code.PLANNED: "{engagement} {fte:g} FTE in the plan",
}
_TEMPLATES[Code.MOVED_FOR_BUDGET] = "moved to phase {phase}: " + _TEMPLATES[Code.OVER_BUDGET]

#: Parameters that hold role ids (one, or a list).
_ROLE_PARAMETERS = frozenset({"role", "roles", "team"})

_MEASURES = {"orders_per_day": "orders per day", "monthly_revenue": "monthly revenue"}


@dataclass(frozen=True)
class Words:
    """Words for one result: codes to English, with the rule book's own rule reasons."""

    rule_reasons: Mapping[str, str]
    left_out: Mapping[str, str] = field(default_factory=dict)  # per category, the work its plans do not staff
    role_names: Mapping[str, str] = field(default_factory=dict)  # a reader sees names, never role ids

    def reason(self, reason: Reason) -> str:
        """Word a reason."""
        composed = self._composed.get(reason.code)
        if composed is not None:
            return composed(self, reason.params)
        return _FIGURES.format(_TEMPLATES[reason.code], **self._filled(reason.params))

    def _filled(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Parameters ready for a template: lists joined, nested reasons worded, field names spaced."""
        return {key: self._fill(key, value) for key, value in params.items()}

    def _fill(self, key: str, value: Any) -> Any:
        if key in _ROLE_PARAMETERS:
            value = [self.role_names.get(role, role) for role in ([value] if isinstance(value, str) else value)]
        if isinstance(value, tuple | list):
            return ", ".join(map(str, value))
        if key == "coverage":
            return self.reason(value)
        return _spaced(value) if key == "base" else value

    def _rule(self, params: Mapping[str, Any]) -> str:
        return self.rule_reasons.get(params["rule"], params["rule"])

    def _fallback(self, params: Mapping[str, Any]) -> str:
        tail = " (the owner covers it)." if params["engagement"] == Engagement.OWNER else "."
        return f"{params['engagement'].capitalize()} instead of {params['wanted']} to fit the phase 1 budget{tail}"

    def _formula(self, params: Mapping[str, Any]) -> str:
        steps = [f"{_spaced(params['base'])} {number(params['value'])}"]
        steps += [f"{step['op']} {_spaced(step['driver'])} {number(step['value'])}" for step in params["steps"]]
        if params["base"] == "one" and params["steps"]:  # a fixed crew: its first figure is the base
            steps = [steps[1].removeprefix("x "), *steps[2:]]
        limit = {"min": " (the rule's floor)", "max": " (the rule's ceiling)"}.get(params.get("limit") or "", "")
        return f"{' '.join(steps)} = {params['result']:.2f}, so {number(params['fte'])} FTE{limit}"

    def _joined(self, params: Mapping[str, Any]) -> str:
        how = "adds its own headcount" if params["joins"] == "add" else "sets the least headcount"
        # A reader gets the rule's subject in words (service-desk-opening-hours: "the service desk opening hours").
        return f"the {_spaced(params['rule'].replace('-', ' '))} rule {how}: {number(params['fte'])} FTE in all"

    def _stage_inferred(self, params: Mapping[str, Any]) -> str:
        used = []
        for measure in params["measures"]:
            starts = ", ".join(f"{stage} from {start:,.0f}" for stage, start in measure["starts"].items())
            used.append(f"{_MEASURES[measure['measure']]} {measure['value']:,.0f} ({starts})")
        return f"stage {params['stage']} inferred from " + " and ".join(used) + "; give --stage to override"

    def _category_scope(self, params: Mapping[str, Any]) -> str:
        left_out = self.left_out.get(params["category"], "")
        return f"for {params['category']}, the plan does not staff {left_out}"

    def _stage_ramp(self, params: Mapping[str, Any]) -> str:
        # Under half a percent reads as "0% of the way", which says nothing.
        where = (
            f"have only just reached the {params['stage']} stage"
            if params["share"] < 0.005
            else f"are {params['share']:.0%} of the way through the {params['stage']} stage"
        )
        return (
            f"the volumes {where}: the roles it adds come in, and those it replaces go, in step with them, "
            "so the team grows without a jump at the threshold"
        )

    def _no_effect(self, params: Mapping[str, Any]) -> str:
        field, value = params["field"], params["value"]
        if isinstance(value, int | float):
            why = (
                "the roles it sizes are still at their least size"
                if params["covered"]
                else "no role at this stage is sized by it"
            )
            value = number(value)
        elif field == "category":
            why = "none of the figures it changes sizes a role at this stage"
        elif params["covered"]:
            why = "the team this stage needs already does that work"
        else:
            why = "the rule book has no rule for it here"
        return f"{_spaced(field)} {value} changes nothing at the {params['stage']} stage: {why}"

    #: Codes whose wording is put together from several parts.
    _composed: ClassVar[dict[Code, Callable[[Words, Mapping[str, Any]], str]]] = {
        Code.RULE: _rule,
        Code.BUDGET_FALLBACK: _fallback,
        Code.FORMULA: _formula,
        Code.JOINED: _joined,
        Code.STAGE_INFERRED: _stage_inferred,
        Code.NO_EFFECT: _no_effect,
        Code.STAGE_RAMP: _stage_ramp,
        Code.CATEGORY_SCOPE: _category_scope,
    }

    def check(self, check: Check | None) -> str:
        """Word how a condition came out (`disabled` for a rule that was not evaluated)."""
        if check is None:
            return "disabled"
        match check.kind:
            case "always":
                return "always"
            case "leaf":
                return _leaf(check)
            case "not":
                return f"not ({self.check(check.children[0])})"
            case "all":
                return " and ".join(self.check(child) for child in check.children)
            case "any":
                joined = "; ".join(self.check(child) for child in check.children)
                return joined if check.ok else "none of: " + joined
        raise AssertionError(check.kind)  # pragma: no cover - the kinds are closed

    def why(self, line: TeamLine) -> str:
        """A line's first reason: the one a table shows."""
        return self.reason(line.reasons[0])

    def reasons(self, line: TeamLine) -> list[str]:
        """All of a line's reasons, worded, without repeats."""
        return list(dict.fromkeys(self.reason(reason) for reason in line.reasons))


def _leaf(check: Check) -> str:
    wanted = f"{check.field} {check.op} {_shown(check.value)}"
    if isinstance(check.actual, tuple | list):
        return f"{wanted} (is {', '.join(map(str, check.actual)) or 'none'})"
    return f"{wanted} (is {_shown(check.actual) if check.actual is not None else 'not given'})"


def _shown(value: object) -> str:
    """Format a condition value the way rule files write it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return number(value)
    if isinstance(value, tuple | list):
        return ", ".join(_shown(item) for item in value)
    return str(value)


def engagement_text(line: TeamLine, name: Callable[[str], str]) -> str:
    """A line's engagement and, by `name`, the other roles the same person covers."""
    covers = f", also covers {', '.join(map(name, line.covers))}" if line.covers else ""
    return f"{line.engagement.value}{covers}"


def staffing_labels(plan: Plan) -> dict[str, str]:
    """Per role, how it is staffed over the phases, e.g. `owner, phase 1; then full-time 1 FTE, phase 3`."""
    staffing: dict[str, list[str]] = {}
    for line in plan.team:
        size = "" if line.engagement is Engagement.OWNER else f" {number(line.fte)} FTE"
        staffing.setdefault(line.role, []).append(f"{line.engagement.value}{size}, phase {line.phase}")
    return {role: "; then ".join(parts) for role, parts in staffing.items()}


def summary_rows(plan: Plan) -> list[tuple[str, str]]:
    """The plan in a few labelled lines: the team, and what phase 1 and the full plan cost."""
    currency, totals = plan.profile.currency, plan.totals
    roles = len({line.role for line in plan.team})
    owned = sum(line.engagement is Engagement.OWNER for line in plan.team)
    owner = f", {owned} held by the owner" if owned else ""
    budget = f" against a budget of {money(totals.budget, currency)}" if totals.budget is not None else ""
    fits = {True: ", within the budget", False: ", which growth must fund", None: ""}[totals.within_budget]
    share = ""
    if totals.cost_to_revenue is not None and totals.monthly_revenue is not None:
        share = f"; {percent(totals.cost_to_revenue)} of a monthly revenue of {money(totals.monthly_revenue, currency)}"
    outside = f"{number(totals.outsource_fte)} of it outsourced" if totals.outsource_fte else "all in-house"
    rows = [
        ("Team", f"{roles} roles{owner}; {number(totals.fte)} FTE, {outside}"),
        ("Phase 1", f"{money(totals.phase_1_monthly_cost, currency)} a month{budget}"),
        ("Full plan", f"{money(totals.monthly_cost, currency)} a month{fits}{share}"),
    ]  # fmt: skip
    # Warnings are shown in full right after these rows; the row says when there are none.
    return rows if plan.warnings else [*rows, ("Warnings", "none")]
