"""The benchmark: each operation timed beside its baseline in one run, reported as ratios.

    python bench/run.py                      # 10k and 100k events (about 10 minutes on 2 cores)
    python bench/run.py --sizes 1000000      # the 1M-event growth and memory check
    python bench/run.py --sizes 2000 --repeat 1   # smoke run (CI)

Absolute times on shared machines are noisy; the ratios against a baseline measured in the same
run are what the targets are about (README, "Performance").
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import clingo  # noqa: E402
import yaml  # noqa: E402

from checker import cli, engine, facts  # noqa: E402
from checker.api import Checker, cached_audit  # noqa: E402
from generate import generate, write  # noqa: E402

AS_OF = date(2026, 11, 27)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall time of `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def wall(argv: list[str], repeat: int) -> float:
    return timed(lambda: subprocess.run(argv, capture_output=True, check=False), repeat)[0]


def peak_kb(code: str) -> int:
    """Peak resident memory of a fresh interpreter running `code`: its own VmHWM (Linux), which
    exec resets. (ru_maxrss would not do: a child started from this large process reports the
    parent's high-water mark, since it is kept across fork and exec.)"""
    done = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, %r)\n%s\n"
         "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')))" % (str(ROOT), code)],
        capture_output=True, text=True, check=True,
    )
    return int(done.stdout.split()[-1])


def minimal_round_trip() -> None:
    """The floor of any question to clingo: add a fact and a rule, ground, solve."""
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], "a. b :- a.")
    ctl.ground([("base", [])])
    ctl.solve()


