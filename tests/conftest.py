"""Shared fixtures; the environment is fixed before the app is imported.

typer emits ANSI codes in help and errors when CI-style colour variables are set,
and rich sizes tables from the terminal, so both are pinned here.
"""

import atexit
import os
import shutil
import tempfile

for _name in ("GITHUB_ACTIONS", "FORCE_COLOR", "PY_COLORS", "CLICOLOR_FORCE", "ECOMTEAM_CATALOGUE", "ECOMTEAM_DEBUG"):
    os.environ.pop(_name, None)
os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
os.environ["TERMINAL_WIDTH"] = "120"
os.environ["COLUMNS"] = "120"
os.environ["NO_COLOR"] = "1"
os.environ["ECOMTEAM_LANG"] = "en"  # the output language is fixed; tests of other languages say theirs
# The validated bundled data is cached for the session only, never in the user's own cache directory.
os.environ["ECOMTEAM_CACHE_DIR"] = tempfile.mkdtemp(prefix="ecomteam-cache-")
atexit.register(shutil.rmtree, os.environ["ECOMTEAM_CACHE_DIR"], ignore_errors=True)

from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from ecomteam.catalogue import RoleIndex, index_roles, parse_catalogue  # noqa: E402
from ecomteam.cli import app  # noqa: E402
from ecomteam.files import bundled_catalogue_path, read_text  # noqa: E402
from ecomteam.models import Catalogue  # noqa: E402
from ecomteam.plan import Plan  # noqa: E402
from ecomteam.rulebook import RuleBook  # noqa: E402

# Hypothesis: a bounded run by default (CI), a long campaign with HYPOTHESIS_PROFILE=long.
settings.register_profile("default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=5_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


@dataclass(frozen=True)
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    path = bundled_catalogue_path()
    return parse_catalogue(read_text(path, "catalogue"), str(path))


@pytest.fixture
def run() -> Callable[..., Result]:
    """Run the CLI in-process; stdout and stderr are kept apart."""

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
        if result.exit_code == 0:
            validate_against_schema(args, result.stdout)
        return Result(result.exit_code, result.stdout, result.stderr)

    return invoke


#: The schema (`ecomteam schema NAME`) of each command's JSON and YAML output.
OUTPUT_SCHEMAS = {"recommend": "plan", "assess": "assessment", "roles list": "roles", "roles show": "role"}


def validate_against_schema(args: tuple[str, ...], stdout: str) -> None:
    """Hold every JSON or YAML document a test makes a command print to the schema it publishes.

    So every option combination the tests run is also a check of the scripting API.
    """
    import json

    import jsonschema
    import yaml

    from ecomteam.documents import json_schema

    words = list(args)
    formats = {words[i + 1] for i, word in enumerate(words[:-1]) if word in ("-f", "--format")}
    formats |= {word.split("=", 1)[1] for word in words if word.startswith("--format=")}
    printed = not ({"-o", "--output"} & set(words)) or "-" in words
    if words[0] == "batch" and printed and formats <= {"jsonl"}:
        for line in stdout.splitlines()[:3]:  # a plan per line, all alike: the first few stand for them
            jsonschema.Draft7Validator(json_schema("plan")).validate(json.loads(line))
        return
    name = OUTPUT_SCHEMAS.get(words[0]) or OUTPUT_SCHEMAS.get(" ".join(words[:2]))
    if name is None or not printed or not formats & {"json", "yaml"}:
        return
    document = yaml.safe_load(stdout)  # JSON is YAML too
    jsonschema.Draft7Validator(json_schema(name)).validate(document)


@pytest.fixture(scope="session")
def roles(catalogue: Catalogue) -> RoleIndex:
    return index_roles(catalogue)


@pytest.fixture(scope="session")
def book(catalogue: Catalogue) -> RuleBook:
    from ecomteam.files import bundled_rules_path
    from ecomteam.rulebook import parse_rulebook

    path = bundled_rules_path()
    return parse_rulebook(read_text(path, "rule book"), str(path), catalogue)


@pytest.fixture(scope="session")
def plan_for(catalogue: Catalogue, book: RuleBook) -> Callable[..., Plan]:
    """Build a plan from profile fields with the bundled catalogue and rules."""
    from ecomteam.engine import build_plan
    from ecomteam.profile import Profile

    def plan(**fields: object) -> Plan:
        return build_plan(Profile.model_validate(fields), catalogue, book)

    return plan
