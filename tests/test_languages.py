"""Every output in five languages: complete catalogues, local numbers and money, amounts that cannot be misread."""

import gettext
import re
import string
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, Result
from ecomteam.amounts import AmountError, parse_amount
from ecomteam.i18n import _, speaking
from ecomteam.vocab import TRANSLATIONS, Language, Stage

LOCALES = ROOT / "src" / "ecomteam" / "locales"
DOMAINS = ("ecomteam", "data")


def _catalog(language: Language, domain: str):
    with (LOCALES / language.value / "LC_MESSAGES" / f"{domain}.po").open("rb") as po:
        return read_po(po, locale=language.value)


def _fields(text: str) -> list[str]:
    """The `{placeholders}` a message fills, in order of appearance, without their format specs."""
    return sorted(field for _, field, _, _ in string.Formatter().parse(text) if field is not None)


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_message_is_translated_with_the_same_placeholders(language: Language, domain: str) -> None:
    with (LOCALES / f"{domain}.pot").open("rb") as pot:
        template = read_po(pot)
    translated = {message.id: message for message in _catalog(language, domain) if message.id}
    missing, differing = [], []
    for message in template:
        if not message.id:
            continue
        source = message.id[0] if isinstance(message.id, tuple) else message.id
        found = translated.get(message.id)
        forms = (found.string if isinstance(found.string, tuple) else (found.string,)) if found else ()
        if not forms or not all(forms):
            missing.append(source)
        elif domain == "ecomteam" and any(_fields(form) != _fields(source) for form in forms):
            differing.append(source)
    assert not missing, f"{len(missing)} untranslated in {language}/{domain}, e.g. {missing[:3]}"
    assert not differing, f"placeholders differ in {language}: {differing[:3]}"


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_shipped_mo_is_compiled_from_the_po(language: Language, domain: str) -> None:
    with (LOCALES / language.value / "LC_MESSAGES" / f"{domain}.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = [
        message.id
        for message in _catalog(language, domain)
        if message.id
        and isinstance(message.id, str)
        and message.string
        and _compiled(compiled, message.context, message.id) != message.string
    ]
    assert not stale, f"run `python scripts/messages.py compile`: {len(stale)} stale, e.g. {stale[:2]}"


def _compiled(compiled: gettext.GNUTranslations, context: str | None, message: str) -> str:
    return compiled.pgettext(context, message) if context else compiled.gettext(message)


def test_the_templates_hold_every_message_the_code_and_data_use(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("messages", ROOT / "scripts" / "messages.py")
    assert spec is not None
    assert spec.loader is not None
    messages = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(messages)
    for domain in DOMAINS:
        with (LOCALES / f"{domain}.pot").open("rb") as pot:
            shipped = {message.id for message in read_po(pot) if message.id}
        extracted = {message.id for message in messages._template(domain) if message.id}  # noqa: SLF001
        assert extracted == shipped, f"run `python scripts/messages.py extract update`: {domain} is out of date"


# ---------------------------------------------------------------- every command, every language

#: Words of the English interface that a translated output must not show (proper names and ids are not here).
ENGLISH_WORDS = (
    "Phase", "Role", "Team", "Why", "Rollout", "Warning", "Summary", "Responsibilities", "Skills", "Sources",
    "a month", "monthly cost", "owner", "full-time", "part-time", "freelance", "in-house", "outsourced",
    "growth", "startup", "business", "Org chart", "checklist", "Coverage", "Next hires", "none given",
)  # fmt: skip
#: English words a language has taken in, as its e-commerce trade writes them.
LOANWORDS = {
    Language.ES: {"freelance"},
    Language.PL: {"freelance", "startup", "Role"},  # "Role" is also Polish: the plural of "rola"
    Language.IT: {"freelance", "startup", "Team", "team", "checklist", "business"},
    Language.ZH: set(),
}
_LEAK = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ENGLISH_WORDS)) + r")(?![\w-])")

