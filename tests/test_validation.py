"""Catalogue validation: every mistake is reported with its line, all at once."""

import pytest

from ecomteam.catalogue import parse_catalogue
from ecomteam.errors import DataError
from helpers import catalogue_yaml, line_of, role_yaml


def problems_of(text: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        parse_catalogue(text, "cat.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_a_valid_catalogue_loads() -> None:
    catalogue = parse_catalogue(catalogue_yaml(role_yaml("boss"), role_yaml("worker", reports_to="boss")), "cat.yaml")
    assert [role.id for role in catalogue.roles] == ["boss", "worker"]


@pytest.mark.parametrize(
    ("text", "needle", "expected"),
    [
        pytest.param(
            catalogue_yaml(role_yaml("boss").replace("kpis: [First KPI, Second KPI]", "kpis: [Only one]")),
            "kpis:",
            "roles[0].kpis: needs at least 2 items, has 1",
            id="too-few-kpis",
        ),
        pytest.param(
            catalogue_yaml(role_yaml("boss").replace("category: marketing", "category: huge")),
            "category:",
            "roles[0].category: must be one of:",
            id="unknown-category",
        ),
        pytest.param(
            catalogue_yaml(role_yaml("boss").replace("min: 1000", "min: lots")),
            "cost:",
            "roles[0].cost.min: must be a number",
            id="bad-type",
        ),
        pytest.param(
            catalogue_yaml(role_yaml("boss", extra="kpi: [x, y]\n")),
            "kpi: [x",
            "roles[0].kpi: unknown field 'kpi' (did you mean 'kpis'?)",
            id="unknown-key",
        ),
        pytest.param(
            catalogue_yaml(role_yaml("boss", aliases=("Chief",)), role_yaml("worker", aliases=("chief!",))),
            "chief!",
            "roles[1].aliases[0]: 'chief!' already names role 'boss' (at line 9)",
            id="duplicate-alias-after-normalising",
        ),
        pytest.param(
            catalogue_yaml(role_yaml("boss"), role_yaml("worker", reports_to="bos")),
            "reports_to: bos",
            "roles[1].reports_to: no role has the id 'bos' (did you mean 'boss'?)",
            id="dangling-reports-to",
        ),
        pytest.param(
            catalogue_yaml(role_yaml("a", reports_to="b"), role_yaml("b", reports_to="a")),
            "reports_to: b",
            "roles[0].reports_to: reporting cycle: a -> b -> a",
            id="reporting-cycle",
        ),
        pytest.param(
            catalogue_yaml(role_yaml("boss").replace("assumption: test", "note: test")),
            "cost:",
            "roles[0].cost.note: unknown field 'note'",
            id="cost-without-basis",
        ),
        pytest.param(
            catalogue_yaml(role_yaml("boss").replace("min: 1000, max: 2000", "min: 3000, max: 2000")),
            "cost:",
            "roles[0].cost: min (3000) is larger than max (2000)",
            id="band-upside-down",
        ),
        pytest.param(
            catalogue_yaml(role_yaml("boss").replace("max: 2000,", "max: 2000, currency: USD,")),
            "currency: USD",
            "roles[0].cost.currency: unknown field 'currency'",
            id="currency-belongs-to-the-cost-basis",
        ),
        pytest.param(
            catalogue_yaml(role_yaml("boss").replace("name: Role boss", "name: 2024")),
            "name: 2024",
            "roles[0].name: must be text (got 2024); YAML read this as a number: put it in quotes",
            id="number-in-text-field",
        ),
        pytest.param(
            catalogue_yaml(role_yaml("Boss Role")),
            "id: Boss Role",
            "roles[0].id: must be a role id",
            id="id-not-kebab-case",
        ),
        pytest.param(
            catalogue_yaml(role_yaml("boss", aliases=("'!!!'",))),
            "'!!!'",
            "roles[0].aliases[0]: '!!!' has no letters or digits",
            id="alias-without-letters",
        ),
    ],
)
def test_each_mistake_is_reported_at_its_line(text: str, needle: str, expected: str) -> None:
    problems = problems_of(text)
    line = line_of(text, needle)
    assert any(problem.startswith(f"cat.yaml:{line}:") and expected in problem for problem in problems), problems


def test_duplicate_id_names_both_lines() -> None:
    text = catalogue_yaml(role_yaml("boss"), role_yaml("boss"))
    (problem,) = problems_of(text)
    first, second = line_of(text, "id: boss"), line_of(text, "id: boss", 2)
    assert problem.startswith(f"cat.yaml:{second}:")
    assert f"also at line {first}" in problem


def test_three_mistakes_are_all_reported_in_file_order() -> None:
    text = catalogue_yaml(
        role_yaml("boss", extra="colour: blue\n"),  # unknown key
        role_yaml("worker", reports_to="nobody"),  # dangling manager
        role_yaml("worker"),  # duplicate id
    )
    problems = problems_of(text)
    assert len(problems) == 3
    lines = [int(problem.split(":")[1]) for problem in problems]
    assert lines == [line_of(text, "colour"), line_of(text, "reports_to: nobody"), line_of(text, "id: worker", 2)]


def test_a_missing_field_points_at_the_role() -> None:
    text = catalogue_yaml(role_yaml("boss").replace("    summary: Does boss work.\n", ""))
    (problem,) = problems_of(text)
    assert problem.startswith(f"cat.yaml:{line_of(text, 'id: boss')}:")
    assert "roles[0].summary: required field is missing" in problem


def test_malformed_yaml_gives_its_line() -> None:
    text = catalogue_yaml(role_yaml("boss")).replace("skills: [Skill]", "skills: [Skill")
    (problem,) = problems_of(text)
    assert "not valid YAML" in problem
    assert problem.startswith("cat.yaml:")


def test_duplicate_keys_name_both_lines() -> None:
    text = catalogue_yaml(role_yaml("boss", extra="category: analytics\n"))
    (problem,) = problems_of(text)
    first, second = line_of(text, "category: marketing"), line_of(text, "category: analytics")
    assert problem.startswith(f"cat.yaml:{second}:")
    assert f"duplicate key 'category' (first at line {first})" in problem


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_an_empty_file_is_an_error(text: str) -> None:
    (problem,) = problems_of(text)
    assert problem == "cat.yaml: the file is empty; it should hold a mapping of fields"


def test_a_list_at_the_top_is_an_error() -> None:
    (problem,) = problems_of("- a\n- b\n")
    assert problem == "cat.yaml:1:1: the file should hold a mapping of fields (name: value), but it holds a list"
