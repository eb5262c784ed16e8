"""What every command shares: the error handler, the options, the loaders and the writer.

Heavy modules (pydantic models, YAML, rich) are imported inside the functions that
need them, so `--version` and `--help` stay quick. Every `EcomteamError` becomes a
message on stderr and its exit code here, inside the command layer, so tests through
typer's `CliRunner` see what a user does.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from ecomteam import __version__
from ecomteam.cli.complete import (
    PROFILE_COMPLETERS,
    complete_role,
    complete_team,
    complete_yaml,
    completer,
    members,
)
from ecomteam.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EcomteamError,
    OutputError,
    UsageError,
    interrupted,
)
from ecomteam.fields import PROFILE_FIELDS, choices
from ecomteam.i18n import Locale, _
from ecomteam.memory import gc_paused
from ecomteam.vocab import Language, OutputFormat

if TYPE_CHECKING:
    from datetime import date

    from ecomteam.assess import Team
    from ecomteam.catalogue import RoleIndex
    from ecomteam.output.results import Result
    from ecomteam.profile import Profile
    from ecomteam.rulebook import RuleBook

P = ParamSpec("P")
R = TypeVar("R")

#: Set to a true value (1, true, yes) to see a traceback for internal errors.
DEBUG_ENV = "ECOMTEAM_DEBUG"

#: Help follows the terminal's width up to 120 columns, where lines stay easy to read.
HELP_OPTIONS = {"help_option_names": ["-h", "--help"], "max_content_width": 120}


def _arguments_by_metavar() -> None:
    """Show an argument in help as its metavar alone, the way options are shown.

    typer writes `ROLE <str>` in the argument list and `{ROLE}` in the usage line:
    a Python type and a brace convention a reader has to guess. The metavar already
    says what to give; optional arguments keep click's `[NAME]`.
    """
    from typer.core import TyperArgument

    typed = TyperArgument.display_type_rich

    def display_type(self: TyperArgument, ctx: Any) -> str | None:
        return None if self.metavar is not None else typed(self, ctx)

    def usage_name(self: TyperArgument) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")

    TyperArgument.display_type_rich = display_type  # type: ignore[method-assign, assignment]
    TyperArgument._usage_display_name = usage_name  # type: ignore[method-assign]  # noqa: SLF001


_arguments_by_metavar()


def team_file_option(*names: str, help: str) -> Any:
    """`typer.Option` for a team file: YAML, or a CSV or XLSX table, completing all three."""
    return typer.Option(
        *names, help=help, metavar="FILE", autocompletion=complete_team, show_default=False, readable=False
    )


def yaml_file_option(*names: str, help: str, envvar: str | None = None) -> Any:
    """`typer.Option` for a YAML file to read: shown as FILE, completing YAML files.

    `readable=False` leaves the checks to ecomteam.files, which answers a missing or
    unreadable file with exit 66 and a message, as the README says.
    """
    return typer.Option(
        *names,
        envvar=envvar,
        help=help,
        metavar="FILE",
        autocompletion=complete_yaml,
        show_default=False,
        readable=False,
    )


CatalogueOption = Annotated[
    Path | None,
    yaml_file_option(
        "--catalogue", envvar="ECOMTEAM_CATALOGUE", help="Role catalogue YAML to use instead of the bundled one."
    ),
]
RulesOption = Annotated[
    Path | None,
    yaml_file_option(
        "--rules",
        envvar="ECOMTEAM_RULES",
        help="Rule book YAML to use instead of the bundled one (start from a copy of data/rules.yaml).",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file instead of stdout (- is stdout); an existing file is kept unless --force.",
        metavar="FILE",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace the file written if it exists.")]
NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Print a long table straight to the terminal instead of through the pager "
        "(ECOMTEAM_PAGER, else PAGER, else less; an empty ECOMTEAM_PAGER also turns it off).",
    ),
]
E = TypeVar("E", bound=StrEnum)


def closed_choice(vocabulary: type[E], metavar: str, help: str) -> dict[str, Any]:
    """`typer.Option` settings for a closed vocabulary: help with its values, any case, did-you-mean, completion."""
    values = [member.value for member in vocabulary]

    def parse(text: str | E) -> E:
        if isinstance(text, vocabulary):
            return text  # a default, already parsed
        try:
            return vocabulary(str(text).strip().lower())
        except ValueError:
            from ecomteam.suggest import did_you_mean
            from ecomteam.terms import TYPED, member_named

            named = member_named(vocabulary, str(text)) if vocabulary in TYPED else None
            if named is not None:  # its name in one of the five languages: `--stage crescita`
                return named

            hint = did_you_mean(str(text), values)
            message = _("{value!r}{suggestion}; choose from {choices}")
            raise typer.BadParameter(
                message.format(value=str(text), suggestion=hint, choices=", ".join(values))
            ) from None

    return {
        "help": f"{help} One of: {choices(vocabulary)}.",
        "parser": parse,
        "metavar": metavar,
        "autocompletion": completer(members(vocabulary)),
    }


FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        show_default=False,
        **closed_choice(OutputFormat, "FORMAT", "Output format (default: the --output file's extension, else table)."),
    ),
]

#: The format a file's extension names, for `-o NAME.EXT` without `--format`.
EXTENSION_FORMATS = {
    ".md": OutputFormat.MARKDOWN,
    ".markdown": OutputFormat.MARKDOWN,
    ".json": OutputFormat.JSON,
    ".yaml": OutputFormat.YAML,
    ".yml": OutputFormat.YAML,
    ".html": OutputFormat.HTML,
    ".htm": OutputFormat.HTML,
    ".svg": OutputFormat.SVG,
    ".csv": OutputFormat.CSV,
    ".xlsx": OutputFormat.XLSX,
    ".txt": OutputFormat.TABLE,
}


def chosen_format(given: OutputFormat | None, destination: Path | None, default: OutputFormat) -> OutputFormat:
    """`--format` if given, else the one the output file's extension names, else the command's default.

    Raises:
        UsageError: `--format` and the extension disagree (`-f json -o plan.md`).
    """
    implied = None if _to_stdout(destination) else EXTENSION_FORMATS.get(Path(str(destination)).suffix.lower())
    if given is not None and implied is not None and given is not implied:
        raise UsageError(
            _(
                "--format {given} does not match {destination}, whose extension means {implied}; give one of them, "
                "or name the file for the format"
            ).format(given=given, destination=destination, implied=implied)
        )
    return given or implied or default


ProfileOption = Annotated[
    Path | None,
    yaml_file_option("--profile", "-p", help="Profile YAML with any of the fields above; flags override it."),
]


# ------------------------------------------------------------------ errors


def _locale(text: str | Locale) -> Locale:
    """`--lang es` or `--lang es-MX`: a language, and the country whose number conventions it follows."""
    from ecomteam.i18n import parse_locale

    if isinstance(text, Locale):
        return text
    locale, unknown = parse_locale(str(text))
    if locale is None:
        from ecomteam.suggest import did_you_mean

        values = [language.value for language in Language]
        message = _("{value!r}{suggestion}; choose from {choices}")
        raise typer.BadParameter(
            message.format(value=text, suggestion=did_you_mean(text, values), choices=", ".join(values))
        )
    if unknown is not None:
        raise typer.BadParameter(
            _(
                "{value!r}: no number conventions are known for {language} in {territory}; give the language alone"
            ).format(value=text, language=locale.language.value, territory=unknown)
        )
    return locale


LanguageOption = Annotated[
    Locale | None,
    typer.Option(
        "--lang",
        show_default=False,
        parser=_locale,
        metavar="LANG",
        autocompletion=completer(members(Language)),
        help="Language of the output and the messages (default: $ECOMTEAM_LANG, else the locale). "
        f"One of: {choices(Language)}; a country may follow (es-MX) for its way of writing numbers.",
    ),
]


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Give a command `--lang`, and turn errors into a message on stderr and the documented exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from ecomteam.cli.language import locale_from
        from ecomteam.i18n import speaking

        given = kwargs.pop("lang", None)
        language = (
            given if isinstance(given, Locale) else chosen_language() or locale_from(os.environ) or Locale(Language.EN)
        )
        try:
            # A command builds data that lives until it ends: the collector would only
            # rescan it (loads of large catalogues became superlinear with it running).
            with gc_paused(), speaking(language):
                return command(*args, **kwargs)
        except EcomteamError as exc:
            say(f"ecomteam: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except (KeyboardInterrupt, typer.Abort):  # Ctrl-C anywhere, Ctrl-D at a prompt
            raise _interrupted() from None
        except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as other tools do
            from ecomteam.files import silence_stdout

            silence_stdout()
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        except typer.Exit:
            raise
        except Exception as exc:
            if debugging():
                raise
            if interrupted():  # a library turned the KeyboardInterrupt into an error of its own
                raise _interrupted() from None
            say(
                f"ecomteam {__version__}: internal error ({type(exc).__name__}: {exc}). "
                f"This is a bug: please report it with the command you ran ({DEBUG_ENV}=1 shows the traceback)."
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    own = list(inspect.signature(command, eval_str=True).parameters.values())
    lang = inspect.Parameter("lang", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=LanguageOption)
    wrapper.__signature__ = inspect.Signature([*own, lang])  # type: ignore[attr-defined]
    return wrapper


def _interrupted() -> typer.Exit:
    say(_("ecomteam: interrupted"))
    return typer.Exit(EXIT_INTERRUPTED)


def say(message: str) -> None:
    """Write a message to stderr, without any control sequence a file or a value may have put in it."""
    from ecomteam.output.clean import clean

    typer.echo(clean(message), err=True)


#: Set by `--debug`, for the rest of this invocation.
_debug_flag: list[bool] = []
#: `ecomteam --lang X COMMAND`: the language for a command that does not say its own.
_root_language: list[Locale | None] = []


def set_language(language: Locale | None) -> None:
    """Remember the language given before the command (`ecomteam --lang es recommend`)."""
    _root_language[:] = [language]


def chosen_language() -> Locale | None:
    """The language given before the command, if any."""
    return _root_language[0] if _root_language else None


def set_debug(on: bool) -> None:
    """Remember `--debug` for this invocation (the environment is left alone)."""
    _debug_flag[:] = [on]


def debugging() -> bool:
    """Whether `--debug` was given or `ECOMTEAM_DEBUG` holds a true value."""
    from_env = os.environ.get(DEBUG_ENV, "").strip().lower() in {"1", "true", "yes", "on"}
    return bool(_debug_flag and _debug_flag[0]) or from_env


#: A role named on the command line: id, name or alias; completes the bundled ids.
RoleArgument = Annotated[
    str,
    typer.Argument(
        metavar="ROLE",
        help="Role id, name or alias in any language, e.g. customer-service or 客服.",
        autocompletion=complete_role,
    ),
]


# ----------------------------------------------------------- profile options

#: The command-line type of each profile field; `Profile` checks the values.
_OPTION_TYPES: dict[str, Any] = {
    "stage": str | None,
    "budget": str | None,  # read by the language's conventions (2.000)
    "currency": str | None,
    "region": str | None,
    "country": str | None,
    "goals": list[str] | None,
    "channels": list[str] | None,
    "stores": int | None,
    "orders_per_day": str | None,  # read by the language's conventions (2.000)
    "skus": int | None,
    "monthly_revenue": str | None,  # read by the language's conventions (2.000)
    "average_order_value": str | None,  # read by the language's conventions (2.000)
    "category": str | None,
    "fulfilment": str | None,
    "platform": str | None,
    "live_rooms": int | None,
    "months": int | None,
    "growth": str | None,
    "budget_growth": str | None,
    "peaks": list[str] | None,
    "rates": list[str] | None,
}


def _profile_parameters() -> list[inspect.Parameter]:
    parameters = []
    for name, doc in PROFILE_FIELDS.items():
        names = [doc.option(name), *([doc.short] if doc.short else [])]
        option = typer.Option(
            *names,
            help=doc.help,
            show_default=False,
            metavar=doc.metavar,
            autocompletion=PROFILE_COMPLETERS.get(name),
        )
        # Built at run time from the tables above, which mypy cannot follow.
        annotation = Annotated[_OPTION_TYPES[name], option]  # type: ignore[valid-type]
        parameters.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation))
    return parameters


def _with_parameters(
    command: Callable[..., R],
    name: str,
    parameters: list[inspect.Parameter],
    build: Callable[[dict[str, Any]], Any],
    *,
    first: bool = False,
) -> Callable[..., R]:
    """Give a command extra options (`first`: before its own); it receives `build(their values)` as `name`.

    One declaration of options shared by several commands: typer reads the
    signature set here.
    """
    own = [p for p in inspect.signature(command, eval_str=True).parameters.values() if p.name != name]
    names = [parameter.name for parameter in parameters]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> R:
        values = {option: kwargs.pop(option) for option in names}
        return command(*args, **{name: build(values)}, **kwargs)

    keyword = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own]
    ordered = [*parameters, *keyword] if first else [*keyword, *parameters]
    wrapper.__signature__ = inspect.Signature(ordered)  # type: ignore[attr-defined]
    return wrapper


def profile_options(command: Callable[..., R]) -> Callable[..., R]:
    """Give a command one option per profile field; it receives them as `flags`, a dict.

    The options follow `ecomteam.fields.PROFILE_FIELDS`, so every command that takes
    a profile offers the same ones.
    """
    return _with_parameters(command, "flags", _profile_parameters(), normalised_flags, first=True)


@dataclass(frozen=True)
class Sink:
    """Where and how a command writes its result: `--format`, `--output`, `--force` and `--no-pager`."""

    given: OutputFormat | None
    destination: Path | None
    force: bool
    no_pager: bool = False
    default: OutputFormat = OutputFormat.TABLE

    @property
    def format(self) -> OutputFormat:
        """The format to write (read inside the command, so a conflict is reported as a usage error)."""
        return chosen_format(self.given, self.destination, self.default)


def _keyword(name: str, annotation: Any, default: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


def output_options_for(default: OutputFormat) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Give a command `--format`, `--output`, `--force` and `--no-pager`; it receives them as `sink`, a `Sink`.

    `default` is the format when neither `--format` nor the output file's extension names one.
    """
    parameters = [
        _keyword("format", FormatOption, None),
        _keyword("destination", OutputOption, None),
        _keyword("force", ForceOption, False),
        _keyword("no_pager", NoPagerOption, False),
    ]

    def sink(values: dict[str, Any]) -> Sink:
        return Sink(values.pop("format"), **values, default=default)

    def decorate(command: Callable[..., R]) -> Callable[..., R]:
        return _with_parameters(command, "sink", parameters, sink)

    return decorate


