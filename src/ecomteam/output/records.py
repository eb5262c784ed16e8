"""Results as plain JSON-ready data: the shape of `--format json` and `--format yaml`.

Reasons are written flat, `{"code": ..., "text": ..., **params}`, so scripts can
match on the code and people can read the text.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, assert_never

from pydantic import BaseModel, Field

from ecomteam.errors import UsageError
from ecomteam.models import Role
from ecomteam.output.results import (
    AssessmentReport,
    ComparisonReport,
    JobDescription,
    PlanReport,
    Result,
    RoleCard,
    RoleList,
)
from ecomteam.vocab import Stage

if TYPE_CHECKING:
    from ecomteam.output.words import Words
    from ecomteam.plan import Plan

#: Version of the role-list shape; 2 added `first_stage` and the derived `sourcing.preferred`.
ROLES_SCHEMA_VERSION = 2


class RoleRecord(Role):
    """A role as `roles show --format json` writes it (`ecomteam schema role`)."""

    first_stage: Stage | None = Field(description="The stage the rule book first brings the role in at.")


class RoleListing(BaseModel):
    """The roles `roles list --format json` writes (`ecomteam schema roles`)."""

    schema_version: int = Field(ROLES_SCHEMA_VERSION, description="Version of this shape.")
    roles: list[RoleRecord]


def record(result: Result) -> dict[str, Any]:
    """A result as plain data."""
    match result:
        case RoleList():
            roles = [role_record(role, result.first_stages.get(role.id)) for role in result.roles]
            return {"schema_version": ROLES_SCHEMA_VERSION, "roles": roles}
        case RoleCard():
            return role_record(result.role, result.first_stage)
        case PlanReport():
            return plan_record(result.plan, result.words, explain=result.explain)
        case AssessmentReport():
            return result.assessment.model_dump(mode="json", context={"words": result.words})
        case JobDescription():
            raise UsageError("a job description is written as markdown or HTML only")
        case ComparisonReport():
            return comparison_record(result)
        case _:
            assert_never(result)


def comparison_record(result: ComparisonReport) -> dict[str, Any]:
    """A comparison as plain data: each scenario with its plan, then what differs."""
    comparison = result.comparison
    scenarios = [
        {"name": scenario.name, "changes": scenario.changes, "plan": plan_record(scenario.plan, result.words)}
        for scenario in comparison.scenarios
    ]
    return {
        "schema_version": COMPARISON_SCHEMA_VERSION,
        "sweep": comparison.sweep,
        "scenarios": scenarios,
        "differences": [difference.model_dump(mode="json") for difference in comparison.differences],
        "totals": [total.model_dump(mode="json") for total in comparison.totals],
    }


#: Version of the comparison's shape in JSON and YAML.
COMPARISON_SCHEMA_VERSION = 1


def plan_record(plan: Plan, words: Words, *, explain: bool = False) -> dict[str, Any]:
    """A plan as plain data, its reasons worded; the rule traces only with `explain`."""
    data = plan.model_dump(mode="json", context={"words": words})
    if not explain:
        del data["explain"]
    return data


def role_record(role: Role, first_stage: Stage | None) -> dict[str, Any]:
    """A role as plain data, with the stage the rule book first brings it in at."""
    return role.model_dump(mode="json") | {"first_stage": first_stage.value if first_stage else None}


def to_json(data: Any) -> str:
    """Serialise data as JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_yaml(data: Any) -> str:
    """Serialise data as YAML text."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100))
