"""The data model: the only module that knows the shape of records and treaty definitions.

Everything is strict: a YAML value of the wrong type is an error, never coerced (`state: NO`
loads as the boolean false and is refused; `id: 0012` loads as a number and is refused).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from checker.paths import treaties_dir

# --- vocabularies -----------------------------------------------------------------------------

SignatureAction = Literal["signature"]
ConsentAction = Literal["ratification", "acceptance", "approval", "accession", "succession"]
ConductAction = Literal[
    "use", "development", "production", "acquisition", "stockpiling", "retention", "transfer",
    "assistance",
    # nuclear treaties (CTBT Art. I(1): "any nuclear weapon test explosion"; TPNW Art. 1(1)(d), (g))
    "testing", "threat_of_use", "stationing",
]
OtherAction = Literal[
    "withdrawal", "withdrawal_revocation", "suspension", "reservation", "provisional_application",
    # VCLT Art. 18(a): a signatory "has made its intention clear not to become a party"
    "unsigning",
    # an instrument withdrawn before the treaty entered into force for the state (Russia, CTBT, 2023)
    "ratification_revocation",
    # a pending withdrawal notice paused, and later resumed (the DPRK's NPT notice, 1993 and 2003)
    "withdrawal_suspension", "withdrawal_resumption",
    # a notification with reasons of a measure a party proposes, such as a suspension (VCLT Art. 65(1))
    "suspension_notification",
    # a state's objection to another state's act (VCLT Art. 65(2)-(3)): `objects_to` names the record
    "objection",
    # a state's formal allegation that another (`counterparty`) is in material breach (VCLT Art. 60)
    "breach_allegation",
    # the parties' agreement extending a treaty's fixed term (New START Art. XIV(2)), or a
    # conference's decision on its duration (NPT Art. X(2)); `extended_until` (absent: indefinitely)
    "term_extension",
    # a later treaty between the same parties that takes the treaty's place (VCLT Art. 59)
    "supersession",
]
# Records of how a state meets its deadline obligations (e.g. APMBC Arts. 4, 5, 7); which record
# discharges which deadline is a treaty parameter (`deadlines:` in the treaty definition).
ObligationAction = Literal[
    "stockpile_destruction_completed", "no_stockpile_declared", "clearance_completed",
    "no_mined_areas_declared", "mined_area_declared", "extension_granted",
    "initial_report_submitted", "annual_report_submitted",
]
Action = Literal[SignatureAction, ConsentAction, ConductAction, OtherAction, ObligationAction]
Purpose = Literal["training", "destruction", "military_cooperation"]
# Circumstances a conduct record may state, on which a conditional prohibition turns (ATT Art. 6:
# "(1) ... would violate its obligations under measures adopted by the United Nations Security
# Council acting under Chapter VII ..., in particular arms embargoes. (2) ... would violate its
# relevant international obligations under international agreements to which it is a Party ...
# (3) ... if it has knowledge at the time of authorization that the arms or items would be used
# in the commission of genocide, crimes against humanity, [or] grave breaches ...").
Circumstance = Literal["arms_embargo", "treaty_obligation", "atrocity_crimes"]

CONSENT_ACTIONS: frozenset[str] = frozenset(get_args(ConsentAction))
CONDUCT_ACTIONS: frozenset[str] = frozenset(get_args(ConductAction))
OBLIGATION_ACTIONS: frozenset[str] = frozenset(get_args(ObligationAction))
# (a Literal of Literals is flattened: its arguments are the actions themselves)
ACTIONS: tuple[str, ...] = get_args(Action)

# The id under which `check` adds its proposed action; reserved, so no dataset record can use it.
PROPOSED_ID = "<proposed>"

# Dates a treaty record can carry; the bounds keep calendar arithmetic far from date's limits.
FIRST_DAY, LAST_DAY = date(1800, 1, 1), date(2999, 12, 31)
Day = Annotated[date, Field(ge=FIRST_DAY, le=LAST_DAY)]
# Counts travel to clingo, whose integers are 32-bit (and are printed: a bound keeps them short).
Count = Annotated[int, Field(le=2**31 - 1)]

# Ids are one line of printable text; free text may span lines. Control characters are refused:
# they hide in terminals and logs, and nothing legitimate needs them.
RecordId = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f-\x9f]+$")]
TreatyId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
StateCode = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]{1,9}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000, pattern=r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]+$")]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


# --- dataset records --------------------------------------------------------------------------


class AlternativeDate(Strict):
    """Another date that a public source gives for the same record (sources disagree)."""

    date: Day
    source: Text
    note: Text | None = None


class Event(Strict):
    id: RecordId
    treaty: TreatyId
    state: StateCode
    action: Action
    date: Day
    entry_into_force: Day | None = None  # claimed by the dataset; audited, never trusted
    effective: Day | None = None  # claimed effective day of a withdrawal; audited
    succession_date: Day | None = None  # date of the succession of States (succession only)
    obligation: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")] | None = None  # extension_granted
    new_deadline: Day | None = None  # extension_granted: the deadline it grants
    year: Annotated[int, Field(ge=1800, le=2999)] | None = None  # annual_report_submitted: the calendar year covered
    counterparty: StateCode | None = None
    purpose: Purpose | None = None
    quantity: Annotated[Count, Field(ge=1)] | None = None
    # a transparency report: the number it gives as retained for the Art. 3 purposes (APMBC Art.
    # 7(1)(d), CCM Art. 3(8)); compared with later retention records
    retained: Annotated[Count, Field(ge=0)] | None = None
    # a withdrawal: the later date the notification specifies (Rome Statute Art. 127(1), ATT Art.
    # 24(2)) or the date of intended withdrawal it gives (Open Skies Art. XV(2))
    specified_date: Day | None = None
    # a withdrawal: whether the notice carried the statement the treaty requires (NPT Art. X(1):
    # "a statement of the extraordinary events"); absent: the record does not say
    statement: bool | None = None
    # a conduct record: circumstances it states, read by conditional prohibitions (ATT Art. 6)
    circumstances: list[Circumstance] = []
    # a suspension (or its notification): the legal ground claimed for it, and the states it is
    # invoked against (absent: every other party)
    ground: Literal["material_breach", "fundamental_change", "treaty_clause"] | None = None
    invoked_against: list[StateCode] = []
    # a suspension or its notification: "in cases of special urgency" (VCLT Art. 65(2))
    urgency: bool = False
    objects_to: RecordId | None = None  # an objection: the record objected to
    extended_until: Day | None = None  # a term extension: the new end (absent: indefinitely)
    source: Text | None = None
    inferred: bool = False
    note: Text | None = None
    alternative_dates: list[AlternativeDate] = []


# Which optional fields make sense for which actions; anything else is refused, so that a value
# put in the wrong place is reported instead of silently ignored.
FIELDS_FOR_ACTIONS: dict[str, frozenset[str]] = {
    "entry_into_force": CONSENT_ACTIONS,
    "succession_date": frozenset({"succession"}),
    "effective": frozenset({"withdrawal"}),
    "counterparty": frozenset({"transfer", "acquisition", "assistance", "breach_allegation"}),
    "purpose": frozenset({"retention", "transfer", "acquisition", "assistance"}),
    "quantity": CONDUCT_ACTIONS,
    "obligation": frozenset({"extension_granted"}),
    "new_deadline": frozenset({"extension_granted"}),
    "year": frozenset({"annual_report_submitted"}),
    "retained": frozenset({"initial_report_submitted", "annual_report_submitted"}),
    "specified_date": frozenset({"withdrawal"}),
    "statement": frozenset({"withdrawal"}),
    "circumstances": CONDUCT_ACTIONS,
    "ground": frozenset({"suspension", "suspension_notification"}),
    "invoked_against": frozenset({"suspension", "suspension_notification"}),
    "urgency": frozenset({"suspension", "suspension_notification"}),
    "objects_to": frozenset({"objection"}),
    "extended_until": frozenset({"term_extension"}),
}


def event_field_problems(event: Event) -> list[tuple[str, str]]:
    """Cross-field checks that pydantic's per-field types cannot express: (field, problem)."""
    problems: list[tuple[str, str]] = []
    for field, actions in FIELDS_FOR_ACTIONS.items():
        if getattr(event, field) not in (None, [], False) and event.action not in actions:
            allowed = ", ".join(sorted(actions))
            problems.append((field, f"not allowed for action {event.action!r} (only for: {allowed})"))
    if event.inferred and event.note is None:
        problems.append(("note", "an inferred date needs a note saying what it was inferred from"))
    if event.action == "succession" and event.succession_date is None:
        problems.append(("succession_date", "a succession needs the date of the succession of States"))
    elif event.action == "succession" and event.succession_date > event.date:
        # a successor State notifies its succession after the succession of States has happened
        problems.append(("succession_date", f"the succession of States cannot come after its notification ({event.date})"))
    required = {"extension_granted": ("obligation", "new_deadline"), "annual_report_submitted": ("year",),
                "objection": ("objects_to",), "breach_allegation": ("counterparty",)}
    for field in required.get(event.action, ()):
        if getattr(event, field) is None:
            problems.append((field, f"required for action {event.action!r}"))
    if event.new_deadline is not None and event.new_deadline <= event.date:
        problems.append(("new_deadline", f"must be after the day the extension was granted ({event.date})"))
    if event.specified_date is not None and event.specified_date <= event.date:
        problems.append(("specified_date", f"must be after the day of the notification ({event.date})"))
    if event.extended_until is not None and event.extended_until <= event.date:
        problems.append(("extended_until", f"must be after the day of the agreement ({event.date})"))
    if event.state in event.invoked_against:
        problems.append(("invoked_against", "names the suspending state itself"))
    if event.counterparty is not None and event.counterparty == event.state:
        problems.append(("counterparty", "must differ from the acting state"))
    return problems


