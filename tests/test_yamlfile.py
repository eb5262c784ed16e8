"""The YAML reader: 1.2-style scalars, duplicate keys, tags, alias bombs, positions."""

import math

import pytest

from ecomteam.errors import DataError
from ecomteam.yamlfile import parse_yaml


@pytest.mark.parametrize(
    ("scalar", "value"),
    [
        ("NO", "NO"),  # a country code, not False
        ("yes", "yes"),
        ("off", "off"),
        ("true", True),
        ("False", False),
        ("0123", 123),  # not octal 83
        ("0o17", 15),
        ("0x1f", 31),
        ("-42", -42),
        ("12:30", "12:30"),  # not base-60 750
        ("2025-01-31", "2025-01-31"),  # not a date object
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("-.inf", -math.inf),
        ("~", None),
        ("null", None),
        ("", None),
        ('"true"', "true"),
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(scalar: str, value: object) -> None:
    assert parse_yaml(f"key: {scalar}\n", "t.yaml").data == {"key": value}


def test_nan_is_read_as_nan() -> None:
    assert math.isnan(parse_yaml("key: .nan\n", "t.yaml").data["key"])


def test_duplicate_keys_are_all_reported() -> None:
    with pytest.raises(DataError) as caught:
        parse_yaml("a: 1\nb: 2\na: 3\nb: 4\n", "t.yaml")
    messages = [str(problem) for problem in caught.value.problems]
    assert messages == [
        "t.yaml:3:1: duplicate key 'a' (first at line 1); remove one of them",
        "t.yaml:4:1: duplicate key 'b' (first at line 2); remove one of them",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !!python/object:os.system x\n", "unsupported YAML tag"),
        ("a: !custom x\n", "unsupported YAML tag"),
        ("a: !!binary aGVsbG8=\n", "unsupported YAML tag"),
        ("? [1, 2]\n: x\n", "a key must be a plain value"),
        ("base: &b {x: 1}\nother:\n  <<: *b\n", "merge keys (<<) are not supported"),
        ("a: 1\n---\nb: 2\n", "not valid YAML"),
        ("a: [1, 2\n", "not valid YAML"),
    ],
)
def test_unsafe_or_unsupported_yaml_is_rejected(text: str, expected: str) -> None:
    with pytest.raises(DataError) as caught:
        parse_yaml(text, "t.yaml")
    assert expected in str(caught.value)


def test_an_alias_bomb_fails_fast() -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        previous, name = chr(ord("a") + n - 1), chr(ord("a") + n)
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    with pytest.raises(DataError) as caught:
        parse_yaml("\n".join(levels) + "\n", "bomb.yaml")
    assert "aliases" in str(caught.value)


def test_small_aliases_are_fine() -> None:
    data = parse_yaml("base: &b [1, 2]\ncopy: *b\n", "t.yaml").data
    assert data == {"base": [1, 2], "copy": [1, 2]}


def test_positions_are_found_along_a_path() -> None:
    document = parse_yaml("roles:\n  - id: a\n    kpis: [x, y]\n  - id: b\n", "t.yaml")
    assert document.position(("roles", 0, "kpis")) == (3, 11)
    assert document.position(("roles", 0, "kpis"), key=True) == (3, 5)
    assert document.position(("roles", 1, "id")) == (4, 9)
    # A path that leaves the document stops at the deepest node it reached.
    assert document.position(("roles", 1, "missing")) == (4, 5)
    assert document.position(("roles", 7)) == (2, 3)
