"""A seeded generator of realistic synthetic datasets, for benchmarks.

    python bench/generate.py --events 100000 --seed 1 --out /tmp/bench100k   # writes .yaml, .jsonl, .csv

Every ISO 3166-1 state, several treaties (the shipped ones plus copies of the Mine Ban Treaty
under other ids, so that the rules see several), lifecycle events in a legal order, armed
conflicts, deadline records and a bulk of conduct and report records. The same seed gives the same
bytes.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from checker.countries import ISO_3166_ALPHA3
from checker.loader import read_yaml
from checker.paths import treaties_dir

class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # datasets refuse anchors and aliases
        return True


EXTRA_TREATIES = 3  # copies of the Mine Ban Treaty's clauses under other ids
CONDUCT = ["use", "production", "transfer", "stockpiling", "retention", "assistance", "development"]


def treaty_copies() -> list[dict[str, Any]]:
    base = read_yaml(treaties_dir() / "apmbc.yaml").content["treaties"][0]
    return [dict(base, id=f"synthetic_{i}", short_name=f"Synthetic treaty {i}") for i in range(1, EXTRA_TREATIES + 1)]


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max((end - start).days, 1)))


def generate(n_events: int, seed: int) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(seed)
    states = sorted(ISO_3166_ALPHA3)
    treaties = ["apmbc", "ccm", *(t["id"] for t in treaty_copies())]
    opens = {"apmbc": date(1997, 12, 3), "ccm": date(2008, 12, 3)}
    events: list[dict[str, Any]] = []
    counter = 0

    def add(**fields: Any) -> None:
        nonlocal counter
        counter += 1
        events.append({"id": f"e{counter}", **fields})

    pairs = [(t, s) for t in treaties for s in states]
    rng.shuffle(pairs)
    for treaty, state in pairs:
        opened = opens.get(treaty, date(1997, 12, 3))
        if rng.random() < 0.15:
            continue  # never joined
        signed = rng.random() < 0.6
        if signed:
            add(treaty=treaty, state=state, action="signature", date=_day(rng, opened, opened + timedelta(days=400)))
        deposit = _day(rng, opened + timedelta(days=420), date(2024, 12, 31))
        add(treaty=treaty, state=state, action="ratification" if signed else "accession", date=deposit)
        if rng.random() < 0.5:
            add(treaty=treaty, state=state, action="initial_report_submitted", date=deposit + timedelta(days=rng.randrange(120, 400)))
        if rng.random() < 0.4:
            add(treaty=treaty, state=state, action="stockpile_destruction_completed", date=deposit + timedelta(days=rng.randrange(300, 2500)))
        if rng.random() < 0.05:
            add(treaty=treaty, state=state, action="withdrawal", date=_day(rng, deposit + timedelta(days=400), date(2026, 6, 1)))
    conflicts = []
    for i in range(60):
        start = _day(rng, date(1995, 1, 1), date(2025, 12, 31))
        end = None if rng.random() < 0.3 else start + timedelta(days=rng.randrange(30, 3000))
        conflicts.append({"id": f"c{i}", "states": sorted(rng.sample(states, rng.choice([1, 2, 2, 3]))), "start": start, "end": end})
    while len(events) + len(conflicts) < n_events:
        treaty, state = rng.choice(pairs)
        action = rng.choice([*CONDUCT, "annual_report_submitted"])
        day = _day(rng, date(1998, 1, 1), date(2026, 10, 31))
        record: dict[str, Any] = {"treaty": treaty, "state": state, "action": action, "date": day}
        if action == "annual_report_submitted":
            record["year"] = day.year - 1
        elif action == "transfer":
            record["counterparty"] = rng.choice([s for s in states if s != state])
            if rng.random() < 0.3:
                record["purpose"] = rng.choice(["training", "destruction"])
        elif action == "retention" and rng.random() < 0.8:
            record["purpose"] = "training"
        add(**record)
    return {"treaties": treaty_copies(), "events": events, "conflicts": conflicts}


def write(data: dict[str, list[dict[str, Any]]], out: Path) -> dict[str, Path]:
    """The same records as YAML (one flow mapping a line), JSON Lines and CSV (events only)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {fmt: out / f"dataset.{fmt}" for fmt in ("yaml", "jsonl", "csv")}
    (out / "treaties.yaml").write_text(yaml.dump({"treaties": data["treaties"]}, Dumper=_NoAliasDumper, sort_keys=False), encoding="utf-8")
    with paths["yaml"].open("w", encoding="utf-8") as f:
        f.write("events:\n")
        for e in data["events"]:
            f.write("  - " + yaml.safe_dump(e, default_flow_style=True, width=10_000, sort_keys=False).strip() + "\n")
        f.write("conflicts:\n")
        for c in data["conflicts"]:
            f.write("  - " + yaml.safe_dump(c, default_flow_style=True, width=10_000, sort_keys=False).strip() + "\n")
    with paths["jsonl"].open("w", encoding="utf-8") as f:
        for e in data["events"]:
            f.write(json.dumps({"kind": "event", **e}, default=str) + "\n")
        for c in data["conflicts"]:
            f.write(json.dumps({"kind": "conflict", **c}, default=str) + "\n")
    fields = ["id", "treaty", "state", "action", "date", "counterparty", "purpose", "year"]
    with paths["csv"].open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        for e in data["events"]:
            writer.writerow({k: e.get(k, "") for k in fields})
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    paths = write(generate(args.events, args.seed), args.out)
    print("\n".join(str(p) for p in paths.values()))


if __name__ == "__main__":
    main()
