"""The bundled data against the world: every state under the Mine Ban Treaty and the CCM, each
record sourced, the derived entry into force equal to the one the sources state; and the
`coverage` report that says so."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.api import Checker
from checker.coverage import hosts, kind_of, site
from checker.loader import Document, build_dataset, read_shipped
from checker.paths import treaties_dir

@pytest.fixture(scope="module")
def bundled() -> Checker:
    return Checker.load()


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    from checker.cli import main

    def _run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return _run


ROWS = yaml.safe_load((Path(__file__).parent / "data" / "sourced_dates.yaml").read_text(encoding="utf-8"))["rows"]


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r['treaty']}-{r['state']}")
def test_the_derived_entry_into_force_is_the_sourced_one(bundled: Checker, row: dict[str, Any]) -> None:
    day = row["entry_into_force"]
    on_day = bundled.status([row["state"]], on=day, treaty=row["treaty"]).states[0]
    day_before = bundled.status([row["state"]], on=day - timedelta(days=1), treaty=row["treaty"]).states[0]
    assert (on_day.status, on_day.since) == ("party", day.isoformat())
    assert day_before.status != "party"
    assert bundled.dataset.events_by_id[row["record"]].state == row["state"]


def test_every_dated_record_in_facts_has_a_source(bundled: Checker) -> None:
    unsourced = [e.id for e in bundled.dataset.events if not e.source]
    unsourced += [c.id for c in bundled.dataset.conflicts if not c.source]
    assert unsourced == []
    assert all(m.source for m in bundled.dataset.membership)


@pytest.mark.parametrize(("treaty", "at_least"), [("apmbc", 160), ("ccm", 100)])
def test_the_bundled_data_holds_every_state_the_sources_count(bundled: Checker, treaty: str, at_least: int) -> None:
    report = bundled.coverage(treaty)
    assert len(report.joined) + len(report.signed_only) >= at_least
    assert report.unaccounted == 0
    assert report.no_web_address == []


def _checker(records: dict[str, Any]) -> Checker:
    from tests_support import checker_with  # type: ignore[import-not-found]

    return checker_with(records)


def _event(ident: str, state: str, action: str, day: str, source: str) -> dict[str, Any]:
    return {"id": ident, "treaty": "apmbc", "state": state, "action": action, "date": date.fromisoformat(day), "source": source}


KINDS = [{"domain": "treaties.un.org", "kind": "depositary", "name": "UNTC"},
         {"domain": "apminebanconvention.org", "kind": "treaty_body", "name": "ISU"}]


def test_coverage_counts_states_names_the_missing_and_says_what_is_unaccounted() -> None:
    report = _checker({
        "events": [
            _event("a", "NOR", "signature", "1997-12-03", "https://archives.the-monitor.org/x and https://the-monitor.org/y"),
            _event("b", "NOR", "ratification", "1998-07-09", "https://treaties.un.org/status"),
            _event("c", "MHL", "signature", "1997-12-04", "Landmine Monitor 1999, no address"),
            _event("d", "FIN", "accession", "2012-01-09", "https://www.apminebanconvention.org/fin and https://icbl.org/fin"),
            _event("e", "KEN", "signature", "1997-12-05", "https://icbl.org/a and https://www.hrw.org/b"),
        ],
        "membership": [
            {"id": "old", "treaty": "apmbc", "as_of": date(2000, 1, 1), "joined": 1, "signed_only": 9, "source": "an older count"},
            {"id": "new", "treaty": "apmbc", "as_of": date(2025, 1, 1), "joined": 4, "signed_only": 2, "source": "the count",
             "missing": [{"state": "SWE", "why": "no source gives the day"}]},
        ],
        "source_kinds": KINDS,
    }).coverage("apmbc")
    assert (report.joined, report.signed_only) == (["FIN", "NOR"], ["KEN", "MHL"])
    assert (report.as_of, report.expected_joined, report.expected_signed_only) == ("2025-01-01", 4, 2)  # the latest count
    assert [(m.state, m.why) for m in report.missing] == [("SWE", "no source gives the day")]
    assert report.unaccounted == 6 - 4 - 1
    # two addresses of one publisher are one source; a second publisher, or a stronger kind, is not
    assert [(r.record, r.domains) for r in report.single_secondary_source] == [
        ("a", ["archives.the-monitor.org", "the-monitor.org"]),
    ]
    assert report.no_web_address == ["c"]
    assert report.records_by_strongest_source == {"depositary": 1, "official": 0, "treaty_body": 1, "secondary": 2}


def test_coverage_without_a_count_says_so() -> None:
    report = _checker({"events": [_event("a", "NOR", "signature", "1997-12-03", "https://icbl.org/x")]}).coverage("apmbc")
    assert report.as_of is None and report.unaccounted is None and report.missing == []


def test_sites_and_kinds_of_web_addresses() -> None:
    assert site("archives2.the-monitor.org") == "the-monitor.org"
    assert site("slnmac.gov.lk") == "slnmac.gov.lk" and site("www.mofa.go.jp") == "mofa.go.jp"
    kinds = {"overheid.nl": "official", "treaties.un.org": "depositary"}
    assert kind_of("verdragenbank.overheid.nl", kinds) == "official"
    assert kind_of("un.org", kinds) == "secondary"  # a parent of a listed domain is not listed
    assert kind_of("news.un.org", kinds) == "secondary"


def test_membership_and_source_kind_records_are_validated() -> None:
    from checker.errors import InputError

    bad = {
        "membership": [
            {"id": "m", "treaty": "nope", "as_of": date(2025, 1, 1), "joined": -1, "signed_only": 0, "source": "s"},
            {"id": "n", "treaty": "apmbc", "as_of": date(2025, 1, 1), "joined": 1, "signed_only": 0, "source": "s",
             "missing": [{"state": "XXQ", "why": "w"}]},
        ],
        "source_kinds": [*KINDS, {"domain": "treaties.un.org", "kind": "official", "name": "again"},
                         {"domain": "Not A Domain", "kind": "secondary", "name": "x"}],
    }
    with pytest.raises(InputError) as raised:
        build_dataset([*(read_shipped(p) for p in sorted(treaties_dir().glob("*.yaml"))), Document("bad.yaml", bad)])
    fields = sorted((p.record, p.field) for p in raised.value.problems)
    assert fields == [
        ("membership[0] (m)", "joined"),
        ("membership[1] (n)", "missing.0.state"),
        ("source_kinds[2]", "domain"),
        ("source_kinds[3]", "domain"),
    ]


def test_hosts_reads_the_addresses_of_a_record_and_its_alternative_dates(bundled: Checker) -> None:
    event = bundled.dataset.events_by_id["cok-apmbc-ratification"]
    assert "paclii.org" in hosts(event) and all(not h.startswith("www.") for h in hosts(event))


def test_coverage_from_the_cli(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("coverage", "--treaty", "ccm", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["treaty"] == "ccm" and data["unaccounted"] == 0
    code, out, _ = run("coverage", "--treaty", "apmbc")
    assert code == 0 and out.startswith("apmbc: 166 states with records: 166 with an instrument, 0 that only signed")
    code, _, err = run("coverage", "--treaty", "nope")
    assert code == 2 and "nope" in err


def test_the_readme_coverage_table_is_the_bundled_data(bundled: Checker) -> None:
    from checker.render import coverage_row

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for treaty in ("apmbc", "ccm"):
        assert coverage_row(bundled.coverage(treaty)) in readme
