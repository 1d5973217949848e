"""The answers, as models: what the JSON output is made of (and, later, its published schema)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from checker.codes import Severity

Status = Literal["non_party", "signatory", "pending", "party", "withdrawing", "withdrawn", "terminated"]
# contested: an act the treaty does not provide for, claimed on a ground of general law (a
# suspension for material breach, VCLT Art. 60): its effect is disputed, and the finding says on what
Verdict = Literal["permitted", "prohibited", "no_legal_effect", "contested"]


SCHEMA_VERSION = "1"


class Result(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Receipt(Result):
    """What a published result needs to be reproduced: versions, content hashes, the day asked."""

    tool_version: str
    clingo_version: str
    rules_sha256: str
    treaties_sha256: str
    dataset_sha256: str
    as_of: str | None
    readings: dict[str, str]  # the value applied for every reading (`treaty-check readings`)


class Alternative(Result):
    value: str
    result: str  # what the answer is under this value


class ReadingApplied(Result):
    """A reading that decided an answer: the value applied, and what each other value gives."""

    name: str
    applied: str
    alternatives: list[Alternative]


class Report(Result):
    """A top-level JSON output."""

    schema_version: str = SCHEMA_VERSION
    receipt: Receipt


class Finding(Result):
    code: str
    severity: Severity
    treaty: str | None
    state: str | None
    date: str
    article: str | None
    message: str
    records: list[str]
    explanation: list[Reason] | None = None
    readings: list[ReadingApplied] = []  # readings that decided this finding


class StateStatus(Result):
    state: str
    name: str
    status: Status
    since: str | None  # first day of this status; null: never had another
    until: str | None  # first day of the next status, if one is already known
    bound: bool  # bound by the general obligations that day (party, withdrawing, provisional)
    record: str | None  # the record that opened this status
    readings: list[ReadingApplied] = []  # readings that decided this row


class StatusReport(Report):
    treaty: str
    date: str
    states: list[StateStatus]


class WithdrawalOutcome(Result):
    takes_effect: str | None
    reason: str
    ends_treaty: bool = False  # a bilateral treaty ends for both parties that day (INF Art. XV(2))
    overtaken_by_end: str | None = None  # the treaty ends that day, first: the notice never takes effect


class CheckReport(Report):
    treaty: str
    state: str
    action: str
    date: str
    counterparty: str | None
    verdict: Verdict  # for the acting state
    status: Status
    bound: bool
    counterparty_status: Status | None = None
    counterparty_bound: bool | None = None
    counterparty_verdict: Verdict | None = None  # for the receiving side of a transfer
    findings: list[Finding]
    status_explanation: list[Reason] | None = None  # with --explain: why the state had its status
    counterparty_status_explanation: list[Reason] | None = None
    withdrawal: WithdrawalOutcome | None = None
    readings: list[ReadingApplied] = []  # readings that decided the verdict or the withdrawal's day


class AuditSummary(Result):
    files: int
    treaties: list[str]
    states: int
    events: int
    conflicts: int
    after_as_of: int  # records dated after the audit day, left out
    as_of: str  # the audit day
    findings: dict[str, int]


class AuditReport(Report):
    findings: list[Finding]
    summary: AuditSummary
    # findings that only another value of a reading gives (the ones it changes are on the finding)
    readings: list[ReadingApplied] = []
    # findings left out by `--severity` or `--code` (summary.findings still counts every finding)
    hidden: int = 0


class Reason(Result):
    """One step of a derivation: a claim, what it rests on, and the steps beneath it."""

    claim: str
    kind: Literal["conclusion", "record", "clause", "general_law", "absence"]
    record: str | None = None
    source: str | None = None
    article: str | None = None
    text: str | None = None
    because: list[Reason] = []


class StateExplanation(Report):
    """Why a state has its status on a day, and what ends that status (if already known)."""

    treaty: str
    state: str
    date: str
    status: Status
    since: str | None
    until: str | None
    because: list[Reason]
    ends: list[Reason]
    readings: list[ReadingApplied] = []  # readings that decided the status or its interval


class Interval(Result):
    status: Status
    start: str | None  # null: since before any record
    end: str | None  # first day of the next status; null: open
    opened_by: str | None
    closed_by: str | None


class StateTimeline(Result):
    state: str
    name: str
    intervals: list[Interval]
    findings: list[Finding]
    readings: list[ReadingApplied] = []  # readings that decided an interval


class TimelineReport(Report):
    treaty: str
    states: list[StateTimeline]


class TreatyRow(Result):
    id: str
    name: str
    short_name: str
    # the general entry into force the rules derive from the definition (and, where it gives no
    # threshold day, from the instruments on record); None: not in force
    in_force_since: str | None
    stated_date: str | None  # the date the definition says was published, if any
    # the day it ended, as the rules derive it (a term run out, a later treaty, a party's withdrawal
    # from a bilateral treaty), and why; None: not ended
    ended_on: str | None = None
    end_cause: Literal["expiry", "supersession", "withdrawal"] | None = None
    records: int  # dataset records under this treaty
    states: int  # states with records under it


class TreatiesReport(Report):
    treaties: list[TreatyRow]


class MissingRow(Result):
    state: str
    why: str


class SourceRow(Result):
    record: str
    state: str
    domains: list[str]


class CoverageReport(Report):
    """How complete and how well sourced one treaty's records are (checker/coverage.py)."""

    treaty: str
    # the sources' count (the latest `membership` record): its day and source; None: none recorded
    as_of: str | None
    source: str | None
    expected_joined: int | None  # states that deposited an instrument, withdrawals included
    expected_signed_only: int | None  # signatories that never did
    joined: list[str]  # states with an instrument record here
    signed_only: list[str]  # states with a signature record and no instrument record
    missing: list[MissingRow]  # states the sources count that have no records here, and why
    # the sources' count less the states with records and those named missing: 0 when every state
    # is accounted for; None: no count recorded
    unaccounted: int | None
    records: int
    # records by the strongest kind among their sources (depositary, official, treaty_body, secondary)
    records_by_strongest_source: dict[str, int]
    single_secondary_source: list[SourceRow]  # records whose sources name one secondary domain alone
    no_web_address: list[str]  # records whose sources give no web address to classify


Finding.model_rebuild()
CheckReport.model_rebuild()
