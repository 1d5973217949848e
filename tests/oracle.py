"""An independent, pure-Python oracle for a treaty's lifecycle (differential testing).

Written from the treaty texts (APMBC Arts. 15-17, 20; Rome Statute Arts. 125-127; ATT Arts. 21-24;
CTBT Art. XIV; CWC Art. XXI; NPT Art. IX; TPNW Art. 17; CCW Art. 9; Open Skies Art. XV; VCLT
Arts. 18, 24, 57, 68), ../shared/context/treaty_library.md and README.md ("Choices where the
treaties are silent"), not from rules/*.lp, and sharing no code with checker/: it has its own
calendar and reads a treaty definition (the YAML mapping of facts/treaties/*.yaml) itself.
tests/test_differential.py compares it with the checker on random histories; a disagreement is a
bug in one of the two.

The model, for ONE treaty (`Treaty`, by default the shipped `apmbc` definition) and one state at a
time:

- The treaty's own days. Its condition for entry into force is met on the threshold day: the
  definition's `threshold_deposit`, or else the first day on which at least `instruments_required`
  distinct states hold a deposited instrument of a `counted` kind and every `required_states`
  state holds one (APMBC Art. 17(1) "the 40th instrument"; NPT Art. IX(3); CTBT Art. XIV(1)).
  Instruments deposited on one day all count that day (Rome: ten on one day). An instrument its
  state revokes (`ratification_revocation`: Russia, CTBT, 2023) before the treaty is in force does
  not count, as if never deposited; once the treaty is in force the count is settled, and a
  revocation changes nothing (see `lifecycle`). An instrument dated before the treaty opened is no
  deposit under it (it has no effect, and the loader refuses a threshold day before the opening for
  the same reason). The general entry into force is the `general` period counted from the
  threshold day, never before `not_before` (CTBT, CWC: "in no case earlier than two years after its
  opening for signature").
- Entry into force for an instrument: with the treaty if deposited on or before the threshold day
  (APMBC Art. 17(1)), or, where `later_after: entry_into_force` (ATT Art. 22(2), CWC Art. XXI(2):
  "subsequent to the entry into force"), if deposited before the general entry into force;
  otherwise the `later` period counted from its own deposit, but never before the treaty itself is
  in force (VCLT Art. 24). Without a threshold day, never.
- Acts are the records that can change a state's standing: signature, an instrument (ratification,
  acceptance, approval, accession), withdrawal, un-signing, ratification_revocation,
  withdrawal_revocation. They happen in order of (date, rank: signature 1 < instrument 2 <
  withdrawal = un-signing = ratification_revocation 3 < withdrawal_revocation 4, id). Every other
  record (suspension, conduct, ...) never changes the status.
- Time itself changes the status twice: an instrument enters into force (pending -> party), and a
  withdrawal takes effect (withdrawing -> withdrawn). Such a lapse happens at the start of its
  day, before that day's acts.
- The status on a day is the state's standing after every act dated on or before that day and
  every lapse due by that day.

Withdrawal: the `notice` period from the deposit of the notice; where the treaty lets the notice
specify a date, `later_allowed` (Rome Art. 127(1), ATT Art. 24(2): "unless the notification
specifies a later date") takes the later of the two, `advance_notice` (Open Skies Art. XV(2): "at
least six months in advance of the date of its intended withdrawal") takes the date given if it
leaves the whole notice period, else the period's end; otherwise a date given is ignored. Then,
where `armed_conflict_defers`, an armed conflict engaging the state on that day holds it back
(APMBC Art. 20(3)); an occupation counts only where the clause names it (CCW Art. 9(2): "armed
conflict or occupation"). Art. 20(3) ("If, however, on the expiry of that six-month period, the
withdrawing State Party is engaged in an armed conflict, the withdrawal shall not take effect
before the end of the armed conflict") admits two readings of each of two questions (README.md,
`treaty-check readings`), and the oracle models all four pairs; every function that needs them
takes them as keyword arguments, with the checker's defaults:

- `deferral`: which conflicts hold a withdrawal back. "literal": only those engaging the state on
  the notice-expiry day; it takes effect at the latest end of those (not known while one of them
  has no recorded end), and a conflict starting after that day never matters. "chained": on the
  day the deferral would end, a conflict engaging the state then defers it again, and so on, until
  a day on which no conflict engages it. Where the clause itself says "until it is no longer party
  to an armed conflict" (TPNW Art. 17(3): `armed_conflict_until: no_armed_conflict`), the text
  chains, whatever the reading.
- `conflict_end`: what a conflict's recorded `end` is. "exclusive": its first day without conflict
  (the state is engaged from `start` up to, not including, `end`). "inclusive": its last day of
  conflict (engaged on `end` too, free from the day after).

Supported record fields: `id`, `state`, `action`, `date`, `specified_date` for events (`treaty`
is ignored: pass the records of one treaty) and `id`, `kind`, `states`, `start`, `end` (None:
ongoing) for conflicts. Successions are not modelled.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

# --- periods and the calendar ---------------------------------------------------------------


def months_after(day: date, months: int) -> date:
    """The same day of the month `months` later, or that month's last day if it is shorter."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Period:
    """A span as a treaty writes it: years and months (a year is twelve months), then days, then
    "the first day of the month" reached (APMBC Art. 17: "the first day of the sixth month after")
    or "the first day of the month after" the day reached (Rome Art. 126: "the first day of the
    month after the 60th day following")."""

    months: int = 0
    days: int = 0
    align: str = "none"  # none | first_of_month | first_of_next_month

    @classmethod
    def of(cls, spec: Mapping[str, Any] | None) -> Period:
        spec = spec or {}
        return cls(12 * spec.get("years", 0) + spec.get("months", 0), spec.get("days", 0), spec.get("align", "none"))

    def after(self, day: date) -> date:
        reached = months_after(day, self.months) + timedelta(days=self.days)
        if self.align == "first_of_month":
            return reached.replace(day=1)
        if self.align == "first_of_next_month":
            return months_after(reached.replace(day=1), 1)
        assert self.align == "none", self.align
        return reached


