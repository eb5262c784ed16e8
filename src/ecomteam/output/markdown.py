"""Markdown for people: role lists, role cards, job descriptions, plans and assessments.

GitHub-flavoured tables with every cell escaped; the plan adds a mermaid org chart
(with the same chart as a nested list), a mermaid gantt of the rollout from the
report's start date, the action checklist and every figure with its source. Pure:
the start date is passed in, never read from a clock.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, assert_never

from ecomteam import __version__
from ecomteam.i18n import N_, _, current, joined
from ecomteam.months import add_months
from ecomteam.output import facts
from ecomteam.output.clean import clean
from ecomteam.output.records import to_yaml
from ecomteam.output.results import (
    AssessmentReport,
    ComparisonReport,
    JobDescription,
    PlanReport,
    Result,
    RoleCard,
    RoleList,
)
from ecomteam.output.words import (
    engagement_text,
    field_name,
    money,
    number,
    percent,
    sentence,
    staffing_labels,
    summary_rows,
)
from ecomteam.terms import term, terms
from ecomteam.vocab import Language, Sourcing, Stage

if TYPE_CHECKING:
    from ecomteam.models import Role
    from ecomteam.plan import Plan


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
        case ComparisonReport():
            return comparison_markdown(result)
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
    header = [
        _("id"),
        _("role"),
        _("category"),
        _("from stage"),
        _("sourcing"),
        _("{currency} per FTE and month").format(currency=currency),
    ]
    title = md_text(facts.roles_title(result))
    return "# " + _("E-commerce team roles") + f"\n\n{title}.\n\n" + md_table(header, facts.role_rows(result))


def role_markdown(result: RoleCard) -> str:
    """One role as a markdown document."""
    role = result.role
    currency = result.index.catalogue.cost_basis.currency
    parts = [f"# {md_text(role.name)} (`{role.id}`)\n", f"{md_text(role.summary)}\n"]
    stage = term(result.first_stage) if result.first_stage else _("no rule brings it in")
    table = [
        [_("Category"), term(role.category)],
        [_("Needed from stage"), stage],
        [_("Sourcing"), facts.sourcing_text(role)],
        [_("Cost per FTE and month"), facts.cost_text(role, currency)],
        [_("Reports to"), facts.manager_text(role, result.index)],
    ]
    parts.append(md_table(["", ""], table))
    sections = [
        (_("Responsibilities"), list(role.responsibilities)),
        (_("Skills"), list(role.skills)),
        (_("KPIs"), list(role.kpis)),
        (_("Why this sourcing"), [role.sourcing.reason]),
        (_("Cost basis"), [facts.cost_basis(role)]),
        (_("Names"), [f"{language.value}: {name}" for language, name in role.names.items()]),
        (_("Also known as"), list(role.aliases)),
        (_("Sources"), [str(source) for source in role.sources]),
    ]
    parts += [f"## {title}\n\n" + _bullets(items) for title, items in sections if items]
    return "\n".join(parts)


def job_sections(result: JobDescription) -> tuple[str, str, list[tuple[str, list[str], bool]]]:
    """A job description's title, its one-line preamble and its sections as (heading, lines, as bullets)."""
    role, stage, index = result.role, result.stage, result.index
    seniority = index.catalogue.seniority.get(stage)
    # Translators: a job ad's title, e.g. "Experienced Customer Service Agent"; reorder as your language needs.
    title = _("{level} {role}").format(level=seniority.level, role=role.name) if seniority else role.name
    engagements = terms(role.sourcing.engagements)
    manager = facts.manager_text(role, index, result.present or None, with_id=False)  # an advert names, never ids
    expectations = [seniority.expectation] if seniority else []
    expectations.append(_("Reaches agreed targets on the KPIs below, reviewed with {manager}.").format(manager=manager))
    pay = _("{band} gross per month for full time").format(
        band=facts.cost_text(role, index.catalogue.cost_basis.currency)
    )
    other = [name for name in _advertised_titles(role) if name != role.name]
    sections = [
        (_("About the role"), [role.summary], False),
        (_("What we expect"), expectations, True),
        (_("Responsibilities"), list(role.responsibilities), True),
        (_("Skills"), list(role.skills), True),
        (_("How success is measured"), list(role.kpis), True),
        (
            _("Engagement"),
            [
                _("Suited to: {engagements}; usually {sourcing}.").format(
                    engagements=engagements, sourcing=term(role.sourcing.preferred)
                )
            ],
            False,
        ),
        (_("Reports to"), [manager], False),
        # An advert gives the range; how it was derived is in `roles show` and the plan's sources.
        (_("Pay"), [_("{pay}, in line with public wage statistics for the role.").format(pay=pay)], False),
        (_("Also advertised as"), ["; ".join(dict.fromkeys(other))] if other else [], False),
    ]
    lede = _(_JOB_LEDES[stage])
    return title, lede, sections


