"""An independent, pure-Python oracle for a treaty's lifecycle (differential testing).

Written from the treaty texts (APMBC Arts. 15-17, 20; Rome Statute Arts. 125-127; ATT Arts. 21-24;
CTBT Art. XIV; CWC Art. XXI; NPT Arts. IX, X; TPNW Art. 17; CCW Art. 9; Open Skies Art. XV; INF
Art. XV; New START Art. XIV; VCLT Arts. 18, 24, 57, 59, 68, 70),
../shared/context/treaty_library.md and README.md ("Choices where the treaties are silent"), not
from rules/*.lp, and sharing no code with checker/: it has its own calendar and reads a treaty
definition (the YAML mapping of facts/treaties/*.yaml) itself.
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
  "subsequent to the entry into force"), also if deposited before the general entry into force
  (a deposit of the threshold day is not subsequent to an entry into force it made that day);
  otherwise the `later` period counted from its own deposit, but never before the treaty itself is
  in force (VCLT Art. 24). Without a threshold day, never.
- Acts are the records that can change a state's standing: signature, an instrument (ratification,
  acceptance, approval, accession), withdrawal, un-signing, ratification_revocation,
  withdrawal_revocation, and a notice's pause and resumption (withdrawal_suspension,
  withdrawal_resumption). They happen in order of (date, rank: signature 1 < instrument 2 <
  withdrawal = un-signing = ratification_revocation 3 < withdrawal_revocation = pause 4 <
  resumption 5, id): each after the act it undoes or builds on. The records that end a treaty
  (term_extension, supersession) are the treaty's, not a state's. Every other record (suspension,
  conduct, ...) never changes the status.
- Time itself changes the status three times: an instrument enters into force (pending -> party),
  a withdrawal takes effect (withdrawing -> withdrawn), and the treaty ends (-> terminated, below).
  The first two happen at the start of their day, before that day's acts; the end, after them.
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

A paused notice (`withdrawal_suspension`, then `withdrawal_resumption`: the DPRK's NPT notice,
paused on 11 June 1993, one day before it would have taken effect, resumed on 10 January 2003): no
treaty has a clause on it. A pause counts while a notice is pending (deposited, neither revoked nor
in effect, perhaps held back by an armed conflict) and not already paused; while paused, the notice
is neither revoked nor in effect (the state is `withdrawing`), its period stops running and it
never takes effect unless resumed; a revocation still ends it (VCLT Art. 68: "at any time before
it takes effect"). A resumption counts only for a paused notice. What it gives is the
`paused_notice` reading (README.md):

- `paused_notice`: "fresh_period" (default): a full notice period runs from the resumption.
  "remaining": the days the period had left at the pause (none where only an armed conflict still
  held the notice back) run from the resumption. Either way, an armed conflict on the day the
  period now runs out holds it back as before. "no_notice": the pause ends the notice as a
  revocation would (the state stays a party), and a resumption is no notice. A notice may be paused
  and resumed more than once: each pause stops the period as it then runs.

Treaties that end (`Ending`, `treaty_end`): a fixed term from the general entry into force, with
the extensions the parties agree (New START Art. XIV(2)), or a conference's decisions (NPT Art.
X(2)), see `term_expiry`; a later treaty taking the treaty's place (`supersession`, VCLT Art.
59(1)); and, for a bilateral treaty, a party's withdrawal taking effect (INF Art. XV(2), New
START Art. XIV(3)). The treaty ends on the earliest of these days. On it, after any act of the
day, every state it binds (an instrument in effect, in force or pending; a notice perhaps pending,
or paused) is `terminated`, and so is a state whose withdrawal takes effect that very day; a state
that withdrew before, or whose instrument was revoked, keeps the status it had; nothing changes
after that day. Acts dated on or after an expiry or a supersession have nothing to act on (no
legal effect); after the end of a bilateral treaty by a withdrawal, the acts are read as before
(that end depends on them), but no status changes. The treaty's own days (the count for its entry
into force) are worked out from all its records, as before.

Supported record fields: `id`, `state`, `action`, `date`, `specified_date`, `extended_until` for
events (`treaty` is ignored: pass the records of one treaty) and `id`, `kind`, `states`, `start`,
`end` (None: ongoing) for conflicts. Successions are not modelled.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
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
    # How it ends (absent: a multilateral treaty of unlimited duration, as the Mine Ban Treaty).
    bilateral: bool = False  # a party's withdrawal ends it (INF Art. XV(2), New START Art. XIV(3))
    term: Period | None = None  # a fixed term from the general entry into force (New START Art. XIV(2))
    extensions: int = 0  # how many extensions the parties may agree
    extension_max: Period | None = None  # the longest each may be (None: no limit)
    conference_decides: bool = False  # NPT Art. X(2): no lapse at the term; a conference decides

    @classmethod
    def from_definition(cls, d: Mapping[str, Any]) -> Treaty:
        """From a treaty definition as facts/treaties/*.yaml writes it (dates as `date`)."""
        sig, consent, eif, w = d["signature"], d["consent"], d["entry_into_force"], d["withdrawal"]
        duration = d.get("duration") or {}
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
            bilateral=d.get("parties", "multilateral") == "bilateral",
            term=Period.of(duration["term"]) if duration.get("term") is not None else None,
            extensions=duration.get("extensions", 0),
            extension_max=Period.of(duration["extension_max"]) if duration.get("extension_max") is not None else None,
            conference_decides=duration.get("conference_decides", False),
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
# A paused notice, resumed (no treaty has a clause on it): the first is the default.
PAUSED_NOTICES = ("fresh_period", "remaining", "no_notice")

# Each act comes after the act it undoes or builds on: a signature before the instrument it
# enables, an instrument before a withdrawal, a withdrawal before its revocation or its pause, and
# a pause before its resumption (a pause and a revocation on one day: by id).
SAME_DAY_ORDER = {"signature": 1, "withdrawal": 3, "unsigning": 3, "ratification_revocation": 3,
                  "withdrawal_revocation": 4, "withdrawal_suspension": 4, "withdrawal_resumption": 5} \
    | {i: 2 for i in INSTRUMENTS}

STATUSES = ("non_party", "signatory", "pending", "party", "withdrawing", "withdrawn", "terminated")


# --- records --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    id: str
    state: str
    action: str
    date: date
    specified_date: date | None = None
    extended_until: date | None = None  # a term_extension: the new end (None: indefinitely)


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
    return tuple(Record(e["id"], e["state"], e["action"], e["date"], e.get("specified_date"), e.get("extended_until"))
                 for e in events)


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
        # a deposit of the threshold day made the entry into force, even one on that very day
        with_treaty = deposit <= self.threshold or (t.later_after == "entry_into_force" and deposit < self.general)
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
    deferral: str = "literal", conflict_end: str = "exclusive", paused_notice: str = "fresh_period",
) -> date | None:
    """The day a withdrawal deposited on `deposit` takes effect, if its notice is never paused
    (`paused_notice` is then irrelevant: it is accepted so that every function here takes the same
    readings); None while it is held back by an armed conflict with no known end.

    The notice period's end (or the date specified), unless the treaty defers it and the state is
    then engaged in an armed conflict (`deferred`).
    """
    _check_readings(deferral, conflict_end, paused_notice)
    wars = tuple(w for w in _wars(conflicts, conflict_end) if _counts(w, treaty))
    return deferred(period_end(deposit, treaty=treaty, specified_date=specified_date), state, wars,
                    treaty=treaty, deferral=deferral)


def deferred(expiry: date, state: str, wars: Iterable[War], *, treaty: Treaty = APMBC,
             deferral: str = "literal") -> date | None:
    """The day a notice whose period runs out on `expiry` takes effect, given the conflicts (`wars`,
    of the kinds the clause names, their ends already read by the conflict_end reading); None while
    an armed conflict with no known end holds it back.

    `expiry`, unless the treaty defers it and the state is then engaged in an armed conflict.
    "literal": the conflicts engaging it on that day hold it back until the latest of their ends;
    later conflicts are not looked at. "chained" (or a clause that chains by its text): the first
    later day on which it is engaged in none; on a day it is engaged, every day up to the latest
    end of the conflicts engaging it is engaged too, so the search can jump there, and looks again.
    """
    if not treaty.armed_conflict_defers:
        return expiry
    wars = list(wars)
    if treaty.chains_by_text:
        deferral = "chained"
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


def _check_readings(deferral: str, conflict_end: str, paused_notice: str) -> None:
    for name, value, values in (("deferral", deferral, DEFERRALS), ("conflict_end", conflict_end, CONFLICT_ENDS),
                                ("paused_notice", paused_notice, PAUSED_NOTICES)):
        if value not in values:
            raise ValueError(f"{name}: {value!r} is not one of {values}")


# --- the state's standing -------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    """What every state's standing is worked out against: the treaty, its days, the conflicts that
    count under it (ends read by the conflict_end reading), the readings, and the day from which
    acts have nothing to act on (`void_from`: the treaty expired or was superseded; None: never)."""

    treaty: Treaty
    life: Lifecycle
    wars: tuple[War, ...]
    deferral: str
    paused_notice: str
    void_from: date | None = None


@dataclass
class _Standing:
    """Where one state stands, between acts."""

    kind: str = "out"  # out | signed | bound | leaving
    has_withdrawn: bool = False  # out because a withdrawal took effect
    withdrew_on: date | None = None  # the last day a withdrawal of it took effect (kept whatever follows)
    in_force_from: date | None = None  # bound / leaving: the instrument's entry into force (None: never)
    before: str | None = None  # bound: the kind (out | signed) before the instrument
    # leaving: the notice period's end as it now runs (moved by a resumption), the day the
    # withdrawal takes effect (None: not yet known, or paused), and, while paused, the days left
    notice: str | None = None  # leaving: the withdrawal's id
    expires: date | None = None
    leaves_on: date | None = None
    paused_with: int | None = None
    lapses: dict[str, date] = field(default_factory=dict)  # the withdrawals of it that took effect, and when
    paused: list[str] = field(default_factory=list)  # the notices a pause paused (or, `no_notice`, ended)

    def lapse(self, day: date) -> None:
        """Everything time brings about by the start of `day`."""
        if self.kind == "leaving" and self.leaves_on is not None and self.leaves_on <= day:
            self.kind, self.has_withdrawn, self.withdrew_on = "out", True, self.leaves_on
            assert self.notice is not None
            self.lapses[self.notice] = self.leaves_on
            self.in_force_from = self.leaves_on = self.expires = self.paused_with = self.before = self.notice = None

    def _leave(self, expires: date, state: str, ctx: _Context) -> None:
        self.kind, self.expires, self.paused_with = "leaving", expires, None
        self.leaves_on = deferred(expires, state, ctx.wars, treaty=ctx.treaty, deferral=ctx.deferral)

    def _stay(self) -> None:
        self.kind, self.leaves_on, self.expires, self.paused_with, self.notice = "bound", None, None, None, None

    def act(self, record: Record, ctx: _Context) -> bool:
        """Apply one act; an act without legal effect leaves the standing unchanged (False). The
        readings decide when a withdrawal takes effect (`deferred`), and what a paused notice does."""
        day, treaty, life = record.date, ctx.treaty, ctx.life
        if ctx.void_from is not None and day >= ctx.void_from:
            # The treaty expired or was superseded: there is nothing left to sign, join, leave or
            # revoke (VCLT Art. 70(1)(a): the parties are released from performing it).
            return False
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
                self._leave(period_end(day, treaty=treaty, specified_date=record.specified_date), record.state, ctx)
                self.notice = record.id
                return True
        elif record.action == "withdrawal_revocation":
            # VCLT Art. 68: "at any time before it takes effect" (a lapse today came first), paused
            # or not.
            if self.kind == "leaving":
                self._stay()
                return True
        elif record.action == "withdrawal_suspension":
            # A pending notice paused (the DPRK, NPT, 11 June 1993): no clause governs it. It is
            # neither revoked nor in effect, and its period stops running, with the days it had
            # left (none, if only an armed conflict still held it back); read as `no_notice`, the
            # pause ends the notice as a revocation would. A notice already paused, or none
            # pending, is not paused again.
            if self.kind == "leaving" and self.paused_with is None:
                assert self.notice is not None
                self.paused.append(self.notice)
                if ctx.paused_notice == "no_notice":
                    self._stay()
                else:
                    assert self.expires is not None
                    self.paused_with, self.leaves_on = max((self.expires - day).days, 0), None
                return True
        elif record.action == "withdrawal_resumption":
            # The paused notice runs again (the DPRK, 10 January 2003): `fresh_period`, a full
            # notice period from the resumption (NPT Art. X(1): "three months in advance");
            # `remaining`, the days it had left. Then, as for any notice, an armed conflict on the
            # day its period runs out may hold it back. Read as `no_notice`, nothing is paused, and
            # a resumption is no notice.
            if self.kind == "leaving" and self.paused_with is not None:
                if ctx.paused_notice == "remaining":
                    self._leave(day + timedelta(days=self.paused_with), record.state, ctx)
                else:
                    self._leave(treaty.notice.after(day), record.state, ctx)
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

    def bound(self) -> bool:
        """Bound by the treaty: an instrument in effect (in force or pending), perhaps a notice pending."""
        return self.kind in ("bound", "leaving")

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


def _walk(records: tuple[Record, ...], state: str, ctx: _Context, upto: date | None = None
          ) -> tuple[_Standing, list[tuple[Record, bool]]]:
    """The state's standing after its acts dated up to `upto` (None: all) and every lapse due by
    then, and each act with whether it took legal effect."""
    standing, done = _Standing(), []
    for record in _acts(records, state):
        if upto is not None and record.date > upto:
            break
        standing.lapse(record.date)
        done.append((record, standing.act(record, ctx)))
    if upto is not None:
        standing.lapse(upto)
    return standing, done


# --- the end of the treaty ------------------------------------------------------------------


@dataclass(frozen=True)
class Ending:
    """How the treaty ends under a set of records: the day (None: it does not), its causes (of
    `expiry`, `supersession`, `withdrawal`: more than one where they fall on that day), the day
    its term runs out (None: never), and the day from which acts have nothing to act on (an expiry
    or a supersession; not the end of a bilateral treaty by a withdrawal, which depends on the acts)."""

    day: date | None
    causes: frozenset[str]
    expiry: date | None
    void_from: date | None


def term_expiry(treaty: Treaty, records: Iterable[Record], life: Lifecycle) -> tuple[date | None, dict[str, str]]:
    """The day a fixed term runs out (None: never), and what each term_extension record did:
    `extended`, `too_long` (it extended the term, but only as far as the treaty allows),
    `without_effect`, or `decision` (a conference's).

    New START Art. XIV(2): "it remains in force for 10 years ... if the Parties decide to extend
    it, it is extended for a period of no more than five years": the term runs from the general
    entry into force (a treaty never in force has no term); an extension is the parties'
    agreement while the treaty is in force (from its entry into force, and before the end it
    extends: once it has run out there is nothing to extend), only as often as the treaty allows,
    and it reaches its `extended_until`, or only the longest extension allowed (with no
    `extended_until`: indefinitely, or that longest extension). An agreement that reaches no
    further than the end already set extends nothing. Taken in the order agreed (date, then id).

    NPT Art. X(2): "a conference shall be convened to decide whether the Treaty shall continue in
    force indefinitely, or shall be extended for an additional fixed period or periods": the treaty
    does not lapse at the term (it did not on 5 March 1995, and was extended on 11 May); the last
    decision says how long it lasts (`extended_until`, or indefinitely), whenever it is taken."""
    extensions = sorted((r for r in records if r.action == "term_extension"), key=lambda r: (r.date, r.id))
    if treaty.conference_decides:
        return (extensions[-1].extended_until if extensions else None), {r.id: "decision" for r in extensions}
    if treaty.term is None or life.general is None:
        return None, {r.id: "without_effect" for r in extensions}
    outcome: dict[str, str] = {}
    end: date | None = treaty.term.after(life.general)
    agreed = 0
    for r in extensions:
        if end is None or not life.general <= r.date < end or agreed >= treaty.extensions \
                or (r.extended_until is not None and r.extended_until <= end):
            outcome[r.id] = "without_effect"
            continue
        limit = treaty.extension_max.after(end) if treaty.extension_max is not None else None
        within = limit is None or (r.extended_until is not None and r.extended_until <= limit)
        reach = r.extended_until if within else limit
        outcome[r.id] = "extended" if reach == r.extended_until else "too_long"
        end, agreed = reach, agreed + 1  # None: indefinitely
    return end, outcome


def extensions_of(events: Iterable[Mapping[str, Any]], treaty: Treaty = APMBC) -> tuple[date | None, dict[str, str]]:
    """`term_expiry` for these records: the day the term runs out, and what each extension did."""
    records = _records(events)
    return term_expiry(treaty, records, lifecycle(treaty, records))


def _context(treaty: Treaty, records: tuple[Record, ...], wars: tuple[War, ...], deferral: str,
             paused_notice: str, void_from: date | None) -> _Context:
    return _Context(treaty, lifecycle(treaty, records), wars, deferral, paused_notice, void_from)


@lru_cache(maxsize=512)
def _ending(treaty: Treaty, records: tuple[Record, ...], wars: tuple[War, ...], deferral: str,
            paused_notice: str) -> Ending:
    """The day the treaty ends: the earliest of its expiry, a later treaty taking its place (VCLT
    Art. 59(1): "A treaty shall be considered as terminated if all the parties to it conclude a
    later treaty relating to the same subject-matter": on the supersession's day), and, for a
    bilateral treaty, the day a party's withdrawal takes effect (INF Art. XV(2): "withdrawal from
    this Treaty"; New START Art. XIV(3): "the Treaty terminates three months after receipt of the
    notice"). Acts dated on or after an expiry or a supersession have nothing to act on, so the
    withdrawals are worked out with them void."""
    life = lifecycle(treaty, records)
    expiry, _ = term_expiry(treaty, records, life)
    supersessions = [r.date for r in records if r.action == "supersession"]
    superseded = min(supersessions) if supersessions else None
    void_from = min((d for d in (expiry, superseded) if d is not None), default=None)
    candidates = {"expiry": expiry, "supersession": superseded}
    if treaty.bilateral:
        ctx = _Context(treaty, life, wars, deferral, paused_notice, void_from)
        days = []
        for state in sorted({r.state for r in records}):
            days += _notice_effects(records, state, ctx).values()
        candidates["withdrawal"] = min(days, default=None)
    day = min((d for d in candidates.values() if d is not None), default=None)
    return Ending(day, frozenset(c for c, d in candidates.items() if d is not None and d == day), expiry, void_from)


def _history(events: Iterable[Mapping[str, Any]], conflicts: Iterable[Mapping[str, Any]], treaty: Treaty,
             deferral: str, conflict_end: str, paused_notice: str) -> tuple[tuple[Record, ...], _Context, Ending]:
    _check_readings(deferral, conflict_end, paused_notice)
    records = _records(events)
    wars = tuple(w for w in _wars(conflicts, conflict_end) if _counts(w, treaty))
    ending = _ending(treaty, records, wars, deferral, paused_notice)
    return records, _context(treaty, records, wars, deferral, paused_notice, ending.void_from), ending


def treaty_end(
    events: Iterable[Mapping[str, Any]], conflicts: Iterable[Mapping[str, Any]] = (), *,
    treaty: Treaty = APMBC, deferral: str = "literal", conflict_end: str = "exclusive",
    paused_notice: str = "fresh_period",
) -> Ending:
    """How the treaty ends under these records, under the readings given."""
    return _history(events, conflicts, treaty, deferral, conflict_end, paused_notice)[2]


def _status(records: tuple[Record, ...], ctx: _Context, ending: Ending, state: str, day: date) -> str:
    """On the day the treaty ends, after any act of that day, every state it binds (an instrument in
    effect, in force or pending, a notice perhaps pending) is `terminated`, and so is one whose
    withdrawal takes effect that very day (INF: the US notice, and the end it brought about, on 2
    August 2019); one whose withdrawal took effect before is not. Nothing changes after that day."""
    if ending.day is not None and day >= ending.day:
        standing, _ = _walk(records, state, ctx, ending.day)
        if standing.bound() or standing.withdrew_on == ending.day:
            return "terminated"
        return standing.status(ending.day)
    standing, _ = _walk(records, state, ctx, day)
    return standing.status(day)


def status_on(
    events: Iterable[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]], state: str, day: date, *,
    treaty: Treaty = APMBC, deferral: str = "literal", conflict_end: str = "exclusive",
    paused_notice: str = "fresh_period",
) -> str:
    """The state's status under the treaty on `day`, under the readings given."""
    records, ctx, ending = _history(events, conflicts, treaty, deferral, conflict_end, paused_notice)
    return _status(records, ctx, ending, state, day)


def effective_acts(
    events: Iterable[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]], state: str, *,
    treaty: Treaty = APMBC, deferral: str = "literal", conflict_end: str = "exclusive",
    paused_notice: str = "fresh_period",
) -> list[tuple[Record, bool]]:
    """Each of the state's acts, in order, and whether it took legal effect, under the readings given."""
    records, ctx, _ = _history(events, conflicts, treaty, deferral, conflict_end, paused_notice)
    return _walk(records, state, ctx)[1]


def change_days(
    events: Iterable[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]], state: str, *,
    treaty: Treaty = APMBC, deferral: str = "literal", conflict_end: str = "exclusive",
    paused_notice: str = "fresh_period",
) -> set[date]:
    """Every day on which the state's status can change, under the readings given: its acts, its
    instruments' entries into force, its withdrawals taking effect (as paused and resumed), and the
    treaty's end."""
    records, ctx, ending = _history(events, conflicts, treaty, deferral, conflict_end, paused_notice)
    _, done = _walk(records, state, ctx)
    days = {r.date for r, _ in done} | set(_notice_effects(records, state, ctx).values())
    days |= {d for r, took in done if took and r.action in INSTRUMENTS
             for d in [ctx.life.in_force(r.date)] if d is not None}
    if ending.day is not None:
        days = {d for d in days if d < ending.day} | {ending.day}
    return days


def _notice_effects(records: tuple[Record, ...], state: str, ctx: _Context) -> dict[str, date]:
    """The state's withdrawals that take effect, each with its day (one still pending after the
    state's last act too)."""
    standing, _ = _walk(records, state, ctx)
    effects = dict(standing.lapses)
    if standing.kind == "leaving" and standing.leaves_on is not None:
        assert standing.notice is not None
        effects[standing.notice] = standing.leaves_on
    return effects


def notice_effects(
    events: Iterable[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]], state: str, *,
    treaty: Treaty = APMBC, deferral: str = "literal", conflict_end: str = "exclusive",
    paused_notice: str = "fresh_period",
) -> dict[str, date]:
    """The state's withdrawals that take effect (as paused and resumed), by id, each with its day,
    under the readings given."""
    records, ctx, _ = _history(events, conflicts, treaty, deferral, conflict_end, paused_notice)
    return _notice_effects(records, state, ctx)


def withdrawal_days(
    events: Iterable[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]], state: str, *,
    treaty: Treaty = APMBC, deferral: str = "literal", conflict_end: str = "exclusive",
    paused_notice: str = "fresh_period",
) -> list[date]:
    """The days the state's withdrawals take effect (as paused and resumed), under the readings given."""
    return sorted(notice_effects(events, conflicts, state, treaty=treaty, deferral=deferral, conflict_end=conflict_end,
                                 paused_notice=paused_notice).values())


def statuses_on(
    events: Iterable[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]], states: Iterable[str], day: date, *,
    treaty: Treaty = APMBC, deferral: str = "literal", conflict_end: str = "exclusive",
    paused_notice: str = "fresh_period",
) -> dict[str, str]:
    """Each state's status on `day`, under the readings given."""
    events = list(events)
    return {state: status_on(events, conflicts, state, day, treaty=treaty, deferral=deferral, conflict_end=conflict_end,
                             paused_notice=paused_notice)
            for state in states}


WITHOUT_EFFECT = {a: f"{a}_without_effect" for a in ("withdrawal_revocation", "unsigning", "ratification_revocation")}


def act_findings(
    events: Iterable[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]], *,
    treaty: Treaty = APMBC, deferral: str = "literal", conflict_end: str = "exclusive",
    paused_notice: str = "fresh_period",
) -> set[tuple[str, str]]:
    """The acts reported as such, under the readings given: a revocation of a withdrawal or of an
    instrument, or an un-signing, without legal effect (`<action>_without_effect`, also after the
    treaty expired or was superseded), and a signature once the signature period has closed
    (`signature_after_closure`). Returns {(code, record id)}."""
    records, ctx, _ = _history(events, conflicts, treaty, deferral, conflict_end, paused_notice)
    closed = ctx.life.signature_closed_from()
    found = {("signature_after_closure", r.id) for r in records
             if r.action == "signature" and closed is not None and r.date >= closed}
    for state in sorted({r.state for r in records}):
        for record, took_effect in _walk(records, state, ctx)[1]:
            if not took_effect and record.action in WITHOUT_EFFECT:
                found.add((WITHOUT_EFFECT[record.action], record.id))
    return found


def ending_findings(
    events: Iterable[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]], *,
    treaty: Treaty = APMBC, deferral: str = "literal", conflict_end: str = "exclusive",
    paused_notice: str = "fresh_period",
) -> set[tuple[str, str]]:
    """What the end of a treaty and a paused notice bring, reported, under the readings given: a
    term extension without effect (`term_extension_without_effect`: agreed too late, one too many,
    or for a treaty with no term; a conference's decisions always count), one reaching further
    than the treaty allows (`term_extension_too_long`: it reaches only that far), an act dated on or
    after an expiry or a supersession (`act_after_treaty_end`), and a notice paused
    (`withdrawal_paused`, by the notice's id). Returns {(code, record id)}."""
    records, ctx, ending = _history(events, conflicts, treaty, deferral, conflict_end, paused_notice)
    codes = {"without_effect": "term_extension_without_effect", "too_long": "term_extension_too_long"}
    outcomes = term_expiry(treaty, records, ctx.life)[1]
    found = {(codes[outcome], i) for i, outcome in outcomes.items() if outcome in codes}
    if ending.void_from is not None:
        found |= {("act_after_treaty_end", r.id) for r in records
                  if r.action in SAME_DAY_ORDER and r.date >= ending.void_from}
    for state in sorted({r.state for r in records}):
        found |= {("withdrawal_paused", notice) for notice in _walk(records, state, ctx)[0].paused}
    return found


def suspension_findings(events: Iterable[Mapping[str, Any]]) -> set[tuple[str, str]]:
    """A treaty without a suspension clause (APMBC; VCLT Art. 57): every suspension record is
    reported, and none changes a status. Returns {(code, record id)}."""
    return {("suspension_not_permitted", r.id) for r in _records(events) if r.action == "suspension"}