# --- the treaty's final clauses, as parameters ------------------------------------------------

INSTRUMENTS = frozenset({"ratification", "acceptance", "approval", "accession"})


@dataclass(frozen=True)
class Treaty:
    id: str
    opens: date
    # the first day signature is closed: a day, "entry_into_force" ("until its entry into force":
    # closed on that day), or None (never); a written last day gives the day after it
    closes: date | str | None
    instruments: frozenset[str]  # the kinds of instrument the consent clause provides
    instruments_required: int | None
    required_states: frozenset[str]
    counted: frozenset[str]  # the kinds the count takes
    threshold_deposit: date | None  # None: worked out from the records
    general: Period
    not_before: date | None
    later: Period
    later_after: str  # threshold_deposit | entry_into_force
    withdrawal_permitted: bool
    notice: Period
    specified_date: str  # none | later_allowed | advance_notice
    armed_conflict_defers: bool
    chains_by_text: bool  # armed_conflict_until: no_armed_conflict (TPNW Art. 17(3))
    occupation_counts: bool  # armed_conflict_includes_occupation (CCW Art. 9(2))

    @classmethod
    def from_definition(cls, d: Mapping[str, Any]) -> Treaty:
        """From a treaty definition as facts/treaties/*.yaml writes it (dates as `date`)."""
        sig, consent, eif, w = d["signature"], d["consent"], d["entry_into_force"], d["withdrawal"]
        closes = sig.get("closes")
        if sig.get("last_day") is not None:  # "until 31 December 2000": that day is still open
            closes = sig["last_day"] + timedelta(days=1)
        provided = {*consent.get("signatories", []), *consent.get("non_signatories", []), *consent.get("any_state", [])}
        counted = eif.get("counted")
        return cls(
            id=d["id"], opens=sig["opens"], closes=closes,
            instruments=frozenset(provided & INSTRUMENTS),
            instruments_required=eif.get("instruments_required"),
            required_states=frozenset(eif.get("required_states", [])),
            counted=frozenset(INSTRUMENTS if counted is None else counted),
            threshold_deposit=eif.get("threshold_deposit"),
            general=Period.of(eif.get("general")), not_before=eif.get("not_before"), later=Period.of(eif.get("later")),
            later_after=eif.get("later_after", "threshold_deposit"),
            withdrawal_permitted=w["permitted"], notice=Period.of(w.get("notice")),
            specified_date=w.get("specified_date", "none"),
            armed_conflict_defers=w.get("armed_conflict_defers", False),
            chains_by_text=w.get("armed_conflict_until", "end_of_that_conflict") == "no_armed_conflict",
            occupation_counts=w.get("armed_conflict_includes_occupation", False),
        )


