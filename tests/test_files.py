"""The file boundary under hostile conditions: special files, races, links, modes, signals, long names."""

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import Result
from ecomteam.errors import DataError, OutputError
from ecomteam.files import MAX_INPUT_BYTES, read_text, write_output

Run = Callable[..., Result]


def test_an_endless_input_is_cut_at_the_cap() -> None:
    with pytest.raises(DataError, match="larger than 64 MiB"):
        read_text(Path("/dev/zero"), "profile")


def test_a_fifo_is_read_but_never_past_the_cap(tmp_path: Path) -> None:
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    feed = (
        f"try:\n    open({str(fifo)!r}, 'wb').write(b'a' * {MAX_INPUT_BYTES + 10})\nexcept BrokenPipeError:\n    pass"
    )
    writer = subprocess.Popen([sys.executable, "-c", feed])
    try:
        with pytest.raises(DataError, match="larger than"):
            read_text(fifo, "profile")
    finally:
        writer.kill()
        writer.wait()


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_special_files_are_written_into_never_replaced(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)
        reader = subprocess.Popen(["cat", str(target)], stdout=subprocess.PIPE)
        write_output(target, "hello\n", force=True)
        assert reader.communicate(timeout=10)[0] == b"hello\n"
        assert stat.S_ISFIFO(target.stat().st_mode)
    else:
        target = tmp_path / "null"
        os.symlink("/dev/null", target)
        write_output(target, "hello\n", force=True)
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
        assert target.is_symlink()


def test_without_force_exactly_one_racing_writer_wins(tmp_path: Path) -> None:
    target = tmp_path / "new.out"

    def attempt(number: int) -> bool:
        try:
            write_output(target, f"writer {number}\n", force=False)
        except OutputError:
            return False
        return True

    with ThreadPoolExecutor(max_workers=16) as pool:
        wins = list(pool.map(attempt, range(50)))
    assert wins.count(True) == 1
    assert target.read_text(encoding="utf-8").startswith("writer ")
    assert [path.name for path in tmp_path.iterdir()] == ["new.out"]  # no temporary file left


def test_force_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "secret.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    write_output(target, "new\n", force=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8") == "new\n"


def test_a_symlink_is_written_through_with_the_same_no_clobber_rule(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_output(link, "first\n", force=False)  # a dangling link: its target is created
    assert (link.is_symlink(), real.read_text(encoding="utf-8")) == (True, "first\n")
    with pytest.raises(OutputError, match="already exists"):
        write_output(link, "second\n", force=False)
    write_output(link, "second\n", force=True)
    assert (link.is_symlink(), real.read_text(encoding="utf-8")) == (True, "second\n")


def test_a_symlink_loop_is_refused(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(OutputError, match="loop"):
        write_output(loop, "x\n", force=True)
    assert loop.is_symlink()


@pytest.mark.parametrize("length", [245, 300])
def test_long_names_are_written_or_refused_with_a_message(tmp_path: Path, length: int) -> None:
    target = tmp_path / ("p" * (length - 3) + ".md")
    if length <= 255:
        write_output(target, "x\n", force=False)
        assert target.read_text(encoding="utf-8") == "x\n"
    else:
        with pytest.raises(OutputError, match="cannot write"):
            write_output(target, "x\n", force=False)


@pytest.mark.skipif(os.geteuid() == 0, reason="root passes permission checks")
def test_a_folder_without_search_permission_is_a_write_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0)
    try:
        with pytest.raises(OutputError):
            write_output(folder / "plan.md", "x\n", force=False)
    finally:
        folder.chmod(0o700)


def test_sigterm_during_a_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    script = (
        "import os, signal, sys, threading, time\n"
        "from pathlib import Path\n"
        "import ecomteam.files as files\n"
        "real = os.fsync\n"
        "def slow(fd):\n"
        "    print('writing', flush=True); time.sleep(30); real(fd)\n"
        "files.os.fsync = slow\n"
        f"files.write_output(Path({str(tmp_path / 'plan.md')!r}), 'x' * 1000, force=False)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stdout.readline() == b"writing\n"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 128 + signal.SIGTERM
    time.sleep(0.1)
    assert list(tmp_path.iterdir()) == []


def test_profile_init_refuses_to_write_the_profile_over_its_schema(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "profile.schema.json"
    result = run("profile", "init", str(target), "--force")
    assert result.exit_code == 2
    assert "where the schema goes" in result.stderr
    assert not target.exists()
