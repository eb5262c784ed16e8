"""Renderers, on a fixed role whose text is full of markup-like characters."""

import io
import json

import pytest
import yaml
from rich.console import Console

from ecomteam.catalogue import RoleIndex, index_roles
from ecomteam.models import Catalogue, CostBasis, Role
from ecomteam.output import facts, records, terminal
from ecomteam.output.markdown import md_cell, role_markdown, roles_markdown
from ecomteam.output.results import RoleCard, RoleList
from ecomteam.vocab import Stage

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
        "sourcing": {"engagements": ["full-time", "agency"], "reason": "Daily [sessions]."},
        "cost": {"min": 1800, "max": 4000, "assumption": "test band"},
        "reports_to": None,
        "sources": ["002.txt"],
    }
    data.update(changes)
    return Role.model_validate(data)


@pytest.fixture
def role() -> Role:
    return make_role()


@pytest.fixture
def index(role: Role) -> RoleIndex:
    return index_roles(Catalogue(schema_version=2, cost_basis=CostBasis(currency="EUR", note="n"), roles=(role,)))


def card(role: Role, index: RoleIndex) -> RoleCard:
    return RoleCard(role, index, Stage.GROWTH)


def draw(renderable: object, width: int) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, emoji=False, highlight=False, markup=False, color_system=None).print(renderable)
    return buffer.getvalue()


def test_role_record_has_the_documented_fields(role: Role) -> None:
    record = json.loads(records.to_json(records.role_record(role, Stage.GROWTH)))
    for key in ("id", "name", "names", "aliases", "category", "kpis", "sourcing", "first_stage", "sources"):
        assert key in record
    assert record["sourcing"]["preferred"] == "in-house"
    assert record["name"] == "直播主播 [lead]"  # not \\u-escaped, not eaten as markup


def test_roles_record_carries_the_schema_version(role: Role, index: RoleIndex) -> None:
    record = records.record(RoleList((role,), index, {}))
    assert record["schema_version"] == records.ROLES_SCHEMA_VERSION
    assert [item["id"] for item in record["roles"]] == ["live-host"]


def test_yaml_output_round_trips(role: Role) -> None:
    record = records.role_record(role, None)
    assert yaml.safe_load(records.to_yaml(record)) == record


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("a|b", "a\\|b"),
        ("line\nbreak", "line<br>break"),
        ("back\\slash", "back\\\\slash"),
        ("`a|b`", "\\`a\\|b\\`"),
        ("<b>&", "&lt;b&gt;&amp;"),
        ("a\x1b[2Jb", "a\\[2Jb"),
        (
            "![t](https://x.example/p.png) [pay](https://x.example)",
            "\\!\\[t\\](https://x.example/p.png) \\[pay\\](https://x.example)",
        ),
    ],
)
def test_markdown_cells_are_escaped(text: str, cell: str) -> None:
    assert md_cell(text) == cell


def columns(line: str) -> int:
    return len(line.replace("\\|", "").strip().strip("|").split("|"))


def test_markdown_tables_have_consistent_columns(role: Role, index: RoleIndex) -> None:
    for document in (roles_markdown(RoleList((role, role), index, {})), role_markdown(card(role, index))):
        table_lines = [line for line in document.splitlines() if line.startswith("|")]
        assert table_lines
        assert len({columns(line) for line in table_lines}) == 1


def test_role_markdown_keeps_text_literal(role: Role, index: RoleIndex) -> None:
    document = role_markdown(card(role, index))
    assert document.startswith("# 直播主播 \\[lead\\] (`live-host`)")
    assert "\\[bold\\]tags\\[/bold\\]" in document
    assert "## KPIs\n\n- Sales per live hour\n" in document


@pytest.mark.parametrize("width", [40, 200])
def test_terminal_views_show_markup_literally_and_fold_cjk(role: Role, index: RoleIndex, width: int) -> None:
    table = draw(terminal.roles_table(RoleList((role,), index, {})), width)
    view = draw(terminal.role_view(card(role, index)), width)
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
    index = index_roles(
        Catalogue(schema_version=2, cost_basis=CostBasis(currency="EUR", note="n"), roles=(boss, worker))
    )
    assert facts.manager_text(worker, index) == "Boss (boss)"
    assert facts.manager_text(boss, index) == "nobody (top of the team)"
