"""Turn catalogue data into output: rich renderables for the terminal, text for files.

Nothing here prints. Every string that comes from a catalogue is wrapped in
`rich.text.Text`, so `[brackets]` and `:emoji:` codes in data are shown literally.
rich is imported inside the functions that draw, keeping it off the start-up path.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ecomteam.vocab import Engagement

if TYPE_CHECKING:  # models only for annotations: `roles` commands never load the plan models
    from rich.console import RenderableType
    from rich.table import Table

    from ecomteam.assess import Assessment
    from ecomteam.models import Catalogue, Role
    from ecomteam.plan import PhaseLine, Plan, TeamLine

#: Version of the JSON/YAML shapes below; bumped on any incompatible change.
SCHEMA_VERSION = 1


# ------------------------------------------------------------------ records


def role_record(role: Role) -> dict[str, Any]:
    """Return a role as plain JSON-ready data (the shape of `roles show --format json`)."""
    return role.model_dump(mode="json")


def roles_record(roles: list[Role]) -> dict[str, Any]:
    """Return a list of roles as plain data, with the schema version."""
    return {"schema_version": SCHEMA_VERSION, "roles": [role_record(role) for role in roles]}


#: Width of tables saved to files (text, SVG, HTML): fixed, so the output is reproducible.
EXPORT_WIDTH = 100


def export(renderable: RenderableType, kind: str, *, title: str = "ecomteam") -> str:
    """Draw a rich renderable at a fixed width as plain text, an SVG picture or an HTML page."""
    import io

    from rich.console import Console

    plain = kind == "text"
    console = Console(
        file=io.StringIO(),
        width=EXPORT_WIDTH,
        record=not plain,
        color_system=None if plain else "truecolor",
        force_terminal=not plain,
        emoji=False,
        highlight=False,
        markup=False,
        legacy_windows=False,
    )
    console.print(renderable)
    if kind == "svg":
        return console.export_svg(title=title)
    if kind == "html":
        return console.export_html(inline_styles=True)
    text: str = console.file.getvalue()  # type: ignore[attr-defined]
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def to_json(data: Any) -> str:
    """Serialise data as JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_yaml(data: Any) -> str:
    """Serialise data as YAML text."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100))


def cost_text(role: Role) -> str:
    """Format a role's cost band, e.g. `EUR 1,400-2,000`."""
    return f"{role.cost.currency} {role.cost.min:,.0f}-{role.cost.max:,.0f}"


def sourcing_text(role: Role) -> str:
    """Format a role's sourcing guidance, e.g. `in-house (part-time, full-time)`."""
    engagements = ", ".join(engagement.value for engagement in role.sourcing.engagements)
    return f"{role.sourcing.preferred.value} ({engagements})"


def headcount_text(role: Role) -> str:
    """Format a role's headcount guideline, or an empty string when it has none."""
    headcount = role.headcount
    if headcount is None:
        return ""
    count = str(headcount.min) if headcount.min == headcount.max else f"{headcount.min}-{headcount.max}"
    return f"{count} per {headcount.per.value}: {headcount.note}"


def manager_text(role: Role, catalogue: Catalogue) -> str:
    """Format whom a role reports to."""
    if role.reports_to is None:
        return "nobody (top of the team)"
    manager = catalogue.role(role.reports_to)
    return f"{manager.name} ({manager.id})" if manager else role.reports_to


# ----------------------------------------------------------------- markdown


def md_cell(text: str) -> str:
    """Escape text for a GitHub-flavoured markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>")


def md_table(header: list[str], rows: list[list[str]]) -> str:
    """Build a GitHub-flavoured markdown table; every cell is escaped."""
    lines = ["| " + " | ".join(md_cell(cell) for cell in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(md_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def md_text(text: str) -> str:
    """Escape characters that markdown would treat as markup in running text."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def roles_markdown(roles: list[Role]) -> str:
    """Render a list of roles as a markdown document with one table."""
    rows = [
        [role.id, role.name, role.category.value, role.stage.value, sourcing_text(role), cost_text(role)]
        for role in roles
    ]
    header = ["id", "role", "category", "from stage", "sourcing", "cost per FTE and month"]
    return f"# E-commerce team roles\n\n{len(roles)} roles.\n\n" + md_table(header, rows)


