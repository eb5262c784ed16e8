"""Markdown for people: role lists, role cards, job descriptions, plans and assessments.

GitHub-flavoured tables with every cell escaped; the plan adds a mermaid org chart
(with the same chart as a nested list), a mermaid gantt of the rollout from the
report's start date, the action checklist and every figure with its source. Pure:
the start date is passed in, never read from a clock.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, assert_never

from ecomteam import __version__
from ecomteam.output import facts
from ecomteam.output.clean import clean
from ecomteam.output.records import to_yaml
from ecomteam.output.results import AssessmentReport, JobDescription, PlanReport, Result, RoleCard, RoleList
from ecomteam.output.words import engagement_text, money, number, staffing_labels, summary_rows
from ecomteam.rulebook import Country, Formula, Region, Rule
from ecomteam.vocab import Engagement, Sourcing

if TYPE_CHECKING:
    from ecomteam.plan import PhaseLine, TeamLine

#: Days shown for the open-ended last phase in the gantt chart.
OPEN_PHASE_DAYS = 180


def render(result: Result) -> str:
    """The markdown document of a result."""
    match result:
        case RoleList():
            return roles_markdown(result)
        case RoleCard():
            return role_markdown(result)
        case JobDescription():
            return job_description(result)
        case PlanReport():
            return plan_document(result)
        case AssessmentReport():
            return assessment_markdown(result)
        case _:
            assert_never(result)


# ----------------------------------------------------------------- escaping


def _html_escaped(text: str) -> str:
    """Markdown viewers render raw HTML: `<`, `>` and `&` from data must stay text."""
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_cell(text: str) -> str:
    """Escape text for a GitHub-flavoured markdown table cell."""
    escaped = _html_escaped(text).replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")
    escaped = escaped.replace("[", "\\[").replace("]", "\\]").replace("!", "\\!")  # no link or image from data
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def md_table(header: list[str], rows: list[list[str]]) -> str:
    """Build a GitHub-flavoured markdown table; every cell is escaped."""
    lines = ["| " + " | ".join(md_cell(cell) for cell in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(md_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def md_text(text: str) -> str:
    """Escape characters that markdown would treat as markup in running text.

    A line break in data becomes a space, so no name can start a heading, a list or
    a code fence of its own.
    """
    text = _html_escaped(text).replace("\r", " ").replace("\n", " ")
    for char in "\\`*_[]|#":
        text = text.replace(char, "\\" + char)
    return text


def _bullets(items: list[str]) -> str:
    return "".join(f"- {md_text(item)}\n" for item in items)


# ------------------------------------------------------------------ roles


def roles_markdown(result: RoleList) -> str:
    """A list of roles as a markdown document with one table."""
    currency = result.index.catalogue.cost_basis.currency
    header = ["id", "role", "category", "from stage", "sourcing", f"{currency} per FTE and month"]
    title = md_text(facts.roles_title(result))
    return f"# E-commerce team roles\n\n{title}.\n\n" + md_table(header, facts.role_rows(result))


def role_markdown(result: RoleCard) -> str:
    """One role as a markdown document."""
    role = result.role
    currency = result.index.catalogue.cost_basis.currency
    parts = [f"# {md_text(role.name)} (`{role.id}`)\n", f"{md_text(role.summary)}\n"]
    stage = result.first_stage.value if result.first_stage else "no rule brings it in"
    table = [
        ["Category", role.category.value],
        ["Needed from stage", stage],
        ["Sourcing", facts.sourcing_text(role)],
        ["Cost per FTE and month", facts.cost_text(role, currency)],
        ["Reports to", facts.manager_text(role, result.index)],
    ]
    parts.append(md_table(["", ""], table))
    sections = [
        ("Responsibilities", list(role.responsibilities)),
        ("Skills", list(role.skills)),
        ("KPIs", list(role.kpis)),
        ("Why this sourcing", [role.sourcing.reason]),
        ("Cost basis", [facts.cost_basis(role)]),
        ("Names", [f"{language.value}: {name}" for language, name in role.names.items()]),
        ("Also known as", list(role.aliases)),
        ("Sources", [str(source) for source in role.sources]),
    ]
    parts += [f"## {title}\n\n" + _bullets(items) for title, items in sections if items]
    return "\n".join(parts)


def job_description(result: JobDescription) -> str:
    """A job description in markdown (article 000, step 5)."""
    role, stage, index = result.role, result.stage, result.index
    seniority = index.catalogue.seniority.get(stage)
    title = f"{seniority.level} {role.name}" if seniority else role.name
    engagements = ", ".join(engagement.value for engagement in role.sourcing.engagements)
    manager = facts.manager_text(role, index, result.present or None)
    expectations = [seniority.expectation] if seniority else []
    expectations.append(f"Reaches agreed targets on the KPIs below, reviewed with {manager}.")
    pay = f"{facts.cost_text(role, index.catalogue.cost_basis.currency)} gross per month for full time"
    sections = [
        ("About the role", [role.summary], False),
        ("What we expect", expectations, True),
        ("Responsibilities", list(role.responsibilities), True),
        ("Skills", list(role.skills), True),
        ("How success is measured", list(role.kpis), True),
        ("Engagement", [f"Suited to: {engagements}; usually {role.sourcing.preferred.value}.", role.sourcing.reason],
         True),
        ("Reports to", [manager], False),
        ("Pay", [f"{pay}; {facts.cost_basis(role).rstrip('.')}."], False),
    ]  # fmt: skip
    parts = [
        f"# {md_text(title)}\n",
        f"*Job description drafted by ecomteam for a {stage.value} e-commerce business. Role id `{role.id}`.*\n",
    ]
    for heading, items, bullets in sections:
        body = _bullets(items) if bullets else md_text(" ".join(items)) + "\n"
        parts.append(f"## {heading}\n\n{body}")
    # Job-ad titles only: the articles' own spellings stay out of an advert.
    other = [*role.names.values(), *(title for titles in role.titles.values() for title in titles)]
    if other:
        parts.append("## Also advertised as\n\n" + md_text("; ".join(dict.fromkeys(other))) + "\n")
    return "\n".join(parts)


# ------------------------------------------------------------------ plans


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


def plan_document(result: PlanReport) -> str:
    """The whole plan as a markdown document."""
    sections = [
        _front_matter(result),
        _summary(result),
        _team(result),
        _split(result),
        _rollout(result),
        _org_chart(result),
        _roles(result),
        _checklist(result),
        _sources(result),
    ]
    return "\n".join(section for section in sections if section)


def _front_matter(result: PlanReport) -> str:
    profile = result.plan.profile.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    header = {"generator": f"ecomteam {__version__}", "start": result.start.isoformat(), "profile": profile}
    return f"---\n{to_yaml(header)}---\n"


def _names(values: tuple[object, ...]) -> str:
    return ", ".join(str(value) for value in values) or "none given"


def _summary(result: PlanReport) -> str:
    plan = result.plan
    profile = plan.profile
    rows = [
        ["Stage", profile.stage.value],
        ["Goals", _names(tuple(goal.value for goal in profile.goals))],
        ["Channels", _names(tuple(channel.value for channel in profile.channels))],
        ["Cost level", f"{_cost_level(result).label} ({number(_cost_level(result).multiplier)} x the basis)"],
    ]
    if profile.category is not None:
        rows.insert(3, ["Sells", result.book.categories[profile.category].label])
    rows += [[label, text] for label, text in summary_rows(plan)]
    notes = "".join(f"> {md_text(result.words.reason(note))}\n\n" for note in plan.notes)
    notes += "".join(f"> **Warning:** {md_text(result.words.reason(item))}.\n\n" for item in plan.warnings)
    title = f"# E-commerce team plan: {profile.stage.value} business\n"
    return f"{title}\n{md_table(['', ''], rows)}\n{notes}"


def _team(result: PlanReport) -> str:
    currency = result.plan.profile.currency
    rows = [
        [str(line.phase), line.name, number(line.fte), line.sourcing.value, engagement_text(line, result.index.name),
         money(line.monthly_cost, currency), result.words.why(line)]
        for line in result.plan.team
    ]  # fmt: skip
    header = ["phase", "role", "FTE", "sourcing", "engagement", "monthly cost", "why"]
    return "## Team\n\n" + md_table(header, rows)


def _split(result: PlanReport) -> str:
    plan = result.plan
    total, currency = plan.totals.monthly_cost, plan.profile.currency

    def share(amount: float) -> str:
        return f"{amount / total:.0%}" if total else "-"

    rows = [[label, fte, money(cost, currency), share(cost)] for label, fte, cost in facts.split_rows(plan)]
    outsourced = sorted({line.name for line in plan.team if line.sourcing is Sourcing.OUTSOURCE})
    tail = f"\nOutsourced: {md_text(', '.join(outsourced))}.\n" if outsourced else ""
    return "## In-house and outsourced\n\n" + md_table(["", "FTE", "monthly cost", "share of cost"], rows) + tail


def _phase_dates(phase: PhaseLine, start: date) -> tuple[date, int]:
    begins = add_months(start, phase.start_month)
    if phase.end_month is None:
        return begins, OPEN_PHASE_DAYS
    return begins, (add_months(start, phase.end_month) - begins).days


def _rollout(result: PlanReport) -> str:
    plan, start = result.plan, result.start
    rows = [
        [number, months, _phase_dates(phase, start)[0].isoformat(), label, ", ".join(hires) or "-",
         money(cost, plan.profile.currency)]
        for phase, (number, months, label, hires, cost) in zip(plan.phases, facts.rollout_rows(plan), strict=True)
    ]  # fmt: skip
    table = md_table(["phase", "months", "from", "", "hires", "run-rate"], rows)
    return f"## Rollout\n\n{table}\n{_gantt(result)}"


def _gantt_text(text: str) -> str:
    """Make text safe as a gantt task or section title: one line, none of `:#;` or backticks, quotes, brackets."""
    return re.sub(r"[:#;`\"<>\s]+", " ", clean(text)).strip()


def _gantt(result: PlanReport) -> str:
    plan, start = result.plan, result.start
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


#: Characters that mean something in a mermaid label, written as mermaid's entity codes.
_MERMAID_ENTITIES = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "[": "#91;", "]": "#93;", "{": "#123;",
                     "}": "#125;", "(": "#40;", ")": "#41;", "%": "#37;", "`": "#96;", "|": "#124;"}  # fmt: skip


def _mermaid_label(text: str) -> str:
    """One line of label text that cannot close its quotes, its node or the code block."""
    flat = re.sub(r"\s+", " ", clean(text))
    return "".join(_MERMAID_ENTITIES.get(char, char) for char in flat)


def _org_chart(result: PlanReport) -> str:
    names = facts.line_names(result.plan)
    staffing = staffing_labels(result.plan)
    edges = facts.org_chart_edges(result)
    chart = ["```mermaid", "flowchart TD"]
    for _, role in edges:
        label = f"{_mermaid_label(names[role])}<br/>{_mermaid_label(staffing[role])}"
        chart.append(f'    {_node_id(role)}["{label}"]')
    chart += [f"    {_node_id(manager)} --> {_node_id(role)}" for manager, role in edges if manager]
    chart.append("```")
    children = facts.org_children(result)
    listing: list[str] = []

    def walk(manager: str | None, depth: int) -> None:
        for role in children.get(manager, []):
            listing.append(f"{'  ' * depth}- {md_text(names[role])}: {md_text(staffing[role])}")
            walk(role, depth + 1)

    walk(None, 0)
    return "## Org chart\n\n" + "\n".join(chart) + "\n\nThe same chart as a list:\n\n" + "\n".join(listing) + "\n"


def _roles(result: PlanReport) -> str:
    parts = ["## The roles\n"]
    for role_id in dict.fromkeys(line.role for line in result.plan.team):
        role = result.index.role(role_id)
        if role is not None:
            parts += _role_section(result, role_id)
    return "\n".join(parts)


def _role_section(result: PlanReport, role_id: str) -> list[str]:
    role = result.index.role(role_id)
    assert role is not None
    currency = result.plan.profile.currency
    staffing = [item for item in result.plan.team if item.role == role_id]
    how = "; then ".join(
        f"{item.engagement.value}, {item.sourcing.value}, {number(item.fte)} FTE, phase {item.phase}, "
        f"{money(item.monthly_cost, currency)} a month"
        for item in staffing
    )
    reasons = list(dict.fromkeys(reason for item in staffing for reason in result.words.reasons(item)))
    return [
        f"### {md_text(role.name)} (`{role.id}`)\n",
        f"{md_text(role.summary)}\n",
        f"**In this plan:** {md_text(how)}.\n",
        "**Why:**\n\n" + _bullets(reasons),
        f"**In-house or outsourced:** {md_text(role.sourcing.reason)}\n",
        "**Responsibilities:**\n\n" + _bullets(list(role.responsibilities)),
        "**KPIs to track:**\n\n" + _bullets(list(role.kpis)),
    ]


def _listed(lines: list[TeamLine]) -> str:
    return md_text(", ".join(dict.fromkeys(line.name for line in lines))) or "none"


def _checklist(result: PlanReport) -> str:
    plan = result.plan
    team = plan.team
    owner = [line for line in team if line.engagement is Engagement.OWNER]
    hires = [line for line in team if line.sourcing is Sourcing.IN_HOUSE and line.engagement is not Engagement.OWNER]
    goals = ", ".join(goal.value for goal in plan.profile.goals)
    later = [line for line in team if line.phase >= 3]
    vision = "these goals: " + goals if goals else "no particular goal, so add yours and run it again"
    steps = [
        ("Set the e-commerce vision",
         f"Write down what the team must achieve in the next one to two years; this plan was built for {vision}."),
        ("Assess the current team",
         f"For each of the {len({line.role for line in team})} roles below, note who does the work today, "
         f"their strengths and gaps. Today the owner covers: {_listed(owner)}."),
        ("Draw the ideal team",
         f"The plan's team is {number(plan.totals.fte)} FTE in {len(team)} lines (see Team and Org chart), "
         f"with the main duties of each role under The roles."),
        ("Set hiring priorities",
         f"Must have now (phase 1): {_listed([line for line in team if line.phase == 1])}. "
         f"Hire from outside first: {_listed([line for line in team if line.sourcing is Sourcing.OUTSOURCE])}. "
         f"Can wait until the business grows (phase 3 and later): {_listed(later)}."),
        ("Recruit with job descriptions",
         "Write a job description for each in-house hire, stating expectations, responsibilities and skills "
         f"(`ecomteam jd ROLE --stage {plan.profile.stage.value}` drafts one): {_listed(hires)}."),
        ("Build the team culture",
         "Agree the team's communication channels, hold a regular team meeting to review progress and the "
         "KPIs above, and keep time for learning new skills."),
    ]  # fmt: skip
    body = "".join(f"{position}. **{title}.** {text}\n" for position, (title, text) in enumerate(steps, start=1))
    return "## Action checklist\n\nThe six steps of article 000, filled in for this plan:\n\n" + body


def _sources(result: PlanReport) -> str:
    plan, book = result.plan, result.book
    currency = plan.profile.currency
    roles = [role for role_id in dict.fromkeys(line.role for line in plan.team) if (role := result.index.role(role_id))]
    cost_rows = [[role.name, facts.band_text(role), facts.cost_basis(role)] for role in roles]
    engagements = sorted({line.engagement for line in plan.team}, key=lambda e: list(Engagement).index(e))
    terms_rows = [
        [engagement.value, number(terms.default_fte), number(terms.cost_factor), terms.source or terms.assumption or ""]
        for engagement in engagements
        if (terms := book.engagements[engagement])
    ]
    level = _cost_level(result)
    rules = {rule.id: rule for rule in book.rules}
    used = list(dict.fromkeys(rules[rule_id] for line in plan.team for rule_id in line.rules if rule_id in rules))
    parts = [
        "## Assumptions and sources\n",
        f"Costs are monthly, in {currency}: FTE x the middle of the role's band x the engagement's cost factor "
        f"x the cost level of {md_text(level.label)} ({number(level.multiplier)}; "
        f"{md_text(level.source or level.assumption or '')}).\n",
        f"### Cost bands ({currency} per FTE and month)\n\n" + md_table(["role", "band", "basis"], cost_rows),
        "### Engagements\n\n" + md_table(["engagement", "default FTE", "cost factor", "basis"], terms_rows),
    ]
    driver_rows = _driver_rows(result, used)
    if driver_rows:
        parts.append("### Headcount drivers\n\n" + md_table(["driver", "value", "unit", "source"], driver_rows))
    rule_list = "".join(
        f"- `{rule.id}`: {md_text(rule.description)} ({md_cell('; '.join(map(str, rule.sources)))})\n" for rule in used
    )
    parts.append("### Rules that shaped this plan\n\n" + rule_list)
    seeds = sorted({c.file for rule in used for c in rule.sources} | {c.file for role in roles for c in role.sources})
    parts.append("### Seed articles\n\n" + "".join(f"- `{seed}`\n" for seed in seeds))
    return "\n".join(parts)


def _cost_level(result: PlanReport) -> Region | Country:
    """The country's cost level if the profile names one, else the region's."""
    profile, book = result.plan.profile, result.book
    return book.countries[profile.country] if profile.country else book.regions[profile.region]


def _driver_rows(result: PlanReport, used: list[Rule]) -> list[list[str]]:
    """The figures behind the headcount formulas of the rules used, with their sources."""
    drivers = dict.fromkeys(
        name
        for rule in used
        if isinstance(rule.then.fte, Formula)
        for name in (*rule.then.fte.times, *rule.then.fte.per)
    )
    figures = result.book.for_category(result.plan.profile.category).drivers
    return [
        [name, number(figure.value), figure.unit, _basis(figure.source, figure.assumption)]
        for name in drivers
        if (figure := figures[name])
    ]


def _basis(*parts: str | None) -> str:
    """A figure's source and assumption, each as a sentence."""
    return " ".join(part if part.endswith(".") else part + "." for part in parts if part)


