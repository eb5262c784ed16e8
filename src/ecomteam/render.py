"""Turn catalogue data into output: rich renderables for the terminal, text for files.

Nothing here prints. Every string that comes from a catalogue is wrapped in
`rich.text.Text`, so `[brackets]` and `:emoji:` codes in data are shown literally.
rich is imported inside the functions that draw, keeping it off the start-up path.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ecomteam.models import Catalogue, Role

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

#: Version of the JSON/YAML shapes below; bumped on any incompatible change.
SCHEMA_VERSION = 1


# ------------------------------------------------------------------ records


def role_record(role: Role) -> dict[str, Any]:
    """Return a role as plain JSON-ready data (the shape of `roles show --format json`)."""
    return role.model_dump(mode="json")


def roles_record(roles: list[Role]) -> dict[str, Any]:
    """Return a list of roles as plain data, with the schema version."""
    return {"schema_version": SCHEMA_VERSION, "roles": [role_record(role) for role in roles]}


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


def _md_text(text: str) -> str:
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
    parts = [f"# {_md_text(role.name)} (`{role.id}`)\n", f"{_md_text(role.summary)}\n"]
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
            parts.append(f"## {title}\n\n" + "".join(f"- {_md_text(item)}\n" for item in items))
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