def role_markdown(role: Role, catalogue: Catalogue) -> str:
    """Render one role as a markdown document."""
    parts = [f"# {md_text(role.name)} (`{role.id}`)\n", f"{md_text(role.summary)}\n"]
    facts = [
        ["Category", role.category.value],
        ["Needed from stage", role.stage.value],
        ["Sourcing", sourcing_text(role)],
        ["Cost per FTE and month", cost_text(role)],
        ["Reports to", manager_text(role, catalogue)],
    ]
    if role.headcount:
        facts.append(["Headcount", headcount_text(role)])
    parts.append(md_table(["", ""], facts))
    sections = [
        ("Responsibilities", list(role.responsibilities)),
        ("Skills", list(role.skills)),
        ("KPIs", list(role.kpis)),
        ("Why this sourcing", [role.sourcing.reason]),
        ("Cost basis", [role.cost.source or role.cost.assumption or ""]),
        ("Names", [f"{language.value}: {name}" for language, name in role.names.items()]),
        ("Also known as", list(role.aliases)),
        ("Sources", list(role.sources)),
    ]
    for title, items in sections:
        if items:
            parts.append(f"## {title}\n\n" + "".join(f"- {md_text(item)}\n" for item in items))
    return "\n".join(parts)


# --------------------------------------------------------------------- rich


def roles_table(roles: list[Role], title: str, currency: str) -> Table:
    """Return a rich table listing roles (the cost column is in `currency`)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(title), title_justify="left", expand=False)
    table.add_column("Role", overflow="fold", style="bold")
    table.add_column("Name", overflow="fold")
    table.add_column("Category", overflow="fold")
    table.add_column("Stage", overflow="fold")
    table.add_column("Sourcing", overflow="fold")
    table.add_column(Text(f"{currency} / FTE / month"), overflow="fold", justify="right")
    for role in roles:
        table.add_row(
            Text(role.id),
            Text(role.name),
            Text(role.category.value),
            Text(role.stage.value),
            Text(role.sourcing.preferred.value),
            Text(f"{role.cost.min:,.0f}-{role.cost.max:,.0f}"),
        )
    return table


def role_view(role: Role, catalogue: Catalogue) -> RenderableType:
    """Return a rich renderable describing one role in full."""
    from rich.table import Table
    from rich.text import Text

    def bullets(items: tuple[str, ...] | list[str]) -> Text:
        return Text("\n".join(f"• {item}" for item in items))

    table = Table.grid(padding=(0, 2))
    table.title = Text(f"{role.name} ({role.id})", style="bold")
    table.title_justify = "left"
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    rows: list[tuple[str, Text]] = [
        ("Summary", Text(role.summary)),
        ("Category", Text(role.category.value)),
        ("From stage", Text(role.stage.value)),
        ("Sourcing", Text(f"{sourcing_text(role)}\n{role.sourcing.reason}")),
        ("Cost", Text(f"{cost_text(role)} per FTE and month\n{role.cost.source or role.cost.assumption}")),
        ("Reports to", Text(manager_text(role, catalogue))),
    ]
    if role.headcount:
        rows.append(("Headcount", Text(headcount_text(role))))
    rows += [
        ("Responsibilities", bullets(role.responsibilities)),
        ("Skills", bullets(role.skills)),
        ("KPIs", bullets(role.kpis)),
        ("Names", Text("\n".join(f"{lang.value}: {name}" for lang, name in role.names.items()))),
        ("Also known as", Text("; ".join(role.aliases))),
        ("Sources", Text("\n".join(role.sources))),
    ]
    for label, value in rows:
        table.add_row(label, value)
    return table


# --------------------------------------------------------------------- plans


def plan_record(plan: Plan, *, explain: bool = False) -> dict[str, Any]:
    """Return a plan as plain JSON-ready data; rule traces only with `explain`."""
    record = plan.model_dump(mode="json")
    if not explain:
        del record["explain"]
    return record


def months_text(phase: PhaseLine) -> str:
    """Format a phase's months, e.g. `0-3` or `12+`."""
    return f"{phase.start_month}+" if phase.end_month is None else f"{phase.start_month}-{phase.end_month}"


def money(amount: float, currency: str) -> str:
    """Format an amount of money, e.g. `EUR 1,331`."""
    return f"{currency} {amount:,.0f}"


def budget_text(plan: Plan) -> str:
    """One sentence on the plan's cost against the budget."""
    currency = plan.profile.currency
    totals = plan.totals
    full = f"the full plan runs at {money(totals.monthly_cost, currency)} a month"
    if totals.budget is None:
        return f"Phase 1 costs {money(totals.phase_1_monthly_cost, currency)} a month; {full} (no budget given)."
    return (
        f"Phase 1 costs {money(totals.phase_1_monthly_cost, currency)} a month against a budget of "
        f"{money(totals.budget, currency)}; {full}"
        + (", within the budget." if totals.within_budget else ", which growth must fund.")
    )


def _why(line: TeamLine) -> str:
    return line.reasons[0]


def engagement_text(line: TeamLine) -> str:
    """A line's engagement and the other roles the same person covers."""
    covers = f", also covers {', '.join(line.covers)}" if line.covers else ""
    return f"{line.engagement.value}{covers}"


