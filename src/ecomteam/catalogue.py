"""Load, check and search the role catalogue.

`parse_catalogue` turns YAML text into a validated `Catalogue` or raises a
`DataError` listing every problem as `file:line:col: field.path: message`: schema
errors from pydantic and the checks that span roles (unique ids, names and aliases
unique after normalisation, `reports_to` pointing at a real role, no reporting
cycles). `RoleIndex` holds the lookups built from a catalogue; `find_role` matches a role by id, name or alias in any
language, ignoring case, accents, punctuation and spacing.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from pydantic import ValidationError

from ecomteam.errors import DataError, Problem, UsageError
from ecomteam.memory import gc_paused
from ecomteam.models import Catalogue, Role
from ecomteam.suggest import did_you_mean
from ecomteam.validation import Loc, Where, format_loc, sort_problems, unlocated, validation_problems
from ecomteam.vocab import Category, Sourcing, Stage
from ecomteam.yamlfile import YamlDocument, parse_mapping

# Letters that NFKD does not split into a base letter and an accent.
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "æ": "ae", "œ": "oe"})


def normalise(text: str) -> str:
    """Reduce a role name to its letters and digits, without case or accents.

    "Gerente de comercio electrónico" and "gerente-de comercio electronico" both
    become "gerentedecomercioelectronico"; Chinese text keeps its characters.
    """
    if not text.isascii():
        # Split accented letters into letter + mark; the mark is then dropped with the punctuation.
        text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return _NOT_LETTER_OR_DIGIT.sub("", text).casefold()


def lookup_names(role: Role) -> Iterator[tuple[Loc, str]]:
    """Yield every name a role answers to, with where it is written in the role.

    A name written "A / B" is yielded whole and as each part.
    """
    named: list[tuple[Loc, str]] = [(("id",), role.id), (("name",), role.name)]
    named += [(("names", language.value), name) for language, name in role.names.items()]
    named += [
        (("titles", language.value, index), title)
        for language, titles in role.titles.items()
        for index, title in enumerate(titles)
    ]
    named += [(("aliases", index), alias) for index, alias in enumerate(role.aliases)]
    for loc, text in named:
        yield loc, text
        parts = [part for part in text.split(" / ") if part.strip()]
        if len(parts) > 1 and loc[0] != "id":
            for part in parts:
                yield loc, part


def parse_catalogue(text: str, source: str) -> Catalogue:
    """Parse and check a role catalogue.

    Args:
        text: The catalogue's YAML text.
        source: The name to use in messages.

    Raises:
        DataError: Listing every problem found, each with its line and column.
    """
    document = parse_mapping(text, source, "catalogue")
    try:
        with gc_paused():
            catalogue = Catalogue.model_validate(document.data)
    except ValidationError as exc:
        problems = validation_problems(exc, document, Catalogue)
        # Also check across the roles that are valid on their own, so one run
        # reports a typo in one role and a duplicate id in another together.
        more = unlocated(exc, problems)
        problems += _cross_problems(_valid_roles(document), document)
        raise DataError(sort_problems(problems), "catalogue", more=more) from exc
    problems = _cross_problems(enumerate(catalogue.roles), document)
    if problems:
        raise DataError(sort_problems(problems), "catalogue")
    return catalogue


@dataclass(frozen=True)
class RoleIndex:
    """A catalogue with its lookups: by id, and by every normalised name.

    Built by `index_roles` and never changed; a different catalogue gets its own index.
    """

    catalogue: Catalogue
    by_id: Mapping[str, Role]
    by_name: Mapping[str, str]

    def role(self, role_id: str) -> Role | None:
        """Return the role with this exact id, or None."""
        return self.by_id.get(role_id)

    def name(self, role_id: str) -> str:
        """Return a role's display name, or its id when the catalogue has no such role."""
        role = self.by_id.get(role_id)
        return role.name if role else role_id


def index_roles(catalogue: Catalogue) -> RoleIndex:
    """Build the lookups of a catalogue."""
    by_name = {normalise(name): role.id for role in catalogue.roles for _, name in lookup_names(role)}
    return RoleIndex(catalogue, {role.id: role for role in catalogue.roles}, by_name)


def find_role(index: RoleIndex, query: str) -> Role:
    """Return the role whose id, name or alias matches `query`.

    Raises:
        UsageError: Nothing matches; the message suggests the closest roles.
    """
    role_id = index.by_name.get(normalise(query))
    role = index.role(role_id) if role_id else None
    if role is not None:
        return role
    from ecomteam.i18n import _

    hint = "; ".join(f"{role.id} ({role.name})" for role in suggest_roles(index, query))
    message = _("no role matches {query!r}.").format(query=query)
    if hint:
        message += " " + _("Closest: {roles}.").format(roles=hint)
    raise UsageError(message + " " + _("See all roles with `ecomteam roles list`."))


