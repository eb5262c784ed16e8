"""The ecomteam benchmark: start-up, scaling with the catalogue, and batch throughput.

Run from the repository root, with ecomteam installed in the environment:

    .venv/bin/python benchmarks/run.py            # the full run (several minutes)
    .venv/bin/python benchmarks/run.py --quick    # fewer runs, smaller inputs

It prints a table and writes benchmarks/results.json. Targets:

(a) start-up against the floor, a two-option typer command with no ecomteam code (the
    least any typer CLI pays): `recommend --stage startup --format json` <= 1.1,
    `roles show 客服` <= 1.05, `recommend --stage startup` (the table) <= 1.3,
    `--help` <= 0.5 and `--version` <= 0.1; the import of typer, rich, pydantic and
    yaml is reported beside it as a second reference;
(b) in-process load + plan of synthetic catalogues with 100, 1,000 and 10,000 roles
    (and two rules per role): t(10k) / t(1k) <= 12, and at 10,000 roles <= 2 x the
    time of just parsing the same YAML with PyYAML's C loader;
(c) peak memory of load + plan at 10,000 roles, reported;
(d) `ecomteam batch` over 10,000 random profiles (benchmarks/profiles.py) to JSON
    Lines: >= 1,000 plans/s, whole command, on every core; and its peak memory (the
    process and its workers together) within 10% from 10,000 to 100,000 profiles.

Process timings are medians of at least 7 cold runs after a warm-up, with the
commands interleaved so that machine noise hits them all alike.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from profiles import write_jsonl

from ecomteam.catalogue import parse_catalogue
from ecomteam.engine import build_plan
from ecomteam.memory import gc_paused
from ecomteam.profile import Profile
from ecomteam.rulebook import parse_rulebook

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.json"


#: The floor: a typer command with two options and no ecomteam code. Coercing its first
#: option makes typer import pydantic's validation code, which a bare `import pydantic`
#: does not load, so every typer CLI pays for it.
TRIVIAL_TYPER = """
import typer
app = typer.Typer()
@app.command()
def command(count: int = 1, name: str = "a") -> None:
    print(count, name)
app()
"""

#: Defining one pydantic model loads pydantic's internals too.
ONE_MODEL = """
import typer, rich, yaml
from pydantic import BaseModel
class Model(BaseModel):
    count: int
"""


def ecomteam_command() -> list[str]:
    """The installed console script next to this Python, else `python -m ecomteam`."""
    script = Path(sys.executable).with_name("ecomteam")
    if script.exists():
        return [str(script)]
    found = shutil.which("ecomteam")
    return [found] if found else [sys.executable, "-m", "ecomteam"]


def time_commands(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall time of each command over `runs` cold runs, interleaved, after one warm-up."""
    # Cached bytecode, as every installed package has: the warm-up round writes it.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env |= {"NO_COLOR": "1", "COLUMNS": "100", "ECOMTEAM_LANG": "en"}  # English unless a command says --lang
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(runs + 1):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            elapsed = time.perf_counter() - started
            if round_:  # round 0 warms the disk cache
                samples[name].append(elapsed)
    return {name: statistics.median(values) for name, values in samples.items()}


# ------------------------------------------------------------------ scaling


