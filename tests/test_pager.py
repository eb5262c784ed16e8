"""Long terminal output goes through a pager, as git's does; short output, files and pipes never do."""

import fcntl
import os
import pty
import select
import shlex
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from ecomteam.cli.pager import pager_command
from test_completion import ECOMTEAM, IN_A_SHELL


@pytest.mark.parametrize(
    ("environ", "command"),
    [
        ({}, ["less"]),
        ({"PAGER": "more"}, ["more"]),
        ({"PAGER": "more", "ECOMTEAM_PAGER": "less -S"}, ["less", "-S"]),
        ({"PAGER": "more", "ECOMTEAM_PAGER": ""}, None),
        ({"ECOMTEAM_PAGER": "cat"}, None),
        ({"ECOMTEAM_PAGER": "less 'unbalanced"}, None),
    ],
)
def test_the_pager_is_ecomteam_pager_then_pager_then_less(environ: dict[str, str], command: list[str] | None) -> None:
    assert pager_command(environ) == command


def in_a_terminal(args: list[str], pager_log: Path, rows: int = 24) -> str:
    """Run ecomteam with its stdout on an 80-column terminal; the pager copies what it gets to `pager_log`."""
    copy = f"import sys; open({str(pager_log)!r}, 'w').write(sys.stdin.read())"
    environ = {"PATH": "/usr/bin:/bin", "ECOMTEAM_PAGER": f"{shlex.quote(sys.executable)} -c {shlex.quote(copy)}"}
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 80, 0, 0))
    with subprocess.Popen([ECOMTEAM, *args], stdout=follower, stderr=subprocess.DEVNULL, env=environ) as process:
        os.close(follower)
        shown = b""
        while True:
            ready, _, _ = select.select([leader], [], [], 30)
            try:
                chunk = os.read(leader, 65536) if ready else b""
            except OSError:  # the terminal closed with the process
                chunk = b""
            if not chunk:
                break
            shown += chunk
    os.close(leader)
    assert process.returncode == 0
    return shown.decode("utf-8", errors="replace")


@IN_A_SHELL
def test_a_plan_taller_than_the_screen_goes_through_the_pager(tmp_path: Path) -> None:
    log = tmp_path / "paged.txt"
    shown = in_a_terminal(["recommend", "--stage", "mature"], log)
    assert "Rollout" in log.read_text(encoding="utf-8")
    assert "Rollout" not in shown


@IN_A_SHELL
def test_no_pager_prints_straight_to_the_terminal(tmp_path: Path) -> None:
    log = tmp_path / "paged.txt"
    shown = in_a_terminal(["recommend", "--stage", "mature", "--no-pager"], log)
    assert "Rollout" in shown
    assert not log.exists()


@IN_A_SHELL
def test_output_that_fits_the_screen_is_not_paged(tmp_path: Path) -> None:
    log = tmp_path / "paged.txt"
    shown = in_a_terminal(["recommend", "--stage", "startup", "--brief"], log)
    assert "Phase 1" in shown
    assert not log.exists()
    tall = in_a_terminal(["recommend", "--stage", "startup"], log, rows=200)
    assert "Rollout" in tall
    assert not log.exists()
