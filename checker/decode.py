"""Answer atoms to results: the only module that knows the output predicates (rules/show.lp)."""

from __future__ import annotations

from collections import ChainMap, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from clingo import Symbol, SymbolType

from checker.calendar import from_day
from checker.codes import ABSENT_CLAUSE_LAW, CODES, GENERAL_LAW
from checker.countries import ISO_3166_ALPHA3
from checker.models import PROPOSED_ID, AlternativeDate, Conflict, Dataset, Event
from checker.results import Finding, StateStatus


def value(symbol: Symbol, cache: dict[Symbol, Any] | None = None) -> Any:
    """A symbol as plain Python: strings, names of constants, numbers (days stay ints here), and
    compound terms as tuples (name, *arguments). The rules' constant `none` (no record, no treaty,
    no state) is None: as the text "none" it would be taken for a record whose id is "none".
    With a `cache`, each distinct symbol is decoded once: answers repeat the same states, treaties,
    days and codes thousands of times, and each look into a symbol is a call into clingo."""
    if cache is None:
        cache = {}
    try:
        return cache[symbol]
    except KeyError:
        pass
    kind = symbol.type
    decoded: Any
    if kind == SymbolType.String:
        decoded = symbol.string
    elif kind == SymbolType.Number:
        decoded = symbol.number
    else:
        arguments = symbol.arguments
        if arguments:  # a compound term, as a tuple
            decoded = (symbol.name, *(value(a, cache) for a in arguments))
        else:
            name = symbol.name
            decoded = None if name == "none" else PROPOSED_ID if name == "proposed" else name
    cache[symbol] = decoded
    return decoded


def iso(day: int) -> str:
    return from_day(day).isoformat()


class Answer:
    """The shown atoms of one solve, grouped by predicate. A predicate's atoms become Python
    values only when first asked for: an audit never reads the status intervals."""

    def __init__(self, shown: Mapping[str, list[Symbol]] | None = None) -> None:
        self._shown: dict[str, list[Symbol]] = dict(shown or {})
        self._decoded: dict[str, list[tuple[Any, ...]]] = {}
        self._cache: dict[Symbol, Any] = {}  # shared by all predicates: their arguments repeat

    @classmethod
    def of(cls, symbols: Iterable[Symbol]) -> Answer:
        shown: dict[str, list[Symbol]] = defaultdict(list)
        for symbol in symbols:
            shown[symbol.name].append(symbol)
        return cls(shown)

    def __getitem__(self, name: str) -> list[tuple[Any, ...]]:
        rows = self._decoded.get(name)
        if rows is None:
            cache = self._cache
            rows = [tuple(value(a, cache) for a in symbol.arguments) for symbol in self._shown.get(name, ())]
            self._decoded[name] = rows
        return rows


def state_name(dataset: Dataset, code: str) -> str:
    return dataset.declared_names.get(code) or ISO_3166_ALPHA3.get(code, code)


@dataclass(frozen=True, order=True)
class Span:
    """One status interval: from `start` up to, not including, `until` (None: open)."""

    start: int
    until: int | None
    status: str
    cause: str


def spans(answer: Answer, treaty: str, state: str) -> list[Span]:
    """The state's status intervals under the treaty, in order (before the first: non_party)."""
    found = [Span(start, until, st, cause) for t, s, st, start, until, cause in answer["status_interval"]
             if t == treaty and s == state]
    found += [Span(start, None, st, cause) for t, s, st, start, cause in answer["status_open"]
              if t == treaty and s == state]
    return sorted(found)


def statuses_on(answer: Answer, dataset: Dataset, treaty: str, day: int) -> list[StateStatus]:
    """Every (treaty, state) status on `day`, with the interval it belongs to."""
    bound = {s for t, s, q in answer["bound"] if q == day and t == treaty}
    rows = []
    for t, s, q, st, record in answer["status_on"]:
        if t != treaty or q != day:
            continue
        state_spans = spans(answer, treaty, s)
        current = [span for span in state_spans if span.start <= day]
        if current:
            since, until = current[-1].start, current[-1].until
        else:  # non_party before any act: until the first status, if any
            since, until = None, state_spans[0].start if state_spans else None
        rows.append(StateStatus(
            state=s, name=state_name(dataset, s), status=st,
            since=iso(since) if since is not None else None,
            until=iso(until) if until is not None else None,
            bound=s in bound,
            record=record,
        ))
    return sorted(rows, key=lambda r: r.state)


