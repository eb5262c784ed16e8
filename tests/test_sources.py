"""Every figure and name is checkable: bands recomputed from their statistics, every number sourced."""

import sys

import yaml

from conftest import ROOT
from ecomteam.models import Catalogue
from ecomteam.rulebook import RuleBook

sys.path.insert(0, str(ROOT / "scripts"))
from cost_bands import band, differences


def test_every_band_follows_from_the_figures_recorded_with_it() -> None:
    assert differences(yaml.safe_load((ROOT / "data" / "roles.yaml").read_text(encoding="utf-8"))) == []


def test_every_band_names_its_occupation_and_derivation(catalogue: Catalogue) -> None:
    for role in catalogue.roles:
        assert role.cost.occupation is not None, role.id
        assert role.cost.derivation is not None, role.id
        assert role.cost.source is not None, role.id
        assert "OEWS" in role.cost.source, role.id
        assert "Eurostat" in role.cost.source, role.id


def test_the_recompute_script_catches_a_changed_band() -> None:
    catalogue = yaml.safe_load((ROOT / "data" / "roles.yaml").read_text(encoding="utf-8"))
    catalogue["roles"][0]["cost"]["max"] += 100
    assert differences(catalogue) == [f"{catalogue['roles'][0]['id']}: recorded 3700-6600, figures give 3700-6500"]
    assert band(1000, 1.0, [50, 100, 150]) == (500, 1500)


def test_every_number_in_the_rule_book_has_a_source_or_an_assumption(book: RuleBook) -> None:
    figures = [*book.drivers.values(), *book.engagements.values(), *book.regions.values(), *book.countries.values()]
    for figure in figures:
        assert figure.source or figure.assumption
    assert book.stage_thresholds.assumption


def test_the_countries_asked_for_have_a_cost_level(book: RuleBook) -> None:
    assert {"ES", "IT", "PL", "CN", "DE", "FR", "GB", "US", "MX", "BR"} <= set(book.countries)


def test_a_country_sets_the_cost_level(plan_for, book: RuleBook) -> None:  # type: ignore[no-untyped-def]
    base = plan_for(stage="growth")
    poland = plan_for(stage="growth", country="pl")
    ratio = book.countries["PL"].multiplier
    for line, local in zip(base.team, poland.team, strict=True):
        assert (
            local.monthly_cost == round(line.monthly_cost * ratio)
            or abs(local.monthly_cost - line.monthly_cost * ratio) <= 1
        )


def test_a_country_alone_gives_the_plan_its_region(plan_for, book: RuleBook) -> None:  # type: ignore[no-untyped-def]
    for code, country in book.countries.items():
        assert country.region in book.regions, code
    assert plan_for(stage="growth", country="CN").profile.region == book.countries["CN"].region == "china"
    # A region given stays the user's, whatever the country.
    assert plan_for(stage="growth", country="CN", region="west-eu").profile.region == "west-eu"


def _seed_lines(name: str) -> int:
    from conftest import SEEDS

    return len((SEEDS / name).read_text(encoding="utf-8").splitlines())


def test_every_role_and_rule_says_where_in_the_article(catalogue: Catalogue, book: RuleBook) -> None:
    from conftest import SEEDS

    cited = [(role.id, source) for role in catalogue.roles for source in role.sources]
    cited += [(rule.id, source) for rule in book.rules for source in rule.sources]
    for owner, source in cited:
        assert source.where, owner
        assert source.lines is not None, owner
        if SEEDS.is_dir():  # the articles live beside the repository, not in it
            assert source.lines[1] <= _seed_lines(source.file), (owner, source)


def test_machine_translation_glitches_are_not_names(catalogue: Catalogue) -> None:
    names = {alias for role in catalogue.roles for alias in role.aliases}
    assert not {"Servicio al cliente / Experiencia de experiencia del cliente", "Cliente Servicio"} & names


def _numbers_in(condition: object) -> bool:
    from ecomteam.rulebook import All, Any_, Leaf, Not

    match condition:
        case Leaf():
            return isinstance(condition.value, int | float) and not isinstance(condition.value, bool)
        case All() | Any_():
            return any(_numbers_in(child) for child in (condition.all if isinstance(condition, All) else condition.any))
        case Not():
            return _numbers_in(condition.not_)
    return False


def test_a_rule_that_sets_a_number_of_its_own_says_it_is_assumed(book: RuleBook) -> None:
    # Figures in drivers carry their own source; a threshold or a fixed FTE in a rule needs the rule's assumption.
    for rule in book.rules:
        fixed_fte = isinstance(rule.then.fte, float)
        if _numbers_in(rule.when) or fixed_fte:
            assert rule.assumption, rule.id


def test_a_director_is_paid_at_least_the_managers_who_report_to_it(catalogue: Catalogue) -> None:
    def middle(role) -> float:  # type: ignore[no-untyped-def]
        return (role.cost.min + role.cost.max) / 2

    directors = [role for role in catalogue.roles if role.id.endswith("-director")]
    assert directors
    for director in directors:
        reports = [role for role in catalogue.roles if role.reports_to == director.id]
        assert all(middle(role) <= middle(director) for role in reports), director.id
