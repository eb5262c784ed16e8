"""The plan month by month: the team re-sized from the projected volumes, and seasonal peaks.

Month m's need is the plan for the volumes grown m times by `growth` (and the budget by
`budget_growth`), as it stands m months into its own rollout. Nobody is let go because
a month needs less than the one before; a role leaves only when the plan replaces it
(its line ends and no line of it follows). A peak adds temporary agency staff for its
days: the service and warehouse crews at the raised volume less those at the ordinary
one. Pure: the start date is given, never read from a clock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pydantic import Field

from ecomteam.codes import Code
from ecomteam.models import Model
from ecomteam.months import add_months
from ecomteam.vocab import Category, Engagement

if TYPE_CHECKING:
    from ecomteam.models import Catalogue
    from ecomteam.plan import Plan, TeamLine
    from ecomteam.profile import CustomPeak, Profile
    from ecomteam.rulebook import Peak, RuleBook

#: Months a timeline runs when peaks are asked for without --months: one of each peak.
DEFAULT_MONTHS = 12
#: The departments whose work follows the orders, and so takes temporary staff at a peak.
PEAK_DEPARTMENTS = frozenset({Category.CUSTOMER_SERVICE, Category.LOGISTICS})
#: Temporary staff at a peak come through an agency.
PEAK_ENGAGEMENT = Engagement.AGENCY
#: The average month, for costing a peak's days.
DAYS_PER_MONTH = 365.25 / 12


class Step(Model):
    """A role that changes its engagement or size in a month."""

    role: str
    from_engagement: Engagement
    from_fte: float
    to_engagement: Engagement
    to_fte: float
    phase: int = Field(description="The rollout phase of the line stepped to.")


class Hire(Model):
    """A role that starts in a month, and how."""

    role: str
    engagement: Engagement
    fte: float
    phase: int = Field(description="The rollout phase of the line hired: a phase spans the months its hires land.")


class Temporary(Model):
    """Temporary staff for one role over a peak."""

    role: str
    name: str
    fte: float
    engagement: Engagement
    cost: float = Field(description="For the peak's days, not per month.")


class PeakPlan(Model):
    """A peak in the timeline: when, how much the orders rise, and the temporary crew."""

    name: str
    label: str
    start: date
    end: date
    uplift: float
    temporary: tuple[Temporary, ...]
    cost: float


class Month(Model):
    """The team in one month of the timeline."""

    month: int = Field(description="1 is the first month of the plan.")
    date: date
    orders_per_day: float | None
    fte: float = Field(description="The permanent team, paid FTE.")
    headcount: int = Field(description="People paid by the business (the owner not counted).")
    departments: dict[Category, float] = Field(description="Permanent FTE by department.")
    monthly_cost: float
    cumulative_cost: float = Field(description="Permanent and temporary cost from the first month to this one.")
    hires: tuple[Hire, ...] = Field(description="Roles that start this month.")
    steps: tuple[Step, ...] = Field(description="Roles that change engagement or size this month.")
    leaves: tuple[str, ...] = Field(description="Roles another takes over this month, as the plan replaces them.")
    temporary_fte: float
    temporary_cost: float
    peaks: tuple[str, ...]
    monthly_revenue: float | None
    cost_to_revenue: float | None = Field(description="Permanent and temporary cost over the month's revenue.")
    over_benchmark: bool = Field(description="Whether cost_to_revenue exceeds the rule book's staff-cost benchmark.")


@dataclass(frozen=True)
class _Held:
    """A role as the team holds it in a month."""

    line: TeamLine

    @property
    def key(self) -> tuple[Engagement, float]:
        return self.line.engagement, self.line.fte


@dataclass(frozen=True)
class _Inputs:
    """What every month of a timeline is built from."""

    plan: Plan  # today's
    profile: Profile
    catalogue: Catalogue
    book: RuleBook
    start: date
    months: int


def with_timeline(plan: Plan, profile: Profile, catalogue: Catalogue, book: RuleBook, start: date) -> Plan:
    """The plan with its month-by-month timeline and its peaks, when the profile asks for them."""
    months = profile.months or (DEFAULT_MONTHS if profile.peaks else 0)
    if not months:
        return plan
    inputs = _Inputs(plan, profile, catalogue, book, start, months)
    peaks = [_peak_plan(inputs, peak) for peak in _peaks(profile, book)]
    return plan.model_copy(update={"timeline": tuple(_months(inputs, peaks)), "peaks": tuple(peaks)})


def _months(inputs: _Inputs, peaks: list[PeakPlan]) -> list[Month]:
    held: dict[str, _Held] = {}
    timeline: list[Month] = []
    cumulative = 0.0
    for month in range(inputs.months):
        need = _projected(inputs, month)
        change = _held(held, need, month)
        held = change.held
        during = [(peak, share) for peak in peaks if (share := _share_in_month(peak, inputs.start, month)) > 0]
        entry = _month(inputs, month, need, change, during)
        cumulative += entry.monthly_cost + entry.temporary_cost
        timeline.append(entry.model_copy(update={"cumulative_cost": cumulative}))
    return timeline


def _projected(inputs: _Inputs, month: int) -> Plan:
    """The plan for the volumes and budget `month` months on (today's plan when nothing grows)."""
    from ecomteam.engine import build_plan

    profile = inputs.profile
    growth, budget_growth = profile.growth or 0.0, profile.budget_growth or 0.0
    if month == 0 or (growth == 0 and budget_growth == 0):
        return inputs.plan
    factor, budget_factor = (1 + growth) ** month, (1 + budget_growth) ** month
    update: dict[str, object] = {"months": None, "peaks": (), "growth": None, "budget_growth": None}
    for name in ("orders_per_day", "monthly_revenue"):
        if (value := getattr(profile, name)) is not None:
            update[name] = value * factor
    if profile.budget is not None:
        update["budget"] = profile.budget * budget_factor
    return build_plan(profile.model_copy(update=update), inputs.catalogue, inputs.book, trace=False)


def _active(plan: Plan, month: int) -> dict[str, TeamLine]:
    """Each role's line in place `month` months into the plan's rollout."""
    starts = {phase.phase: phase.start_month for phase in plan.phases}
    active: dict[str, TeamLine] = {}
    for line in plan.team:
        ends = starts[line.until_phase] if line.until_phase is not None else math.inf
        if starts[line.phase] <= month < ends:
            active[line.role] = line
    return active


def _replaced(plan: Plan, month: int) -> set[str]:
    """Roles whose last line in the plan has ended by `month`: another role has taken the work over."""
    starts = {phase.phase: phase.start_month for phase in plan.phases}
    last: dict[str, TeamLine] = {}
    for line in plan.team:
        last[line.role] = line
    return {role for role, line in last.items() if line.until_phase is not None and starts[line.until_phase] <= month}


@dataclass(frozen=True)
class _Change:
    """The team before a month and in it, and the roles that left."""

    before: dict[str, _Held]
    held: dict[str, _Held]
    leaves: tuple[str, ...]


def _held(before: dict[str, _Held], need: Plan, month: int) -> _Change:
    """The team this month: what the month needs, never less than a role already had, less the roles replaced."""
    active, replaced = _active(need, month), _replaced(need, month)
    held = {role: item for role, item in before.items() if role not in replaced}
    for role, line in active.items():
        kept = held.get(role)
        # A cheaper line at no less FTE (an agency's work taken in-house) waits until it costs no less: the
        # outsourced hours already bought cover the work, and the month's cost never falls.
        grows = kept is not None and line.fte >= kept.line.fte and line.monthly_cost >= kept.line.monthly_cost
        if kept is None or grows or kept.line.engagement is Engagement.OWNER:
            held[role] = _Held(line)
    leaves = tuple(role for role in before if role not in held)
    order = {line.role: index for index, line in enumerate(need.team)}
    return _Change(before, dict(sorted(held.items(), key=lambda item: order.get(item[0], len(order)))), leaves)


def _month(inputs: _Inputs, month: int, need: Plan, change: _Change, during: list[tuple[PeakPlan, float]]) -> Month:
    """A month's entry; its cumulative cost is filled in by the caller, which keeps the running sum."""
    held, before = change.held, change.before
    categories = {role.id: role.category for role in inputs.catalogue.roles}
    departments: dict[Category, float] = {}
    for role, item in held.items():
        departments[categories[role]] = round(departments.get(categories[role], 0.0) + item.line.fte, 4)
    cost = sum(item.line.monthly_cost for item in held.values())
    temporary_cost = round(sum(share * peak.cost for peak, share in during))
    revenue = _with_peaks(need.totals.monthly_revenue, during, inputs.book)
    share = (cost + temporary_cost) / revenue if revenue else None
    steps = [
        Step(role=role, from_engagement=was.line.engagement, from_fte=was.line.fte,
             to_engagement=item.line.engagement, to_fte=item.line.fte, phase=item.line.phase)
        for role, item in held.items()
        if (was := before.get(role)) is not None and was.key != item.key
    ]  # fmt: skip
    return Month(
        month=month + 1,
        date=add_months(inputs.start, month),
        orders_per_day=need.profile.orders_per_day,
        fte=round(sum(item.line.fte for item in held.values()), 4),
        headcount=sum(math.ceil(item.line.fte - 1e-9) for item in held.values() if item.line.fte > 0),
        departments=departments,
        monthly_cost=cost,
        cumulative_cost=0,
        hires=tuple(
            Hire(role=role, engagement=item.line.engagement, fte=item.line.fte, phase=item.line.phase)
            for role, item in held.items()
            if role not in before and item.line.engagement is not Engagement.OWNER
        ),
        steps=tuple(steps),
        leaves=change.leaves,
        temporary_fte=round(sum(line.fte for peak, _ in during for line in peak.temporary), 4),
        temporary_cost=temporary_cost,
        peaks=tuple(peak.name for peak, _ in during),
        monthly_revenue=revenue,
        cost_to_revenue=share,
        over_benchmark=share is not None and share > inputs.book.drivers["staff_cost_to_revenue"].value,
    )


# ------------------------------------------------------------------ peaks


def _peaks(profile: Profile, book: RuleBook) -> list[tuple[str, str, str, str, float]]:
    """The peaks asked for: (name, label, start MM-DD, end MM-DD, uplift); an unknown name is a usage error."""
    from ecomteam.errors import UsageError
    from ecomteam.suggest import did_you_mean

    found = []
    for peak in profile.peaks:
        if isinstance(peak, str):
            known: Peak | None = book.peaks.get(peak)
            if known is None:
                hint = did_you_mean(peak, list(book.peaks))
                raise UsageError(f"unknown peak {peak!r}{hint}; the rule book knows {', '.join(book.peaks)}")
            found.append((peak, known.label, known.start, known.end, known.uplift))
        else:
            custom: CustomPeak = peak
            found.append((custom.name, custom.name, custom.start, custom.end, custom.uplift))
    return found


def _first_window(start_day: str, end_day: str, start: date, months: int) -> tuple[date, date] | None:
    """The first time the peak's days fall within the timeline, or None."""
    last = add_months(start, months) - timedelta(days=1)
    for year in range(start.year - 1, last.year + 1):
        begins = date(year, *map(int, start_day.split("-")))
        ends = date(year, *map(int, end_day.split("-")))
        if ends < begins:  # over the new year
            ends = date(year + 1, *map(int, end_day.split("-")))
        if ends >= start and begins <= last:
            return max(begins, start), min(ends, last)
    return None


def _peak_plan(inputs: _Inputs, peak: tuple[str, str, str, str, float]) -> PeakPlan:
    """A peak's temporary crew: the volume-driven service and warehouse FTE at the raised orders, less today's."""
    from ecomteam.engine import build_plan

    name, label, start_day, end_day, uplift = peak
    window = _first_window(start_day, end_day, inputs.start, inputs.months)
    begins, ends = window if window is not None else (inputs.start, inputs.start - timedelta(days=1))
    # The stage stays the one planned: a busy fortnight does not make a growth shop mature.
    pinned = {"months": None, "peaks": (), "growth": None, "budget_growth": None, "budget": None,
              "stage": inputs.plan.profile.stage}  # fmt: skip
    # The ordinary day is the one of the peak's month, the volumes grown to it.
    grown = (1 + (inputs.profile.growth or 0.0)) ** ((begins.year - inputs.start.year) * 12 + begins.month
                                                     - inputs.start.month)  # fmt: skip
    volumes = {field: value * grown for field in ("orders_per_day", "monthly_revenue")
               if (value := getattr(inputs.profile, field)) is not None}  # fmt: skip
    profile = inputs.profile.model_copy(update=pinned | volumes)
    temporary: list[Temporary] = []
    if volumes and window is not None:
        raised = profile.model_copy(update={field: value * (1 + uplift) for field, value in volumes.items()})
        ordinary, busy = (build_plan(shop, inputs.catalogue, inputs.book, trace=False) for shop in (profile, raised))
        temporary = _temporary(inputs, _crews(ordinary, inputs.catalogue), _crews(busy, inputs.catalogue),
                               (ends - begins).days + 1)  # fmt: skip
    cost = sum(line.cost for line in temporary)
    return PeakPlan(name=name, label=label, start=begins, end=ends, uplift=uplift, temporary=tuple(temporary),
                    cost=cost)  # fmt: skip


def _temporary(inputs: _Inputs, ordinary: dict[str, float], busy: dict[str, float], days: int) -> list[Temporary]:
    """Agency staff for the FTE the busy days need beyond the ordinary ones, costed for those days."""
    from ecomteam.engine import staffing_cost

    roles = {role.id: role for role in inputs.catalogue.roles}
    temporary = []
    for role, fte in busy.items():
        extra = round(fte - ordinary.get(role, 0.0), 2)
        if extra > 0:
            monthly = staffing_cost(roles[role], PEAK_ENGAGEMENT, extra, inputs.book, inputs.plan.profile)
            temporary.append(Temporary(role=role, name=roles[role].name, fte=extra, engagement=PEAK_ENGAGEMENT,
                                       cost=round(monthly * days / DAYS_PER_MONTH)))  # fmt: skip
    return temporary


def _crews(plan: Plan, catalogue: Catalogue) -> dict[str, float]:
    """The full team's FTE per role the orders size in the departments that follow them.

    Leads and managers are left out: an agency sends its temporary crews with their
    own supervisors, and nobody hires a manager for a fortnight.
    """
    departments = {role.id: role.category for role in catalogue.roles}
    crews: dict[str, float] = {}
    for line in plan.team:
        if line.until_phase is None and departments[line.role] in PEAK_DEPARTMENTS and _sized_by_orders(line):
            crews[line.role] = crews.get(line.role, 0.0) + line.fte
    return crews


def _sized_by_orders(line: TeamLine) -> bool:
    return any(reason.code is Code.FORMULA and reason.params["base"] == "orders_per_day" for reason in line.reasons)


def _with_peaks(revenue: float | None, during: list[tuple[PeakPlan, float]], book: RuleBook) -> float | None:
    """A month's revenue with the extra orders of its peaks: each peak day sells its uplift over an ordinary one."""
    if revenue is None:
        return None
    extra_days = sum(share * ((peak.end - peak.start).days + 1) * peak.uplift for peak, share in during)
    return round(revenue * (1 + extra_days / book.drivers["days_per_month"].value), 2)


def _share_in_month(peak: PeakPlan, start: date, month: int) -> float:
    """The share of the peak's days that fall in the timeline's month."""
    first, after = add_months(start, month), add_months(start, month + 1)
    total = (peak.end - peak.start).days + 1
    if total <= 0:
        return 0.0
    inside = (min(peak.end + timedelta(days=1), after) - max(peak.start, first)).days
    return max(inside, 0) / total