# A status as a message says it: "while withdrawn", "while a signatory".
STATUS_WORDS = {
    "non_party": "not a party", "signatory": "a signatory", "pending": "its instrument was not yet in force",
    "party": "a party", "withdrawing": "withdrawing", "withdrawn": "withdrawn",
    "before_notification": "a party by succession that had not yet notified it, for which the treaty's operation "
                           "is suspended until the notification (VCSST Art. 23(2))",
}

DAY_DETAILS = frozenset({
    "claimed", "derived", "notice_expiry", "takes_effect", "deadline", "completed", "extended_on",
    "entry_into_force", "counted_to", "last_evidence", "obligation_ended", "new_deadline", "latest",
    "specified", "ended", "resumed", "period_ended", "paused_again", "resumed_again",
})


def subject(record: Any) -> str:
    """The record a finding is about: an id, or the record inside a compound subject such as
    owed(Instrument, Obligation), missed(Extension, Obligation) or receipt(Transfer)."""
    return record if isinstance(record, str) else str(record[1])


def _outcome(details: dict[str, Any], as_of: str | None) -> str:
    if "extended_on" in details:
        return f"was missed: an extension came only on {details['extended_on']}, {details['days_late']} days later"
    if "days_overdue" in details:
        evidence = f"the data shows it still open (last on {details['last_evidence']})"
        if "obligation_ended" in details:
            return (f"has passed and {evidence}: {details['days_overdue']} days overdue until {details['counted_to']}, "
                    f"when the withdrawal took effect and the obligation ended")
        return f"has passed and {evidence}: {details['days_overdue']} days overdue as of {details['counted_to']}"
    if "completed" in details:
        return f"was met late, on {details['completed']}: {details['days_late']} days late"
    if "days_late" in details:
        return f"was met late: {details['days_late']} days late"
    return ""


def findings(
    answer: Answer, dataset: Dataset, extra_events: Iterable[Event] = (), *,
    as_of: str | None = None, explainer: Any = None,
) -> list[Finding]:
    """Every finding, with its registry message, the clause it cites and its records, sorted;
    with an `explainer` (checker.explain.Explainer), each with its derivation."""
    events: Mapping[str, Event] = ChainMap({PROPOSED_ID: e for e in extra_events}, dataset.events_by_id)
    conflicts = dataset.conflicts_by_id
    treaties = dataset.treaties_by_id
    records: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code, record, other in answer["finding_record"]:
        records[(code, record)].append(other)
    details: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
    for code, record, key, detail in answer["finding_detail"]:
        details[(code, record)][key] = iso(detail) if key in DAY_DETAILS and isinstance(detail, int) else detail
    cites: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code, record, clause in answer["finding_cites"]:
        cites[(code, record)].append(clause)

    result = []
    for code, treaty, state, day, record in answer["finding"]:
        entry = CODES[code]
        key = (code, record)
        treaty_id = treaty
        clauses = [treaties[treaty_id].clause(c) for c in cites[key]] if treaty_id else []
        articles = [c.article for c in clauses if c is not None]
        if entry.general_law:
            articles.append(entry.general_law)
        for name, clause in zip(cites[key], clauses):  # a clause the treaty lacks: the general law applies
            law = GENERAL_LAW[ABSENT_CLAUSE_LAW[name]][0] if clause is None and name in ABSENT_CLAUSE_LAW else None
            if law is not None and law not in articles:
                articles.append(law)
        if "obligation_ended" in details[key]:  # the count stopped where the obligation ended
            articles.append(GENERAL_LAW["vclt_70"][0])
        others = sorted(records[key])
        main = subject(record)
        obligation = record[2] if isinstance(record, tuple) and record[0] in ("owed", "missed") else None
        context = {
            "state": state_name(dataset, state) if state is not None else "",
            "date": iso(day),
            "treaty": treaties[treaty_id].short_name if treaty_id else "",
            "record": main,
            "records": ", ".join(dict.fromkeys([main, *others] if main != record else others)),
            "action": events[main].action if main in events else "",
            "status": "",
            "renounces": "",
            "claimed": "",
            "derived": "",
            "other": ", ".join(a.date.isoformat() for a in _alternatives(main, events, conflicts)),
            "takes_effect_text": "",
            "notice_expiry": "",
            "obligation_text": (obligation or "").replace("_", " "),
            "entry_into_force": "",
            "deadline": "",
            "outcome": _outcome(details[key], as_of),
            "note": _note(main, events, conflicts),
            "consequence": "",
            "against": "", "ground_words": "", "law_words": "", "evidence": "", "cause_words": "",
            "pause_words": "", "ended": "",
        }
        if record in conflicts:
            context["state"] = ", ".join(conflicts[record].states)
        if isinstance(record, tuple) and record[0] == "receipt":  # the receiving side of a transfer
            context["action"] = "receipt of a transfer"
        context.update(details[key])
        if code == "suspension_contested":
            context.update(_contest_words(details[key], dataset))
        if code == "treaty_ended":
            context["cause_words"] = END_WORDS.get(details[key].get("cause", ""), "")
            context["state"] = ""
            if details[key].get("cause") == "supersession":
                articles.append(GENERAL_LAW["vclt_59"][0])
        if code == "withdrawal_paused":
            context["pause_words"] = _pause_words(details[key], dataset)
        if code in ("withdrawal_notice_too_short", "withdrawal_statement_missing"):
            context["consequence"] = _defect_words(code, details[key])
        if code == "withdrawal_deferred_by_armed_conflict":
            context.update(_deferral_words(details[key], others))
        if code == "withdrawal_by_non_party":
            context["status"] = STATUS_WORDS.get(details[key].get("status", ""), context["status"])
            context["renounces"] = (
                "; but it makes clear that the state does not intend to be bound, which ends its obligation "
                "not to defeat the treaty's object and purpose (VCLT Art. 18)" if "renounces" in details[key] else ""
            )
        if context["derived"] == "revoked":
            context["derived"] = "no effective day (the withdrawal was revoked)"
        elif code == "recorded_date_mismatch" and not context["derived"]:
            context["derived"] = "no date yet"
        result.append(Finding(
            code=code, severity=entry.severity, treaty=treaty_id,
            state=state, date=iso(day),
            article="; ".join(articles) or None,
            message=entry.message.format(**context),
            records=list(dict.fromkeys([main, *others])),
            explanation=explainer.reasons(("finding", code, record)) if explainer is not None else None,
        ))
    return sorted(result, key=lambda f: (f.treaty or "", f.state or "", f.date, f.code, f.records))


