"""Turn a business profile into a team plan. Pure and deterministic: no I/O, no clock.

How a plan is built (the README documents the same steps):

1. Resolve the profile: infer the stage from volumes when it is not given, pick the
   region and currency, default the live rooms.
2. Evaluate every rule's condition; record why each fired or not.
3. Per role, the fired rule with the highest `priority` decides how it is staffed
   (ties: the smaller rule id). The others still add their reasons and ids.
4. A role listed in another line's `covers` is dropped when its own rule's priority
   is not above the coverer's: one person does both jobs.
5. Size each line (fixed FTE, a formula over drivers, or the engagement's default)
   and price it: FTE x mid-band cost x engagement cost factor x region multiplier.
6. Fit phase 1 to the budget. In priority order, phase-1 lines join while the sum of
   their cheapest allowed engagements fits; once one does not, it and every later
   line with a cost move to phase 2 (lines that can cost nothing always stay). Then,
   in the same order, each line takes the most wanted engagement the money left
   allows. So more budget never removes a role from phase 1.
7. A line staffed after phase 1 whose rule names an `interim` gets an owner line in
   phase 1: the owner covers the role until the hire.

A line's cheaper engagements are the rule's `fallback`, or else those of the role's
suitable engagements that are a lighter commitment than the one wanted (`LIGHTER`):
full-time may become part-time, freelance or the owner; part-time or agency work may
become freelance or the owner; freelance work may fall to the owner.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ecomteam import __version__
from ecomteam.errors import UsageError
from ecomteam.models import Catalogue, Role
from ecomteam.plan import Deferral, PhaseLine, Plan, ResolvedProfile, RuleTrace, TeamLine, Totals
from ecomteam.rulebook import (
    All,
    Any_,
    Condition,
    Formula,
    Leaf,
    Not,
    Op,
    Profile,
    ProfileField,
    Quantity,
    Rule,
    RuleBook,
)
from ecomteam.vocab import Channel, Engagement, Sourcing, Stage

#: The lighter commitments a wanted engagement may fall back to when money is short.
LIGHTER: dict[Engagement, tuple[Engagement, ...]] = {
    Engagement.FULL_TIME: (Engagement.PART_TIME, Engagement.FREELANCE, Engagement.OWNER),
    Engagement.PART_TIME: (Engagement.FREELANCE, Engagement.OWNER),
    Engagement.AGENCY: (Engagement.FREELANCE, Engagement.OWNER),
    Engagement.FREELANCE: (Engagement.OWNER,),
    Engagement.OWNER: (),
}

# ------------------------------------------------------------------ profile


def resolve_profile(profile: Profile, catalogue: Catalogue, book: RuleBook) -> tuple[ResolvedProfile, list[str]]:
    """Fill in the stage, region, currency and live rooms; return notes on what was assumed.

    Raises:
        UsageError: No stage and nothing to infer it from, an unknown region, or a
            currency other than the catalogue's.
    """
    notes: list[str] = []
    stage = profile.stage
    if stage is None:
        stage, note = infer_stage(profile, book)
        notes.append(note)
    elif profile.orders_per_day is not None or profile.monthly_revenue is not None:
        suggested, _ = infer_stage(profile, book)
        if suggested is not stage:
            notes.append(
                f"the stage was given as {stage.value}, though the volumes suggest {suggested.value}; "
                f"the plan follows the stage given"
            )
    if profile.live_rooms and Channel.LIVESTREAM not in profile.channels:
        raise UsageError(
            f"live rooms ({profile.live_rooms}) were given without the livestream channel; "
            "add --channel livestream, or leave out --live-rooms"
        )
    region = profile.region or book.default_region
    if region not in book.regions:
        raise UsageError(f"unknown region {region!r}; choose one of: {', '.join(sorted(book.regions))}")
    currency = catalogue.cost_basis.currency
    if profile.currency is not None and profile.currency != currency:
        raise UsageError(
            f"the catalogue's costs are in {currency}, not {profile.currency}; give the budget in {currency} "
            "or use a catalogue priced in your currency (--catalogue)"
        )
    live_rooms = profile.live_rooms
    if live_rooms is None:
        live_rooms = 1 if Channel.LIVESTREAM in profile.channels else 0
    data = profile.model_dump() | {"stage": stage, "region": region, "currency": currency, "live_rooms": live_rooms}
    data["goals"] = tuple(sorted(set(profile.goals)))
    data["channels"] = tuple(sorted(set(profile.channels)))
    return ResolvedProfile.model_validate(data), notes


def infer_stage(profile: Profile, book: RuleBook) -> tuple[Stage, str]:
    """Infer the stage from orders per day and monthly revenue (the larger wins).

    Raises:
        UsageError: Neither volume is known.
    """
    thresholds = book.stage_thresholds
    measures = [
        ("orders per day", profile.orders_per_day, thresholds.orders_per_day),
        ("monthly revenue", profile.monthly_revenue, thresholds.monthly_revenue),
    ]
    known = [(label, value, table) for label, value, table in measures if value is not None]
    if not known:
        raise UsageError(
            "say the stage (--stage solo|startup|growth|mature|enterprise), or give --monthly-revenue "
            "or --orders-per-day so it can be inferred"
        )
    stage = Stage.SOLO
    used = []
    for label, value, table in known:
        reached = max((s for s, start in table.items() if value >= start), key=lambda s: s.rank, default=Stage.SOLO)
        stage = max(stage, reached, key=lambda s: s.rank)
        starts = ", ".join(
            f"{s.value} from {start:,.0f}" for s, start in sorted(table.items(), key=lambda i: i[0].rank)
        )
        used.append(f"{label} {value:,.0f} ({starts})")
    return stage, f"stage {stage.value} inferred from " + " and ".join(used) + "; give --stage to override"


# --------------------------------------------------------------- conditions


@dataclass(frozen=True)
class Facts:
    """The resolved profile as conditions see it."""

    profile: ResolvedProfile

    def get(self, name: ProfileField) -> object:
        """Return the profile's value for a condition field."""
        return getattr(self.profile, name.value)


