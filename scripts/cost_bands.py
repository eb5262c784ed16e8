"""Recompute the catalogue's cost bands from the figures recorded with each band.

Each band in data/roles.yaml records its derivation: the EU anchor (the monthly
base-pay mean of the role's ISCO major group in the ES/IT/PL basis market, 2025),
the role's within-group factor and the US OEWS quartiles of its occupation. The
band is

    min = round100(anchor x factor x P25/P50),  max = round100(anchor x factor x P75/P50)

Run it to check the catalogue (exit 1 and a list of differences when a band does not
follow from its figures):

    .venv/bin/python scripts/cost_bands.py [data/roles.yaml]
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def band(anchor: float, factor: float, oews_usd: list[float]) -> tuple[int, int]:
    """The band (EUR a month) that the recorded figures give."""
    p25, p50, p75 = oews_usd
    centre = anchor * factor
    return _round100(centre * p25 / p50), _round100(centre * p75 / p50)


def _round100(value: float) -> int:
    return int(round(value / 100) * 100)


def differences(catalogue: dict) -> list[str]:  # type: ignore[type-arg]
    """Every role whose recorded band does not follow from its derivation, or that has none."""
    found = []
    for role in catalogue["roles"]:
        cost = role["cost"]
        derivation = cost.get("derivation")
        if derivation is None:
            found.append(f"{role['id']}: no derivation recorded")
            continue
        expected = band(derivation["anchor"], derivation["factor"], derivation["oews_usd"])
        if (cost["min"], cost["max"]) != expected:
            recorded = f"{cost['min']}-{cost['max']}"
            found.append(f"{role['id']}: recorded {recorded}, figures give {expected[0]}-{expected[1]}")
    return found


def main() -> int:
    """Check the catalogue named on the command line (default: the bundled one)."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "data" / "roles.yaml"
    problems = differences(yaml.safe_load(path.read_text(encoding="utf-8")))
    for problem in problems:
        print(problem)
    print(f"{path}: {'bands follow from their figures' if not problems else f'{len(problems)} bands differ'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
