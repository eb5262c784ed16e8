"""Documents built from the catalogue and the models: job descriptions, JSON Schemas, starter profiles.

Pure: each function returns text or data; the CLI writes it.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from ecomteam.assess import Assessment, Team
from ecomteam.models import Catalogue, Role
from ecomteam.plan import Plan
from ecomteam.render import cost_text, manager_text, md_text
from ecomteam.rulebook import Profile, RuleBook
from ecomteam.vocab import Channel, Goal, Stage

#: What `ecomteam schema` can describe.
SCHEMA_NAMES = ("profile", "plan", "catalogue", "rules", "team", "assessment")


def job_description(role: Role, catalogue: Catalogue, stage: Stage | None = None) -> str:
    """Draft a job description in markdown (article 000, step 5).

    Args:
        role: The role to describe.
        catalogue: For the manager's name, the cost basis and the seniority table.
        stage: The business's stage, which sets the seniority; default the role's own.
    """
    stage = stage or role.stage
    seniority = catalogue.seniority.get(stage)
    title = f"{seniority.level} {role.name}" if seniority else role.name
    engagements = ", ".join(engagement.value for engagement in role.sourcing.engagements)
    expectations = [seniority.expectation] if seniority else []
    expectations.append(f"Reaches agreed targets on the KPIs below, reviewed with {manager_text(role, catalogue)}.")
    sections = [
        ("About the role", [role.summary], False),
        ("What we expect", expectations, True),
        ("Responsibilities", list(role.responsibilities), True),
        ("Skills", list(role.skills), True),
        ("How success is measured", list(role.kpis), True),
        (
            "Engagement",
            [
                f"Suited to: {engagements}; usually {role.sourcing.preferred.value}.",
                role.sourcing.reason,
            ],
            True,
        ),
        ("Reports to", [manager_text(role, catalogue)], False),
        (
            "Pay",
            [f"{cost_text(role)} gross per month for full time; {role.cost.source or role.cost.assumption}."],
            False,
        ),
    ]
    if role.headcount:
        note = role.headcount.note
        sections.append(("Team size", [note], False))
    parts = [
        f"# {md_text(title)}\n",
        f"*Job description drafted by ecomteam for a {stage.value} e-commerce business. Role id `{role.id}`.*\n",
    ]
    for heading, items, bullets in sections:
        body = "".join(f"- {md_text(item)}\n" for item in items) if bullets else md_text(" ".join(items)) + "\n"
        parts.append(f"## {heading}\n\n{body}")
    other = [*role.names.values(), *role.aliases]
    if other:
        parts.append("## Also advertised as\n\n" + md_text("; ".join(dict.fromkeys(other))) + "\n")
    return "\n".join(parts)


def json_schema(name: str) -> dict[str, Any]:
    """Return the JSON Schema (draft-07) of a profile, plan, catalogue, rule book, team or assessment.

    Raises:
        ValueError: `name` is not one of `SCHEMA_NAMES`.
    """
    models: dict[str, type[BaseModel]] = {
        "profile": Profile,
        "plan": Plan,
        "catalogue": Catalogue,
        "rules": RuleBook,
        "team": Team,
        "assessment": Assessment,
    }
    if name not in models:
        raise ValueError(name)
    schema = models[name].model_json_schema(ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", None)
    body = _draft7(schema)
    if definitions:
        body["definitions"] = _draft7(definitions)
    return {"$schema": "http://json-schema.org/draft-07/schema#", **body}


def _draft7(node: Any) -> Any:
    """Rewrite the 2020-12 keywords pydantic emits into their draft-07 forms."""
    if isinstance(node, list):
        return [_draft7(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _draft7(value) for key, value in node.items() if key != "prefixItems"}
    if "prefixItems" in node:
        result["items"] = _draft7(node["prefixItems"])
        result["additionalItems"] = False
    return result


def starter_profile(values: dict[str, Any] | None = None) -> str:
    """Return a commented starter profile; `values` (from prompts) replace the examples."""
    values = values or {}

    def line(field: str, example: str, *, active: bool = True) -> str:
        if field in values:
            return f"{field}: {_yaml_value(values[field])}"
        return f"{field}: {example}" if active else f"# {field}: {example}"

    stages = ", ".join(stage.value for stage in Stage)
    goals = ", ".join(goal.value for goal in Goal)
    channels = ", ".join(channel.value for channel in Channel)
    return "\n".join(
        [
            "# yaml-language-server: $schema=profile.schema.json",
            "# A business profile for `ecomteam recommend --profile profile.yaml`.",
            "# Every field is optional; options given on the command line override these values.",
            "# Editor completion: `ecomteam schema profile --output profile.schema.json` writes the schema.",
            "",
            f"# How far the business has grown: {stages}.",
            "# Leave it out to infer it from orders_per_day or monthly_revenue.",
            line("stage", "startup"),
            "",
            "# Monthly amount available for the team now, in the catalogue's currency (EUR).",
            line("budget", "2000"),
            "",
            f"# What the team should improve: {goals}.",
            line("goals", "[traffic, conversion]"),
            "",
            f"# Where you sell: {channels}.",
            line("channels", "[own-site]"),
            "",
            "# Volumes: headcount formulas use them.",
            line("stores", "1"),
            line("orders_per_day", "20", active=False),
            line("skus", "150", active=False),
            line("monthly_revenue", "15000", active=False),
            "",
            "# Store platform (e.g. shopify, webflow, tmall) and cost region (mid-eu, west-eu, east-eu, ...).",
            line("platform", "shopify", active=False),
            line("region", "mid-eu", active=False),
            "",
        ]
    )


def _yaml_value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(item) for item in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
