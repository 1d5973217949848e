"""An independent, pure-Python oracle for the Mine Ban Treaty lifecycle (differential testing).

Written from the treaty text (APMBC Arts. 15-17, 20; VCLT Arts. 57, 68) and README.md
("Choices where the treaties are silent"), not from rules/*.lp, and sharing no code with
checker/: it has its own calendar. tests/test_differential.py compares it with the checker on
random histories; a disagreement is a bug in one of the two.

The model, for ONE treaty (the shipped `apmbc` definition) and one state at a time:

- Acts are the records that can change a state's standing: signature, an instrument
  (ratification, acceptance, approval, accession), withdrawal, withdrawal_revocation. They happen
  in order of (date, kind: signature < instrument < withdrawal < revocation, id). Every other
  record (suspension, conduct, ...) never changes the status.
- Time itself changes the status twice: an instrument enters into force (pending -> party), and a
  withdrawal takes effect (withdrawing -> withdrawn). Such a lapse happens at the start of its
  day, before that day's acts.
- The status on a day is the state's standing after every act dated on or before that day and
  every lapse due by that day.

Art. 20(3) ("If, however, on the expiry of that six-month period, the withdrawing State Party is
engaged in an armed conflict, the withdrawal shall not take effect before the end of the armed
conflict") admits two readings of each of two questions (README.md, `treaty-check readings`), and
the oracle models all four pairs; every function that needs them takes them as keyword arguments,
with the checker's defaults:

- `deferral`: which conflicts hold a withdrawal back. "literal": only those engaging the state on
  the notice-expiry day; it takes effect at the latest end of those (not known while one of them
  has no recorded end), and a conflict starting after that day never matters. "chained": on the
  day the deferral would end, a conflict engaging the state then defers it again, and so on, until
  a day on which no conflict engages it.
- `conflict_end`: what a conflict's recorded `end` is. "exclusive": its first day without conflict
  (the state is engaged from `start` up to, not including, `end`). "inclusive": its last day of
  conflict (engaged on `end` too, free from the day after).

Supported record fields: `id`, `state`, `action`, `date` for events (`treaty` is ignored: pass
the records of one treaty) and `id`, `states`, `start`, `end` (None: ongoing) for conflicts.
Successions are not modelled.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

# --- the treaty's final clauses (facts/treaties/apmbc.yaml, read as a lawyer would) ------------

# Art. 15: "open for signature ... from 3 December 1997 ... until its entry into force".
SIGNATURE_OPENS = date(1997, 12, 3)
# Art. 17(1): the 40th instrument was deposited on 16 September 1998; "the first day of the sixth
# month after the month in which" it was deposited is 1 March 1999.
THRESHOLD_DEPOSIT = date(1998, 9, 16)
GENERAL_ENTRY_INTO_FORCE = date(1999, 3, 1)
# "until its entry into force": on that day signature is already closed.
SIGNATURE_CLOSED_FROM = GENERAL_ENTRY_INTO_FORCE
# Art. 16: signatories ratify, accept or approve; other states accede. A wrong kind still binds
# (README: the depositary accepted it).
INSTRUMENTS = frozenset({"ratification", "acceptance", "approval", "accession"})
# Art. 20(3): "six months after the receipt of the instrument of withdrawal".
WITHDRAWAL_NOTICE_MONTHS = 6
# Art. 20(3), the readings: (deferral, conflict_end); the first of each is the default.
DEFERRALS = ("literal", "chained")
CONFLICT_ENDS = ("exclusive", "inclusive")

SAME_DAY_ORDER = {"signature": 1, "withdrawal": 3, "withdrawal_revocation": 4} | {i: 2 for i in INSTRUMENTS}

STATUSES = ("non_party", "signatory", "pending", "party", "withdrawing", "withdrawn")


# --- calendar -------------------------------------------------------------------------------


def months_after(day: date, months: int) -> date:
    """The same day of the month `months` later, or that month's last day if it is shorter."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def entry_into_force(deposit: date) -> date:
    """Art. 17: the day the treaty enters into force for a state depositing on `deposit`."""
    if deposit <= THRESHOLD_DEPOSIT:  # (1): up to and including the 40th instrument
        return GENERAL_ENTRY_INTO_FORCE
    # (2): "the first day of the sixth month after the date on which that State has deposited"
    year, month0 = divmod(deposit.month - 1 + 6, 12)
    return date(deposit.year + year, month0 + 1, 1)