def synthetic_catalogue(roles: int) -> str:
    """A valid catalogue with `roles` roles in a reporting tree, as YAML text."""
    items = []
    for index in range(roles):
        role_id = f"role-{index:05d}"
        items.append(
            {
                "id": role_id,
                "name": f"Role {index}",
                "names": {
                    "es": f"Puesto {index}",
                    "zh": f"岗位{index}",
                    "pl": f"Stanowisko {index}",
                    "it": f"Ruolo {index}",
                },
                "aliases": [f"Alias {index} A", f"Alias {index} B / Alias {index} C"],
                "category": "marketing",
                "summary": f"Synthetic role number {index}.",
                "responsibilities": ["Do the work", "Report on it"],
                "skills": ["Skill one", "Skill two"],
                "kpis": ["First KPI (%)", "Second KPI (count)"],
                "sourcing": {
                    "engagements": ["full-time", "part-time", "freelance"],
                    "reason": "Synthetic.",
                },
                "cost": {
                    "min": 1000 + index % 500,
                    "max": 3000 + index % 500,
                    "assumption": "synthetic",
                },
                "reports_to": None if index == 0 else f"role-{(index - 1) // 4:05d}",
                "sources": ["synthetic.txt"],
            }
        )
    document = {
        "schema_version": 2,
        "cost_basis": {"currency": "EUR", "note": "synthetic"},
        "roles": items,
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def synthetic_rules(roles: int) -> str:
    """The bundled rule book's figures with two rules per synthetic role."""
    book = yaml.safe_load((ROOT / "data" / "rules.yaml").read_text(encoding="utf-8"))
    rules = []
    for index in range(roles):
        role_id = f"role-{index:05d}"
        rules.append(
            {
                "id": f"{role_id}-by-stage",
                "description": "Synthetic stage rule.",
                "sources": ["synthetic.txt"],
                "when": {"field": "stage", "op": "gte", "value": ["solo", "startup", "growth", "mature"][index % 4]},
                "then": {"role": role_id, "phase": 1 + index % 4, "reason": "Synthetic."},
            }
        )
        rules.append(
            {
                "id": f"{role_id}-by-volume",
                "description": "Synthetic volume rule.",
                "sources": ["synthetic.txt"],
                "overrides": [f"{role_id}-by-stage"],
                "when": {"all": [{"field": "goals", "op": "has_any", "value": ["traffic", "brand"]},
                                 {"not": {"field": "stores", "op": "lt", "value": 2}}]},
                "then": {"role": role_id, "engagement": "full-time",
                         "fte": {"base": "orders_per_day", "per": ["tickets_per_agent_day"], "min": 1},
                         "reason": "Synthetic."},
            }
        )  # fmt: skip
    book["rules"] = rules
    book["hiring_order"] = []  # synthetic roles claim the budget by id
    return yaml.safe_dump(book, allow_unicode=True, sort_keys=False)


def load_and_plan(catalogue_text: str, rules_text: str) -> int:
    """What `recommend` does in-process after reading the files; returns the team size.

    The command runs with the cycle collector paused (`ecomteam.cli.common.handle_errors`).
    """
    with gc_paused():
        return _load_and_plan(catalogue_text, rules_text)


def _load_and_plan(catalogue_text: str, rules_text: str) -> int:
    catalogue = parse_catalogue(catalogue_text, "catalogue.yaml")
    book = parse_rulebook(rules_text, "rules.yaml", catalogue)
    profile = Profile.model_validate(
        {"stage": "mature", "goals": ["traffic"], "stores": 3, "orders_per_day": 400, "budget": 1_000_000}
    )
    return len(build_plan(profile, catalogue, book).team)


def just_parse(catalogue_text: str, rules_text: str) -> None:
    """The yardstick: parse both files with PyYAML's C loader, nothing else."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    yaml.load(catalogue_text, Loader=loader)
    yaml.load(rules_text, Loader=loader)


def best_of(runs: int, function: object, *args: object) -> float:
    """Median time of `runs` calls of `function(*args)`."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function(*args)  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def peak_memory_mib(roles: int) -> float:
    """Peak resident memory of a fresh process that loads and plans `roles` roles."""
    with tempfile.TemporaryDirectory() as folder:
        catalogue, rules = Path(folder) / "c.yaml", Path(folder) / "r.yaml"
        catalogue.write_text(synthetic_catalogue(roles), encoding="utf-8")
        rules.write_text(synthetic_rules(roles), encoding="utf-8")
        script = (
            "import resource, sys; sys.path.insert(0, sys.argv[3]); from run import load_and_plan; "
            "load_and_plan(open(sys.argv[1], encoding='utf-8').read(), open(sys.argv[2], encoding='utf-8').read()); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )
        output = subprocess.run(
            [sys.executable, "-c", script, str(catalogue), str(rules), str(ROOT / "benchmarks")],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return int(output.split()[-1]) / 1024  # ru_maxrss is KiB on Linux


# -------------------------------------------------------------------- batch


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (Linux /proc)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text(encoding="utf-8")
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text(encoding="utf-8").split()]
        except (FileNotFoundError, ProcessLookupError):
            continue  # it ended while we looked
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total


def run_batch(ecomteam: list[str], source: Path) -> tuple[float, float]:
    """Wall seconds of `ecomteam batch` over `source` to JSON Lines, and its peak memory in MiB."""
    started = time.perf_counter()
    command = [*ecomteam, "batch", str(source), "-o", os.devnull]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as process:
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_rss_kib(process.pid))
            time.sleep(0.02)
    elapsed = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"ecomteam batch {source} failed with exit code {process.returncode}")
    return elapsed, peak / 1024


