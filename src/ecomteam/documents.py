"""The JSON Schemas of the files ecomteam reads and writes, for editors and scripts.

Pure: each function returns text or data; the CLI writes it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ecomteam.assess import Assessment, Team
from ecomteam.models import Catalogue
from ecomteam.output.records import RoleListing, RoleRecord
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
    "role": RoleRecord,
    "roles": RoleListing,
}

#: Schemas of what ecomteam writes: derived fields included, as they are written.
WRITTEN = frozenset({"plan", "assessment", "role", "roles"})


def json_schema(name: str) -> dict[str, Any]:
    """Return the JSON Schema (draft-07) of a file ecomteam reads or writes (one of `SCHEMA_MODELS`).

    Raises:
        KeyError: `name` is not one of `SCHEMA_MODELS`.
    """
    model = SCHEMA_MODELS[name]
    if name in WRITTEN:
        schema = model.model_json_schema(ref_template="#/definitions/{model}", mode="serialization")
    else:
        schema = model.model_json_schema(ref_template="#/definitions/{model}")
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
