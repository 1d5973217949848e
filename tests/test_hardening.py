"""Hostile and broken input: limits, error collection at scale, and no injection into the rules."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.api import Checker
from checker.errors import InputError
from checker.loader import Document, build_dataset, read_yaml
from checker.paths import treaties_dir

SHIPPED = [read_yaml(p) for p in sorted(treaties_dir().glob("*.yaml"))]


def run_cli(*argv: str) -> tuple[int, str, str, float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "checker", *argv], capture_output=True, text=True, check=False)
    return done.returncode, done.stdout, done.stderr, time.perf_counter() - start


def test_billion_laughs_fails_fast(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]")
    path = tmp_path / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err, seconds = run_cli("validate", str(path))
    assert code == 2 and out == ""
    assert "anchors and aliases" in err and "laughs.yaml:1:4" in err
    assert seconds < 10


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("w", encoding="utf-8") as f:
        f.write("events:\n")
        line = "  - {id: x, treaty: apmbc, state: FIN, action: use, date: 2020-01-01, note: " + "x" * 400 + "}\n"
        while f.tell() < 50 * 1024 * 1024:
            f.write(line)
    code, _, err, seconds = run_cli("validate", str(path))
    assert code == 2
    assert "the limit is 32 MB" in err
    assert seconds < 10


def test_ten_thousand_errors_are_all_found_quickly_in_bounded_memory_and_the_first_hundred_printed(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    rows = [f"  - {{id: e{i}, treaty: apmbc, state: NO, action: use, date: 2020-01-01}}" for i in range(10_000)]
    path.write_text("events:\n" + "\n".join(rows) + "\n", encoding="utf-8")
    code, _, err, seconds = run_cli("validate", str(path))
    assert code == 2
    assert err.count("field 'state': expected text, got the boolean false") == 100
    assert err.endswith("events[99] (e99): field 'state': expected text, got the boolean false (YAML reads unquoted "
                        "yes/no/on/off/NO as booleans: quote the value)\n... and 9900 more problems\n")
    assert seconds < 20
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 600
    code, out, _, _ = run_cli("validate", str(path), "--format", "json")
    report = json.loads(out)
    assert code == 2 and len(report["problems"]) == 100 and report["more_problems"] == 9900


def test_every_record_is_accounted_for_in_the_audit_summary() -> None:
    checker = Checker.load()
    total = len(checker.dataset.events) + len(checker.dataset.conflicts)
    for day in (date(2000, 1, 1), date(2015, 1, 1), date(2026, 11, 27)):
        summary = checker.audit(as_of=day).summary
        assert summary.events + summary.conflicts + summary.after_as_of == total


# --- no injection: hostile strings in every string field change nothing else ----------------

_PIECES = st.one_of(
    st.sampled_from(['"', "\\", "'", ").", "%", "#", ":-", "{", "}", "[", "]", "*", "&", "|", "`", "$", ";", ",",
                     "#include \"x.lp\".", "#show.", "%*", "*%", "#program base.", "a :- b.", "not "]),
    st.characters(blacklist_categories=["Cs", "Cc"]),
)
HOSTILE = st.lists(_PIECES, min_size=1, max_size=12).map("".join)
FREE_TEXT = st.lists(st.one_of(_PIECES, st.sampled_from(["\n", "\t"])), min_size=1, max_size=20).map("".join)

BASE_EVENTS = [
    {"id": "fin-a", "treaty": "apmbc", "state": "FIN", "action": "accession", "date": date(2012, 1, 9)},
    {"id": "fin-w", "treaty": "apmbc", "state": "FIN", "action": "withdrawal", "date": date(2025, 7, 10)},
    {"id": "ukr-a", "treaty": "apmbc", "state": "UKR", "action": "accession", "date": date(2005, 12, 27)},
]


def _answers(checker: Checker) -> tuple[object, ...]:
    days = [date(2012, 6, 30), date(2012, 7, 1), date(2026, 1, 9), date(2026, 1, 10)]
    statuses = tuple(
        (row.state, row.status, row.since, row.until)
        for day in days for row in checker.status(["FIN", "UKR"], on=day, treaty="apmbc").states
    )
    findings = tuple((f.code, f.records[0]) for f in checker.audit(as_of=date(2030, 1, 1)).findings if f.records[0] in ("fin-a", "fin-w", "ukr-a"))
    return statuses, findings


BASELINE = _answers(Checker(build_dataset([*SHIPPED, Document("base", {"events": BASE_EVENTS})])))


# 12 hostile records in the default run (~5 s), 60 others in the exhaustive one (`pytest -m exhaustive`).
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(ident=HOSTILE, source=FREE_TEXT, note=FREE_TEXT, name=FREE_TEXT, conflict_id=HOSTILE)
def test_hostile_strings_change_nothing_else(ident: str, source: str, note: str, name: str, conflict_id: str) -> None:
    _hostile_record_changes_nothing_else(ident, source, note, name, conflict_id)


@pytest.mark.exhaustive
@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(ident=HOSTILE, source=FREE_TEXT, note=FREE_TEXT, name=FREE_TEXT, conflict_id=HOSTILE)
def test_hostile_strings_change_nothing_else_exhaustively(
    ident: str, source: str, note: str, name: str, conflict_id: str,
) -> None:
    _hostile_record_changes_nothing_else(ident, source, note, name, conflict_id)


def _hostile_record_changes_nothing_else(ident: str, source: str, note: str, name: str, conflict_id: str) -> None:
    if ident in {e["id"] for e in BASE_EVENTS} or conflict_id in {ident, *(e["id"] for e in BASE_EVENTS)}:
        return
    hostile_event = {"id": ident, "treaty": "apmbc", "state": "UKR", "action": "suspension",
                     "date": date(2025, 7, 18), "source": source, "note": note}
    hostile_conflict = {"id": conflict_id, "name": name, "states": ["RUS"], "start": date(2014, 2, 20),
                        "end": None, "source": source}
    try:
        dataset = build_dataset([*SHIPPED, Document("hostile", {
            "events": [*BASE_EVENTS, hostile_event], "conflicts": [hostile_conflict]})])
    except InputError as exc:  # refused with a located message is fine; a crash is not
        assert all(p.record for p in exc.problems)
        return
    checker = Checker(dataset)
    assert _answers(checker) == BASELINE
    report = checker.audit(as_of=date(2030, 1, 1))
    assert [f.records[0] for f in report.findings if f.code == "suspension_not_permitted"] == [ident]
    json.loads(json.dumps(report.model_dump(mode="json")))