def _advertised_titles(role: Role) -> list[str]:
    """The other titles to post a job under (job-ad titles only: the articles' own spellings stay out).

    An advert in Spanish, Chinese, Polish or Italian goes on that language's job boards: their titles,
    and the English name the trade there also searches for. An English advert is the one for hiring
    across borders, so it gives the name and titles in every language.
    """
    language = current()
    if language is Language.EN:
        return [*role.names.values(), *(title for titles in role.titles.values() for title in titles)]
    return [*role.titles.get(language, ()), *([role.names[Language.EN]] if Language.EN in role.names else [])]


#: A job description's preamble per stage (a language may word each stage differently).
_JOB_LEDES = {
    Stage.SOLO: N_("Job description drafted by ecomteam for a solo e-commerce business."),
    Stage.STARTUP: N_("Job description drafted by ecomteam for a startup e-commerce business."),
    Stage.GROWTH: N_("Job description drafted by ecomteam for a growth e-commerce business."),
    Stage.MATURE: N_("Job description drafted by ecomteam for a mature e-commerce business."),
    Stage.ENTERPRISE: N_("Job description drafted by ecomteam for an enterprise e-commerce business."),
}


def job_description(result: JobDescription) -> str:
    """A job description in markdown (article 000, step 5)."""
    title, _lede, sections = job_sections(result)
    parts = [
        f"# {md_text(title)}\n",
        f"*{_(_JOB_LEDES[result.stage])} " + _("Role id `{role}`.").format(role=result.role.id) + "*\n",
    ]
    for heading, items, bullets in sections:
        if items:
            body = _bullets(items) if bullets else md_text(" ".join(items)) + "\n"
            parts.append(f"## {heading}\n\n{body}")
    return "\n".join(parts)


# ------------------------------------------------------------------ plans


def plan_document(result: PlanReport) -> str:
    """The whole plan as a markdown document."""
    sections = [
        _front_matter(result),
        _summary(result),
        _team(result),
        _split(result),
        _rollout(result),
        _timeline(result),
        _org_chart(result),
        _roles(result),
        _checklist(result),
        _sources(result),
    ]
    return "\n".join(section for section in sections if section)


def _front_matter(result: PlanReport) -> str:
    if not result.front_matter:
        return ""
    profile = result.plan.profile.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    header = {"generator": f"ecomteam {__version__}", "start": result.start.isoformat(), "profile": profile}
    return f"---\n{to_yaml(header)}---\n"


def _summary(result: PlanReport) -> str:
    plan = result.plan
    profile = plan.profile
    rows = [[label, text] for label, text in [*facts.profile_rows(result), *summary_rows(plan)]]
    notes = "".join(f"> {md_text(_cited(result, sentence(result.words.reason(note))))}\n\n" for note in plan.notes)
    notes += "".join(
        "> **" + _("Warning:") + f"** {md_text(_cited(result, result.words.reason(item)))}.\n\n"
        for item in plan.warnings
    )
    title = "# " + _("E-commerce team plan: {stage} business").format(stage=term(profile.stage)) + "\n"
    return f"{title}\n" + md_table([_("The plan"), ""], rows) + f"\n{notes}"


