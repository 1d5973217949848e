"""Rendering results: JSON for scripts (stable bytes), text for people."""

from __future__ import annotations

import json

from checker.results import AuditReport, CheckReport, Finding, Result, StatusReport


def to_json(result: Result) -> str:
    return json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def _finding_line(f: Finding) -> str:
    where = " ".join(x for x in (f.treaty, f.state, f.date) if x)
    article = f" [{f.article}]" if f.article else ""
    return f"{f.severity:<7} {f.code:<40} {where}: {f.message}{article} (records: {', '.join(f.records)})"


def status_text(report: StatusReport) -> str:
    lines = [f"Status under {report.treaty} on {report.date}", ""]
    header = ("state", "name", "status", "since", "until", "bound")
    rows = [
        (s.state, s.name, s.status, s.since or "-", s.until or "-", "yes" if s.bound else "no")
        for s in report.states
    ]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        lines.append("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)).rstrip())
    return "\n".join(lines) + "\n"


def check_text(report: CheckReport) -> str:
    who = report.state + (f" -> {report.counterparty}" if report.counterparty else "")
    lines = [
        f"{report.verdict.upper()}: {report.action} by {who} on {report.date} under {report.treaty}",
        f"status that day: {report.status} ({'bound' if report.bound else 'not bound'} by the general obligations)",
    ]
    if report.withdrawal is not None:
        takes = report.withdrawal.takes_effect or "not known"
        lines.append(f"withdrawal would take effect: {takes} ({report.withdrawal.reason})")
    lines.extend(_finding_line(f) for f in report.findings)
    return "\n".join(lines) + "\n"


def audit_text(report: AuditReport) -> str:
    lines = [_finding_line(f) for f in report.findings]
    s = report.summary
    counts = ", ".join(f"{n} {sev}" for sev, n in s.findings.items())
    lines.append(
        f"{len(report.findings)} findings ({counts}) in {s.events} events and {s.conflicts} conflicts "
        f"of {s.states} states under {', '.join(s.treaties) or 'no treaty'} ({s.files} files)"
    )
    return "\n".join(lines) + "\n"