#: Each command a reader runs, with the arguments that make it print words.
COMMANDS = {
    "recommend table": ["recommend", "--stage", "growth", "--orders-per-day", "80", "--budget", "9000", "--no-pager"],
    "recommend markdown": ["recommend", "--stage", "startup", "-f", "markdown", "--start", "2027-01-01"],
    "recommend html": ["recommend", "--stage", "mature", "--channel", "marketplace", "-f", "html", "--start",
                       "2027-01-01"],
    "timeline markdown": ["recommend", "--stage", "growth", "--months", "6", "--growth", "5%", "--peak", "black-friday",
                          "-f", "markdown", "--start", "2027-09-01"],
    "roles list": ["roles", "list", "--no-pager"],
    "roles show": ["roles", "show", "customer-service", "--no-pager"],
    "jd": ["jd", "customer-service", "--stage", "growth"],
    "compare": ["compare", "--stage", "growth", "--sweep", "orders_per_day=50..200/50", "-f", "markdown"],
}  # fmt: skip


def _visible(text: str) -> str:
    """What a reader sees: tags, ids in backticks, mermaid node ids and role ids left out."""
    text = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"--[a-z][a-z-]*(?: [a-z]+)?", " ", text)  # options and their codes, e.g. --stage growth
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\b[a-z]+(?:-[a-z0-9]+)+\b", " ", text)  # role ids and codes, e.g. customer-service
    return re.sub(r"\b(?:r|d)_\w+", " ", text)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("language", TRANSLATIONS)
def test_no_english_interface_word_leaks_into_a_translated_output(
    run: Callable[..., Result], language: Language, command: str
) -> None:
    result = run(*COMMANDS[command], "--lang", language.value)
    assert result.exit_code == 0, result.stderr
    leaked = sorted(set(_LEAK.findall(_visible(result.stdout))) - LOANWORDS[language])
    assert not leaked, f"{language} {command}: {leaked}"


def test_the_language_comes_from_the_environment_unless_lang_says(run: Callable[..., Result]) -> None:
    args = ["roles", "show", "customer-service", "--no-pager"]
    italian = run(*args, env={"ECOMTEAM_LANG": "", "LC_ALL": "it_IT.UTF-8"}).stdout
    spanish = run(*args, env={"ECOMTEAM_LANG": "es"}).stdout
    english = run(*args, "--lang", "en", env={"ECOMTEAM_LANG": "es"}).stdout
    with speaking(Language.IT):
        assert _("Responsibilities") in italian
    with speaking(Language.ES):
        assert _("Responsibilities") in spanish
    assert "Responsibilities" in english


def test_json_keeps_its_keys_and_codes_in_english_and_words_its_text(run: Callable[..., Result]) -> None:
    import json

    english = json.loads(run("recommend", "--stage", "startup", "-f", "json").stdout)
    spanish = json.loads(run("recommend", "--stage", "startup", "-f", "json", "--lang", "es").stdout)
    assert english.keys() == spanish.keys()
    assert [line["role"] for line in english["team"]] == [line["role"] for line in spanish["team"]]
    assert [line["engagement"] for line in english["team"]] == [line["engagement"] for line in spanish["team"]]
    assert english["team"][0]["name"] != spanish["team"][0]["name"]


# ---------------------------------------------------------------- choices in any language