#: The output options of a command that prints a table unless told otherwise.
output_options = output_options_for(OutputFormat.TABLE)


def split_list(values: list[str] | None) -> list[str] | None:
    """Flatten repeated and comma-separated values: `-g a,b -g c` is a, b, c."""
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


#: Profile fields given as a list: repeated options, or values separated by commas.
LIST_FIELDS = frozenset(name for name, kind in _OPTION_TYPES.items() if kind == list[str] | None)


def normalised_flags(values: dict[str, Any]) -> dict[str, Any]:
    """Profile fields given as options, lists split; None where an option was left out.

    Case and spaces are the profile model's business, so a file and the flags agree.
    """
    return {name: split_list(value) if name in LIST_FIELDS else value for name, value in values.items()}


# ------------------------------------------------------------------ loaders


def load_roles(path: Path | None) -> RoleIndex:
    """Read the catalogue (the bundled one unless `path`) and index it."""
    from ecomteam.catalogue import index_roles, parse_catalogue
    from ecomteam.files import read_text
    from ecomteam.i18n import current
    from ecomteam.localize import localized_catalogue

    if path is None:
        from ecomteam.bundled import bundled_in

        return index_roles(bundled_in(cache_dir(), current()).catalogue)  # worded in the language already
    catalogue = parse_catalogue(read_text(path, "catalogue"), str(path))
    return index_roles(localized_catalogue(catalogue, current()))


