"""The bundled catalogue and rule book in the reader's language.

Their prose (a role's summary and duties, a rule's reason, a figure's source) is
English in the YAML and translated in the `data` gettext domain, keyed by the
English text: a user's own file whose text differs from the bundled one keeps its
own words instead of a translation that no longer fits. Codes and figures are
never translated, so the engine's result is the same in every language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

    from ecomteam.catalogue import RoleIndex
    from ecomteam.models import Catalogue, Model
    from ecomteam.plan import Plan
    from ecomteam.rulebook import RuleBook

from ecomteam.vocab import Language

M = TypeVar("M", bound="Model")

#: The fields whose text a reader sees, wherever they sit in the catalogue or the rule book.
TRANSLATED_FIELDS = frozenset({
    "summary", "responsibilities", "skills", "kpis", "reason", "source", "assumption", "description",
    "unit", "label", "where", "english", "expectation", "note", "leaves_out", "level",
})  # fmt: skip


def localized(model: M, translate: Callable[[str], str]) -> M:
    """A copy of `model` with every translated field passed through `translate`, at any depth."""
    changes = {name: _value(name, getattr(model, name), translate) for name in type(model).model_fields}
    changed = {name: value for name, value in changes.items() if value is not getattr(model, name)}
    return model.replaced(changed) if changed else model


def _value(name: str, value: Any, translate: Callable[[str], str]) -> Any:
    from ecomteam.models import Model

    if isinstance(value, Model):
        return localized(value, translate)
    if isinstance(value, str):
        return translate(value) if name in TRANSLATED_FIELDS else value
    if isinstance(value, tuple | list):
        items = [_value(name, item, translate) for item in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else type(value)(items)
    if isinstance(value, dict):
        mapped = {key: _value(name, item, translate) for key, item in value.items()}
        return value if all(mapped[key] is value[key] for key in value) else mapped
    return value


def localized_catalogue(catalogue: Catalogue, language: Language) -> Catalogue:
    """The catalogue as a reader of `language` sees it: each role by its name in that language.

    The English name joins the role's `names`, so a role is still found by it.
    """
    from ecomteam.i18n import data_text

    if language is Language.EN:
        return catalogue
    translated = localized(catalogue, data_text)
    roles = tuple(
        role.replaced({"name": role.names.get(language, role.name), "names": {Language.EN: role.name, **role.names}})
        for role in translated.roles
    )
    return translated.replaced({"roles": roles})


def localized_rulebook(book: RuleBook, language: Language) -> RuleBook:
    """The rule book with its reasons, labels and sources in `language`."""
    from ecomteam.i18n import data_text

    return book if language is Language.EN else localized(book, data_text)


def relabelled(plan: Plan, index: RoleIndex, book: RuleBook) -> Plan:
    """The plan with the names and labels it copied from the catalogue and rule book taken from these instead.

    A plan built in one language, rendered in another: its figures and codes stay.
    """
    labels = {spec.phase: spec.label for spec in book.phases}
    team = tuple(line.replaced({"name": index.name(line.role)}) for line in plan.team)
    phases = tuple(phase.replaced({"label": labels.get(phase.phase, phase.label)}) for phase in plan.phases)
    peaks = tuple(
        peak.replaced(
            {
                "label": book.peaks[peak.name].label if peak.name in book.peaks else peak.label,
                "temporary": tuple(line.replaced({"name": index.name(line.role)}) for line in peak.temporary),
            }
        )
        for peak in plan.peaks
    )
    return plan.replaced({"team": team, "phases": phases, "peaks": peaks})


def untranslated(model: Model, language: Language) -> list[str]:
    """The texts of a catalogue or rule book that have no translation into `language` (they show in English)."""
    from ecomteam.i18n import has_data_text, speaking

    missing: list[str] = []

    def noted(text: str) -> str:
        if not has_data_text(text):
            missing.append(text)
        return text

    with speaking(language):
        localized(model, noted)
    return list(dict.fromkeys(missing))
