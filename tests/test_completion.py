"""Shell completion, driven through a real bash with the completion script installed."""

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result
from ecomteam.errors import EXIT_USAGE
from ecomteam.vocab import Fulfilment, Goal, Stage

ECOMTEAM = Path(sys.executable).with_name("ecomteam")
IN_A_SHELL = pytest.mark.skipif(
    shutil.which("bash") is None or not ECOMTEAM.exists(), reason="needs bash and the installed ecomteam script"
)

# Install the completion as `--install-completion` would, then press Tab on the words.
SCRIPT = """
source <("$ECOMTEAM" --show-completion bash)
COMP_WORDS=($WORDS)
COMP_CWORD=$CWORD
[ "$TRAILING" = 1 ] && { COMP_WORDS+=(""); COMP_CWORD=$((COMP_CWORD + 1)); }
_ecomteam_completion ecomteam
printf '%s\\n' "${COMPREPLY[@]}"
"""


def tab(words: str, *, lang: str = "C.UTF-8", cwd: Path | None = None) -> list[str]:
    """What bash offers on Tab after `words` (a trailing space asks for the next word)."""
    parts = words.split()
    env = {
        "LANG": lang,
        "PATH": str(ECOMTEAM.parent) + ":/usr/bin:/bin",
        "ECOMTEAM": str(ECOMTEAM),
        "WORDS": "ecomteam " + " ".join(parts),
        "CWORD": str(len(parts)),
        "TRAILING": "1" if words.endswith(" ") else "0",
    }
    done = subprocess.run(
        ["bash", "-c", SCRIPT], env=env, cwd=cwd, capture_output=True, text=True, check=True, timeout=60
    )
    return [line for line in done.stdout.splitlines() if line]


@IN_A_SHELL
@pytest.mark.parametrize(
    ("words", "vocabulary"),
    [("recommend --stage ", Stage), ("recommend --fulfilment ", Fulfilment), ("recommend --goal ", Goal)],
)
def test_every_closed_choice_completes_from_its_vocabulary(words: str, vocabulary: type) -> None:
    assert sorted(tab(words)) == sorted(member.value for member in vocabulary)


@IN_A_SHELL
@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("recommend --goal traffic,con", ["traffic,conversion"]),
        ("recommend -c own-site,mar", ["own-site,marketplace"]),
        ("recommend --region west", ["west-eu"]),
        ("recommend --country PL", ["PL"]),
        ("recommend --platform alle", ["allegro"]),
        ("roles show customer-se", ["customer-service"]),
        ("jd warehouse-p", ["warehouse-packer"]),
    ],
)
def test_region_platform_lists_and_roles_complete(words: str, offered: list[str]) -> None:
    assert tab(words) == offered


@IN_A_SHELL
def test_a_listed_option_offers_only_the_values_not_chosen_yet() -> None:
    offered = tab("recommend --goal traffic,")
    assert "traffic,traffic" not in offered
    assert sorted(offered) == sorted(f"traffic,{goal.value}" for goal in Goal if goal is not Goal.TRAFFIC)


@IN_A_SHELL
def test_batch_completes_the_files_it_reads(tmp_path: Path) -> None:
    for name in ("shops.csv", "shops.XLSX", "shops.jsonl", "shops.yml", "shops.pdf"):
        (tmp_path / name).write_text("stage\n", encoding="utf-8")
    assert sorted(tab("batch sh", cwd=tmp_path)) == ["shops.XLSX", "shops.csv", "shops.jsonl", "shops.yml"]
    assert tab("batch --from x", cwd=tmp_path) == ["xlsx"]


@IN_A_SHELL
def test_completion_of_the_profile_falls_back_to_files() -> None:
    # `complete -o default`: bash offers file names when the program offers nothing.
    assert tab("recommend --profile ") == []


