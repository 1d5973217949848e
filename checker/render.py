"""Rendering results: JSON for scripts (stable bytes), text for people."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections import Counter
from typing import TYPE_CHECKING

from checker.codes import CODES, Code
from checker.errors import printable
from checker.readings import READINGS

if TYPE_CHECKING:  # only named in hints: `codes` and `readings` need no pydantic
    from checker.results import (
        AuditReport,
        CheckReport,
        CoverageReport,
        Finding,
        ReadingApplied,
        Reason,
        Result,
        StateExplanation,
        StatusReport,
        TimelineReport,
        TreatiesReport,
    )


def to_json(result: Result) -> str:
    """Two-space indented JSON, non-ASCII as is: the bytes `json.dumps(..., indent=2,
    ensure_ascii=False)` of the JSON-mode dump gives, written by pydantic (several times faster)."""
    from pydantic_core import PydanticSerializationError  # loaded already: `result` is a model

    try:
        return result.model_dump_json(indent=2) + "\n"
    except PydanticSerializationError:  # text that is not UTF-8 (a lone surrogate): json writes it as is
        return json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def _finding_line(f: Finding) -> str:
    # a dash for what the finding is not about (a conflict's has no treaty or state): same columns
    where = " ".join(x or "-" for x in (f.treaty, f.state, f.date))
    article = f" [{f.article}]" if f.article else ""
    line = printable(f"{f.severity:<7} {f.code:<40} {where}: {f.message}{article} (records: {', '.join(f.records)})")
    return "\n".join([line, *_reading_lines(f.readings, "        ")])


def _reading_lines(readings: list[ReadingApplied], pad: str = "", who: str = "") -> list[str]:
    """One line per reading that decided an answer: the value applied, and what the others give."""
    return [
        printable(f"{pad}reading {r.name}={r.applied} decided {who or 'this'}; "
                  + "; ".join(f"{a.value} gives: {a.result}" for a in r.alternatives))
        for r in readings
    ]


def status_text(report: StatusReport) -> str:
    lines = [f"Status under {report.treaty} on {report.date}", ""]
    header = ("state", "name", "status", "since", "until", "bound")
    rows = [
        (s.state, printable(s.name), s.status, s.since or "-", s.until or "-", "yes" if s.bound else "no")
        for s in report.states
    ]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        lines.append("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)).rstrip())
    for s in report.states:
        lines.extend(_reading_lines(s.readings, who=s.state))
    return "\n".join(lines) + "\n"


def check_text(report: CheckReport) -> str:
    # the arrow runs from sender to receiver: an acquisition's counterparty is the one it comes from
    arrow = " <- " if report.action == "acquisition" else " -> "
    who = report.state + (f"{arrow}{report.counterparty}" if report.counterparty else "")
    lines = [
        f"{report.verdict.upper()}: {report.action} by {who} on {report.date} under {report.treaty}",
        f"status that day: {report.status} ({'bound' if report.bound else 'not bound'} by the general obligations)",
    ]
    if report.counterparty is not None and report.counterparty_verdict is not None:
        lines.append(
            f"receiving side ({report.counterparty}): {report.counterparty_verdict.upper()}; status that day: "
            f"{report.counterparty_status} ({'bound' if report.counterparty_bound else 'not bound'})"
        )
    if report.status_explanation:
        lines += [f"why {report.state} is {report.status}:", *_reason_lines(report.status_explanation)]
    if report.counterparty_status_explanation:
        lines += [f"why {report.counterparty} is {report.counterparty_status}:", *_reason_lines(report.counterparty_status_explanation)]
    if report.withdrawal is not None:
        takes = report.withdrawal.takes_effect or ("never" if report.withdrawal.overtaken_by_end else "not known")
        lines.append(f"withdrawal would take effect: {takes} ({report.withdrawal.reason})")
    lines.extend(_reading_lines(report.readings, who="this answer"))
    for f in report.findings:
        lines.append(_finding_line(f))
        lines.extend(_reason_lines(f.explanation or [], 2))
    return "\n".join(lines) + "\n"


def audit_text(report: AuditReport, group: bool = True) -> str:
    """The findings one a line, then the summary. With `group`, the `info` findings of a code that
    occurs more than once are one line with a count (`--code CODE` lists them)."""
    counts_by_code = Counter(f.code for f in report.findings if f.severity == "info")
    grouped = {code for code, n in counts_by_code.items() if group and n > 1}
    lines = []
    for f in report.findings:
        if f.code in grouped:
            continue
        lines.append(_finding_line(f))
        lines.extend(_reason_lines(f.explanation or [], 2))
    for code in sorted(grouped, key=lambda c: (-counts_by_code[c], c)):
        about = [f for f in report.findings if f.code == code]
        states, treaties = {f.state for f in about if f.state}, {f.treaty for f in about if f.treaty}
        whom = ", ".join(x for x in (_plural(len(states), "state") if states else "",
                                     _plural(len(treaties), "treaty", "treaties") if treaties else "") if x)
        lines.append(f"{counts_by_code[code]} {code} (info): {whom or 'no state or treaty'}; --code {code} to list them")
    lines.extend(_reading_lines(report.readings, who="what else is reported"))
    s = report.summary
    counts = ", ".join(f"{n} {sev}" for sev, n in s.findings.items())
    total = len(report.findings) + report.hidden
    lines.append(
        f"{_plural(total, 'finding')} ({counts}) as of {s.as_of}, in {_plural(s.events, 'event')} and "
        f"{_plural(s.conflicts, 'conflict')} of {_plural(s.states, 'state')} under {', '.join(s.treaties) or 'no treaty'} "
        f"({_plural(s.files, 'file')}"
        + (f"; {s.after_as_of} records dated later left out)" if s.after_as_of else ")")
    )
    if report.hidden:
        lines.append(f"{report.hidden} of them not shown (--severity, --code)")
    return "\n".join(lines) + "\n"


def _csv(header: tuple[str, ...], rows: list[tuple[object, ...]]) -> str:
    """RFC 4180 CSV with a header row, `\n` line ends (the same bytes on every platform)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(tuple("" if v is None else v for v in row) for row in rows)
    return out.getvalue()