def notice_expiry(deposit: date) -> date:
    return months_after(deposit, WITHDRAWAL_NOTICE_MONTHS)


# --- records --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    id: str
    state: str
    action: str
    date: date


@dataclass(frozen=True)
class War:
    id: str
    states: frozenset[str]
    start: date
    until: date | None  # the first day it no longer engages its states; None: ongoing

    def engages(self, state: str, day: date) -> bool:
        return state in self.states and self.start <= day and (self.until is None or day < self.until)


def _records(events: Iterable[Mapping[str, Any]]) -> list[Record]:
    return [Record(e["id"], e["state"], e["action"], e["date"]) for e in events]


def _wars(conflicts: Iterable[Mapping[str, Any]], conflict_end: str) -> list[War]:
    """The conflicts, each with the first day it no longer engages its states: the recorded `end`
    itself ("exclusive": the first day of peace), or the day after it ("inclusive": the last day of
    conflict)."""
    if conflict_end not in CONFLICT_ENDS:
        raise ValueError(f"conflict_end: {conflict_end!r} is not one of {CONFLICT_ENDS}")
    after = timedelta(days=1 if conflict_end == "inclusive" else 0)
    return [War(c["id"], frozenset(c["states"]), c["start"], None if c["end"] is None else c["end"] + after)
            for c in conflicts]


def engaging(state: str, day: date, conflicts: Iterable[Mapping[str, Any]], *, conflict_end: str = "exclusive") -> list[str]:
    """The ids of the conflicts in which `state` is engaged on `day`."""
    return [w.id for w in _wars(conflicts, conflict_end) if w.engages(state, day)]


def withdrawal_takes_effect(
    deposit: date, state: str, conflicts: Iterable[Mapping[str, Any]], *,
    deferral: str = "literal", conflict_end: str = "exclusive",
) -> date | None:
    """Art. 20(3): the day a withdrawal deposited on `deposit` takes effect; None while it is held
    back by an armed conflict with no known end.

    Six months after deposit, unless the state is then engaged in an armed conflict.
    "literal": the conflicts engaging it on that day hold it back until the latest of their ends;
    later conflicts are not looked at. "chained": the first later day on which it is engaged in
    none; on a day it is engaged, every day up to the latest end of the conflicts engaging it is
    engaged too, so the search can jump there, and looks again.
    """
    if deferral not in DEFERRALS:
        raise ValueError(f"deferral: {deferral!r} is not one of {DEFERRALS}")
    wars = _wars(conflicts, conflict_end)
    expiry = notice_expiry(deposit)
    if deferral == "literal":  # "on the expiry of that six-month period ... the end of the armed conflict"
        holding = [w for w in wars if w.engages(state, expiry)]
        if not holding:
            return expiry
        if any(w.until is None for w in holding):
            return None
        return max(w.until for w in holding if w.until is not None)
    day = expiry
    while True:
        holding = [w for w in wars if w.engages(state, day)]
        if not holding:
            return day
        if any(w.until is None for w in holding):
            return None
        day = max(w.until for w in holding if w.until is not None)


# --- the state's standing -------------------------------------------------------------------


