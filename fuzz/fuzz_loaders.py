"""Coverage-guided fuzzing of the YAML reader and the four loaders (atheris, libFuzzer).

Each input's first byte picks the loader (profile, catalogue, rule book, team); the
rest is the file's text. Any outcome but a result or an `EcomteamError` is a finding:
libFuzzer stops and saves the input as `crash-*`.

    .venv/bin/pip install -e '.[fuzz]'
    .venv/bin/python fuzz/fuzz_loaders.py --seed-corpus /tmp/corpus    # write the seeds once
    .venv/bin/python fuzz/fuzz_loaders.py /tmp/corpus -max_total_time=3600 -rss_limit_mb=4096

CI runs it for a minute (see .ci/run).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from ecomteam.assess import parse_team
    from ecomteam.catalogue import index_roles, parse_catalogue
    from ecomteam.errors import EcomteamError
    from ecomteam.profile import parse_profile
    from ecomteam.rulebook import parse_rulebook
    from ecomteam.yamlfile import parse_yaml

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = parse_catalogue((ROOT / "data" / "roles.yaml").read_text(encoding="utf-8"), "roles.yaml")
ROLES = index_roles(CATALOGUE)

LOADERS: list[Callable[[str, str], object]] = [
    parse_profile,
    parse_catalogue,
    lambda text, source: parse_rulebook(text, source, CATALOGUE),
    lambda text, source: parse_team(text, source, ROLES),
    parse_yaml,
]


def test_one_input(data: bytes) -> None:
    """Feed one input to the loader its first byte picks."""
    if not data:
        return
    text = data[1:].decode("utf-8", errors="replace")
    with suppress(EcomteamError):  # a located error is the right answer to bad input
        LOADERS[data[0] % len(LOADERS)](text, "fuzz.yaml")


def write_seeds(folder: Path) -> None:
    """Seed a corpus from the repository's own files: each valid file, under each loader's byte."""
    folder.mkdir(parents=True, exist_ok=True)
    profiles = sorted((ROOT / "examples").glob("*/profile.yaml"))
    roles = (ROOT / "data" / "roles.yaml").read_text(encoding="utf-8")
    small_catalogue = roles[: roles.index("\n  - id: ", roles.index("\n  - id: ") + 1)]  # header and one role
    seeds = [(0, path.read_text(encoding="utf-8")) for path in profiles]
    seeds += [(1, small_catalogue), (2, (ROOT / "data" / "rules.yaml").read_text(encoding="utf-8"))]
    seeds.append((3, "people:\n  - name: Ana\n    roles: [客服, seo]\n    fte: 1\n    engagement: owner\n"))
    seeds.append((4, "a: &x [1, 2]\nb: *x\nc: !!int 3\nd: 'e'\n"))
    for number, (loader, text) in enumerate(seeds):
        (folder / f"seed-{number:02d}").write_bytes(bytes([loader]) + text.encode("utf-8"))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--seed-corpus"]:
        write_seeds(Path(sys.argv[2]))
    else:
        atheris.Setup(sys.argv, test_one_input)
        atheris.Fuzz()