# The Mine Ban Treaty (facts/treaties/apmbc.yaml, read as a lawyer would).
# Art. 15: "open for signature ... from 3 December 1997 ... until its entry into force".
SIGNATURE_OPENS = date(1997, 12, 3)
# Art. 17(1): the 40th instrument was deposited on 16 September 1998; "the first day of the sixth
# month after the month in which" it was deposited is 1 March 1999.
THRESHOLD_DEPOSIT = date(1998, 9, 16)
GENERAL_ENTRY_INTO_FORCE = date(1999, 3, 1)
# "until its entry into force": on that day signature is already closed.
SIGNATURE_CLOSED_FROM = GENERAL_ENTRY_INTO_FORCE
APMBC = Treaty(
    id="apmbc", opens=SIGNATURE_OPENS, closes="entry_into_force",
    # Art. 16: signatories ratify, accept or approve; other states accede. A wrong kind still binds
    # (README: the depositary accepted it).
    instruments=INSTRUMENTS, instruments_required=40, required_states=frozenset(), counted=INSTRUMENTS,
    threshold_deposit=THRESHOLD_DEPOSIT, general=Period(6, 0, "first_of_month"), not_before=None,
    # Art. 17(2): "the first day of the sixth month after the date on which that State has deposited"
    later=Period(6, 0, "first_of_month"), later_after="threshold_deposit",
    # Art. 20(3): "six months after the receipt of the instrument of withdrawal"; armed conflict
    withdrawal_permitted=True, notice=Period(6), specified_date="none",
    armed_conflict_defers=True, chains_by_text=False, occupation_counts=False,
)
# Art. 20(3), the readings: (deferral, conflict_end); the first of each is the default.
DEFERRALS = ("literal", "chained")
CONFLICT_ENDS = ("exclusive", "inclusive")

SAME_DAY_ORDER = {"signature": 1, "withdrawal": 3, "unsigning": 3, "ratification_revocation": 3,
                  "withdrawal_revocation": 4} | {i: 2 for i in INSTRUMENTS}

STATUSES = ("non_party", "signatory", "pending", "party", "withdrawing", "withdrawn")


# --- records --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    id: str
    state: str
    action: str
    date: date
    specified_date: date | None = None


@dataclass(frozen=True)
class War:
    id: str
    kind: str  # armed_conflict | occupation
    states: frozenset[str]
    start: date
    until: date | None  # the first day it no longer engages its states; None: ongoing

    def engages(self, state: str, day: date) -> bool:
        return state in self.states and self.start <= day and (self.until is None or day < self.until)


def _records(events: Iterable[Mapping[str, Any]]) -> tuple[Record, ...]:
    return tuple(Record(e["id"], e["state"], e["action"], e["date"], e.get("specified_date")) for e in events)


def _wars(conflicts: Iterable[Mapping[str, Any]], conflict_end: str) -> list[War]:
    """The conflicts, each with the first day it no longer engages its states: the recorded `end`
    itself ("exclusive": the first day of peace), or the day after it ("inclusive": the last day of
    conflict)."""
    if conflict_end not in CONFLICT_ENDS:
        raise ValueError(f"conflict_end: {conflict_end!r} is not one of {CONFLICT_ENDS}")
    after = timedelta(days=1 if conflict_end == "inclusive" else 0)
    return [War(c["id"], c.get("kind", "armed_conflict"), frozenset(c["states"]), c["start"],
                None if c["end"] is None else c["end"] + after)
            for c in conflicts]


# --- the treaty's own days --------------------------------------------------------------------


@dataclass(frozen=True)
class Lifecycle:
    """The days the treaty's entry-into-force clause gives for a set of records."""

    treaty: Treaty
    threshold: date | None  # the day the condition was met; None: never
    general: date | None  # the general entry into force

    def signature_closed_from(self) -> date | None:
        closes = self.treaty.closes
        if closes == "entry_into_force":
            return self.general
        assert closes is None or isinstance(closes, date), closes
        return closes

    def signature_open(self, day: date) -> bool:
        closed = self.signature_closed_from()
        return self.treaty.opens <= day and (closed is None or day < closed)

    def in_force(self, deposit: date) -> date | None:
        """The day the treaty enters into force for an instrument deposited on `deposit`."""
        if self.threshold is None or self.general is None:
            return None
        t = self.treaty
        with_treaty = deposit <= self.threshold if t.later_after == "threshold_deposit" else deposit < self.general
        if with_treaty:
            return self.general
        return max(t.later.after(deposit), self.general)  # never before the treaty itself


