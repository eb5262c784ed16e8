"""A small valid catalogue as YAML text, for tests that break it on purpose."""

import textwrap

HEADER = """\
schema_version: 2
cost_basis:
  currency: EUR
  note: test figures
roles:
"""


def role_yaml(role_id: str, *, reports_to: str | None = None, aliases: tuple[str, ...] = (), extra: str = "") -> str:
    """One role as a YAML list item under `roles:`; `extra` lines are added as fields."""
    alias_lines = "".join(f"\n      - {alias}" for alias in aliases) if aliases else " []"
    extra_lines = textwrap.indent(textwrap.dedent(extra), "    ") if extra else ""
    return (
        f"  - id: {role_id}\n"
        f"    name: Role {role_id}\n"
        f"    aliases:{alias_lines}\n"
        "    category: marketing\n"
        f"    summary: Does {role_id} work.\n"
        "    responsibilities: [Work]\n"
        "    skills: [Skill]\n"
        "    kpis: [First KPI, Second KPI]\n"
        "    sourcing: {engagements: [full-time], reason: Because.}\n"
        "    cost: {min: 1000, max: 2000, assumption: test}\n"
        f"    reports_to: {reports_to or 'null'}\n"
        "    sources: [000_da0d42dd14e3d136.txt]\n"
        f"{extra_lines}"
    )


def catalogue_yaml(*roles: str) -> str:
    """A catalogue with the given role items (from `role_yaml`)."""
    return HEADER + "".join(roles)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the n-th line containing `needle`."""
    hits = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


# Article 000, Q2: continuous, closely supervised work in-house; specialised or
# intermittent work (SEO, UX/UI, content writing, campaign advertising) outsourced.
Q2_SOURCING = [
    ("ecommerce-manager", "in-house"),
    ("customer-service", "in-house"),
    ("product-manager", "in-house"),
    ("seo-specialist", "outsource"),
    ("ux-ui-designer", "outsource"),
    ("copywriter", "outsource"),
    ("paid-ads-specialist", "outsource"),
]
