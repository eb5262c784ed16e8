"""Random valid business profiles: the shops the batch benchmark and the batch tests plan.

A stage or daily orders, and any mix of budget, revenue, goals, channels, stores and
fulfilment, with live rooms only for a shop that sells through live streams: what
an agency's list of clients might hold.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from ecomteam.vocab import Channel, Fulfilment, Goal, Stage


def random_profile(rng: random.Random) -> dict[str, object]:
    """One profile as a file would give it."""
    profile: dict[str, object] = {}
    if rng.random() < 0.3:
        profile["stage"] = rng.choice(list(Stage)).value
    else:
        profile["orders_per_day"] = round(10 ** rng.uniform(-0.5, 3.7), 1)
    if rng.random() < 0.7:
        profile["budget"] = round(10 ** rng.uniform(2.5, 6))
    if rng.random() < 0.5:
        profile["monthly_revenue"] = round(10 ** rng.uniform(3, 7.5))
    profile["goals"] = rng.sample([goal.value for goal in Goal], rng.randint(0, 3))
    channels = rng.sample([channel.value for channel in Channel], rng.randint(1, 3))
    profile["channels"] = channels
    profile["stores"] = rng.choice([1, 1, 2, 5])
    if rng.random() < 0.4:
        profile["skus"] = rng.randint(5, 50_000)
    profile["fulfilment"] = rng.choice(list(Fulfilment)).value
    if Channel.LIVESTREAM.value in channels:
        profile["live_rooms"] = rng.randint(0, 3)
    return profile


def random_profiles(count: int, seed: int = 7) -> list[dict[str, object]]:
    """`count` profiles, the same ones for the same seed."""
    rng = random.Random(seed)
    return [random_profile(rng) for _ in range(count)]


def write_jsonl(path: Path, count: int, seed: int = 7) -> Path:
    """Write `count` random profiles as JSON Lines, one at a time (memory stays flat)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as stream:
        for _ in range(count):
            stream.write(json.dumps(random_profile(rng)) + "\n")
    return path
