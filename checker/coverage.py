"""How complete and how well sourced a treaty's records are: the states with records against the
count the sources give (a `membership` record), the states known to be missing, and the records
that rest on one secondary source alone. Counting records is not a legal question: nothing here
decides a status."""

from __future__ import annotations

import re
from checker.models import CONSENT_ACTIONS, Dataset, Event
from checker.results import CoverageReport, MissingRow, Receipt, SourceRow
# A web address in a source text: its host, without a leading `www.`.
_HOST = re.compile(r"https?://(?:www\.)?([A-Za-z0-9.-]+)")


def hosts(event: Event) -> list[str]:
    """The web domains a record's sources name (its own source and those of its alternative dates)."""
    texts = [event.source or "", *(alt.source for alt in event.alternative_dates)]
    return sorted({host.lower().rstrip(".") for text in texts for host in _HOST.findall(text)})


def site(host: str) -> str:
    """The site a host belongs to, so that two addresses of one publisher count as one source
    (archives.the-monitor.org and the-monitor.org): its last two labels, or three under a
    country's second-level domain (gov.lk, co.uk, go.jp)."""
    parts = host.split(".")
    second_level = len(parts) > 2 and len(parts[-1]) == 2 and parts[-2] in {"ac", "co", "com", "edu", "go", "gov", "net", "org"}
    return ".".join(parts[-3:] if second_level else parts[-2:])


def kind_of(host: str, kinds: dict[str, str]) -> str:
    """The kind of a domain's sources: its own entry, or that of the nearest parent domain listed."""
    parts = host.split(".")
    for start in range(len(parts) - 1):
        found = kinds.get(".".join(parts[start:]))
        if found is not None:
            return found
    return "secondary"


def coverage(dataset: Dataset, treaty_id: str, receipt: Receipt) -> CoverageReport:
    events = [e for e in dataset.events if e.treaty == treaty_id]
    kinds = {k.domain: k.kind for k in dataset.source_kinds}
    joined = sorted({e.state for e in events if e.action in CONSENT_ACTIONS})
    signed_only = sorted({e.state for e in events if e.action == "signature"} - set(joined))
    latest = max((m for m in dataset.membership if m.treaty == treaty_id), key=lambda m: (m.as_of, m.id), default=None)
    missing = [MissingRow(state=m.state, why=" ".join(m.why.split())) for m in latest.missing] if latest else []
    single, unaddressed, by_kind = [], [], {kind: 0 for kind in ("depositary", "official", "treaty_body", "secondary")}
    for event in sorted(events, key=lambda e: e.id):
        found = hosts(event)
        if not found:
            unaddressed.append(event.id)
            continue
        strongest = min((kind_of(h, kinds) for h in found), key=list(by_kind).index)
        by_kind[strongest] += 1
        if strongest == "secondary" and len({site(h) for h in found}) == 1:
            single.append(SourceRow(record=event.id, state=event.state, domains=found))
    unaccounted = None
    if latest is not None:
        named = {m.state for m in missing}
        unaccounted = (latest.joined + latest.signed_only) - len(joined) - len(signed_only) - len(named)
    return CoverageReport(
        treaty=treaty_id,
        as_of=latest.as_of.isoformat() if latest else None,
        source=" ".join(latest.source.split()) if latest else None,
        expected_joined=latest.joined if latest else None,
        expected_signed_only=latest.signed_only if latest else None,
        joined=joined, signed_only=signed_only, missing=missing, unaccounted=unaccounted,
        records=len(events), records_by_strongest_source=by_kind,
        single_secondary_source=single, no_web_address=unaddressed, receipt=receipt,
    )
