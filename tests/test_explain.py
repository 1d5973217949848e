"""Every answer explained: derivations, code docs, timelines, schemas and receipts."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from checker import render
from checker.api import Checker
from checker.cli import main
from checker.html import timeline_html
from checker.paths import treaties_dir
from checker.results import Reason
from checker.schema import KINDS, OUTPUTS, schema_json

SCHEMAS = Path(__file__).resolve().parents[1] / "schema"


@pytest.fixture(scope="module")
def bundled() -> Checker:
    return Checker.load()


def flatten(reasons: list[Reason]) -> list[Reason]:
    out = []
    for reason in reasons:
        out.append(reason)
        out.extend(flatten(reason.because))
    return out


def test_finlands_exit_is_explained_by_record_source_article_expiry_and_no_conflict(bundled: Checker) -> None:
    report = bundled.explain("FIN", on=date(2026, 1, 10), treaty="apmbc")
    assert report.status == "withdrawn"
    steps = flatten(report.because)
    records = [s for s in steps if s.kind == "record"]
    assert [r.record for r in records] == ["fin-apmbc-withdrawal"]
    assert "gamereactor.eu" in (records[0].source or "")
    clause = next(s for s in steps if s.kind == "clause")
    assert clause.article == "Art. 20(2)-(3)"
    assert "shall only take effect six months after the receipt" in (clause.text or "")
    claims = [s.claim for s in steps]
    assert "the notice period (6 months from the deposit on 2025-07-10) expires on 2026-01-10" in claims
    assert "no recorded armed conflict engaged Finland (FIN) on 2026-01-10" in claims


def test_a_withdrawing_status_says_what_ends_it(bundled: Checker) -> None:
    report = bundled.explain("FIN", on=date(2026, 1, 9), treaty="apmbc")
    assert (report.status, report.since, report.until) == ("withdrawing", "2025-07-10", "2026-01-10")
    assert [r.claim for r in report.ends] == ["Finland (FIN) is withdrawn under apmbc from 2026-01-10"]


def test_ukraines_suspension_is_explained_by_record_missing_clause_and_articles(bundled: Checker) -> None:
    finding = next(f for f in bundled.audit(explain=True).findings if f.code == "suspension_not_permitted")
    steps = flatten(finding.explanation or [])
    assert [s.record for s in steps if s.kind == "record"] == ["ukr-apmbc-suspension"]
    clause = next(s for s in steps if s.kind == "clause" and s.article == "Art. 20")
    assert clause.claim.endswith("the treaty has no suspension clause")
    assert "does not allow the suspension of its operation" in (clause.text or "")
    # what the treaty gives instead, its own armed-conflict rule, and the general law's conditions
    assert {s.article for s in steps if s.article} == {
        "Art. 20", "Art. 20(2)-(3)", "VCLT Art. 57", "VCLT Arts. 58, 60, 62, 65",
        "ILC Draft Articles on the effects of armed conflicts on treaties (2011), Arts. 3, 4, 7",
    }
    assert "its status stays party and every obligation continues" in finding.message


def test_ukraines_status_explanation_says_its_suspension_changed_nothing(bundled: Checker) -> None:
    report = bundled.explain("UKR", on=date(2026, 1, 1), treaty="apmbc")
    assert report.status == "party"
    suspension = next(r for r in report.because if r.claim.startswith("finding suspension_not_permitted"))
    assert "ukr-apmbc-suspension" in [s.record for s in flatten(suspension.because)]
    # and not in the explanation of a status that ended before the declaration
    earlier = bundled.explain("UKR", on=date(2006, 1, 1), treaty="apmbc")
    assert not any(r.claim.startswith("finding") for r in earlier.because)


def test_a_deferred_withdrawal_names_the_conflict_and_its_record() -> None:
    checker = _scenario_checker("withdrawal", "the audit reports the deferral")
    finding = next(f for f in checker.audit(explain=True).findings if f.code == "withdrawal_deferred_by_armed_conflict")
    steps = flatten(finding.explanation or [])
    assert {s.record for s in steps if s.kind == "record"} == {"w", "c"}
    assert any(s.claim.endswith("Ukraine (UKR) is engaged in that armed conflict on 2026-01-16") for s in steps)


def _scenario_checker(file: str, name: str) -> Checker:
    import yaml

    from tests_support import checker_for  # type: ignore[import-not-found]

    cases = yaml.safe_load((Path(__file__).parent / "scenarios" / f"{file}.yaml").read_text(encoding="utf-8"))["scenarios"]
    return checker_for(next(c for c in cases if c["name"] == name))


def _audit_scenarios() -> list[dict[str, Any]]:
    import yaml

    return [case for path in sorted((Path(__file__).parent / "scenarios").glob("*.yaml"))
            for case in yaml.safe_load(path.read_text(encoding="utf-8"))["scenarios"] if "audit" in case]


def _covering(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first scenario expecting each finding code: every code's explanation path, at a fraction
    of the cost of every scenario."""
    seen: set[str] = set()
    chosen = []
    for case in cases:
        codes = {f[0] for f in (case.get("expect") or {}).get("findings", [])}
        if not codes <= seen:
            chosen.append(case)
            seen |= codes
    return chosen