class Conflict(Strict):
    """An armed conflict (or an occupation): it engages its states from `start` up to, not
    including, `end`."""

    id: RecordId
    # an occupation counts only where the treaty's clause names it (CCW Art. 9(2): "armed
    # conflict or occupation")
    kind: Literal["armed_conflict", "occupation"] = "armed_conflict"
    states: Annotated[list[StateCode], Field(min_length=1)]
    start: Day
    end: Day | None  # required key: null says "ongoing" explicitly
    source: Text | None = None
    inferred: bool = False
    note: Text | None = None
    name: Text | None = None
    alternative_dates: list[AlternativeDate] = []  # other start dates that sources give


def conflict_field_problems(conflict: Conflict) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if conflict.end is not None and conflict.end <= conflict.start:
        problems.append(("end", f"must be after start ({conflict.start.isoformat()})"))
    if len(set(conflict.states)) != len(conflict.states):
        problems.append(("states", "lists a state twice"))
    if conflict.inferred and conflict.note is None:
        problems.append(("note", "an inferred date needs a note saying what it was inferred from"))
    return problems


class StateDeclaration(Strict):
    """An entity that is not an ISO 3166-1 state (e.g. YUG, a predecessor state)."""

    code: StateCode
    name: Text
    source: Text | None = None


class MissingState(Strict):
    """A state the sources count that has no records here, and why."""

    state: StateCode
    why: Text


