"""Turn validation failures into located, readable problems.

Shared by every loader: pydantic's errors become `file:line:col: field.path: message`
problems, using the YAML node tree kept by `ecomteam.yamlfile`.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ecomteam.errors import DataError, Problem
from ecomteam.i18n import N_, _
from ecomteam.memory import gc_paused
from ecomteam.suggest import closest, did_you_mean
from ecomteam.yamlfile import Located, is_plain

Loc = tuple[str | int, ...]

#: Problems located and worded at most; the message lists `errors.SHOWN` of them.
LOCATED = 100


M = TypeVar("M", bound=BaseModel)


def validated(document: Located, model: type[M], what: str) -> M:
    """Validate a parsed document into `model`.

    Raises:
        DataError: Every schema problem, located in the file.
    """
    try:
        with gc_paused():
            return model.model_validate(document.data)
    except ValidationError as exc:
        problems = validation_problems(exc, document, model)
        raise DataError(sort_problems(problems), what, more=unlocated(exc, problems)) from exc


def format_loc(loc: Sequence[str | int]) -> str:
    """Render a location as a field path: `("roles", 3, "kpis")` -> `roles[3].kpis`."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def validation_problems(
    exc: ValidationError, document: Located, model: type[BaseModel], prefix: Loc = ()
) -> list[Problem]:
    """Turn pydantic's errors into located, readable problems."""
    problems: list[Problem] = []
    for error in _own_errors(exc):
        if len(problems) >= LOCATED:  # locating costs a walk of the file: only what will be shown
            break
        kind = error["type"]
        loc: Loc = prefix + _place(error["loc"], unknown_key=kind == "extra_forbidden")
        line, column = document.position(loc, key=kind == "extra_forbidden")
        problems.append(
            Problem(
                document.source,
                _message(error, document.node_at(loc), loc, model),
                format_loc(loc),
                line,
                column,
            )
        )
    return problems


def unlocated(exc: ValidationError, problems: list[Problem]) -> int:
    """How many of the errors `problems` were made from were left unlocated (beyond `LOCATED`)."""
    return len(_own_errors(exc)) - len(problems)


def _own_errors(exc: ValidationError) -> list[Any]:
    """The errors of a validation but those another explains: a list with an invalid item is also too short."""
    errors = exc.errors(include_url=False)
    inner = {error["loc"][:depth] for error in errors for depth in range(len(error["loc"]))}
    return [error for error in errors if not (error["type"] == "too_short" and error["loc"] in inner)]


def error_message(error: Any, loc: Loc, model: type[BaseModel]) -> str:
    """The words for one of pydantic's errors at `loc` under `model`, for a value that is not in a YAML file."""
    return _message(error, None, loc, model)


