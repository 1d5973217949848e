"""`treaty-check import untc`: a status table copied from the UN Treaty Collection becomes a dataset
that loads, and gives the sourced entry-into-force dates; anything unreadable is refused, by line.

tests/data/untc_apmbc.txt is ../shared/data/apmbc_states.csv written the UN's way (UN names, dates
as "3 Dec 1997", "a" after an accession). Its footnote numbers (Bolivia 1, Lithuania 2,3, Ukraine4
glued) are there to be stripped, not copied from the UN's page.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from checker import fastyaml
from checker.api import Checker
from checker.cli import main
from checker.errors import InputError
from checker.loader import _StrictLoader
from checker.untc import read_table, to_yaml

FIXTURE = Path(__file__).parent / "data" / "untc_apmbc.txt"
SHARED_TABLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "apmbc_states.csv"
HEADER = "Participant\tSignature\tRatification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"


def _csv_rows() -> list[dict[str, str]]:
    with SHARED_TABLE.open(encoding="utf-8") as table:
        return list(csv.DictReader(table))


def _import(tmp_path: Path, capsys: pytest.CaptureFixture[str], table: Path, *options: str) -> tuple[int, str, str]:
    code = main(["import", "untc", str(table), "--treaty", "apmbc", *options])
    out, err = capsys.readouterr()
    return code, out, err


def _table(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "table.txt"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("untc") / "apmbc.yaml"
    assert main(["import", "untc", str(FIXTURE), "--treaty", "apmbc", "-o", str(out)]) == 0
    return out


@pytest.mark.skipif(not SHARED_TABLE.exists(), reason="../shared is not beside this checkout")
def test_the_imported_table_gives_every_sourced_entry_into_force(imported: Path) -> None:
    checker = Checker.load([imported])
    rows = _csv_rows()
    assert len(rows) >= 30
    for row in rows:
        if not row["entry_into_force_date"]:
            # Cook Islands: the CSV's source was cut off before the instrument's date, so the table
            # has its signature only (the bundled facts have the ratification, from PacLII).
            assert row["instrument_date"] == ""
            [status] = checker.status([row["iso3"]], treaty="apmbc", on=date(2026, 1, 1)).states
            assert status.status == "signatory", row["state"]
            continue
        eif = date.fromisoformat(row["entry_into_force_date"])
        [on] = checker.status([row["iso3"]], treaty="apmbc", on=eif).states
        [before] = checker.status([row["iso3"]], treaty="apmbc", on=eif - timedelta(days=1)).states
        assert (on.status, on.since) == ("party", eif.isoformat()), row["state"]
        assert before.status == "pending", row["state"]


@pytest.mark.skipif(not SHARED_TABLE.exists(), reason="../shared is not beside this checkout")
def test_a_withdrawal_column_gives_withdrawal_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [r for r in _csv_rows() if r["withdrawal_deposit_date"]]  # Poland's deposit is not sourced: left out
    assert {r["iso3"] for r in rows} == {"EST", "LVA", "LTU", "FIN"}

    def un(day: str) -> str:
        parsed = date.fromisoformat(day)
        return f"{parsed.day} {parsed:%b %Y}"

    table = _table(tmp_path, *(
        "\t".join([r["state"], un(r["signature_date"]) if r["signature_date"] else "",
                   un(r["instrument_date"]) + (" a" if r["instrument_type"] == "accession" else ""),
                   un(r["withdrawal_deposit_date"])]) for r in rows
    ), header=HEADER + "\tWithdrawal")
    out = tmp_path / "out.yaml"
    assert _import(tmp_path, capsys, table, "-o", str(out))[0] == 0
    checker = Checker.load([out])
    for row in rows:
        effective = date.fromisoformat(row["withdrawal_effective_date"])
        [on] = checker.status([row["iso3"]], treaty="apmbc", on=effective).states
        [before] = checker.status([row["iso3"]], treaty="apmbc", on=effective - timedelta(days=1)).states
        assert (on.status, before.status) == ("withdrawn", "withdrawing"), row["state"]


def test_the_output_validates_and_is_read_by_the_fast_path(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(imported)]) == 0
    assert capsys.readouterr().out.startswith("ok: ")
    text = imported.read_text(encoding="utf-8")
    assert fastyaml.parse(text) is not None
    assert fastyaml.parse(text) == yaml.load(text, Loader=_StrictLoader)
    assert main(["audit", "--data", str(imported), "--no-cache", "--severity", "warning"]) == 0


def test_records_name_their_line_and_the_table(imported: Path) -> None:
    events = yaml.safe_load(imported.read_text(encoding="utf-8"))["events"]
    afghanistan = next(e for e in events if e["state"] == "AFG")
    assert afghanistan == {"id": "afg-apmbc-accession", "treaty": "apmbc", "state": "AFG", "action": "accession",
                           "date": date(2002, 9, 11),
                           "source": "untc_apmbc.txt line 2 (UN Treaty Collection status table)"}
    assert {e["state"] for e in events} >= {"BOL", "COG", "LTU", "UKR"}  # names with footnotes, UN names


def test_without_output_the_dataset_is_printed(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _import(imported.parent, capsys, FIXTURE)
    assert (code, err) == (0, "")
    assert out == imported.read_text(encoding="utf-8")


def test_csv_reads_like_tab_separated(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        for line in FIXTURE.read_text(encoding="utf-8").splitlines():
            writer.writerow(line.split("\t"))
    assert read_table(path, "apmbc") == [
        {**r, "source": r["source"].replace("untc_apmbc.txt", "table.csv")} for r in read_table(FIXTURE, "apmbc")
    ]


@pytest.mark.parametrize(("name", "code"), [
    ("Bolivia (Plurinational State of)", "BOL"), ("Democratic Republic of the Congo", "COD"), ("Congo", "COG"),
    ("Türkiye", "TUR"), ("State of Palestine", "PSE"), ("Holy See", "VAT"), ("Cook Islands", "COK"), ("Niue", "NIU"),
    ("Côte d’Ivoire", "CIV"), ("Republic of Moldova", "MDA"),
    ("United Kingdom of Great Britain and Northern Ireland", "GBR"), ("Venezuela (Bolivarian Republic of)", "VEN"),
    ("Iran (Islamic Republic of)", "IRN"), ("Lao People's Democratic Republic", "LAO"),
    ("Micronesia (Federated States of)", "FSM"), ("Netherlands (Kingdom of the)", "NLD"), ("Czech Republic", "CZE"),
    ("Czechia", "CZE"), ("Swaziland", "SWZ"), ("Eswatini", "SWZ"), ("The former Yugoslav Republic of Macedonia", "MKD"),
    ("North Macedonia", "MKD"), ("Viet Nam", "VNM"), ("Republic of Korea", "KOR"),
    ("Democratic People's Republic of Korea", "PRK"), ("United Republic of Tanzania", "TZA"),
    ("Syrian Arab Republic", "SYR"), ("Russian Federation", "RUS"), ("Cabo Verde", "CPV"), ("Cape Verde", "CPV"),
    ("Sao Tome and Principe", "STP"), ("Saint Kitts and Nevis", "KNA"), ("Saint Vincent and the Grenadines", "VCT"),
    ("Timor-Leste", "TLS"), ("Brunei Darussalam", "BRN"), ("Serbia", "SRB"), ("Montenegro", "MNE"),
    ("South Sudan", "SSD"), ("Brazil 3", "BRA"), ("Denmark 2,3", "DNK"), ("Denmark2", "DNK"), ("Brazil³", "BRA"),
])
def test_un_names_map_to_iso_codes(tmp_path: Path, name: str, code: str) -> None:
    [record] = read_table(_table(tmp_path, f"{name}\t\t3 Dec 1999 a"), "apmbc")
    assert record["state"] == code


def test_a_succession_takes_its_date_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = _table(tmp_path, "Montenegro\t\t23 Oct 2006 d")
    code, _, err = _import(tmp_path, capsys, table)
    assert code == 2
    assert "line 2" in err and "--succession-date MNE=YYYY-MM-DD" in err
    code, out, _ = _import(tmp_path, capsys, table, "--succession-date", "MNE=2006-06-03")
    assert code == 0
    assert "succession_date: 2006-06-03" in out
    assert read_table(table, "apmbc", {"MNE": date(2006, 6, 3)})[0]["action"] == "succession"


def test_every_problem_is_reported_together_by_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = _table(
        tmp_path,
        "Atlantis\t3 Dec 1997\t",                  # line 2: unknown name
        "Belgium\t3 Dex 1997\t4 Sep 1998",         # line 3: unreadable date
        "Canada\t3 Dec 1997\t3 Dec 1997 P",         # line 4: unknown mark
        "Montenegro\t\t23 Oct 2006 d\tx",           # line 5: a succession with no date; the extra column
        "Yugoslavia\t\t3 Dec 1997 a",              # line 6: no ISO code
        "Chile\t3 Dec 1997\t31 Feb 2001",          # line 7: no such day
        "Canada\t\t3 Dec 1997 a",                  # line 8: a state twice
        "France\t3 Dec 1997\t23 Jul 1998\t\tmore",  # line 9: a cell beyond the header
        "Germany\t\t",                            # line 10: no date
        header=HEADER + "\tRemarks",
    )
    code, out, err = _import(tmp_path, capsys, table)
    assert (code, out) == (2, "")
    assert "Traceback" not in err
    expected = [
        "line 1: unknown column 'Remarks'",
        "line 2: field 'participant': unknown participant 'Atlantis'",
        "line 3: field 'signature': unreadable date '3 Dex 1997'",
        "line 4: field 'instrument': unknown mark 'P'",
        "line 5: field 'instrument': Montenegro: a succession (d) needs the date",
        "line 6: field 'participant': 'Yugoslavia' has no ISO 3166-1 alpha-3 code",
        "line 7: field 'instrument': unreadable date '31 Feb 2001': no such day",
        "line 8: field 'participant': 'Canada' is CAN, already on line 4",
        "line 9: a cell beyond the header's 4 columns: 'more'",
        "line 10: Germany: no date in the row",
    ]
    for words in expected:
        assert f"error: {table}: {words}" in err, f"{words!r} not in:\n{err}"


def test_an_empty_unknown_column_is_no_problem_and_a_provisional_application_column_is_read(tmp_path: Path) -> None:
    table = _table(tmp_path, "Belgium\t3 Dec 1997\t4 Sep 1998\t\t5 Sep 1998 n",
                   header=HEADER + "\tRemarks\tProvisional application(n)")
    assert [r["action"] for r in read_table(table, "apmbc")] == ["signature", "ratification", "provisional_application"]


def test_a_header_that_does_not_fit_is_refused(tmp_path: Path) -> None:
    table = _table(tmp_path, "Belgium\t3 Dec 1997\t4 Sep 1998", header="State\tSignature\tRatification")
    with pytest.raises(InputError) as raised:
        read_table(table, "apmbc")
    [problem] = raised.value.problems
    assert problem.record == "line 1" and "not the header of a UN Treaty Collection status table" in problem.message


def test_a_date_of_succession_with_no_succession_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="names SRB, which has no succession"):
        read_table(_table(tmp_path, "Belgium\t3 Dec 1997\t4 Sep 1998"), "apmbc", {"SRB": date(2006, 6, 3)})


def test_an_unknown_treaty_exits_2_with_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "untc", str(FIXTURE), "--treaty", "ottawa"]) == 2
    err = capsys.readouterr().err
    assert "unknown treaty 'ottawa'" in err and "apmbc" in err and "rome" in err


def test_a_file_name_yaml_cannot_take_plain_is_quoted(tmp_path: Path) -> None:
    path = tmp_path / "un: table, 2025.txt"
    path.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    text = to_yaml(read_table(path, "apmbc"), path.name)
    events = yaml.load(text, Loader=_StrictLoader)["events"]
    assert events[0]["source"] == "un: table, 2025.txt line 2 (UN Treaty Collection status table)"
