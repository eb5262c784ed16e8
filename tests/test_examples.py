"""The examples in examples/ are what the tool makes today; they never go stale."""

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, Result
from ecomteam.documents import json_schema

Run = Callable[..., Result]
EXAMPLES = sorted(path.parent for path in (ROOT / "examples").glob("*/profile.yaml"))
REGENERATE = "see examples/README.md to regenerate"


def test_there_is_an_example_per_seed_case() -> None:
    assert {path.name for path in EXAMPLES} == {
        "coffee-shop",
        "very-small-business",
        "new-marketplace-store",
        "mature-team",
        "live-stream-team",
        "enterprise",
    }


def without_version(document: str) -> str:
    """The document with the generator's version left out: a release does not rewrite the examples."""
    return re.sub(r"^generator: ecomteam \S+$", "generator: ecomteam", document, count=1, flags=re.M)


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_each_plan_regenerates_identically(run: Run, example: Path) -> None:
    args = ["recommend", "-p", str(example / "profile.yaml"), "--start", "2027-01-01", "-f", "markdown"]
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    saved = (example / "plan.md").read_text(encoding="utf-8")
    assert without_version(result.stdout) == without_version(saved), f"{example.name}: {REGENERATE}"


LANGUAGES = ("en", "es", "zh", "pl", "it")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_coffee_shop_plan_in_each_language_regenerates_identically(run: Run, language: str) -> None:
    profile = ROOT / "examples" / "coffee-shop" / "profile.yaml"
    result = run("recommend", "-p", str(profile), "--start", "2027-01-01", "-f", "markdown", "--lang", language)
    assert result.exit_code == 0, result.stderr
    saved = (ROOT / "examples" / "languages" / f"coffee-shop.{language}.md").read_text(encoding="utf-8")
    assert result.stdout == saved, f"{language}: {REGENERATE}"


def test_the_example_schema_is_current() -> None:
    saved = json.loads((ROOT / "examples" / "profile.schema.json").read_text(encoding="utf-8"))
    assert saved == json_schema("profile"), REGENERATE


def test_the_readme_links_the_examples() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "examples/" in readme


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_each_plan_renders_as_github_flavoured_markdown(example: Path) -> None:
    # markdown-it-py (rich's own markdown parser) with GitHub's tables: what a viewer builds from the file.
    from markdown_it import MarkdownIt

    text = (example / "plan.md").read_text(encoding="utf-8")
    page = MarkdownIt("commonmark").enable("table").render(text)
    tables = [line for line in text.splitlines() if re.fullmatch(r"\|(---\|)+", line)]
    assert page.count("<table>") == len(tables) > 0
    assert page.count('<pre><code class="language-mermaid">') == text.count("```mermaid")
    assert not text.startswith("---")  # no front matter for GitHub to show as a table
    assert "<h1>" in page.split("<table>")[0]
    for tag in ("<script", "<img", "<iframe"):
        assert tag not in page


OVER_TIME = sorted(path.parent for path in (ROOT / "examples" / "over-time").glob("*/profile.yaml"))
BUDGETS = ["-s", "budget=800", "-s", "budget=1500", "-s", "budget=3000", "-s", "budget=6000"]


@pytest.mark.parametrize("example", OVER_TIME, ids=[path.name for path in OVER_TIME])
def test_each_timeline_example_regenerates_identically(run: Run, example: Path) -> None:
    result = run("recommend", "-p", str(example / "profile.yaml"), "--start", "2027-01-01", "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (example / "plan.md").read_text(encoding="utf-8"), f"{example.name}: {REGENERATE}"
    assert "## Month by month" in result.stdout


def test_the_budget_comparison_regenerates_identically(run: Run) -> None:
    profile = str(ROOT / "examples" / "coffee-shop" / "profile.yaml")
    result = run("compare", "-p", profile, *BUDGETS, "--start", "2027-01-01", "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    saved = ROOT / "examples" / "over-time" / "budget-comparison.md"
    assert result.stdout == saved.read_text(encoding="utf-8"), REGENERATE
    assert "*" not in result.stdout.split("## Full team by scenario")[1].split("## Totals")[0].replace(
        "Roles marked * differ", ""
    )  # the budget sets the pace, never the team
