"""Writing results to files: atomic, never clobbering, with clear errors."""

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result
from ecomteam.errors import EXIT_CANT_WRITE

Run = Callable[..., Result]
PLAN = ["recommend", "--stage", "growth", "--goal", "traffic", "--start", "2027-01-01"]


def test_the_issue_example_writes_a_markdown_plan(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    result = run("recommend", "--stage", "growth", "--goal", "traffic", "--format", "markdown", "--output", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert f"wrote {target}" in result.stderr
    assert target.read_text(encoding="utf-8").startswith("# E-commerce team plan: growth business\n")


def test_an_existing_file_is_kept_without_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("my notes\n", encoding="utf-8")
    result = run(*PLAN, "-f", "markdown", "-o", str(target))
    assert result.exit_code == EXIT_CANT_WRITE
    assert "already exists" in result.stderr
    assert "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "my notes\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["plan.md"]


def test_force_replaces_the_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")
    result = run(*PLAN, "-f", "json", "-o", str(target), "--force")
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("{")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["plan.json"]  # no temporary file left


def test_dash_means_stdout(run: Run) -> None:
    result = run(*PLAN, "-f", "json", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("{")


@pytest.mark.parametrize("where", ["missing-folder/plan.md", "."], ids=["missing-folder", "a-directory"])
def test_unwritable_places_get_their_own_exit_code(run: Run, tmp_path: Path, where: str) -> None:
    result = run(*PLAN, "-f", "markdown", "-o", str(tmp_path / where))
    assert result.exit_code == EXIT_CANT_WRITE
    assert "nothing was written" in result.stderr or "is a directory" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("output", ["svg", "html", "table"])
def test_pictures_and_pages_are_reproducible(run: Run, tmp_path: Path, output: str) -> None:
    first, second = tmp_path / f"a.{output}", tmp_path / f"b.{output}"
    assert run(*PLAN, "-f", output, "-o", str(first)).exit_code == 0
    assert run(*PLAN, "-f", output, "-o", str(second)).exit_code == 0
    text = first.read_text(encoding="utf-8")
    assert text == second.read_text(encoding="utf-8")
    assert "Digital Marketing Manager" in text or "Digital" in text
    if output == "svg":
        assert text.lstrip().startswith("<svg")
    if output == "table":
        assert "\x1b[" not in text
        assert all(line == line.rstrip() for line in text.splitlines())


def test_roles_commands_write_files_too(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "roles.md"
    assert run("roles", "list", "-f", "markdown", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# E-commerce team roles")


def test_bad_start_date(run: Run) -> None:
    result = run("recommend", "--stage", "growth", "--start", "next week")
    assert result.exit_code == 2
    assert "not a date like 2027-01-01" in result.stderr


def test_the_svg_picture_loads_no_font_from_the_web(run: Run) -> None:
    result = run(*PLAN, "-f", "svg")
    assert result.exit_code == 0, result.stderr
    assert "@font-face" not in result.stdout
    assert "url(http" not in result.stdout  # clip paths point inside the picture, fonts nowhere
    assert "monospace" in result.stdout