def evaluate(condition: Condition | None, facts: Facts) -> tuple[bool, str]:
    """Evaluate a condition; the text says which values decided it.

    For a false condition the text names the first test that failed.
    """
    match condition:
        case None:
            return True, "always"
        case All():
            return _all(condition.all, facts)
        case Any_():
            return _any(condition.any, facts)
        case Not():
            ok, why = evaluate(condition.not_, facts)
            return not ok, f"not ({why})"
        case Leaf():
            return _leaf(condition, facts)
    raise AssertionError(condition)  # pragma: no cover - the union is closed


def _all(conditions: Iterable[Condition], facts: Facts) -> tuple[bool, str]:
    reasons = []
    for child in conditions:
        ok, why = evaluate(child, facts)
        if not ok:
            return False, why
        reasons.append(why)
    return True, " and ".join(reasons)


def _any(conditions: Iterable[Condition], facts: Facts) -> tuple[bool, str]:
    failed = []
    for child in conditions:
        ok, why = evaluate(child, facts)
        if ok:
            return True, why
        failed.append(why)
    return False, "none of: " + "; ".join(failed)


def _leaf(leaf: Leaf, facts: Facts) -> tuple[bool, str]:
    actual = facts.get(leaf.field)
    value = leaf.value
    wanted = f"{leaf.field.value} {leaf.op.value} {_shown(value)}"
    if isinstance(actual, tuple):
        have = set(actual)
        values = set(value) if isinstance(value, tuple) else {value}
        ok = values <= have if leaf.op is Op.HAS else bool(values & have)
        return ok, f"{wanted} (is {', '.join(map(str, actual)) or 'none'})"
    if leaf.op is Op.SET:
        ok = (actual is not None) == value
    elif actual is None:
        ok = leaf.op is Op.NE or leaf.op is Op.NOT_IN
    elif isinstance(actual, Stage):
        ok = _compare(leaf.op, actual.rank, _ranks(value))
    else:
        ok = _compare(leaf.op, actual, value)
    return ok, f"{wanted} (is {_shown(actual) if actual is not None else 'not given'})"


