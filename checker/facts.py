"""Records to ASP facts: the only module that knows the input predicate names (rules/input.lp).

Every value travels as a clingo symbol built through the API (strings are escaped by clingo), so
no text from a dataset or the command line can change the logic program.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from clingo import Function, Number, String, Symbol

from checker.calendar import apply_period, month_end_decides, to_day
from checker.models import CONDUCT_ACTIONS, CONSENT_ACTIONS, PROPOSED_ID, Conflict, Dataset, Event, Period, Treaty

PROPOSED = Function("proposed")  # the id of the record under `check`: never equal to a string id
# VCLT Art. 65(2): a measure may be carried out only after a period "not ... less than three months
# after the receipt of the notification" (except in cases of special urgency)
VCLT_65_PERIOD = Period(months=3)


def _fact(name: str, *args: Symbol) -> Symbol:
    return Function(name, list(args))


def _day(d: date) -> Symbol:
    return Number(to_day(d))


def _count(d: date, period: Period, month_end: str = "clamp") -> date:
    return apply_period(d, period.total_months, period.days, period.align, month_end)


def reading_facts(readings: dict[str, str]) -> Iterator[Symbol]:
    """The value applied for every reading (checker/readings.py resolves the defaults)."""
    for name, value in sorted(readings.items()):
        yield _fact("reading", Function(name), Function(value))


def treaty_facts(treaty: Treaty) -> Iterator[Symbol]:
    t = String(treaty.id)
    yield _fact("treaty", t)
    sig = treaty.signature
    yield _fact("signature_opens", t, _day(sig.opens))
    if sig.closes == "entry_into_force":
        yield _fact("signature_closes_at_entry_into_force", t)
    elif isinstance(sig.closes, date):
        yield _fact("signature_closes", t, _day(sig.closes))
    elif sig.last_day is not None:
        yield _fact("signature_closes", t, _day(sig.last_day + timedelta(days=1)))
    for who in ("signatories", "non_signatories", "any_state"):
        for action in getattr(treaty.consent, who):
            yield _fact("consent_instrument", t, Function(who), Function(action))
    if treaty.consent.accession_opens == "after_entry_into_force":
        yield _fact("accession_after_entry_into_force", t)
    eif = treaty.entry_into_force
    if eif.threshold_deposit is not None:
        yield _fact("threshold_deposit", t, _day(eif.threshold_deposit))
    if eif.instruments_required is not None:
        yield _fact("instruments_required", t, Number(eif.instruments_required))
    for state in eif.required_states:
        yield _fact("required_state", t, String(state))
    for action in eif.counted if eif.counted is not None else sorted(CONSENT_ACTIONS):
        yield _fact("counted_instrument", t, Function(action))
    if eif.not_before is not None:
        yield _fact("entry_into_force_not_before", t, _day(eif.not_before))
    if eif.later_after == "entry_into_force":
        yield _fact("later_after_entry_into_force", t)
    w = treaty.withdrawal
    if w.specified_date != "none":
        yield _fact("withdrawal_date_specified", t, Function(w.specified_date))
    if w.armed_conflict_defers:
        yield _fact("armed_conflict_effect", t, Function(w.armed_conflict_effect))
        yield _fact("armed_conflict_until", t, Function(w.armed_conflict_until))
    if w.armed_conflict_includes_occupation:
        yield _fact("occupation_counts", t)
    flags = {
        "withdrawal_permitted": w.permitted,
        "armed_conflict_defers_withdrawal": w.armed_conflict_defers,
        "withdrawal_statement_required": w.statement_required,
    }
    for name, on in flags.items():
        if on:
            yield _fact(name, t)
    # Sections a treaty may lack: what it says where it has them, and which are absent (the rules
    # apply the general law to those).
    for key in ("provisional_application", "reservations", "suspension", "obligations", "exceptions"):
        if getattr(treaty, key) is None:
            yield _fact("clause_absent", t, Function(key))
    pa = treaty.provisional_application
    if pa is not None:
        if pa.permitted:
            yield _fact("provisional_application_permitted", t)
        for moment in pa.at:
            yield _fact("provisional_application_at", t, Function(moment))
    if treaty.reservations is not None and treaty.reservations.permitted:
        yield _fact("reservations_permitted", t)
    if treaty.suspension is not None and treaty.suspension.permitted:
        yield _fact("suspension_permitted", t)
    if treaty.obligations is not None:
        for action in treaty.obligations.prohibited:
            yield _fact("prohibited_conduct", t, Function(action))
        for rule in treaty.obligations.prohibited_when:
            yield _fact("conditional_prohibition", t, Function(rule.action), Function(rule.circumstance))
    for exception in treaty.exceptions.permitted if treaty.exceptions is not None else ():
        yield _fact("permitted_exception", t, Function(exception.action), Function(exception.purpose))
        if exception.counterparty is not None:
            yield _fact("exception_counterparty", t, Function(exception.action), Function(exception.purpose),
                        Function(exception.counterparty))
    for deadline in treaty.deadlines:
        ob = Function(deadline.id)
        yield _fact("deadline", t, ob, Function(deadline.code))
        yield _fact("deadline_discharged_by", t, ob, Function(deadline.discharged_by))
        if deadline.not_applicable_by is not None:
            yield _fact("deadline_not_applicable_by", t, ob, Function(deadline.not_applicable_by))
        for action in deadline.open_evidence:
            yield _fact("deadline_open_evidence", t, ob, Function(action))
        for action in deadline.permits_until_due:
            yield _fact("deadline_permits", t, ob, Function(action))
        if deadline.extendable:
            yield _fact("deadline_extendable", t, ob)
    if treaty.parties == "bilateral":
        yield _fact("bilateral", t)
    duration = treaty.duration
    if duration is not None:
        yield _fact("term_extensions_allowed", t, Number(duration.extensions))
        if duration.conference_decides:
            yield _fact("conference_decides", t)
    if treaty.annual_report is not None:
        yield _fact("annual_report", t, Function(treaty.annual_report.code))
        if treaty.annual_report.first_after is not None:
            yield _fact("annual_report_after", t, Function(treaty.annual_report.first_after))


def _general_count_bases(treaty: Treaty, events: Iterable[Event]) -> set[date]:
    """The days the general entry-into-force period may run from: the threshold deposit as the
    definition gives it, or (without one) the day of each instrument, one of which the rules find
    to be the day the condition was met."""
    eif = treaty.entry_into_force
    if eif.threshold_deposit is not None:
        return {eif.threshold_deposit}
    return {e.date for e in events if e.action in CONSENT_ACTIONS}


def entry_into_force_facts(treaty: Treaty, events: Iterable[Event], month_end: str = "clamp") -> Iterator[Symbol]:
    """The general entry-into-force period counted from each day it may run from; a fixed term
    counted from each day the treaty may enter into force, and the longest extension of each end."""
    t = String(treaty.id)
    events = list(events)
    eif = treaty.entry_into_force
    generals: set[date] = set()
    for base in sorted(_general_count_bases(treaty, events)):
        general = _count(base, eif.general, month_end)
        yield _fact("general_count", t, _day(base), _day(general))
        generals.add(general)
        if eif.not_before is not None:
            generals.add(max(general, eif.not_before))
    duration = treaty.duration
    if duration is None or duration.term is None:
        return
    ends: set[date] = set()
    for general in sorted(generals):
        end = _count(general, duration.term, month_end)
        ends.add(end)
        yield _fact("term_count", t, _day(general), _day(end))
    extensions = [e for e in events if e.action == "term_extension"]
    ends.update(e.extended_until for e in extensions if e.extended_until is not None)
    if duration.extension_max is None:
        return
    # The longest extension from every end the term may reach: the term's, the days the extensions
    # name, and, an extension cut short reaching only the longest allowed, that day (so again, as
    # many times as there are extensions, and once more for an extension proposed to `check`).
    limits: dict[date, date] = {}
    frontier = set(ends)
    for _ in range(len(extensions) + 1):
        limits.update((end, _count(end, duration.extension_max, month_end)) for end in frontier)
        frontier = set(limits.values()) - set(limits)
    for end in sorted(limits):
        yield _fact("term_extension_limit", t, _day(end), _day(limits[end]))


def _entry_into_force_candidates(treaty: Treaty, events: Iterable[Event], month_end: str) -> set[date]:
    """Every day the treaty could enter into force for a state with these records: the rules
    decide which one it does; deadlines are counted here from each of them."""
    eif = treaty.entry_into_force
    events = list(events)
    generals = {_count(b, eif.general, month_end) for b in _general_count_bases(treaty, events)}
    if eif.not_before is not None:
        generals = {max(g, eif.not_before) for g in generals}
    days: set[date] = set(generals)
    for event in events:
        if event.action in CONSENT_ACTIONS:
            later = _count(event.date, eif.later, month_end)
            days.add(later)
            days.update(max(later, g) for g in generals)
        if event.succession_date is not None:
            days.update(max(event.succession_date, g) for g in generals)
    return days


def deadline_facts(treaty: Treaty, events: Iterable[Event], until: date | None, month_end: str = "clamp") -> Iterator[Symbol]:
    """Deadline days counted from each possible entry into force, and the annual report due days."""
    t = String(treaty.id)
    bases = _entry_into_force_candidates(treaty, events, month_end)
    limits: dict[str, set[date]] = {d.id: set() for d in treaty.deadlines}  # days an extension may start from
    for base in sorted(bases):
        for deadline in treaty.deadlines:
            p = deadline.period
            due = _count(base, p, month_end)
            limits[deadline.id].add(due)
            yield _fact("obligation_due", t, Function(deadline.id), _day(base), _day(due))
            if month_end_decides(base, p.total_months, p.align):
                yield _fact("month_end_applied_due", t, Function(deadline.id), _day(base))
    for event in events:
        if event.obligation in limits and event.new_deadline is not None:
            limits[event.obligation].add(event.new_deadline)
    for deadline in treaty.deadlines:
        if deadline.extension_max is not None:
            for day in sorted(limits[deadline.id]):
                limit = _count(day, deadline.extension_max, month_end)
                yield _fact("extension_limit", t, Function(deadline.id), _day(day), _day(limit))
    report = treaty.annual_report
    if report is not None and bases:
        last = max([*bases, *( [until] if until else [])]).year
        for year in range(min(bases).year, last + 1):
            due = date(year + 1, report.due_month, 1)
            due = due.replace(day=min(report.due_day, _month_length(due)))
            yield _fact("annual_due", t, Number(year), _day(due), _day(date(year, 12, 31)))


def _month_length(d: date) -> int:
    return (date(d.year + d.month // 12, d.month % 12 + 1, 1) - date(d.year, d.month, 1)).days


def event_facts(event: Event, treaty: Treaty, ident: Symbol | None = None, month_end: str = "clamp") -> Iterator[Symbol]:
    e = ident if ident is not None else String(event.id)
    yield _fact("event", e, String(event.treaty), String(event.state), Function(event.action), _day(event.date))
    if event.counterparty is not None:
        yield _fact("counterparty", e, String(event.counterparty))
    if event.purpose is not None:
        yield _fact("purpose", e, Function(event.purpose))
    if event.entry_into_force is not None:
        yield _fact("claimed_entry_into_force", e, _day(event.entry_into_force))
    if event.effective is not None:
        yield _fact("claimed_effective", e, _day(event.effective))
    if event.succession_date is not None:
        yield _fact("succession_date", e, _day(event.succession_date))
    # Calendar arithmetic, keyed by the treaty's own periods; the rules decide which applies.
    counted = {"later_entry_into_force": treaty.entry_into_force.later} if event.action in CONSENT_ACTIONS else {}
    if event.action == "withdrawal":
        counted["notice_expiry"] = treaty.withdrawal.notice
    if event.action == "withdrawal_resumption":  # a fresh notice period, for the reading that counts one
        counted["resumed_expiry"] = treaty.withdrawal.notice
    if event.action in ("suspension_notification",):  # VCLT Art. 65(2): "not be less than three months"
        counted["art65_period_end"] = VCLT_65_PERIOD
    for name, period in counted.items():
        yield _fact(name, e, _day(_count(event.date, period, month_end)))
        if month_end_decides(event.date, period.total_months, period.align):
            yield _fact("month_end_applied", e)
    if event.obligation is not None and event.new_deadline is not None:
        yield _fact("extension", e, Function(event.obligation), _day(event.new_deadline))
    if event.year is not None:
        yield _fact("report_year", e, Number(event.year))
    if event.quantity is not None:
        yield _fact("quantity", e, Number(event.quantity))
    if event.retained is not None:
        yield _fact("reported_retained", e, Number(event.retained))
    if event.specified_date is not None:
        yield _fact("specified_date", e, _day(event.specified_date))
    if event.statement is not None:
        yield _fact("statement", e, Function(str(event.statement).lower()))
    for circumstance in event.circumstances:
        yield _fact("circumstance", e, Function(circumstance))
    if event.ground is not None:
        yield _fact("ground", e, Function(event.ground))
    for state in event.invoked_against:
        yield _fact("invoked_against", e, String(state))
    if event.urgency:
        yield _fact("urgency", e)
    if event.objects_to is not None:
        yield _fact("objects_to", e, PROPOSED if event.objects_to == PROPOSED_ID else String(event.objects_to))
    if event.extended_until is not None:
        yield _fact("extended_until", e, _day(event.extended_until))
    if event.inferred:
        yield _fact("inferred", e)
    for alternative in event.alternative_dates:
        yield _fact("disputed_date", e, _day(alternative.date))


def conflict_facts(conflict: Conflict) -> Iterator[Symbol]:
    c = String(conflict.id)
    yield _fact("conflict", c)
    for state in conflict.states:
        yield _fact("conflict_state", c, String(state))
    yield _fact("conflict_start", c, _day(conflict.start))
    if conflict.kind != "armed_conflict":
        yield _fact("conflict_kind", c, Function(conflict.kind))
    if conflict.end is not None:
        yield _fact("conflict_end", c, _day(conflict.end))
    if conflict.inferred:
        yield _fact("inferred", c)
    for alternative in conflict.alternative_dates:
        yield _fact("disputed_date", c, _day(alternative.date))


def dataset_facts(
    dataset: Dataset, readings: dict[str, str], audit_day: date | None = None, extra: Iterable[Event] = (),
) -> Iterator[Symbol]:
    """The dataset's facts under `readings` (every reading's value); `audit_day` is the day open
    deadlines are measured against; `extra` are proposed events whose deadlines are counted too."""
    month_end = readings["month_end"]
    yield from reading_facts(readings)
    treaties = {t.id: t for t in dataset.treaties}
    events = [*dataset.events, *extra]
    for treaty in dataset.treaties:
        own = [e for e in events if e.treaty == treaty.id]
        yield from treaty_facts(treaty)
        yield from entry_into_force_facts(treaty, own, month_end)
        yield from deadline_facts(treaty, own, audit_day, month_end)
    for event in dataset.events:
        yield from event_facts(event, treaties[event.treaty], month_end=month_end)
    for conflict in dataset.conflicts:
        yield from conflict_facts(conflict)
    if audit_day is not None:
        yield _fact("audit_day", _day(audit_day))


def query_facts(days: Iterable[date] = (), states: Iterable[tuple[str, str]] = ()) -> Iterator[Symbol]:
    for d in days:
        yield _fact("query_day", _day(d))
    for treaty_id, state in states:
        yield _fact("query_state", String(treaty_id), String(state))


def proposed_facts(event: Event, treaty: Treaty, readings: dict[str, str]) -> Iterator[Symbol]:
    yield _fact("proposed", PROPOSED)
    yield from event_facts(event, treaty, ident=PROPOSED, month_end=readings["month_end"])


def conduct_question_facts(event: Event, treaty: Treaty, readings: dict[str, str]) -> tuple[set[Symbol], set[Symbol]]:
    """For the questions about conduct that differ from `event` only in the action: the facts all
    of them state, and those some of them state (each question's facts are the first set and
    some of the second: `proposed_facts` says which). Purpose, quantity and circumstances stay
    fixed (part of the cache key in checker/api.py): each further open fact multiplies the
    variants."""
    variants = [event.model_copy(update={"action": action}) for action in sorted(CONDUCT_ACTIONS)]
    stated = [set(proposed_facts(v, treaty, readings)) for v in variants]
    always = set.intersection(*stated)
    return always, set.union(*stated) - always