def _team(result: PlanReport) -> str:
    currency = result.plan.profile.currency
    rows = [
        [
            str(line.phase),
            line.name,
            number(line.fte),
            term(line.sourcing),
            engagement_text(line, result.index.name),
            money(line.monthly_cost, currency),
            _cited(result, result.words.why(line)),
        ]
        for line in result.plan.team
    ]
    header = [_("phase"), _("role"), _("FTE"), _("sourcing"), _("engagement"), _("monthly cost"), _("why")]
    return "## " + _("Team") + "\n\n" + md_table(header, rows)


def _split(result: PlanReport) -> str:
    plan = result.plan
    total, currency = plan.totals.monthly_cost, plan.profile.currency

    def share(amount: float) -> str:
        return percent(round(amount / total, 2)) if total else "-"

    rows = [[label, fte, money(cost, currency), share(cost)] for label, fte, cost in facts.split_rows(plan)]
    outsourced = sorted({line.name for line in plan.team if line.sourcing is Sourcing.OUTSOURCE})
    tail = "\n" + _("Outsourced: {roles}.").format(roles=md_text(joined(outsourced))) + "\n" if outsourced else ""
    return (
        "## "
        + _("In-house and outsourced")
        + "\n\n"
        + md_table(["", _("FTE"), _("monthly cost"), _("share of cost")], rows)
        + tail
    )


def _rollout(result: PlanReport) -> str:
    plan, start = result.plan, result.start
    rows = [
        [
            number,
            months,
            add_months(start, phase.start_month).isoformat(),
            label,
            joined(hires) or "-",
            money(cost, plan.profile.currency),
        ]
        for phase, (number, months, label, hires, cost) in zip(plan.phases, facts.rollout_rows(plan), strict=True)
    ]
    table = md_table([_("phase"), _("months"), _("from"), _("when"), _("hires"), _("run-rate")], rows)
    return "## " + _("Rollout") + f"\n\n{table}\n{_gantt(result)}"


def _timeline(result: PlanReport) -> str:
    plan = result.plan
    if not plan.timeline:
        return ""
    parts = [
        "## " + _("Month by month") + f"\n\n{md_text(facts.timeline_intro(result))}\n",
        md_table(facts.header(facts.TIMELINE_HEADER), facts.timeline_rows(result)),
    ]
    department_header, department_rows = facts.timeline_departments(result)
    parts.append("### " + _("FTE by department") + "\n\n" + md_table(department_header, department_rows))
    if plan.peaks:
        parts.append(
            "### "
            + _("Peaks")
            + "\n\n"
            + md_table([_("peak"), _("when"), _("uplift"), _("temporary staff"), _("cost")], facts.peak_rows(result))
        )
    return "\n".join(parts)


def _gantt_text(text: str) -> str:
    """Make text safe as a gantt task or section title: one line, none of `:#;` or backticks, quotes, brackets."""
    return re.sub(r"[:#;`\"<>\s]+", " ", clean(text)).strip()


def _gantt(result: PlanReport) -> str:
    """The rollout as a gantt: each bar runs from a hire to its next step or the end of the chart."""
    plan, start = result.plan, result.start
    names = facts.line_names(plan)
    lines = [
        "```mermaid",
        "gantt",
        "    title " + _gantt_text(_("Rollout from {date}").format(date=start.isoformat())),
        "    dateFormat YYYY-MM-DD",
        "    axisFormat " + ("%b %Y" if current() is Language.EN else "%m/%Y"),  # mermaid names months in English only
    ]
    by_phase: dict[int, list[tuple[str, facts.RoleSpan]]] = {}
    for role, spans in facts.role_spans(plan).items():
        for span in spans:
            by_phase.setdefault(_phase_at(plan, span.start), []).append((role, span))
    for phase in plan.phases:
        if phase.phase not in by_phase:
            continue
        section = _("Phase {phase} ({label})").format(phase=phase.phase, label=phase.label)
        lines.append(f"    section {_gantt_text(section)}")
        for index, (role, span) in enumerate(by_phase[phase.phase], start=1):
            begins = add_months(start, span.start)
            days = (add_months(start, span.end) - begins).days
            title = _gantt_text(f"{names.get(role, result.index.name(role))} ({term(span.engagement)})")
            lines.append(f"    {title} :p{phase.phase}r{index}, {begins.isoformat()}, {days}d")
    lines.append("```")
    return "\n".join(lines) + "\n"


