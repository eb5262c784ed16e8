"""The codes of the core's reasons, notes and verdicts: a closed vocabulary with no heavy imports.

`ecomteam.plan.Reason` pairs a code with its parameters; `ecomteam.output.words`
words each code. Kept apart from the models so the output layer can name the codes
without loading pydantic.
"""

from enum import StrEnum


class Code(StrEnum):
    """What a `Reason` says; `PARAMS` lists the parameters of each."""

    RULE = "rule"  # the rule whose own reason applies
    BUDGET_FALLBACK = "budget-fallback"  # staffed lighter to fit the phase-1 budget
    BUDGET_PART = "budget-part"  # a crew that starts with part of its posts to fit the phase-1 budget
    INTERIM_OWNER = "interim-owner"  # the owner covers the role until the hire
    FORMULA = "formula"  # a headcount formula worked out
    VOLUME_MISSING = "volume-missing"  # the formula's volume was not given
    JOINED = "joined"  # another rule's headcount added to the line, or set as its floor
    ALSO_COVERS = "also-covers"  # the same person also covers these roles
    MOVED_FOR_BUDGET = "moved-for-budget"  # a line moved out of phase 1 by the budget
    OVER_BUDGET = "over-budget"  # why it did not fit
    WAITS_BEHIND = "waits-behind"  # a line that would fit waits for an earlier one that does not
    CREWS_FIRST = "crews-first"  # a line that would fit waits until the volume's crews could be full
    TEAM_TOO_SMALL = "team-too-small"  # a lead waits until the crew it leads is large enough to need one
    STEPS_UP = "steps-up"  # a line that starts smaller grows to its full size later
    BROUGHT_FORWARD = "brought-forward"  # the budget holds a hire timed for phase 2 in phase 1 already
    STAGE_INFERRED = "stage-inferred"
    PRICED_IN = "priced-in"  # the catalogue's bands converted to the plan's currency
    PLATFORM_CHANNEL = "platform-channel"  # a known platform adds the channel it sells through
    PLATFORM_UNKNOWN = "platform-unknown"  # the rule book does not know the platform
    CATEGORY_SCOPE = "category-scope"  # work a kind of business has that the plan does not staff
    PLATFORM_UNNAMED = "platform-unnamed"  # a marketplace seller named no platform; article 002's store model applies
    NO_EFFECT = "no-effect"  # a goal or the platform changes nothing in the plan
    BUDGET_LEFT = "budget-left"  # the phase-1 budget could start a hire timed for later
    STAGE_RAMP = "stage-ramp"  # an inferred stage's roles come in as the volume moves through it
    RAMPED = "ramped"  # a line sized between the previous stage's figure and this stage's
    ORDER_WORK = "order-work"  # a ramped line kept at what today's orders already need
    COVERED_WORK = "covered-work"  # a line grown to the size of a role it covers
    TAKES_OVER = "takes-over"  # a ramped line kept at the work it takes over from the stage before's roles
    OWNER_KEEPS = "owner-keeps"  # work the stage gives a post that today's volume does not fill yet
    OWNER_UNTIL = "owner-until"  # the owner holds a line until the volume that makes its first post
    # warnings about the plan against the business
    COST_ABOVE_BENCHMARK = "cost-above-benchmark"  # the team costs more of the revenue than shops spend
    REVENUE_MISMATCH = "revenue-mismatch"  # the revenue given and orders x order value disagree
    MEASURES_DISAGREE = "measures-disagree"  # orders and revenue put the shop stages apart
    ORDER_VALUE_LOW = "order-value-low"  # the order value given or implied is below what an order costs to ship
    SHORT_OF_VOLUME = "short-of-volume"  # the budget starts or defers work today's volume needs
    STAGE_DISAGREES = "stage-disagrees"
    # coverage of a role by the team a business has (`assess`)
    OWNER_AS_PLANNED = "owner-as-planned"  # the owner covers a role the plan leaves to the owner
    NOBODY = "nobody"
    SHORT = "short"
    SIDE_JOB = "side-job"
    COVERED_BY = "covered-by"
    # a plan line against the team a business has (`recommend --team`)
    STAYS_WITH_OWNER = "stays-with-owner"
    OWNER_COVERS = "owner-covers"
    STAYS = "stays"
    ADDED_PARTLY = "added-partly"
    ADDED_MISSING = "added-missing"
    # what a person's load is made of (`assess`)
    NOT_IN_PLAN = "not-in-plan"
    OWNER_BY_PLAN = "owner-by-plan"
    PLANNED = "planned"


