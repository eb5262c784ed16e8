"""Keep the message catalogues in step with the code and the bundled data (Babel).

    python scripts/messages.py extract   # write locales/ecomteam.pot and locales/data.pot
    python scripts/messages.py update    # merge the templates into every language's .po
    python scripts/messages.py compile   # write the .mo files the wheel ships

Two domains: `ecomteam` holds the interface's messages, extracted from the
`_()`, `N_()` and `ngettext()` calls in src/; `data` holds the prose of
data/roles.yaml and data/rules.yaml (the fields in `ecomteam.localize`), keyed by
its English text. Translators edit the .po files and nothing else.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ecomteam.localize import TRANSLATED_FIELDS  # noqa: E402
from ecomteam.vocab import TRANSLATIONS  # noqa: E402

LOCALES = ROOT / "src" / "ecomteam" / "locales"
DATA_FILES = (ROOT / "data" / "roles.yaml", ROOT / "data" / "rules.yaml")
DOMAINS = ("ecomteam", "data")
#: gettext calls in the code: `_` and `N_` take one message, `ngettext` a singular and a plural,
#: `pgettext` and `NC_` a context and a message.
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "NC_": ((1, "c"), 2)}


def _template(domain: str) -> Catalog:
    catalog = Catalog(project="ecomteam", fuzzy=False)
    if domain == "ecomteam":
        method_map = [("**.py", "python")]
        for filename, line, message, comments, context in extract_from_dir(
            ROOT / "src" / "ecomteam", method_map, keywords=KEYWORDS, comment_tags=("Translators:",)
        ):
            catalog.add(message, None, [(f"src/ecomteam/{filename}", line)], auto_comments=comments, context=context)
        for name, line in _driver_names():
            catalog.add(name, None, [("data/rules.yaml", line)], auto_comments=["the name of a figure in a formula"])
        for text in _help_texts():
            catalog.add(text, None, [("src/ecomteam/cli/__init__.py", 1)], auto_comments=["command-line help"])
        return catalog
    for path in DATA_FILES:
        for line, where, text in _data_texts(yaml.compose(path.read_text(encoding="utf-8"))):
            catalog.add(text, None, [(f"data/{path.name}", line)], auto_comments=[where])
    return catalog


def _data_texts(node: yaml.Node, path: str = "", field: str = "") -> list[tuple[int, str, str]]:
    """Every translated field's text in a YAML tree, with its line and its path (the translator's context)."""
    if isinstance(node, yaml.MappingNode):
        found = []
        for key, value in node.value:
            found += _data_texts(value, f"{path}/{key.value}" if path else key.value, key.value)
        return found
    if isinstance(node, yaml.SequenceNode):
        named = [(item, _item_name(item)) for item in node.value]
        return [hit for item, name in named for hit in _data_texts(item, f"{path}[{name}]", field)]
    if isinstance(node, yaml.ScalarNode) and field in TRANSLATED_FIELDS and node.value.strip():
        return [(node.start_mark.line + 1, path, node.value)]
    return []


def _help_texts() -> list[str]:
    """Every command's and option's help, as typer builds it (ecomteam.cli.helptext), and every prompt."""
    import typer

    from ecomteam.cli import app
    from ecomteam.cli.helptext import help_texts
    from ecomteam.fields import PROFILE_FIELDS

    prompts = (doc.prompt for doc in PROFILE_FIELDS.values())
    return list(dict.fromkeys([*help_texts(typer.main.get_command(app)), *prompts]))


def _driver_names() -> list[tuple[str, int]]:
    """The rule book's figures (`drivers`, also per category), spaced as a formula shows them."""
    root = yaml.compose((ROOT / "data" / "rules.yaml").read_text(encoding="utf-8"))
    found: dict[str, int] = {}

    def drivers_in(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == "drivers" and isinstance(value, yaml.MappingNode):
                    for name, _figure in value.value:
                        found.setdefault(name.value.replace("_", " "), name.start_mark.line + 1)
                drivers_in(value)

    drivers_in(root)
    return sorted(found.items())


def _item_name(node: yaml.Node) -> str:
    """A list item's id, so a translator reads `roles[seo-specialist]/summary`, not an index."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "id" and isinstance(value, yaml.ScalarNode):
                return value.value
    return ""


def extract() -> None:
    """Write the templates from the code and the bundled data."""
    LOCALES.mkdir(exist_ok=True)
    for domain in DOMAINS:
        with (LOCALES / f"{domain}.pot").open("wb") as out:
            write_po(out, _template(domain), width=100, sort_by_file=True, omit_header=False)


def update() -> None:
    """Merge the templates into every language's .po: new messages empty, gone ones dropped."""
    for domain in DOMAINS:
        template = read_po((LOCALES / f"{domain}.pot").open("rb"))
        for language in TRANSLATIONS:
            po = LOCALES / language.value / "LC_MESSAGES" / f"{domain}.po"
            po.parent.mkdir(parents=True, exist_ok=True)
            catalog = read_po(po.open("rb"), locale=language.value) if po.exists() else Catalog(locale=language.value)
            catalog.update(template, no_fuzzy_matching=True)
            with po.open("wb") as out:
                write_po(out, catalog, width=100, omit_header=False, ignore_obsolete=True)


def compile_all() -> None:
    """Compile every .po into the .mo beside it."""
    for po in sorted(LOCALES.glob("*/LC_MESSAGES/*.po")):
        catalog = read_po(po.open("rb"), locale=po.parent.parent.name)
        with po.with_suffix(".mo").open("wb") as out:
            write_mo(out, catalog, use_fuzzy=False)


if __name__ == "__main__":
    for step in sys.argv[1:]:
        {"extract": extract, "update": update, "compile": compile_all}[step]()