def _explained_down_to_record(case: dict[str, Any]) -> None:
    from tests_support import checker_for  # type: ignore[import-not-found]

    for finding in checker_for(case).audit(explain=True).findings:
        steps = flatten(finding.explanation or [])
        if finding.records == [finding.treaty]:  # a term run out from a threshold day the definition gives: no record
            assert any(s.kind == "clause" for s in steps), (case["name"], finding.code)
            continue
        records = {s.record for s in steps if s.kind == "record"}
        assert finding.records[0] in records, (case["name"], finding.code)


def test_every_finding_code_of_the_scenarios_is_explained_down_to_its_record() -> None:
    for case in _covering(_audit_scenarios()):
        _explained_down_to_record(case)


@pytest.mark.exhaustive
def test_every_finding_of_every_scenario_is_explained_down_to_its_record() -> None:
    chosen = {case["name"] for case in _covering(_audit_scenarios())}
    for case in _audit_scenarios():
        if case["name"] not in chosen:
            _explained_down_to_record(case)


def test_every_status_interval_of_the_bundled_data_has_a_derivation(bundled: Checker) -> None:
    # one state for each shape of history (its statuses, the kinds of record that opened them, and
    # whether one began with the treaty itself): the 290 states of the full lists repeat a few
    # shapes, each explained the same way
    actions = {e.id: e.action for e in bundled.dataset.events}
    general = {t.id: t.in_force_since for t in bundled.treaties().treaties}
    for treaty in ("apmbc", "ccm"):
        shapes: set[tuple[tuple[str, str, bool], ...]] = set()
        for row in bundled.timeline(treaty=treaty).states:
            shape = tuple((i.status, actions.get(i.opened_by or "", ""), i.start == general[treaty]) for i in row.intervals)
            if shape in shapes:
                continue
            shapes.add(shape)
            for interval in row.intervals[1:]:
                report = bundled.explain(row.state, on=date.fromisoformat(interval.start or ""), treaty=treaty)
                assert report.since == interval.start
                assert any(s.kind == "record" for s in flatten(report.because)), (row.state, interval)


def test_timeline_lists_intervals_with_opening_and_closing_records(bundled: Checker) -> None:
    row = bundled.timeline(["EST"], treaty="apmbc").states[0]
    assert [(i.status, i.start, i.end, i.opened_by, i.closed_by) for i in row.intervals] == [
        ("non_party", None, "2004-05-12", None, "est-apmbc-accession"),
        ("pending", "2004-05-12", "2004-11-01", "est-apmbc-accession", "est-apmbc-accession"),
        ("party", "2004-11-01", "2025-06-27", "est-apmbc-accession", "est-apmbc-withdrawal"),
        ("withdrawing", "2025-06-27", "2025-12-27", "est-apmbc-withdrawal", "est-apmbc-withdrawal"),
        ("withdrawn", "2025-12-27", None, "est-apmbc-withdrawal", None),
    ]


def test_html_timeline_is_self_contained_and_shows_the_exits(bundled: Checker) -> None:
    page = timeline_html(bundled.timeline(treaty="apmbc"))
    for needle in ("<script", "src=", "href=", "url(", "@import", "<link"):  # nothing fetched, nothing run
        assert needle not in page
    svgs = [ET.fromstring(chunk.split("</svg>")[0] + "</svg>") for chunk in ("<svg" + part for part in page.split("<svg")[1:])]
    assert len(svgs) == 2
    ns = "{http://www.w3.org/2000/svg}"
    for svg in svgs:
        bands = {(r.get("data-state"), r.get("data-status")): r for r in svg.iter(f"{ns}rect")}
        for state, day in [("EST", "2025-12-27"), ("LVA", "2025-12-27"), ("LTU", "2025-12-27"), ("FIN", "2026-01-10"), ("POL", "2026-02-20")]:
            band = bands[(state, "withdrawn")]
            assert band.get("data-start") == day
            assert float(band.get("width") or 0) > 10, (state, "the exit must be visible at a glance")
        assert ("UKR", "withdrawn") not in bands
        markers = [p for p in svg.iter(f"{ns}path") if p.get("data-code") == "suspension_not_permitted"]
        assert [m.get("data-state") for m in markers] == ["UKR"]


