"""Rule book and profile loading: typed conditions, cross-checks, located errors."""

from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from ecomteam.errors import DataError
from ecomteam.models import Catalogue
from ecomteam.profile import parse_profile
from ecomteam.rulebook import Leaf, parse_rulebook

BUNDLED = (ROOT / "data" / "rules.yaml").read_text(encoding="utf-8")


def with_rule(rule: str) -> str:
    """The bundled rule book with one more rule appended (YAML text, 2-space list items)."""
    return BUNDLED.rstrip() + "\n\n" + rule


def problems(text: str, catalogue: Catalogue) -> list[str]:
    with pytest.raises(DataError) as caught:
        parse_rulebook(text, "rules.yaml", catalogue)
    return [str(problem) for problem in caught.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_bundled_rule_book_is_valid(catalogue: Catalogue) -> None:
    book = parse_rulebook(BUNDLED, "rules.yaml", catalogue)
    assert len(book.rules) >= 40
    assert all(rule.sources for rule in book.rules)


def test_every_rule_cites_a_seed_article(catalogue: Catalogue) -> None:
    book = parse_rulebook(BUNDLED, "rules.yaml", catalogue)
    seeds = {source.file for role in catalogue.roles for source in role.sources}
    assert all({source.file for source in rule.sources} <= seeds for rule in book.rules)


def test_every_figure_states_its_basis(catalogue: Catalogue) -> None:
    book = parse_rulebook(BUNDLED, "rules.yaml", catalogue)
    for figure in [*book.drivers.values(), *book.engagements.values(), *book.regions.values()]:
        assert figure.source or figure.assumption


RULE = """\
  - id: extra
    description: d
    sources: [000_da0d42dd14e3d136.txt]
    when: {when}
    then: {then}
"""


@pytest.mark.parametrize(
    ("when", "then", "needle", "expected"),
    [
        pytest.param(
            "{field: stage, op: gte, value: huge}",
            "{role: accountant, reason: r}",
            "value: huge",
            "'huge' is not a valid stage value; valid: solo, startup, growth, mature, enterprise",
            id="bad-stage-value",
        ),
        pytest.param(
            "{field: goals, op: gte, value: traffic}",
            "{role: accountant, reason: r}",
            "op: gte, value: traffic",
            "operator 'gte' does not apply to goals; use one of: has, has_any",
            id="operator-for-wrong-field",
        ),
        pytest.param(
            "{field: colour, op: eq, value: red}",
            "{role: accountant, reason: r}",
            "field: colour",
            "must be one of: 'stage', 'goals'",
            id="unknown-field",
        ),
        pytest.param(
            "{field: stores, op: gte, value: many}",
            "{role: accountant, reason: r}",
            "value: many",
            "stores compares with a number",
            id="number-field-with-text",
        ),
        pytest.param(
            "{field: channels, op: has_any, value: marketplace}",
            "{role: accountant, reason: r}",
            "has_any, value: marketplace",
            "operator 'has_any' takes a list",
            id="list-operator-with-one-value",
        ),
        pytest.param(
            "[stage, growth]",
            "{role: accountant, reason: r}",
            "when: [stage",
            "a condition is a mapping",
            id="condition-not-a-mapping",
        ),
        pytest.param(
            "{field: stage, op: eq, value: growth}",
            "{role: acountant, reason: r}",
            "role: acountant",
            "no role 'acountant' in the catalogue (did you mean 'accountant'?)",
            id="unknown-role",
        ),
        pytest.param(
            "{field: stage, op: eq, value: growth}",
            "{role: accountant, reason: r, fte: {base: orders_per_day, per: [tickets_per_agent]}}",
            "role: accountant, reason: r, fte",
            "no driver 'tickets_per_agent' (did you mean 'tickets_per_agent_day'?)",
            id="unknown-driver",
        ),
        pytest.param(
            "{field: stage, op: eq, value: growth}",
            "{role: accountant, reason: r, phase: 9}",
            "phase: 9",
            "there are only 4 phases",
            id="phase-out-of-range",
        ),
        pytest.param(
            "{field: stage, op: eq, value: growth}",
            "{role: accountant, reason: r, engagement: sometimes}",
            "engagement: sometimes",
            "must be one of: 'owner', 'full-time', 'part-time', 'freelance', 'agency'",
            id="unknown-engagement",
        ),
    ],
)
def test_rule_mistakes_are_located(catalogue: Catalogue, when: str, then: str, needle: str, expected: str) -> None:
    text = with_rule(RULE.format(when=when, then=then))
    found = problems(text, catalogue)
    line = line_of(text, needle)
    assert any(problem.startswith(f"rules.yaml:{line}:") and expected in problem for problem in found), found


def test_a_duplicate_rule_id_names_both_lines(catalogue: Catalogue) -> None:
    text = with_rule(
        RULE.format(when="{field: stage, op: eq, value: solo}", then="{role: business-analyst, reason: r}").replace(
            "id: extra", "id: mature-business-analyst"
        )
    )
    (problem,) = problems(text, catalogue)
    assert "duplicate rule id 'mature-business-analyst' (also at line" in problem


def test_a_category_may_only_change_drivers_the_book_has(catalogue: Catalogue) -> None:
    text = BUNDLED.replace(
        "      after_sales_cases_per_order:\n        value: 0.09",
        "      after_sales_case_per_order:\n        value: 0.09",
    )
    (problem,) = problems(text, catalogue)
    key = BUNDLED.splitlines().index("      after_sales_cases_per_order:") + 1
    assert int(problem.split(":")[1]) in (key, key + 1)  # the driver's key, or the mapping under it
    assert "no driver 'after_sales_case_per_order'" in problem
    assert "after_sales_cases_per_order" in problem


def test_a_listing_marketplace_must_be_a_marketplace_platform(catalogue: Catalogue) -> None:
    text = BUNDLED.replace(
        "listing: &listing_marketplaces [amazon,", "listing: &listing_marketplaces [shopify, amazon,"
    )
    (problem,) = problems(text, catalogue)
    assert "platforms.listing[0]" in problem
    assert "'shopify' is not one of the marketplace platforms" in problem


def test_phases_must_be_in_order(catalogue: Catalogue) -> None:
    text = BUNDLED.replace("{phase: 2, start_month: 3, end_month: 6", "{phase: 5, start_month: 3, end_month: 6")
    assert any("phases must be numbered" in problem for problem in problems(text, catalogue))


def test_a_rule_can_be_switched_off(catalogue: Catalogue) -> None:
    data = yaml.safe_load(BUNDLED)
    data["rules"][0]["enabled"] = False
    book = parse_rulebook(yaml.safe_dump(data, allow_unicode=True), "rules.yaml", catalogue)
    assert not book.rules[0].enabled


def test_leaf_accepts_the_right_shapes() -> None:
    assert Leaf.model_validate({"field": "goals", "op": "has", "value": ["traffic", "brand"]}).value == (
        "traffic",
        "brand",
    )
    assert Leaf.model_validate({"field": "budget", "op": "set", "value": True}).value is True


def test_profile_file_errors_are_located(tmp_path: Path) -> None:
    text = "stage: startup\nbudget: -5\ngoals: [traffic, trafic]\nstores: two\n"
    with pytest.raises(DataError) as caught:
        parse_profile(text, "profile.yaml")
    found = [str(problem) for problem in caught.value.problems]
    assert found[0].startswith("profile.yaml:2:9: budget: must be at least 0")
    assert found[1].startswith("profile.yaml:3:18: goals[1]: must be one of: 'traffic'")
    assert found[1].endswith("(got 'trafic'); did you mean 'traffic'?")
    assert found[2].startswith("profile.yaml:4:9: stores: must be a whole number")


def test_profile_yaml_1_1_words_stay_text() -> None:
    assert parse_profile("stage: startup\nplatform: NO\n", "p.yaml").platform == "no"