def _phase_at(plan: Plan, month: int) -> int:
    """The rollout phase a month falls in."""
    return max((phase.phase for phase in plan.phases if phase.start_month <= month), default=1)


def _node_id(role: str) -> str:
    return "r_" + re.sub(r"[^A-Za-z0-9_]", "_", role)


#: Characters that mean something in a mermaid label, written as mermaid's entity codes.
_MERMAID_ENTITIES = {
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "[": "#91;",
    "]": "#93;",
    "{": "#123;",
    "}": "#125;",
    "(": "#40;",
    ")": "#41;",
    "%": "#37;",
    "`": "#96;",
    "|": "#124;",
}


def _mermaid_label(text: str) -> str:
    """One line of label text that cannot close its quotes, its node or the code block."""
    flat = re.sub(r"\s+", " ", clean(text))
    return "".join(_MERMAID_ENTITIES.get(char, char) for char in flat)


def _org_chart(result: PlanReport) -> str:
    names = facts.line_names(result.plan)
    staffing = staffing_labels(result.plan)
    edges = facts.org_chart_edges(result)
    if len(names) > facts.LARGE_TEAM:  # one chart would shrink its text past reading: departments first
        charts = _department_charts(result, names, staffing, edges)
    else:
        charts = _flowchart([_role_node(role, names, staffing) for _, role in edges], _edges(edges))
    children = facts.org_children(result)
    listing: list[str] = []

    def walk(manager: str | None, depth: int) -> None:
        for role in children.get(manager, []):
            listing.append(f"{'  ' * depth}- {md_text(names[role])}: {md_text(staffing[role])}")
            walk(role, depth + 1)

    walk(None, 0)
    return (
        "## "
        + _("Org chart")
        + "\n\n"
        + charts
        + "\n"
        + _("The same chart as a list:")
        + "\n\n"
        + "\n".join(listing)
        + "\n"
    )


def _flowchart(nodes: list[str], links: list[str]) -> str:
    return "\n".join(["```mermaid", "flowchart TD", *nodes, *links, "```"]) + "\n"


def _role_node(role: str, names: dict[str, str], staffing: dict[str, str]) -> str:
    return f'    {_node_id(role)}["{_mermaid_label(names[role])}<br/>{_mermaid_label(staffing[role])}"]'


def _edges(edges: list[tuple[str | None, str]], within: tuple[str, ...] | None = None) -> list[str]:
    return [
        f"    {_node_id(manager)} --> {_node_id(role)}"
        for manager, role in edges
        if manager and (within is None or (manager in within and role in within))
    ]


def _department_charts(
    result: PlanReport, names: dict[str, str], staffing: dict[str, str], edges: list[tuple[str | None, str]]
) -> str:
    """A chart of the departments (with their counts), then one chart per department of its roles."""
    departments = facts.departments(result)
    home = {role: department.category for department in departments for role in department.roles}
    nodes = [
        f'    d_{_node_id(department.category.value)}["{_mermaid_label(department.name)}<br/>'
        f'{_mermaid_label(department.counts)}"]'
        for department in departments
    ]
    links = dict.fromkeys(
        f"    d_{_node_id(home[boss].value)} --> d_{_node_id(department.category.value)}"
        for department in departments
        for boss in department.above
    )
    parts = [
        _("The team is large, so it is drawn as its departments, then one chart per department.") + "\n",
        _flowchart(nodes, list(links)),
    ]
    for department in departments:
        members = [_role_node(role, names, staffing) for role in department.roles]
        parts.append(f"### {md_text(department.name)}\n\n" + _flowchart(members, _edges(edges, department.roles)))
    return "\n".join(parts)