def staffing_labels(plan: Plan) -> dict[str, str]:
    """Per role, how it is staffed over the phases, e.g. `owner, phase 1; then full-time 1 FTE, phase 3`."""
    staffing: dict[str, list[str]] = {}
    for line in plan.team:
        size = "" if line.engagement is Engagement.OWNER else f" {line.fte:g} FTE"
        staffing.setdefault(line.role, []).append(f"{line.engagement.value}{size}, phase {line.phase}")
    return {role: "; then ".join(parts) for role, parts in staffing.items()}


def _split_rows(plan: Plan) -> list[list[str]]:
    totals, currency = plan.totals, plan.profile.currency
    return [
        ["in-house", f"{totals.in_house_fte:g}", money(totals.in_house_monthly_cost, currency)],
        ["outsourced", f"{totals.outsource_fte:g}", money(totals.outsource_monthly_cost, currency)],
        ["total", f"{totals.fte:g}", money(totals.monthly_cost, currency)],
    ]


def _rollout_rows(plan: Plan) -> list[list[str]]:
    names = {line.role: line.name for line in plan.team}
    return [
        [
            str(phase.phase),
            months_text(phase),
            phase.label,
            ", ".join(names[role] for role in phase.roles) or "-",
            money(phase.monthly_cost, plan.profile.currency),
        ]
        for phase in plan.phases
    ]


def plan_view(plan: Plan, catalogue: Catalogue, *, explain: bool = False, org_chart: bool = False) -> RenderableType:
    """Return the rich renderables of a plan: team, split, rollout, budget, and optional extras."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    currency = plan.profile.currency
    profile = plan.profile
    heading = Text(
        f"Team for a {profile.stage.value} business"
        + (f", goals {', '.join(g.value for g in profile.goals)}" if profile.goals else "")
        + (f", channels {', '.join(c.value for c in profile.channels)}" if profile.channels else ""),
        style="bold",
    )
    parts: list[RenderableType] = [heading]
    parts += [Text(f"Note: {note}", style="italic") for note in plan.notes]

    team = Table(title=Text("Team"), title_justify="left")
    for name, justify in [
        ("Phase", "right"),
        ("Role", "left"),
        ("FTE", "right"),
        ("Sourcing", "left"),
        ("Engagement", "left"),
        (f"{currency} / month", "right"),
    ]:
        team.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for line in plan.team:
        team.add_row(
            Text(str(line.phase)),
            Text(line.name),
            Text(f"{line.fte:g}"),
            Text(line.sourcing.value),
            Text(engagement_text(line)),
            Text(f"{line.monthly_cost:,.0f}"),
        )
    parts.append(team)
    why = Text("Why\n", style="bold")
    for line in plan.team:
        why.append(f"• {line.name} ({line.engagement.value}, phase {line.phase}): ", style="bold")
        why.append(f"{_why(line)}\n")
    parts.append(why)

    split = Table(title=Text("In-house and outsourced"), title_justify="left")
    for name, justify in [("", "left"), ("FTE", "right"), (f"{currency} / month", "right")]:
        split.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in _split_rows(plan):
        split.add_row(*(Text(cell) for cell in row))
    parts.append(split)

    rollout = Table(title=Text("Rollout"), title_justify="left")
    for name, justify in [
        ("Phase", "right"),
        ("Months", "left"),
        ("", "left"),
        ("Hires", "left"),
        ("Run-rate", "right"),
    ]:
        rollout.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for row in _rollout_rows(plan):
        rollout.add_row(*(Text(cell) for cell in row))
    parts.append(rollout)
    parts.append(Text(budget_text(plan)))
    names = {line.role: line.name for line in plan.team}
    for item in plan.deferred:
        parts.append(Text(f"Deferred: {names.get(item.role, item.role)} {item.reason}."))
    if org_chart:
        parts.append(org_tree(plan, catalogue))
    if explain:
        parts.append(explain_table(plan))
    return Group(*parts)


def explain_table(plan: Plan) -> Table:
    """Return a table of every rule: fired or not, and the values that decided it."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text("Rules"), title_justify="left")
    table.add_column("Fired", no_wrap=True)
    table.add_column("Rule", overflow="fold")
    table.add_column("Role", overflow="fold")
    table.add_column("Because", overflow="fold")
    for trace in plan.explain:
        table.add_row(Text("yes" if trace.fired else "no"), Text(trace.rule), Text(trace.role), Text(trace.detail))
    return table


def org_chart_edges(plan: Plan, catalogue: Catalogue) -> list[tuple[str | None, str]]:
    """Return (manager, role) pairs linking the plan's roles by `reports_to`.

    A role whose manager is not in the plan hangs under the nearest manager above it
    that is; a role with none is at the top (manager None). Order follows the team.
    """
    present = list(dict.fromkeys(line.role for line in plan.team))
    in_plan = set(present)
    edges: list[tuple[str | None, str]] = []
    for role_id in present:
        role = catalogue.role(role_id)
        manager = role.reports_to if role else None
        seen = {role_id}
        while manager is not None and manager not in in_plan and manager not in seen:
            seen.add(manager)
            above = catalogue.role(manager)
            manager = above.reports_to if above else None
        edges.append((manager if manager in in_plan else None, role_id))
    return edges


