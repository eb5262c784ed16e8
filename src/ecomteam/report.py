"""The plan as a markdown document for people: summary, tables, diagrams, checklist, sources.

Renders well on GitHub and in common markdown viewers: GitHub-flavoured tables with
every cell escaped, a mermaid org chart (with the same chart as a nested list), a
mermaid gantt of the rollout from a given start date, and a section on every figure
used and where it comes from. Pure: the start date is passed in, never read from a
clock, so the same input gives the same document.
"""

from __future__ import annotations

import re
from datetime import date

from ecomteam import __version__
from ecomteam.models import Catalogue
from ecomteam.plan import PhaseLine, Plan, TeamLine
from ecomteam.render import (
    budget_text,
    engagement_text,
    md_cell,
    md_table,
    md_text,
    money,
    months_text,
    org_chart_edges,
    staffing_labels,
    to_yaml,
)
from ecomteam.rulebook import Formula, RuleBook
from ecomteam.vocab import Engagement, Sourcing

#: Days shown for the open-ended last phase in the gantt chart.
OPEN_PHASE_DAYS = 180


def add_months(start: date, months: int) -> date:
    """Return the date `months` calendar months after `start` (clamped to the month's end)."""
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    month += 1
    days_in_month = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
    return date(year, month, min(start.day, days_in_month))


def first_of_next_month(today: date) -> date:
    """The default rollout start: the first day of the month after `today`."""
    return add_months(today.replace(day=1), 1)


def plan_document(plan: Plan, catalogue: Catalogue, book: RuleBook, start: date) -> str:
    """Render the whole plan as a markdown document."""
    sections = [
        _front_matter(plan, start),
        _summary(plan, book),
        _team(plan),
        _split(plan),
        _rollout(plan, start),
        _org_chart(plan, catalogue),
        _roles(plan, catalogue),
        _checklist(plan),
        _sources(plan, catalogue, book),
    ]
    return "\n".join(section for section in sections if section)


def _front_matter(plan: Plan, start: date) -> str:
    profile = plan.profile.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    header = {"generator": f"ecomteam {__version__}", "start": start.isoformat(), "profile": profile}
    return f"---\n{to_yaml(header)}---\n"


def _names(values: tuple[object, ...]) -> str:
    return ", ".join(str(value) for value in values) or "none given"


def _summary(plan: Plan, book: RuleBook) -> str:
    profile, totals = plan.profile, plan.totals
    region = book.regions.get(profile.region)
    people = f"{totals.fte:g} FTE: {totals.in_house_fte:g} in-house, {totals.outsource_fte:g} outsourced"
    owner_lines = [line for line in plan.team if line.engagement is Engagement.OWNER]
    if owner_lines:
        people += f", and the owner covering {len(owner_lines)} role{'s' if len(owner_lines) != 1 else ''}"
    rows = [
        ["Stage", profile.stage.value],
        ["Goals", _names(tuple(goal.value for goal in profile.goals))],
        ["Channels", _names(tuple(channel.value for channel in profile.channels))],
        ["Region", f"{profile.region} ({region.label})" if region else profile.region],
        ["Team", people],
        ["Phase 1 cost", money(totals.phase_1_monthly_cost, profile.currency) + " a month"],
        ["Budget", money(totals.budget, profile.currency) + " a month" if totals.budget is not None else "not given"],
        ["Full plan", money(totals.monthly_cost, profile.currency) + " a month"],
    ]
    notes = "".join(f"> {md_text(note)}\n\n" for note in plan.notes)
    title = f"# E-commerce team plan: {profile.stage.value} business\n"
    return f"{title}\n{md_table(['', ''], rows)}\n{md_text(budget_text(plan))}\n\n{notes}"


def _team(plan: Plan) -> str:
    currency = plan.profile.currency
    rows = [
        [
            str(line.phase),
            line.name,
            f"{line.fte:g}",
            line.sourcing.value,
            engagement_text(line),
            money(line.monthly_cost, currency),
            line.reasons[0],
        ]
        for line in plan.team
    ]
    header = ["phase", "role", "FTE", "sourcing", "engagement", "monthly cost", "why"]
    return "## Team\n\n" + md_table(header, rows)


def _split(plan: Plan) -> str:
    totals, currency = plan.totals, plan.profile.currency

    def share(amount: float) -> str:
        return f"{amount / totals.monthly_cost:.0%}" if totals.monthly_cost else "-"

    rows = [
        ["in-house", f"{totals.in_house_fte:g}", money(totals.in_house_monthly_cost, currency),
         share(totals.in_house_monthly_cost)],
        ["outsourced", f"{totals.outsource_fte:g}", money(totals.outsource_monthly_cost, currency),
         share(totals.outsource_monthly_cost)],
        ["total", f"{totals.fte:g}", money(totals.monthly_cost, currency), share(totals.monthly_cost)],
    ]  # fmt: skip
    outsourced = sorted({line.name for line in plan.team if line.sourcing is Sourcing.OUTSOURCE})
    tail = f"\nOutsourced: {md_text(', '.join(outsourced))}.\n" if outsourced else ""
    return "## In-house and outsourced\n\n" + md_table(["", "FTE", "monthly cost", "share of cost"], rows) + tail


