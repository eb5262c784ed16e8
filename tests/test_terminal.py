"""Terminal output: any width, no colour codes in pipes, user text shown literally."""

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import ROOT, Result
from ecomteam.terms import term
from ecomteam.vocab import Category

Run = Callable[..., Result]
COMMANDS = [
    ["roles", "show", "客服"],
    ["roles", "list", "--stage", "startup"],
    ["recommend", "--stage", "mature", "--channel", "livestream", "--org-chart", "--explain"],
]


@pytest.mark.parametrize("width", [40, 80, 200])
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(args[:2]) for args in COMMANDS])
def test_output_fits_the_terminal_and_cuts_nothing(run: Run, args: list[str], width: int) -> None:
    result = run(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    assert "…" not in result.stdout  # folded, never ellipsized
    assert all(cell_len(line) <= width for line in result.stdout.splitlines())
    # Rich crops what does not fit; a cropped table line has lost its closing border.
    closing = {"┏": "┓", "┃": "┃", "┡": "┩", "│": "│", "└": "┘"}
    in_table = False
    for line in result.stdout.splitlines():
        text = line.rstrip()
        in_table = in_table or text.startswith("┏")
        if in_table:
            assert text[:1] in closing, f"a table line that is not a table line: {line!r}"
            assert text.endswith(closing[text[0]]), f"cropped at {width} columns: {line!r}"
            in_table = not text.startswith("└")


@pytest.mark.parametrize("width", [80, 120, 200])
def test_the_role_list_keeps_every_id_whole_and_lists_each_department_once(run: Run, width: int) -> None:
    shown = run("roles", "list", env={"COLUMNS": str(width)}).stdout
    listed = json.loads(run("roles", "list", "-f", "json").stdout)["roles"]
    words = {word for line in shown.splitlines() for word in line.replace("│", " ").split()}
    assert {role["id"] for role in listed} <= words
    cells = [[cell.strip() for cell in line.split("│")[1:-1]] for line in shown.splitlines() if line.startswith("│")]
    departments = {term(Category(role["category"])) for role in listed}  # shown by name, not by code
    headings = [row[0] for row in cells if row[0] in departments and not any(row[1:])]
    if width == 80:  # too narrow for a column each: grouped under one heading per department
        names_like_departments = [role["name"] for role in listed if role["name"] in departments]
        assert sorted(headings) == sorted([*departments, *names_like_departments])


@pytest.mark.parametrize("stage", ["startup", "mature"])
def test_at_60_columns_the_team_table_wraps_names_between_words(run: Run, stage: str) -> None:
    shown = run("recommend", "--stage", stage, env={"COLUMNS": "60"}).stdout
    team = shown.split("\nWhy", 1)[0]
    words = {word for line in team.splitlines() for word in line.replace("│", " ").split()}
    names = {line["name"] for line in json.loads(run("recommend", "--stage", stage, "-f", "json").stdout)["team"]}
    assert {word for name in names for word in name.split() if len(word) < 14} <= words


def test_at_80_columns_the_team_table_still_says_in_house_or_outsourced(run: Run) -> None:
    team = run("recommend", "--stage", "startup", env={"COLUMNS": "80"}).stdout.split("\nWhy", 1)[0]
    assert "Sourcing" in team
    assert "outsource" in team


def test_cjk_names_are_folded_whole(run: Run) -> None:
    result = run("roles", "show", "客服", env={"COLUMNS": "40"})
    assert "客服" in result.stdout


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(args[:2]) for args in COMMANDS])
def test_no_colour_codes_when_piped(run: Run, args: list[str]) -> None:
    assert "\x1b[" not in run(*args, env={"NO_COLOR": ""}).stdout


TRICKY = "[bold]Help[/bold] | :smile: *desk*"


@pytest.fixture
def tricky_catalogue(tmp_path: Path) -> Path:
    text = (ROOT / "data" / "roles.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Customer Service Agent\n", f"name: '{TRICKY}'\n", 1)
    path = tmp_path / "roles.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("output", ["table", "json", "yaml"])
def test_markup_in_catalogue_text_is_shown_literally(run: Run, tricky_catalogue: Path, output: str) -> None:
    result = run("recommend", "--stage", "growth", "--catalogue", str(tricky_catalogue), "-f", output,
                 env={"COLUMNS": "200"})  # fmt: skip
    assert result.exit_code == 0, result.stderr
    if output == "json":
        names = [line["name"] for line in json.loads(result.stdout)["team"]]
        assert TRICKY in names
    else:
        assert TRICKY in result.stdout


def test_markup_in_catalogue_text_keeps_markdown_tables_whole(run: Run, tricky_catalogue: Path) -> None:
    result = run("recommend", "--stage", "growth", "--catalogue", str(tricky_catalogue), "-f", "markdown")
    team = result.stdout.split("## Team\n\n")[1].split("\n\n")[0].splitlines()
    widths = {len(re.split(r"(?<!\\)\|", row)) for row in team}
    assert len(widths) == 1
    assert "\\[bold\\]Help\\[/bold\\] \\| :smile: \\*desk\\*" in result.stdout


def test_the_terminal_numbers_articles_as_the_documents_do(run: Run) -> None:
    shown = run("recommend", "--stage", "growth", "--channel", "marketplace", "--no-pager").stdout
    assert "article 3" in shown  # the platform note cites the marketplace article, number 3 in the sources
    assert not re.search(r"\b00[0-4]\b", shown)


@pytest.mark.parametrize("stage", ["solo", "startup", "mature"])
def test_the_table_lists_every_article_its_reasons_cite(run: Run, stage: str) -> None:
    shown = run("recommend", "--stage", stage, "--no-pager").stdout
    cited = {int(number) for number in re.findall(r"\barticles? (\d)\b", shown)}
    listed = {int(number) for number in re.findall(r"^• Article (\d): ", shown, flags=re.MULTILINE)}
    assert cited
    assert cited <= listed


@pytest.mark.parametrize("args", [["--stage", "solo"], ["--platform", "etsy", "--orders-per-day", "12"]])
def test_the_article_list_names_only_articles_the_text_above_it_cites(run: Run, args: list[str]) -> None:
    shown = run("recommend", *args, "--no-pager").stdout
    above, below = shown.split("\nSeed articles\n", 1)
    above = " ".join(above.split())  # a reference may wrap across lines
    cited = {*re.findall(r"\barticles? (\d)", above), *re.findall(r"\barticles [\d, ]+and (\d)", above)}
    listed = set(re.findall(r"^• Article (\d): ", below, flags=re.MULTILINE))
    assert listed
    assert listed <= cited