def _shown(value: object) -> str:
    """Format a condition value the way rule files write it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):
        return ", ".join(_shown(item) for item in value)
    return str(value)


def _ranks(value: object) -> object:
    if isinstance(value, tuple):
        return tuple(Stage(v).rank for v in value)
    return Stage(str(value)).rank


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


def _compare(op: Op, actual: object, value: object) -> bool:
    return bool(_COMPARE[op](actual, value))


# --------------------------------------------------------------- the plan


@dataclass
class _Line:
    """A line being built; becomes a `TeamLine`."""

    role: Role
    rule: Rule
    rules: list[Rule]
    phase: int
    engagement: Engagement
    fte: float
    options: list[tuple[Engagement, float, float]]  # (engagement, fte, cost), most wanted first
    cost: float = 0.0
    covers: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lead: str | None = None  # the reason to give first, when it is not the rule's own

    @property
    def priority(self) -> int:
        return self.rule.then.priority

    @property
    def min_cost(self) -> float:
        return min(cost for _, _, cost in self.options)


def build_plan(profile: Profile, catalogue: Catalogue, book: RuleBook) -> Plan:
    """Build the recommended team for a profile.

    Args:
        profile: What the user said about the business.
        catalogue: The roles.
        book: The rules and the figures behind them.

    Raises:
        UsageError: The profile cannot be resolved (see `resolve_profile`).
    """
    resolved, notes = resolve_profile(profile, catalogue, book)
    facts = Facts(resolved)
    traces: list[RuleTrace] = []
    fired: dict[str, list[Rule]] = {}
    for rule in book.rules:
        if not rule.enabled:
            traces.append(RuleTrace(rule=rule.id, role=rule.then.role, fired=False, detail="disabled"))
            continue
        ok, why = evaluate(rule.when, facts)
        traces.append(RuleTrace(rule=rule.id, role=rule.then.role, fired=ok, detail=why))
        if ok:
            fired.setdefault(rule.then.role, []).append(rule)

    lines = [_new_line(catalogue, book, resolved, rules) for _, rules in sorted(fired.items())]
    lines = _merge_covered(lines)
    deferred = _fit_budget(lines, resolved.budget, len(book.phases), catalogue.cost_basis.currency)
    lines += _interim_lines(lines)
    lines.sort(key=lambda line: (line.phase, -line.priority, line.role.id, line.engagement is not Engagement.OWNER))
    team = tuple(_team_line(line, book) for line in lines)
    return Plan(
        ecomteam_version=__version__,
        profile=resolved,
        notes=tuple(notes),
        team=team,
        phases=_phases(team, book),
        totals=_totals(team, resolved.budget),
        deferred=tuple(deferred),
        explain=tuple(traces),
    )


def _new_line(catalogue: Catalogue, book: RuleBook, profile: ResolvedProfile, rules: list[Rule]) -> _Line:
    ranked = sorted(rules, key=lambda rule: (-rule.then.priority, rule.id))
    rule = ranked[0]
    action = rule.then
    role = catalogue.role(action.role)
    if role is None:  # the rule book is checked against the catalogue when it loads
        raise AssertionError(action.role)
    wanted = action.engagement or role.sourcing.engagements[0]
    notes: list[str] = []
    fte = _fte(action.fte, wanted, book, profile, notes)
    if action.fallback is not None:
        fallbacks = action.fallback
    else:
        fallbacks = tuple(engagement for engagement in role.sourcing.engagements if engagement in LIGHTER[wanted])
    options = [(wanted, fte, _cost(role, wanted, fte, book, profile))]
    for engagement in fallbacks:
        if engagement is wanted:
            continue
        default = book.engagements[engagement].default_fte
        smaller = min(fte, default) if default > 0 else 0.0
        cost = _cost(role, engagement, smaller, book, profile)
        if cost < options[0][2]:
            options.append((engagement, smaller, cost))
    options[1:] = sorted(options[1:], key=lambda option: (-option[2], option[0].value))
    return _Line(
        role=role,
        rule=rule,
        rules=ranked,
        phase=min(action.phase, len(book.phases)),
        engagement=wanted,
        fte=fte,
        options=options,
        cost=options[0][2],
        covers=list(action.covers),
        notes=notes,
    )


def _fte(
    spec: float | Formula | None, engagement: Engagement, book: RuleBook, profile: ResolvedProfile, notes: list[str]
) -> float:
    if engagement is Engagement.OWNER:
        return 0.0
    if spec is None:
        return book.engagements[engagement].default_fte
    if not isinstance(spec, Formula):
        return float(spec)
    base = 1.0 if spec.base is Quantity.ONE else getattr(profile, spec.base.value)
    if base is None:
        notes.append(f"{spec.base.value.replace('_', ' ')} not given: {spec.min:g} FTE assumed")
        return spec.min
    value = float(base)
    steps = [f"{spec.base.value.replace('_', ' ')} {value:g}"]
    for name in spec.times:
        value *= book.drivers[name].value
        steps.append(f"x {name.replace('_', ' ')} {book.drivers[name].value:g}")
    for name in spec.per:
        value /= book.drivers[name].value
        steps.append(f"/ {name.replace('_', ' ')} {book.drivers[name].value:g}")
    rounded = math.ceil(round(value / spec.step, 9)) * spec.step
    bounded = max(spec.min, rounded if spec.max is None else min(spec.max, rounded))
    notes.append(f"{' '.join(steps)} = {value:.2f}, so {bounded:g} FTE")
    return round(bounded, 2)


def _cost(role: Role, engagement: Engagement, fte: float, book: RuleBook, profile: ResolvedProfile) -> float:
    middle = (role.cost.min + role.cost.max) / 2
    terms = book.engagements[engagement]
    return float(round(fte * middle * terms.cost_factor * book.regions[profile.region].multiplier))


def _merge_covered(lines: list[_Line]) -> list[_Line]:
    by_role = {line.role.id: line for line in lines}
    dropped: set[str] = set()
    for line in sorted(lines, key=lambda line: (-line.priority, line.role.id)):
        if line.role.id in dropped:
            continue
        kept = []
        for covered_id in line.covers:
            covered = by_role.get(covered_id)
            if covered is not None and covered_id not in dropped and covered.priority > line.priority:
                continue  # its own rule outranks the cover: it stays a separate line
            if covered is not None and covered_id not in dropped:
                dropped.add(covered_id)
                line.rules += [rule for rule in covered.rules if rule not in line.rules]
            kept.append(covered_id)
        line.covers = kept
        if kept:
            line.notes.append("also covers " + ", ".join(kept))
    return [line for line in lines if line.role.id not in dropped]


def _fit_budget(lines: list[_Line], budget: float | None, phases: int, currency: str) -> list[Deferral]:
    if budget is None:
        return []
    first = sorted((line for line in lines if line.phase == 1), key=lambda line: (-line.priority, line.role.id))
    members: list[_Line] = []
    spent = 0.0
    blocked = False
    deferred: list[Deferral] = []
    for line in first:
        if not blocked and spent + line.min_cost <= budget:
            members.append(line)
            spent += line.min_cost
        elif line.min_cost == 0:
            members.append(line)
        else:
            blocked = True
            line.phase = min(2, phases)
            reason = (
                f"does not fit the phase 1 budget of {currency} {budget:,.0f}: it needs at least "
                f"{currency} {line.min_cost:,.0f} a month and {currency} {spent:,.0f} is already committed"
            )
            line.notes.append(f"moved to phase {line.phase}: {reason}")
            deferred.append(Deferral(role=line.role.id, reason=reason))
    left = budget - spent
    for line in members:
        for engagement, fte, cost in line.options:
            if cost - line.min_cost <= left:
                left -= cost - line.min_cost
                if engagement is not line.engagement:
                    line.lead = (
                        f"{engagement.value.capitalize()} instead of {line.engagement.value} to fit the phase 1 budget"
                        + (" (the owner covers it)." if engagement is Engagement.OWNER else ".")
                    )
                line.engagement, line.fte, line.cost = engagement, fte, cost
                break
    return deferred


def _interim_lines(lines: Iterable[_Line]) -> list[_Line]:
    interim = []
    for line in lines:
        if line.phase > 1 and line.rule.then.interim == "owner":
            cover = replace(
                line,
                phase=1,
                engagement=Engagement.OWNER,
                fte=0.0,
                cost=0.0,
                covers=[],
                notes=[],
                lead=f"The owner covers this role until the {line.engagement.value} hire in phase {line.phase}.",
            )
            interim.append(cover)
    return interim


def _sourcing(line: _Line, book: RuleBook) -> Sourcing:
    """The rule's sourcing for its own engagement; otherwise what the engagement implies."""
    action = line.rule.then
    if action.sourcing is not None and line.engagement is line.options[0][0]:
        return action.sourcing
    return book.engagements[line.engagement].sourcing


