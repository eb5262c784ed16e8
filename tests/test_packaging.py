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
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    assert "ecomteam/cli/__init__.py" in names
    for data in ("roles.yaml", "rules.yaml"):
        assert archive.read(f"ecomteam/data/{data}") == (ROOT / "data" / data).read_bytes()
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
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "PYTHONUTF8": "1"}

    def run(*args: str) -> str:
        script = f"import sys; sys.argv = ['ecomteam', *{list(args)!r}]; from ecomteam.entry import main; main()"
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=elsewhere, env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    paths = subprocess.run(
        [sys.executable, "-c", "import ecomteam.files as f; print(f.bundled_catalogue_path(), f.bundled_rules_path())"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert all(Path(path).is_relative_to(site) for path in paths)
    assert '"id": "customer-service"' in run("roles", "show", "客服", "--format", "json")
    assert '"team": [' in run("recommend", "--stage", "startup", "--format", "json")
