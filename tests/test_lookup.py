"""Finding a role by any of its names, and suggesting the closest ones."""

from collections.abc import Callable

import pytest

from ecomteam.catalogue import RoleIndex, filter_roles, find_role, normalise, suggest_roles
from ecomteam.errors import UsageError
from ecomteam.models import Catalogue
from ecomteam.rulebook import RuleBook, first_stages
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
def test_find_role_ignores_case_accents_punctuation_and_spacing(roles: RoleIndex, query: str, role_id: str) -> None:
    assert find_role(roles, query).id == role_id


@pytest.mark.parametrize(
    ("typo", "role_id"),
    [
        ("custmer servce", "customer-service"),
        ("warehouse manger", "warehouse-supervisor"),
        ("marketplace", "marketplace-manager"),
        ("photo", "photographer"),
    ],
)
def test_typos_and_fragments_suggest_the_right_role_first(roles: RoleIndex, typo: str, role_id: str) -> None:
    with pytest.raises(UsageError):
        find_role(roles, typo)
    assert suggest_roles(roles, typo)[0].id == role_id


def test_no_match_names_the_query_and_suggests_roles(roles: RoleIndex) -> None:
    with pytest.raises(UsageError) as caught:
        find_role(roles, "nonsense")
    message = str(caught.value)
    assert "no role matches 'nonsense'" in message
    assert "Closest:" in message
    assert message.count("(") >= 3  # three suggestions, each with its name


def test_a_fragment_suggests_every_role_it_belongs_to(roles: RoleIndex) -> None:
    ids = [role.id for role in suggest_roles(roles, "warehouse")]
    assert {"warehouse-supervisor", "warehouse-packer"} <= set(ids)


def test_a_query_without_letters_gets_no_suggestions(roles: RoleIndex) -> None:
    assert suggest_roles(roles, "?!") == []


def test_suggestions_are_deterministic(roles: RoleIndex) -> None:
    assert suggest_roles(roles, "manager") == suggest_roles(roles, "manager")


def test_filter_by_stage_keeps_roles_needed_by_then(catalogue: Catalogue, book: RuleBook) -> None:
    stages = first_stages(book)
    solo = filter_roles(catalogue.roles, stages, stage=Stage.SOLO)
    startup = filter_roles(catalogue.roles, stages, stage=Stage.STARTUP)
    assert {role.id for role in solo} < {role.id for role in startup}
    assert all(stages[role.id].rank <= Stage.STARTUP.rank for role in startup)
    everything = filter_roles(catalogue.roles, stages, stage=Stage.ENTERPRISE)
    assert {role.id for role in everything} == set(stages)


def test_filters_combine(catalogue: Catalogue, book: RuleBook) -> None:
    roles = filter_roles(catalogue.roles, first_stages(book), category=Category.MARKETING, sourcing=Sourcing.OUTSOURCE)
    assert roles
    assert all(role.category == Category.MARKETING and role.sourcing.preferred == Sourcing.OUTSOURCE for role in roles)


@pytest.mark.parametrize("query", ["Magazynier", "magazziniere", "仓库管理", "almacenero"])
def test_a_warehouse_word_suggests_warehouse_roles_first(roles: RoleIndex, query: str) -> None:
    suggestions = [role.id for role in suggest_roles(roles, query)]
    assert set(suggestions) <= {"warehouse-supervisor", "warehouse-packer", "fulfilment-specialist"}, suggestions


def test_a_job_description_reports_to_a_role_the_stage_has(run: Callable[..., object]) -> None:
    result = run("jd", "客服", "--stage", "growth")
    assert "Customer Care Manager" not in result.stdout  # type: ignore[attr-defined]
    assert "E-commerce Manager" in result.stdout.split("## Reports to")[1]  # type: ignore[attr-defined]