def _team_line(line: _Line, book: RuleBook) -> TeamLine:
    reasons = [*([line.lead] if line.lead else []), line.rule.then.reason, *line.notes]
    reasons += [rule.then.reason for rule in line.rules if rule is not line.rule]
    return TeamLine(
        role=line.role.id,
        name=line.role.name,
        fte=round(line.fte, 2),
        sourcing=_sourcing(line, book),
        engagement=line.engagement,
        phase=line.phase,
        monthly_cost=line.cost,
        covers=tuple(line.covers),
        reasons=tuple(dict.fromkeys(reasons)),
        rules=tuple(rule.id for rule in line.rules),
    )


def _phases(team: tuple[TeamLine, ...], book: RuleBook) -> tuple[PhaseLine, ...]:
    phases = []
    for spec in book.phases:
        hired = tuple(line.role for line in team if line.phase == spec.phase)
        run_rate = sum(line.monthly_cost for line in team if line.phase <= spec.phase)
        phases.append(
            PhaseLine(
                phase=spec.phase,
                label=spec.label,
                start_month=spec.start_month,
                end_month=spec.end_month,
                roles=hired,
                monthly_cost=run_rate,
            )
        )
    return tuple(phases)


def _totals(team: tuple[TeamLine, ...], budget: float | None) -> Totals:
    def total(values: Iterable[float]) -> float:
        return round(sum(values), 2)

    inside = [line for line in team if line.sourcing is Sourcing.IN_HOUSE]
    outside = [line for line in team if line.sourcing is Sourcing.OUTSOURCE]
    monthly = total(line.monthly_cost for line in team)
    return Totals(
        fte=total(line.fte for line in team),
        in_house_fte=total(line.fte for line in inside),
        outsource_fte=total(line.fte for line in outside),
        monthly_cost=monthly,
        in_house_monthly_cost=total(line.monthly_cost for line in inside),
        outsource_monthly_cost=total(line.monthly_cost for line in outside),
        phase_1_monthly_cost=total(line.monthly_cost for line in team if line.phase == 1),
        budget=budget,
        within_budget=None if budget is None else monthly <= budget,
    )