def run_size(n: int, folder: Path, repeat: int, rows: list[tuple[str, ...]]) -> dict[str, float]:
    paths = write(generate(n, seed=1), folder)
    treaties = folder / "treaties.yaml"
    yaml_files = [treaties, paths["yaml"]]
    text = paths["yaml"].read_text(encoding="utf-8")

    t_yaml, _ = timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader), repeat)
    t_audit, report = timed(lambda: Checker.load(yaml_files).audit(as_of=AS_OF), repeat)
    checker = Checker.load(yaml_files)
    plain = engine.dump(facts.dataset_facts(checker.dataset, checker.readings, audit_day=AS_OF))

    def clingo_plain() -> None:
        ctl = clingo.Control(["--warn=none"])
        ctl.add("base", [], plain)
        ctl.ground([("base", [])])

    t_clingo, _ = timed(clingo_plain, repeat)
    dataset_facts = list(facts.dataset_facts(checker.dataset, checker.readings, audit_day=AS_OF))
    t_rules, _ = timed(lambda: engine.solve(dataset_facts), repeat)
    t_jsonl, _ = timed(lambda: Checker.load([treaties, paths["jsonl"]]).audit(as_of=AS_OF), repeat)
    # A plainly linear pass over the same records: how this machine's own costs grow with size.
    lines = paths["jsonl"].read_text(encoding="utf-8").splitlines()
    t_linear, _ = timed(lambda: [json.loads(line) for line in lines], repeat)
    os.environ["TREATY_CHECK_CACHE"] = str(folder / "cache")
    cached_audit(yaml_files, as_of=AS_OF)
    t_cached, _ = timed(lambda: cached_audit(yaml_files, as_of=AS_OF), repeat)
    argv = ["audit", "--format", "json", "--as-of", AS_OF.isoformat()]
    for path in yaml_files:
        argv += ["--data", str(path)]

    def cli_audit() -> None:  # what `treaty-check audit` does after its imports, output to /dev/null
        with open(os.devnull, "w", encoding="utf-8") as null, contextlib.redirect_stdout(null):
            cli.main(argv)

    cli_audit()
    t_cli_cached, _ = timed(cli_audit, repeat)

    events = [e for e in checker.dataset.events][:: max(1, len(checker.dataset.events) // 200)]
    queries = [(e.state, e.treaty, e.date) for e in events][:200]

    # Each question first (a fresh grounding, the program kept), then again with another action
    # (answered by the kept program), timed apart.
    first, again = [], []
    for state, treaty, day in queries:
        start = time.perf_counter()
        checker.check(state, "production", on=day, treaty=treaty)
        middle = time.perf_counter()
        checker.check(state, "stockpiling", on=day, treaty=treaty)
        first.append(middle - start)
        again.append(time.perf_counter() - middle)
    t_query, t_repeat = statistics.median(first), statistics.median(again)
    t_floor, _ = timed(lambda: [minimal_round_trip() for _ in range(50)], 1)
    t_floor /= 50

    label = f"{n:,}"
    rows += [
        ("audit, YAML, cold", label, f"{t_audit:.2f} s", "PyYAML C load", f"{t_yaml:.2f} s", f"{t_audit / t_yaml:.2f}", "<= 1.0"),
        ("audit, JSON Lines", label, f"{t_jsonl:.2f} s", "clingo plain facts", f"{t_clingo:.2f} s", f"{t_jsonl / t_clingo:.2f}", "<= 2.0"),
        ("audit, YAML, cached (CLI)", label, f"{t_cli_cached:.3f} s", "clingo plain facts", f"{t_clingo:.2f} s", f"{t_cli_cached / t_clingo:.2f}", "<= 2.0"),
        ("audit, YAML, cached (API)", label, f"{t_cached:.3f} s", "clingo plain facts", f"{t_clingo:.2f} s", f"{t_cached / t_clingo:.2f}", "-"),
        ("rules: ground + solve", label, f"{t_rules:.2f} s", "clingo plain facts", f"{t_clingo:.2f} s", f"{t_rules / t_clingo:.2f}", "<= 3.0"),
        ("Python around clingo", label, f"{t_jsonl - t_rules:.2f} s", "rules: ground + solve", f"{t_rules:.2f} s",
         f"{(t_jsonl - t_rules) / t_rules:.2f}", "<= 0.5"),
        ("check via API, first on a slice", label, f"{t_query * 1000:.1f} ms", "", "", "", "<= 50 ms"),
        ("check via API, asked again", label, f"{t_repeat * 1000:.2f} ms", "clingo round trip", f"{t_floor * 1000:.2f} ms",
         f"{t_repeat / t_floor:.1f}", "<= 10"),
    ]
    print(f"  {label}: {len(report.findings)} findings", file=sys.stderr)
    return {"audit": t_audit, "jsonl": t_jsonl, "linear": t_linear,
            "events": len(checker.dataset.events) + len(checker.dataset.conflicts)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("TREATY_CHECK_MAX_FILE_MB", "1024")
    os.environ.setdefault("TREATY_CHECK_MAX_DATASET_MB", "4096")
    os.environ.setdefault("TREATY_CHECK_MAX_RECORDS", "5000000")
    rows: list[tuple[str, ...]] = []
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            print(f"benchmarking {n:,} events ...", file=sys.stderr)
            results[n] = run_size(n, Path(tmp) / str(n), args.repeat, rows)
        largest = max(args.sizes)
        folder = Path(tmp) / str(largest)
        kb = peak_kb(
            f"from checker.api import Checker\nfrom datetime import date\n"
            f"Checker.load([{str(folder / 'treaties.yaml')!r}, {str(folder / 'dataset.yaml')!r}]).audit(as_of=date(2026, 11, 27))"
        )
        rows.append(("peak memory per event", f"{largest:,}", f"{kb * 1024 / results[largest]['events']:.0f} B", "", "", "", "<= 2 KB"))
    sizes = sorted(results)
    for small, big in zip(sizes, sizes[1:]):
        growth = results[big]["audit"] / results[small]["audit"]
        rows.append(("growth of audit time", f"{small:,} -> {big:,}", f"x{growth:.1f}", "events", f"x{big / small:.0f}", f"{growth / (big / small):.2f}", "<= 1.1"))
        jsonl, linear = results[big]["jsonl"] / results[small]["jsonl"], results[big]["linear"] / results[small]["linear"]
        rows.append(("growth of audit time, JSON Lines", f"{small:,} -> {big:,}", f"x{jsonl:.1f}", "json.loads each line",
                     f"x{linear:.1f}", f"{jsonl / linear:.2f}", "-"))
    cli = [sys.executable, "-m", "checker"]
    env_note = "(bundled data)"
    rows.append(("check from the CLI", env_note, f"{wall([*cli, 'check', '--state', 'FIN', '--action', 'production', '--on', '2026-01-05', '--treaty', 'apmbc'], args.repeat):.2f} s", "", "", "", "<= 0.3 s"))
    rows.append(("treaty-check --help", "", f"{wall([*cli, '--help'], args.repeat):.2f} s", "", "", "", "<= 0.1 s"))

    header = ("operation", "size", "time", "baseline", "baseline time", "ratio", "target")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
