"""The answers, as models: what the JSON output is made of (and, later, its published schema)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from checker.codes import Severity

Status = Literal["non_party", "signatory", "pending", "party", "withdrawing", "withdrawn"]
Verdict = Literal["permitted", "prohibited", "no_legal_effect"]


class Result(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Finding(Result):
    code: str
    severity: Severity
    treaty: str | None
    state: str | None
    date: str
    article: str | None
    message: str
    records: list[str]


class StateStatus(Result):
    state: str
    name: str
    status: Status
    since: str | None  # first day of this status; null: never had another
    until: str | None  # first day of the next status, if one is already known
    bound: bool  # bound by the general obligations that day (party, withdrawing, provisional)
    record: str | None  # the record that opened this status


class StatusReport(Result):
    treaty: str
    date: str
    states: list[StateStatus]


class WithdrawalOutcome(Result):
    takes_effect: str | None
    reason: str


class CheckReport(Result):
    treaty: str
    state: str
    action: str
    date: str
    counterparty: str | None
    verdict: Verdict
    status: Status
    bound: bool
    findings: list[Finding]
    withdrawal: WithdrawalOutcome | None = None


class AuditSummary(Result):
    files: int
    treaties: list[str]
    states: int
    events: int
    conflicts: int
    findings: dict[str, int]


class AuditReport(Result):
    findings: list[Finding]
    summary: AuditSummary
