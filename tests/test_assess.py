"""`ecomteam assess`: the team a business has against the team it needs."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import Result
from ecomteam.assess import assess, parse_team
from ecomteam.catalogue import RoleIndex
from ecomteam.codes import Code
from ecomteam.errors import DataError
from ecomteam.plan import Plan, Reason
from ecomteam.rulebook import RuleBook
from ecomteam.vocab import Engagement

PlanFor = Callable[..., Plan]
Run = Callable[..., Result]

# Article 000: the coffee-shop owner roasted, took photos, wrote captions, answered
# customers, packed and delivered, all alone.
OWNER_ONLY = """\
people:
  - name: Owner
    roles: [ecommerce-manager, Marketing, Fotografía, Redacción publicitaria, Servicio al cliente,
            embalaje de almacén, Especialista en logística]
    fte: 1
    sourcing: in-house
    engagement: owner
"""
COFFEE_SHOP = {"stage": "startup", "goals": ["traffic", "conversion"], "channels": ["own-site"]}


def run_assess(text: str, plan: Plan, roles: RoleIndex, book: RuleBook):  # type: ignore[no-untyped-def]
    team, roles_of = parse_team(text, "team.yaml", roles)
    return assess(plan, team, roles_of, roles, book)


def test_the_coffee_shop_owner_is_overloaded(plan_for: PlanFor, roles: RoleIndex, book: RuleBook) -> None:
    result = run_assess(OWNER_ONLY, plan_for(**COFFEE_SHOP), roles, book)
    (owner,) = result.overloaded
    assert owner.person == "Owner"
    assert owner.load > owner.fte
    assert "customer-service" in [part.role for part in owner.parts]
    assert owner.load == pytest.approx(sum(part.load for part in owner.parts), abs=0.01)


def test_the_coffee_shop_hires_as_the_article_did(plan_for: PlanFor, roles: RoleIndex, book: RuleBook) -> None:
    result = run_assess(OWNER_ONLY, plan_for(**COFFEE_SHOP), roles, book)
    order = [hire.role for hire in result.next_hires]
    first = result.next_hires[0]
    assert (first.role, first.engagement) == ("digital-marketing-manager", Engagement.FREELANCE)
    service = next(hire for hire in result.next_hires if hire.role == "customer-service")
    manager = next(hire for hire in result.next_hires if hire.role == "ecommerce-manager")
    assert service.engagement == Engagement.PART_TIME
    assert manager.engagement == Engagement.FULL_TIME
    assert order.index("digital-marketing-manager") < order.index("customer-service") < order.index("ecommerce-manager")
    assert result.gap_monthly_cost == pytest.approx(sum(hire.monthly_cost for hire in result.next_hires))


def team_for(plan: Plan) -> str:
    """A team that staffs every line of the plan: one person per role, the owner for owner lines."""
    people = [
        {"name": "Owner", "roles": ["ecommerce-manager"], "fte": 1, "sourcing": "in-house", "engagement": "owner"}
    ]
    needed: dict[str, float] = {}
    engagement: dict[str, str] = {}
    for line in plan.team:
        if line.engagement is not Engagement.OWNER:
            needed[line.role] = max(needed.get(line.role, 0), line.fte)
            engagement[line.role] = line.engagement.value
    for role, fte in needed.items():
        sourcing = "outsource" if engagement[role] in ("freelance", "agency") else "in-house"
        people.append({"name": role, "roles": [role], "fte": min(fte, 2), "sourcing": sourcing,
                       "engagement": engagement[role]})  # fmt: skip
        if fte > 2:
            people.append({"name": f"{role} 2", "roles": [role], "fte": min(fte - 2, 2), "sourcing": sourcing,
                           "engagement": engagement[role]})  # fmt: skip
    return yaml.safe_dump({"people": people}, allow_unicode=True)


def test_a_complete_mature_team_has_no_gaps(plan_for: PlanFor, roles: RoleIndex, book: RuleBook) -> None:
    plan = plan_for(stage="mature", channels=["marketplace"], orders_per_day=100)
    result = run_assess(team_for(plan), plan, roles, book)
    assert [item.role for item in result.coverage if item.status != "covered"] == []
    assert result.next_hires == ()
    assert result.gap_monthly_cost == 0


@pytest.mark.parametrize(
    ("people", "role", "status", "reason"),
    [
        ("[{name: Ana, roles: [customer-service], fte: 1, sourcing: in-house, engagement: full-time}]",
         "customer-service", "covered", Reason.of(Code.COVERED_BY, people=("Ana",))),
        ("[{name: Ana, roles: [customer-service], hours_per_week: 8, sourcing: in-house, engagement: part-time}]",
         "customer-service", "understaffed", Reason.of(Code.SHORT, held=0.2, needed=1.0, people=("Ana",))),
        ("[{name: Ana, roles: [product-manager, customer-service], fte: 2, sourcing: in-house, engagement: full-time}]",
         "customer-service", "side-job", Reason.of(Code.SIDE_JOB, people=("Ana",))),
        ("[{name: Ana, roles: [product-manager], fte: 1, sourcing: in-house, engagement: full-time}]",
         "customer-service", "missing", Reason.of(Code.NOBODY)),
    ],
    ids=["covered", "understaffed", "side-job", "missing"],
)  # fmt: skip
def test_each_coverage_status(
    plan_for: PlanFor, roles: RoleIndex, book: RuleBook, people: str, role: str, status: str, reason: Reason
) -> None:
    result = run_assess(f"people: {people}\n", plan_for(stage="growth"), roles, book)
    item = next(item for item in result.coverage if item.role == role)
    assert (item.status, item.reason) == (status, reason)


def test_roles_not_needed_yet(plan_for: PlanFor, roles: RoleIndex, book: RuleBook) -> None:
    text = "people: [{name: Ana, roles: [主播], fte: 1, sourcing: in-house, engagement: full-time}]\n"
    result = run_assess(text, plan_for(stage="startup"), roles, book)
    assert [(item.role, item.people) for item in result.not_needed_yet] == [("livestream-host", ("Ana",))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("people: [{name: A, roles: [astronaut], fte: 1, sourcing: in-house, engagement: owner}]\n",
         "team.yaml:1:28: people[0].roles[0]: no role matches 'astronaut'"),
        ("people: [{name: A, roles: [seo], fte: 1, hours_per_week: 8, sourcing: in-house, engagement: owner}]\n",
         "give either fte or hours_per_week"),
        ("people: [{name: A, roles: [seo], fte: 1, sourcing: inhouse, engagement: owner}]\n",
         "people[0].sourcing: must be one of: 'in-house', 'outsource'"),
        ("people: [{name: A, roles: [seo], fte: 1, sourcing: in-house, engagement: owner, age: 40}]\n",
         "unknown field 'age'"),
        ("people: []\n", "people: needs at least 1 item, has 0"),
        ("", "the file is empty; it should hold a mapping of fields"),
    ],
    ids=["unknown-role", "fte-and-hours", "bad-sourcing", "unknown-field", "nobody", "empty"],
)  # fmt: skip
def test_bad_team_files(roles: RoleIndex, text: str, expected: str) -> None:
    with pytest.raises(DataError) as caught:
        parse_team(text, "team.yaml", roles)
    assert any(expected in str(problem) for problem in caught.value.problems), caught.value.problems


def test_assess_command_json_shape(run: Run, tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text(OWNER_ONLY, encoding="utf-8")
    result = run("assess", "--team", str(team), "--stage", "startup", "-g", "traffic,conversion", "--budget", "2000",
                 "-f", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"coverage", "overloaded", "next_hires", "gap_monthly_cost"} <= set(data)
    assert data["within_budget"] is False
    assert data["next_hires"][0]["role"] == "digital-marketing-manager"


@pytest.mark.parametrize("output", ["table", "markdown", "yaml"])
def test_assess_command_formats(run: Run, tmp_path: Path, output: str) -> None:
    team = tmp_path / "team.yaml"
    team.write_text(OWNER_ONLY, encoding="utf-8")
    result = run("assess", "--team", str(team), "--stage", "startup", "-f", output)
    assert result.exit_code == 0
    assert "Digital Marketing Manager" in result.stdout or "digital-marketing-manager" in result.stdout


def test_assess_with_a_bad_team_file_exits_65(run: Run, tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text("people:\n  - name: A\n    roles: [astronaut]\n    fte: 1\n    sourcing: in-house\n"
                    "    engagement: owner\n", encoding="utf-8")  # fmt: skip
    result = run("assess", "--team", str(team), "--stage", "startup")
    assert result.exit_code == 65
    assert f"{team}:3:13: people[0].roles[0]: no role matches 'astronaut'" in result.stderr


def test_recommend_shows_the_plan_as_a_delta(run: Run, tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text(OWNER_ONLY, encoding="utf-8")
    result = run("recommend", "--stage", "startup", "--team", str(team), "-f", "json")
    reasons = {
        line["role"] + "/" + line["engagement"]: line["reasons"][0] for line in json.loads(result.stdout)["team"]
    }
    assert reasons["ecommerce-manager/owner"] == {
        "code": "stays-with-owner",
        "text": "Stays with the owner (Owner).",
        "people": ["Owner"],
    }
    added = reasons["digital-marketing-manager/freelance"]
    assert (added["code"], added["phase"], added["coverage"]["code"]) == ("added-partly", 1, "short")
    assert added["text"].startswith("Added in phase 1: today ")


def test_team_init_writes_a_valid_team_and_its_schema(run: Run, tmp_path: Path, roles: RoleIndex) -> None:
    target = tmp_path / "team.yaml"
    assert run("team", "init", str(target)).exit_code == 0
    _, roles_of = parse_team(target.read_text(encoding="utf-8"), str(target), roles)
    assert roles_of[0][0] == "ecommerce-manager"
    assert json.loads((tmp_path / "team.schema.json").read_text(encoding="utf-8"))["title"] == "Team"
    assert run("schema", "team").exit_code == 0


def test_the_readme_team_example_runs(run: Run, tmp_path: Path) -> None:
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\npeople:", 1)[1].split("```", 1)[0]
    team = tmp_path / "team.yaml"
    team.write_text("people:" + example, encoding="utf-8")
    result = run(
        "assess", "--team", str(team), "--stage", "startup", "--goal", "traffic,conversion", "--budget", "2000"
    )
    assert result.exit_code == 0, result.stderr


def test_roles_the_plan_leaves_to_the_owner_do_not_overload_the_owner(
    plan_for: PlanFor, roles: RoleIndex, book: RuleBook
) -> None:
    ana = "name: Ana\n    roles: [ecommerce-manager, purchasing-manager]\n    fte: 1\n    engagement: owner\n"
    team = f"people:\n  - {ana}"
    result = run_assess(team, plan_for(stage="solo"), roles, book)
    assert result.overloaded == ()


def test_roles_the_owner_holds_until_their_hire_are_not_counted_against_the_owner(
    plan_for: PlanFor, roles: RoleIndex, book: RuleBook
) -> None:
    # At startup the owner is the e-commerce manager until the full-time hire of phase 3.
    held = "[ecommerce-manager, purchasing-manager, digital-marketing-manager, customer-service, accountant]"
    team = f"people:\n  - name: Ana\n    roles: {held}\n    fte: 1\n    engagement: owner\n"
    plan = plan_for(**COFFEE_SHOP)
    assert any(line.role == "ecommerce-manager" and line.engagement is Engagement.OWNER for line in plan.team)
    assert run_assess(team, plan, roles, book).overloaded == ()
    helper = team.replace("engagement: owner", "engagement: part-time")
    (overloaded,) = run_assess(helper, plan, roles, book).overloaded
    assert overloaded.counted_roles == 5


def test_a_hire_takes_a_role_over_from_the_owner(plan_for: PlanFor, roles: RoleIndex, book: RuleBook) -> None:
    plan = plan_for(stage="growth", orders_per_day=60)
    team = "people:\n  - {name: Owner, roles: [ecommerce-manager, customer-service], fte: 1, engagement: owner}\n"
    result = run_assess(team, plan, roles, book)
    manager = next(hire for hire in result.next_hires if hire.role == "ecommerce-manager")
    line = next(line for line in plan.team if line.role == "ecommerce-manager" and line.until_phase is None)
    assert (manager.engagement, manager.fte) == (line.engagement, line.fte)  # the whole post, not what is left


def test_a_gap_smaller_than_a_post_is_hired_part_time(plan_for: PlanFor, roles: RoleIndex, book: RuleBook) -> None:
    # An employee spread over three roles holds a third of each: what is left of a full-time
    # post is a part-time hire, at the part-time terms of the rule book.
    plan = plan_for(stage="growth", orders_per_day=60)
    roles_held = "[ecommerce-manager, customer-service, product-manager]"
    team = f"people:\n  - {{name: Ana, roles: {roles_held}, fte: 1, engagement: full-time}}\n"
    result = run_assess(team, plan, roles, book)
    partial = [hire for hire in result.next_hires if 0 < hire.fte < 1]
    assert partial
    assert all(hire.engagement is not Engagement.FULL_TIME for hire in partial)
    manager = next(hire for hire in result.next_hires if hire.role == "ecommerce-manager")
    line = next(line for line in plan.team if line.role == "ecommerce-manager" and line.until_phase is None)
    terms = book.engagements
    ratio = terms[Engagement.PART_TIME].cost_factor / terms[line.engagement].cost_factor
    assert manager.fte == pytest.approx(line.fte - 1 / 3, abs=0.01)
    assert manager.monthly_cost == pytest.approx(line.monthly_cost * manager.fte / line.fte * ratio, abs=1)


def test_people_holding_a_covered_role_hold_the_line_that_covers_it(
    plan_for: PlanFor, roles: RoleIndex, book: RuleBook
) -> None:
    # Allegro: the e-commerce specialist's line covers store operations; two operators already do that work.
    plan = plan_for(stage="growth", channels=["marketplace"], platform="allegro", stores=3, orders_per_day=180)
    covering = next(line for line in plan.team if "store-operator" in line.covers)
    team = (
        "people:\n"
        "  - {name: Ola, roles: [store-operator], fte: 1, engagement: full-time}\n"
        "  - {name: Kuba, roles: [store-operator], fte: 1, engagement: full-time}\n"
    )
    result = run_assess(team, plan, roles, book)
    assert "store-operator" not in {idle.role for idle in result.not_needed_yet}
    assert covering.role not in {hire.role for hire in result.next_hires}
    (item,) = [item for item in result.coverage if item.role == covering.role]
    assert item.status == "covered"
    assert set(item.people) == {"Ola", "Kuba"}


def test_a_persons_time_goes_to_their_roles_as_the_plan_needs_them(
    plan_for: PlanFor, roles: RoleIndex, book: RuleBook
) -> None:
    plan = plan_for(stage="growth", orders_per_day=180)
    need = {line.role: line.fte for line in plan.team if line.until_phase is None}
    ewa = "{name: Ewa, roles: [customer-service, after-sales-specialist], fte: 1, engagement: full-time}"
    team = f"people:\n  - {ewa}\n"
    result = run_assess(team, plan, roles, book)
    held = {item.role: item.held_fte for item in result.coverage if item.role in need}
    total = need["customer-service"] + need["after-sales-specialist"]
    for role in ("customer-service", "after-sales-specialist"):  # not half each: in proportion to the work
        assert held[role] == pytest.approx(need[role] / total, abs=0.01)
