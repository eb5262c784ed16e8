"""Files ecomteam writes for users to fill in or check against: JSON Schemas and starter profiles.

Pure: each function returns text or data; the CLI writes it.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from ecomteam.assess import Assessment, Team
from ecomteam.fields import PROFILE_FIELDS
from ecomteam.models import Catalogue
from ecomteam.plan import Plan
from ecomteam.profile import Profile
from ecomteam.rulebook import RuleBook

#: What `ecomteam schema` can describe, and the model behind each.
SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "profile": Profile,
    "plan": Plan,
    "catalogue": Catalogue,
    "rules": RuleBook,
    "team": Team,
    "assessment": Assessment,
}


def json_schema(name: str) -> dict[str, Any]:
    """Return the JSON Schema (draft-07) of a profile, plan, catalogue, rule book, team or assessment.

    Raises:
        KeyError: `name` is not one of `SCHEMA_MODELS`.
    """
    schema = SCHEMA_MODELS[name].model_json_schema(ref_template="#/definitions/{model}")
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
    """Return a commented starter profile; `values` (from prompts) replace the examples.

    Every profile field is there with its help as a comment: the usual ones set to an
    example, the others commented out.
    """
    values = values or {}
    lines = [
        "# yaml-language-server: $schema=profile.schema.json",
        "# A business profile for `ecomteam recommend --profile profile.yaml`.",
        "# Every field is optional; options given on the command line override these values.",
        "# Editor completion: `ecomteam schema profile --output profile.schema.json` writes the schema.",
    ]
    for name, doc in PROFILE_FIELDS.items():
        lines += ["", f"# {doc.help}"]
        if name in values:
            lines.append(f"{name}: {_yaml_value(values[name])}")
        else:
            lines.append(f"{name}: {doc.example}" if doc.starter else f"# {name}: {doc.example}")
    return "\n".join(lines) + "\n"


def _yaml_value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(item) for item in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
