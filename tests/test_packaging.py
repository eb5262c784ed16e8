"""The built wheel carries the catalogue and works outside the source checkout."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from ecomteam import __version__

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "--target", "wheel", "--directory", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("ecomteam-*.whl")
    return built


def test_the_wheel_contains_the_catalogue(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "ecomteam/data/roles.yaml" in names
    assert "ecomteam/cli.py" in names
    assert zipfile.ZipFile(wheel).read("ecomteam/data/roles.yaml") == (ROOT / "data" / "roles.yaml").read_bytes()
    assert wheel.name.startswith(f"ecomteam-{__version__}-")


def test_an_installed_wheel_works_from_any_directory(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import sys, ecomteam.files as f; "
        "print(f.bundled_catalogue_path()); "
        "sys.argv = ['ecomteam', 'roles', 'show', '客服', '--format', 'json']; "
        "from ecomteam.cli import main; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=elsewhere,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "PYTHONUTF8": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    first, rest = result.stdout.split("\n", 1)
    assert Path(first).is_relative_to(site)
    assert '"id": "customer-service"' in rest
