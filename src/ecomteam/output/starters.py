"""Starter files for people to fill in: a commented profile and a commented team file."""

from __future__ import annotations

import json
from typing import Any

from ecomteam.fields import PROFILE_FIELDS, choices
from ecomteam.i18n import N_, _
from ecomteam.vocab import Engagement


def starter_profile(values: dict[str, Any] | None = None) -> str:
    """Return a commented starter profile.

    Every profile field is there with its help as a comment. Without `values` the
    usual fields are set to an example and the others commented out; with `values`
    (the answers at the prompts) exactly the answered fields are set.
    """
    answered = values is not None
    values = values or {}
    lines = [
        "# yaml-language-server: $schema=profile.schema.json",
        "# " + _("A business profile for `ecomteam recommend --profile profile.yaml`."),
        "# " + _("Every field is optional; options given on the command line override these values."),
        "# " + _("Editor completion: `ecomteam schema profile --output profile.schema.json` writes the schema."),
    ]
    for name, doc in PROFILE_FIELDS.items():
        lines += ["", f"# {_(doc.help)}"]
        if name in values:
            lines.append(f"{name}: {_yaml_value(values[name])}")
        else:
            active = doc.starter and not answered
            lines.append(f"{name}: {doc.example}" if active else f"# {name}: {doc.example}")
    return "\n".join(lines) + "\n"


def _yaml_value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(item) for item in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


#: The example people of every starter team file, whatever its format (names in the reader's language).
STARTER_PEOPLE: tuple[dict[str, Any], ...] = (
    {"name": N_("Owner"), "roles": ["ecommerce-manager", "customer-service", "product-manager"], "fte": 1,
     "engagement": "owner"},
    {"name": N_("Freelance marketer"), "roles": ["digital-marketing-manager"], "hours_per_week": 10,
     "engagement": "freelance", "skills": ["SEO", "Google Ads"]},
)  # fmt: skip

#: The columns of a team table, in the order a template gives them.
TEAM_COLUMNS = ("name", "roles", "fte", "hours_per_week", "engagement", "sourcing", "skills")


def team_notes() -> list[str]:
    """What a person fills in, for the comments of a template."""
    return [
        _("roles: ids, names or aliases in any language (see `ecomteam roles list`)."),
        _("fte (1 = full time) or hours_per_week;"),
        _("engagement: {choices} (it says whether the person is in-house or outsourced).").format(
            choices=choices(Engagement)
        ),
    ]


def _people() -> list[dict[str, Any]]:
    return [{**person, "name": _(person["name"])} for person in STARTER_PEOPLE]


def starter_team() -> str:
    """A commented starter team file."""
    lines = [
        "# yaml-language-server: $schema=team.schema.json",
        "# " + _("The team you have now, for `ecomteam assess --team team.yaml`."),
        *(f"# {note}" for note in team_notes()),
        "people:",
    ]
    for person in _people():
        fields = [f"{name}: {_yaml_value(value)}" for name, value in person.items()]
        lines += [f"  - {fields[0]}", *(f"    {field}" for field in fields[1:])]
    return "\n".join(lines) + "\n"


def starter_team_rows() -> list[list[str | float | int]]:
    """A starter team as table rows: the header, then one row per person (lists joined with `;`)."""

    def cell(value: Any) -> str | float | int:
        return "; ".join(value) if isinstance(value, list) else value

    header: list[str | float | int] = list(TEAM_COLUMNS)
    return [header] + [[cell(person.get(column, "")) for column in TEAM_COLUMNS] for person in _people()]
