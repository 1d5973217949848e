"""Derivations: the rules' because/2 atoms (rules/explain.lp) rendered as trees of reasons.

The rules derive every step; this module only puts words to them, looking up records (with their
sources) and treaty clauses (with their verbatim text) in the loaded dataset.
"""

from __future__ import annotations

from collections import ChainMap, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from checker.codes import ABSENT_CLAUSE_LAW, CODES, GENERAL_LAW
from checker.decode import Answer, iso, state_name
from checker.models import PROPOSED_ID, Dataset, Event, SuspensionClause
from checker.results import Reason

Term = tuple[Any, ...]
_KIND_ORDER = {"conclusion": 0, "absence": 1, "record": 2, "clause": 3, "general_law": 4}


class Explainer:
    """Turns conclusions into Reason trees, following because/2 down to records and clauses."""

    def __init__(self, answer: Answer, dataset: Dataset, extra_events: Iterable[Event] = ()) -> None:
        self.dataset = dataset
        self.premises: dict[Any, list[Any]] = defaultdict(list)
        for conclusion, premise in answer["because"]:
            self.premises[conclusion].append(premise)
        self.events: Mapping[str, Event] = ChainMap({PROPOSED_ID: e for e in extra_events}, dataset.events_by_id)
        self.conflicts = dataset.conflicts_by_id
        self.treaties = dataset.treaties_by_id

    def _threshold(self, treaty_id: str) -> str:
        """What the threshold day is, in the treaty's own terms."""
        eif = self.treaties[treaty_id].entry_into_force
        if eif.instruments_required is not None and not eif.required_states:
            return f"the day of the {_ordinal(eif.instruments_required)} instrument"
        return "the day the entry-into-force condition was met"

    def reasons(self, conclusion: Term) -> list[Reason]:
        nodes = [self.node(p) for p in self.premises.get(conclusion, [])]
        return sorted(nodes, key=lambda n: (_KIND_ORDER[n.kind], n.claim))

    def node(self, term: Term) -> Reason:
        name, *args = term
        if name == "record":
            return self._record(args[0])
        if name == "clause":
            treaty = self.treaties[args[0]]
            clause = treaty.clause(args[1])
            if clause is None and args[1] not in ABSENT_CLAUSE_LAW:  # e.g. no duration clause: unlimited
                return Reason(claim=f"{treaty.short_name} has no {args[1].replace('_', ' ')} clause", kind="absence")
            if clause is None:  # the treaty lacks the clause: the general law stands in
                article, text = GENERAL_LAW[ABSENT_CLAUSE_LAW[args[1]]]
                claim = f"{treaty.short_name} has no {args[1].replace('_', ' ')} clause; {article}"
                return Reason(claim=claim, kind="general_law", article=article, text=text)
            claim, text = f"{treaty.short_name}, {clause.article}", clause.text
            if clause.unverified:  # a paraphrase, not the treaty's words: say so wherever it is cited
                claim += f" (unverified text: {clause.unverified})"
            if isinstance(clause, SuspensionClause):
                claim += ": the treaty provides for suspension" if clause.permitted else ": the treaty has no suspension clause"
                text = f"{clause.text} [{clause.note}]" if clause.note else clause.text
            return Reason(claim=claim, kind="clause", article=clause.article, text=text)
        if name == "general_law":
            article, text = GENERAL_LAW[args[0]]
            return Reason(claim=article, kind="general_law", article=article, text=text)
        if name == "alternative_date":
            record = self.events.get(args[0]) or self.conflicts[args[0]]
            other = next(a for a in record.alternative_dates if a.date.isoformat() == iso(args[1]))
            claim = f"another source gives {other.date}" + (f" ({other.note})" if other.note else "")
            return Reason(claim=claim, kind="record", record=args[0], source=other.source)
        if name == "inferred":
            record = self.events.get(args[0]) or self.conflicts[args[0]]
            return Reason(claim=f"the record is marked inferred: {record.note}", kind="record", record=args[0])
        if name in ("not_engaged", "status_before", "no_instrument_in_effect", "conflicts_over"):
            return Reason(claim=self._claim(term), kind="absence")
        return Reason(claim=self._claim(term), kind="conclusion", because=self.reasons(term))

    def _record(self, record_id: str) -> Reason:
        if record_id in self.conflicts:
            c = self.conflicts[record_id]
            end = c.end.isoformat() if c.end else "ongoing"
            claim = f"record {record_id}: armed conflict {', '.join(c.states)} from {c.start} to {end}"
            return Reason(claim=claim, kind="record", record=record_id, source=c.source)
        e = self.events[record_id]
        label = "proposed action" if record_id == PROPOSED_ID else f"record {record_id}"
        # an extension is granted by the Meeting of the States Parties, to the state
        by = "to" if e.action == "extension_granted" else "by"
        claim = f"{label}: {e.action.replace('_', ' ')} {by} {self._state(e.state)} on {e.date}"
        if e.inferred:
            claim += f" (inferred: {e.note})"
        return Reason(claim=claim, kind="record", record=record_id, source=e.source)

    def _state(self, code: str) -> str:
        return f"{state_name(self.dataset, code)} ({code})"

    def _claim(self, term: Term) -> str:
        name, *a = term
        if name == "status":
            t, s, status, day = a
            return f"{self._state(s)} is {status.replace('_', '-')} under {t} from {iso(day)}"
        if name == "entry_into_force":
            return f"the treaty enters into force for {self._state(self.events[a[0]].state)} on {iso(a[1])}"
        if name in _DEPOSITED:
            when, what, effect = _DEPOSITED[name]
            what = self._threshold(a[0]) if what is None else what
            return f"the instrument was deposited {when} {iso(a[1])}, {what}: {effect}"
        if name == "held_to_general":
            return (f"the period from its own deposit ends before the treaty itself enters into force "
                    f"({iso(a[1])}): it takes effect that day")
        if name == "floor":
            return f"the treaty enters into force no earlier than {iso(a[1])}, however early the threshold was met"
        if name == "notice_expiry":
            event = self.events[a[0]]
            notice = self.treaties[event.treaty].withdrawal.notice
            return f"the notice period ({notice.words()} from the deposit on {event.date}) expires on {iso(a[1])}"
        if name == "exit_is_withdrawal":
            return (f"the {self.treaties[a[0]].short_name} gives withdrawal, on notice, as a party's way out: "
                    "not suspension")
        if name == "armed_conflict_addressed":
            return ("the treaty has its own rule for armed conflict (it defers a withdrawal), and that rule governs: "
                    "an armed conflict does not by itself suspend the treaty")
        if name == "withdrawal_took_effect":
            return f"the withdrawal {a[0]} took effect on {iso(a[1])}: the obligation ended that day"
        if name == "takes_effect":
            return f"the withdrawal takes effect on {iso(a[1])}"
        if name == "still_held_back":
            return "when the treaty ended, the withdrawal was still held back, with no day of effect yet"
        if name == "would_have_taken_effect":
            return f"the withdrawal would have taken effect on {iso(a[1])}, had the treaty not ended first"
        if name == "deferred_indefinitely":
            return "the withdrawal cannot take effect yet: an armed conflict engaging the state has no recorded end"
        if name == "engaged":
            # stated as what the record gives, never as a fact: the day may lie ahead
            conflict = self.conflicts[a[1]]
            span = f"until {conflict.end}, its first day without conflict" if conflict.end else "with no recorded end"
            return (f"by record {a[1]} (from {conflict.start}, {span}), {self._state(a[0])} is engaged in "
                    f"that armed conflict on {iso(a[2])}")
        if name == "conflicts_over":
            return (f"by {iso(a[1])} every armed conflict engaging the state on the expiry day had ended (the "
                    "`literal` reading of the clause: a conflict begun after the expiry day does not defer it)")
        if name == "not_engaged":
            return f"no recorded armed conflict engaged {self._state(a[0])} on {iso(a[1])}"
        if name == "bound":
            return f"{self._state(a[1])} is bound by the general obligations on {iso(a[2])}"
        if name == "provisional_application":
            event = self.events[a[0]]
            # the premises say how: a declaration with this act, or one with an earlier signature
            if event.action == "signature":
                return f"{self._state(event.state)} applies the treaty provisionally from its signature of {event.date}"
            return (f"{self._state(event.state)} applies the treaty provisionally while its instrument of "
                    f"{event.date} is pending")
        if name == "renounced":
            event = self.events[a[0]]
            return (f"{self._state(event.state)} had signed on {event.date} and then made clear that it does not "
                    "intend to become a party: it renounced its signature")
        if name == "instrument_withdrawn":
            event = self.events[a[0]]
            return (f"its instrument of {event.date} was withdrawn on {iso(a[1])}, before the treaty entered into "
                    "force for it: the state is back where it stood before depositing it")
        if name == "paused":
            return (f"the notice was paused on {iso(a[1])}, {a[2]} day{'s' if a[2] != 1 else ''} before it would have "
                    "taken effect: neither revoked nor in effect")
        if name == "resumed":
            how = {
                "fresh_period": "a full notice period runs from the resumption",
                "remaining": "the days left at the pause run from the resumption",
            }.get(a[2], a[2])
            return f"the notice was resumed on {iso(a[1])}; under the `paused_notice` reading `{a[2]}`, {how}"
        if name == "paused_as_ended":
            return ("under the `paused_notice` reading `no_notice`, the pause ended the notice, as a revocation "
                    "would: the state is a party again")
        if name == "treaty_ends":
            cause = {"expiry": "its term ran out", "withdrawal": "a party's withdrawal from the bilateral treaty took effect",
                     "supersession": "a later treaty took its place"}[a[2]]
            return f"the {self.treaties[a[0]].short_name} ended on {iso(a[2 - 1])} ({cause})"
        if name == "term_from":
            return f"its term is counted from its entry into force on {iso(a[1])}"
        if name == "specified":
            return f"the notification gives {iso(a[1])} as the day of withdrawal, which the treaty lets it specify"
        if name == "status_before":
            return f"its status when it acted was {a[1].replace('_', '-')}"
        if name == "no_instrument_in_effect":
            return f"no instrument of {self._state(a[1])} under {a[0]} took effect on {iso(a[2])}"
        if name == "deadline_day":
            event = self.events[a[0]]
            return f"the {a[1].replace('_', ' ')} deadline for {self._state(event.state)} is {iso(a[2])}"
        if name == "finding":
            return f"finding {a[0]}: {CODES[a[0]].summary}"
        raise ValueError(f"no words for conclusion {name!r}")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# Where an instrument's deposit falls against the threshold day or the treaty's entry into force,
# and what follows (rules/explain.lp): (when, what the day is (None: the threshold, in the
# treaty's terms), effect).
_WITH_TREATY = "it takes effect with the treaty"
_OWN_PERIOD = "the period runs from its own deposit"
_DEPOSITED: dict[str, tuple[str, str | None, str]] = {
    "deposited_by_threshold": ("on or before", None, _WITH_TREATY),
    "deposited_after_threshold": ("after", None, _OWN_PERIOD),
    "deposited_before_entry_into_force": ("before", "the treaty's entry into force", _WITH_TREATY),
    "deposited_after_entry_into_force": ("on or after", "the treaty's entry into force", _OWN_PERIOD),
}
