"""Renderers, on a fixed role whose text is full of markup-like characters."""

import io
import json

import pytest
import yaml
from rich.console import Console

from ecomteam import render
from ecomteam.models import Catalogue, CostBasis, Role

TRICKY = "Uses [bold]tags[/bold], :smile: codes | pipes\nand new lines"


def make_role(**changes: object) -> Role:
    data: dict[str, object] = {
        "id": "live-host",
        "name": "直播主播 [lead]",
        "names": {"zh": "主播", "es": "Ancla"},
        "aliases": ["Anchor | host"],
        "category": "live-video",
        "summary": TRICKY,
        "responsibilities": [TRICKY, "Sell live"],
        "skills": ["On camera"],
        "kpis": ["Sales per live hour", "Viewer-to-buyer conversion (%)"],
        "stage": "growth",
        "sourcing": {"preferred": "in-house", "engagements": ["full-time", "agency"], "reason": "Daily [sessions]."},
        "headcount": {"min": 1, "max": 1, "per": "live-room", "note": "One per room.", "sources": ["002.txt"]},
        "cost": {"min": 1800, "max": 4000, "currency": "EUR", "assumption": "test band"},
        "reports_to": None,
        "sources": ["002.txt"],
    }
    data.update(changes)
    return Role.model_validate(data)


@pytest.fixture
def role() -> Role:
    return make_role()


@pytest.fixture
def catalogue(role: Role) -> Catalogue:
    return Catalogue(schema_version=1, cost_basis=CostBasis(currency="EUR", note="n"), roles=(role,))


def draw(renderable: object, width: int) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, emoji=False, highlight=False, markup=False, color_system=None).print(renderable)
    return buffer.getvalue()


def test_role_record_has_the_documented_fields(role: Role) -> None:
    record = json.loads(render.to_json(render.role_record(role)))
    for key in ("id", "name", "names", "aliases", "category", "kpis", "sourcing", "stage", "sources"):
        assert key in record
    assert record["sourcing"]["preferred"] == "in-house"
    assert record["name"] == "直播主播 [lead]"  # not \\u-escaped, not eaten as markup


def test_roles_record_carries_the_schema_version(role: Role) -> None:
    record = render.roles_record([role])
    assert record["schema_version"] == render.SCHEMA_VERSION
    assert [item["id"] for item in record["roles"]] == ["live-host"]


def test_yaml_output_round_trips(role: Role) -> None:
    record = render.role_record(role)
    assert yaml.safe_load(render.to_yaml(record)) == record


@pytest.mark.parametrize(
    ("text", "cell"),
    [("a|b", "a\\|b"), ("line\nbreak", "line<br>break"), ("back\\slash", "back\\\\slash"), ("`a|b`", "`a\\|b`")],
)
def test_markdown_cells_are_escaped(text: str, cell: str) -> None:
    assert render.md_cell(text) == cell


def columns(line: str) -> int:
    return len(line.replace("\\|", "").strip().strip("|").split("|"))


def test_markdown_tables_have_consistent_columns(role: Role, catalogue: Catalogue) -> None:
    for document in (render.roles_markdown([role, role]), render.role_markdown(role, catalogue)):
        table_lines = [line for line in document.splitlines() if line.startswith("|")]
        assert table_lines
        assert len({columns(line) for line in table_lines}) == 1


def test_role_markdown_keeps_text_literal(role: Role, catalogue: Catalogue) -> None:
    document = render.role_markdown(role, catalogue)
    assert document.startswith("# 直播主播 \\[lead\\] (`live-host`)")
    assert "\\[bold\\]tags\\[/bold\\]" in document
    assert "## KPIs\n\n- Sales per live hour\n" in document


@pytest.mark.parametrize("width", [40, 200])
def test_terminal_views_show_markup_literally_and_fold_cjk(role: Role, catalogue: Catalogue, width: int) -> None:
    table = draw(render.roles_table([role], "1 role", "EUR"), width)
    view = draw(render.role_view(role, catalogue), width)
    for text in (table, view):
        assert "…" not in text  # folded, never cut short
        assert all(len(line) <= width for line in text.splitlines())
        assert all(char in text for char in "直播主播[lead]")
    # The detail view has one value column, so folded text reads on in order.
    flat = "".join(view.split())
    assert "直播主播[lead]" in flat
    assert "Uses[bold]tags[/bold],:smile:codes|pipes" in flat


def test_manager_text_names_the_manager() -> None:
    boss = make_role(id="boss", name="Boss")
    worker = make_role(id="worker", name="Worker", reports_to="boss")
    catalogue = Catalogue(schema_version=1, cost_basis=CostBasis(currency="EUR", note="n"), roles=(boss, worker))
    assert render.manager_text(worker, catalogue) == "Boss (boss)"
    assert render.manager_text(boss, catalogue) == "nobody (top of the team)"