@pytest.mark.parametrize(
    ("option", "typed", "field", "code"),
    [("--stage", "crecimiento", "stage", "growth"), ("--goal", "tráfico", "goals", ["traffic"]),
     ("--channel", "直播", "channels", ["livestream"]), ("--stage", "Wzrost", "stage", "growth")],
)  # fmt: skip
def test_a_choice_may_be_typed_in_any_language(
    run: Callable[..., Result], option: str, typed: str, field: str, code: object
) -> None:
    import json

    base = [] if option == "--stage" else ["--stage", "growth"]
    result = run("recommend", *base, option, typed, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["profile"][field] == code


# ---------------------------------------------------------------- amounts


@pytest.mark.parametrize("language", list(Language))
@given(amount=st.integers(min_value=0, max_value=10**9), cents=st.integers(min_value=0, max_value=99))
def test_an_amount_written_as_the_language_writes_it_reads_back(language: Language, amount: int, cents: int) -> None:
    locale = {"en": "en_US", "zh": "zh_CN", "es": "es_ES", "it": "it_IT", "pl": "pl_PL"}[language.value]
    value = amount + cents / 100
    written = format_decimal(value, format="#,##0.00", locale=locale)
    assert parse_amount(written, language) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "language"),
    [("2.000", Language.EN), ("2,000", Language.ES), ("2,000", Language.IT), ("2.000", Language.ZH),
     ("1,000", Language.PL), ("2.5", Language.ES), ("1.234,56", Language.EN), ("12,3,4", Language.EN),
     ("", Language.EN)],
)  # fmt: skip
def test_an_amount_that_could_be_misread_is_refused(text: str, language: Language) -> None:
    with pytest.raises(AmountError):
        parse_amount(text, language)


def test_a_spanish_budget_of_two_thousand_is_two_thousand(run: Callable[..., Result]) -> None:
    import json

    args = ["recommend", "--stage", "startup", "-f", "json", "--budget", "2.000"]
    assert json.loads(run(*args, "--lang", "es").stdout)["profile"]["budget"] == 2000
    refused = run(*args, "--lang", "en")
    assert refused.exit_code == 2
    assert "2000" in refused.stderr
    assert "Traceback" not in refused.stderr


# ---------------------------------------------------------------- money


def test_a_polish_shop_is_priced_in_zloty_at_the_dated_rate(run: Callable[..., Result]) -> None:
    import json

    euros = json.loads(
        run("recommend", "--stage", "growth", "--country", "PL", "--currency", "EUR", "-f", "json").stdout
    )
    zloty = json.loads(run("recommend", "--stage", "growth", "--country", "PL", "-f", "json").stdout)
    assert zloty["profile"]["currency"] == "PLN"
    assert [(line["role"], line["fte"]) for line in zloty["team"]] == [
        (line["role"], line["fte"]) for line in euros["team"]
    ]
    rate = zloty["totals"]["monthly_cost"] / euros["totals"]["monthly_cost"]
    assert rate == pytest.approx(4.3185, rel=0.01)
    assert any(note["code"] == "priced-in" and note["date"] == "2024-11-25" for note in zloty["notes"])


def test_a_rate_given_on_the_command_line_wins(run: Callable[..., Result]) -> None:
    import json

    euros = json.loads(run("recommend", "--stage", "growth", "-f", "json").stdout)
    dollars = json.loads(
        run("recommend", "--stage", "growth", "--currency", "USD", "--rate", "USD=2", "-f", "json").stdout
    )
    assert dollars["totals"]["monthly_cost"] == pytest.approx(2 * euros["totals"]["monthly_cost"], rel=0.01)


def test_a_currency_without_a_rate_is_refused_with_the_way_out(run: Callable[..., Result]) -> None:
    result = run("recommend", "--stage", "growth", "--currency", "JPY")
    assert result.exit_code != 0
    assert "--rate JPY=" in result.stderr


@pytest.mark.parametrize(
    ("language", "expected"),
    [(Language.ES, "1.331 €"), (Language.IT, "1.331 €"), (Language.PL, "1331 zł"), (Language.ZH, "¥9,860")],
)
def test_money_is_written_as_the_reader_writes_it(language: Language, expected: str) -> None:
    from ecomteam.output.words import money

    amount, currency = (9860, "CNY") if language is Language.ZH else (1331, "PLN" if language is Language.PL else "EUR")
    with speaking(language):
        written = money(amount, currency)
    assert written.replace("\u00a0", " ").replace("\u202f", " ").replace("1 331", "1331") == expected


def test_stage_names_are_words_of_the_language() -> None:
    from ecomteam.terms import term

    with speaking(Language.ES):
        assert term(Stage.GROWTH) != "growth"


