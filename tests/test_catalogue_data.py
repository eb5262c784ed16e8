"""The shipped catalogue: complete, traceable to the seed articles, and findable."""

import pytest

from conftest import SEEDS
from ecomteam.catalogue import RoleIndex, find_role
from ecomteam.models import Catalogue
from ecomteam.rulebook import RuleBook, first_stages
from ecomteam.vocab import TRANSLATIONS, Language, Stage
from helpers import Q2_SOURCING

SEED_FILES = {
    "000_da0d42dd14e3d136.txt",
    "001_28222954a9d11a4a.txt",
    "002_28deebc3603e6c0f.txt",
    "003_a8e06e1ca0fba600.txt",
    "004_f403a0d7cb61ae82.txt",
}

# Every role name the articles use, as each article writes it, and the role it means;
# except the machine-translation glitches the catalogue drops ("desarrollador de flujo
# web" for a Webflow developer, "cumplimiento" for fulfilment).
ARTICLE_TERMS = [
    # 000, Spanish
    ("Gerente de comercio electrónico / Jefe de Comercio electrónico", "ecommerce-manager"),
    ("Gerente de comercio electrónico", "ecommerce-manager"),
    ("Jefe de Comercio electrónico", "ecommerce-manager"),
    ("Coordinador / Gerente de Comercio electrónico", "ecommerce-manager"),
    ("gerente general de comercio electrónico", "ecommerce-manager"),
    ("Especialista en marketing digital", "digital-marketing-manager"),
    ("Especialista en marketing digital (independiente)", "digital-marketing-manager"),
    ("vendedor digital", "digital-marketing-manager"),
    ("Content Creator / Corrywriter", "copywriter"),
    ("Corrywriter", "copywriter"),
    ("escritor de contenido", "copywriter"),
    ("diseñador UX/UI", "ux-ui-designer"),
    ("Gerente de producto / comerciante", "product-manager"),
    ("Gerente de producto", "product-manager"),
    ("comerciante", "product-manager"),
    ("gerente de productos", "product-manager"),
    ("Servicio al cliente", "customer-service"),
    ("Especialista en logística", "fulfilment-specialist"),
    ("especialista en SEO", "seo-specialist"),
    # 001, Chinese
    ("电子商务总监", "ecommerce-manager"),
    ("电商总监", "ecommerce-manager"),
    ("电子商务主管", "ecommerce-manager"),
    ("网页开发工程师", "web-developer"),
    ("电商网页开发工程师", "web-developer"),
    ("IT技术专员", "it-specialist"),
    ("IT技术人员", "it-specialist"),
    ("仓库主管", "warehouse-supervisor"),
    ("数字营销经理", "digital-marketing-manager"),
    ("客服", "customer-service"),
    ("金融会计", "accountant"),
    ("会计", "accountant"),
    ("业务分析师", "business-analyst"),
    ("SEO团队", "seo-specialist"),
    # 002, Spanish translated from Chinese
    ("Gerente General", "ecommerce-manager"),
    ("Gerente de Proyecto", "project-manager"),
    ("Operación", "store-operator"),
    ("Operaciones", "store-operator"),
    ("Artista", "visual-designer"),
    ("Art", "visual-designer"),
    ("Arte de la página web", "visual-designer"),
    ("Promoción", "promotion-specialist"),
    ("Planificación y promoción", "promotion-specialist"),
    ("Atención al cliente", "customer-service"),
    ("Centro de atención al cliente", "customer-service"),
    ("Preventa y posventa", "customer-service"),
    ("Postventa", "after-sales-specialist"),
    ("posventa", "after-sales-specialist"),
    ("Redacción publicitaria", "copywriter"),
    ("Edición de textos", "copywriter"),
    ("Edición", "video-editor"),
    ("Edición de vídeo", "video-editor"),
    ("Fotografía", "photographer"),
    ("Guión", "content-planner"),
    ("Planificación del copywriting", "content-planner"),
    ("Ancla", "livestream-host"),
    ("Almacén", "warehouse-supervisor"),
    ("gestión de almacén", "warehouse-supervisor"),
    ("embalaje de almacén", "warehouse-packer"),
    ("Director de Operaciones", "operations-director"),
    ("Asistente de Operaciones", "operations-assistant"),
    ("Especialista en organización de eventos", "campaign-planner"),
    ("supervisor de preventa y supervisor de posventa", "customer-care-manager"),
    ("Personal", "hr-specialist"),
    ("Supervisor del centro comercial", "store-manager"),
    # 003, Polish
    ("E-commerce Manager", "ecommerce-manager"),
    ("Product Manager", "product-manager"),
    ("Zarządzanie Produktem", "product-manager"),
    ("Specjaliści ds. PIM (Product Information Management)", "pim-specialist"),
    ("Specjalista ds. PIM", "pim-specialist"),
    ("Specjalista ds. e-commerce", "ecommerce-specialist"),
    ("Project Manager", "project-manager"),
    ("Zarządzanie marketplace", "marketplace-manager"),
    ("Specjaliści ds. obsługi klienta", "customer-service"),
    ("Specjaliści ds. obsługi Marketplace", "customer-service"),
    ("Obsługa sprzedaży", "customer-service"),
    ("Doradcy techniczni", "technical-advisor"),
    ("Obsługa reklamacji i zwrotów", "after-sales-specialist"),
    ("Specjaliści ds. marketingu internetowego i SEM", "digital-marketing-manager"),
    ("Specjaliści ds. marketigu", "digital-marketing-manager"),
    ("Marketing", "digital-marketing-manager"),
    ("Marketing automation", "crm-automation-specialist"),
    # 004, Italian
    ("e-Commerce Manager", "ecommerce-manager"),
    ("Ecommerce Manager", "ecommerce-manager"),
    ("Automation o Innovation Manager", "automation-manager"),
    ("Store Manager", "store-manager"),
    ("Customer Care Manager", "customer-care-manager"),
    ("Operation Manager", "operations-director"),
    ("Sviluppatore e Programmatore", "web-developer"),
    ("Marketplace Manager", "marketplace-manager"),
    ("Acquisti", "purchasing-manager"),
    ("Amministrazione e Contabilità", "accountant"),
    ("Spedizioni e Magazzino", "fulfilment-specialist"),
    ("Contenuti, Schede tecniche e Foto", "product-content-specialist"),
    ("Marketing, Social e PR Manager", "social-media-pr-manager"),
    ("Seo e Comparatori", "seo-specialist"),
    ("Help Desk Manager", "help-desk-manager"),
]