def test_html_finding_markers_sit_in_their_own_row_and_differ_by_severity(bundled: Checker) -> None:
    page = timeline_html(bundled.timeline(["GRC", "UKR", "TON"], treaty="apmbc"))
    svg = ET.fromstring("<svg" + page.split("<svg", 1)[1].split("</svg>")[0] + "</svg>")
    ns = "{http://www.w3.org/2000/svg}"
    band_top = {r.get("data-state"): float(r.get("y") or 0) for r in svg.iter(f"{ns}rect")}
    shapes: dict[str, set[str]] = {}
    for marker in (p for p in svg.iter(f"{ns}path") if p.get("data-code")):
        y = float((marker.get("transform") or "").split()[-1].rstrip(")"))
        state = marker.get("data-state") or ""
        others = [top for s, top in band_top.items() if s != state]
        # above its own band, and below the band of the row before it
        assert band_top[state] - 12 <= y < band_top[state], (state, marker.get("data-code"))
        assert all(not (top <= y <= top + 16) for top in others)
        shapes.setdefault(marker.get("data-severity") or "", set()).add(marker.get("d") or "")
    assert set(shapes) == {"error", "info"} and all(len(v) == 1 for v in shapes.values())
    assert shapes["error"] != shapes["info"]
    assert "◆</span> error" in page and "▲</span> warning" in page  # the legend


def test_html_timeline_of_an_ended_treaty(bundled: Checker) -> None:
    page = timeline_html(bundled.timeline(treaty="inf"))
    assert 'data-status="terminated"' in page and "terminated</span>" in page


def test_cli_writes_the_html_timeline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "timeline.html"
    assert main(["timeline", "--treaty", "apmbc", "--html", str(page)]) == 0
    assert "withdrawn" in capsys.readouterr().out
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_explain_code_runs_its_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "withdrawal_deferred_by_armed_conflict"]) == 0
    out = capsys.readouterr().out
    assert "Rests on: Art. 20(2)-(3)" in out
    assert "only once the conflict ends" in out


def test_codes_lists_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    from checker.codes import CODES

    assert main(["codes", "--format", "json"]) == 0
    assert [row["code"] for row in json.loads(capsys.readouterr().out)] == list(CODES)


def test_unknown_code_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "no_such_code"]) == 2
    assert "unknown finding code" in capsys.readouterr().err


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_published_schema_is_the_generated_one(kind: str) -> None:
    assert (SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8") == schema_json(kind), (
        "regenerate with: treaty-check schema KIND > schema/KIND.schema.json"
    )