_MONEY = ("budget", "needs", "committed", "currency")

#: The parameters each code carries: the scripting API of a reason, checked by the tests.
#: `steps` are `{op, driver, value}`; `measures` are `{measure, value, starts}`; a
#: `coverage` is itself a reason (one of the coverage codes).
PARAMS: dict[Code, tuple[str, ...]] = {
    Code.RULE: ("rule",),
    Code.BUDGET_FALLBACK: ("engagement", "wanted"),
    Code.BUDGET_PART: ("fte", "wanted"),
    Code.INTERIM_OWNER: ("engagement", "phase"),
    Code.FORMULA: ("base", "value", "steps", "result", "fte", "limit"),
    Code.VOLUME_MISSING: ("base", "fte"),
    Code.JOINED: ("rule", "joins", "fte"),
    Code.ALSO_COVERS: ("roles",),
    Code.MOVED_FOR_BUDGET: ("phase", *_MONEY),
    Code.OVER_BUDGET: _MONEY,
    Code.WAITS_BEHIND: ("phase", "role"),
    Code.BROUGHT_FORWARD: ("phase",),
    Code.CREWS_FIRST: ("phase", "crews", "currency"),
    Code.TEAM_TOO_SMALL: ("phase", "team", "fte"),
    Code.STEPS_UP: ("engagement", "fte", "phase"),
    Code.STAGE_INFERRED: ("stage", "measures"),
    Code.PRICED_IN: ("currency", "base", "rate", "date"),
    Code.PLATFORM_CHANNEL: ("platform", "channel"),
    Code.PLATFORM_UNKNOWN: ("platform", "known"),
    Code.PLATFORM_UNNAMED: ("listing",),
    Code.CATEGORY_SCOPE: ("category",),
    Code.NO_EFFECT: ("field", "value", "stage", "covered"),
    Code.BUDGET_LEFT: ("left", "currency", "roles"),
    Code.STAGE_RAMP: ("stage", "previous", "share"),
    Code.RAMPED: ("previous", "start", "stage", "end", "share", "fte"),
    Code.ORDER_WORK: ("stage", "end", "fte"),
    Code.TAKES_OVER: ("roles", "previous", "fte"),
    Code.COVERED_WORK: ("roles", "fte"),
    Code.COST_ABOVE_BENCHMARK: ("share", "low", "high"),
    Code.REVENUE_MISMATCH: ("given", "implied", "currency"),
    Code.MEASURES_DISAGREE: ("orders", "revenue", "stage"),
    Code.ORDER_VALUE_LOW: ("value", "lowest", "currency"),
    Code.SHORT_OF_VOLUME: ("roles",),
    Code.OWNER_KEEPS: ("roles", "base"),
    Code.OWNER_UNTIL: ("base", "until", "currency"),
    Code.STAGE_DISAGREES: ("given", "suggested"),
    Code.OWNER_AS_PLANNED: ("people",),
    Code.NOBODY: (),
    Code.SHORT: ("held", "needed", "people"),
    Code.SIDE_JOB: ("people",),
    Code.COVERED_BY: ("people",),
    Code.STAYS_WITH_OWNER: ("people",),
    Code.OWNER_COVERS: (),
    Code.STAYS: ("coverage",),
    Code.ADDED_PARTLY: ("phase", "coverage"),
    Code.ADDED_MISSING: ("phase",),
    Code.NOT_IN_PLAN: (),
    Code.OWNER_BY_PLAN: (),
    Code.PLANNED: ("engagement", "fte"),
}