@dataclass
class _Standing:
    """Where one state stands, between acts."""

    kind: str = "out"  # out | signed | bound | leaving
    has_withdrawn: bool = False  # out because a withdrawal took effect
    in_force_from: date | None = None  # bound / leaving: the instrument's entry into force
    leaves_on: date | None = None  # leaving: the day the withdrawal takes effect (None: not yet known)

    def lapse(self, day: date) -> None:
        """Everything time brings about by the start of `day`."""
        if self.kind == "leaving" and self.leaves_on is not None and self.leaves_on <= day:
            self.kind, self.has_withdrawn = "out", True
            self.in_force_from = self.leaves_on = None

    def act(
        self, record: Record, conflicts: Sequence[Mapping[str, Any]], *,
        deferral: str = "literal", conflict_end: str = "exclusive",
    ) -> bool:
        """Apply one act; an act without legal effect leaves the standing unchanged (False). The
        readings decide when a withdrawal takes effect (`withdrawal_takes_effect`)."""
        day = record.date
        if record.action == "signature":
            # Art. 15: within the signature period, by a state that has neither signed nor consented.
            if self.kind == "out" and not self.has_withdrawn and SIGNATURE_OPENS <= day < SIGNATURE_CLOSED_FROM:
                self.kind = "signed"
                return True
        elif record.action in INSTRUMENTS:
            # Art. 16: any state not bound may consent (again, after withdrawing), once the treaty is open.
            if self.kind in ("out", "signed") and day >= SIGNATURE_OPENS:
                self.kind, self.in_force_from = "bound", entry_into_force(day)
                return True
        elif record.action == "withdrawal":
            # Art. 20(2): only a State Party, i.e. one for which the treaty is in force.
            if self.kind == "bound" and self.in_force_from is not None and self.in_force_from <= day:
                self.kind = "leaving"
                self.leaves_on = withdrawal_takes_effect(
                    day, record.state, conflicts, deferral=deferral, conflict_end=conflict_end)
                return True
        elif record.action == "withdrawal_revocation":
            # VCLT Art. 68: "at any time before it takes effect" (a lapse today came first).
            if self.kind == "leaving":
                self.kind, self.leaves_on = "bound", None
                return True
        return False

    def status(self, day: date) -> str:
        if self.kind == "out":
            return "withdrawn" if self.has_withdrawn else "non_party"
        if self.kind == "signed":
            return "signatory"
        if self.kind == "bound":
            assert self.in_force_from is not None
            return "party" if self.in_force_from <= day else "pending"
        return "withdrawing"


def _acts(records: Iterable[Record], state: str) -> list[Record]:
    acts = [r for r in records if r.state == state and r.action in SAME_DAY_ORDER]
    return sorted(acts, key=lambda r: (r.date, SAME_DAY_ORDER[r.action], r.id))


def status_on(
    events: Iterable[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]], state: str, day: date, *,
    deferral: str = "literal", conflict_end: str = "exclusive",
) -> str:
    """The state's status under the treaty on `day`, under the readings given."""
    standing = _Standing()
    for record in _acts(_records(events), state):
        if record.date > day:
            break
        standing.lapse(record.date)
        standing.act(record, conflicts, deferral=deferral, conflict_end=conflict_end)
    standing.lapse(day)
    return standing.status(day)


def effective_acts(
    events: Iterable[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]], state: str, *,
    deferral: str = "literal", conflict_end: str = "exclusive",
) -> list[tuple[Record, bool]]:
    """Each of the state's acts, in order, and whether it took legal effect, under the readings given."""
    standing, result = _Standing(), []
    for record in _acts(_records(events), state):
        standing.lapse(record.date)
        result.append((record, standing.act(record, conflicts, deferral=deferral, conflict_end=conflict_end)))
    return result


def statuses_on(
    events: Iterable[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]], states: Iterable[str], day: date, *,
    deferral: str = "literal", conflict_end: str = "exclusive",
) -> dict[str, str]:
    """Each state's status on `day`, under the readings given."""
    events = list(events)
    return {state: status_on(events, conflicts, state, day, deferral=deferral, conflict_end=conflict_end)
            for state in states}


def suspension_findings(events: Iterable[Mapping[str, Any]]) -> set[tuple[str, str]]:
    """Art. 20 has no suspension clause (VCLT Art. 57): every suspension record is reported, and
    none changes a status. Returns {(code, record id)}."""
    return {("suspension_not_permitted", r.id) for r in _records(events) if r.action == "suspension"}
