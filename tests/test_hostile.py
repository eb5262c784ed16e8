"""Hostile input, one test per class of attack: never a crash, a traceback, a lost file or a passed-through escape.

Every hostile file is built here; nothing large is kept in the repository.
"""

import os
import pty
import select
import subprocess
import sys
import time
import xml.dom.minidom
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, Result
from ecomteam.errors import EXIT_BROKEN_PIPE, EXIT_CANT_WRITE, EXIT_DATA, EXIT_INTERRUPTED, EXIT_NO_INPUT, EXIT_USAGE

Run = Callable[..., Result]
CATALOGUE = (ROOT / "data" / "roles.yaml").read_text(encoding="utf-8")
RULES = (ROOT / "data" / "rules.yaml").read_text(encoding="utf-8")
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m\u202e\x9b"
CONTROLS = "\x1b\x07\u202e\x9b"  # what must never come out
YAML_ESCAPES = "\\e]0;pwned\\a\\e[2J\\e[31m\\u202e\\x9b"  # the same, as YAML double-quoted escapes


ENTRY = "import sys; from ecomteam.entry import main; sys.argv = ['ecomteam', *sys.argv[1:]]; main()"
# Children run without the coverage hooks of the test run: signal timing tests must see ecomteam alone.
PLAIN_ENV = {name: value for name, value in os.environ.items() if not name.startswith("COV_CORE")}