def batch_rows(
    ecomteam: list[str], sizes: tuple[int, int]
) -> tuple[list[dict[str, object]], dict[int, dict[str, float]]]:
    """Throughput at the smaller size, and how peak memory grows to the larger one."""
    measured: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for count in sizes:
            seconds, mib = run_batch(ecomteam, write_jsonl(Path(folder) / f"shops-{count}.jsonl", count))
            measured[count] = {"seconds": seconds, "plans_per_second": count / seconds, "peak_mib": mib}
    small, large = sizes
    rate = measured[small]["plans_per_second"]
    growth = measured[large]["peak_mib"] / measured[small]["peak_mib"]
    rows = [
        {"measure": f"batch plans/s, {small:,} profiles", "value": round(rate), "target": ">= 1000",
         "met": rate >= 1000, "seconds": round(measured[small]["seconds"], 2)},
        {"measure": f"batch peak memory {large:,} / {small:,}", "value": round(growth, 3), "target": "<= 1.1",
         "met": growth <= 1.1, "seconds": round(measured[large]["seconds"], 2)},
    ]  # fmt: skip
    for count in sizes:
        rows.append({"measure": f"batch peak memory, {count:,} profiles (MiB)",
                     "value": round(measured[count]["peak_mib"], 1), "target": "reported", "met": True,
                     "seconds": None})  # fmt: skip
    return rows, measured


# --------------------------------------------------------------------- main


def over_time_rows(repeats: int) -> list[dict[str, object]]:
    """In-process: a 36-month growing timeline with two peaks, and a 20-point sweep (each well under a second)."""
    from datetime import date

    from ecomteam.api import load
    from ecomteam.compare import compare
    from ecomteam.engine import build_plan
    from ecomteam.profile import Profile

    known = load()
    start = date(2027, 1, 1)
    timeline = Profile(stage="growth", orders_per_day=80, monthly_revenue=90_000, budget=20_000, months=36,
                       growth=0.05, budget_growth=0.03, peaks=("black-friday", "christmas"))  # fmt: skip
    base = Profile(stage="growth")
    points = [
        (str(orders), {}, base.model_copy(update={"orders_per_day": float(orders)})) for orders in range(50, 1050, 50)
    ]

    def plan_timeline() -> None:
        build_plan(timeline, known.roles.catalogue, known.rules, trace=False, start=start)

    def sweep() -> None:
        compare(points, known.roles.catalogue, known.rules, start, sweep="orders_per_day")

    rows: list[dict[str, object]] = []
    for name, function in (("36-month timeline with peaks (s)", plan_timeline), ("20-point sweep (s)", sweep)):
        seconds = best_of(repeats, function)
        rows.append({"measure": name, "value": round(seconds, 3), "target": "< 1", "met": seconds < 1,
                     "seconds": round(seconds, 4)})  # fmt: skip
    return rows