# ---------------------------------------------------------------- Chinese at 80 columns


def test_chinese_text_breaks_between_characters_and_never_before_a_closing_mark(run: Callable[..., Result]) -> None:
    from rich.cells import cell_len

    shown = run("recommend", "--stage", "startup", "--lang", "zh", "--no-pager", env={"COLUMNS": "80"}).stdout
    lines = shown.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    closing = "\u3001\u3002\uff0c\uff1b\uff1a\uff09\uff01\uff1f"  # the Chinese comma, full stop, ... bracket
    assert not [line for line in lines if line and line[0] in closing]
    bullets = [line for line in lines if line.startswith("•")]
    assert bullets
    assert all(not line.rstrip().endswith(":") for line in bullets)  # the reason starts on the bullet's own line


def test_a_profile_file_amount_with_a_thousands_mark_is_never_read_as_a_decimal(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    import json

    profile = tmp_path / "shop.yaml"
    profile.write_text("stage: startup\nbudget: 2.000\n", encoding="utf-8")
    spanish = run("recommend", "-p", str(profile), "-f", "json", "--lang", "es")
    assert json.loads(spanish.stdout)["profile"]["budget"] == 2000
    english = run("recommend", "-p", str(profile), "-f", "json", "--lang", "en")
    assert english.exit_code == 65
    assert f"{profile}:2:9: budget:" in english.stderr


def test_the_help_is_in_the_language_asked_for(run: Callable[..., Result]) -> None:
    english = run("recommend", "--help").stdout
    spanish = run("recommend", "--help", "--lang", "es").stdout
    with speaking(Language.ZH):
        assert _("Usage: ") in run("--lang", "zh", "--help").stdout  # the root takes --lang too
    assert "Output format" in english
    assert "Output format" not in spanish
    with speaking(Language.ES):
        expected = _("Monthly amount available for the team now.")
    assert " ".join(expected.split()) in " ".join(spanish.split())  # click wraps the help to the terminal


def test_catalogue_validate_names_what_a_catalogue_of_ones_own_leaves_untranslated(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    import yaml

    document = yaml.safe_load((ROOT / "data" / "roles.yaml").read_text(encoding="utf-8"))
    document["roles"][0]["summary"] = "Runs the whole shop, the way this shop does it."
    del document["roles"][1]["names"]["pl"]
    own = tmp_path / "roles.yaml"
    own.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    bundled = run("catalogue", "validate")
    assert bundled.exit_code == 0
    assert "warning" not in bundled.stderr
    checked = run("catalogue", "validate", str(own))
    assert checked.exit_code == 0
    assert f"{own}: 1 role has no pl name: {document['roles'][1]['id']}" in checked.stderr
    assert "Runs the whole shop" in checked.stderr
    assert checked.stderr.count("no es translation") == 1


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_bad_value_is_explained_in_the_language(run: Callable[..., Result], language: Language) -> None:
    result = run("recommend", "--stage", "growth", "--stores", "0", "--lang", language.value)
    assert result.exit_code == 2
    assert "Input should" not in result.stderr
    with speaking(language):
        assert _("must be at least {ge}").format(ge=1) in result.stderr


# ---------------------------------------------------------------- click's own words

#: What click prints in English: the usage line, its hint, its error prefix and its parse errors.
CLICK_WORDS = ("Usage:", "Try '", "No such", "Missing argument", "Invalid value", "unexpected extra",
               "requires an argument", "Input should")  # fmt: skip
#: Command lines click itself refuses, before a command runs.
MISTYPED = {
    "unknown option": ["recommend", "--bogus"],
    "unknown command": ["recommnd"],
    "missing argument": ["jd"],
    "option without its value": ["recommend", "--stage"],
    "extra argument": ["recommend", "extra"],
    "not a whole number": ["recommend", "--months", "x"],
}


@pytest.mark.parametrize("mistake", MISTYPED)
@pytest.mark.parametrize("language", [Language.EN, *TRANSLATIONS])
def test_click_refuses_a_command_line_in_the_readers_language(
    run: Callable[..., Result], language: Language, mistake: str
) -> None:
    result = run("--lang", language.value, *MISTYPED[mistake])
    assert result.exit_code == 2
    said = [word for word in CLICK_WORDS if word in result.stderr]
    if language is Language.EN:
        assert said, result.stderr  # click's own words: the check above can fail
    else:
        assert not said, f"{language} {mistake}: {said} in {result.stderr!r}"
        with speaking(language):
            assert _("Error: {message}").split("{")[0] in result.stderr


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_help_page_has_no_english_heading(run: Callable[..., Result], language: Language) -> None:
    english = run("recommend", "--help").stdout
    shown = run("recommend", "--help", "--lang", language.value).stdout
    for word in ("Usage:", "Options:", "Show this message and exit."):
        assert word in english
        assert word not in shown, f"{language}: {word}"
    root = run("--lang", language.value, "--help").stdout
    assert "Examples:" in run("--help").stdout
    assert "Examples:" not in root
    assert "ecomteam roles show 客服" in root  # the example commands themselves are kept


# ---------------------------------------------------------------- YAML problems, starter files

#: Broken YAML a person writes, one per usual complaint of the parser.
BROKEN_YAML = {
    "tab": "a:\n\tb: 1\n",
    "second colon": "a: b: c\n",
    "line without colon": "a:\n  b: 1\n  c\n  d: 2\n",
    "indentation": "a:\n    b: 1\n  c: 2\n",
    "list item": "- a\nb: 1\n",
    "open quote": 'a: "abc\n',
    "open bracket": "a: [1, 2\nb: 3\n",
    "open brace": "a: {x: 1\n",
    "escape": 'a: "C:\\d"\n',
    "alias": "a: *x\n",
    "character": "a: @x\n",
}


@pytest.mark.parametrize("loader", ["SafeLoader", "CSafeLoader"])
@pytest.mark.parametrize("text", BROKEN_YAML.values(), ids=list(BROKEN_YAML))
def test_a_yaml_mistake_is_told_as_what_to_fix_by_either_parser(text: str, loader: str) -> None:
    import yaml

    from ecomteam import yamlfile

    parser = getattr(yaml, loader, None)
    if parser is None:
        pytest.skip("PyYAML built without libyaml")
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.compose(text, Loader=parser)
    reason = yamlfile.yaml_reason(raised.value, text)
    assert reason not in {raised.value.problem, raised.value.context}, reason
    with speaking(Language.PL):
        assert yamlfile.yaml_reason(raised.value, text) != reason  # and it is translated


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_starter_files_speak_the_language_and_keep_their_values(language: Language) -> None:
    import yaml

    from ecomteam.fields import PROFILE_FIELDS
    from ecomteam.output.starters import starter_profile, starter_team

    english_profile, english_team = starter_profile(), starter_team()
    with speaking(language):
        profile, team = starter_profile(), starter_team()
    fields = tuple(f"# {name}: " for name in PROFILE_FIELDS)
    pairs = list(zip(profile.splitlines(), english_profile.splitlines(), strict=True))
    kept = [ours for ours, english in pairs if ours == english and ours.startswith("#")]
    assert all(line.startswith(fields) or "$schema=" in line for line in kept), kept  # prose is translated
    assert yaml.safe_load(profile) == yaml.safe_load(english_profile)  # the values are not
    people, english_people = yaml.safe_load(team)["people"], yaml.safe_load(english_team)["people"]
    assert [person["roles"] for person in people] == [person["roles"] for person in english_people]
    assert [person["name"] for person in people] != [person["name"] for person in english_people]


# ---------------------------------------------------------------- the months at 80 columns


@pytest.mark.parametrize("language", [Language.EN, *TRANSLATIONS])
def test_the_months_fit_80_columns_without_a_broken_word(run: Callable[..., Result], language: Language) -> None:
    from rich.cells import cell_len

    args = ["recommend", "--orders-per-day", "40", "--months", "12", "--growth", "5%", "--start", "2027-01-01"]
    shown = run(*args, "--no-pager", "--lang", language.value, env={"COLUMNS": "80"}).stdout
    wide = run(*args, "--no-pager", "--lang", language.value, env={"COLUMNS": "250"}).stdout
    assert all(cell_len(line) <= 80 for line in shown.splitlines())
    if language is Language.ZH:
        return  # Chinese breaks between any two characters
    words = set(re.findall(r"\w[\w./-]*\w", shown))
    with speaking(language):  # the narrow layout's own headings
        headings = " ".join([_("Department"), _("FTE over the months")])
    whole = set(re.findall(r"\w[\w./-]*\w", wide + " " + headings))
    assert not sorted(words - whole), f"broken at 80 columns: {sorted(words - whole)}"


# ---------------------------------------------------------------- a language as a country writes it


@pytest.mark.parametrize(
    ("text", "language", "territory", "unknown"),
    [
        ("es", Language.ES, None, None),
        ("es-MX", Language.ES, "MX", None),
        ("es_mx.UTF-8", Language.ES, "MX", None),
        ("es_419", Language.ES, "419", None),
        ("pl_PL.UTF-8@euro", Language.PL, "PL", None),
        ("en_GB.UTF-8", Language.EN, None, None),  # English keeps one style wherever it is read
        ("es-XX", Language.ES, None, "XX"),
    ],
)
def test_a_locale_names_a_language_and_the_country_that_writes_its_numbers(
    text: str, language: Language, territory: str | None, unknown: str | None
) -> None:
    from ecomteam.i18n import Locale, parse_locale

    assert parse_locale(text) == (Locale(language, territory), unknown)


@pytest.mark.parametrize("text", ["fr", "fr_FR.UTF-8", "C", "POSIX", "", "e"])
def test_a_locale_of_another_language_is_none(text: str) -> None:
    from ecomteam.i18n import parse_locale

    assert parse_locale(text) == (None, None)


def test_a_mexican_budget_is_read_and_written_as_mexico_writes_numbers(run: Callable[..., Result]) -> None:
    import json

    args = ["recommend", "--stage", "startup", "--country", "MX", "--budget", "60,000.50"]
    mexican = run(*args, "-f", "json", "--lang", "es-MX")
    assert json.loads(mexican.stdout)["profile"]["budget"] == 60000.5
    from_locale = run(*args, "-f", "json", env={"ECOMTEAM_LANG": "", "LANG": "es_MX.UTF-8"})
    assert json.loads(from_locale.stdout)["profile"]["budget"] == 60000.5
    assert run(*args, "--lang", "es").exit_code == 2  # Spain's conventions: refused, never misread
    table = run(*args[:-2], "--budget", "60000", "--lang", "es-MX", "--no-pager").stdout
    spain = run(*args[:-2], "--budget", "60000", "--lang", "es", "--no-pager").stdout
    assert re.search(r"\d,\d{3}", table)  # a comma groups thousands in Mexico
    assert not re.search(r"\d,\d{3}\b", spain)


def test_a_country_without_known_conventions_is_refused(run: Callable[..., Result]) -> None:
    result = run("recommend", "--stage", "startup", "--lang", "es-XX")
    assert result.exit_code == 2
    with speaking(Language.ES):
        said = _("{value!r}: no number conventions are known for {language} in {territory}; give the language alone")
    assert said.format(value="es-XX", language="es", territory="XX") in result.stderr


def test_an_opening_bracket_never_ends_a_chinese_line(run: Callable[..., Result]) -> None:
    args = ["recommend", "--stage", "startup", "--lang", "zh", "--no-pager", "--months", "6", "--growth", "5%"]
    lines = run(*args, env={"COLUMNS": "80"}).stdout.splitlines()
    opening = "\uff08\u201c\u300c\u300a"  # the full-width bracket, the left quote, the corner and angle brackets
    assert not [line for line in lines if line.rstrip(" │┃").endswith(tuple(opening))]
