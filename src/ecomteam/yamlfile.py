"""Parse YAML text into plain Python values, keeping node positions for messages.

Every user file goes through `parse_yaml`:

- the C parser when PyYAML has it, with the YAML 1.2 core schema's scalars: only
  `true`/`false` are booleans, `NO`, `yes`, `12:30` and dates stay strings, and
  `0123` is the number 123, never octal;
- duplicate keys are errors naming both lines;
- tags other than the plain ones (str, int, float, bool, null, seq, map) are errors;
- the number of values built is capped relative to the file size, so an alias
  "bomb" fails fast instead of exhausting memory.

The parsed node tree is kept so that a validation error at `roles[3].kpis` can be
reported at its line and column without a second parse.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from ecomteam.errors import DataError, Problem
from ecomteam.i18n import N_, _
from ecomteam.memory import gc_paused

if TYPE_CHECKING:
    import yaml

# PyYAML is imported the first time a text is parsed: a command that reads no YAML (the
# bundled data comes from its cache) does not pay for it.

#: Values that aliases may add by repeating a block: a few per 10 bytes of text, and at
#: least `_MIN_ALIAS_BUDGET`. Values written out in the text cost nothing: the size cap
#: bounds them.
#: The usual complaints of PyYAML and of libyaml (which words them differently), in words
#: a person can act on; any other is quoted as the parser gives it.
_YAML_PROBLEMS = (
    (
        re.compile(r"found character (?:'.+' )?that cannot start any token"),
        N_("a character that cannot start a value here: put the value in quotes"),
    ),
    (
        re.compile(r"mapping values are not allowed (?:here|in this context)"),
        N_("a second ': ' on the line: put the value in quotes if it holds ': ', or fix the indentation"),
    ),
    (
        re.compile(r"could not find expected ':'"),
        N_("a line without 'name: value' in a mapping: add the colon, or start a list item with '- '"),
    ),
    (
        re.compile(r"expected <block end>, but found .*|did not find expected key"),
        N_("the indentation does not match the lines above, or a quoted value goes on after its closing quote"),
    ),
    (
        re.compile(r"did not find expected '-' indicator"),
        N_("a line in a list that does not start with '- ', or is indented differently"),
    ),
    (
        re.compile(r"(?:did not find expected|expected) ',' or '\]'.*"),
        N_("a list in brackets [ ] that is not closed, or lacks a comma"),
    ),
    (
        re.compile(r"(?:did not find expected|expected) ',' or '\}'.*"),
        N_("a mapping in braces { } that is not closed, or lacks a comma"),
    ),
    (re.compile(r"found unexpected end of stream"), N_("the file ends inside a quoted value: close the quotes")),
    (
        re.compile(r"found unknown escape character.*"),
        N_("a backslash in a double-quoted value: use single quotes, or write it twice"),
    ),
    (re.compile(r"found undefined alias.*"), N_("an alias (*name) without an anchor (&name) before it")),
)

_ALIAS_BYTES_PER_VALUE = 10
_MIN_ALIAS_BUDGET = 10_000

#: Deepest nesting of lists and mappings read. Real files nest a handful of levels; the C
#: composer recurses per level and crashes the process near 30,000.
MAX_NESTING = 200

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


# (tag, pattern, first characters); "" is the key PyYAML uses for an empty scalar.
_CORE_SCHEMA = (
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (_INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        _FLOAT,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
)


@cache
def _parser_base() -> type:
    """The parser of libyaml where PyYAML was built with it, else PyYAML's own."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _core_schema_loader() -> type:
    """PyYAML's parser with YAML 1.2 core-schema scalar resolution."""

    class CoreSchemaLoader(_parser_base()):  # type: ignore[misc]
        yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}

    for tag, pattern, first in _CORE_SCHEMA:
        CoreSchemaLoader.add_implicit_resolver(tag, re.compile(pattern), list(first))
    return CoreSchemaLoader