def main() -> int:
    """Run the benchmark; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller catalogues, for a smoke test")
    parser.add_argument("--runs", type=int, default=None, help="cold runs per command (at least 7 in a full run)")
    options = parser.parse_args()
    runs = options.runs or (3 if options.quick else 9)
    sizes = (100, 1000, 3000) if options.quick else (100, 1000, 10_000)

    ecomteam = ecomteam_command()
    commands = {
        "floor": [sys.executable, "-c", TRIVIAL_TYPER],
        "recommend": [*ecomteam, "recommend", "--stage", "startup", "--format", "json"],
        "recommend table": [*ecomteam, "recommend", "--stage", "startup"],
        "version": [*ecomteam, "--version"],
        "help": [*ecomteam, "--help"],
        "roles show": [*ecomteam, "roles", "show", "客服"],
        # Another language loads its two message catalogues and Babel's locale data, and nothing else.
        "recommend --lang es": [*ecomteam, "recommend", "--stage", "startup", "--format", "json", "--lang", "es"],
        "recommend table --lang zh": [*ecomteam, "recommend", "--stage", "startup", "--lang", "zh"],
    }
    # Reference points (no targets): the dependencies' own import, and one pydantic model.
    commands["ref: import typer, rich, pydantic, yaml"] = [
        sys.executable, "-c", "import typer, rich, pydantic, yaml"
    ]  # fmt: skip
    commands["ref: one pydantic model"] = [sys.executable, "-c", ONE_MODEL]
    times = time_commands(commands, runs)
    floor = times["floor"]
    limits = {"recommend": 1.1, "roles show": 1.05, "recommend table": 1.3, "help": 0.5, "version": 0.1}
    rows = []
    for name, limit in limits.items():
        ratio = times[name] / floor
        rows.append({"measure": f"{name} / floor", "value": round(ratio, 3), "target": f"<= {limit}",
                     "met": ratio <= limit, "seconds": round(times[name], 4)})  # fmt: skip
    for translated, english in (("recommend --lang es", "recommend"), ("recommend table --lang zh", "recommend table")):
        ratio = times[translated] / times[english]
        rows.append({"measure": f"{translated} / {english}", "value": round(ratio, 3), "target": "reported",
                     "met": True, "seconds": round(times[translated], 4)})  # fmt: skip

    scaling: dict[int, dict[str, float]] = {}
    for size in sizes:
        catalogue_text, rules_text = synthetic_catalogue(size), synthetic_rules(size)
        repeats = 3 if size >= 3000 else 7
        scaling[size] = {
            "load_and_plan": best_of(repeats, load_and_plan, catalogue_text, rules_text),
            "parse_only": best_of(repeats, just_parse, catalogue_text, rules_text),
        }
    small, large = sizes[1], sizes[2]
    growth = scaling[large]["load_and_plan"] / scaling[small]["load_and_plan"]
    growth_limit = 12 * large / 10_000 if large != 10_000 else 12
    over_parse = scaling[large]["load_and_plan"] / scaling[large]["parse_only"]
    for name in ("ref: import typer, rich, pydantic, yaml", "ref: one pydantic model"):
        rows.append({"measure": f"{name} / floor", "value": round(times[name] / floor, 3), "target": "reference",
                     "met": True, "seconds": round(times[name], 4)})  # fmt: skip
    rows.append({"measure": f"t({large}) / t({small})", "value": round(growth, 2),
                 "target": f"<= {growth_limit:g}", "met": growth <= growth_limit, "seconds": None})  # fmt: skip
    rows.append({"measure": f"load+plan / parse at {large}", "value": round(over_parse, 2), "target": "<= 2",
                 "met": over_parse <= 2, "seconds": round(scaling[large]["load_and_plan"], 3)})  # fmt: skip
    memory = peak_memory_mib(large)
    rows.append({"measure": f"peak memory at {large} roles (MiB)", "value": round(memory, 1), "target": "reported",
                 "met": True, "seconds": None})  # fmt: skip

    batch, batch_measured = batch_rows(ecomteam, (1000, 10_000) if options.quick else (10_000, 100_000))
    rows += batch
    rows += over_time_rows(3 if options.quick else 7)

    print(f"floor (a two-option typer command): {floor * 1000:.0f} ms, median of {runs} cold runs")
    print(f"{'measure':44} {'value':>10} {'target':>10}  met")
    for row in rows:
        print(f"{row['measure']:44} {row['value']:>10} {row['target']:>10}  {'yes' if row['met'] else 'NO'}")
    for size, values in scaling.items():
        print(f"  {size:>6} roles: load+plan {values['load_and_plan'] * 1000:8.1f} ms, "
              f"C-loader parse {values['parse_only'] * 1000:8.1f} ms")  # fmt: skip
    RESULTS.write_text(
        json.dumps(
            {
                "runs": runs,
                "quick": options.quick,
                "python": sys.version.split()[0],
                "floor_seconds": floor,
                "process_seconds": times,
                "scaling_seconds": scaling,
                "batch": batch_measured,
                "results": rows,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0 if all(row["met"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
