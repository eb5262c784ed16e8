"""Labels and rows shared by the output formats, so each is worded once.

The terminal, markdown and CSV formats draw these in their own way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecomteam.output.words import Words, money, months_text, number
from ecomteam.vocab import Category, Engagement

if TYPE_CHECKING:
    from ecomteam.assess import Assessment, Hire, Overload
    from ecomteam.catalogue import RoleIndex
    from ecomteam.models import Role
    from ecomteam.output.results import PlanReport, RoleCard, RoleList
    from ecomteam.plan import Plan

#: Role facts shown as bullet lists rather than lines.
LISTED = frozenset({"Responsibilities", "Skills", "KPIs"})


def band_text(role: Role) -> str:
    """A role's cost band without its currency, e.g. `1,400-2,000`."""
    return f"{role.cost.min:,.0f}-{role.cost.max:,.0f}"


def cost_text(role: Role, currency: str) -> str:
    """A role's cost band, e.g. `EUR 1,400-2,000`."""
    return f"{currency} {band_text(role)}"


def role_rows(result: RoleList) -> list[list[str]]:
    """Each role of a list: id, name, category, first stage, preferred sourcing and band."""
    rows = []
    for role in result.roles:
        stage = result.first_stages.get(role.id)
        rows.append(
            [role.id, role.name, role.category.value, stage.value if stage else "-", role.sourcing.preferred.value,
             band_text(role)]
        )  # fmt: skip
    return rows


def sourcing_text(role: Role) -> str:
    """A role's sourcing guidance, e.g. `in-house (part-time, full-time)`."""
    engagements = ", ".join(engagement.value for engagement in role.sourcing.engagements)
    return f"{role.sourcing.preferred.value} ({engagements})"


def manager_text(role: Role, index: RoleIndex, present: frozenset[str] | None = None) -> str:
    """Whom a role reports to; with `present`, the nearest manager above it that the team has, else the owner."""
    if role.reports_to is None:
        return "nobody (top of the team)"
    manager = index.role(role.reports_to)
    seen = {role.id}
    while present is not None and manager is not None and manager.id not in present and manager.id not in seen:
        seen.add(manager.id)
        manager = index.role(manager.reports_to) if manager.reports_to else None
    if manager is None:
        return "the owner" if present is not None else str(role.reports_to)
    return f"{manager.name} ({manager.id})"


def cost_basis(role: Role) -> str:
    """Where a role's cost band comes from."""
    return role.cost.source or role.cost.assumption or ""


def roles_title(result: RoleList) -> str:
    """The heading of a role list: how many roles, and the filters applied."""
    filters = [
        f"{name} {value.value}"
        for name, value in (("category", result.category), ("stage", result.stage), ("sourcing", result.sourcing))
        if value is not None
    ]
    title = f"{len(result.roles)} of {len(result.index.catalogue.roles)} roles"
    return title + (f" ({', '.join(filters)})" if filters else "")


def role_facts(result: RoleCard) -> list[tuple[str, list[str]]]:
    """One role in full as (label, lines), in the order a reader wants them."""
    role = result.role
    currency = result.index.catalogue.cost_basis.currency
    return [
        ("Summary", [role.summary]),
        ("Category", [role.category.value]),
        ("From stage", [result.first_stage.value if result.first_stage else "no rule brings it in"]),
        ("Sourcing", [sourcing_text(role), role.sourcing.reason]),
        ("Cost", [f"{cost_text(role, currency)} per FTE and month", cost_basis(role)]),
        ("Reports to", [manager_text(role, result.index)]),
        ("Responsibilities", list(role.responsibilities)),
        ("Skills", list(role.skills)),
        ("KPIs", list(role.kpis)),
        ("Names", [f"{language.value}: {name}" for language, name in role.names.items()]),
        ("Also known as", ["; ".join(role.aliases)]),
        ("Sources", [str(source) for source in role.sources]),
    ]


def plan_heading(plan: Plan) -> str:
    """What the plan is for: stage, goals and channels."""
    profile = plan.profile
    return (
        f"Team for {'an' if profile.stage.value[0] in 'aeiou' else 'a'} {profile.stage.value} business"
        + (f", goals {', '.join(g.value for g in profile.goals)}" if profile.goals else "")
        + (f", channels {', '.join(c.value for c in profile.channels)}" if profile.channels else "")
        + (f", selling {profile.category}" if profile.category else "")
    )


