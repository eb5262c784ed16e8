"""What the commands hand to the output layer: a core result and what is needed to word it.

Each result type is rendered by every format module (`ecomteam.output.<format>`);
a format that cannot show a type says so with a `UsageError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ecomteam.output.words import Words

if TYPE_CHECKING:  # annotations only: `roles` commands never load the plan models
    from datetime import date

    from ecomteam.assess import Assessment
    from ecomteam.catalogue import RoleIndex
    from ecomteam.compare import Comparison
    from ecomteam.models import Role
    from ecomteam.plan import Plan
    from ecomteam.rulebook import RuleBook
    from ecomteam.vocab import Category, Sourcing, Stage


def words_for(book: RuleBook, index: RoleIndex | None = None) -> Words:
    """The words for results built with this rule book (its rules give their own reasons) and catalogue."""
    return Words(
        {rule.id: rule.then.reason for rule in book.rules},
        {name: category.leaves_out for name, category in book.categories.items() if category.leaves_out},
        {role.id: role.name for role in index.catalogue.roles} if index else {},
        {name: category.label for name, category in book.categories.items()},
    )


@dataclass(frozen=True)
class RoleList:
    """Roles of the catalogue, as filtered by `roles list`."""

    roles: tuple[Role, ...]
    index: RoleIndex
    first_stages: Mapping[str, Stage]
    category: Category | None = None
    stage: Stage | None = None
    sourcing: Sourcing | None = None


@dataclass(frozen=True)
class RoleCard:
    """One role in full, for `roles show`."""

    role: Role
    index: RoleIndex
    first_stage: Stage | None


@dataclass(frozen=True)
class JobDescription:
    """A job description for one role at a stage (article 000, step 5)."""

    role: Role
    index: RoleIndex
    stage: Stage
    present: frozenset[str] = frozenset()  # the roles a plan at that stage has: the manager must be one


@dataclass(frozen=True)
class PlanReport:
    """A plan, with the catalogue and rule book it came from and the reader's options."""

    plan: Plan
    index: RoleIndex
    book: RuleBook
    start: date
    explain: bool = False
    org_chart: bool = False
    brief: bool = False  # the one-screen view: the summary and the team by department
    front_matter: bool = False  # the markdown plan starts with YAML front matter

    @cached_property
    def words(self) -> Words:
        """How this plan's codes read."""
        return words_for(self.book, self.index)


@dataclass(frozen=True)
class AssessmentReport:
    """An assessment, with the rule book whose rules its plan lines cite."""

    assessment: Assessment
    book: RuleBook
    index: RoleIndex | None = None

    @cached_property
    def words(self) -> Words:
        """How this assessment's codes read."""
        return words_for(self.book, self.index)


@dataclass(frozen=True)
class ComparisonReport:
    """Scenarios side by side, with the catalogue and rule book they were planned with."""

    comparison: Comparison
    index: RoleIndex
    book: RuleBook
    start: date

    @cached_property
    def words(self) -> Words:
        """How the scenarios' codes read."""
        return words_for(self.book, self.index)


Result = RoleList | RoleCard | JobDescription | PlanReport | AssessmentReport | ComparisonReport