class Located(Protocol):
    """A parsed input file that knows where each value came from: YAML, or a table read into the same shape."""

    @property
    def source(self) -> str:
        """The file's name, for messages."""
        ...

    @property
    def data(self) -> Any:
        """The values read."""
        ...

    def node_at(self, loc: Sequence[str | int], *, key: bool = False) -> yaml.Node | None:
        """The YAML node at `loc`, if the file has nodes."""
        ...

    def position(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int | None, int | None]:
        """The 1-based (line, column) of `loc`, or (None, None) when unknown."""
        ...


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML file: its values, its source name and its node tree."""

    source: str
    data: Any
    root: yaml.Node | None

    def node_at(self, loc: Sequence[str | int], *, key: bool = False) -> yaml.Node | None:
        """Return the deepest node along `loc` (mapping keys and list indexes).

        Args:
            loc: A path such as `("roles", 3, "kpis")`.
            key: Return the key node rather than the value for the last mapping step,
                which points at an unknown field's name instead of its value.
        """
        import yaml

        node = self.root
        for depth, part in enumerate(loc):
            if isinstance(node, yaml.MappingNode):
                found = next(
                    (
                        pair
                        for pair in node.value
                        if isinstance(pair[0], yaml.ScalarNode) and pair[0].value == str(part)
                    ),
                    None,
                )
                if found is None:
                    break
                node = found[0] if key and depth == len(loc) - 1 else found[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                break
        return node

    def position(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int | None, int | None]:
        """Return the 1-based (line, column) of `loc`, or (None, None) when unknown."""
        node = self.node_at(loc, key=key)
        if node is None:
            return None, None
        return node.start_mark.line + 1, node.start_mark.column + 1


def parse_yaml(text: str, source: str) -> YamlDocument:
    """Parse one YAML document.

    Args:
        text: The file's text.
        source: The name to use in messages (usually the path as the user gave it).

    Raises:
        DataError: The text is not valid YAML, has duplicate keys, unsupported tags,
            several documents, or expands past the value budget. Every problem found
            is listed.
    """
    with gc_paused():
        if _may_nest_deeper_than(text, MAX_NESTING):
            _check_nesting(text, source)
        return _parse(text, source)


def _may_nest_deeper_than(text: str, levels: int) -> bool:
    """A cheap bound: each level needs an opening bracket or one more column on a line."""
    openers = text.count("[") + text.count("{")
    return openers > levels or openers + max(map(len, text.splitlines()), default=0) > levels


def _check_nesting(text: str, source: str) -> None:
    """Refuse nesting deeper than `MAX_NESTING` before the composer recurses into it."""
    import yaml

    depth = 0
    try:
        for event in yaml.parse(text, Loader=_parser_base()):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    message = _("lists and mappings nested more than {levels} levels deep").format(levels=MAX_NESTING)
                    raise DataError([Problem(source, message, "", *_position(event.start_mark))], "YAML")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # the parse that follows reports it, with its position


def _parse(text: str, source: str) -> YamlDocument:
    import yaml

    loader = _core_schema_loader()(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise DataError([_yaml_problem(exc, text, source)], "YAML") from exc
    finally:
        loader.dispose()
    builder = _Builder(source, max(_MIN_ALIAS_BUDGET, len(text) // _ALIAS_BYTES_PER_VALUE))
    data = builder.build(root) if root is not None else None
    if builder.problems:
        raise DataError(builder.problems, "YAML")
    return YamlDocument(source, data, root)


def _yaml_problem(exc: yaml.YAMLError, text: str, source: str) -> Problem:
    """A parse error located at its line and column."""
    import yaml

    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        message = _("the character U+{code} may not appear in YAML text; remove it").format(
            code=f"{ord(character):04X}"
        )
        if character == "\0":
            message += _(" (a file full of them is probably UTF-16: save it as UTF-8)")
        return Problem(source, message, line=line, column=column)
    if isinstance(exc, yaml.MarkedYAMLError):
        message = _("not valid YAML: {reason}").format(reason=yaml_reason(exc, text))
        return Problem(source, message, "", *_position(exc.problem_mark or exc.context_mark))
    return Problem(source, _("not valid YAML: {reason}").format(reason=exc))


def yaml_reason(exc: yaml.MarkedYAMLError, text: str) -> str:
    """What is wrong with `text`, in words a person can act on, for a complaint of PyYAML's or libyaml's."""
    mark = exc.problem_mark
    if mark is not None and text[mark.index : mark.index + 1] == "\t":  # libyaml does not say it is a tab
        return _("a tab: YAML indents with spaces only")
    said = exc.problem or exc.context or "invalid YAML"
    return next((_(reason) for pattern, reason in _YAML_PROBLEMS if pattern.fullmatch(said)), said)


def _position(mark: Any) -> tuple[int | None, int | None]:
    """The 1-based line and column of a parser mark, if there is one."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


