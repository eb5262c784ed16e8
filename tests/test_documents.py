"""Job descriptions, JSON Schemas and starter profiles."""

import json
import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT, Result
from ecomteam.catalogue import RoleIndex
from ecomteam.documents import SCHEMA_MODELS, json_schema
from ecomteam.output.markdown import job_description
from ecomteam.output.results import JobDescription
from ecomteam.output.starters import starter_profile
from ecomteam.profile import Profile, parse_profile
from ecomteam.vocab import Stage

Run = Callable[..., Result]


def test_a_job_description_has_what_article_000_asks_for(roles: RoleIndex) -> None:
    role = roles.role("customer-service")
    assert role is not None
    text = job_description(JobDescription(role, roles, Stage.GROWTH))
    for heading in (
        "What we expect",
        "Responsibilities",
        "Skills",
        "How success is measured",
        "Engagement",
        "Reports to",
    ):
        assert f"\n## {heading}\n" in text
    assert role.kpis[0] in text
    assert "Customer Care Manager" in text


def test_the_stage_sets_the_seniority(roles: RoleIndex) -> None:
    role = roles.role("customer-service")
    assert role is not None
    titles = {stage: job_description(JobDescription(role, roles, stage)).splitlines()[0] for stage in Stage}
    assert len(set(titles.values())) == len(Stage)
    assert titles[Stage.MATURE] == f"# {roles.catalogue.seniority[Stage.MATURE].level} Customer Service Agent"


def test_jd_command_finds_the_role_by_any_name(run: Run) -> None:
    result = run("jd", "客服")
    assert result.exit_code == 0
    assert result.stdout.startswith("# ")
    assert "Customer Service Agent" in result.stdout.splitlines()[0]


def test_jd_unknown_role(run: Run) -> None:
    result = run("jd", "astronaut")
    assert result.exit_code == 2
    assert "no role matches 'astronaut'" in result.stderr


@pytest.mark.parametrize("name", tuple(SCHEMA_MODELS))
def test_schemas_are_valid_draft_7(name: str) -> None:
    schema = json_schema(name)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema)
    assert "prefixItems" not in json.dumps(schema)


@pytest.mark.parametrize(("name", "path"), [("catalogue", "data/roles.yaml"), ("rules", "data/rules.yaml")])
def test_the_bundled_files_validate_against_their_schemas(name: str, path: str) -> None:
    data = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(json_schema(name)).validate(data)


def test_a_plan_validates_against_its_schema(run: Run) -> None:
    plan = json.loads(run("recommend", "--stage", "mature", "--explain", "-f", "json").stdout)
    jsonschema.Draft7Validator(json_schema("plan")).validate(plan)


def test_the_schema_catches_a_typo() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(json_schema("profile")).validate({"stage": "startup", "budgit": 5})


def test_schema_command(run: Run) -> None:
    result = run("schema", "plan")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "Plan"
    assert run("schema", "budget").exit_code == 2


def test_the_starter_profile_is_a_valid_profile() -> None:
    text = starter_profile()
    assert text.startswith("# yaml-language-server: $schema=profile.schema.json\n")
    profile = parse_profile(text, "profile.yaml")
    assert profile.stage == Stage.STARTUP


def test_answers_replace_the_examples() -> None:
    text = starter_profile({"stage": "growth", "goals": ["brand"], "budget": "5000", "platform": "webflow"})
    profile = parse_profile(text, "profile.yaml")
    assert (profile.stage, profile.goals, profile.budget, profile.platform) == (
        Stage.GROWTH,
        ("brand",),
        5000,
        "webflow",
    )


def test_profile_init_writes_the_profile_and_its_schema(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "shop.yaml"
    result = run("profile", "init", str(target))
    assert result.exit_code == 0
    assert Profile.model_validate(yaml.safe_load(target.read_text(encoding="utf-8"))).stage == Stage.STARTUP
    assert json.loads((tmp_path / "profile.schema.json").read_text(encoding="utf-8"))["title"] == "Profile"
    again = run("profile", "init", str(target))
    assert again.exit_code == 73


def test_interactive_refuses_without_a_terminal(run: Run, tmp_path: Path) -> None:
    result = run("profile", "init", str(tmp_path / "p.yaml"), "--interactive")
    assert result.exit_code == 2
    assert "needs a terminal" in result.stderr
    assert not (tmp_path / "p.yaml").exists()


def test_interactive_asks_at_a_terminal(tmp_path: Path) -> None:
    # every profile field in order: stage, budget (asked again), currency, region, country, goals, channels,
    # stores, orders per day, SKUs, monthly revenue, average order value, category, fulfilment, platform, live rooms,
    # months, growth, budget growth, peaks, rates
    answers = ["growth", "-5", "4000", "", "", "", "traffic, brand", "", "3", "", "", "", "", "", "", "webflow", "",
               "", "", "", "", ""]  # fmt: skip
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "ecomteam", "profile", "init", "shop.yaml", "--interactive"],
        stdin=follower, stdout=follower, stderr=follower, cwd=tmp_path, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    os.close(follower)
    output = b""
    deadline = time.monotonic() + 30
    pending = list(answers)
    while process.poll() is None and time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            output += chunk
            if chunk.rstrip().endswith((b":", b"]:")) and pending:
                os.write(leader, pending.pop(0).encode() + b"\n")
    process.wait(timeout=10)
    os.close(leader)
    assert process.returncode == 0, output.decode(errors="replace")
    assert b"must be at least 0" in output  # the bad budget was asked again
    profile = parse_profile((tmp_path / "shop.yaml").read_text(encoding="utf-8"), "shop.yaml")
    assert (profile.stage, profile.budget, profile.goals, profile.stores) == (
        Stage.GROWTH,
        4000,
        ("traffic", "brand"),
        3,
    )
    assert profile.platform == "webflow"


def test_command_output_in_the_tests_is_held_to_its_schema() -> None:
    from conftest import validate_against_schema

    with pytest.raises(jsonschema.ValidationError):
        validate_against_schema(("recommend", "-f", "json"), '{"schema_version": 1}')
    with pytest.raises(jsonschema.ValidationError):
        validate_against_schema(("assess", "--team", "t.yaml", "--format=yaml"), "schema_version: 3\n")
    validate_against_schema(("recommend", "-f", "json", "-o", "plan.json"), "not read")  # written to a file
    validate_against_schema(("recommend",), "a table, not a document")
