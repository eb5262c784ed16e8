"""The command line as a user meets it: output, messages and exit codes."""

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
import yaml

from conftest import Result
from ecomteam import __version__
from ecomteam.cli.common import handle_errors as _handle_errors
from ecomteam.errors import EXIT_DATA, EXIT_INTERNAL, EXIT_NO_INPUT, EXIT_USAGE
from helpers import catalogue_yaml, role_yaml

Run = Callable[..., Result]


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(run: Run, flag: str) -> None:
    result = run(flag)
    assert result.exit_code == 0
    assert result.stdout == f"ecomteam {__version__}\n"


@pytest.mark.parametrize(
    "args", [["-h"], ["--help"], ["roles", "-h"], ["roles", "show", "--help"], ["catalogue", "validate", "-h"]]
)
def test_help(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0
    assert "Usage: ecomteam" in result.stdout


def test_bare_command_shows_help_and_exits_2(run: Run) -> None:
    result = run()
    assert result.exit_code == EXIT_USAGE
    assert "roles" in result.stdout + result.stderr


def test_roles_list_prints_a_table(run: Run) -> None:
    result = run("roles", "list")
    assert result.exit_code == 0
    assert "customer-service" in result.stdout
    assert "40 of 40 roles" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["--stage", "solo"], lambda role: role["first_stage"] == "solo"),
        (["--stage", "STARTUP"], lambda role: role["first_stage"] in ("solo", "startup")),
        (["--category", "logistics"], lambda role: role["category"] == "logistics"),
        (["--sourcing", "outsource"], lambda role: role["sourcing"]["preferred"] == "outsource"),
    ],
    ids=["stage", "stage-any-case", "category", "sourcing"],
)
def test_roles_list_filters(run: Run, args: list[str], check: Callable[[dict[str, object]], bool]) -> None:
    result = run("roles", "list", *args, "--format", "json")
    assert result.exit_code == 0
    roles = json.loads(result.stdout)["roles"]
    assert roles
    assert all(check(role) for role in roles)


@pytest.mark.parametrize("output", ["json", "JSON", "yaml", "markdown", "table"])
def test_roles_list_formats(run: Run, output: str) -> None:
    result = run("roles", "list", "-f", output)
    assert result.exit_code == 0
    if output.lower() == "json":
        assert len(json.loads(result.stdout)["roles"]) == 40
    elif output == "yaml":
        assert len(yaml.safe_load(result.stdout)["roles"]) == 40
    elif output == "markdown":
        assert result.stdout.startswith("# E-commerce team roles")
        assert result.stdout.count("\n| ") == 41  # header + 40 rows


def test_unknown_filter_value_lists_the_choices(run: Run) -> None:
    result = run("roles", "list", "--stage", "huge")
    assert result.exit_code == EXIT_USAGE
    assert result.stdout == ""
    for stage in ("solo", "startup", "growth", "mature", "enterprise"):
        assert stage in result.stderr


@pytest.mark.parametrize(
    ("query", "name"),
    [("客服", "Customer Service Agent"), ("Seo e Comparatori", "SEO and Price Comparison Specialist")],
)
def test_roles_show_finds_roles_by_any_name(run: Run, query: str, name: str) -> None:
    result = run("roles", "show", query)
    assert result.exit_code == 0
    assert name in result.stdout
    assert "KPIs" in result.stdout


def test_roles_show_json_is_one_object(run: Run) -> None:
    result = run("roles", "show", "gerente de comercio electronico", "--format", "json")
    assert result.exit_code == 0
    role = json.loads(result.stdout)
    assert role["id"] == "ecommerce-manager"
    assert {"id", "name", "names", "aliases", "category", "kpis", "sourcing", "first_stage", "sources"} <= set(role)


def test_roles_show_markdown(run: Run) -> None:
    result = run("roles", "show", "客服", "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Customer Service Agent (`customer-service`)")