def _threshold(treaty: Treaty, records: Sequence[Record], withdrawn: Sequence[tuple[str, date]]) -> date | None:
    """The first day on which the condition holds, the day's deposits done: an instrument of a
    counted kind deposited (after the opening) on or before it counts, unless it is `withdrawn`
    (its state revoked it: as if never deposited)."""
    instruments = [r for r in records if r.action in treaty.counted and treaty.opens <= r.date
                   and not any(s == r.state and r.date <= d for s, d in withdrawn)]
    for day in sorted({r.date for r in instruments}):
        counted = {r.state for r in instruments if r.date <= day}
        if (treaty.instruments_required is None or len(counted) >= treaty.instruments_required) \
                and treaty.required_states <= counted:
            return day
    return None


def _general(treaty: Treaty, threshold: date | None) -> date | None:
    if threshold is None:
        return None
    general = treaty.general.after(threshold)
    return general if treaty.not_before is None else max(general, treaty.not_before)


@lru_cache(maxsize=256)
def lifecycle(treaty: Treaty, records: tuple[Record, ...]) -> Lifecycle:
    """The threshold day and the general entry into force. Worked out from the records, an
    instrument its state revokes while the treaty is not yet in force does not count (as if never
    deposited: the condition is worked out again without it; CTBT Art. XIV(1) needs the instruments
    of all 44 states, and a state that took its own back will not be bound). Once the treaty is in
    force, the count is settled: the deposits that met the condition brought it into force (VCLT
    Art. 24(1)), and a later revocation does not undo that (nor has it any effect for a state for
    which the treaty is then in force). So the revocations are taken in order of date, each with
    the treaty's day as the earlier ones leave it, up to the first one on or after it (removing an
    instrument only ever moves that day later)."""
    if treaty.threshold_deposit is not None:
        return Lifecycle(treaty, treaty.threshold_deposit, _general(treaty, treaty.threshold_deposit))
    withdrawn: list[tuple[str, date]] = []
    for revocation in sorted((r for r in records if r.action == "ratification_revocation"), key=lambda r: r.date):
        general = _general(treaty, _threshold(treaty, records, withdrawn))
        if general is not None and general <= revocation.date:
            break
        withdrawn.append((revocation.state, revocation.date))
    threshold = _threshold(treaty, records, withdrawn)
    return Lifecycle(treaty, threshold, _general(treaty, threshold))


def lifecycle_of(events: Iterable[Mapping[str, Any]], treaty: Treaty = APMBC) -> Lifecycle:
    return lifecycle(treaty, _records(events))


def entry_into_force(deposit: date, *, treaty: Treaty = APMBC, events: Iterable[Mapping[str, Any]] = ()) -> date | None:
    """The day the treaty enters into force for a state depositing on `deposit` (the records
    matter only where the threshold day is worked out from them)."""
    return lifecycle_of(events, treaty).in_force(deposit)


# --- withdrawal -----------------------------------------------------------------------------


def notice_expiry(deposit: date, *, treaty: Treaty = APMBC) -> date:
    return treaty.notice.after(deposit)


def period_end(deposit: date, *, treaty: Treaty = APMBC, specified_date: date | None = None) -> date:
    """The day a withdrawal deposited on `deposit` would take effect, before any armed conflict:
    the notice period's end, or the date the notice specifies where the treaty lets it."""
    expiry = notice_expiry(deposit, treaty=treaty)
    if specified_date is None or treaty.specified_date == "none":
        return expiry
    if treaty.specified_date == "later_allowed":  # "unless the notification specifies a later date"
        return max(expiry, specified_date)
    assert treaty.specified_date == "advance_notice", treaty.specified_date
    # "at least six months in advance of the date of its intended withdrawal": a date too early
    # does not shorten the notice
    return specified_date if specified_date >= expiry else expiry


def engaging(state: str, day: date, conflicts: Iterable[Mapping[str, Any]], *, conflict_end: str = "exclusive",
             treaty: Treaty = APMBC) -> list[str]:
    """The ids of the conflicts (of a kind the treaty's clause names) engaging `state` on `day`."""
    return [w.id for w in _wars(conflicts, conflict_end) if _counts(w, treaty) and w.engages(state, day)]