def org_tree(plan: Plan, catalogue: Catalogue) -> RenderableType:
    """Return the plan's org chart as a rich tree."""
    from rich.text import Text
    from rich.tree import Tree

    labels = staffing_labels(plan)
    names = {line.role: line.name for line in plan.team}
    children: dict[str | None, list[str]] = {}
    for manager, role_id in org_chart_edges(plan, catalogue):
        children.setdefault(manager, []).append(role_id)
    root = Tree(Text("Org chart", style="bold"))

    def grow(node: Tree, manager: str | None) -> None:
        for role_id in children.get(manager, []):
            grow(node.add(Text(f"{names[role_id]}: {labels[role_id]}")), role_id)

    grow(root, None)
    return root


# ----------------------------------------------------------------- assessment


def assessment_markdown(assessment: Assessment) -> str:
    """Render an assessment as a markdown document."""
    currency = assessment.profile.currency
    parts = [f"# Team assessment: {assessment.profile.stage.value} business\n"]
    rows = [
        [item.name, item.status, f"{item.needed_fte:g}", f"{item.held_fte:g}", str(item.phase), item.reason]
        for item in assessment.coverage
    ]
    parts.append("## Coverage\n\n" + md_table(["role", "status", "needed FTE", "held FTE", "phase", "detail"], rows))
    if assessment.overloaded:
        parts.append(
            "## Overloaded\n\n"
            + "".join(f"- **{md_text(item.person)}**: {md_text(item.computation)}\n" for item in assessment.overloaded)
        )
    hires = [
        [str(number), hire.name, hire.engagement.value, hire.sourcing.value, f"{hire.fte:g}", str(hire.phase),
         money(hire.monthly_cost, currency), hire.gap, hire.reason]
        for number, hire in enumerate(assessment.next_hires, start=1)
    ]  # fmt: skip
    header = ["#", "role", "engagement", "sourcing", "FTE", "phase", "monthly cost", "gap", "why"]
    parts.append("## Next hires\n\n" + md_table(header, hires))
    if assessment.not_needed_yet:
        parts.append(
            "## Held but not needed yet\n\n"
            + "".join(
                f"- {md_text(item.name)}: {md_text(', '.join(item.people))}\n" for item in assessment.not_needed_yet
            )
        )
    parts.append(md_text(assessment_cost_text(assessment)) + "\n")
    return "\n".join(parts)


def assessment_cost_text(assessment: Assessment) -> str:
    """One sentence on what closing the gaps costs against the budget."""
    currency = assessment.profile.currency
    text = f"Closing every gap costs {money(assessment.gap_monthly_cost, currency)} a month"
    if assessment.budget is None:
        return text + " (no budget given)."
    verdict = "within" if assessment.within_budget else "over"
    return text + f", {verdict} the budget of {money(assessment.budget, currency)}."


def assessment_view(assessment: Assessment) -> RenderableType:
    """Return the rich renderables of an assessment."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    currency = assessment.profile.currency
    coverage = Table(title=Text("Coverage"), title_justify="left")
    for name, justify in [("Role", "left"), ("Status", "left"), ("Needed", "right"), ("Held", "right"),
                          ("Phase", "right"), ("Detail", "left")]:  # fmt: skip
        coverage.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for item in assessment.coverage:
        coverage.add_row(*(Text(cell) for cell in (item.name, item.status, f"{item.needed_fte:g}",
                                                   f"{item.held_fte:g}", str(item.phase), item.reason)))  # fmt: skip
    parts: list[RenderableType] = [coverage]
    for overload in assessment.overloaded:
        parts.append(Text(f"Overloaded: {overload.person}: {overload.computation}"))
    hires = Table(title=Text("Next hires"), title_justify="left")
    for name, justify in [("#", "right"), ("Role", "left"), ("Engagement", "left"), ("FTE", "right"),
                          ("Phase", "right"), (f"{currency} / month", "right"), ("Gap", "left")]:  # fmt: skip
        hires.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for number, hire in enumerate(assessment.next_hires, start=1):
        hires.add_row(*(Text(cell) for cell in (str(number), hire.name, hire.engagement.value, f"{hire.fte:g}",
                                                str(hire.phase), f"{hire.monthly_cost:,.0f}", hire.gap)))  # fmt: skip
    parts.append(hires)
    for idle in assessment.not_needed_yet:
        parts.append(Text(f"Not needed yet: {idle.name} ({', '.join(idle.people)})"))
    parts.append(Text(assessment_cost_text(assessment)))
    return Group(*parts)
