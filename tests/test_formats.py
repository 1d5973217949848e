"""Every accepted format gives the same answers; the fast YAML path gives PyYAML's values; the cache."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import fastyaml, render
from checker.api import Checker, cached_audit
from checker.cli import main
from checker.errors import InputError
from checker.loader import _StrictLoader
from checker.results import Result

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate import generate, write  # noqa: E402

AS_OF = date(2026, 11, 27)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("generated")
    return {**write(generate(1500, seed=7), folder), "treaties": folder / "treaties.yaml"}


def _audit(paths: list[Path]) -> str:
    report = Checker.load(paths).audit(as_of=AS_OF)
    return render.to_json(report.model_copy(update={"receipt": report.receipt.model_copy(update={"dataset_sha256": ""})}))


def test_yaml_and_json_lines_give_the_same_audit(generated: dict[str, Path]) -> None:
    assert _audit([generated["treaties"], generated["yaml"]]) == _audit([generated["treaties"], generated["jsonl"]])


def test_csv_events_give_the_same_statuses(generated: dict[str, Path], tmp_path: Path) -> None:
    conflicts = tmp_path / "conflicts.yaml"  # a CSV table holds events only
    conflicts.write_text(yaml.safe_dump({"conflicts": yaml.safe_load(generated["yaml"].read_text(encoding="utf-8"))["conflicts"]}), encoding="utf-8")
    from_yaml = Checker.load([generated["treaties"], generated["yaml"]])
    from_csv = Checker.load([generated["treaties"], generated["csv"], conflicts])
    for treaty in ("apmbc", "synthetic_1"):
        assert from_csv.status(on=AS_OF, treaty=treaty).states == from_yaml.status(on=AS_OF, treaty=treaty).states


def test_the_fast_path_reads_the_generated_file_like_pyyaml(generated: dict[str, Path]) -> None:
    text = generated["yaml"].read_text(encoding="utf-8")
    fast = fastyaml.parse(text)
    assert fast is not None
    assert fast == yaml.load(text, Loader=_StrictLoader)


_PLAIN = st.sampled_from([
    "e1", "NO", "no", "yes", "on", "Off", "~", "null", "true", "0012", "0x1F", "1_000", "190:20:30", "1.5", ".inf",
    "2012-01-09", "2025-02-30", "2012-01-09 10:00:00", "2001-12-14t21:59:43.10-05:00", "FIN", "a b", "-1", "+3", "",
    "apmbc", "12e3", "=", "<<", "x:y", "-", "a-b", "1:2",
])
_KEY = st.sampled_from(["id", "treaty", "state", "date", "on", "NO", "y", "end", "states", "note", "x_1"])
_VALUE = st.one_of(_PLAIN, st.lists(_PLAIN.filter(bool), max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"))
_LINE = st.lists(st.tuples(_KEY, _VALUE), min_size=1, max_size=5).map(
    lambda pairs: "  - {" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
)
_DOC = st.lists(st.one_of(_LINE, st.sampled_from(["events:", "conflicts:", "# note", "", "  - {id: 'quoted'}", "  - id: e9"])),
                min_size=1, max_size=8).map(lambda lines: "events:\n" + "\n".join(lines) + "\n")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(_DOC)
def test_the_fast_path_agrees_with_pyyaml_or_steps_aside(text: str) -> None:
    fast = fastyaml.parse(text)
    if fast is None:
        return
    assert fast == yaml.load(text, Loader=_StrictLoader)


def test_json_lines_and_csv_errors_name_the_line(tmp_path: Path) -> None:
    jsonl = tmp_path / "bad.jsonl"
    jsonl.write_text('{"id": "a", "treaty": "apmbc", "state": "FIN", "action": "use", "date": "2020-01-01"}\n'
                     '{"id": "b", "treaty": "apmbc", "state": false, "action": "use", "date": "2020-02-30"}\n'
                     '{"id": "c", oops}\n', encoding="utf-8")
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text("id,treaty,state,action,date,colour\na,apmbc,FIN,use,2020-01-01,red\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        Checker.load([jsonl, csv_file])
    messages = [str(p) for p in exc.value.problems]
    assert any("bad.jsonl:3:" in m and "JSON syntax" in m for m in messages)
    with pytest.raises(InputError) as exc:
        Checker.load([csv_file])
    assert [str(p) for p in exc.value.problems] == [f"{csv_file}: line 2 (a): field 'colour': unknown field"]
    jsonl.write_text('{"id": "b", "treaty": "apmbc", "state": false, "action": "use", "date": "2020-02-30"}\n', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        Checker.load([jsonl])
    messages = sorted(str(p) for p in exc.value.problems)
    assert messages == [
        f"{jsonl}: line 1 (b): field 'date': expected a real calendar date YYYY-MM-DD, got the text '2020-02-30'",
        f"{jsonl}: line 1 (b): field 'state': expected text, got the boolean false (YAML reads unquoted yes/no/on/off/NO as booleans: quote the value)",
    ]


def test_a_repeated_audit_comes_from_the_cache_until_anything_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TREATY_CHECK_CACHE", str(tmp_path / "cache"))
    data = tmp_path / "data.yaml"
    data.write_text("events:\n  - {id: a, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}\n", encoding="utf-8")
    first = cached_audit([data], as_of=AS_OF)
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1
    calls = []
    monkeypatch.setattr(Checker, "load", classmethod(lambda cls, d=None: calls.append(d)))  # a hit must not load
    assert cached_audit([data], as_of=AS_OF) == first
    assert calls == []
    monkeypatch.undo()
    monkeypatch.setenv("TREATY_CHECK_CACHE", str(tmp_path / "cache"))
    data.write_text("events:\n  - {id: a, treaty: apmbc, state: FIN, action: accession, date: 2012-01-10}\n", encoding="utf-8")
    assert cached_audit([data], as_of=AS_OF) != first
    assert cached_audit([data], as_of=date(2026, 11, 28)).summary.as_of == "2026-11-28"
    assert len(list((tmp_path / "cache").glob("*.json"))) == 3


def test_the_cli_audit_uses_the_cache_and_no_cache_bypasses_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TREATY_CHECK_CACHE", str(tmp_path / "cache"))
    assert main(["audit", "--as-of", "2026-11-27", "--format", "json"]) == 1
    cached = capsys.readouterr().out
    assert main(["audit", "--as-of", "2026-11-27", "--format", "json", "--no-cache"]) == 1
    assert capsys.readouterr().out == cached
    assert json.loads(cached)["summary"]["as_of"] == "2026-11-27"


def _json_module(result: Result) -> str:
    """The JSON output as it was written before pydantic wrote it: the bytes it must keep."""
    return json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def test_json_output_keeps_the_bytes_of_the_json_module(generated: dict[str, Path]) -> None:
    bundled = Checker.load()
    day = date(2026, 2, 1)
    reports: list[Result] = [
        bundled.status(on=day, treaty="apmbc"),
        bundled.check("FIN", "transfer", on=day, treaty="apmbc", counterparty="SWE", explain=True),
        bundled.check("RUS", "withdrawal", on=day, treaty="npt"),
        bundled.check("USA", "suspension", on=day, treaty="inf", ground="material_breach", against=["RUS"]),
        bundled.audit(as_of=AS_OF),
        bundled.explain("FIN", on=day, treaty="apmbc"),
        bundled.timeline(["FIN", "UKR"], treaty="apmbc"),
        bundled.treaties(),
        bundled.coverage("apmbc"),
        Checker.load([generated["treaties"], generated["yaml"]]).audit(as_of=AS_OF),
    ]
    every_character = "".join(map(chr, range(0x250))) + "\u2028\u2029\ufeff\U0001f600\U0010ffff"
    reports.append(reports[4].model_copy(update={"findings": [
        reports[4].findings[0].model_copy(update={"message": every_character, "records": [every_character, ""]}),
    ]}))
    for report in reports:
        assert render.to_json(report) == _json_module(report), type(report).__name__
