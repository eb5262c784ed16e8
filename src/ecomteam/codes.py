"""The codes of the core's reasons, notes and verdicts: a closed vocabulary with no heavy imports.

`ecomteam.plan.Reason` pairs a code with its parameters; `ecomteam.output.words`
words each code. Kept apart from the models so the output layer can name the codes
without loading pydantic.
"""

from enum import StrEnum


class Code(StrEnum):
    """What a `Reason` says; its parameters are listed beside each code."""

    RULE = "rule"  # rule: the rule whose own reason applies
    BUDGET_FALLBACK = "budget-fallback"  # engagement, wanted: staffed lighter to fit the phase-1 budget
    INTERIM_OWNER = "interim-owner"  # engagement, phase: the owner covers the role until the hire
    FORMULA = "formula"  # base, value, steps [{op, driver, value}], result, fte
    VOLUME_MISSING = "volume-missing"  # base, fte: the formula's volume was not given
    ALSO_COVERS = "also-covers"  # roles: the same person also covers these
    MOVED_FOR_BUDGET = "moved-for-budget"  # phase, budget, needs, committed, currency
    OVER_BUDGET = "over-budget"  # budget, needs, committed, currency
    STAGE_INFERRED = "stage-inferred"  # stage, measures [{measure, value, starts {stage: start}}]
    STAGE_DISAGREES = "stage-disagrees"  # given, suggested
    # coverage of a role by the team a business has (`assess`)
    OWNER_AS_PLANNED = "owner-as-planned"  # people: the owner covers a role the plan leaves to the owner
    NOBODY = "nobody"
    SHORT = "short"  # held, needed, people
    SIDE_JOB = "side-job"  # people
    COVERED_BY = "covered-by"  # people
    # a plan line against the team a business has (`recommend --team`)
    STAYS_WITH_OWNER = "stays-with-owner"  # people
    OWNER_COVERS = "owner-covers"
    STAYS = "stays"  # coverage: a coverage reason
    ADDED_PARTLY = "added-partly"  # phase, coverage: a coverage reason
    ADDED_MISSING = "added-missing"  # phase
    # what a person's load is made of (`assess`)
    NOT_IN_PLAN = "not-in-plan"
    OWNER_BY_PLAN = "owner-by-plan"
    PLANNED = "planned"  # engagement, fte