@pytest.mark.parametrize(("term", "role_id"), ARTICLE_TERMS, ids=[term for term, _ in ARTICLE_TERMS])
def test_every_article_term_finds_its_role(roles: RoleIndex, term: str, role_id: str) -> None:
    assert find_role(roles, term).id == role_id


def test_size_is_within_the_expected_range(catalogue: Catalogue) -> None:
    assert 30 <= len(catalogue.roles) <= 45


def test_every_role_has_a_name_in_each_article_language(catalogue: Catalogue) -> None:
    missing = [(role.id, lang) for role in catalogue.roles for lang in TRANSLATIONS if lang not in role.names]
    assert missing == []


def test_every_role_cites_seed_files_that_exist(catalogue: Catalogue) -> None:
    cited = {source.file for role in catalogue.roles for source in role.sources}
    assert cited <= SEED_FILES
    if SEEDS.is_dir():
        assert cited <= {path.name for path in SEEDS.iterdir()}


def test_every_seed_article_contributes_roles(catalogue: Catalogue) -> None:
    cited = {source.file for role in catalogue.roles for source in role.sources}
    assert cited == SEED_FILES


def test_every_cost_band_states_its_basis(catalogue: Catalogue) -> None:
    for role in catalogue.roles:
        assert role.cost.source or role.cost.assumption, role.id
        assert 0 < role.cost.min <= role.cost.max