def _phase_dates(phase: PhaseLine, start: date) -> tuple[date, int]:
    begins = add_months(start, phase.start_month)
    if phase.end_month is None:
        return begins, OPEN_PHASE_DAYS
    return begins, (add_months(start, phase.end_month) - begins).days


def _rollout(plan: Plan, start: date) -> str:
    names = {line.role: line.name for line in plan.team}
    rows = [
        [
            str(phase.phase),
            months_text(phase),
            _phase_dates(phase, start)[0].isoformat(),
            phase.label,
            ", ".join(dict.fromkeys(names[role] for role in phase.roles)) or "-",
            money(phase.monthly_cost, plan.profile.currency),
        ]
        for phase in plan.phases
    ]
    table = md_table(["phase", "months", "from", "", "hires", "run-rate"], rows)
    return f"## Rollout\n\n{table}\n{_gantt(plan, start)}"


def _gantt_text(text: str) -> str:
    """Make text safe as a gantt task or section title (no colon, hash or semicolon)."""
    return re.sub(r"[:#;]", " ", text).strip()


def _gantt(plan: Plan, start: date) -> str:
    lines = [
        "```mermaid",
        "gantt",
        f"    title Rollout from {start.isoformat()}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %b %Y",
    ]
    for phase in plan.phases:
        hires = [line for line in plan.team if line.phase == phase.phase]
        if not hires:
            continue
        begins, days = _phase_dates(phase, start)
        lines.append(f"    section Phase {phase.phase} ({_gantt_text(phase.label)})")
        for index, line in enumerate(hires, start=1):
            title = _gantt_text(f"{line.name} ({line.engagement.value})")
            lines.append(f"    {title} :p{phase.phase}r{index}, {begins.isoformat()}, {days}d")
    lines.append("```")
    return "\n".join(lines) + "\n"


def _node_id(role: str) -> str:
    return "r_" + re.sub(r"[^A-Za-z0-9_]", "_", role)


def _mermaid_label(text: str) -> str:
    return text.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def _org_chart(plan: Plan, catalogue: Catalogue) -> str:
    names = {line.role: line.name for line in plan.team}
    staffing = staffing_labels(plan)
    edges = org_chart_edges(plan, catalogue)
    chart = ["```mermaid", "flowchart TD"]
    for _, role in edges:
        label = _mermaid_label(f"{names[role]}<br/>{staffing[role]}").replace("#lt;br/#gt;", "<br/>")
        chart.append(f'    {_node_id(role)}["{label}"]')
    chart += [f"    {_node_id(manager)} --> {_node_id(role)}" for manager, role in edges if manager]
    chart.append("```")
    children: dict[str | None, list[str]] = {}
    for manager, role in edges:
        children.setdefault(manager, []).append(role)
    listing: list[str] = []

    def walk(manager: str | None, depth: int) -> None:
        for role in children.get(manager, []):
            listing.append(f"{'  ' * depth}- {md_text(names[role])}: {md_text(staffing[role])}")
            walk(role, depth + 1)

    walk(None, 0)
    return "## Org chart\n\n" + "\n".join(chart) + "\n\nThe same chart as a list:\n\n" + "\n".join(listing) + "\n"


def _roles(plan: Plan, catalogue: Catalogue) -> str:
    parts = ["## The roles\n"]
    seen: set[str] = set()
    currency = plan.profile.currency
    for line in plan.team:
        role = catalogue.role(line.role)
        if role is None or role.id in seen:
            continue
        seen.add(role.id)
        staffing = [item for item in plan.team if item.role == role.id]
        how = "; then ".join(
            f"{item.engagement.value}, {item.sourcing.value}, {item.fte:g} FTE, phase {item.phase}, "
            f"{money(item.monthly_cost, currency)} a month"
            for item in staffing
        )
        reasons = list(dict.fromkeys(reason for item in staffing for reason in item.reasons))
        parts.append(f"### {md_text(role.name)} (`{role.id}`)\n")
        parts.append(f"{md_text(role.summary)}\n")
        parts.append(f"**In this plan:** {md_text(how)}.\n")
        parts.append("**Why:**\n\n" + "".join(f"- {md_text(reason)}\n" for reason in reasons))
        parts.append(f"**In-house or outsourced:** {md_text(role.sourcing.reason)}\n")
        parts.append("**Responsibilities:**\n\n" + "".join(f"- {md_text(item)}\n" for item in role.responsibilities))
        parts.append("**KPIs to track:**\n\n" + "".join(f"- {md_text(item)}\n" for item in role.kpis))
    return "\n".join(parts)