@IN_A_SHELL
@pytest.mark.parametrize("words", ["recommend --profile ", "assess --team ", "recommend --rules s"])
def test_file_options_complete_yaml_files_only(tmp_path: Path, words: str) -> None:
    for name in ("CAPS.YAML", "shop.yaml", "team.yml", "notes.txt", "sub/deep.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("stage: solo\n", encoding="utf-8")
    typed = words.rsplit(" ", 1)[1]
    offered = [name for name in ("CAPS.YAML", "shop.yaml", "team.yml") if name.startswith(typed)]
    assert tab(words, cwd=tmp_path) == offered
    assert tab(words.rsplit(" ", 1)[0] + " sub/", cwd=tmp_path) == ["sub/deep.yaml"]


@IN_A_SHELL
@pytest.mark.parametrize(
    ("lang", "words", "offered"),
    [
        ("zh_CN.UTF-8", "roles show 客服", ["客服", "客服主管"]),
        ("es_MX.UTF-8", "jd agente", ["agente-de-servicio-al-cliente"]),
        ("pl_PL.UTF-8", "roles show specjalista-ds-obs", ["specjalista-ds-obsługi-klienta"]),
    ],
)
def test_role_names_complete_in_the_readers_language_and_name_the_role(
    run: Callable[..., Result], lang: str, words: str, offered: list[str]
) -> None:
    assert tab(words, lang=lang)[: len(offered)] == offered
    for name in offered:  # what completes is what the commands accept
        assert run("roles", "show", name).exit_code == 0
    assert "agente-de-servicio-al-cliente" not in tab("jd agente", lang="C.UTF-8")


@pytest.mark.parametrize(
    ("args", "suggestion", "listed"),
    [
        (("recommend", "--format", "jsn"), "json", "table, json, yaml"),
        (("roles", "list", "--category", "marketting"), "marketing", "leadership, store-operations"),
        (("roles", "list", "--sourcing", "inhouse"), "in-house", "in-house, outsource"),
        (("roles", "list", "--stage", "grwth"), "growth", "solo, startup, growth"),
        (("jd", "customer-service", "--stage", "grwth"), "growth", "solo, startup, growth"),
        (("schema", "plann"), "plan", "profile, plan, catalogue"),
        (("recommend", "--stage", "grwth"), "growth", "solo, startup, growth"),
        (("recommend", "--stage", "startup", "--fulfilment", "3lp"), "3pl", "in-house, 3pl, dropship"),
    ],
)
def test_every_closed_choice_suggests_and_lists_the_choices(
    run: Callable[..., Result], args: tuple[str, ...], suggestion: str, listed: str
) -> None:
    result = run(*args)
    assert result.exit_code == EXIT_USAGE
    message = " ".join(result.stderr.split())
    assert f"did you mean '{suggestion}'?" in message
    assert listed in message


def test_a_closed_choice_takes_any_case(run: Callable[..., Result]) -> None:
    assert run("recommend", "--stage", "Solo", "-f", "JSON").stdout.startswith("{")


@IN_A_SHELL
@pytest.mark.parametrize(("columns", "widest"), [(60, 60), (100, 100), (200, 120)])
def test_help_follows_the_terminal_width_up_to_120(columns: int, widest: int) -> None:
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": str(columns)}
    done = subprocess.run([ECOMTEAM, "recommend", "--help"], env=env, capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= widest
    assert max(len(line) for line in lines) > widest - 15  # it uses the room it has


#: Every command and group, as typed after `ecomteam`.
COMMANDS = [(), ("recommend",), ("assess",), ("jd",), ("schema",), ("roles",), ("roles", "list"), ("roles", "show"),
            ("catalogue", "validate"), ("profile", "init"), ("team", "init")]  # fmt: skip


@IN_A_SHELL
@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_fits_60_columns_and_names_values_in_words(command: tuple[str, ...]) -> None:
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "60"}
    done = subprocess.run([ECOMTEAM, *command, "--help"], env=env, capture_output=True, text=True, check=True)
    assert max(len(line) for line in done.stdout.splitlines()) <= 60
    # No Python types (`<str>`, `<path>`, `<list[str]>`) and no `{NAME}` brace convention.
    assert not re.search(r"<[a-z_\[\]|]+>|\{[A-Z]+\}", done.stdout), done.stdout


@IN_A_SHELL
@pytest.mark.parametrize("columns", [60, 80, 120])
def test_file_names_in_examples_are_never_split(columns: int) -> None:
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": str(columns)}
    done = subprocess.run([ECOMTEAM, "jd", "--help"], env=env, capture_output=True, text=True, check=True)
    assert "--output customer-service.md" in done.stdout


def test_the_first_help_screen_starts_its_examples_with_recommend(run: Callable[..., Result]) -> None:
    help_text = " ".join(run("--help").stdout.split())
    examples = help_text.split("Examples:", 1)[1]
    assert examples.lstrip(" `").startswith("ecomteam recommend")
    assert "--output" not in run("profile", "init", "--help").stdout


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "es_ES.UTF-8"}, "es"),
        ({"LANG": "es_ES.UTF-8", "LC_ALL": "it_IT.UTF-8"}, "it"),
        ({"LANG": "zh_CN.UTF-8", "ECOMTEAM_LANG": "pl"}, "pl"),
        ({"LANG": "de_DE.UTF-8"}, None),
        ({"LC_ALL": "", "LANG": "C.UTF-8"}, None),
        ({}, None),
    ],
)
def test_the_readers_language_comes_from_ecomteam_lang_then_the_locale(
    environ: dict[str, str], language: str | None
) -> None:
    from ecomteam.cli.language import language_from

    assert language_from(environ) == language