def test_roles_show_unknown_role_suggests_and_exits_2(run: Run) -> None:
    result = run("roles", "show", "custmer servce")
    assert result.exit_code == EXIT_USAGE
    assert result.stdout == ""
    assert "no role matches 'custmer servce'" in result.stderr
    assert "customer-service" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_catalogue_file(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = run("roles", "list", "--catalogue", str(missing))
    assert result.exit_code == EXIT_NO_INPUT
    assert result.stderr == f"ecomteam: {missing}: no such catalogue file\n"


def test_directory_as_catalogue(run: Run, tmp_path: Path) -> None:
    result = run("roles", "list", "--catalogue", str(tmp_path))
    assert result.exit_code == EXIT_NO_INPUT
    assert "is a directory" in result.stderr


def test_catalogue_that_is_not_utf8(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("schema_version: 1\nroles:\n  - name: Contabilità\n".encode("latin-1"))
    result = run("roles", "list", "--catalogue", str(path))
    assert result.exit_code == EXIT_DATA
    assert f"{path}:3:21: not UTF-8 text" in result.stderr


def test_invalid_catalogue_reports_every_problem(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "roles.yaml"
    path.write_text(
        catalogue_yaml(role_yaml("boss", extra="colour: blue\n"), role_yaml("a", reports_to="x"), role_yaml("a")),
        encoding="utf-8",
    )
    result = run("catalogue", "validate", str(path))
    assert result.exit_code == EXIT_DATA
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"ecomteam: {path}: invalid catalogue, 3 problems:"
    assert all(line.strip().startswith(f"{path}:") for line in lines[1:])
    assert len(lines) == 4
    assert "Traceback" not in result.stderr


def test_valid_catalogue(run: Run) -> None:
    result = run("catalogue", "validate")
    assert result.exit_code == 0
    assert "valid catalogue with 40 roles" in result.stdout


def test_catalogue_from_the_environment(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(catalogue_yaml(role_yaml("boss")), encoding="utf-8")
    result = run("roles", "list", "--format", "json", env={"ECOMTEAM_CATALOGUE": str(path)})
    assert result.exit_code == 0
    assert [role["id"] for role in json.loads(result.stdout)["roles"]] == ["boss"]


def test_user_text_is_shown_literally(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    text = catalogue_yaml(role_yaml("boss")).replace("name: Role boss", "name: '[red]Boss[/red] :smile:'")
    path.write_text(text, encoding="utf-8")
    result = run("roles", "show", "boss", "--catalogue", str(path))
    assert result.exit_code == 0
    assert "[red]Boss[/red] :smile:" in result.stdout


def test_internal_errors_become_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    @_handle_errors
    def broken() -> None:
        raise RuntimeError("boom")

    with pytest.raises(typer.Exit) as caught:
        broken()
    assert caught.value.exit_code == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert err.startswith(f"ecomteam {__version__}: internal error (RuntimeError: boom)")
    assert len(err.strip().splitlines()) == 1


def test_ctrl_c_exits_130(capsys: pytest.CaptureFixture[str]) -> None:
    @_handle_errors
    def interrupted() -> None:
        raise KeyboardInterrupt

    with pytest.raises(typer.Exit) as caught:
        interrupted()
    assert caught.value.exit_code == 130
    assert capsys.readouterr().err == "ecomteam: interrupted\n"


def test_debug_flag_turns_on_tracebacks_without_touching_the_environment(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ecomteam.cli.common import debugging

    monkeypatch.delenv("ECOMTEAM_DEBUG", raising=False)
    assert run("--debug", "roles", "show", "客服").exit_code == 0
    assert debugging()
    assert "ECOMTEAM_DEBUG" not in os.environ
    assert run("roles", "show", "客服").exit_code == 0
    assert not debugging()


@pytest.mark.parametrize(("value", "on"), [("1", True), ("true", True), ("0", False), ("", False), ("no", False)])
def test_only_a_true_debug_variable_turns_debugging_on(monkeypatch: pytest.MonkeyPatch, value: str, on: bool) -> None:
    from ecomteam.cli.common import debugging, set_debug

    set_debug(False)
    monkeypatch.setenv("ECOMTEAM_DEBUG", value)
    assert debugging() is on


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOMTEAM_DEBUG", "1")

    @_handle_errors
    def broken() -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        broken()


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ecomteam", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout == f"ecomteam {__version__}\n"


def loaded_after(args: list[str], modules: tuple[str, ...]) -> list[str]:
    """Which of `modules` a fresh process has imported after running `ecomteam ARGS`."""
    script = (
        f"import sys; sys.argv = ['ecomteam', *{args!r}]; from ecomteam.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"import json; print(json.dumps(sorted(m for m in {modules!r} if m in sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(result.stdout.splitlines()[-1])
    return loaded


def test_version_imports_nothing_heavy() -> None:
    assert loaded_after(["--version"], ("typer", "rich", "pydantic", "yaml")) == []


def test_help_needs_neither_pydantic_nor_yaml_nor_rich_formatting() -> None:
    assert loaded_after(["--help"], ("pydantic.main", "yaml", "typer.rich_utils", "rich.markdown")) == []


def test_roles_commands_do_not_load_the_plan_models() -> None:
    modules = ("ecomteam.plan", "ecomteam.engine", "ecomteam.assess")
    assert loaded_after(["roles", "show", "customer-service"], modules) == []


@pytest.mark.parametrize(
    ("args", "needed"),
    [
        (["recommend", "--stage", "startup", "--format", "json"], "ecomteam.cli.plans"),
        (["roles", "show", "customer-service"], "ecomteam.cli.roles"),
    ],
)
def test_a_command_imports_its_own_module_and_no_other_commands(args: list[str], needed: str) -> None:
    modules = tuple(f"ecomteam.cli.{name}" for name in ("plans", "batch", "documents", "roles"))
    assert loaded_after(args, modules) == [needed]


@pytest.mark.parametrize("language", ["en", "pl"])
def test_help_lists_the_commands_as_the_built_commands_would(language: str) -> None:
    """`--help` words each command from its help text without building it: the same words typer's build gives."""
    from typer.core import TyperGroup

    from ecomteam.cli import app
    from ecomteam.cli.clicktext import TranslatedContext
    from ecomteam.cli.helptext import TranslatedGroup
    from ecomteam.i18n import speaking
    from ecomteam.vocab import Language

    root = typer.main.get_command(app)
    assert isinstance(root, TranslatedGroup)
    root.language = Language(language)
    ctx = TranslatedContext(root, info_name="ecomteam")
    with speaking(root.language):
        listed = ctx.make_formatter()
        root.format_commands(ctx, listed)
        assert not root.commands  # nothing built for the list
        root.build_all()
        built = ctx.make_formatter()
        TyperGroup.format_commands(root, ctx, built)
    assert listed.getvalue() == built.getvalue()
    assert "recommend" in listed.getvalue()