class Membership(Strict):
    """What the sources say a treaty's membership was on a day: the yardstick `coverage` measures
    the records against (states that deposited an instrument, withdrawals included, and signatories
    that never did)."""

    id: RecordId
    treaty: TreatyId
    as_of: Day
    joined: Annotated[Count, Field(ge=0)]
    signed_only: Annotated[Count, Field(ge=0)]
    source: Text
    missing: list[MissingState] = []
    note: Text | None = None


class SourceKind(Strict):
    """The weight of the sources on one web domain (and its subdomains): a depositary's record, an
    official publication (a government's treaty series or gazette), a treaty body's own page, or a
    secondary source. `coverage` lists the records that rest on one secondary source alone; a domain
    not listed counts as secondary."""

    domain: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")]
    kind: Literal["depositary", "official", "treaty_body", "secondary"]
    name: Text


# --- treaty definitions -----------------------------------------------------------------------


class Clause(Strict):
    """A final clause: where it is and what it says, verbatim."""

    article: Text
    text: Text
    source: Text | None = None
    # set where `text` is a paraphrase, not a verbatim copy: says why (the text was not retrieved)
    unverified: Text | None = None


class Period(Strict):
    """A span counted from a day: years and months, then days, then an alignment (calendar.py).
    A year is counted as twelve months: the same day of the month, a year later."""

    years: Annotated[int, Field(ge=0, le=100)] = 0
    months: Annotated[int, Field(ge=0, le=1200)] = 0
    days: Annotated[int, Field(ge=0, le=36600)] = 0
    align: Literal["none", "first_of_month", "first_of_next_month"] = "none"

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    def words(self) -> str:
        """"1 year", "6 months", "90 days": as a treaty would write it."""
        parts = [(self.years, "year"), (self.months, "month"), (self.days, "day")]
        return " and ".join(f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n) or "no time"


