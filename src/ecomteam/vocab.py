"""Closed vocabularies shared by the models, the CLI and the renderers.

Plain `StrEnum`s with no heavy imports, so the CLI can declare its option types
without importing pydantic. Values are lowercase kebab-case: typer matches them.
"""

from enum import StrEnum


class Stage(StrEnum):
    """How far a business has grown; ordered from smallest to largest."""

    SOLO = "solo"
    STARTUP = "startup"
    GROWTH = "growth"
    MATURE = "mature"
    ENTERPRISE = "enterprise"

    @property
    def rank(self) -> int:
        """Position in the growth order: solo is 0, enterprise is 4."""
        return _STAGE_ORDER.index(self)


_STAGE_ORDER = tuple(Stage)


class Category(StrEnum):
    """The department a role belongs to."""

    LEADERSHIP = "leadership"
    STORE_OPERATIONS = "store-operations"
    MARKETING = "marketing"
    CONTENT_CREATIVE = "content-creative"
    LIVE_VIDEO = "live-video"
    PRODUCT = "product"
    CUSTOMER_SERVICE = "customer-service"
    LOGISTICS = "logistics"
    TECHNOLOGY = "technology"
    FINANCE_ADMIN = "finance-admin"
    ANALYTICS = "analytics"


class Sourcing(StrEnum):
    """Whether a role is staffed by the business itself or bought from outside."""

    IN_HOUSE = "in-house"
    OUTSOURCE = "outsource"


class Engagement(StrEnum):
    """How the person doing a role is engaged."""

    OWNER = "owner"
    FULL_TIME = "full-time"
    PART_TIME = "part-time"
    FREELANCE = "freelance"
    AGENCY = "agency"

    @property
    def sourcing(self) -> "Sourcing":
        """Employees and the owner are in-house; freelancers and agencies are bought in."""
        return Sourcing.OUTSOURCE if self in (Engagement.FREELANCE, Engagement.AGENCY) else Sourcing.IN_HOUSE


class Language(StrEnum):
    """The languages ecomteam speaks: English, the source, and those of the seed articles."""

    EN = "en"
    ES = "es"
    ZH = "zh"
    PL = "pl"
    IT = "it"


#: The languages the source text is translated into (a role's `names`, the message catalogues).
TRANSLATIONS = (Language.ES, Language.ZH, Language.PL, Language.IT)


class Goal(StrEnum):
    """What the business wants its team to improve."""

    TRAFFIC = "traffic"
    CONVERSION = "conversion"
    RETENTION = "retention"
    CUSTOMER_EXPERIENCE = "customer-experience"
    INTERNATIONAL = "international"
    MARKETPLACES = "marketplaces"
    SOCIAL_COMMERCE = "social-commerce"
    CATALOGUE = "catalogue"
    FULFILMENT = "fulfilment"
    AUTOMATION = "automation"
    BRAND = "brand"


class Channel(StrEnum):
    """Where the business sells."""

    OWN_SITE = "own-site"
    MARKETPLACE = "marketplace"
    SOCIAL = "social"
    LIVESTREAM = "livestream"
    B2B = "b2b"


class Fulfilment(StrEnum):
    """Who picks, packs and ships the orders."""

    IN_HOUSE = "in-house"  # the shop's own warehouse staff
    THIRD_PARTY = "3pl"  # a logistics provider (third-party logistics)
    DROPSHIP = "dropship"  # the suppliers ship to the customer


class OutputFormat(StrEnum):
    """Output formats of the commands that print data."""

    TABLE = "table"
    JSON = "json"
    YAML = "yaml"
    MARKDOWN = "markdown"
    SVG = "svg"
    HTML = "html"
    CSV = "csv"
    XLSX = "xlsx"


class ProfilesFormat(StrEnum):
    """Files `ecomteam batch` reads profiles from."""

    CSV = "csv"
    XLSX = "xlsx"
    JSONL = "jsonl"
    YAML = "yaml"


#: The profiles format a file's extension implies (`--from` says it for other names).
PROFILE_EXTENSIONS = {
    ".csv": ProfilesFormat.CSV,
    ".tsv": ProfilesFormat.CSV,
    ".txt": ProfilesFormat.CSV,
    ".xlsx": ProfilesFormat.XLSX,
    ".jsonl": ProfilesFormat.JSONL,
    ".ndjson": ProfilesFormat.JSONL,
    ".yaml": ProfilesFormat.YAML,
    ".yml": ProfilesFormat.YAML,
}


class BatchFormat(StrEnum):
    """What `ecomteam batch` writes: full plans, or a summary row per profile."""

    JSONL = "jsonl"
    CSV = "csv"
    XLSX = "xlsx"
    MARKDOWN = "markdown"