@pytest.mark.parametrize("path", sorted(treaties_dir().glob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_treaty_file_validates_against_the_treaty_schema(path: Path) -> None:
    document = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    jsonschema.validate(document, json.loads(schema_json("treaty")))


def test_the_treaty_schema_refuses_what_the_loader_refuses() -> None:
    schema = json.loads(schema_json("treaty"))
    bad = {"treaties": [{"id": "x", "withdrawal": {"notice": {"weeks": 3}}}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def _json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    main([*argv, "--format", "json"])
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("kind", "argv"),
    [
        ("status", ["status", "--treaty", "apmbc", "--on", "2026-01-09"]),
        ("check", ["check", "--state", "UKR", "--action", "withdrawal", "--on", "2026-01-09", "--treaty", "apmbc", "--explain"]),
        ("audit", ["audit", "--explain"]),
        ("explain", ["explain", "--state", "FIN", "--treaty", "apmbc", "--on", "2026-01-09"]),
        ("timeline", ["timeline", "--treaty", "apmbc"]),
        ("treaties", ["treaties"]),
    ],
)
def test_real_outputs_validate_against_the_schema_and_carry_a_receipt(kind: str, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    output = _json(argv, capsys)
    jsonschema.validate(output, json.loads(schema_json(kind)))
    assert output["schema_version"] == "1"
    receipt = output["receipt"]
    assert set(receipt) == {"tool_version", "clingo_version", "rules_sha256", "treaties_sha256", "dataset_sha256", "as_of", "readings"}
    assert all(len(receipt[k]) == 64 for k in ("rules_sha256", "treaties_sha256", "dataset_sha256"))


def test_the_dataset_hash_changes_with_the_data(bundled: Checker, tmp_path: Path) -> None:
    data = tmp_path / "one.yaml"
    data.write_text("events:\n  - {id: a, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}\n", encoding="utf-8")
    other = Checker.load([data])
    assert other.receipt(None).dataset_sha256 != bundled.receipt(None).dataset_sha256
    assert other.receipt(None).rules_sha256 == bundled.receipt(None).rules_sha256
    assert render.to_json(other.audit()) == render.to_json(Checker.load([data]).audit())


def test_a_transfer_explains_both_sides(bundled: Checker) -> None:
    report = bundled.check("USA", "transfer", counterparty="UKR", on=date(2024, 11, 20), treaty="apmbc", explain=True)
    assert (report.verdict, report.bound, report.counterparty_verdict, report.counterparty_bound) == ("permitted", False, "prohibited", True)
    assert [r.kind for r in report.status_explanation or []] == ["absence"]
    assert any(r.record == "ukr-apmbc-ratification" for r in flatten(report.counterparty_status_explanation or []))
    receipt = next(f for f in report.findings if f.code == "prohibited_receipt")
    assert receipt.state == "UKR"
    assert any(r.claim.startswith("Ukraine (UKR) is bound") for r in flatten(receipt.explanation or []))


def test_a_deadline_finding_is_explained_from_entry_into_force_to_the_record(bundled: Checker) -> None:
    finding = next(
        f for f in bundled.audit(as_of=date(2026, 11, 27), explain=True).findings
        if f.code == "stockpile_destruction_overdue" and f.state == "GRC"
    )
    steps = flatten(finding.explanation or [])
    claims = [s.claim for s in steps]
    assert "the stockpile destruction deadline for Greece (GRC) is 2008-03-01" in claims
    assert "the treaty enters into force for Greece (GRC) on 2004-03-01" in claims
    assert {s.record for s in steps if s.kind == "record"} >= {"grc-apmbc-ratification", "grc-apmbc-stockpile-2019"}
    assert any(s.article == "Art. 4" for s in steps)


def _recorded_explanations() -> list[Any]:
    path = Path(__file__).parent / "explain_examples.yaml"
    return [pytest.param(case, id=case["name"]) for case in yaml.safe_load(path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("case", _recorded_explanations())
def test_explanations_read_as_recorded(case: dict[str, Any]) -> None:
    from tests_support import checker_for, reason_lines  # type: ignore[import-not-found]

    checker = checker_for({"data": {k: case[k] for k in ("events", "conflicts", "derived_treaties") if k in case},
                           "readings": case.get("readings")})
    if "audit" in case:
        findings = checker.audit(as_of=case["audit"], explain=True).findings
        got = [
            {"code": f.code, "records": f.records, "explanation": [line for r in f.explanation or [] for line in reason_lines(r)]}
            for f in findings if f.code != "deadline_unknown"
        ]
        assert got == case["findings"]
    else:
        report = checker.explain(case["state"], on=case["day"], treaty=case.get("treaty", "apmbc"))
        assert report.status == case["status"]
        assert [line for r in report.because for line in reason_lines(r)] == case["because"]
        assert [line for r in report.ends for line in reason_lines(r)] == case["ends"]


def test_a_clause_the_treaty_lacks_with_no_general_law_in_its_place_is_explained_as_absent() -> None:
    """A term extension under a treaty of unlimited duration cites the duration clause, which the
    treaty lacks and no general-law rule replaces: the explanation says it is absent (it crashed)."""
    from tests_support import checker_for  # type: ignore[import-not-found]

    case = {"data": {"events": [
        {"id": "fin", "treaty": "apmbc", "state": "FIN", "action": "accession", "date": date(2012, 1, 9)},
        {"id": "x", "treaty": "apmbc", "state": "FIN", "action": "term_extension", "date": date(2020, 1, 1),
         "extended_until": date(2030, 1, 1)},
    ]}}
    finding = next(f for f in checker_for(case).audit(explain=True).findings if f.code == "term_extension_without_effect")
    assert ("Mine Ban Treaty (Ottawa Convention) has no duration clause", "absence") in [
        (r.claim, r.kind) for r in finding.explanation or []]