def suggest_roles(index: RoleIndex, query: str, limit: int = 3) -> list[Role]:
    """Return up to `limit` roles whose names are closest to `query`.

    Meaning comes before spelling: roles of a department whose keyword stems the
    query contains ("magazyn", "仓") rank first, then by spelling similarity.
    """
    wanted = normalise(query)
    if not wanted:
        return []
    departments = {
        category
        for category, stems in index.catalogue.keywords.items()
        if any(normalise(stem) in wanted for stem in stems if normalise(stem))
    }
    matcher = difflib.SequenceMatcher(b=wanted, autojunk=False)
    scored: dict[str, float] = {}
    for key, role_id in index.by_name.items():
        matcher.set_seq1(key)
        score = matcher.ratio()
        if wanted in key or key in wanted:
            score += 0.5
        if index.by_id[role_id].category in departments:
            score += 2.0  # the same department outranks any spelling likeness
        scored[role_id] = max(score, scored.get(role_id, 0.0))
    ranked = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
    return [role for role_id, _ in ranked[:limit] if (role := index.role(role_id)) is not None]


def filter_roles(
    roles: Iterable[Role],
    first_stages: Mapping[str, Stage],
    *,
    category: Category | None = None,
    stage: Stage | None = None,
    sourcing: Sourcing | None = None,
) -> list[Role]:
    """Keep the roles in a category, needed by a stage, or with a preferred sourcing.

    `stage` keeps the roles the rule book brings in at that stage or earlier
    (`first_stages`, from `ecomteam.rulebook.first_stages`); a role no rule brings in
    is left out.
    """
    return [
        role
        for role in roles
        if (category is None or role.category == category)
        and (stage is None or (role.id in first_stages and first_stages[role.id].rank <= stage.rank))
        and (sourcing is None or role.sourcing.preferred == sourcing)
    ]


# --------------------------------------------------------------------- problems


def _valid_roles(document: YamlDocument) -> list[tuple[int, Role]]:
    """Validate the roles one by one, keeping those that pass (with their index)."""
    raw = document.data.get("roles") if isinstance(document.data, dict) else None
    if not isinstance(raw, list):
        return []
    valid = []
    for index, item in enumerate(raw):
        try:
            valid.append((index, Role.model_validate(item)))
        except ValidationError:
            continue
    return valid


def _cross_problems(roles: Iterable[tuple[int, Role]], document: YamlDocument) -> list[Problem]:
    """Checks that span roles; each problem is located at the field to fix."""
    roles = list(roles)
    where = Where(document)
    found: list[tuple[Loc, str]] = []
    found += _duplicate_ids(roles, where)
    found += _duplicate_names(roles, where)
    found += _bad_managers(roles)
    return [Problem(document.source, message, format_loc(loc), *document.position(loc)) for loc, message in found]


def _duplicate_ids(roles: list[tuple[int, Role]], where: Callable[[Loc], str]) -> Iterator[tuple[Loc, str]]:
    first: dict[str, int] = {}
    for index, role in roles:
        if role.id in first:
            other = ("roles", first[role.id], "id")
            yield ("roles", index, "id"), f"duplicate role id {role.id!r} (also at {where(other)})"
        else:
            first[role.id] = index


def _duplicate_names(roles: list[tuple[int, Role]], where: Callable[[Loc], str]) -> Iterator[tuple[Loc, str]]:
    owner: dict[str, tuple[str, Loc]] = {}
    for index, role in roles:
        for sub_loc, name in lookup_names(role):
            loc = ("roles", index, *sub_loc)
            key = normalise(name)
            if not key:
                yield loc, f"{name!r} has no letters or digits, so it cannot be looked up"
                continue
            previous_id, previous_loc = owner.setdefault(key, (role.id, loc))
            if previous_id != role.id:
                yield (
                    loc,
                    f"{name!r} already names role {previous_id!r} (at {where(previous_loc)}); "
                    "a name or alias must point at one role",
                )


def _bad_managers(roles: list[tuple[int, Role]]) -> Iterator[tuple[Loc, str]]:
    by_id = {role.id: (index, role) for index, role in roles}
    for index, role in roles:
        if role.reports_to is not None and role.reports_to not in by_id:
            hint = did_you_mean(role.reports_to, by_id)
            yield ("roles", index, "reports_to"), f"no role has the id {role.reports_to!r}{hint}"
    reported: set[str] = set()  # roles already known to be in a cycle or free of one
    for _, role in roles:
        chain = [role.id]
        on_chain = {role.id}
        current = role.reports_to
        while current is not None and current in by_id and current not in on_chain and current not in reported:
            chain.append(current)
            on_chain.add(current)
            current = by_id[current][1].reports_to
        if current is not None and current in on_chain:
            cycle = chain[chain.index(current) :]
            reported.update(cycle)
            start = min(cycle, key=lambda role_id: by_id[role_id][0])
            ordered = cycle[cycle.index(start) :] + cycle[: cycle.index(start)]
            path = " -> ".join([*ordered, start])
            yield ("roles", by_id[start][0], "reports_to"), f"reporting cycle: {path}"
        reported.update(chain)