class SignatureClause(Clause):
    opens: Day
    # When signature closes, in one of two ways (at most one):
    #   closes: the first day it is closed; "entry_into_force" (open "until its entry into force",
    #     so closed on that day); or null / absent (never closes).
    #   last_day: the last day it is open, as a treaty writes it (Rome Statute Art. 125(1): "until
    #     31 December 2000": a signature on 31 December 2000 is valid).
    closes: Day | Literal["entry_into_force"] | None = None
    last_day: Day | None = None


class ConsentClause(Clause):
    signatories: list[ConsentAction]
    non_signatories: list[ConsentAction]
    any_state: list[ConsentAction] = []
    # when accession is open: "any_time", or only "after_entry_into_force" (ATT Art. 21(3):
    # "Following its entry into force, this Treaty shall be open for accession")
    accession_opens: Literal["any_time", "after_entry_into_force"] = "any_time"


class EntryIntoForceClause(Clause):
    # The condition: this many instruments (null: no count), and an instrument from each of these
    # states (CTBT Art. XIV(1): all 44 of Annex 2; NPT Art. IX(3): the three depositaries).
    instruments_required: Annotated[Count, Field(ge=1)] | None
    required_states: list[StateCode] = []
    # the instrument kinds the count takes (ATT Art. 22(1): "ratification, acceptance or
    # approval"); absent: every kind of consent
    counted: list[ConsentAction] | None = None
    # The day the condition was met, as sources give it (summarises the deposits that made it);
    # null: the rules work it out from the dataset's instruments, and without enough of them the
    # treaty is not in force.
    threshold_deposit: Day | None = None
    threshold_source: Text | None = None
    general: Period  # counted from the day the condition was met
    # "in no case earlier than two years after its opening for signature" (CTBT Art. XIV(1), CWC
    # Art. XXI(1)): the general entry into force is never before this day
    not_before: Day | None = None
    later: Period  # counted from each later deposit
    # which deposits are "later": those after the threshold deposit (APMBC Art. 17(2), Rome Art.
    # 126(2)), or those "subsequent to the entry into force" (ATT Art. 22(2), CWC Art. XXI(2))
    later_after: Literal["threshold_deposit", "entry_into_force"] = "threshold_deposit"
    stated_date: Day | None = None  # the general date as published; checked against `general`


class PermissionClause(Clause):
    permitted: bool