def status_csv(report: StatusReport) -> str:
    """One row per state."""
    return _csv(("treaty", "date", "state", "name", "status", "since", "until", "bound", "record"), [
        (report.treaty, report.date, s.state, s.name, s.status, s.since, s.until, "yes" if s.bound else "no", s.record)
        for s in report.states
    ])


def audit_csv(report: AuditReport) -> str:
    """One row per finding (every finding shown: no grouping); records separated by spaces."""
    return _csv(("severity", "code", "treaty", "state", "date", "article", "message", "records"), [
        (f.severity, f.code, f.treaty, f.state, f.date, f.article, f.message, " ".join(f.records)) for f in report.findings
    ])


def timeline_csv(report: TimelineReport) -> str:
    """One row per status interval."""
    return _csv(("treaty", "state", "name", "status", "start", "end", "opened_by", "closed_by"), [
        (report.treaty, row.state, row.name, i.status, i.start, i.end, i.opened_by, i.closed_by)
        for row in report.states for i in row.intervals
    ])


def _plural(n: int, word: str, plural: str = "") -> str:
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def _wrap(text: str, indent: str, hang: str = "") -> list[str]:
    # URLs and [sic-corrected] marks must survive wrapping whole.
    return textwrap.wrap(text, 100, initial_indent=indent, subsequent_indent=indent + hang,
                         break_long_words=False, break_on_hyphens=False)


def _reason_lines(reasons: list[Reason], depth: int = 1) -> list[str]:
    pad = "  " * depth
    lines = []
    for reason in reasons:
        lines.append(printable(f"{pad}- {reason.claim}"))
        if reason.source:
            lines.extend(_wrap(f"source: {reason.source}", pad + "    "))
        if reason.text:
            lines.extend(_wrap(f'"{reason.text}"', pad + "    ", " "))
        lines.extend(_reason_lines(reason.because, depth + 2))
    return lines


def explanation_text(report: StateExplanation) -> str:
    span = f"since {report.since}" if report.since else "no act has taken effect"
    if report.until:
        span += f", until {report.until}"
    lines = [f"{report.state} is {report.status} under {report.treaty} on {report.date} ({span})"]
    if report.because:
        lines += ["because:", *_reason_lines(report.because)]
    if report.ends:
        lines += [f"this ends on {report.until}:", *_reason_lines(report.ends)]
    lines.extend(_reading_lines(report.readings, who="this status"))
    return "\n".join(lines) + "\n"


def readings_text() -> str:
    lines = []
    for r in READINGS.values():
        lines += [f"{r.name} (default: {r.default})", *_wrap(r.question, "  "), *_wrap(r.clauses, "  ")]
        for value, why in r.values.items():
            wrapped = _wrap(f"{value}: {why}", "      ")
            lines += ["    - " + wrapped[0][6:], *wrapped[1:]]
        lines.append("")
    return "\n".join(lines)