def parse_mapping(text: str, source: str, what: str) -> YamlDocument:
    """Parse a YAML file whose top level must be a mapping of fields.

    Raises:
        DataError: As `parse_yaml`, or the file is empty or holds a list or a value.
    """
    document = parse_yaml(text, source)
    if document.data is None:
        raise DataError([Problem(source, _("the file is empty; it should hold a mapping of fields"))], what)
    if not isinstance(document.data, dict):
        line, column = document.position(())
        message = (
            _("the file should hold a mapping of fields (name: value), but it holds a list")
            if isinstance(document.data, list)
            else _("the file should hold a mapping of fields (name: value), but it holds a single value")
        )
        raise DataError([Problem(source, message, line=line, column=column)], what)
    return document


class _Builder:
    """Turns a node tree into dicts, lists and scalars, collecting problems."""

    def __init__(self, source: str, alias_budget: int) -> None:
        self.source = source
        self.alias_budget = alias_budget
        self.built: set[int] = set()  # nodes built once; building one again is an alias repeating it
        self.problems: list[Problem] = []

    def _problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.source, message, line=mark.line + 1, column=mark.column + 1))

    def build(self, node: yaml.Node) -> Any:
        import yaml

        if id(node) in self.built:
            self.alias_budget -= 1
        else:
            self.built.add(id(node))
        if self.alias_budget < 0:
            mark = node.start_mark
            raise DataError(
                [
                    Problem(
                        self.source,
                        "expands to far more values than its size suggests; "
                        "are aliases (*name) repeating a large block?",
                        line=mark.line + 1,
                        column=mark.column + 1,
                    )
                ],
                "YAML",
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self._problem(node, _("unsupported YAML tag {tag!r}").format(tag=node.tag))
            return [self.build(item) for item in node.value]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode) -> dict[Any, Any]:
        import yaml

        if node.tag != _MAP:
            self._problem(node, _("unsupported YAML tag {tag!r}").format(tag=node.tag))
        result: dict[Any, Any] = {}
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, _("a key must be a plain value, not a list or mapping"))
                continue
            key = self._scalar(key_node)
            if key_node.value == "<<" and is_plain(key_node):
                self._problem(key_node, _("merge keys (<<) are not supported; repeat the fields instead"))
                continue
            line = key_node.start_mark.line + 1
            if key in seen:
                self._problem(
                    key_node,
                    _("duplicate key {key!r} (first at line {line}); remove one of them").format(
                        key=key, line=seen[key]
                    ),
                )
                continue
            seen[key] = line
            result[key] = self.build(value_node)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        value: str = node.value
        if node.tag == _STR:
            return value
        pattern = _PATTERNS.get(node.tag)
        if pattern is None:
            self._problem(node, _("unsupported YAML tag {tag!r}; write the value without a tag").format(tag=node.tag))
            return None
        if not pattern.match(value):  # only an explicit tag (`!!int abc`) can get here
            self._problem(node, _(_TAG_PROBLEMS[node.tag]).format(value=value))
            return None
        try:
            return _CONVERT[node.tag](value)
        except ValueError:
            self._problem(node, _("the number {digits}... has too many digits").format(digits=value[:20]))
            return None


_PATTERNS = {tag: re.compile(pattern) for tag, pattern, _ in _CORE_SCHEMA}
_TAG_PROBLEMS = {
    _BOOL: N_("{value!r} is not a valid boolean (true or false); write the value without a tag"),
    _NULL: N_("{value!r} is not a valid null; write the value without a tag"),
    _INT: N_("{value!r} is not a valid whole number; write the value without a tag"),
    _FLOAT: N_("{value!r} is not a valid number; write the value without a tag"),
}


def is_plain(node: yaml.Node) -> bool:
    """Whether a scalar was written without quotes (the C and Python parsers differ)."""
    import yaml

    return isinstance(node, yaml.ScalarNode) and node.style in (None, "")


def _to_int(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    if digits.startswith("0o"):
        return sign * int(digits[2:], 8)
    if digits.startswith("0x"):
        return sign * int(digits[2:], 16)
    return sign * int(digits, 10)


def _to_float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return -math.inf if lowered.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    return float(text)


_CONVERT = {
    _NULL: lambda _text: None,
    _BOOL: lambda text: text.lower() == "true",
    _INT: _to_int,
    _FLOAT: _to_float,
}
