"""Finding a role by any of its names, and suggesting the closest ones."""

import pytest

from ecomteam.catalogue import filter_roles, find_role, normalise, suggest_roles
from ecomteam.errors import UsageError
from ecomteam.models import Catalogue
from ecomteam.vocab import Category, Sourcing, Stage


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gerente de comercio electrónico", "gerentedecomercioelectronico"),
        ("  GERENTE-de  comercio.electronico ", "gerentedecomercioelectronico"),
        ("Specjaliści ds. obsługi klienta", "specjaliscidsobslugiklienta"),
        ("客服", "客服"),
        ("IT技术专员", "it技术专员"),
        ("Contabilità", "contabilita"),
        ("!!!", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("query", "role_id"),
    [
        ("customer-service", "customer-service"),
        ("CUSTOMER SERVICE", "customer-service"),
        ("gerente de comercio electronico", "ecommerce-manager"),
        ("GERENTE DE COMERCIO ELECTRÓNICO", "ecommerce-manager"),
        ("specjalisci ds obslugi klienta", "customer-service"),
        ("seo-e-comparatori", "seo-specialist"),
        ("Jefe de Comercio electrónico", "ecommerce-manager"),  # one part of "A / B"
        ("主播", "livestream-host"),
        ("Fotografo di prodotto", "photographer"),  # the Italian name
    ],
)
def test_find_role_ignores_case_accents_punctuation_and_spacing(catalogue: Catalogue, query: str, role_id: str) -> None:
    assert find_role(catalogue, query).id == role_id


@pytest.mark.parametrize(
    ("typo", "role_id"),
    [
        ("custmer servce", "customer-service"),
        ("warehouse manger", "warehouse-supervisor"),
        ("marketplace", "marketplace-manager"),
        ("photo", "photographer"),
    ],
)
def test_typos_and_fragments_suggest_the_right_role_first(catalogue: Catalogue, typo: str, role_id: str) -> None:
    with pytest.raises(UsageError):
        find_role(catalogue, typo)
    assert suggest_roles(catalogue, typo)[0].id == role_id


def test_no_match_names_the_query_and_suggests_roles(catalogue: Catalogue) -> None:
    with pytest.raises(UsageError) as caught:
        find_role(catalogue, "nonsense")
    message = str(caught.value)
    assert "no role matches 'nonsense'" in message
    assert "Closest:" in message
    assert message.count("(") >= 3  # three suggestions, each with its name


def test_a_fragment_suggests_every_role_it_belongs_to(catalogue: Catalogue) -> None:
    ids = [role.id for role in suggest_roles(catalogue, "warehouse")]
    assert {"warehouse-supervisor", "warehouse-packer"} <= set(ids)


def test_a_query_without_letters_gets_no_suggestions(catalogue: Catalogue) -> None:
    assert suggest_roles(catalogue, "?!") == []


def test_suggestions_are_deterministic(catalogue: Catalogue) -> None:
    assert suggest_roles(catalogue, "manager") == suggest_roles(catalogue, "manager")


def test_filter_by_stage_keeps_roles_needed_by_then(catalogue: Catalogue) -> None:
    solo = filter_roles(catalogue.roles, stage=Stage.SOLO)
    startup = filter_roles(catalogue.roles, stage=Stage.STARTUP)
    assert {role.id for role in solo} < {role.id for role in startup}
    assert all(role.stage.rank <= Stage.STARTUP.rank for role in startup)
    assert len(filter_roles(catalogue.roles, stage=Stage.ENTERPRISE)) == len(catalogue.roles)


def test_filters_combine(catalogue: Catalogue) -> None:
    roles = filter_roles(catalogue.roles, category=Category.MARKETING, sourcing=Sourcing.OUTSOURCE)
    assert roles
    assert all(role.category == Category.MARKETING and role.sourcing.preferred == Sourcing.OUTSOURCE for role in roles)