def _checklist(plan: Plan) -> str:
    profile = plan.profile
    first = [line for line in plan.team if line.phase == 1]
    later = [line for line in plan.team if line.phase >= 3]
    outside = [line for line in plan.team if line.sourcing is Sourcing.OUTSOURCE]
    owner = [line for line in plan.team if line.engagement is Engagement.OWNER]
    hires = [
        line for line in plan.team if line.sourcing is Sourcing.IN_HOUSE and line.engagement is not Engagement.OWNER
    ]
    goals = ", ".join(goal.value for goal in profile.goals)

    def listed(lines: list[TeamLine]) -> str:
        return ", ".join(dict.fromkeys(line.name for line in lines)) or "none"

    steps = [
        (
            "Set the e-commerce vision",
            f"Write down what the team must achieve in the next one to two years; this plan was built for "
            f"{'these goals: ' + goals if goals else 'no particular goal, so add yours and run it again'}.",
        ),
        (
            "Assess the current team",
            f"For each of the {len({line.role for line in plan.team})} roles below, note who does the work today, "
            f"their strengths and gaps. Today the owner covers: {listed(owner)}.",
        ),
        (
            "Draw the ideal team",
            f"The plan's team is {plan.totals.fte:g} FTE in {len(plan.team)} lines (see Team and Org chart), "
            f"with the main duties of each role under The roles.",
        ),
        (
            "Set hiring priorities",
            f"Must have now (phase 1): {listed(first)}. Hire from outside first: {listed(outside)}. "
            f"Can wait until the business grows (phase 3 and later): {listed(later)}.",
        ),
        (
            "Recruit with job descriptions",
            "Write a job description for each in-house hire, stating expectations, responsibilities and skills "
            f"(`ecomteam jd ROLE --stage {profile.stage.value}` drafts one): {listed(hires)}.",
        ),
        (
            "Build the team culture",
            "Agree the team's communication channels, hold a regular team meeting to review progress and the "
            "KPIs above, and keep time for learning new skills.",
        ),
    ]
    body = "".join(f"{number}. **{title}.** {text}\n" for number, (title, text) in enumerate(steps, start=1))
    return "## Action checklist\n\nThe six steps of article 000, filled in for this plan:\n\n" + body


def _sources(plan: Plan, catalogue: Catalogue, book: RuleBook) -> str:
    currency = plan.profile.currency
    roles = [role for role_id in dict.fromkeys(line.role for line in plan.team) if (role := catalogue.role(role_id))]
    cost_rows = [
        [role.name, f"{role.cost.min:,.0f}-{role.cost.max:,.0f}", role.cost.source or role.cost.assumption or ""]
        for role in roles
    ]
    engagements = sorted({line.engagement for line in plan.team}, key=lambda e: list(Engagement).index(e))
    terms_rows = [
        [
            engagement.value,
            f"{book.engagements[engagement].default_fte:g}",
            f"{book.engagements[engagement].cost_factor:g}",
            book.engagements[engagement].source or book.engagements[engagement].assumption or "",
        ]
        for engagement in engagements
    ]
    region = book.regions[plan.profile.region]
    rules = {rule.id: rule for rule in book.rules}
    used = [rules[rule_id] for line in plan.team for rule_id in line.rules if rule_id in rules]
    drivers = dict.fromkeys(
        name
        for rule in used
        if isinstance(rule.then.fte, Formula)
        for name in (*rule.then.fte.times, *rule.then.fte.per)
    )
    driver_rows = [
        [name, f"{book.drivers[name].value:g}", book.drivers[name].unit,
         book.drivers[name].source or book.drivers[name].assumption or ""]
        for name in drivers
    ]  # fmt: skip
    seeds = sorted({source for rule in used for source in rule.sources} | {s for role in roles for s in role.sources})
    parts = [
        "## Assumptions and sources\n",
        f"Costs are monthly, in {currency}: FTE x the middle of the role's band x the engagement's cost factor "
        f"x the region's multiplier ({plan.profile.region}: {region.multiplier:g}; "
        f"{md_text(region.source or region.assumption or '')}).\n",
        f"### Cost bands ({currency} per FTE and month)\n\n" + md_table(["role", "band", "basis"], cost_rows),
        "### Engagements\n\n" + md_table(["engagement", "default FTE", "cost factor", "basis"], terms_rows),
    ]
    if driver_rows:
        parts.append("### Headcount drivers\n\n" + md_table(["driver", "value", "unit", "source"], driver_rows))
    rule_list = "".join(
        f"- `{rule.id}`: {md_text(rule.description)} ({md_cell(', '.join(rule.sources))})\n"
        for rule in dict.fromkeys(used)
    )
    parts.append("### Rules that shaped this plan\n\n" + rule_list)
    parts.append("### Seed articles\n\n" + "".join(f"- `{seed}`\n" for seed in seeds))
    return "\n".join(parts)