def readings_json() -> str:
    rows = [{"name": r.name, "default": r.default, "question": r.question, "clauses": r.clauses,
             "values": [{"value": v, "justification": why} for v, why in r.values.items()]}
            for r in READINGS.values()]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def code_text(entry: Code, finding: Finding | None) -> str:
    lines = [f"{entry.code} ({entry.severity})", entry.summary, ""]
    lines += _wrap(entry.explanation, "")
    if finding is not None:
        articles = finding.article or "none"
        lines += ["", f"Rests on: {articles} (as cited for the {finding.treaty} in the example below)"]
    elif entry.general_law:
        lines += ["", f"Rests on: the treaty's own clause; {entry.general_law}"]
    if entry.example:
        lines += ["", "Example dataset:", *("    " + line for line in entry.example.splitlines())]
    if finding is not None:
        lines += ["", "Gives:", *_wrap(finding.message, "    ")]
    return "\n".join(lines) + "\n"


def code_json(entry: Code, finding: Finding | None) -> str:
    data = {
        "code": entry.code, "severity": entry.severity, "summary": entry.summary,
        "explanation": entry.explanation, "general_law": entry.general_law, "example": entry.example,
        "example_finding": finding.model_dump(mode="json") if finding else None,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def codes_json() -> str:
    rows = [{"code": c.code, "severity": c.severity, "summary": c.summary} for c in CODES.values()]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def codes_text() -> str:
    width = max(len(code) for code in CODES)
    return "".join(f"{c.code:<{width}}  {c.severity:<7}  {c.summary}\n" for c in CODES.values())


def timeline_text(report: TimelineReport) -> str:
    lines = []
    for row in report.states:
        lines.append(printable(f"{row.state}  {row.name}  ({report.treaty})"))
        for interval in row.intervals:
            start, end = interval.start or "...", interval.end or "..."
            opened = f"opened by {interval.opened_by}" if interval.opened_by else ""
            closed = f"closed by {interval.closed_by}" if interval.closed_by else ""
            lines.append(f"  {start:>10} - {end:<10}  {interval.status:<12} {', '.join(filter(None, [opened, closed]))}".rstrip())
        lines.extend(_reading_lines(row.readings, "  ", "these intervals"))
        lines.extend(f"  {_finding_line(f)}" for f in row.findings)
    return "\n".join(lines) + "\n"


def coverage_text(report: CoverageReport) -> str:
    recorded = len(report.joined) + len(report.signed_only)
    lines = [f"{report.treaty}: {recorded} states with records: {len(report.joined)} with an instrument, "
             f"{len(report.signed_only)} that only signed"]
    if report.as_of is None:
        lines.append("  no count from the sources is recorded (a `membership` record), so none is missing by it")
    else:
        lines.append(f"  the sources count {report.expected_joined} with an instrument and {report.expected_signed_only} "
                     f"that only signed, as of {report.as_of} ({report.source})")
        left = "every state is accounted for" if report.unaccounted == 0 else f"{report.unaccounted} not accounted for"
        lines.append(f"  missing: {len(report.missing)} named; {left}")
    lines.extend(printable(f"    {row.state}: {row.why}") for row in report.missing)
    kinds = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in report.records_by_strongest_source.items())
    lines.append(f"  {report.records} records; by their strongest source: {kinds}")
    lines.append(f"  {len(report.single_secondary_source)} rest on one secondary source alone:")
    lines.extend(f"    {row.record} ({row.domains[0]})" for row in report.single_secondary_source)
    if report.no_web_address:
        lines.append(f"  {len(report.no_web_address)} give no web address to weigh:")
        lines.extend(f"    {record}" for record in report.no_web_address)
    return "\n".join(lines) + "\n"


def coverage_row(report: CoverageReport) -> str:
    """One row of the README's coverage table."""
    counted = "none recorded" if report.as_of is None else (
        f"{report.expected_joined} joined, {report.expected_signed_only} signed only ({report.as_of})")
    return (f"| `{report.treaty}` | {len(report.joined)} joined, {len(report.signed_only)} signed only | {counted} | "
            f"{'-' if report.unaccounted is None else report.unaccounted} | {report.records} | "
            f"{len(report.single_secondary_source)} |")


def treaties_text(report: TreatiesReport) -> str:
    lines = [f"{'id':<12} {'in force since':<15} {'ended':<24} {'records':>7} {'states':>6}  name"]
    for row in report.treaties:
        since = row.in_force_since or "not in force"
        ended = f"{row.ended_on} ({row.end_cause})" if row.ended_on else "-"
        lines.append(printable(f"{row.id:<12} {since:<15} {ended:<24} {row.records:>7} {row.states:>6}  {row.short_name}"))
    return "\n".join(lines) + "\n"