class ProvisionalApplicationClause(PermissionClause):
    # when a state may declare it: with its instrument (APMBC Art. 18), and also at signature
    # (ATT Art. 23: "at the time of signature or the deposit of its instrument")
    at: list[Literal["signature", "instrument"]] = ["instrument"]


class WithdrawalClause(Clause):
    permitted: bool
    notice: Period
    # A date the notification itself gives:
    #   none: the treaty provides for none (a date given is reported, and the notice period counts);
    #   later_allowed: "unless the notification specifies a later date" (Rome Art. 127(1), ATT
    #     Art. 24(2)): effective on the later of the two;
    #   advance_notice: "at least six months in advance of the date of its intended withdrawal"
    #     (Open Skies Art. XV(2)): effective on the date given; one given too early is reported
    #     and the notice period counts instead.
    specified_date: Literal["none", "later_allowed", "advance_notice"] = "none"
    # "Such notice shall include a statement of the extraordinary events" (NPT Art. X(1))
    statement_required: bool = False
    # Armed conflict on the expiry of the notice period:
    armed_conflict_defers: bool = False
    #   what it does: defers the withdrawal's effect (APMBC Art. 20(3)), or the state "shall
    #   continue to be bound" (TPNW Art. 17(3), CCW Art. 9(2)); both keep the state bound
    armed_conflict_effect: Literal["defers_effect", "continues_bound"] = "defers_effect"
    #   until when: the end of the conflict engaging it on that day (read by the
    #   `armed_conflict_deferral` reading), or "until it is no longer party to an armed conflict"
    #   (TPNW Art. 17(3): any conflict, so a later one keeps it bound too)
    armed_conflict_until: Literal["end_of_that_conflict", "no_armed_conflict"] = "end_of_that_conflict"
    #   which situations: armed conflicts, and also occupations (CCW Art. 9(2))
    armed_conflict_includes_occupation: bool = False


class SuspensionClause(Strict):
    """Whether the treaty provides for suspension; `article`/`text` cite what it says instead."""

    permitted: bool
    article: Text
    text: Text
    note: Text | None = None
    unverified: Text | None = None


class Exception_(Strict):
    action: ConductAction
    purpose: Purpose
    # who the counterparty must be that day: "to another State Party" (CCM Art. 3(7)), or "with
    # States not party" (CCM Art. 21(3)); none: anyone, or no counterparty at all
    counterparty: Literal["state_party", "not_party"] | None = None


class ConditionalProhibition(Strict):
    action: ConductAction
    circumstance: Circumstance  # prohibited only where the record states this circumstance


class ObligationsClause(Clause):
    prohibited: list[ConductAction] = []
    prohibited_when: list[ConditionalProhibition] = []


class ExceptionsClause(Clause):
    permitted: list[Exception_]