def ecomteam(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """Run the console entry in a fresh process, as a user does; output is captured unless redirected."""
    if "stdout" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run([sys.executable, "-c", ENTRY, *args], check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- crashes and unbounded work -----------------------------------------------------------


@pytest.mark.parametrize(
    "nesting", ["[" * 30_000, "- " * 30_000 + "x\n", "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 400))]
)
@pytest.mark.parametrize("option", ["--profile", "--catalogue", "--rules", "--team"])
def test_deep_nesting_is_refused_with_a_line(run: Run, tmp_path: Path, nesting: str, option: str) -> None:
    path = write(tmp_path / "deep.yaml", nesting)
    command = "assess" if option == "--team" else "recommend"
    result = run(
        command, "--stage", "growth", option, str(path), *(["--team", str(path)] if option != "--team" else [])
    )
    assert result.exit_code == EXIT_DATA, result.stderr
    assert f"{path}:" in result.stderr
    assert "nested more than" in result.stderr or "not valid YAML" in result.stderr


def test_an_endless_profile_stops_at_the_cap(run: Run) -> None:
    result = run("recommend", "--profile", "/dev/zero")
    assert result.exit_code == EXIT_DATA
    assert "larger than 64 MiB" in result.stderr


def test_thousands_of_unknown_fields_get_twenty_problems_and_a_count(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", "stage: growth\n" + "".join(f"field{i}: {i}\n" for i in range(40_000)))
    started = time.monotonic()
    result = run("recommend", "--profile", str(path))
    assert time.monotonic() - started < 10
    assert result.exit_code == EXIT_DATA
    assert "40000 problems" in result.stderr
    assert "... and 39980 more" in result.stderr
    assert result.stderr.count("\n") < 30


def test_aliases_may_not_repeat_far_more_than_the_file_holds(run: Run, tmp_path: Path) -> None:
    block = "a: &a [" + ", ".join(["x"] * 50) + "]\n"
    repeats = "".join(f"k{i}: *a\n" for i in range(2_000))  # 100,000 values from a 14 kB file
    path = write(tmp_path / "p.yaml", block + repeats)
    result = run("recommend", "--profile", str(path))
    assert result.exit_code == EXIT_DATA
    assert "aliases" in result.stderr


# --- bad values are data errors, never internal errors -------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("stores: !!int abc", "not a valid whole number"),
        ("stores: !!int", "not a valid whole number"),
        ("stores: !!int 1.5", "not a valid whole number"),
        ("budget: !!float abc", "not a valid number"),
        ("platform: !!null shopify", "not a valid null"),
        ("stores: !!bool maybe", "not a valid boolean"),
        ("stores: true", "not true or false"),
        ("stores: " + "9" * 5000, "too many digits"),
    ],
)
def test_tagged_and_oversized_values_are_located_data_errors(
    run: Run, tmp_path: Path, line: str, expected: str
) -> None:
    path = write(tmp_path / "p.yaml", f"stage: growth\n{line}\n")
    result = run("recommend", "--profile", str(path))
    assert result.exit_code == EXIT_DATA, result.stderr
    assert f"{path}:2:" in result.stderr
    assert expected in result.stderr


@pytest.mark.parametrize(
    ("option", "text", "expected"),
    [
        (
            "--catalogue",
            CATALOGUE.replace("      min: 3700\n      max: 6500", "      min: 1e308\n      max: 1.7e308", 1),
            "must be at most",
        ),
        ("--rules", RULES.replace("value: 0.067", "value: 1e308", 1), "must be at most"),
        ("--rules", RULES.replace("value: 150\n", "value: 5e-324\n", 1), "too small to divide by"),
    ],
)
def test_numbers_too_large_or_small_for_the_arithmetic_are_refused(
    run: Run, tmp_path: Path, option: str, text: str, expected: str
) -> None:
    path = write(tmp_path / "data.yaml", text)
    result = run("recommend", "--stage", "growth", "--orders-per-day", "500", option, str(path))
    assert result.exit_code == EXIT_DATA, result.stderr
    assert expected in result.stderr


def test_a_start_date_too_far_ahead_is_a_usage_error(run: Run) -> None:
    result = run("recommend", "--stage", "startup", "--start", "9999-12-31", "-f", "markdown")
    assert result.exit_code == EXIT_USAGE
    assert "too far ahead" in result.stderr


@pytest.mark.parametrize(
    ("text", "where"), [("a: b\x1bc\n", ":1:5:"), ("b:\n  - x\x00\n", ":2:6:"), ("a: \x7f\n", ":1:4:")]
)
def test_control_characters_in_a_file_are_located(run: Run, tmp_path: Path, text: str, where: str) -> None:
    path = write(tmp_path / "p.yaml", text)
    result = run("recommend", "--profile", str(path))
    assert result.exit_code == EXIT_DATA
    assert f"{path}{where}" in result.stderr
    assert "\x1b" not in result.stderr


def test_utf16_without_a_bom_is_named(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes("stage: growth\n".encode("utf-16-le"))
    result = run("recommend", "--profile", str(path))
    assert result.exit_code == EXIT_DATA
    assert f"{path}:1:2:" in result.stderr
    assert "UTF-16" in result.stderr


# --- the process boundary ------------------------------------------------------------------


def test_a_closed_stdout_is_a_write_error() -> None:
    script = f'exec 1>&-; "{sys.executable}" -c "{ENTRY}" --version'
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == EXIT_CANT_WRITE
    assert "standard output is closed" in result.stderr


@pytest.mark.parametrize("args", [["--version"], ["recommend", "--help"], ["roles", "list", "-f", "json"]])
def test_a_full_stdout_is_a_write_error(args: list[str]) -> None:
    with Path("/dev/full").open("wb") as full:
        done = ecomteam(*args, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == EXIT_CANT_WRITE, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"No space left" in done.stderr


@pytest.mark.parametrize("args", [["--version"], ["roles", "list", "-f", "json"], ["roles", "list"]])
def test_a_reader_that_goes_away_is_not_an_error(args: list[str]) -> None:
    writer = subprocess.Popen([sys.executable, "-c", ENTRY, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert writer.stdout is not None
    writer.stdout.close()  # the reader is gone before anything is written
    _, errors = writer.communicate(timeout=60)
    assert writer.returncode in (0, EXIT_BROKEN_PIPE)
    assert errors == b""


def test_an_ascii_only_stdout_gets_a_message() -> None:
    done = ecomteam("roles", "show", "客服", env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert done.returncode == EXIT_CANT_WRITE
    assert b"PYTHONIOENCODING=utf-8" in done.stderr
    assert b"Traceback" not in done.stderr


def test_ctrl_c_during_a_command_exits_130_without_a_traceback() -> None:
    script = (
        "import os, signal, sys, time\nfrom ecomteam import entry\nimport ecomteam.cli.roles as roles\n"
        # As at a terminal: a shell that starts jobs in the background hands them SIGINT ignored.
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        # The sleep is where Python runs the handler: without it the signal may land after the lambda returns.
        "roles.load_roles = lambda *args: (os.kill(os.getpid(), signal.SIGINT), time.sleep(5))\n"
        "sys.argv = ['ecomteam', 'roles', 'list']\nentry.main()"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == EXIT_INTERRUPTED
    assert "interrupted" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
@pytest.mark.parametrize("option", ["--profile", "--catalogue", "--rules"])
def test_an_unreadable_input_is_exit_66(run: Run, tmp_path: Path, option: str) -> None:
    path = write(tmp_path / "locked.yaml", "stage: growth\n")
    path.chmod(0)
    result = run("recommend", "--stage", "growth", option, str(path))
    assert result.exit_code == EXIT_NO_INPUT
    assert "permission denied" in result.stderr


def test_ctrl_d_at_a_prompt_exits_130(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", ENTRY, "profile", "init", "shop.yaml", "--interactive"],
        stdin=follower, stdout=follower, stderr=follower, cwd=tmp_path, env=PLAIN_ENV,
    )  # fmt: skip
    os.close(follower)
    output = b""
    deadline = time.monotonic() + 60
    while not output.rstrip().endswith(b":") and time.monotonic() < deadline:
        if select.select([leader], [], [], 0.2)[0]:
            output += os.read(leader, 4096)
    os.write(leader, b"\x04")
    while process.poll() is None and time.monotonic() < deadline:
        if select.select([leader], [], [], 0.2)[0]:
            try:
                output += os.read(leader, 4096)
            except OSError:  # the child closed the terminal
                break
    os.close(leader)
    status = process.wait(timeout=30)
    assert status == EXIT_INTERRUPTED, (status, output)
    assert b"interrupted" in output
    assert b"Traceback" not in output
    assert not (tmp_path / "shop.yaml").exists()


def test_ctrl_c_at_a_prompt_exits_130(capsys: pytest.CaptureFixture[str]) -> None:
    import typer

    from ecomteam.cli.common import handle_errors

    @handle_errors
    def prompting() -> None:
        raise typer.Abort  # what typer's prompt raises on Ctrl-C or Ctrl-D

    with pytest.raises(typer.Exit) as caught:
        prompting()
    assert caught.value.exit_code == EXIT_INTERRUPTED
    assert capsys.readouterr().err == "ecomteam: interrupted\n"


@pytest.mark.parametrize("columns", ["0", "1", "12"])
def test_narrow_terminals_still_show_the_text(columns: str) -> None:
    done = ecomteam("roles", "show", "customer-service", env={**os.environ, "COLUMNS": columns})
    assert done.returncode == 0
    assert "Customer" in done.stdout.decode()


# --- injection -----------------------------------------------------------------------------


@pytest.fixture
def hostile_catalogue(tmp_path: Path) -> Path:
    # YAML text may not hold control characters raw; its double-quoted escapes (\e, \a, \u, \x) make them.
    name = YAML_ESCAPES + ' Agent <img src=x onerror=alert(1)>\\n```\\n# owned %% --> x[\\"y\\"]'
    return write(
        tmp_path / "roles.yaml", CATALOGUE.replace("name: Customer Service Agent", f'name: "Customer {name}"', 1)
    )


@pytest.mark.parametrize(
    "args",
    [["roles", "show", "customer-service"], ["roles", "list"], ["recommend", "--stage", "solo"],
     ["recommend", "--stage", "solo", "-f", "table", "-o", "-"]],
)  # fmt: skip
def test_no_control_sequence_reaches_the_terminal(run: Run, hostile_catalogue: Path, args: list[str]) -> None:
    result = run(*args, "--catalogue", str(hostile_catalogue))
    assert result.exit_code == 0, result.stderr
    assert "Customer" in result.stdout
    for character in CONTROLS:
        assert character not in result.stdout


def test_markdown_escapes_html_and_cannot_close_its_code_blocks(run: Run, hostile_catalogue: Path) -> None:
    result = run("recommend", "--stage", "solo", "--catalogue", str(hostile_catalogue), "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "<img" not in result.stdout
    assert "\x1b" not in result.stdout
    fences = [line for line in result.stdout.splitlines() if line.startswith("```")]
    assert fences == ["```mermaid", "```"] * 2  # the gantt and the org chart, each opened and closed once
    assert "# owned" not in [line.strip() for line in result.stdout.splitlines()]


def test_team_member_names_are_escaped_too(run: Run, tmp_path: Path) -> None:
    person = 'name: "<script>x</script>\\e[2J"\n    roles: [客服]\n    fte: 1\n    engagement: owner\n'
    team = write(tmp_path / "team.yaml", f"people:\n  - {person}")
    for output in ("markdown", "table"):
        result = run("assess", "--team", str(team), "--stage", "growth", "-f", output)
        assert result.exit_code == 0, result.stderr
        assert "<script>" not in result.stdout or output == "table"  # a terminal shows it as text
        assert "\x1b" not in result.stdout


@pytest.mark.parametrize(
    "args",
    [["recommend", "--stage", "solo"], ["roles", "show", "customer-service"], ["roles", "list"],
     ["jd", "customer-service", "--stage", "growth"]],
)  # fmt: skip
def test_html_escapes_every_name_from_data(run: Run, hostile_catalogue: Path, args: list[str]) -> None:
    result = run(*args, "--catalogue", str(hostile_catalogue), "-f", "html")
    assert result.exit_code == 0, result.stderr
    assert "<img" not in result.stdout
    assert "&lt;img src=x onerror=alert(1)&gt;" in result.stdout
    for character in CONTROLS:
        assert character not in result.stdout


def test_svg_with_control_characters_is_valid_xml(run: Run, hostile_catalogue: Path) -> None:
    result = run("recommend", "--stage", "solo", "--catalogue", str(hostile_catalogue), "-f", "svg")
    assert result.exit_code == 0, result.stderr
    xml.dom.minidom.parseString(result.stdout)


def test_a_profile_key_with_escapes_is_cleaned_in_the_message(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", f'"bad{YAML_ESCAPES}key": 1\n')
    result = run("recommend", "--profile", str(path))
    assert result.exit_code == EXIT_DATA
    for character in CONTROLS:
        assert character not in result.stderr


@pytest.mark.parametrize("key", ["<>", "<stage>", "[key]"])
def test_an_unknown_key_shaped_like_a_validation_marker_is_named(run: Run, tmp_path: Path, key: str) -> None:
    # Found by the long fuzz run: pydantic writes union branches as "<tag>", so such a
    # key was once dropped from the location and the message crashed.
    path = write(tmp_path / "p.yaml", f'stage: growth\n"{key}": 1\n')
    result = run("recommend", "--profile", str(path))
    assert result.exit_code == EXIT_DATA
    assert f"p.yaml:2:1: {key}: unknown field '{key}'" in result.stderr


def test_csv_cells_cannot_start_a_formula(run: Run, tmp_path: Path) -> None:
    text = CATALOGUE.replace("name: Customer Service Agent", 'name: "=HYPERLINK(\\"http://x\\")"', 1)
    catalogue = write(tmp_path / "roles.yaml", text)
    result = run("recommend", "--stage", "solo", "--catalogue", str(catalogue), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert "'=HYPERLINK" in result.stdout
    assert ",=HYPERLINK" not in result.stdout
    assert ',"=HYPERLINK' not in result.stdout


# --- wrong results -------------------------------------------------------------------------


def test_declined_prompts_leave_the_fields_out() -> None:
    from ecomteam.output.starters import starter_profile
    from ecomteam.profile import parse_profile

    profile = parse_profile(starter_profile({"stage": "growth", "stores": 2}), "shop.yaml")
    assert (profile.stage, profile.budget, profile.goals, profile.stores) == ("growth", None, (), 2)