def _message(error: Any, node: Any, loc: Loc, model: type[BaseModel]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        name = str(loc[-1])
        message = _("unknown field {name!r}").format(name=name) + did_you_mean(name, known)
        if known:
            message += _("; valid fields: {fields}").format(fields=", ".join(known))
        return message
    if kind == "missing":
        return _("required field is missing")
    if kind == "too_short":
        wanted = error["ctx"]["min_length"]
        return f"needs at least {wanted} item{'s' if wanted != 1 else ''}, has {error['ctx']['actual_length']}"
    value = error.get("input")
    if kind == "string_type" and value is None:
        return _("a value is required here, but it is empty")
    message = pydantic_message(error)
    if isinstance(value, bool | int | float | str) or value is None:
        message += _about_value(value, message, kind, node, loc=loc, model=model)
    return message


def _about_value(value: Any, message: str, kind: str, node: Any, *, loc: Loc, model: type[BaseModel]) -> str:
    """What a message adds about the value given: the value, a close choice, how YAML read it."""
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    added = "" if repr(value) in message else _(" (got {value})").format(value=shown)  # quoted already, or not
    if kind == "enum" and isinstance(value, str):
        match = closest(value, choices_at(model, loc))
        if match:
            added += _("; did you mean {match!r}?").format(match=match)
    if kind == "string_type" and node is not None and is_plain(node):
        added += (
            _("; YAML read this as a boolean: put it in quotes")
            if isinstance(value, bool)
            else _("; YAML read this as a number: put it in quotes")
        )
    return added


#: pydantic's own messages, for a reader of another language (English keeps pydantic's wording).
_PYDANTIC_MESSAGES = {
    "greater_than_equal": N_("must be at least {ge}"),
    "greater_than": N_("must be more than {gt}"),
    "less_than_equal": N_("must be at most {le}"),
    "less_than": N_("must be less than {lt}"),
    "int_parsing": N_("must be a whole number"),
    "int_type": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"),
    "float_parsing": N_("must be a number"),
    "float_type": N_("must be a number"),
    "finite_number": N_("must be a finite number"),
    "bool_parsing": N_("must be true or false"),
    "bool_type": N_("must be true or false"),
    "string_type": N_("must be text"),
    "string_too_long": N_("is longer than {max_length} characters"),
    "string_pattern_mismatch": N_("does not have the form expected ({pattern})"),
    "dict_type": N_("must be a mapping of fields"),
    "list_type": N_("must be a list"),
    "tuple_type": N_("must be a list"),
    "enum": N_("must be one of: {expected}"),
    "literal_error": N_("must be one of: {expected}"),
}


def pydantic_message(error: Any) -> str:
    """A pydantic error's message in the reader's language: ours for the common kinds, else pydantic's own."""
    own = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "string_pattern_mismatch":  # a code's form in words, in every language, not its pattern
        from ecomteam.models import TEXT_FORMS

        form = TEXT_FORMS.get((error.get("ctx") or {}).get("pattern", ""))
        if form is not None:
            return _("must be {form}").format(form=_(form))
    template = _PYDANTIC_MESSAGES.get(error["type"])
    if template is None:
        return own
    try:
        context = {
            key: _limit(value)
            if isinstance(value, int | float) and not isinstance(value, bool)
            else str(value).replace("' or '", "', '")  # pydantic lists choices with an English "or"
            for key, value in (error.get("ctx") or {}).items()
        }
        return _(template).format(**context)
    except KeyError:  # a context pydantic did not give: its own words, rather than none
        return own


def _limit(value: float) -> str:
    """A limit as the reader writes a figure: 0,5 in Polish, 1,000,000 rather than 1e+06 in English."""
    from ecomteam.amounts import decimal_mark
    from ecomteam.i18n import current, current_territory

    whole = float(value).is_integer() and abs(value) < 1e15
    text = f"{value:,.0f}" if whole else f"{value:g}"
    if decimal_mark(current(), current_territory()) == ",":
        text = text.translate(str.maketrans(",.", ".,"))
    return text


def annotation_at(model: type[BaseModel], loc: Loc) -> Any:
    """Return the type found at `loc` under `model` (None when the path leaves the model)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            field = current.model_fields.get(part)
            if field is None:
                return None
            current = field.annotation
        elif typing.get_origin(current) in (tuple, list, dict):
            current = typing.get_args(current)[-1 if typing.get_origin(current) is dict else 0]
        else:
            return None
    return _unwrap(current)


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Return the field names of the model found at `loc` under `model`, if any."""
    current = annotation_at(model, loc)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def choices_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Return the values of the closed vocabulary at `loc` (also inside a list), or none."""
    current = annotation_at(model, loc)
    if typing.get_origin(current) in (tuple, list):
        current = _unwrap(typing.get_args(current)[0])
    if isinstance(current, type) and issubclass(current, Enum):
        return [str(member.value) for member in current]
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip `X | None` and `Annotated[X, ...]` down to X."""
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if typing.get_origin(annotation) in (typing.Union, type(int | None)) and len(args) == 1:
            annotation = args[0]
            continue
        return annotation


def _place(loc: Loc, *, unknown_key: bool) -> Loc:
    """The path in the file that pydantic's `loc` points at.

    pydantic marks a bad dict key with a trailing "[key]", and a branch of a tagged union
    with its "<tag>"; neither is a place in the file. An unknown key is the user's own
    text, though, and may look like a marker (a key written `<>`), so it is kept.
    """
    head, last = (loc[:-1], loc[-1:]) if unknown_key else (loc, ())
    return tuple(part for part in head if not _is_marker(part)) + last


def _is_marker(part: str | int) -> bool:
    return isinstance(part, str) and (part == "[key]" or (part.startswith("<") and part.endswith(">")))


@dataclass
class Where:
    """Says where a location is, as `line N`, for messages that point at two places."""

    document: Located

    def __call__(self, loc: Loc) -> str:
        """Return `line N` for `loc`, or its field path when the line is unknown."""
        line, _ = self.document.position(loc)
        return f"line {line}" if line is not None else format_loc(loc)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order problems by position in the file, then by message."""
    return sorted(problems, key=lambda p: (p.line is None, p.line or 0, p.column or 0, p.message))
