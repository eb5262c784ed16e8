"""The project's own promises: the README's commands are the ones CI runs."""

import re

from conftest import ROOT


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(python3 -m venv[^\n]*)\n```", readme)


def test_the_readme_opens_with_two_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    assert "ecomteam " in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_what_the_readme_commands_run() -> None:
    # CI installs once, with the lint tools beside the README's extras, then runs
    # each README command's last step as it is written.
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    install = next(line for line in ci if line.startswith(".venv/bin/pip install"))
    for command in readme_commands():
        *_, pip, last = command.split(" && ")
        extras = re.findall(r"\[([a-z,]+)\]", pip)
        assert all(extra in install for group in extras for extra in group.split(","))
        assert last in ci


def test_the_exit_code_table_matches_the_code() -> None:
    from ecomteam import errors

    codes = {value for name, value in vars(errors).items() if name.startswith("EXIT_") and value != 0}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Exit codes")[1].split("\n## ")[0]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", table, flags=re.M)}
    assert documented == codes | {0}


def test_every_error_class_has_a_documented_exit_code() -> None:
    from ecomteam import errors

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for error in (errors.UsageError, errors.InputFileError, errors.DataError, errors.OutputError):
        assert f"| {error.exit_code} |" in readme
