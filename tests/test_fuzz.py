"""Fuzzing the parsers and the command line: whatever comes in, a located error or a result, never a crash.

Marked `fuzz`: the default run leaves them out, CI runs them bounded (`pytest -m fuzz`);
run a long campaign with `HYPOTHESIS_PROFILE=long pytest -m fuzz`.
"""

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import ROOT
from ecomteam.assess import parse_team
from ecomteam.catalogue import index_roles, parse_catalogue
from ecomteam.cli import app
from ecomteam.errors import EcomteamError
from ecomteam.fields import PROFILE_FIELDS
from ecomteam.files import read_text
from ecomteam.profile import parse_profile
from ecomteam.rulebook import parse_rulebook

pytestmark = pytest.mark.fuzz

#: Every exit code the README documents, except 1 (an internal error is a bug).
DOCUMENTED = {0, 2, 65, 66, 73}
CATALOGUE = (ROOT / "data" / "roles.yaml").read_bytes()
RULES = (ROOT / "data" / "rules.yaml").read_bytes()
TEAM = (
    "people:\n  - name: Owner\n    roles: [ecommerce-manager, marketing, 客服]\n    fte: 1\n"
    "    sourcing: in-house\n    engagement: owner\n  - name: Ana\n    roles: [seo]\n    hours_per_week: 8\n"
    "    sourcing: outsource\n    engagement: freelance\n"
).encode()
PROFILE = b"stage: growth\nbudget: 5000\ngoals: [traffic, conversion]\nchannels: [marketplace]\norders_per_day: 120\n"
FAST = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def check(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    detail = f"{args!r} -> {result.exit_code}\n{result.output}\n{result.exception!r}"
    assert result.exit_code in DOCUMENTED, detail
    assert "Traceback" not in result.output, detail
    if result.exit_code != 0:
        assert result.stderr.strip(), detail
        assert result.stderr.count("\n") <= 60, detail  # a message, not a dump


values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["nan", "inf", "-inf", "-1", "0", "1e309", "1e12", "99999999999999999999", "", " ", "١٢٣"]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
# Every profile option, as the CLI derives them from the profile's fields, plus the others recommend takes.
options = st.sampled_from([doc.option(name) for name, doc in PROFILE_FIELDS.items()] + ["--start", "--format"])


@FAST
@given(pairs=st.lists(st.tuples(options, values), min_size=1, max_size=4))
def test_random_recommend_options(pairs: list[tuple[str, str]]) -> None:
    args = ["recommend"]
    for option, value in pairs:
        args += [option, value]
    check(args)


@FAST
@given(query=st.text(max_size=40), output=st.sampled_from(["table", "json", "markdown", "yaml"]))
def test_random_role_queries(query: str, output: str) -> None:
    check(["roles", "show", query, "--format", output])
    check(["jd", query])


def mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    buffer = bytearray(data)
    for kind, position, chunk in edits:
        at = position % (len(buffer) + 1)
        if kind == 0:  # overwrite
            buffer[at : at + len(chunk)] = chunk
        elif kind == 1:  # insert
            buffer[at:at] = chunk
        else:  # delete
            del buffer[at : at + len(chunk) + 1]
    return bytes(buffer)


edits = st.lists(
    st.tuples(
        st.integers(0, 2),
        st.integers(0, 10**6),
        st.binary(min_size=1, max_size=8)
        | st.sampled_from([b":", b"- ", b"\n  ", b"&a", b"*a", b"{", b"]", b"'", b"\t"]),
    ),
    min_size=1,
    max_size=6,
)


def check_file(
    option: str, original: bytes, changes: list[tuple[int, int, bytes]], extra: list[str], command: str = "recommend"
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.yaml"
        mutated = mutate(original, changes)
        path.write_bytes(mutated)
        check([command, "--stage", "growth", *extra, option, str(path), "--format", "json"])
        assert path.read_bytes() == mutated  # reading never changes the input


@FAST
@given(changes=edits)
def test_mutated_catalogue(changes: list[tuple[int, int, bytes]]) -> None:
    check_file("--catalogue", CATALOGUE, changes, [])


@FAST
@given(changes=edits)
def test_mutated_rules(changes: list[tuple[int, int, bytes]]) -> None:
    check_file("--rules", RULES, changes, [])


@FAST
@given(changes=edits)
def test_mutated_profile(changes: list[tuple[int, int, bytes]]) -> None:
    check_file("--profile", PROFILE, changes, [])


@FAST
@given(changes=edits)
def test_mutated_team(changes: list[tuple[int, int, bytes]]) -> None:
    check_file("--team", TEAM, changes, [], command="assess")


PARSED_CATALOGUE = parse_catalogue(CATALOGUE.decode(), "roles.yaml")
PARSERS: dict[str, tuple[bytes, Callable[[str, str], object]]] = {
    "catalogue": (CATALOGUE, parse_catalogue),
    "rule book": (RULES, lambda text, source: parse_rulebook(text, source, PARSED_CATALOGUE)),
    "profile": (PROFILE, parse_profile),
    "team": (TEAM, lambda text, source: parse_team(text, source, index_roles(PARSED_CATALOGUE))),
}


@pytest.mark.parametrize("what", list(PARSERS))
@FAST
@given(changes=edits)
def test_parsers_answer_damaged_files_with_located_errors(what: str, changes: list[tuple[int, int, bytes]]) -> None:
    original, parse = PARSERS[what]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.yaml"
        path.write_bytes(mutate(original, changes))
        try:
            parse(read_text(path, what), str(path))
        except EcomteamError as exc:  # an error is a fine answer, if it names the file
            assert str(exc).startswith(str(path)) or "input.yaml" in str(exc)  # noqa: PT017