class DeadlineClause(Clause):
    """A one-off obligation due a fixed period after the treaty's entry into force for the state."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
    period: Period  # counted from the state's entry into force
    discharged_by: ObligationAction  # the record that meets it
    not_applicable_by: ObligationAction | None = None  # a record saying there was nothing to do
    open_evidence: list[ConductAction | ObligationAction] = []  # records showing it still open that day
    extendable: bool = False  # extension_granted records may move it (e.g. APMBC Art. 5(3)-(6))
    # conduct the period gives time to end: holding a stockpile until the destruction deadline
    # (APMBC Art. 4) is not a breach of the ban on stockpiling and retaining (Art. 1(1)(b))
    permits_until_due: list[ConductAction] = []
    # the longest extension, counted from the deadline it extends (APMBC Art. 5(3): "for a period
    # of up to ten years"); a longer one is reported (`extension_too_long`)
    extension_max: Period | None = None
    code: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]  # finding code when overdue


class AnnualReportClause(Clause):
    """A report due every year on a fixed day, covering the previous calendar year."""

    due_month: Annotated[int, Field(ge=1, le=12)]
    due_day: Annotated[int, Field(ge=1, le=31)]
    code: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
    # an update of a first report: none is due before that deadline (APMBC Art. 7(2) updates 7(1))
    first_after: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")] | None = None


class DurationClause(Clause):
    """How long the treaty lasts, where it is not of unlimited duration."""

    # "shall remain in force for 10 years" (New START Art. XIV(2)), from the general entry into force
    term: Period | None = None
    # how many times the parties may extend the term by agreement, and by at most how much each time
    # (New START Art. XIV(2): "for a period of no more than five years", once)
    extensions: Annotated[int, Field(ge=0, le=100)] = 0
    extension_max: Period | None = None
    # a conference decides at the end of the term whether the treaty continues (NPT Art. X(2)): it
    # does not lapse on that day, and continues until a decision ends it
    conference_decides: bool = False


class Treaty(Strict):
    id: TreatyId
    name: Text
    short_name: Text
    adopted: Day
    depositary: Text
    source: Text
    signature: SignatureClause
    consent: ConsentClause
    entry_into_force: EntryIntoForceClause
    withdrawal: WithdrawalClause
    # Sections a treaty may lack. Absent, the general law applies: no provisional application
    # without a clause (VCLT Art. 25(1)), reservations judged by VCLT Art. 19(c) (not reported),
    # no suspension except by the consent of all the parties (VCLT Art. 57), no prohibited conduct.
    provisional_application: ProvisionalApplicationClause | None = None
    reservations: PermissionClause | None = None
    suspension: SuspensionClause | None = None
    obligations: ObligationsClause | None = None
    exceptions: ExceptionsClause | None = None
    deadlines: list[DeadlineClause] = []
    annual_report: AnnualReportClause | None = None
    # Between two parties: one party's withdrawal ends the treaty (INF Art. XV(2), New START Art.
    # XIV(3)); its entry into force is the exchange of the two instruments.
    parties: Literal["multilateral", "bilateral"] = "multilateral"
    duration: DurationClause | None = None  # absent: of unlimited duration

    def clause(self, key: str) -> Clause | SuspensionClause | None:
        """The clause a finding cites; None where the treaty lacks it (the general law applies)."""
        for deadline in self.deadlines:
            if deadline.id == key:
                return deadline
        value = getattr(self, key)
        assert value is None or isinstance(value, (Clause, SuspensionClause)), key
        return value


CLAUSE_KEYS: tuple[str, ...] = (
    "signature", "consent", "entry_into_force", "provisional_application", "reservations",
    "withdrawal", "suspension", "obligations", "exceptions",
)


@dataclass(frozen=True)
class Dataset:
    """Everything loaded: shipped treaty definitions plus the records of one dataset."""

    treaties: tuple[Treaty, ...]
    events: tuple[Event, ...]
    conflicts: tuple[Conflict, ...]
    states: tuple[StateDeclaration, ...]
    files: tuple[str, ...]
    membership: tuple[Membership, ...] = ()
    source_kinds: tuple[SourceKind, ...] = ()

    def treaty(self, treaty_id: str) -> Treaty:
        return self.treaties_by_id[treaty_id]

    @cached_property
    def data_files(self) -> tuple[str, ...]:
        """The files of the dataset itself: not the shipped treaty definitions every dataset has."""
        shipped = treaties_dir().resolve()
        return tuple(f for f in self.files if Path(f).resolve().parent != shipped)

    # Lookups, built once per dataset (a per-query answer must not rebuild them).
    @cached_property
    def events_by_id(self) -> dict[str, Event]:
        return {e.id: e for e in self.events}

    @cached_property
    def conflicts_by_id(self) -> dict[str, Conflict]:
        return {c.id: c for c in self.conflicts}

    @cached_property
    def treaties_by_id(self) -> dict[str, Treaty]:
        return {t.id: t for t in self.treaties}

    @cached_property
    def declared_names(self) -> dict[str, str]:
        return {s.code: s.name for s in self.states}