GROUND_WORDS = {
    "material_breach": "a material breach",
    "fundamental_change": "a fundamental change of circumstances",
}
END_WORDS = {
    "expiry": "its term ran out",
    "supersession": "a later treaty took its place, VCLT Art. 59",
    "withdrawal": "a party's withdrawal from the bilateral treaty took effect",
}


def _contest_words(details: dict[Any, Any], dataset: Dataset) -> dict[str, str]:
    """A contested suspension: whom it is invoked against, on what ground, and what the records
    show for and against it."""
    against = sorted(k[1] for k in details if isinstance(k, tuple) and k[0] == "against")
    breaches = sorted(k[1] for k in details if isinstance(k, tuple) and k[0] == "breach")
    own = sorted(k[1] for k in details if isinstance(k, tuple) and k[0] == "own_breach")
    objections = sorted((details[k], k[1]) for k in details if isinstance(k, tuple) and k[0] == "objection")
    law = GENERAL_LAW.get(details.get("law", ""), ("",))[0]
    evidence = []
    if breaches:
        evidence.append(f"a breach by the state it is invoked against is recorded ({', '.join(breaches)})")
    if "no_breach" in details:  # the rules say so only where no breach is shown (suspension.lp)
        evidence.append("no breach by the state it is invoked against is recorded")
    if own:
        evidence.append(f"a breach by the suspending state itself is alleged ({', '.join(own)}), which Art. 62(2)(b) "
                        "says excludes the ground")
    if objections:
        evidence.append("objected to by " + ", ".join(f"{state_name(dataset, s)} ({o})" for s, o in objections))
    else:
        evidence.append("no objection is recorded")
    evidence.append(PROCEDURE_WORDS[details["procedure"]])  # suspension.lp gives each contested one a procedure
    return {
        "against": f" against {', '.join(against)}" if against else " against every other party",
        "ground_words": GROUND_WORDS.get(details.get("ground", ""), str(details.get("ground", ""))),
        "law_words": law,
        "evidence": "; ".join(evidence),
    }