def _roles(result: PlanReport) -> str:
    parts = ["## " + _("The roles") + "\n"]
    for role_id in dict.fromkeys(line.role for line in result.plan.team):
        role = result.index.role(role_id)
        if role is not None:
            parts += _role_section(result, role_id)
    return "\n".join(parts)


def _role_section(result: PlanReport, role_id: str) -> list[str]:
    role = result.index.role(role_id)
    assert role is not None
    staffing = [item for item in result.plan.team if item.role == role_id]
    how = facts.holding_text(result, role_id)
    worded = dict.fromkeys(reason for item in staffing for reason in result.words.reasons(item))
    reasons = [_cited(result, sentence(reason)) for reason in worded]
    return [
        f"### {md_text(role.name)}\n",
        f"{md_text(role.summary)}\n",
        "**" + _("In this plan:") + f"** {md_text(how)}.\n",
        "**" + _("Why:") + "**\n\n" + _bullets(reasons),
        "**" + _("In-house or outsourced:") + f"** {md_text(_cited(result, role.sourcing.reason))}\n",
        "**" + _("Responsibilities:") + "**\n\n" + _bullets(list(role.responsibilities)),
        "**" + _("KPIs to track:") + "**\n\n" + _bullets(list(role.kpis)),
    ]


def _cited(result: PlanReport, text: str) -> str:
    """Reason text with its article references numbered as the sources list them."""
    return facts.readable_references(text, result.index.catalogue.articles)


def _checklist(result: PlanReport) -> str:
    steps = facts.checklist_steps(result.plan)
    body = "".join(
        f"{position}. **{md_text(title)}.** {md_text(text)}\n" for position, (title, text) in enumerate(steps, start=1)
    )
    return "## " + _("Action checklist") + f"\n\n{md_text(_cited(result, _(facts.CHECKLIST_INTRO)))}\n\n" + body


def _sources(result: PlanReport) -> str:
    currency = result.plan.profile.currency
    articles = result.index.catalogue.articles
    used = facts.rules_used(result)
    parts = [
        "## " + _("Assumptions and sources") + "\n",
        md_text(facts.cost_method(result)) + "\n",
        "### "
        + _("Cost bands ({currency} per FTE and month)").format(currency=currency)
        + "\n\n"
        + md_table([_("role"), _("band"), _("basis")], facts.cost_band_rows(result)),
        "### "
        + _("Engagements")
        + "\n\n"
        + md_table([_("engagement"), _("default FTE"), _("cost factor"), _("basis")], facts.engagement_rows(result)),
    ]
    driver_rows = facts.driver_rows(result)
    if driver_rows:
        parts.append(
            "### "
            + _("Headcount drivers")
            + "\n\n"
            + md_table([_("driver"), _("value"), _("unit"), _("source")], driver_rows)
        )
    rule_list = "".join(
        f"- {md_text(rule.description)} "
        + _("Source: {sources}.").format(
            sources=md_text("; ".join(facts.citation_text(c, articles) for c in rule.sources))
        )
        + "\n"
        for rule in used
    )
    parts.append("### " + _("Rules that shaped this plan") + "\n\n" + rule_list)
    parts.append(
        "### "
        + _("Seed articles")
        + "\n\n"
        + "".join(_article_item(row) for row in facts.article_rows(facts.cited_files(result), articles))
    )
    return "\n".join(parts)


def _article_item(row: tuple[str, str, str]) -> str:
    label, title, note = row
    named = f"**{md_text(label)}**: " if label else ""
    return f"- {named}*{md_text(title)}*" + (f" ({md_text(note)})" if note else "") + "\n"


# ----------------------------------------------------------------- assessment