def split_rows(plan: Plan) -> list[tuple[str, str, float]]:
    """In-house, outsourced and total: (label, FTE, monthly cost)."""
    totals = plan.totals
    return [
        ("in-house", number(totals.in_house_fte), totals.in_house_monthly_cost),
        ("outsourced", number(totals.outsource_fte), totals.outsource_monthly_cost),
        ("total", number(totals.fte), totals.monthly_cost),
    ]


def department_rows(result: PlanReport) -> list[tuple[str, list[str], float, float]]:
    """The final team by department, in the catalogue's order: (department, names, FTE, monthly cost)."""
    final = [line for line in result.plan.team if line.until_phase is None]
    rows = []
    for category in Category:
        lines = [line for line in final if result.index.by_id[line.role].category is category]
        if lines:
            names = list(dict.fromkeys(line.name for line in lines))
            fte, cost = sum(line.fte for line in lines), sum(line.monthly_cost for line in lines)
            rows.append((category.value, names, fte, cost))
    return rows


def line_names(plan: Plan) -> dict[str, str]:
    """Role id to the name its plan line shows."""
    return {line.role: line.name for line in plan.team}


def rollout_rows(plan: Plan) -> list[tuple[str, str, str, list[str], float]]:
    """Each phase: (number, months, label, names hired, run-rate); a role the owner holds says so."""
    names = line_names(plan)
    owned = {(line.phase, line.role) for line in plan.team if line.engagement is Engagement.OWNER}

    def hired(phase: int, role: str) -> str:
        return f"{names[role]} (owner)" if (phase, role) in owned else names[role]

    return [
        (str(phase.phase), months_text(phase), phase.label,
         list(dict.fromkeys(hired(phase.phase, role) for role in phase.roles)), phase.monthly_cost)
        for phase in plan.phases
    ]  # fmt: skip


def org_chart_edges(result: PlanReport) -> list[tuple[str | None, str]]:
    """(manager, role) pairs linking the plan's roles by `reports_to`.

    A role whose manager is not in the plan hangs under the nearest manager above it
    that is; a role with none is at the top (manager None). Order follows the team.
    """
    present = list(dict.fromkeys(line.role for line in result.plan.team))
    in_plan = set(present)
    edges: list[tuple[str | None, str]] = []
    for role_id in present:
        role = result.index.role(role_id)
        manager = role.reports_to if role else None
        seen = {role_id}
        while manager is not None and manager not in in_plan and manager not in seen:
            seen.add(manager)
            above = result.index.role(manager)
            manager = above.reports_to if above else None
        edges.append((manager if manager in in_plan else None, role_id))
    return edges


def org_children(result: PlanReport) -> dict[str | None, list[str]]:
    """Each manager's direct reports in the plan (None: the top of the chart)."""
    children: dict[str | None, list[str]] = {}
    for manager, role_id in org_chart_edges(result):
        children.setdefault(manager, []).append(role_id)
    return children


def computation(item: Overload, words: Words) -> str:
    """How a person's load was estimated, written out."""
    parts = " + ".join(f"{part.role} {part.load:.2g} ({words.reason(part.basis)})" for part in item.parts)
    return parts + (
        f" = {number(item.load)} FTE of work for {number(item.fte)} FTE; {item.counted_roles} roles{_besides(item)} "
        f"(one person carries at most {number(item.max_roles)}, assumed)"
    )


def _besides(item: Overload) -> str:
    left = len(item.roles) - item.counted_roles
    return f" besides {left} the plan leaves to the owner" if left else ""


def gap_text(hire: Hire, words: Words) -> str:
    """The gap a hire closes, e.g. `understaffed: 0.5 of 1 FTE (Ana)`."""
    return f"{hire.status}: {words.reason(hire.gap)}"


def assessment_cost_text(assessment: Assessment) -> str:
    """One sentence on what closing the gaps costs against the budget."""
    currency = assessment.profile.currency
    text = f"Closing every gap costs {money(assessment.gap_monthly_cost, currency)} a month"
    if assessment.budget is None:
        return text + " (no budget given)."
    verdict = "within" if assessment.within_budget else "over"
    return text + f", {verdict} the budget of {money(assessment.budget, currency)}."