def test_the_team_has_one_head_and_everyone_reaches_it(catalogue: Catalogue, roles: RoleIndex) -> None:
    heads = [role.id for role in catalogue.roles if role.reports_to is None]
    assert heads == ["ecommerce-manager"]
    for role in catalogue.roles:
        seen = set()
        current = role
        while current.reports_to is not None:
            assert current.id not in seen
            seen.add(current.id)
            manager = roles.role(current.reports_to)
            assert manager is not None
            current = manager
        assert current.id == "ecommerce-manager"


# Article 000, Q3: the KPIs it names for four roles.
KPIS_000 = {
    "ecommerce-manager": ["conversion rate", "revenue growth", "average order value", "customer acquisition cost"],
    "digital-marketing-manager": ["website traffic", "lead quality", "return on ad spend"],
    "ux-ui-designer": ["bounce rate", "time on site", "landing page conversion rate", "user feedback"],
    "customer-service": ["customer satisfaction", "response time", "resolution rate"],
}


@pytest.mark.parametrize(("role_id", "expected"), KPIS_000.items(), ids=list(KPIS_000))
def test_article_000_kpis_are_used_where_it_gives_them(roles: RoleIndex, role_id: str, expected: list[str]) -> None:
    role = roles.role(role_id)
    assert role is not None
    kpis = " ".join(role.kpis).lower()
    for kpi in expected:
        assert kpi in kpis


@pytest.mark.parametrize(("role_id", "sourcing"), Q2_SOURCING)
def test_article_000_q2_sourcing_guidance(roles: RoleIndex, role_id: str, sourcing: str) -> None:
    role = roles.role(role_id)
    assert role is not None
    assert role.sourcing.preferred == sourcing


def test_article_000_q1_very_small_business_roles_are_needed_from_solo(roles: RoleIndex, book: RuleBook) -> None:
    # The owner acts as e-commerce manager; one assistant covers service and products.
    solo = {role_id for role_id, stage in first_stages(book).items() if stage == Stage.SOLO}
    assert {"ecommerce-manager", "customer-service", "product-manager"} <= solo
    manager = roles.role("ecommerce-manager")
    assert manager is not None
    assert manager.sourcing.engagements[0].value == "owner"


def test_article_002_headcount_guidance(book: RuleBook) -> None:
    # One to two operators per store; the rule book owns the figure.
    operators = book.drivers["operators_per_store"]
    assert (operators.value, operators.range) == (1, (1, 2))
    assert operators.source is not None
    assert "002" in operators.source


def test_live_stream_roles_of_article_002_exist(catalogue: Catalogue) -> None:
    live = {role.id for role in catalogue.roles if role.category.value == "live-video"}
    assert {"livestream-host", "video-editor", "content-planner"} <= live


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_role_answers_to_at_least_two_everyday_titles_in_each_language(
    roles: RoleIndex, language: Language
) -> None:
    for role in roles.catalogue.roles:
        titles = role.titles.get(language, ())
        assert len(titles) >= 2, (role.id, language)
        for title in titles:
            assert find_role(roles, title).id == role.id, title


@pytest.mark.parametrize(
    ("name", "role_id"),
    [
        ("Obsługa klienta", "customer-service"),
        ("Kierownik e-commerce", "ecommerce-manager"),
        ("Magazynier", "warehouse-packer"),
        ("servizio clienti", "customer-service"),
        ("Assistenza clienti", "customer-service"),
        ("电商运营", "store-operator"),
        ("场控", "livestream-host"),
        ("助播", "livestream-host"),
        ("电商经理", "ecommerce-manager"),
    ],
)
def test_the_names_shop_owners_type_find_their_role(roles: RoleIndex, name: str, role_id: str) -> None:
    assert find_role(roles, name).id == role_id