def _counts(war: War, treaty: Treaty) -> bool:
    return war.kind == "armed_conflict" or (war.kind == "occupation" and treaty.occupation_counts)


def withdrawal_takes_effect(
    deposit: date, state: str, conflicts: Iterable[Mapping[str, Any]], *,
    treaty: Treaty = APMBC, specified_date: date | None = None,
    deferral: str = "literal", conflict_end: str = "exclusive",
) -> date | None:
    """The day a withdrawal deposited on `deposit` takes effect; None while it is held back by an
    armed conflict with no known end.

    The notice period's end (or the date specified), unless the treaty defers it and the state is
    then engaged in an armed conflict. "literal": the conflicts engaging it on that day hold it
    back until the latest of their ends; later conflicts are not looked at. "chained" (or a clause
    that chains by its text): the first later day on which it is engaged in none; on a day it is
    engaged, every day up to the latest end of the conflicts engaging it is engaged too, so the
    search can jump there, and looks again.
    """
    if deferral not in DEFERRALS:
        raise ValueError(f"deferral: {deferral!r} is not one of {DEFERRALS}")
    wars = [w for w in _wars(conflicts, conflict_end) if _counts(w, treaty)]
    end = period_end(deposit, treaty=treaty, specified_date=specified_date)
    if not treaty.armed_conflict_defers:
        return end
    if treaty.chains_by_text:
        deferral = "chained"
    if deferral == "literal":  # "on the expiry of that six-month period ... the end of the armed conflict"
        holding = [w for w in wars if w.engages(state, end)]
        if not holding:
            return end
        if any(w.until is None for w in holding):
            return None
        return max(w.until for w in holding if w.until is not None)
    day = end
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
    in_force_from: date | None = None  # bound / leaving: the instrument's entry into force (None: never)
    leaves_on: date | None = None  # leaving: the day the withdrawal takes effect (None: not yet known)
    before: str | None = None  # bound: the kind (out | signed) before the instrument

    def lapse(self, day: date) -> None:
        """Everything time brings about by the start of `day`."""
        if self.kind == "leaving" and self.leaves_on is not None and self.leaves_on <= day:
            self.kind, self.has_withdrawn = "out", True
            self.in_force_from = self.leaves_on = self.before = None

    def act(
        self, record: Record, conflicts: Sequence[Mapping[str, Any]], life: Lifecycle, *,
        deferral: str = "literal", conflict_end: str = "exclusive",
    ) -> bool:
        """Apply one act; an act without legal effect leaves the standing unchanged (False). The
        readings decide when a withdrawal takes effect (`withdrawal_takes_effect`)."""
        day, treaty = record.date, life.treaty
        if record.action == "signature":
            # APMBC Art. 15: within the signature period, by a state that is neither a signatory
            # nor bound. A signature period that outlasts a withdrawal ("open to all States for
            # signature", NPT Art. IX(1)) is open to the state that withdrew too: no text bars it.
            if self.kind == "out" and life.signature_open(day):
                self.kind, self.has_withdrawn = "signed", False
                return True
        elif record.action in INSTRUMENTS:
            # APMBC Art. 16: any state not bound may consent (again, after withdrawing), once the
            # treaty is open, with an instrument of a kind the treaty provides.
            if record.action in treaty.instruments and self.kind in ("out", "signed") and day >= treaty.opens:
                self.before = self.kind
                self.kind, self.in_force_from = "bound", life.in_force(day)
                return True
        elif record.action == "withdrawal":
            # APMBC Art. 20(2): only a State Party, i.e. one for which the treaty is in force.
            if treaty.withdrawal_permitted and self.kind == "bound" and self.in_force_from is not None \
                    and self.in_force_from <= day:
                self.kind = "leaving"
                self.leaves_on = withdrawal_takes_effect(
                    day, record.state, conflicts, treaty=treaty, specified_date=record.specified_date,
                    deferral=deferral, conflict_end=conflict_end)
                return True
        elif record.action == "withdrawal_revocation":
            # VCLT Art. 68: "at any time before it takes effect" (a lapse today came first).
            if self.kind == "leaving":
                self.kind, self.leaves_on = "bound", None
                return True
        elif record.action == "unsigning":
            # VCLT Art. 18(a): a signatory makes clear it will not become a party; not a state that
            # has consented (it revokes its instrument, or withdraws).
            if self.kind == "signed":
                self.kind = "out"
                return True
        elif record.action == "ratification_revocation":
            # An instrument withdrawn before the treaty entered into force for the state (Russia,
            # CTBT, 2023): the state is again a signatory if it had signed, otherwise a non-party (a
            # state that had withdrawn before depositing it too: its new instrument, not its
            # withdrawal, is what it undoes). Once in force, only a withdrawal can end it (VCLT Art.
            # 24: consent binds from entry into force).
            if self.kind == "bound" and (self.in_force_from is None or day < self.in_force_from):
                assert self.before is not None
                self.kind, self.has_withdrawn, self.before, self.in_force_from = self.before, False, None, None
                return True
        return False

    def status(self, day: date) -> str:
        if self.kind == "out":
            return "withdrawn" if self.has_withdrawn else "non_party"
        if self.kind == "signed":
            return "signatory"
        if self.kind == "bound":
            return "party" if self.in_force_from is not None and self.in_force_from <= day else "pending"
        return "withdrawing"