PROCEDURE_WORDS = {
    "followed": "the claim was notified at least three months before (VCLT Art. 65)",
    "urgency": "no three months' notice, claimed as special urgency (VCLT Art. 65(2))",
    "too_early": "the claim was notified less than three months before, and no special urgency is claimed (VCLT Art. 65(2))",
    "not_notified": "no notification of the claim is recorded (VCLT Art. 65(1))",
}


def _pause_words(details: dict[Any, Any], dataset: Dataset) -> str:
    objections = sorted(f"{state_name(dataset, details[k])} ({k[1]})" for k in details
                        if isinstance(k, tuple) and k[0] == "objection")
    objected = f"; objected to by {', '.join(objections)}" if objections else ""
    return _pause_effect(details) + objected


def _pause_effect(details: dict[Any, Any]) -> str:
    left = details.get("days_left")
    if "period_ended" in details:  # paused after the period ended, while an armed conflict held it back
        text = f", while an armed conflict held it back (its notice period ended on {details['period_ended']})"
    else:
        text = f", {left} day{'s' if left != 1 else ''} before it would have taken effect" if left is not None else ""
    if details.get("pause_outcome") == "no_notice":
        return text + ("; read as ending the notice (reading paused_notice=no_notice), the state stays a party and "
                       "a resumption is no notice")
    if "resumed" in details:
        text += f"; resumed on {details['resumed']}"
    if "paused_again" in details:
        text += f", paused again on {details['paused_again']}"
    if "resumed_again" in details:
        text += f" and resumed on {details['resumed_again']}"
    if "takes_effect" in details:
        return text + f", it takes effect on {details['takes_effect']}"
    if "resumed" in details and "paused_again" not in details:
        return text
    return text + "; while paused it is neither revoked nor in effect"


def _defect_words(code: str, details: dict[Any, Any]) -> str:
    """What a defective withdrawal notice does, under the `defective_notice` reading applied."""
    if details.get("outcome") == "no_effect":
        return "; read as no notice under the treaty, it has no legal effect and the state stays bound"
    if code == "withdrawal_notice_too_short":
        return f"; the notice period counts instead, and it takes effect no earlier than {details['notice_expiry']}"
    return "; its period still counts here, but other parties may contest the notice"


def _deferral_words(details: dict[Any, Any], conflicts: list[str]) -> dict[str, str]:
    """The conflicts engaged on the expiry day, those that deferred it further (`chained`), and
    any that started on the expiry day itself."""
    later = {k[1]: iso(v) for k, v in details.items() if isinstance(k, tuple) and k[0] == "prolonged_by"}
    starting = sorted(k[1] for k in details if isinstance(k, tuple) and k[0] == "started_on_expiry")
    text = ""
    if starting:
        text += (f" ({', '.join(starting)} started on that very day: a conflict engages its states from its "
                 "recorded start)")
    if later:
        text += "; then " + " and ".join(f"{c} (engaging it on {d})" for c, d in sorted(later.items())) + " deferred it further"
    bound = details.get("effect") == "continues_bound"  # TPNW Art. 17(3), CCW Art. 9(2)
    if "takes_effect" in details and bound:
        text += (f"; it continues to be bound by the treaty's obligations until {details['takes_effect']}, "
                 "when the conflicts keeping it bound had ended")
    elif "takes_effect" in details:
        text += f"; it takes effect on {details['takes_effect']}, when the conflicts deferring it had ended"
    elif bound:
        text += ("; it continues to be bound by the treaty's obligations until the conflict ends: no end is "
                 "recorded, so the day cannot yet be known")
    else:
        text += "; it takes effect only once the conflict ends: no end is recorded, so the day cannot yet be known"
    return {"records": ", ".join(c for c in conflicts if c not in later), "takes_effect_text": text}


def _note(record: str, events: Mapping[str, Event], conflicts: Mapping[str, Conflict]) -> str:
    found = events.get(record) or conflicts.get(record)
    return " ".join((found.note or "").split()) if found else ""


def _alternatives(record: str, events: Mapping[str, Event], conflicts: Mapping[str, Conflict]) -> list[AlternativeDate]:
    if record in events:
        return events[record].alternative_dates
    if record in conflicts:
        return conflicts[record].alternative_dates
    return []
