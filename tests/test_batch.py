"""`ecomteam batch`: many profiles in, plans or a summary out, with bad rows located."""

import csv
import io
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook, load_workbook
from profiles import random_profiles

from conftest import Result
from ecomteam.batch import cell_value
from ecomteam.cli import batch as batch_command
from ecomteam.output.records import to_json
from test_completion import ECOMTEAM, IN_A_SHELL

Run = Callable[..., Result]


def profiles(count: int, seed: int = 3) -> list[dict[str, object]]:
    return random_profiles(count, seed)


def write_jsonl(path: Path, items: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return path


def summary_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# ------------------------------------------------------------ the same plans


def test_each_line_is_the_plan_recommend_prints(run: Run, tmp_path: Path) -> None:
    items = profiles(8)
    result = run("batch", str(write_jsonl(tmp_path / "shops.jsonl", items)), "-j", "1")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(items)
    for number, (item, line) in enumerate(zip(items, lines, strict=True)):
        profile = tmp_path / f"profile-{number}.yaml"
        profile.write_text(yaml.safe_dump(item), encoding="utf-8")
        alone = run("recommend", "-p", str(profile), "-f", "json")
        assert to_json(json.loads(line)) == alone.stdout  # the same document, byte for byte once indented


def test_many_workers_keep_the_input_order(run: Run, tmp_path: Path) -> None:
    count = batch_command.CHUNK * 2 + 3  # whole chunks, and a short last one
    items = [{"id": f"shop-{index}", **profile} for index, profile in enumerate(profiles(count))]
    source = write_jsonl(tmp_path / "shops.jsonl", items)
    one = run("batch", str(source), "-f", "csv", "-j", "1")
    many = run("batch", str(source), "-f", "csv", "-j", "3")
    assert many.exit_code == 0, many.stderr
    assert many.stdout == one.stdout
    assert [row["id"] for row in summary_rows(many.stdout)] == [f"shop-{index}" for index in range(count)]


def test_workers_started_without_fork_plan_the_same(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    source = write_jsonl(tmp_path / "shops.jsonl", profiles(batch_command.IN_PROCESS_BELOW * 2))
    forked = run("batch", str(source), "-j", "2")
    monkeypatch.setattr(batch_command, "_context", lambda: multiprocessing.get_context("spawn"))
    spawned = run("batch", str(source), "-j", "2")
    assert spawned.exit_code == 0, spawned.stderr
    assert spawned.stdout == forked.stdout


def test_a_summary_row_holds_the_plans_totals(run: Run, tmp_path: Path) -> None:
    items = profiles(5)
    result = run("batch", str(write_jsonl(tmp_path / "shops.jsonl", items)), "-f", "csv")
    plans = [json.loads(line) for line in run("batch", str(tmp_path / "shops.jsonl")).stdout.splitlines()]
    for row, plan in zip(summary_rows(result.stdout), plans, strict=True):
        totals = plan["totals"]
        assert row["stage"] == plan["profile"]["stage"]
        assert float(row["fte"]) == pytest.approx(totals["fte"])
        assert float(row["monthly_cost"]) == pytest.approx(totals["monthly_cost"], abs=1)
        assert float(row["phase_1_monthly_cost"]) == pytest.approx(totals["phase_1_monthly_cost"], abs=1)
        assert int(row["warnings"]) == len(plan["warnings"])
        final = [line for line in plan["team"] if line["until_phase"] is None]
        assert [part.split(" ")[0] for part in row["team"].split("; ")] == [line["role"] for line in final]


# ------------------------------------------------------------ inputs


def test_a_csv_from_a_spreadsheet_reads_like_a_profile_file(run: Run, tmp_path: Path) -> None:
    table = tmp_path / "shops.csv"
    table.write_text(
        "\ufeffId;Stage;Orders per day;Budget;Goals;Channels\n"  # Excel: a BOM, `;` between cells
        "café;startup;;2000;traffic, conversion;own-site\n"
        "\n"
        "big;;300;20000.5;retention;own-site,marketplace\n",
        encoding="utf-8",
    )
    result = run("batch", str(table), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = summary_rows(result.stdout)
    assert [(row["row"], row["id"], row["stage"]) for row in rows] == [("1", "café", "startup"), ("2", "big", "mature")]
    alone = run("recommend", "--stage", "startup", "--budget", "2000", "--goal", "traffic,conversion", "-f", "json")
    assert float(rows[0]["fte"]) == pytest.approx(json.loads(alone.stdout)["totals"]["fte"])


def test_a_workbook_in_gives_a_workbook_out(run: Run, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Shops"
    sheet.append(["id", "stage", "budget", "goals"])
    sheet.append(["=HYPERLINK(1)", "growth", 9000, "traffic;retention"])
    sheet.append([None, None, None, None])
    sheet.append(["b", "startup", 2000.0, None])
    sheet["A2"].data_type = "s"  # text that looks like a formula, as a pasted name may
    book.save(tmp_path / "shops.xlsx")
    result = run("batch", str(tmp_path / "shops.xlsx"), "-o", str(tmp_path / "summary.xlsx"))
    assert result.exit_code == 0, result.stderr
    written = load_workbook(tmp_path / "summary.xlsx")
    rows = list(written.worksheets[0].iter_rows())
    assert [cell.value for cell in rows[0]][:3] == ["row", "id", "stage"]
    assert [(row[0].value, row[2].value) for row in rows[1:]] == [(1, "growth"), (2, "startup")]
    assert rows[0][0].font.b  # a header a reader tells apart
    assert written.worksheets[0].freeze_panes == "C2"
    cost = rows[1][[cell.value for cell in rows[0]].index("monthly_cost")]
    assert isinstance(cost.value, int | float)
    assert cost.number_format == "#,##0"
    identity = rows[1][1]
    assert identity.value == "=HYPERLINK(1)"
    assert identity.data_type == "s"  # text from the input, never a formula


def test_yaml_problems_point_at_the_field(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "shops.yaml"
    source.write_text("- stage: startup\n- stage: startup\n  budget: -5\n- [not, a, profile]\n", encoding="utf-8")
    result = run("batch", str(source), "-f", "csv")
    assert result.exit_code == 65
    assert f"{source}:3:11: row 2: budget:" in result.stderr
    assert f"{source}:4:3: row 3: each item must be a mapping" in result.stderr
    assert [row["problem"] != "" for row in summary_rows(result.stdout)] == [False, True, True]


def test_stdin_needs_its_format_named(run: Run) -> None:
    result = run("batch", "-")
    assert result.exit_code == 2
    assert "--from" in result.stderr


@pytest.mark.parametrize(
    ("text", "read"),
    [("2000", "2000"), ("2.5", "2.5"), (" 12 ", "12"), ("1e3", "1e3")],
)
def test_plain_numbers_are_taken_as_written(text: str, read: str) -> None:
    assert cell_value("budget", text) == read


@pytest.mark.parametrize("text", ["2.000", "2,000", "12.500.000", "2 000", "2'000", "1,5"])
def test_counts_that_read_two_ways_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"write \d"):
        cell_value("skus", text)


def test_an_amount_cell_is_read_as_the_language_writes_it(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "shops.csv"
    source.write_text('id,stage,budget\na,startup,"2.000"\nb,startup,"2,000"\n', encoding="utf-8")
    spanish = run("batch", str(source), "--lang", "es")
    assert spanish.exit_code == 65  # "2,000" is two with decimals in Spanish: refused, never read as 2
    assert [json.loads(line)["profile"]["budget"] for line in spanish.stdout.splitlines()] == [2000]
    english = run("batch", str(source))
    assert [json.loads(line)["profile"]["budget"] for line in english.stdout.splitlines()] == [2000]
    assert f"{source}:2:3: row 1: budget: '2.000' could mean 2 or 2000" in english.stderr
    mexican = run("batch", str(source), "--lang", "es-MX")
    assert [json.loads(line)["profile"]["budget"] for line in mexican.stdout.splitlines()] == [2000]


def test_list_cells_split_at_semicolons_and_commas() -> None:
    assert cell_value("goals", " traffic; conversion,retention ") == ["traffic", "conversion", "retention"]


# ------------------------------------------------------------ bad rows


def test_bad_rows_are_reported_and_the_rest_planned(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "shops.csv"
    source.write_text(
        "id,stage,budget,live_rooms,channels\n"
        "a,startup,2000,,own-site\n"
        "b,growht,2000,,own-site\n"
        "c,startup,2.000,,own-site\n"
        "d,startup,2000,2,own-site\n"
        "e,growth,5000,,own-site\n",
        encoding="utf-8",
    )
    result = run("batch", str(source))
    assert result.exit_code == 65
    assert f"{source}:3:2: row 2: stage:" in result.stderr
    assert "did you mean 'growth'?" in result.stderr
    assert f"{source}:4:3: row 3: budget: '2.000' could mean 2 or 2000" in result.stderr
    assert f"{source}:5: row 4: live rooms" in result.stderr  # the engine's own check, for the whole row
    assert "3 of 5 rows have problems" in result.stderr
    planned = [json.loads(line)["profile"]["stage"] for line in result.stdout.splitlines()]
    assert planned == ["startup", "growth"]


def test_fail_fast_writes_nothing(run: Run, tmp_path: Path) -> None:
    items = [*profiles(3), {"stage": "nope"}, *profiles(3)]
    target = tmp_path / "plans.jsonl"
    result = run("batch", str(write_jsonl(tmp_path / "shops.jsonl", items)), "-o", str(target), "--fail-fast")
    assert result.exit_code == 65
    assert "row 4: stage:" in result.stderr
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "shops.jsonl"]  # no temporary file left either


def test_an_existing_output_is_kept_without_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "plans.jsonl"
    target.write_text("keep me", encoding="utf-8")
    result = run("batch", str(write_jsonl(tmp_path / "shops.jsonl", profiles(2))), "-o", str(target))
    assert result.exit_code == 73
    assert target.read_text(encoding="utf-8") == "keep me"


def test_unknown_columns_stop_before_any_plan(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "shops.csv"
    source.write_text("stage,budjet,budget,Budget\nstartup,1,2,3\n", encoding="utf-8")
    result = run("batch", str(source), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 65
    assert f"{source}:1:2: unknown column 'budjet' (did you mean 'budget'?)" in result.stderr
    assert f"{source}:1:4: the column 'budget' is given twice" in result.stderr
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"stage": "startup"}\n[1, 2]\n{"stage": \n', "row 2: each line must be a JSON object"),
        (b"[" * 100_000 + b"\n", "row 1: not JSON"),
        (b'{"stage": "startup", "id": {"a": 1}}\n', "row 1: id: the id must be text or a number"),
        (b'{"stage": "startup"}\n\xff\xfe\n', "not UTF-8 text"),
    ],
)
def test_broken_json_lines_are_reported_not_raised(run: Run, tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "shops.jsonl"
    source.write_bytes(content)
    result = run("batch", str(source))
    assert result.exit_code == 65
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_that_is_not_a_workbook_is_refused(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "shops.xlsx"
    source.write_text("stage\nstartup\n", encoding="utf-8")
    result = run("batch", str(source))
    assert result.exit_code == 65
    assert "not an Excel workbook" in result.stderr


def test_a_missing_file_exits_66(run: Run, tmp_path: Path) -> None:
    result = run("batch", str(tmp_path / "none.csv"))
    assert result.exit_code == 66
    assert "no such profiles file" in result.stderr


def test_text_from_the_input_is_escaped_in_markdown(run: Run, tmp_path: Path) -> None:
    items = [{"id": "\x1b]0;pwned\x07a|b<script>", "stage": "startup"}]
    result = run("batch", str(write_jsonl(tmp_path / "shops.jsonl", items)), "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "a\\|b&lt;script&gt;" in result.stdout
    assert "1 of 1 profile planned." in result.stdout


def test_the_output_format_follows_the_file_name(run: Run, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "shops.jsonl", profiles(2))
    assert run("batch", str(source), "-o", str(tmp_path / "summary.md")).exit_code == 0
    assert (tmp_path / "summary.md").read_text(encoding="utf-8").startswith("# Team plans")
    assert run("batch", str(source), "-o", str(tmp_path / "summary.csv")).exit_code == 0
    assert summary_rows((tmp_path / "summary.csv").read_text(encoding="utf-8"))[0]["row"] == "1"


# ------------------------------------------------------------ progress


def stderr_in_a_terminal(args: list[str]) -> bytes:
    """Run ecomteam with its stderr on a terminal; what the terminal was sent."""
    import os
    import pty
    import subprocess

    leader, follower = pty.openpty()
    with subprocess.Popen([ECOMTEAM, *args], stdout=subprocess.DEVNULL, stderr=follower) as process:
        os.close(follower)
        shown = b""
        while chunk := _read_some(leader):
            shown += chunk
    os.close(leader)
    assert process.returncode == 0
    return shown


def _read_some(leader: int) -> bytes:
    import os
    import select

    ready, _, _ = select.select([leader], [], [], 30)
    try:
        return os.read(leader, 65536) if ready else b""
    except OSError:  # the terminal closed with the process
        return b""


@IN_A_SHELL
def test_a_terminal_sees_the_count_go_up_and_a_pipe_sees_nothing(run: Run, tmp_path: Path) -> None:
    count = batch_command.IN_PROCESS_BELOW * 3
    source = write_jsonl(tmp_path / "shops.jsonl", profiles(count))
    shown = stderr_in_a_terminal(["batch", str(source), "-o", str(tmp_path / "plans.jsonl")])
    assert f"profiles planned: {count}".encode() in shown
    piped = run("batch", str(source), "-o", str(tmp_path / "again.jsonl"))
    assert "planned" not in piped.stderr


# ------------------------------------------------------------ hostile input and signals


def ecomteam_process(args: list[str], cwd: Path, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    """Run the installed command; stdout is captured unless given."""
    return subprocess.run(
        [ECOMTEAM, *args], check=False, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120
    )


@IN_A_SHELL
@pytest.mark.parametrize("content", ["", "stage,budjet\nstartup,1\n", "stage\nnope\n"])
def test_a_csv_summary_on_stdout_fails_with_a_message(tmp_path: Path, content: str) -> None:
    (tmp_path / "shops.csv").write_text(content, encoding="utf-8")
    done = ecomteam_process(["batch", "shops.csv", "-f", "csv"], tmp_path)
    assert done.returncode == 65
    assert "Traceback" not in done.stderr
    assert "closed file" not in done.stderr


@IN_A_SHELL
def test_a_full_disk_is_an_output_error(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "shops.jsonl", profiles(3))
    with Path("/dev/full").open("w") as full:
        done = ecomteam_process(["batch", "shops.jsonl", "-f", "csv"], tmp_path, stdout=full)
    assert done.returncode == 73
    assert "cannot write to standard output" in done.stderr


def test_an_endless_line_is_refused(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ecomteam import batch

    monkeypatch.setattr(batch, "MAX_LINE_CHARS", 100)
    (tmp_path / "shops.jsonl").write_text('{"stage": "startup"}\n' + "x" * 500, encoding="utf-8")
    result = run("batch", str(tmp_path / "shops.jsonl"))
    assert result.exit_code == 65
    assert "line 2 is longer than 100 characters" in result.stderr


def test_a_workbook_that_unpacks_too_far_is_refused(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ecomteam import batch

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["stage"])
    sheet.append(["startup"])
    book.save(tmp_path / "shops.xlsx")
    monkeypatch.setattr(batch, "MAX_UNPACKED_BYTES", 1000)
    result = run("batch", str(tmp_path / "shops.xlsx"))
    assert result.exit_code == 65
    assert "unpacks to more than" in result.stderr


def test_a_damaged_cell_in_a_workbook_is_bad_data(run: Run, tmp_path: Path) -> None:
    import zipfile

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["stage", "budget"])
    sheet.append(["startup", 12345])
    book.save(tmp_path / "good.xlsx")
    with zipfile.ZipFile(tmp_path / "good.xlsx") as good, zipfile.ZipFile(tmp_path / "bad.xlsx", "w") as bad:
        for item in good.infolist():
            data = good.read(item)
            if item.filename.endswith("sheet1.xml"):
                data = data.replace(b"<v>12345</v>", b"<v>" + b"9" * 5000 + b"</v>").replace(
                    b'<c r="B2"', b'<c t="d" r="B2"'
                )
            bad.writestr(item, data)
    result = run("batch", str(tmp_path / "bad.xlsx"))
    assert result.exit_code == 65, result.stderr
    assert "damaged" in result.stderr


@IN_A_SHELL
@pytest.mark.parametrize("delay", [0.3, 0.8])
def test_ctrl_c_stops_every_worker_and_leaves_no_file(tmp_path: Path, delay: float) -> None:
    import os
    import signal
    import time

    write_jsonl(tmp_path / "shops.jsonl", profiles(3000))
    with subprocess.Popen(
        [ECOMTEAM, "batch", "shops.jsonl", "-o", "plans.jsonl", "-j", "3"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    ) as process:
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    time.sleep(0.5)
    group = subprocess.run(["pgrep", "-g", str(process.pid)], check=False, capture_output=True, text=True)
    left = group.stdout.split()
    assert left == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["shops.jsonl"]