def _acts(records: Iterable[Record], state: str) -> list[Record]:
    acts = [r for r in records if r.state == state and r.action in SAME_DAY_ORDER]
    return sorted(acts, key=lambda r: (r.date, SAME_DAY_ORDER[r.action], r.id))


def status_on(
    events: Iterable[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]], state: str, day: date, *,
    treaty: Treaty = APMBC, deferral: str = "literal", conflict_end: str = "exclusive",
) -> str:
    """The state's status under the treaty on `day`, under the readings given."""
    records = _records(events)
    life = lifecycle(treaty, records)
    standing = _Standing()
    for record in _acts(records, state):
        if record.date > day:
            break
        standing.lapse(record.date)
        standing.act(record, conflicts, life, deferral=deferral, conflict_end=conflict_end)
    standing.lapse(day)
    return standing.status(day)


def effective_acts(
    events: Iterable[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]], state: str, *,
    treaty: Treaty = APMBC, deferral: str = "literal", conflict_end: str = "exclusive",
) -> list[tuple[Record, bool]]:
    """Each of the state's acts, in order, and whether it took legal effect, under the readings given."""
    records = _records(events)
    life = lifecycle(treaty, records)
    standing, result = _Standing(), []
    for record in _acts(records, state):
        standing.lapse(record.date)
        result.append((record, standing.act(record, conflicts, life, deferral=deferral, conflict_end=conflict_end)))
    return result


def statuses_on(
    events: Iterable[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]], states: Iterable[str], day: date, *,
    treaty: Treaty = APMBC, deferral: str = "literal", conflict_end: str = "exclusive",
) -> dict[str, str]:
    """Each state's status on `day`, under the readings given."""
    events = list(events)
    return {state: status_on(events, conflicts, state, day, treaty=treaty, deferral=deferral, conflict_end=conflict_end)
            for state in states}


WITHOUT_EFFECT = {a: f"{a}_without_effect" for a in ("withdrawal_revocation", "unsigning", "ratification_revocation")}


def act_findings(
    events: Iterable[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]], *,
    treaty: Treaty = APMBC, deferral: str = "literal", conflict_end: str = "exclusive",
) -> set[tuple[str, str]]:
    """The acts reported as such, under the readings given: a revocation of a withdrawal or of an
    instrument, or an un-signing, without legal effect (`<action>_without_effect`), and a signature
    once the signature period has closed (`signature_after_closure`). Returns {(code, record id)}."""
    events = list(events)
    records = _records(events)
    closed = lifecycle(treaty, records).signature_closed_from()
    found = {("signature_after_closure", r.id) for r in records
             if r.action == "signature" and closed is not None and r.date >= closed}
    for state in sorted({r.state for r in records}):
        for record, took_effect in effective_acts(events, conflicts, state, treaty=treaty,
                                                  deferral=deferral, conflict_end=conflict_end):
            if not took_effect and record.action in WITHOUT_EFFECT:
                found.add((WITHOUT_EFFECT[record.action], record.id))
    return found


def suspension_findings(events: Iterable[Mapping[str, Any]]) -> set[tuple[str, str]]:
    """A treaty without a suspension clause (APMBC; VCLT Art. 57): every suspension record is
    reported, and none changes a status. Returns {(code, record id)}."""
    return {("suspension_not_permitted", r.id) for r in _records(events) if r.action == "suspension"}