def load_rulebook(path: Path | None, index: RoleIndex | None) -> RuleBook:
    """Read the rule book (the bundled one unless `path`) and check it against the catalogue, if given."""
    from ecomteam.files import bundled_rules_path, read_text
    from ecomteam.i18n import current
    from ecomteam.localize import localized_rulebook
    from ecomteam.rulebook import parse_rulebook

    if path is None:
        from ecomteam.bundled import bundled_in

        known = bundled_in(cache_dir(), current())
        if index is None or known.role_ids == {role.id for role in index.catalogue.roles}:
            return known.book  # checked already against these very roles, and worded in the language
    source = path if path is not None else bundled_rules_path()
    book = parse_rulebook(read_text(source, "rule book"), str(source), index.catalogue if index else None)
    return localized_rulebook(book, current())


#: Where the validated bundled data is kept between runs (empty: keep none).
CACHE_ENV = "ECOMTEAM_CACHE_DIR"


def cache_dir() -> Path | None:
    """$ECOMTEAM_CACHE_DIR, else the platform's cache directory for ecomteam; None when set empty."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit is not None:
        return Path(explicit) if explicit.strip() else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ecomteam"


def load_profile(path: Path | None, flags: dict[str, Any]) -> Profile:
    """Read the profile file if any, then let the flags given override its fields."""
    from pydantic import ValidationError

    from ecomteam.files import read_text
    from ecomteam.profile import Profile, parse_profile

    base: dict[str, Any] = {}
    if path is not None:
        base = parse_profile(read_text(path, "profile"), str(path)).model_dump(exclude_unset=True)
    merged = base | {name: value for name, value in flags.items() if value is not None}
    try:
        return Profile.model_validate(merged)
    except ValidationError as exc:
        raise UsageError("; ".join(_flag_message(error) for error in exc.errors(include_url=False))) from exc


def _flag_message(error: Any) -> str:
    from ecomteam.profile import Profile
    from ecomteam.suggest import did_you_mean
    from ecomteam.validation import choices_at

    field = str(error["loc"][0])
    flag = PROFILE_FIELDS[field].option(field)
    given = error.get("input")
    choices = choices_at(Profile, (field,)) if error["type"] == "enum" else []
    if choices:
        return _("invalid value for {flag}: {given!r}{hint}; choose from {choices}").format(
            flag=flag, given=given, hint=did_you_mean(str(given), choices), choices=", ".join(choices)
        )
    from ecomteam.validation import pydantic_message

    message = pydantic_message(error)
    if repr(given) not in message:
        message += _(" (got {value})").format(value=repr(given))
    return _("invalid value for {flag}: {message}").format(flag=flag, message=message)


def read_team(path: Path, index: RoleIndex) -> tuple[Team, tuple[tuple[str, ...], ...]]:
    """Read a team file, YAML or (by its extension) a CSV or XLSX table, and resolve its roles."""
    from ecomteam.assess import parse_team, resolve_team
    from ecomteam.files import read_bytes, read_text
    from ecomteam.teamtable import TABLE_SUFFIXES, read_team_table

    kind = TABLE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        return parse_team(read_text(path, "team"), str(path), index)
    return resolve_team(read_team_table(read_bytes(path, "team"), str(path), kind), index)


def start_date(text: str | None) -> date:
    """Parse --start; without it, the first day of next month (the only clock read)."""
    from datetime import date

    from ecomteam.months import first_of_next_month

    if text is None:
        return first_of_next_month(date.today())
    try:
        start = date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            _("invalid value for --start: {text!r} is not a date like 2027-01-01").format(text=text)
        ) from None
    if start.year > LAST_START_YEAR:  # the rollout runs years past its start; dates end at 9999
        raise UsageError(
            _("invalid value for --start: {text!r} is too far ahead; start by {year}").format(
                text=text, year=LAST_START_YEAR
            )
        )
    return start


#: The latest year a rollout may start: its chart runs some years past the start.
LAST_START_YEAR = 9000


# ------------------------------------------------------------------ writing


def emit(result: Result, sink: Sink) -> None:
    """Write a result in a format to stdout or, atomically, to a file.

    A table for stdout is drawn by rich at the terminal's width and colours, and
    paged when taller than the screen; every other case is text from the format's module.
    """
    from ecomteam import output as formats

    if sink.format is OutputFormat.TABLE and _to_stdout(sink.destination):
        from ecomteam.cli.pager import page
        from ecomteam.output.terminal import screen

        text, height = screen(result)
        with _stdout():
            if sink.no_pager or not page(text, height):
                sys.stdout.write(text)
        return
    write_text(formats.render(result, sink.format), sink.destination, sink.force)


@contextmanager
def _stdout() -> Iterator[None]:
    """Turn what can go wrong writing to stdout into messages; a reader going away is left to the entry point."""
    if sys.stdout is None:
        raise OutputError("standard output is closed; nothing was written (use --output FILE)")
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write to standard output ({exc.strerror or exc})") from exc
    except UnicodeEncodeError as exc:
        raise OutputError(
            f"standard output cannot show this text (its encoding is {exc.encoding}); "
            "set PYTHONIOENCODING=utf-8 or write to a file with --output"
        ) from exc


def _to_stdout(destination: Path | None) -> bool:
    return destination is None or str(destination) == "-"


def write_text(text: str | bytes, destination: Path | None, force: bool) -> None:
    """Print text, or write it atomically to `destination` (- is stdout); bytes (a workbook) go out as they are."""
    if _to_stdout(destination):
        if isinstance(text, bytes) and sys.stdout is not None and sys.stdout.isatty():
            raise UsageError(_("a workbook is not for the terminal; write it to a file with --output NAME.xlsx"))
        with _stdout():
            if isinstance(text, bytes):
                sys.stdout.buffer.write(text)
            else:
                typer.echo(text, nl=False)
        return
    from ecomteam.files import write_output

    assert destination is not None
    write_output(destination, text, force=force)
    typer.echo("ecomteam: " + _("wrote {path}").format(path=destination), err=True)