# ----------------------------------------------------------------- assessment


def assessment_markdown(result: AssessmentReport) -> str:
    """An assessment as a markdown document."""
    assessment, words = result.assessment, result.words
    currency = assessment.profile.currency
    parts = [f"# Team assessment: {assessment.profile.stage.value} business\n"]
    rows = [
        [
            item.name,
            item.status,
            number(item.needed_fte),
            number(item.held_fte),
            str(item.phase),
            words.reason(item.reason),
        ]
        for item in assessment.coverage
    ]
    parts.append("## Coverage\n\n" + md_table(["role", "status", "needed FTE", "held FTE", "phase", "detail"], rows))
    if assessment.overloaded:
        parts.append(
            "## Overloaded\n\n"
            + "".join(
                f"- **{md_text(item.person)}**: {md_text(facts.computation(item, words))}\n"
                for item in assessment.overloaded
            )
        )
    hires = [
        [str(position), hire.name, hire.engagement.value, hire.sourcing.value, number(hire.fte), str(hire.phase),
         money(hire.monthly_cost, currency), facts.gap_text(hire, words), words.reason(hire.reason)]
        for position, hire in enumerate(assessment.next_hires, start=1)
    ]  # fmt: skip
    header = ["#", "role", "engagement", "sourcing", "FTE", "phase", "monthly cost", "gap", "why"]
    parts.append("## Next hires\n\n" + md_table(header, hires))
    if assessment.not_needed_yet:
        idle = [f"{item.name}: {', '.join(item.people)}" for item in assessment.not_needed_yet]
        parts.append("## Held but not needed yet\n\n" + _bullets(idle))
    parts.append(md_text(facts.assessment_cost_text(assessment)) + "\n")
    return "\n".join(parts)