def assessment_markdown(result: AssessmentReport) -> str:
    """An assessment as a markdown document."""
    assessment, words = result.assessment, result.words
    articles = result.index.catalogue.articles if result.index else {}
    currency = assessment.profile.currency
    parts = ["# " + _("Team assessment: {stage} business").format(stage=term(assessment.profile.stage)) + "\n"]
    rows = [facts.coverage_cells(item, words) for item in assessment.coverage]
    parts.append(
        "## "
        + _("Coverage")
        + "\n\n"
        + md_table([_("role"), _("status"), _("needed FTE"), _("held FTE"), _("phase"), _("detail")], rows)
    )
    if assessment.overloaded:
        parts.append(
            "## "
            + _("Overloaded")
            + "\n\n"
            + "".join(
                f"- **{md_text(item.person)}**: {md_text(facts.computation(item, words))}\n"
                for item in assessment.overloaded
            )
        )
    hires = [
        [
            str(position),
            hire.name,
            term(hire.engagement),
            term(hire.sourcing),
            number(hire.fte),
            str(hire.phase),
            money(hire.monthly_cost, currency),
            facts.gap_text(hire, words),
            facts.readable_references(words.reason(hire.reason), articles),
        ]
        for position, hire in enumerate(assessment.next_hires, start=1)
    ]
    header = [
        "#",
        _("role"),
        _("engagement"),
        _("sourcing"),
        _("FTE"),
        _("phase"),
        _("monthly cost"),
        _("gap"),
        _("why"),
    ]
    parts.append("## " + _("Next hires") + "\n\n" + md_table(header, hires))
    if assessment.not_needed_yet:
        idle = [f"{item.name}: {', '.join(item.people)}" for item in assessment.not_needed_yet]
        parts.append("## " + _("Held but not needed yet") + "\n\n" + _bullets(idle))
    parts.append(md_text(facts.assessment_cost_text(assessment)) + "\n")
    if articles:
        listed = "".join(_article_item(row) for row in facts.article_rows(articles, articles))
        parts.append("## " + _("Seed articles") + "\n\n" + listed)
    return "\n".join(parts)


# ----------------------------------------------------------------- comparison


def comparison_markdown(result: ComparisonReport) -> str:
    """Scenarios side by side as a markdown document; a sweep adds a chart of FTE and cost along it."""
    comparison = result.comparison
    title = (
        "# " + _("Team along {field}").format(field=field_name(str(comparison.sweep))) + "\n"
        if comparison.sweep
        else "# " + _("Scenarios compared") + "\n"
    )
    header, rows = facts.comparison_rows(result)
    parts = [
        title,
        "## " + _("Scenarios") + "\n\n" + _bullets(facts.scenario_lines(result)),
        "## "
        + _("Full team by scenario")
        + "\n\n"
        + _("Roles marked * differ between the scenarios.")
        + "\n\n"
        + md_table(header, rows),
        "## " + _("Totals") + "\n\n" + md_table(["", *header[1:]], facts.comparison_totals(result)),
    ]
    start_header, starts = facts.comparison_starts(result)
    if starts:
        parts.append(
            "## "
            + _("When each role starts")
            + "\n\n"
            + _("Where the scenarios differ in pace.")
            + "\n\n"
            + md_table(start_header, starts)
        )
    warnings = [
        f"{scenario.name}: {result.words.reason(item)}"
        for scenario in comparison.scenarios
        for item in scenario.plan.warnings
    ]
    if warnings:
        parts.append("## " + _("Warnings") + "\n\n" + _bullets(warnings))
    if comparison.sweep:
        parts.append(_sweep_section(result))
    return "\n".join(parts)


def _sweep_section(result: ComparisonReport) -> str:
    scenarios = result.comparison.scenarios
    field = field_name(str(result.comparison.sweep))
    labels = ", ".join(f'"{_mermaid_label(scenario.name)}"' for scenario in scenarios)
    fte = ", ".join(f"{round(scenario.plan.totals.fte, 2):g}" for scenario in scenarios)  # mermaid reads 1234.5
    chart = "\n".join(
        [
            "```mermaid",
            "xychart-beta",
            '    title "' + _mermaid_label(_("Full-team FTE along {field}").format(field=field)) + '"',
            f"    x-axis [{labels}]",
            '    y-axis "FTE"',
            f"    bar [{fte}]",
            "```",
        ]
    )
    steps = md_table([field, *facts.header(facts.SWEEP_HEADER)], facts.sweep_rows(result))
    return "## " + _("Where each hire kicks in") + f"\n\n{chart}\n\n{steps}"
