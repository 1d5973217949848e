"""Readings: the registry, the README's generated list, and the ways of choosing one."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from checker.cli import main
from checker.errors import InputError
from checker.readings import READINGS, markdown
from tests_support import checker_with

README = Path(__file__).parent.parent / "README.md"

# Finland's withdrawal (2025-07-10) expires on 2026-01-10 while conflict c1 engages it; c2 starts
# during the deferral and outlasts c1.
CHAIN = {
    "events": [
        {"id": "a", "treaty": "apmbc", "state": "FIN", "action": "accession", "date": date(2012, 1, 9)},
        {"id": "w", "treaty": "apmbc", "state": "FIN", "action": "withdrawal", "date": date(2025, 7, 10)},
    ],
    "conflicts": [
        {"id": "c1", "states": ["FIN"], "start": date(2025, 12, 1), "end": date(2026, 3, 1)},
        {"id": "c2", "states": ["FIN"], "start": date(2026, 2, 1), "end": date(2026, 5, 1)},
    ],
}


def test_the_readme_lists_the_readings_as_the_registry_gives_them() -> None:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- readings:start -->\n(.*?)<!-- readings:end -->", text, re.S)
    assert block is not None and block.group(1) == markdown(), "regenerate with checker.readings.markdown()"


def test_every_reading_has_a_default_and_an_alternative_each_justified() -> None:
    for reading in READINGS.values():
        assert len(reading.values) >= 2 and all(why.strip() for why in reading.values.values())
        assert reading.default == next(iter(reading.values))


def test_the_api_applies_a_chosen_reading_and_says_what_the_default_gives() -> None:
    chained = checker_with(CHAIN, readings={"armed_conflict_deferral": "chained"})
    row = chained.status(["FIN"], on=date(2026, 4, 1), treaty="apmbc").states[0]
    assert row.status == "withdrawing"
    decided = {r.name: (r.applied, {a.value: a.result for a in r.alternatives}) for r in row.readings}
    assert decided["armed_conflict_deferral"] == ("chained", {"literal": "withdrawn since 2026-03-01"})
    assert chained.status(["FIN"], on=date(2026, 4, 1), treaty="apmbc").receipt.readings["armed_conflict_deferral"] == "chained"


def test_an_unknown_reading_or_value_is_refused_with_every_problem_named() -> None:
    with pytest.raises(InputError) as caught:
        checker_with(CHAIN, readings={"deferral": "x", "month_end": "never"})
    text = "\n".join(map(str, caught.value.problems))
    assert "deferral" in text and "unknown reading" in text
    assert "month_end" in text and "'never'" in text and "clamp" in text


def test_the_cli_lists_the_readings_and_takes_them_as_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["readings", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in listed] == list(READINGS)
    assert main(["readings"]) == 0
    assert "armed_conflict_deferral (default: literal)" in capsys.readouterr().out

    data = tmp_path / "chain.yaml"
    import yaml

    data.write_text(yaml.safe_dump(CHAIN), encoding="utf-8")
    args = ["status", "FIN", "--treaty", "apmbc", "--on", "2026-04-01", "--data", str(data)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "withdrawn" in out and "reading armed_conflict_deferral=literal decided FIN; chained gives: withdrawing" in out
    assert main([*args, "--reading", "armed_conflict_deferral=chained", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["states"][0]["status"] == "withdrawing"
    assert main([*args, "--reading", "armed_conflict_deferral"]) == 2
    assert "expected NAME=VALUE" in capsys.readouterr().err


def test_a_cached_audit_is_kept_apart_for_each_reading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    data = tmp_path / "chain.yaml"
    data.write_text(yaml.safe_dump(CHAIN), encoding="utf-8")
    args = ["audit", "--data", str(data), "--as-of", "2026-11-01", "--format", "json"]
    days = []
    for chosen in (["--reading", "armed_conflict_deferral=chained"], [], ["--reading", "armed_conflict_deferral=chained"]):
        main([*args, *chosen])
        found = json.loads(capsys.readouterr().out)["findings"]
        days += [f["message"].split("it takes effect on ")[1][:10] for f in found if f["code"] == "withdrawal_deferred_by_armed_conflict"]
    assert days == ["2026-05-01", "2026-03-01", "2026-05-01"]
