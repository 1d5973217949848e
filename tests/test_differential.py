"""Differential test: the checker (clingo rules) against tests/oracle.py (plain Python).

Hypothesis generates random treaties and random histories under them, then asks both
implementations each state's status on many days of interest. Any difference is a bug in one of
them: decide from the treaty texts (../shared/context/treaty_library.md) and README.md which one.

Two tests, two generators. `histories` (test_the_checker_agrees_with_the_oracle): the treaty is one
time in three the shipped Mine Ban Treaty; otherwise the Mine Ban Treaty with its final clauses
redrawn (`derived_treaties`, as in tests/scenarios/): signature closing at entry into force, never,
on a given day or after a written last day (Rome Art. 125(1)); entry into force on a given
threshold day, or worked out from the records (a count of 1-3 states, named states of the history
or one without records (CTBT Art. XIV(1), NPT Art. IX(3)), only some kinds of instrument counted
(ATT Art. 22(1))), a general period in months, days, "the first day of the month after" (Rome Art.
126) or none (NPT), a floor (CTBT, CWC: `not_before`), later deposits counted from the threshold
deposit or from entry into force (`later_after`); a notice period of 3, 6 or 12 months, a year or
90 days, with a date the notice may specify (`later_allowed`: Rome Art. 127(1), `advance_notice`:
Open Skies Art. XV(2)) or not; armed conflict deferring the withdrawal or not, to the end of that
conflict or "until it is no longer party to an armed conflict" (TPNW Art. 17(3)), occupations
included or not (CCW Art. 9(2)). Its histories, for a few states: signatures (on the signature
period's first and last days and either side), un-signings, instruments (sometimes of the wrong
kind), instruments revoked before (or, without effect, after) entry into force, withdrawals (some
specifying a date: before, on and after the notice period's end), withdrawal revocations,
suspensions; same-day acts; dates on the treaty's boundaries, on notice-expiry days and on
conflict ends; and random armed conflicts and occupations (ongoing, overlapping, starting or
ending exactly on expiry days).

`ending_histories` (test_the_checker_agrees_with_the_oracle_on_treaties_that_end): treaties that
end, and paused notices. The Mine Ban Treaty redrawn, mostly as a bilateral treaty (in force on
the exchange of the two instruments, on a given day or the second deposit on record; a party's
withdrawal ends it: INF Art. XV(2), New START Art. XIV(3)), else multilateral; with a fixed term
from the entry into force (New START Art. XIV(2): 0-2 extensions allowed, each limited or not), a
conference deciding its duration (NPT Art. X(2)), or no term; two or three states' lives under it
(the same joining and leaving as above); term extensions agreed in time, on the eve of the term's
end, on that day or after it, reaching a day within the longest extension allowed, exactly it,
beyond it or no day ("indefinitely"), one too many; conference decisions before and after the
term; supersessions (VCLT Art. 59) on the term's end, on the day a withdrawal takes effect, or any
day; pauses of pending notices (the DPRK, NPT, 1993: `withdrawal_suspension`) on the notice's
day, while pending, on the eve of its end, on it or after it, paused twice, revoked while paused,
resumed (`withdrawal_resumption`) the same day, soon, years later or never, paused and resumed
again, and stray resumptions; perhaps armed conflicts.

Each history is also given one value of each reading the oracle models (armed_conflict_deferral
literal/chained, conflict_end exclusive/inclusive, paused_notice fresh_period/remaining/no_notice,
drawn apart; shrinking goes to the defaults): the checker is built with it, the oracle asked under
it. On a few days (a random one, every day a withdrawal would take effect under some reading, and,
for a bilateral treaty or a paused notice, every day the treaty would end under some reading) the
checker is also asked what the other values of each reading give (`readings` on a row, solved
again where one decides the answer), and that is checked against the oracle under that value.
Each answer's interval (`since`/`until`) is checked against the oracle on every day its status
could change inside it. Then an audit: its suspension, `*_without_effect`,
`signature_after_closure`, `term_extension_without_effect`, `term_extension_too_long`,
`act_after_treaty_end` and `withdrawal_paused` findings must be the acts the oracle judges so;
and, for a treaty that can end, the day it ended and the cause `treaties` reports.

Explicit examples run first, every time: READINGS_HISTORY (under literal/exclusive and
chained/inclusive: a chain, an end on the expiry day, two conflicts on it, a month-end expiry),
FINAL_CLAUSES_HISTORY (twice) and OTHER_CLAUSES_HISTORY, which between them give every new clause
its boundary case (see their comments), and, for treaties that end, BILATERAL_HISTORY (under each
paused_notice reading: a notice paused on its eve, one day left, and resumed; an extension on the
eve of the term's end, too long), REPLACED_HISTORY (a supersession on the day a withdrawal takes
effect, with a pending instrument, a paused notice, a state withdrawn before, a signatory, and
acts on the day itself), CONFERENCE_HISTORY (no decision: no lapse) and LATE_EXTENSION_HISTORY
(an extension on the day the term ends): they are what kills most one-line mutations of the
oracle within seconds, and the random histories look for what nobody thought of. The oracle
itself is checked against the hand-written status scenarios it can answer, the termination and
paused-notice ones and those on the bundled records (New START, the INF Treaty, the DPRK's NPT
notice) included.

Runs:
    PYTHONPATH=. python -m pytest tests/test_differential.py -p no:cacheprovider
        the CI budget: DEFAULT_EXAMPLES and ENDING_EXAMPLES derandomized histories (the same ones
        every run).
    TREATY_CHECK_DIFF_EXAMPLES=2000 PYTHONPATH=. python -m pytest tests/test_differential.py -p no:cacheprovider
        a longer run (profile "treaty-diff-long"): that many histories for each test,
        randomized, so that repeated runs explore new ones. Add --hypothesis-seed=N to repeat a
        run; a failure prints the generated dataset (with the treaty as `derived_treaties`, ready
        to paste into a scenario), the day, and both answers.
    TREATY_CHECK_DIFF_EVERY_DAY=1 ...
        solve on every query day too (about three times slower), not only where an earlier
        answer's verified interval does not already cover the day (see the test).

Budget: DEFAULT_EXAMPLES = 8 random histories and the 5 explicit ones take about 12-15 s, and
ENDING_EXAMPLES = 6 (two or three states each: about 0.5 s) and their 6 explicit ones about
12 s: the whole file about 25 s on this 2-core machine when it is quiet, more beside another
test run (each history costs 2-60 clingo solves of 30-40 ms, grounding with the
invariant checks of conftest.py, and again under another reading where one decides the answer on
a day asked for comparison). The exhaustive run (`pytest -m exhaustive`, which .ci/run adds to the
default one) tries EXHAUSTIVE_EXAMPLES = 45 and EXHAUSTIVE_ENDING_EXAMPLES = 25 histories (about
80 s; CI must stay under ten minutes: 70 + 40 took 125 s, and CI 9 min 06 s in all); TREATY_CHECK_DIFF_EXAMPLES=N sets any number. Adding a draw,
or changing a test function's
source (the seed), changes all the histories: check the statistics (--hypothesis-show-statistics)
again. At a budget of 45 + 16 histories (where this was measured; the exhaustive run's is
larger), each of these one-line mutations of the oracle makes one of the two tests fail: a written last day read as closed, later_after ignored, the floor ignored, occupations
always counted, a chaining clause read literally, a later specified date ignored, an
advance-notice date too early honoured, a revocation on the day of entry into force taking
effect, un-signing without effect, the count one too high, a same-day revocation still counted,
named states or counted kinds ignored, a later period not held to the general entry into force,
"first day of the month after" read as "of the month", a revocation always restoring a
signatory, a withdrawn state refused a signature, a revocation between the threshold day and
entry into force kept in the count; and, for treaties that end and paused notices, `remaining`
or `no_notice` read as a fresh period, a pause that never pauses, a notice paused again while
paused, a resumption of a notice never paused, a paused notice that cannot be revoked, a pending
instrument or a withdrawal taking effect on the end day not `terminated`, acts on an expiry day
taking effect, an extension on the term's last day refused or one on the day it ends taken, one
extension too many, the longest extension ignored, an extension "indefinitely" read as none, a
conference's first decision read as its last, a treaty whose duration a conference decides
lapsing at its term, the term counted from the threshold day, a supersession ignored, the latest
of two supersessions read, a bilateral treaty not ended by a withdrawal.

Known disagreements (the rules are wrong) are kept out of the random comparison until the rules
are fixed, each with a strict xfail test on its minimal dataset; none is open now. The first four
the oracle found are fixed, and KNOWN_DISAGREEMENTS keeps them as regressions; so are nine on
treaties that end and six on paused notices (FIXED_BUGS). A documented choice of the
rules (two revocations, README "Other choices") is kept out the same way, without a test.
"""

from __future__ import annotations

import calendar
import json
import os
import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from random import Random
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis import event, example, given

from checker.api import Checker
from checker.loader import Document, build_dataset, load_dataset, read_yaml
from checker.paths import treaties_dir
import oracle  # tests/ is on the path (rootdir-style imports), as for tests_support
from tests_support import redrawn

# --- budget and profiles ----------------------------------------------------------------------

DEFAULT_EXAMPLES = 8  # ~12-15 s with the rest of this file on this 2-core machine; see the docstring
_ENV_EXAMPLES = os.environ.get("TREATY_CHECK_DIFF_EXAMPLES")
# Ask the checker on every query day, instead of skipping days inside intervals already verified.
EVERY_DAY = os.environ.get("TREATY_CHECK_DIFF_EVERY_DAY", "") not in ("", "0")

_COMMON: dict[str, Any] = {
    "deadline": None,
    "database": None,  # nothing written into the checkout
    "print_blob": True,
    # the autouse fixture in conftest.py only monkeypatches engine.solve (the rules' invariants
    # checks): sharing it across examples is intended.
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("treaty-diff", derandomize=True, max_examples=DEFAULT_EXAMPLES, **_COMMON)
# The exhaustive run (`pytest -m exhaustive`, which .ci/run adds): more histories, still derandomized.
EXHAUSTIVE_EXAMPLES = 45
settings.register_profile(
    "treaty-diff-exhaustive", derandomize=True, max_examples=EXHAUSTIVE_EXAMPLES, **_COMMON)
settings.register_profile(
    "treaty-diff-long",
    derandomize=False,
    max_examples=int(_ENV_EXAMPLES) if _ENV_EXAMPLES else 2000,
    **_COMMON,
)
PROFILE = settings.get_profile("treaty-diff-long" if _ENV_EXAMPLES else "treaty-diff")
# Treaties that end, and paused notices (ending_histories): fewer, cheaper histories (two or three
# states), on top of the others.
ENDING_EXAMPLES = 6
EXHAUSTIVE_ENDING_EXAMPLES = 25
settings.register_profile("treaty-diff-ending", derandomize=True, max_examples=ENDING_EXAMPLES, **_COMMON)
settings.register_profile(
    "treaty-diff-ending-exhaustive", derandomize=True, max_examples=EXHAUSTIVE_ENDING_EXAMPLES, **_COMMON)
ENDING_PROFILE = settings.get_profile("treaty-diff-long" if _ENV_EXAMPLES else "treaty-diff-ending")

# --- the treaty's days ----------------------------------------------------------------------------

FIRST, LAST = date(1997, 1, 1), date(2035, 12, 31)
AUDIT_AS_OF = date(2100, 1, 1)  # after every generated record
BOUNDARY_DAYS = [
    date(1997, 12, 2), oracle.SIGNATURE_OPENS,  # Art. 15: the day before opening, the opening
    oracle.THRESHOLD_DEPOSIT, oracle.THRESHOLD_DEPOSIT + timedelta(days=1),  # Art. 17(1)/(2)
    date(1998, 9, 30), date(1998, 10, 1),  # the last instrument with the treaty / the first later one
    date(1999, 2, 28), oracle.GENERAL_ENTRY_INTO_FORCE, date(1999, 3, 2),  # signature closes
    date(2000, 2, 29), date(2003, 8, 31), date(2024, 8, 31), date(2025, 8, 29),  # month-end clamping
]

STATES = ["FIN", "UKR", "POL", "EST", "MHL"]
OUTSIDER = "RUS"  # in conflicts only (and, as a named state of a treaty, one that never deposits)

ACTIONS = (
    ["signature"] * 3 + ["ratification"] * 3 + ["acceptance", "approval"] + ["accession"] * 3
    + ["withdrawal"] * 5 + ["withdrawal_revocation"] * 3 + ["suspension"] * 2
    + ["unsigning", "ratification_revocation", "ratification_revocation"]
)
ID_LETTERS = "pqrs"  # ids order differently from generation order (same-day acts go by id)

# The readings the oracle models (Art. 20(3)'s two, and what a paused notice's resumption gives):
# the checker's name for each, and the oracle's keyword argument and values (the first is the
# default). Every history is checked under one value of each.
ORACLE_READINGS = {"armed_conflict_deferral": "deferral", "conflict_end": "conflict_end",
                   "paused_notice": "paused_notice"}
VALUES = {"deferral": oracle.DEFERRALS, "conflict_end": oracle.CONFLICT_ENDS, "paused_notice": oracle.PAUSED_NOTICES}
Modes = dict[str, str]  # the oracle's keyword arguments: {"deferral": ..., "conflict_end": ..., "paused_notice": ...}
DEFAULT_MODES: Modes = {arg: values[0] for arg, values in VALUES.items()}
ALL_MODES: list[Modes] = [{"deferral": d, "conflict_end": e, "paused_notice": p}
                          for d in oracle.DEFERRALS for e in oracle.CONFLICT_ENDS for p in oracle.PAUSED_NOTICES]


def _checker_readings(modes: Modes) -> dict[str, str]:
    return {name: modes[arg] for name, arg in ORACLE_READINGS.items()}


def _modes(readings: dict[str, str] | None) -> Modes:
    """The oracle's keyword arguments for a checker's `readings` (the defaults for the rest)."""
    return {**DEFAULT_MODES, **{ORACLE_READINGS[name]: value for name, value in (readings or {}).items()}}


def _clip(day: date) -> date:
    return min(max(day, FIRST), LAST)


# --- the treaty a history is under ----------------------------------------------------------------

RANDOM_TREATY = "rnd"  # the id of a redrawn Mine Ban Treaty
SHIPPED = [read_yaml(p) for p in sorted(treaties_dir().glob("*.yaml"))]
DEFINITIONS = {doc.content["treaties"][0]["id"]: doc.content["treaties"][0] for doc in SHIPPED}


def derived_treaty(spec: dict[str, Any]) -> dict[str, Any]:
    """tests_support.derived_treaty, from the definitions read once: a shipped treaty's definition
    with some parameters changed, `{from, id, set: {dotted.key: value}}`."""
    return redrawn(DEFINITIONS[spec["from"]], spec)


_TREATIES: dict[str, oracle.Treaty] = {}  # the oracle's reading of each redrawn treaty, by its spec


def treaty_of(data: dict[str, Any]) -> oracle.Treaty:
    """The oracle's reading of the history's treaty: its `derived_treaties` entry, or the Mine Ban Treaty."""
    specs = data.get("derived_treaties") or []
    if not specs:
        return oracle.APMBC
    key = json.dumps(specs[0], default=str, sort_keys=True)
    if key not in _TREATIES:
        _TREATIES[key] = oracle.Treaty.from_definition(derived_treaty(specs[0]))
    return _TREATIES[key]


def document(data: dict[str, Any]) -> dict[str, Any]:
    """The history as a dataset document: the redrawn treaty as a full definition."""
    doc = {k: v for k, v in data.items() if k != "derived_treaties"}
    specs = data.get("derived_treaties") or []
    if specs:
        doc["treaties"] = [derived_treaty(spec) for spec in specs]
    return doc


def _life(data: dict[str, Any], treaty: oracle.Treaty) -> oracle.Lifecycle:
    return oracle.lifecycle_of(data["events"], treaty)


def _period_ends(events: list[dict[str, Any]], treaty: oracle.Treaty) -> list[date]:
    return [oracle.period_end(e["date"], treaty=treaty, specified_date=e.get("specified_date"))
            for e in events if e["action"] == "withdrawal"]


def _entries(events: list[dict[str, Any]], life: oracle.Lifecycle) -> list[date]:
    days = (life.in_force(e["date"]) for e in events if e["action"] in oracle.INSTRUMENTS)
    return [d for d in days if d is not None]


def _treaty_days(treaty: oracle.Treaty, life: oracle.Lifecycle) -> set[date]:
    """The days the treaty itself gives: opening, threshold, entry into force, floor, closing."""
    days = {treaty.opens, life.threshold, life.general, treaty.not_before, life.signature_closed_from()}
    if treaty.threshold_deposit is not None:
        days.add(treaty.threshold_deposit)
    return {d for d in days if d is not None}


# --- generators ---------------------------------------------------------------------------------

PERIODS = {
    "general": [{"months": 6, "align": "first_of_month"}, {"days": 90}, {"days": 60, "align": "first_of_next_month"},
                {}, {"months": 6}, {"days": 180}],
    "later": [{"months": 6, "align": "first_of_month"}, {"days": 30}, {"days": 90},
              {"days": 60, "align": "first_of_next_month"}, {}],
    "notice": [{"months": 6}, {"years": 1}, {"days": 90}, {"months": 3}, {"months": 12}],
}
SIGNATURE_DAYS = [date(1998, 6, 30), date(1999, 2, 28), date(1999, 3, 1), date(2000, 12, 31), date(2005, 6, 30), date(2030, 1, 1)]
THRESHOLD_DAYS = [oracle.THRESHOLD_DEPOSIT, oracle.SIGNATURE_OPENS, date(1999, 6, 30), date(2001, 1, 31)]
FLOORS = [date(1999, 12, 3), date(2001, 1, 1), date(1998, 12, 3)]


@st.composite
def _treaty_specs(draw: st.DrawFn, states: list[str]) -> dict[str, Any] | None:
    """The Mine Ban Treaty (None), or it with its final clauses redrawn, as a `derived_treaties` entry."""
    if not draw(st.integers(0, 2)):
        return None
    s: dict[str, Any] = {"entry_into_force.stated_date": None}
    closes = draw(st.sampled_from(["entry_into_force", "entry_into_force", "never", "never", "day", "last_day"]))
    if closes == "never":
        s["signature.closes"] = None
    elif closes == "day":
        s["signature.closes"] = draw(st.sampled_from(SIGNATURE_DAYS))
    elif closes == "last_day":
        s["signature.closes"] = None
        s["signature.last_day"] = draw(st.sampled_from(SIGNATURE_DAYS))
    if not draw(st.integers(0, 2)):
        s["entry_into_force.threshold_deposit"] = draw(st.sampled_from(THRESHOLD_DAYS))
    else:  # worked out from the records
        s["entry_into_force.threshold_deposit"] = None
        # mostly a condition the history's states can meet: a count up to their number (or one
        # more), named states among them (or, rarely, one without records: never in force)
        named = draw(st.lists(st.sampled_from(states), max_size=min(2, len(states)), unique=True))
        if not draw(st.integers(0, 7)):
            named.append(OUTSIDER)
        s["entry_into_force.required_states"] = named
        counts = [n for n in (1, 2, 3) if n <= len(states)] + [len(states) + 1] * (not draw(st.integers(0, 4)))
        s["entry_into_force.instruments_required"] = draw(st.sampled_from([*counts, None] if named else counts))
        counted = draw(st.sampled_from([None] * 6 + [["ratification"], ["ratification", "acceptance", "approval"], ["accession"]]))
        if counted is not None:
            s["entry_into_force.counted"] = counted
    s["entry_into_force.general"] = draw(st.sampled_from(PERIODS["general"]))
    if not draw(st.integers(0, 2)):
        s["entry_into_force.not_before"] = draw(st.sampled_from(FLOORS))
    s["entry_into_force.later"] = draw(st.sampled_from(PERIODS["later"]))
    s["entry_into_force.later_after"] = draw(st.sampled_from(["threshold_deposit", "entry_into_force"]))
    if draw(st.booleans()):  # an early accession is reported, and still binds: no status changes
        s["consent.accession_opens"] = "after_entry_into_force"
    s["withdrawal.notice"] = draw(st.sampled_from(PERIODS["notice"]))
    s["withdrawal.specified_date"] = draw(st.sampled_from(["none", "later_allowed", "advance_notice"]))
    defers = draw(st.integers(0, 3)) > 0
    s["withdrawal.armed_conflict_defers"] = defers
    if defers:
        s["withdrawal.armed_conflict_until"] = draw(st.sampled_from(["end_of_that_conflict", "no_armed_conflict"]))
        s["withdrawal.armed_conflict_effect"] = draw(st.sampled_from(["defers_effect", "continues_bound"]))
        s["withdrawal.armed_conflict_includes_occupation"] = draw(st.booleans())
    return {"from": "apmbc", "id": RANDOM_TREATY, "set": s}


@st.composite
def _day_near(draw: st.DrawFn, anchors: list[date], cursor: date, boundaries: list[date]) -> date:
    """A day chosen to hit the interesting cases: same day, the next days, a boundary, an anchor
    (an expiry, an entry into force, a conflict end) give or take a day, or anywhere."""
    how = draw(st.sampled_from(["same", "near", "far", "boundary", "anchor", "anchor", "any"]))
    if how == "same":
        return cursor
    if how == "near":
        return _clip(cursor + timedelta(days=draw(st.integers(1, 200))))
    if how == "far":
        return _clip(cursor + timedelta(days=draw(st.integers(200, 9000))))
    if how == "boundary":
        return _clip(draw(st.sampled_from(boundaries)))
    if how == "anchor" and anchors:
        return _clip(draw(st.sampled_from(anchors)) + timedelta(days=draw(st.sampled_from([0, 0, 0, -1, 1]))))
    return draw(st.dates(FIRST, LAST))


class _Ids:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, letter: str) -> str:
        self.count += 1
        return f"{letter}{self.count:02d}"


class _Maker:
    """Makes records for one history: its treaty, ids, and the boundaries to aim at."""

    def __init__(self, draw: st.DrawFn, tid: str, treaty: oracle.Treaty, ids: _Ids) -> None:
        self.draw, self.tid, self.treaty, self.ids = draw, tid, treaty, ids
        edges = {treaty.opens - timedelta(days=1), treaty.opens}
        if isinstance(treaty.closes, date):
            edges |= {treaty.closes - timedelta(days=1), treaty.closes}
        if treaty.threshold_deposit is not None:
            edges |= {treaty.threshold_deposit, treaty.threshold_deposit + timedelta(days=1)}
        if treaty.not_before is not None:
            edges |= {treaty.not_before - timedelta(days=1), treaty.not_before}
        self.edges = sorted(edges)
        self.boundaries = sorted(edges | set(BOUNDARY_DAYS))
        self.deposits: list[date] = []  # the instruments' days so far: another state's may share one

    def record(self, state: str, action: str, day: date, specified: date | None = None) -> dict[str, Any]:
        record = {"id": self.ids(self.draw(st.sampled_from(ID_LETTERS))), "treaty": self.tid, "state": state,
                  "action": action, "date": _clip(day)}
        if specified is not None and action == "withdrawal" and specified > record["date"]:
            record["specified_date"] = specified
        return record

    def specified(self, withdrawal: date) -> date | None:
        """Perhaps a date the notice specifies: around the notice period's end, or soon after the notice
        (mostly where the treaty provides for one; where it does not, it is ignored)."""
        if not self.draw(st.integers(0, 2 if self.treaty.specified_date != "none" else 8)):
            return None
        expiry = oracle.notice_expiry(withdrawal, treaty=self.treaty)
        how = self.draw(st.sampled_from(["expiry", "expiry", "soon", "long"]))
        if how == "expiry":
            return expiry + timedelta(days=self.draw(st.sampled_from([0, -1, 1, 31])))
        if how == "soon":
            return withdrawal + timedelta(days=self.draw(st.integers(1, 60)))
        return expiry + timedelta(days=self.draw(st.integers(30, 1000)))


@st.composite
def _state_events(draw: st.DrawFn, make: _Maker, state: str, extra_anchors: list[date], size: int) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    start = [*make.edges, *BOUNDARY_DAYS[:6], date(1998, 1, 1)]
    cursor = draw(st.sampled_from(start)) if draw(st.booleans()) else draw(st.dates(FIRST, date(2015, 1, 1)))
    for _ in range(size):
        action = draw(st.sampled_from(ACTIONS))
        anchors = [*_period_ends(events, make.treaty), *extra_anchors]
        day = draw(_day_near(anchors, cursor, make.boundaries))
        cursor = max(cursor, day) if draw(st.integers(0, 4)) else day  # mostly forward in time
        events.append(make.record(state, action, day, make.specified(day) if action == "withdrawal" else None))
    return events


@st.composite
def _joining(draw: st.DrawFn, make: _Maker, state: str) -> list[dict[str, Any]]:
    """The first part of a plausible life under the treaty: perhaps a signature (perhaps un-signed,
    and signed again), an instrument (sometimes of the wrong kind), perhaps revoked (the same day,
    or later) and deposited again."""
    events: list[dict[str, Any]] = []

    def add(action: str, day: date) -> date:
        events.append(make.record(state, action, day))
        return events[-1]["date"]

    def shortly(after: date, upto_days: int) -> date:
        return after + timedelta(days=draw(st.integers(1, upto_days)))

    # the signature period's first and last days and the days outside them (two in three), or
    # any day around the period
    edges = st.sampled_from(make.edges)
    window = st.one_of(edges, st.sampled_from(BOUNDARY_DAYS[:9]), st.dates(date(1997, 11, 25), date(2001, 3, 10)))
    signed = draw(st.booleans())
    day = draw(edges) if draw(st.integers(0, 2)) else draw(window)
    if signed:
        day = add("signature", day)
        if not draw(st.integers(0, 5)):  # VCLT Art. 18(a): un-signed, perhaps signed again
            day = add("unsigning", draw(st.sampled_from([day, shortly(day, 400)])))
            if draw(st.booleans()):
                day = add("signature", shortly(day, 400))
    kinds = ["ratification", "acceptance", "approval"] if signed else ["accession"]
    kind = draw(st.sampled_from(kinds)) if draw(st.integers(0, 4)) else draw(st.sampled_from(sorted(oracle.INSTRUMENTS)))
    how = draw(st.sampled_from(["same", "window", "later", "boundary", "shared"]))
    if how == "shared" and make.deposits:  # several deposits on one day (Rome: ten on the threshold day)
        day = draw(st.sampled_from(make.deposits))
    elif how != "shared":
        day = {"same": day, "window": draw(window), "later": shortly(day, 4000), "boundary": draw(st.sampled_from(make.boundaries))}[how]
    day = add(kind, day)
    make.deposits.append(day)
    if not draw(st.integers(0, 4)):  # revoked (Russia, CTBT, 2023), perhaps deposited again
        day = add("ratification_revocation", draw(st.sampled_from([day, shortly(day, 30), shortly(day, 3000)])))
        if draw(st.booleans()):
            add(draw(st.sampled_from(kinds)), shortly(day, 1000))
    return events


@st.composite
def _leaving(draw: st.DrawFn, make: _Maker, state: str, mine: list[dict[str, Any]], life: oracle.Lifecycle) -> list[dict[str, Any]]:
    """The rest of the life: up to two rounds of withdrawal (some specifying a date), perhaps revoked
    (early, the same day, the day before or on the day it would take effect), perhaps rejoining;
    and a few records of any kind on the same days (duplicates, suspensions, acts without effect)."""
    events: list[dict[str, Any]] = []

    def add(action: str, day: date, specified: date | None = None) -> date:
        events.append(make.record(state, action, day, specified))
        return events[-1]["date"]

    def shortly(after: date, upto_days: int) -> date:
        return after + timedelta(days=draw(st.integers(1, upto_days)))

    deposits = [e["date"] for e in mine if e["action"] in oracle.INSTRUMENTS]
    entries = [d for d in (life.in_force(e) for e in deposits[-1:]) if d is not None]
    in_force = entries[0] if entries else draw(st.dates(date(1999, 1, 1), date(2020, 1, 1)))
    for _ in range(draw(st.integers(0, 2))):
        how = draw(st.sampled_from(["in_force", "in_force", "later", "month_end"]))
        if how == "month_end":  # the 29th-31st: the notice may end on a day a shorter month lacks
            month = oracle.months_after(in_force, draw(st.integers(0, 300)))
            last = calendar.monthrange(month.year, month.month)[1]
            day = month.replace(day=draw(st.integers(min(29, last), last)))
        else:
            offset = draw(st.sampled_from([0, 0, -1, 1])) if how == "in_force" else draw(st.integers(1, 6000))
            day = in_force + timedelta(days=offset)
        withdrawal = add("withdrawal", day, make.specified(_clip(day)))
        expiry = oracle.period_end(withdrawal, treaty=make.treaty, specified_date=events[-1].get("specified_date"))
        revoke = draw(st.sampled_from(["no", "no", "early", "same_day", "eve", "expiry"]))
        if revoke != "no":
            on = {"early": shortly(withdrawal, 150), "same_day": withdrawal,
                  "eve": expiry - timedelta(days=1), "expiry": expiry}[revoke]
            add("withdrawal_revocation", on)
            if on < expiry:
                continue  # a party again: the next round withdraws again
        if draw(st.booleans()):  # rejoin, on the expiry day or later (perhaps signing first, where signature is open)
            rejoin = expiry + timedelta(days=draw(st.sampled_from([0, -1, 1, 300])))
            if not draw(st.integers(0, 2)):
                add("signature", rejoin)
                rejoin += timedelta(days=draw(st.sampled_from([0, 1, 400])))
            rejoin = add(draw(st.sampled_from(sorted(oracle.INSTRUMENTS))), rejoin)
            in_force = life.in_force(rejoin) or rejoin
    if entries and not draw(st.integers(0, 3)):  # an instrument revoked on the day it enters into force, or the day before
        add("ratification_revocation", entries[0] - timedelta(days=draw(st.sampled_from([0, 0, 1]))))
    days = [e["date"] for e in [*mine, *events]]
    for _ in range(draw(st.integers(0, 3))):  # noise on the same days, or the next
        near = draw(st.sampled_from(days)) + timedelta(days=draw(st.sampled_from([0, 0, 1, -1])))
        action = draw(st.sampled_from(ACTIONS))
        add(action, near, make.specified(_clip(near)) if action == "withdrawal" else None)
    return events


@st.composite
def _around_effective(draw: st.DrawFn, make: _Maker, data: dict[str, Any], state: str, modes: Modes) -> list[dict[str, Any]]:
    """Acts on, and either side of, the day a deferred withdrawal takes effect under the history's
    readings (a conflict end, or the day after it): a revocation (timely or too late), a new
    instrument, another withdrawal, a signature (where the period is still open: "open to all
    States for signature", NPT Art. IX(1)) or an un-signing."""
    events: list[dict[str, Any]] = []
    treaty = make.treaty
    for record, took_effect in oracle.effective_acts(data["events"], data["conflicts"], state, treaty=treaty, **modes):
        if record.action != "withdrawal" or not took_effect or not draw(st.booleans()):
            continue
        effective = oracle.withdrawal_takes_effect(record.date, state, data["conflicts"], treaty=treaty,
                                                   specified_date=record.specified_date, **modes)
        expiry = oracle.period_end(record.date, treaty=treaty, specified_date=record.specified_date)
        anchor = effective if effective is not None else expiry + timedelta(days=draw(st.integers(1, 3000)))
        on = _clip(anchor + timedelta(days=draw(st.sampled_from([0, 0, -1, 1]))))
        action = draw(st.sampled_from(["withdrawal_revocation", "withdrawal_revocation", "accession", "ratification", "withdrawal",
                                       "signature", "unsigning"]))
        events.append(make.record(state, action, on))
    return events


@st.composite
def _conflicts(draw: st.DrawFn, data: dict[str, Any], states: list[str], treaty: oracle.Treaty) -> list[dict[str, Any]]:
    """Armed conflicts and occupations (at least one when a withdrawal takes effect) aimed at the
    withdrawals: starting on (or before) the day one would take effect and ending before, on, the
    day after, or long after it, or ongoing (several of them on one such day: the latest end
    counts); chains of conflicts, mostly after one holding back a withdrawal, each starting on or
    before the previous one's end, or the day after it (a chain only when the end is the last day
    of conflict); and conflicts anywhere. A chain, or a conflict starting after that day, is what
    the armed_conflict_deferral readings disagree on; an end on that day (or the day before), what
    the conflict_end readings disagree on."""
    targets = [(record.state, oracle.period_end(record.date, treaty=treaty, specified_date=record.specified_date))
               for state in states for record, took_effect in oracle.effective_acts(data["events"], [], state, treaty=treaty)
               if record.action == "withdrawal" and took_effect]
    conflicts: list[dict[str, Any]] = []

    def others(state: str | None) -> list[str]:
        pool = [s for s in [*states, OUTSIDER] if s != state]
        return draw(st.lists(st.sampled_from(pool), min_size=0 if state else 1, max_size=2, unique=True))

    for n in range(draw(st.integers(1 if targets else 0, 4))):
        marks = [*(t[1] for t in targets), *(c["start"] for c in conflicts), *(c["end"] for c in conflicts if c["end"])]
        shape = draw(st.sampled_from(["expiry", "expiry", "anywhere"] if n == 0 else ["chain", "expiry", "chain", "anywhere"]))
        if shape == "expiry" and targets:
            state, expiry = draw(st.sampled_from(targets))
            members = [state, *others(state)]
            start = expiry - timedelta(days=draw(st.sampled_from([0, 0, 1, 30, 400, 3000])))
        elif shape == "chain" and any(c["end"] for c in conflicts):
            # mostly after a conflict that holds back a withdrawal (engaging its state on the expiry
            # day under either conflict_end reading): starting after that day, it is what the
            # armed_conflict_deferral readings disagree on
            holding = [(c, s, x) for c in conflicts for s, x in targets if c["end"] and s in c["states"] and c["start"] <= x <= c["end"]]
            if holding and draw(st.integers(0, 2)):
                previous, state, _ = draw(st.sampled_from(holding))
            else:
                previous = draw(st.sampled_from([c for c in conflicts if c["end"]]))
                state = previous["states"][0]  # the state the previous conflict was aimed at stays engaged
            members = list(dict.fromkeys([state, *others(None)]))
            start = previous["end"] - timedelta(days=draw(st.sampled_from([0, 0, 1, 20, -1])))
        else:
            shape = "anywhere"
            members = others(None)
            start = draw(st.sampled_from(marks)) if marks and draw(st.booleans()) else draw(st.dates(FIRST, LAST))
        start = _clip(start)
        end: date | None
        kind = draw(st.sampled_from(["ongoing", "mark", "mark", "span", "span", "span", "span"]))
        later = [m + timedelta(days=d) for m in marks for d in (-1, 0, 1) if m + timedelta(days=d) > start]
        if kind == "ongoing":
            end = None
        elif kind == "mark" and later:  # e.g. on the expiry day (deferral only if inclusive), or either side
            end = draw(st.sampled_from(later))
        elif shape == "expiry":  # past the expiry day
            end = max(start, expiry) + timedelta(days=draw(st.sampled_from([1, 2, 31, 183, 400, 2000])))
        else:
            end = start + timedelta(days=draw(st.sampled_from([1, 2, 31, 183, 400, 2000])))
        conflict = {"id": f"war{n}", "states": members, "start": start, "end": end}
        if not draw(st.integers(0, 4)):  # CCW Art. 9(2): "armed conflict or occupation"
            conflict = {"id": f"war{n}", "kind": "occupation", "states": members, "start": start, "end": end}
        conflicts.append(conflict)
    return conflicts


@st.composite
def histories(draw: st.DrawFn) -> tuple[dict[str, Any], list[str], Modes]:
    """A dataset (a treaty, events and conflicts), the states to ask about (some may have no
    records), and the readings to ask under."""
    # each reading drawn apart (fairer than one draw among the four pairs); shrinks to the defaults
    modes = {arg: draw(st.sampled_from(values)) for arg, values in VALUES.items()}
    states = draw(st.lists(st.sampled_from(STATES), min_size=1, max_size=4, unique=True))
    spec = draw(_treaty_specs(states))
    data: dict[str, Any] = {"derived_treaties": [spec]} if spec else {}
    treaty = treaty_of(data)
    make = _Maker(draw, spec["id"] if spec else "apmbc", treaty, _Ids())
    events: list[dict[str, Any]] = []
    storied = [s for s in states if draw(st.integers(0, 3))]
    for state in states:
        if state in storied:
            events += draw(_joining(make, state))
        else:  # anything at all
            events += draw(_state_events(make, state, [], draw(st.integers(0, 7))))
    life = oracle.lifecycle_of(events, treaty)  # aim the withdrawals at the days the instruments take effect
    for state in storied:
        events += draw(_leaving(make, state, [e for e in events if e["state"] == state], life))
    data |= {"events": events, "conflicts": []}
    data["conflicts"] = conflicts = draw(_conflicts(data, states, treaty))
    # More acts where deferred withdrawals take effect, and where conflicts end.
    ends = [c["end"] for c in conflicts if c["end"] is not None]
    for state in states:
        events += draw(_around_effective(make, data, state, modes))
        if ends and not draw(st.integers(0, 3)):
            events += draw(_state_events(make, state, ends, draw(st.integers(1, 2))))
    data["events"] = _without_known_disagreements(draw(st.permutations(events)), conflicts, treaty)  # record order must not matter
    return data, states, modes


# --- treaties that end, and paused notices ---------------------------------------------------------

ENDING_STATES = ["USA", "RUS", "FIN"]
TERMS = [{"years": 10}, {"years": 5}, {"months": 30}, {"years": 3}]
EXTENSION_MAX = [{"years": 5}, {"years": 2}, {"months": 6}, None]
EXCHANGE_DAYS = [date(1998, 6, 1), date(2001, 2, 5), date(1999, 12, 31)]


@st.composite
def _ending_specs(draw: st.DrawFn) -> dict[str, Any]:
    """The Mine Ban Treaty redrawn to end, as a `derived_treaties` entry: mostly bilateral (in
    force on the exchange of the two instruments, on a given day or the day the second is on
    record: INF Art. XVII, New START Art. XIV(1)), else multilateral (its own days, or one or two
    instruments and 90 days); with a fixed term from the entry into force (none, one or two
    extensions allowed, each limited or not: New START Art. XIV(2)), a conference deciding its
    duration (NPT Art. X(2)), or no term (then only a supersession, or a withdrawal from a
    bilateral treaty, ends it); a notice of 3, 6 or 12 months, a year or 90 days, perhaps with a
    date the notice may specify; armed conflict deferring the withdrawal or not."""
    s: dict[str, Any] = {"entry_into_force.stated_date": None}
    if draw(st.integers(0, 2)):
        s |= {"parties": "bilateral", "consent.any_state": ["accession", "succession"], "consent.non_signatories": [],
              "entry_into_force.instruments_required": 2, "entry_into_force.general": {}, "entry_into_force.later": {},
              "entry_into_force.threshold_deposit": draw(st.sampled_from([None, None, *EXCHANGE_DAYS]))}
    elif draw(st.booleans()):
        s |= {"entry_into_force.threshold_deposit": None, "entry_into_force.instruments_required": draw(st.sampled_from([1, 2])),
              "entry_into_force.general": {"days": 90}, "entry_into_force.later": {"days": 30}}
    kind = draw(st.sampled_from(["term", "term", "term", "conference", "none"]))
    if kind != "none":
        duration: dict[str, Any] = {"article": "Art. XIV(2)", "text": "It shall remain in force for a term.",
                                    "term": draw(st.sampled_from(TERMS))}
        if kind == "conference":
            duration["conference_decides"] = True
        else:
            duration["extensions"] = draw(st.sampled_from([1, 1, 0, 2]))
            limit = draw(st.sampled_from(EXTENSION_MAX))
            if limit is not None:
                duration["extension_max"] = limit
        s["duration"] = duration
    s["withdrawal.notice"] = draw(st.sampled_from(PERIODS["notice"]))
    s["withdrawal.specified_date"] = draw(st.sampled_from(["none", "none", "later_allowed", "advance_notice"]))
    defers = not draw(st.integers(0, 2))
    s["withdrawal.armed_conflict_defers"] = defers
    if defers:
        s["withdrawal.armed_conflict_until"] = draw(st.sampled_from(["end_of_that_conflict", "no_armed_conflict"]))
    if draw(st.booleans()):
        s["signature.closes"] = None
    return {"from": "apmbc", "id": RANDOM_TREATY, "set": s}


@st.composite
def _pausing(draw: st.DrawFn, make: _Maker, data: dict[str, Any], state: str, modes: Modes) -> list[dict[str, Any]]:
    """Pauses and resumptions of the state's notices (the DPRK, NPT, 1993 and 2003): paused on the
    notice's day, while it is pending, on the eve of its period's end or on it (too late, unless an
    armed conflict holds it back), or after it; perhaps paused twice, or revoked while paused;
    resumed the same day, soon, years later or never; now and then paused and resumed again."""
    events: list[dict[str, Any]] = []
    treaty = make.treaty

    def add(action: str, day: date) -> date:
        events.append(make.record(state, action, day))
        return events[-1]["date"]

    for record, took in oracle.effective_acts(data["events"], data["conflicts"], state, treaty=treaty, **modes):
        if record.action != "withdrawal" or not took or not draw(st.integers(0, 3)):
            continue
        end = oracle.period_end(record.date, treaty=treaty, specified_date=record.specified_date)
        how = draw(st.sampled_from(["same", "pending", "pending", "pending", "eve", "eve", "end", "after"]))
        within = max(1, (end - record.date).days - 1)
        pause = add("withdrawal_suspension", {
            "same": record.date, "pending": record.date + timedelta(days=draw(st.integers(1, within))),
            "eve": end - timedelta(days=1), "end": end, "after": end + timedelta(days=draw(st.integers(1, 400)))}[how])
        if not draw(st.integers(0, 5)):  # paused again while paused
            add("withdrawal_suspension", pause + timedelta(days=draw(st.sampled_from([0, 1, 30]))))
        if not draw(st.integers(0, 5)):  # revoked while paused (VCLT Art. 68)
            add("withdrawal_revocation", pause + timedelta(days=draw(st.sampled_from([0, 1, 100]))))
        resume = draw(st.sampled_from(["never", "same", "soon", "soon", "years"]))
        if resume == "never":
            continue
        after = {"same": 0, "soon": draw(st.integers(1, 300)), "years": draw(st.integers(300, 3000))}[resume]
        day = add("withdrawal_resumption", pause + timedelta(days=after))
        if not draw(st.integers(0, 5)):  # paused and resumed again
            again = add("withdrawal_suspension", day + timedelta(days=draw(st.sampled_from([0, 1, 60]))))
            if draw(st.booleans()):
                add("withdrawal_resumption", again + timedelta(days=draw(st.integers(0, 500))))
    if not draw(st.integers(0, 5)):  # a resumption (or a pause) with nothing to act on
        days = [e["date"] for e in data["events"] if e["state"] == state] or [date(2005, 1, 1)]
        add(draw(st.sampled_from(["withdrawal_resumption", "withdrawal_suspension"])),
            draw(st.sampled_from(days)) + timedelta(days=draw(st.sampled_from([0, 1, 200]))))
    return events


@st.composite
def _ending_records(draw: st.DrawFn, make: _Maker, data: dict[str, Any], states: list[str]) -> list[dict[str, Any]]:
    """The records that end a treaty, or keep it going: extensions of its term, each agreed in
    time, on the eve of its end, on the day it ends or after (too late), or before the treaty is in
    force, reaching a day within the longest extension allowed, exactly it, a day beyond it, or no
    day (indefinitely); a conference's decisions, before or after the term's end; and a later
    treaty taking its place, on a day that matters (the entry into force, the term's end, a
    withdrawal taking effect) or any day."""
    treaty, events = make.treaty, []

    def add(action: str, day: date, until: date | None = None) -> None:
        record = make.record(draw(st.sampled_from(states)), action, day)
        if until is not None and until > record["date"]:
            record["extended_until"] = until
        events.append(record)

    life = oracle.lifecycle_of(data["events"], treaty)
    term_end = treaty.term.after(life.general) if treaty.term is not None and life.general is not None else None
    if treaty.term is not None:
        for _ in range(draw(st.integers(0, 3))):
            end = oracle.extensions_of([*data["events"], *events], treaty)[0] if not treaty.conference_decides else None
            anchor = end or term_end or draw(st.dates(date(2000, 1, 1), date(2030, 1, 1)))
            how = draw(st.sampled_from(["in_time", "in_time", "in_time", "eve", "on_end", "late", "early", "any"]))
            span = max(1, (anchor - life.general).days) if life.general is not None and life.general < anchor else 1500
            day = {"in_time": anchor - timedelta(days=draw(st.integers(1, span))), "eve": anchor - timedelta(days=1),
                   "on_end": anchor, "late": anchor + timedelta(days=draw(st.integers(1, 400))),
                   "early": (life.general or anchor) - timedelta(days=draw(st.sampled_from([1, 30]))),
                   "any": draw(st.dates(FIRST, LAST))}[how]
            limit = treaty.extension_max.after(anchor) if treaty.extension_max is not None else None
            reach = draw(st.sampled_from(["within", "within", "within", "limit", "beyond", "none", "none", "short"]))
            until = {"within": anchor + timedelta(days=draw(st.integers(1, 700))),
                     "limit": limit or anchor + timedelta(days=3000), "beyond": (limit or anchor) + timedelta(days=1),
                     "none": None, "short": anchor - timedelta(days=draw(st.integers(0, 10)))}[reach]
            add("term_extension", _clip(day), until)
    if not draw(st.integers(0, 3)):
        anchors = [d for d in (term_end,) if d is not None]
        anchors += [d for s in states for d in oracle.withdrawal_days(data["events"], data["conflicts"], s, treaty=treaty)]
        if life.general is not None and not draw(st.integers(0, 4)):
            anchors.append(life.general)
        day = draw(st.sampled_from(anchors)) + timedelta(days=draw(st.sampled_from([0, 0, -1, 1]))) \
            if anchors and draw(st.integers(0, 2)) else draw(st.dates(date(2003, 1, 1), LAST))
        add("supersession", _clip(day))
        if not draw(st.integers(0, 5)):  # another, later
            add("supersession", _clip(day + timedelta(days=draw(st.integers(1, 2000)))))
    return events


@st.composite
def ending_histories(draw: st.DrawFn) -> tuple[dict[str, Any], list[str], Modes]:
    """A dataset under a treaty that ends (`_ending_specs`), two or three states' lives under it
    (joining, withdrawing, pausing and resuming notices), the records that end it or keep it going,
    perhaps armed conflicts, and the readings to ask under."""
    modes = {arg: draw(st.sampled_from(values)) for arg, values in VALUES.items()}
    spec = draw(_ending_specs())
    data: dict[str, Any] = {"derived_treaties": [spec]}
    treaty = treaty_of(data)
    states = ENDING_STATES[:2 if treaty.bilateral and draw(st.integers(0, 4)) else draw(st.integers(2, 3))]
    make = _Maker(draw, RANDOM_TREATY, treaty, _Ids())
    events: list[dict[str, Any]] = []
    for state in states:
        events += draw(_joining(make, state))
    life = oracle.lifecycle_of(events, treaty)
    for state in states:
        events += draw(_leaving(make, state, [e for e in events if e["state"] == state], life))
    data |= {"events": events, "conflicts": []}
    if treaty.armed_conflict_defers and draw(st.booleans()):
        data["conflicts"] = draw(_conflicts(data, states, treaty))
    for state in states:
        events += draw(_pausing(make, data, state, modes))
    events += draw(_ending_records(make, data, states))
    for state in states:
        events += draw(_around_effective(make, data, state, modes))
    data["events"] = _without_known_disagreements(draw(st.permutations(events)), data["conflicts"], treaty)
    return data, states, modes


# --- known disagreements --------------------------------------------------------------------------
# A pattern the rules are known to get wrong is kept out of the random comparison, here, until the
# rules are fixed; each has a strict xfail test with its minimal dataset (none open now): when the
# rules are fixed, that test fails (XPASS), and its exclusion here should go. (The first four the
# oracle found, a revoked instrument entering into force, alone or beside another change that day,
# a revocation after entry into force un-meeting the count, an instrument before the opening
# counted, are fixed: KNOWN_DISAGREEMENTS keeps their datasets as regressions, and the random
# histories no longer avoid them.)
#
# A DOCUMENTED CHOICE (two revocations, README "Other choices"): rules/consent.lp counts the
#   instruments twice, and leaves in the count an instrument whose revocation is dated on or after
#   the earliest day the treaty could be in force (counting every instrument), though, the treaty
#   not yet being in force when another revocation delayed it, that revocation takes effect. The
#   oracle takes the revocations in order (`oracle.lifecycle`). Kept out: such revocations are
#   dropped where the two counts give different days (`_without_known_disagreements`).
# FIXED (on treaties that end; FIXED_BUGS keeps each minimal dataset as a regression, and the random
#   histories no longer avoid them): whom the end binds (a state whose instrument was revoked, one
#   that withdrew and joined again, an instrument of the end day: rules/termination.lp now reads
#   each state's status on the end day, status.lp `status_at_end`); a term extension agreed before
#   the entry into force, of a treaty never in force, after one "indefinitely", after one cut to
#   the longest allowed (checker/facts.py now gives the longest extension from that end too), or
#   reaching no further than the end already set (termination.lp's `term_state` chain); two causes
#   ending the treaty on one day (one `cause` detail: `main_end_cause`); and `Checker.treaties()`
#   leaving out the armed conflicts.
# FIXED (which notice a pause pauses; FIXED_BUGS keeps each minimal dataset, and the random
#   histories no longer avoid them): rules/withdrawal.lp read a pause from the records alone, so
#   it paused a later withdrawal record without effect instead of the pending notice, ignored a
#   second pause of a resumed notice, and a pause while an armed conflict held the notice back. It
#   now follows each notice's chain of runs (records and conflicts only), and the standing
#   (standing.lp) says which notice a pause finds pending. (A pause with no notice pending was
#   reported all the same, and one of a notice naming too
#   early a date, under `paused_notice: no_notice` and `defective_notice: no_effect`, got two
#   `outcome` details: fixed, rules/findings.lp reports a pause only where the standing shows the
#   notice pending, and FIXED_BUGS keeps both.)


def _late_revocations(events: list[dict[str, Any]], treaty: oracle.Treaty) -> set[str]:
    """The revocations behind the documented choice above, where the rules' count (every instrument
    of a counted kind from the opening on, less those revoked before the earliest day the treaty
    could be in force) gives another threshold day than the oracle's."""
    if treaty.threshold_deposit is not None:
        return set()
    revocations = [e for e in events if e["action"] == "ratification_revocation"]
    earliest = oracle.lifecycle_of([e for e in events if e["action"] != "ratification_revocation"], treaty).general
    if not revocations or earliest is None:
        return set()
    early = [e for e in revocations if e["date"] < earliest]
    kept = [e for e in events if e["action"] != "ratification_revocation"
            and not (e["action"] in treaty.counted
                     and any(r["state"] == e["state"] and e["date"] <= r["date"] for r in early))]
    if oracle.lifecycle_of(kept, treaty).threshold == oracle.lifecycle_of(events, treaty).threshold:
        return set()
    return {e["id"] for e in revocations if e["date"] >= earliest}


def _without_known_disagreements(events: list[dict[str, Any]], conflicts: list[dict[str, Any]],
                                 treaty: oracle.Treaty) -> list[dict[str, Any]]:
    """The records without those of the known disagreements that cannot be kept out by comparing
    less (above). Dropping a record may make another one such: until none is."""
    while True:
        bad = _late_revocations(events, treaty)
        if not bad:
            return events
        events = [e for e in events if e["id"] not in bad]


# --- the days asked ----------------------------------------------------------------------------


def query_days(data: dict[str, Any], states: list[str], modes: Modes, treaty: oracle.Treaty) -> list[date]:
    """Every day where something can change under `modes`, and the day before and after it."""
    events, conflicts = data["events"], data["conflicts"]
    life = _life(data, treaty)
    marks = {e["date"] for e in events} | set(_period_ends(events, treaty)) | set(_entries(events, life))
    marks |= {e["specified_date"] for e in events if e.get("specified_date")}
    marks |= {c["start"] for c in conflicts} | {c["end"] for c in conflicts if c["end"] is not None}
    for e in events:
        if e["action"] == "withdrawal":
            effective = oracle.withdrawal_takes_effect(e["date"], e["state"], conflicts, treaty=treaty,
                                                       specified_date=e.get("specified_date"), **modes)
            if effective is not None:
                marks.add(effective)
    marks |= _treaty_days(treaty, life)
    # a treaty that ends, and paused notices: the term, extensions, the end; the days a notice takes effect
    ending = oracle.treaty_end(events, conflicts, treaty=treaty, **modes)
    marks |= {d for d in (ending.day, ending.expiry) if d is not None}
    marks |= {e["extended_until"] for e in events if e.get("extended_until")}
    for state in states:
        marks |= oracle.change_days(events, conflicts, state, treaty=treaty, **modes)
    days = {m + timedelta(days=d) for m in marks for d in (-1, 0, 1)}
    return sorted(d for d in days | {LAST} if FIRST <= d <= LAST)


# --- the test -----------------------------------------------------------------------------------


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # the loader refuses anchors and aliases
        return True


def _yaml(data: dict[str, Any]) -> str:
    """The records as a dataset file, ready to paste into a scenario or `--data` file."""
    return yaml.dump(data, Dumper=_NoAliases, sort_keys=False, default_flow_style=None, width=200)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text is not None else None


def _parting_days(data: dict[str, Any], treaty: oracle.Treaty, modes: Modes) -> set[date]:
    """The days a withdrawal would take effect under some reading, where they can part, and the
    days the treaty would end (a bilateral treaty's end moves with them) under the history's
    readings but one (those the checker is asked to compare)."""
    days = set()
    for e in data["events"]:
        if e["action"] == "withdrawal":
            for modes in ALL_MODES:
                if modes["paused_notice"] != DEFAULT_MODES["paused_notice"]:
                    continue  # a notice never paused: the same under each
                effective = oracle.withdrawal_takes_effect(e["date"], e["state"], data["conflicts"], treaty=treaty,
                                                           specified_date=e.get("specified_date"), **modes)
                if effective is not None:
                    days.add(effective)
    if any(e["action"] == "withdrawal_suspension" for e in data["events"]) or treaty.bilateral:
        for other in ALL_MODES:
            if sum(other[arg] != modes[arg] for arg in VALUES) > 1:
                continue
            for state in sorted({e["state"] for e in data["events"]}):
                days |= set(oracle.withdrawal_days(data["events"], data["conflicts"], state, treaty=treaty, **other))
            end = oracle.treaty_end(data["events"], data["conflicts"], treaty=treaty, **other).day
            if end is not None:
                days.add(end)
    return days


def _changes(data: dict[str, Any], state: str, modes: Modes, treaty: oracle.Treaty) -> set[date]:
    """Every day on which, by the oracle under `modes`, the state's status could change (its own
    account, and, as a check on it, every record's day, entry into force and notice's end)."""
    mine = [e for e in data["events"] if e["state"] == state]
    days = {e["date"] for e in mine} | set(_entries(mine, _life(data, treaty)))
    for e in mine:
        if e["action"] == "withdrawal":
            effective = oracle.withdrawal_takes_effect(e["date"], state, data["conflicts"], treaty=treaty,
                                                       specified_date=e.get("specified_date"), **modes)
            if effective is not None:
                days.add(effective)
    return days | oracle.change_days(data["events"], data["conflicts"], state, treaty=treaty, **modes)


class _Comparison:
    """One history's comparison: the oracle's answers, and the checks of the checker's."""

    def __init__(self, data: dict[str, Any], treaty: oracle.Treaty) -> None:
        self.data, self.treaty = data, treaty

    def want(self, state: str, on: date, modes: Modes) -> str:
        return oracle.status_on(self.data["events"], self.data["conflicts"], state, on, treaty=self.treaty, **modes)

    def check_interval(self, row: Any, day: date, modes: Modes) -> tuple[date | None, date | None]:
        """The checker says `row.status` holds from `row.since` up to `row.until` (under `modes`):
        check that against the oracle on every day in that interval where the oracle's status could
        change. (Whether the status differs on `until` is not checked: a withdrawal and its
        revocation on one day end a `party` interval with another `party` interval, opened by the
        revocation.)"""
        return self.check_span(row.state, row.status, _day(row.since), _day(row.until), day, modes, "checker")

    def check_span(self, state: str, status: str, since: date | None, until: date | None,
                   day: date, modes: Modes, who: str) -> tuple[date | None, date | None]:
        where = f"{state} on {day} under {_checker_readings(modes)}: {who} {status} from {since} until {until}"
        inside = {d for d in _changes(self.data, state, modes, self.treaty)
                  if (since is None or since < d) and (until is None or d < until)}
        for on in sorted({day, *inside} | ({since} if since else set())):
            got = self.want(state, on, modes)
            assert got == status, f"{where}; oracle on {on}: {got}\n--- records:\n{_yaml(self.data)}"
        return since, until

    def check_alternatives(self, row: Any, day: date, modes: Modes) -> None:
        """The row says what each other value of a reading that decided it gives ("STATUS since ...
        until ..."); for every other value of the readings the oracle models that it does not name,
        it says the answer is the same. Check both against the oracle under that value."""
        decided = {(r.name, a.value): a.result for r in row.readings for a in r.alternatives}
        for name, arg in ORACLE_READINGS.items():
            for value in VALUES[arg]:
                if value == modes[arg]:
                    continue
                other = {**modes, arg: value}
                if (name, value) in decided:
                    span = _SPAN.fullmatch(decided[name, value])
                    assert span is not None, f"unexpected result text {decided[name, value]!r}"
                    status, since, until = span["status"], _day(span["since"]), _day(span["until"])
                else:
                    status, since, until = row.status, _day(row.since), _day(row.until)
                self.check_span(row.state, status, since, until, day, other, f"checker (as the answer under {name}={value})")


_SPAN = re.compile(r"(?P<status>\w+)(?: since (?P<since>[\d-]+))?(?: until (?P<until>[\d-]+))?")


def _label(data: dict[str, Any], states: list[str], modes: Modes, treaty: oracle.Treaty) -> None:
    """What the history exercised (shown by --hypothesis-show-statistics)."""
    event(f"readings: {modes['deferral']}, {modes['conflict_end']}")
    life = _life(data, treaty)
    if treaty is oracle.APMBC:
        event("treaty: the Mine Ban Treaty")
    else:
        event(f"treaty: threshold {'given' if treaty.threshold_deposit else 'worked out'}"
              + (", met" if life.threshold else ", never met"))
        if treaty.threshold_deposit is None and treaty.required_states:
            event("treaty: named states")
        if treaty.not_before is not None and life.general == treaty.not_before and life.threshold is not None \
                and treaty.general.after(life.threshold) < treaty.not_before:
            event("treaty: the floor decides the entry into force")
        event(f"treaty: signature closes {treaty.closes if isinstance(treaty.closes, str) or treaty.closes is None else 'on a day'}")
        event(f"treaty: later deposits after the {treaty.later_after}")
        event(f"treaty: withdrawal date {treaty.specified_date}"
              + (", chains by text" if treaty.chains_by_text else "") + (", occupation counts" if treaty.occupation_counts else ""))
        if life.threshold is not None and treaty.threshold_deposit is None:
            on_day = {e["state"] for e in data["events"] if e["date"] == life.threshold and e["action"] in treaty.counted}
            if len(on_day) > 1:
                event("treaty: several deposits on the threshold day")
    _label_ending(data, states, modes, treaty)
    conflicts = data["conflicts"]
    if any(c.get("kind") == "occupation" for c in conflicts):
        event("conflicts: an occupation" + (" (counts)" if treaty.occupation_counts and treaty.armed_conflict_defers else ""))
    for state in states:
        acts = oracle.effective_acts(data["events"], conflicts, state, treaty=treaty, **modes)
        for record, took_effect in acts:
            event(f"{record.action}: {'effect' if took_effect else 'no effect'}")
            if record.action == "withdrawal" and took_effect:
                expiry = oracle.notice_expiry(record.date, treaty=treaty)
                end = oracle.period_end(record.date, treaty=treaty, specified_date=record.specified_date)
                if record.specified_date is not None:
                    event(f"withdrawal: a specified date {'moves it' if end != expiry else 'does not move it'}")
                if expiry.day != record.date.day and treaty.notice.days == 0:
                    event("withdrawal: the notice ends on a day the month lacks")

                def effect(**other: str) -> date | None:
                    return oracle.withdrawal_takes_effect(record.date, state, conflicts, treaty=treaty,
                                                          specified_date=record.specified_date, **{**modes, **other})

                effective = effect()
                event("withdrawal: deferred indefinitely" if effective is None
                      else "withdrawal: deferred" if effective != end else "withdrawal: not deferred")
                if len(oracle.engaging(state, end, conflicts, conflict_end=modes["conflict_end"], treaty=treaty)) > 1:
                    event("withdrawal: deferred by several conflicts engaging it on the expiry day")
                # where the readings part: a conflict engaging the state on the day the deferral
                # ends (chained follows it, literal does not), an end on a day that matters
                if effect(deferral="chained") != effect(deferral="literal"):
                    event("withdrawal: the deferral readings give different days")
                    event("withdrawal: deferred by a chain of conflicts" if modes["deferral"] == "chained"
                          else "withdrawal: a chain of conflicts, not followed (literal)")
                other_end = "inclusive" if modes["conflict_end"] == "exclusive" else "exclusive"
                if effect(conflict_end=other_end) != effective:
                    event(f"withdrawal: conflict_end decides the day ({modes['conflict_end']})")
                later = [r for r, _ in acts if end <= r.date and (effective is None or r.date <= effective + timedelta(days=1))]
                if effective != end and later:
                    event("withdrawal: an act while deferred, or as (or the day after) it takes effect")
        kinds = [r.action for r, took in acts if took]
        if "withdrawal" in kinds and kinds.index("withdrawal") < len(kinds) - 1 and any(
                k in oracle.INSTRUMENTS for k in kinds[kinds.index("withdrawal"):]):
            event("rejoined after a withdrawal")
        days = [r.date for r, took in acts if took]
        if len(days) != len(set(days)):
            event("two effective acts on one day")


def _label_ending(data: dict[str, Any], states: list[str], modes: Modes, treaty: oracle.Treaty) -> None:
    """What a history exercised of treaties that end and paused notices."""
    events, conflicts = data["events"], data["conflicts"]
    if not (treaty.bilateral or treaty.term
            or any(e["action"] in ("supersession", "withdrawal_suspension") for e in events)):
        return
    event(f"readings: paused_notice {modes['paused_notice']}")
    event("ending: " + ("bilateral" if treaty.bilateral else "multilateral")
          + (", a conference decides" if treaty.conference_decides else f", a term, {treaty.extensions} extensions"
             + (" (limited)" if treaty.extension_max else "") if treaty.term else ", no term"))
    ending = oracle.treaty_end(events, conflicts, treaty=treaty, **modes)
    event("ending: ends by " + " and ".join(sorted(ending.causes)) if ending.day else "ending: does not end")
    for outcome in oracle.extensions_of(events, treaty)[1].values():
        event(f"ending: an extension {outcome}")
    if ending.day is not None:
        on_end = {oracle.status_on(events, conflicts, s, ending.day, treaty=treaty, **modes) for s in states}
        event(f"ending: states {', '.join(sorted(on_end))} on the end day")
        if any(e["date"] >= ending.day for e in events if e["action"] in oracle.SAME_DAY_ORDER):
            event("ending: acts on or after the end day")
    for state in states:
        for record, took in oracle.effective_acts(events, conflicts, state, treaty=treaty, **modes):
            if record.action in ("withdrawal_suspension", "withdrawal_resumption"):
                event(f"{record.action}: {'effect' if took else 'no effect'}")
        effects = oracle.notice_effects(events, conflicts, state, treaty=treaty, **modes)
        for notice in oracle.ending_findings(events, conflicts, treaty=treaty, **modes):
            if notice[0] == "withdrawal_paused" and notice[1] in {e["id"] for e in events if e["state"] == state}:
                event("withdrawal_paused: "
                      + ("takes effect when resumed" if notice[1] in effects else "never takes effect"))


def _ev(ident: str, state: str, action: str, day: str, treaty: str = "apmbc", **extra: Any) -> dict[str, Any]:
    return {"id": ident, "treaty": treaty, "state": state, "action": action, "date": date.fromisoformat(day),
            **{k: date.fromisoformat(v) if isinstance(v, str) else v for k, v in extra.items()}}


def _war(ident: str, states: list[str], start: str, end: str | None, kind: str | None = None) -> dict[str, Any]:
    war = {"id": ident, "states": states, "start": date.fromisoformat(start), "end": end and date.fromisoformat(end)}
    return war | {"kind": kind} if kind else war


# Where Art. 20(3)'s readings part, asked every run (explicit examples, before the random ones)
# whatever the random histories hit: UKR is held by a conflict on its expiry day (2026-01-16)
# until 2026-05-01, and a conflict from 2026-04-01 to 2026-08-01 takes the chain further (a
# revocation on 2026-05-01 is too late read literally, timely read as a chain); FIN's conflict
# ends on its expiry day (2026-01-10), and another starts the day after; POL is engaged on its
# expiry day (2026-01-10) by two conflicts, one starting that day and ending last; EST's six
# months end on a day February lacks (month_end: the oracle clamps, as the default reading).
READINGS_HISTORY = {
    "events": [
        _ev("u1", "UKR", "accession", "2005-12-27"), _ev("u2", "UKR", "withdrawal", "2025-07-16"),
        _ev("u3", "UKR", "withdrawal_revocation", "2026-05-01"),
        _ev("f1", "FIN", "accession", "2012-01-09"), _ev("f2", "FIN", "withdrawal", "2025-07-10"),
        _ev("p1", "POL", "accession", "2012-01-09"), _ev("p2", "POL", "withdrawal", "2025-07-10"),
        _ev("e1", "EST", "accession", "2004-05-12"), _ev("e2", "EST", "withdrawal", "2025-08-31"),
    ],
    "conflicts": [
        _war("c1", ["RUS", "UKR"], "2014-02-20", "2026-05-01"), _war("c2", ["UKR"], "2026-04-01", "2026-08-01"),
        _war("c3", ["FIN"], "2025-01-01", "2026-01-10"), _war("c4", ["FIN", "RUS"], "2026-01-11", "2026-03-01"),
        _war("c5", ["POL"], "2025-12-01", "2026-02-01"), _war("c6", ["POL", "RUS"], "2026-01-10", "2026-06-01"),
    ],
}

# The new final clauses, asked every run: entry into force worked out from the records (two
# instruments, POL's among them: two deposits on the threshold day 2000-02-01), a floor (2001-01-01)
# after the general period's end; later deposits run from the threshold deposit: MHL's 30 days end
# before the floor (so it joins on the floor day), UKR's, on the floor day, run their own 30 days;
# signature until a written last day (2000-12-31: EST signs on it, MHL the day after); UKR
# un-signs; NZL accedes and revokes its instrument before the treaty is in force (a non-party
# again), EST signs, ratifies and revokes on one day (a signatory again): both known disagreements
# from the floor day on (compared only before it); withdrawal a year's notice, a later date allowed
# (FIN: later, POL: earlier, ignored); a chaining clause with occupations counted (POL held by an
# occupation, then a conflict begun during it).
_FINAL = {"from": "apmbc", "id": RANDOM_TREATY, "set": {
    "entry_into_force.stated_date": None, "entry_into_force.threshold_deposit": None,
    "entry_into_force.instruments_required": 2, "entry_into_force.required_states": ["POL"],
    "entry_into_force.general": {"days": 90}, "entry_into_force.not_before": date(2001, 1, 1),
    "entry_into_force.later": {"days": 30}, "entry_into_force.later_after": "threshold_deposit",
    "signature.closes": None, "signature.last_day": date(2000, 12, 31),
    "withdrawal.notice": {"years": 1}, "withdrawal.specified_date": "later_allowed",
    "withdrawal.armed_conflict_until": "no_armed_conflict", "withdrawal.armed_conflict_includes_occupation": True,
}}
FINAL_CLAUSES_HISTORY = {
    "derived_treaties": [_FINAL],
    "events": [
        _ev("f1", "FIN", "signature", "1998-01-10", RANDOM_TREATY), _ev("f2", "FIN", "ratification", "2000-02-01", RANDOM_TREATY),
        _ev("f3", "FIN", "withdrawal", "2005-03-01", RANDOM_TREATY, specified_date="2006-06-30"),
        _ev("p1", "POL", "accession", "2000-02-01", RANDOM_TREATY),
        _ev("p2", "POL", "withdrawal", "2005-03-01", RANDOM_TREATY, specified_date="2005-04-01"),
        _ev("u1", "UKR", "signature", "1999-01-01", RANDOM_TREATY), _ev("u2", "UKR", "unsigning", "2000-01-01", RANDOM_TREATY),
        _ev("u3", "UKR", "accession", "2001-01-01", RANDOM_TREATY),
        _ev("e1", "EST", "signature", "2000-12-31", RANDOM_TREATY), _ev("e2", "EST", "ratification", "2000-12-31", RANDOM_TREATY),
        _ev("e3", "EST", "ratification_revocation", "2000-12-31", RANDOM_TREATY),
        _ev("m1", "MHL", "signature", "2001-01-01", RANDOM_TREATY), _ev("m2", "MHL", "accession", "2000-06-01", RANDOM_TREATY),
        _ev("n1", "NZL", "accession", "2000-03-01", RANDOM_TREATY),
        _ev("n2", "NZL", "ratification_revocation", "2000-06-01", RANDOM_TREATY),
    ],
    "conflicts": [
        _war("o1", ["POL", "RUS"], "2006-02-01", "2006-05-01", kind="occupation"),
        _war("c1", ["POL"], "2006-04-01", "2006-07-01"),
    ],
}

# More of them: entry into force from the first ratification that stands (SWE's is revoked the
# day it is deposited, NZL's before the treaty is in force; FIN's, 1998-03-10, meets the condition;
# POL's earlier accession is not counted, and joins the treaty), "the first day of the month after
# the 60th day" (1998-06-01); later deposits run from entry into force (MHL's, between the
# threshold day and that day, joins the treaty; EST's runs its own six months); UKR revokes its
# ratification on the day it enters into force (too late); the notice gives an intended date with
# the required six months (POL), one day short of them (FIN: the period counts) and later (EST); an
# occupation engages POL on that day (not counted: the clause names armed conflict only); an armed
# conflict engages EST on its date; signature is open until a given day (2012-01-01): FIN, having
# withdrawn, signs again and ratifies; DEU signs on the eve of the closing day, NOR on it (too late).
_OTHER = {"from": "apmbc", "id": RANDOM_TREATY, "set": {
    "entry_into_force.stated_date": None, "entry_into_force.threshold_deposit": None,
    "entry_into_force.instruments_required": 1, "entry_into_force.counted": ["ratification"],
    "entry_into_force.general": {"days": 60, "align": "first_of_next_month"}, "entry_into_force.later": {"months": 6},
    "entry_into_force.later_after": "entry_into_force",
    "signature.closes": date(2012, 1, 1), "withdrawal.specified_date": "advance_notice",
}}
OTHER_CLAUSES_HISTORY = {
    "derived_treaties": [_OTHER],
    "events": [
        _ev("s1", "SWE", "signature", "1998-01-20", RANDOM_TREATY), _ev("s2", "SWE", "ratification", "1998-02-15", RANDOM_TREATY),
        _ev("s3", "SWE", "ratification_revocation", "1998-02-15", RANDOM_TREATY),
        _ev("z1", "NZL", "signature", "1998-01-20", RANDOM_TREATY), _ev("z2", "NZL", "ratification", "1998-02-20", RANDOM_TREATY),
        _ev("z3", "NZL", "ratification_revocation", "1998-03-01", RANDOM_TREATY),
        _ev("p1", "POL", "accession", "1998-01-05", RANDOM_TREATY),
        _ev("p2", "POL", "withdrawal", "2010-01-10", RANDOM_TREATY, specified_date="2010-07-10"),
        _ev("f1", "FIN", "signature", "1998-02-01", RANDOM_TREATY), _ev("f2", "FIN", "ratification", "1998-03-10", RANDOM_TREATY),
        _ev("f3", "FIN", "withdrawal", "2010-01-10", RANDOM_TREATY, specified_date="2010-07-09"),
        _ev("f4", "FIN", "signature", "2011-06-01", RANDOM_TREATY), _ev("f5", "FIN", "ratification", "2011-07-01", RANDOM_TREATY),
        _ev("m1", "MHL", "accession", "1998-04-01", RANDOM_TREATY),
        _ev("e1", "EST", "signature", "1999-02-28", RANDOM_TREATY), _ev("e2", "EST", "ratification", "1999-04-15", RANDOM_TREATY),
        _ev("e3", "EST", "withdrawal", "2010-01-10", RANDOM_TREATY, specified_date="2011-01-01"),
        _ev("d1", "DEU", "signature", "2011-12-31", RANDOM_TREATY),
        _ev("n1", "NOR", "signature", "2012-01-01", RANDOM_TREATY), _ev("n2", "NOR", "accession", "2012-01-01", RANDOM_TREATY),
        _ev("u1", "UKR", "signature", "1998-01-10", RANDOM_TREATY), _ev("u2", "UKR", "ratification", "1999-01-05", RANDOM_TREATY),
        _ev("u3", "UKR", "ratification_revocation", "1999-07-05", RANDOM_TREATY),
    ],
    "conflicts": [
        _war("o1", ["POL", "RUS"], "2010-01-01", None, kind="occupation"),
        _war("c1", ["EST", "RUS"], "2010-12-01", "2011-03-01"),
    ],
}


def _compare(history: tuple[dict[str, Any], list[str], Modes], rnd: Any) -> None:
    data, states, modes = history
    modes = {**DEFAULT_MODES, **modes}
    treaty = treaty_of(data)
    tid = data["derived_treaties"][0]["id"] if data.get("derived_treaties") else "apmbc"
    readings = _checker_readings(modes)
    dataset = build_dataset([*SHIPPED, Document("gen", document(data))])
    checker = Checker(dataset, readings=readings, compare=False)
    comparing = Checker(dataset, readings=readings)  # also says what the other values give
    cmp = _Comparison(data, treaty)
    days = query_days(data, states, modes, treaty)
    direct = set(rnd.sample(days, min(1, len(days))))  # asked even when already covered
    parting = _parting_days(data, treaty, modes)  # asked too: where the readings can part
    # One solve per day asks about every state. Each answer also gives the interval its status
    # holds over (since/until), which check_interval verifies in full against the oracle; a query
    # day inside every state's verified interval needs no solve of its own (the checker has
    # already answered for it), except a `direct` day, asked anyway, which tests that the
    # status on a day agrees with the interval reported. On those and on the `parting` days the
    # checker also says what the other value of each reading gives (solving again where one
    # decides the answer), which check_alternatives verifies against the oracle under it.
    covered: dict[str, tuple[date | None, date | None]] = {}

    def is_covered(state: str, day: date) -> bool:
        if state not in covered:
            return False
        since, until = covered[state]
        return (since is None or since <= day) and (until is None or day < until)

    for day in sorted({*days, *parting}):
        asked = day in direct or day in parting
        if not EVERY_DAY and not asked and all(is_covered(s, day) for s in states):
            continue
        rows = (comparing if asked else checker).status(states, on=day, treaty=tid).states
        got = {row.state: row.status for row in rows}
        want = {s: cmp.want(s, day, modes) for s in states}
        assert got == want, f"status on {day} under {readings}: checker {got}, oracle {want}\n--- records:\n{_yaml(data)}"
        for row in rows:
            covered[row.state] = cmp.check_interval(row, day, modes)
            if asked:
                cmp.check_alternatives(row, day, modes)
    _label(data, states, modes, treaty)
    # APMBC Art. 20, VCLT Art. 57: every suspension is reported, and (above) none changes a status.
    # The revocations and un-signings without legal effect are reported, and the signatures after
    # the period closed: the oracle's own judgement of each act, which no status may hide.
    # The audit sees the records as they stood on `as_of` (default: today): ask after them all.
    # So are the extensions without effect or too long, the acts after an expiry or a supersession,
    # and the paused notices.
    audit = checker.audit(tid, as_of=AUDIT_AS_OF)  # (no comparison: the findings under `modes` only)
    got_findings = {(f.code, f.records[0]) for f in audit.findings if f.code in AUDITED}
    want_findings = oracle.suspension_findings(data["events"]) | oracle.act_findings(
        data["events"], data["conflicts"], treaty=treaty, **modes) | oracle.ending_findings(
        data["events"], data["conflicts"], treaty=treaty, **modes)
    assert got_findings == want_findings, f"under {readings}\n--- records:\n{_yaml(data)}"
    _compare_end(checker, data, tid, treaty, modes)


AUDITED = {"suspension_not_permitted", "signature_after_closure", *oracle.WITHOUT_EFFECT.values(),
           "term_extension_without_effect", "term_extension_too_long", "act_after_treaty_end", "withdrawal_paused"}


def _compare_end(checker: Checker, data: dict[str, Any], tid: str, treaty: oracle.Treaty, modes: Modes) -> None:
    """The day the treaty ended, and why, as `treaties` reports it (one of the causes, where two
    end it on one day)."""
    ending = oracle.treaty_end(data["events"], data["conflicts"], treaty=treaty, **modes)
    if not (treaty.bilateral or treaty.term or any(e["action"] == "supersession" for e in data["events"])):
        return  # (one solve fewer: it never ends)
    row = next(r for r in checker.treaties().treaties if r.id == tid)
    got = (_day(row.ended_on), row.end_cause in ending.causes if row.end_cause else None)
    assert got == (ending.day, True if ending.day else None), \
        f"treaty end under {_checker_readings(modes)}: checker {row.ended_on} ({row.end_cause}), " \
        f"oracle {ending}\n--- records:\n{_yaml(data)}"


@given(histories(), st.randoms(use_true_random=False))
@example(history=(READINGS_HISTORY, ["UKR", "FIN", "POL", "EST"], {"deferral": "literal", "conflict_end": "exclusive"}), rnd=Random(0))
@example(history=(READINGS_HISTORY, ["UKR", "FIN", "POL", "EST"], {"deferral": "chained", "conflict_end": "inclusive"}), rnd=Random(0))
@example(history=(FINAL_CLAUSES_HISTORY, ["FIN", "POL", "UKR", "EST", "MHL", "NZL"], {"deferral": "literal", "conflict_end": "exclusive"}), rnd=Random(0))
@example(history=(FINAL_CLAUSES_HISTORY, ["FIN", "POL", "UKR", "EST", "MHL", "NZL"], {"deferral": "literal", "conflict_end": "inclusive"}), rnd=Random(0))
@example(history=(OTHER_CLAUSES_HISTORY, ["FIN", "POL", "UKR", "EST", "MHL", "NOR", "SWE", "NZL", "DEU"],
                  {"deferral": "literal", "conflict_end": "exclusive"}), rnd=Random(0))
@settings(PROFILE)
def test_the_checker_agrees_with_the_oracle(history: tuple[dict[str, Any], list[str], Modes], rnd: Any) -> None:
    _compare(history, rnd)


@pytest.mark.exhaustive
@given(histories(), st.randoms(use_true_random=False))
@settings(settings.get_profile("treaty-diff-exhaustive"))
def test_the_checker_agrees_with_the_oracle_on_more_histories(history: tuple[dict[str, Any], list[str], Modes], rnd: Any) -> None:
    _compare(history, rnd)


# A bilateral treaty that ends (New START's clauses, on the Mine Ban Treaty's), asked every run
# under each paused_notice reading: ten years from the exchange of 2011-02-05; USA's notice of
# 2019-03-01 revoked on the eve of its end; an extension agreed on the eve of the term's end
# (2021-02-04), to a day beyond the five years allowed (so only to 2026-02-05); RUS's notice of
# 2024-01-10 (six months, to 2024-07-10) paused on its eve, one day left (the DPRK's), paused again
# (no effect: the day left stays), and resumed on 2025-01-10: a fresh period ends the treaty on
# 2025-07-10, the day left on 2025-01-11 (for both parties, by RUS's withdrawal), and read as no
# notice, the treaty runs to its extended end (RUS a party again from the first pause).
_BI = {"parties": "bilateral", "withdrawal.armed_conflict_defers": False,
       "consent.any_state": ["accession", "succession"], "consent.non_signatories": [],
       "entry_into_force.threshold_deposit": None, "entry_into_force.stated_date": None,
       "entry_into_force.instruments_required": 2, "entry_into_force.general": {}, "entry_into_force.later": {}}
_TERM = {"article": "Art. XIV(2)", "text": "It shall remain in force for 10 years.", "term": {"years": 10}}
_ENDING_TREATY = {"from": "apmbc", "id": RANDOM_TREATY, "set": _BI | {
    "duration": _TERM | {"extensions": 1, "extension_max": {"years": 5}}}}
BILATERAL_HISTORY = {
    "derived_treaties": [_ENDING_TREATY],
    "events": [
        _ev("a", "USA", "accession", "2011-02-05", RANDOM_TREATY), _ev("b", "RUS", "accession", "2011-02-05", RANDOM_TREATY),
        _ev("u1", "USA", "withdrawal", "2019-03-01", RANDOM_TREATY), _ev("u2", "USA", "withdrawal_revocation", "2019-08-31", RANDOM_TREATY),
        _ev("x", "USA", "term_extension", "2021-02-04", RANDOM_TREATY, extended_until="2027-01-01"),
        _ev("r1", "RUS", "withdrawal", "2024-01-10", RANDOM_TREATY), _ev("r2", "RUS", "withdrawal_suspension", "2024-07-09", RANDOM_TREATY),
        _ev("r4", "RUS", "withdrawal_suspension", "2024-08-01", RANDOM_TREATY),
        _ev("r3", "RUS", "withdrawal_resumption", "2025-01-10", RANDOM_TREATY),
    ],
    "conflicts": [],
}
# A multilateral treaty (the Mine Ban Treaty with a term of 28 years from its entry into force on
# 1999-03-01, not from the 40th deposit of 1998-09-16) that a later treaty replaces on 2027-01-01,
# before its term ends (2027-03-01), asked every run: FIN's instrument is pending then (in force
# 2027-04-01), POL's withdrawal takes effect that very day, MHL's notice is paused (never
# resumed), EST withdrew before (its notice, never paused, "resumed" to no effect), UKR only
# signed: FIN, POL and MHL are `terminated`, EST `withdrawn`, UKR a `signatory`; NZL's notice and
# UKR's un-signing on the day itself have nothing to act on; the extension ("indefinitely", no
# limit) agreed afterwards, before the term's end, changes nothing.
_REPLACED = {"from": "apmbc", "id": RANDOM_TREATY, "set": {
    "entry_into_force.stated_date": None, "duration": _TERM | {"term": {"years": 28}, "extensions": 1}}}
REPLACED_HISTORY = {
    "derived_treaties": [_REPLACED],
    "events": [
        _ev("f1", "FIN", "accession", "2026-10-01", RANDOM_TREATY),
        _ev("p1", "POL", "accession", "2000-01-10", RANDOM_TREATY), _ev("p2", "POL", "withdrawal", "2026-07-01", RANDOM_TREATY),
        _ev("m1", "MHL", "accession", "2000-01-10", RANDOM_TREATY), _ev("m2", "MHL", "withdrawal", "2026-03-01", RANDOM_TREATY),
        _ev("m3", "MHL", "withdrawal_suspension", "2026-08-01", RANDOM_TREATY),
        _ev("e1", "EST", "accession", "2000-01-10", RANDOM_TREATY), _ev("e2", "EST", "withdrawal", "2026-01-01", RANDOM_TREATY),
        _ev("e3", "EST", "withdrawal_resumption", "2026-03-01", RANDOM_TREATY),
        _ev("u1", "UKR", "signature", "1997-12-03", RANDOM_TREATY), _ev("u2", "UKR", "unsigning", "2027-01-01", RANDOM_TREATY),
        _ev("n1", "NZL", "accession", "2000-01-10", RANDOM_TREATY), _ev("n2", "NZL", "withdrawal", "2027-01-01", RANDOM_TREATY),
        _ev("s", "EST", "supersession", "2027-01-01", RANDOM_TREATY),
        _ev("x", "FIN", "term_extension", "2027-02-01", RANDOM_TREATY),
    ],
    "conflicts": [],
}
_ENDING_STATES = ["FIN", "POL", "MHL", "EST", "UKR", "NZL"]
# The same bilateral treaty, its extension agreed on the day the term ends (2021-02-05): too late,
# it has ended (New START's was agreed on 2021-02-03).
LATE_EXTENSION_HISTORY = {
    "derived_treaties": [_ENDING_TREATY],
    "events": [_ev("a", "USA", "accession", "2011-02-05", RANDOM_TREATY), _ev("b", "RUS", "accession", "2011-02-05", RANDOM_TREATY),
               _ev("x", "RUS", "term_extension", "2021-02-05", RANDOM_TREATY, extended_until="2026-02-05")],
    "conflicts": [],
}
# A treaty whose duration a conference decides (NPT Art. X(2)), with no decision on record: it does
# not lapse at the end of its ten years (2009-03-01), and POL's notice takes effect after it.
_CONFERENCE = {"from": "apmbc", "id": RANDOM_TREATY, "set": {
    "entry_into_force.stated_date": None, "duration": _TERM | {"conference_decides": True}}}
CONFERENCE_HISTORY = {
    "derived_treaties": [_CONFERENCE],
    "events": [_ev("f1", "FIN", "accession", "2000-01-10", RANDOM_TREATY), _ev("p1", "POL", "accession", "2000-01-10", RANDOM_TREATY),
               _ev("p2", "POL", "withdrawal", "2008-12-01", RANDOM_TREATY)],
    "conflicts": [],
}


@given(ending_histories(), st.randoms(use_true_random=False))
@example(history=(BILATERAL_HISTORY, ["USA", "RUS"], {"paused_notice": "fresh_period"}), rnd=Random(0))
@example(history=(BILATERAL_HISTORY, ["USA", "RUS"], {"paused_notice": "remaining"}), rnd=Random(0))
@example(history=(BILATERAL_HISTORY, ["USA", "RUS"], {"paused_notice": "no_notice"}), rnd=Random(0))
@example(history=(REPLACED_HISTORY, _ENDING_STATES, {"paused_notice": "fresh_period"}), rnd=Random(0))
@example(history=(CONFERENCE_HISTORY, ["FIN", "POL"], {}), rnd=Random(0))
@example(history=(LATE_EXTENSION_HISTORY, ["USA", "RUS"], {}), rnd=Random(0))
@settings(ENDING_PROFILE)
def test_the_checker_agrees_with_the_oracle_on_treaties_that_end(
        history: tuple[dict[str, Any], list[str], Modes], rnd: Any) -> None:
    _compare(history, rnd)


@pytest.mark.exhaustive
@given(ending_histories(), st.randoms(use_true_random=False))
@settings(settings.get_profile("treaty-diff-ending-exhaustive"))
def test_the_checker_agrees_with_the_oracle_on_more_treaties_that_end(
        history: tuple[dict[str, Any], list[str], Modes], rnd: Any) -> None:
    _compare(history, rnd)


# --- the oracle against the hand-written scenarios -----------------------------------------------


def test_the_oracle_reads_the_mine_ban_treaty_as_written_out() -> None:
    """The oracle's own reading of Arts. 15-17 and 20 (oracle.APMBC, from the text) is what it reads
    from the shipped definition's parameters."""
    assert oracle.Treaty.from_definition(DEFINITIONS["apmbc"]) == oracle.APMBC
    assert oracle.lifecycle_of([]).general == oracle.GENERAL_ENTRY_INTO_FORCE


def _scenario_treaty(case: dict[str, Any]) -> oracle.Treaty | None:
    """The oracle's reading of the treaty a status scenario asks about, if it models it."""
    data, tid = case.get("data") or {}, case["status"].get("treaty")
    for spec in data.get("derived_treaties", []):
        if spec["id"] == tid:
            return oracle.Treaty.from_definition(derived_treaty(spec))
    for definition in data.get("treaties", []):
        if definition["id"] == tid:
            return oracle.Treaty.from_definition(definition)
    return oracle.Treaty.from_definition(DEFINITIONS[tid]) if tid in DEFINITIONS else None


# Records the oracle does not read: a succession.
NOT_MODELLED = {"succession"}


@lru_cache(maxsize=1)
def _bundled() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The bundled records (facts/) and conflicts, as the oracle reads them."""
    dataset = load_dataset()
    return [e.model_dump() for e in dataset.events], [c.model_dump() for c in dataset.conflicts]


def _scenario_records(case: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The records of the treaty a status scenario asks about, and the conflicts: its own, or the
    bundled ones."""
    data, tid = case.get("data") or {}, case["status"]["treaty"]
    events, conflicts = _bundled() if case.get("bundled") else (data.get("events", []), data.get("conflicts", []))
    return [e for e in events if e["treaty"] == tid], conflicts


def _scenario_cases() -> list[Any]:
    """The hand-written status scenarios the oracle models: any treaty (shipped, derived or inline;
    treaties that end, paused notices; on the scenario's records or the bundled ones) without
    successions, and only the readings it models."""
    cases = []
    for path in sorted((Path(__file__).parent / "scenarios").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["scenarios"]:
            data = case.get("data") or {}
            # A scenario under another reading (month_end: next_month, open_deadline_count, ...)
            # asks about a calendar or a count the oracle does not model: it clamps month ends and
            # has no deadlines. It is left out (tests/test_scenarios.py still checks the checker).
            modelled = set(case.get("readings") or {}) <= ORACLE_READINGS.keys()
            if ("status" in case and modelled and case["status"].get("treaty")
                    and all(e["action"] not in NOT_MODELLED for e in _scenario_records(case)[0])
                    and _scenario_treaty(case) is not None):
                cases.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return cases


@pytest.mark.parametrize("case", _scenario_cases())
def test_the_oracle_agrees_with_the_scenarios(case: dict[str, Any]) -> None:
    """The oracle is checked against the hand-written expectations, not only against the rules:
    under the scenario's readings, and under each other value of a reading it models, where the
    scenario's `decided` says what that value gives ("STATUS since ...") or, by leaving it out,
    that it gives the same."""
    question = case["status"]
    treaty = _scenario_treaty(case)
    assert treaty is not None
    events, conflicts = _scenario_records(case)
    day = question["date"]
    modes = _modes(case.get("readings"))
    assert oracle.statuses_on(events, conflicts, question["states"], day, treaty=treaty, **modes) == case["expect"]
    decided = case.get("decided") or {}
    for state, expected in case["expect"].items():
        for name, arg in ORACLE_READINGS.items():  # month_end in `decided`: not modelled, not checked
            for value in VALUES[arg]:
                if value != modes[arg]:
                    other = decided.get(state, {}).get(name, {}).get(value)
                    want = other.split()[0] if other is not None else expected
                    got = oracle.status_on(events, conflicts, state, day, treaty=treaty, **{**modes, arg: value})
                    assert got == want, f"{state} under {name}={value}: oracle {got}, scenario {want}"


# --- disagreements the oracle found, each with its minimal dataset (the rules were wrong; fixed) ---

_TWO = {"from": "apmbc", "id": "two", "set": {
    "entry_into_force.stated_date": None, "entry_into_force.threshold_deposit": None,
    "entry_into_force.instruments_required": 2, "entry_into_force.general": {"days": 30},
    "entry_into_force.later": {"days": 30}}}
KNOWN_DISAGREEMENTS = {
    # FRA's ratification (after the threshold day: in force 1999-07-01) is revoked on 1999-02-01;
    # the rules say party from 1999-07-01 all the same.
    "revoked instrument enters into force": (
        {"events": [_ev("s", "FRA", "signature", "1998-01-10"), _ev("r", "FRA", "ratification", "1999-01-10"),
                    _ev("x", "FRA", "ratification_revocation", "1999-02-01")]},
        "apmbc", ["FRA"], date(2000, 1, 1)),
    # The same, where FIN ratifies again in the same month: both instruments would enter into force on
    # 1999-11-01, and the rules give FIN two `party` statuses at once (one per instrument; the API
    # lists FIN twice; conftest.py's invariant checks refuse the answer).
    "revoked instrument enters into force, with another on the same day": (
        {"events": [_ev("s", "FIN", "signature", "1998-01-10"), _ev("r1", "FIN", "ratification", "1999-05-03"),
                    _ev("x", "FIN", "ratification_revocation", "1999-05-10"),
                    _ev("r2", "FIN", "ratification", "1999-05-20")]},
        "apmbc", ["FIN"], date(2000, 1, 1)),
    # Two accessions meet the condition on 2000-02-01 (in force 2000-03-02); DEU's revocation in 2005,
    # when the treaty is long in force for it, makes the rules say FRA is still pending in 2001.
    "revocation after entry into force un-meets the condition": (
        {"derived_treaties": [_TWO], "events": [
            _ev("f", "FRA", "accession", "2000-01-10", "two"), _ev("d", "DEU", "accession", "2000-02-01", "two"),
            _ev("x", "DEU", "ratification_revocation", "2005-01-01", "two")]},
        "two", ["FRA", "DEU"], date(2001, 1, 1)),
    # FRA's accession before the opening has no effect (FRA is a non-party), yet the rules count it:
    # with DEU's, two, so DEU is a party from 2000-03-02.
    "instrument before the opening counted": (
        {"derived_treaties": [_TWO], "events": [
            _ev("f", "FRA", "accession", "1997-12-01", "two"), _ev("d", "DEU", "accession", "2000-02-01", "two")]},
        "two", ["FRA", "DEU"], date(2001, 1, 1)),
}


@pytest.mark.parametrize("name", sorted(KNOWN_DISAGREEMENTS))
def test_known_disagreement(name: str) -> None:
    """Each disagreement the oracle found first, on its minimal dataset: the rules now agree
    (rules/consent.lp, status.lp), and the random histories no longer keep these patterns out."""
    data, tid, states, day = KNOWN_DISAGREEMENTS[name]
    treaty = treaty_of(data)
    checker = Checker(build_dataset([*SHIPPED, Document("gen", document(data))]), compare=False)
    rows = checker.status(states, on=day, treaty=tid).states
    want = oracle.statuses_on(data["events"], [], states, day, treaty=treaty)
    assert [(row.state, row.status) for row in rows] == sorted(want.items()), f"checker {rows}, oracle {want}"


# --- disagreements the oracle found on treaties that end (fixed) and paused notices (the rules are wrong) ---

_BILATERAL = {"from": "apmbc", "id": "bi", "set": _BI}
_TERMED = {"from": "apmbc", "id": "bi", "set": _BI | {"duration": _TERM | {"extensions": 1, "extension_max": {"years": 5}}}}
_TWICE = {"from": "apmbc", "id": "bi", "set": _BI | {"duration": _TERM | {"extensions": 2, "extension_max": {"years": 5}}}}
_UNLIMITED = {"from": "apmbc", "id": "bi", "set": _BI | {"duration": _TERM | {"extensions": 2}}}
_PAUSING = {"from": "apmbc", "id": "bi", "set": {"entry_into_force.stated_date": None}}  # the Mine Ban Treaty's clauses
_EXCHANGE = [_ev("a", "USA", "accession", "2011-02-05", "bi"), _ev("b", "RUS", "accession", "2011-02-05", "bi")]
_NOTICE = [_ev("f", "FIN", "accession", "2000-01-01", "bi"), _ev("w", "FIN", "withdrawal", "2010-01-01", "bi")]
# {name: (data, what is compared: status | findings | end, the states and day asked, the readings)}
FIXED_BUGS: dict[str, tuple[dict[str, Any], str, list[str], date, Modes]] = {
    # NZL's instrument, revoked before it entered into force, leaves it a signatory, and the later
    # treaty of 2030 leaves it so (the rules made it `terminated`).
    "the end binds a state whose instrument was revoked": (
        {"events": [_ev("f", "FIN", "accession", "2012-01-09"), _ev("s", "NZL", "signature", "1997-12-03"),
                    _ev("r", "NZL", "ratification", "2012-01-09"), _ev("x", "NZL", "ratification_revocation", "2012-02-01"),
                    _ev("sup", "FIN", "supersession", "2030-01-01")]},
        "status", ["FIN", "NZL"], date(2030, 1, 1), DEFAULT_MODES),
    # FIN withdrew in 2005 and acceded again in 2010: a party when the later treaty takes the
    # place of this one, it is `terminated` (the rules left it `party` for ever after).
    "the end does not bind a state that withdrew and joined again": (
        {"events": [_ev("f1", "FIN", "accession", "2000-01-10"), _ev("f2", "FIN", "withdrawal", "2005-01-10"),
                    _ev("f3", "FIN", "accession", "2010-01-10"), _ev("sup", "FIN", "supersession", "2030-01-01")]},
        "status", ["FIN"], date(2031, 1, 1), DEFAULT_MODES),
    # The US withdrawal ends the bilateral treaty on 2015-07-01; FRA, acceding that day, is
    # `terminated` with it (the rules left it `party` for ever).
    "the end does not bind an instrument of the end day": (
        {"derived_treaties": [_BILATERAL], "events": [
            *_EXCHANGE, _ev("w", "USA", "withdrawal", "2015-01-01", "bi"), _ev("fra", "FRA", "accession", "2015-07-01", "bi")]},
        "status", ["USA", "RUS", "FRA"], date(2016, 1, 1), DEFAULT_MODES),
    # Agreed on 2011-06-01, before the exchange of 2012-02-05 brought the treaty into force (its
    # ten years end on 2022-02-05), the extension has no effect (the rules kept it in force to 2025).
    "an extension before entry into force": (
        {"derived_treaties": [_TERMED], "events": [
            _ev("a", "USA", "accession", "2011-02-05", "bi"), _ev("b", "RUS", "accession", "2012-02-05", "bi"),
            _ev("x", "USA", "term_extension", "2011-06-01", "bi", extended_until="2025-01-01")]},
        "status", ["USA", "RUS"], date(2022, 2, 5), DEFAULT_MODES),
    # An "extension" to 2016, agreed in 2015, extends nothing (the rules ended the ten-year term,
    # to 2021-02-05, five years early).
    "an extension that shortens the term": (
        {"derived_treaties": [_TERMED], "events": [
            *_EXCHANGE, _ev("x", "USA", "term_extension", "2015-06-01", "bi", extended_until="2016-01-01")]},
        "status", ["USA", "RUS"], date(2016, 1, 1), DEFAULT_MODES),
    # Two extensions allowed, each of at most five years: the first, to 2030, reaches 2026-02-05;
    # the second, agreed in 2025, reaches 2028 (the rules dropped it: expiry on 2026-02-05).
    "an extension after one cut to the longest allowed": (
        {"derived_treaties": [_TWICE], "events": [
            *_EXCHANGE, _ev("x1", "USA", "term_extension", "2021-01-01", "bi", extended_until="2030-01-01"),
            _ev("x2", "USA", "term_extension", "2025-01-01", "bi", extended_until="2028-01-01")]},
        "status", ["USA", "RUS"], date(2027, 6, 1), DEFAULT_MODES),
    # After an extension "indefinitely" (no longest extension), a second has no effect, and is
    # reported (the rules did not).
    "an extension after one indefinitely, not reported": (
        {"derived_treaties": [_UNLIMITED], "events": [
            *_EXCHANGE, _ev("x1", "USA", "term_extension", "2021-01-01", "bi"),
            _ev("x2", "USA", "term_extension", "2025-01-01", "bi", extended_until="2028-01-01")]},
        "findings", [], AUDIT_AS_OF, DEFAULT_MODES),
    # The supersession falls on the day the US withdrawal takes effect: two causes, and one `cause`
    # detail (the rules gave two; conftest.py's invariant checks refused the answer).
    "two causes on one day": (
        {"derived_treaties": [_BILATERAL], "events": [
            *_EXCHANGE, _ev("w", "USA", "withdrawal", "2015-01-01", "bi"), _ev("s", "RUS", "supersession", "2015-07-01", "bi")]},
        "status", ["USA", "RUS"], date(2015, 7, 1), DEFAULT_MODES),
    # An armed conflict holds the US withdrawal back to 2016-01-01: the treaty ends then, in the
    # statuses and in `treaties` (which said 2015-07-01).
    "treaties() leaves out the conflicts": (
        {"derived_treaties": [{"from": "apmbc", "id": "bi", "set": _BI | {"withdrawal.armed_conflict_defers": True}}],
         "events": [*_EXCHANGE, _ev("w", "USA", "withdrawal", "2015-01-01", "bi")],
         "conflicts": [_war("c", ["USA"], "2015-06-01", "2016-01-01")]},
        "end", [], date(2016, 1, 1), DEFAULT_MODES),
    # FIN's notice of 2010 has no effect (FIN is no party); a pause of it is not reported (the
    # rules reported it).
    "a pause with no notice pending, reported": (
        {"derived_treaties": [_PAUSING], "events": [
            _ev("w", "FIN", "withdrawal", "2010-01-01", "bi"), _ev("p", "FIN", "withdrawal_suspension", "2010-03-01", "bi")]},
        "findings", [], AUDIT_AS_OF, DEFAULT_MODES),
    # FIN's notice names an intended date two months ahead (the clause asks six): read as no notice
    # (defective_notice: no_effect), there is nothing to pause (the rules gave the
    # withdrawal_paused finding two `outcome` details, paused_notice: no_notice, and left FIN
    # both `in` and `leaving` after the notice, standing.lp).
    "a pause of a defective notice, under no_notice and no_effect": (
        {"derived_treaties": [{"from": "apmbc", "id": "bi", "set": {
            "entry_into_force.stated_date": None, "withdrawal.specified_date": "advance_notice"}}],
         "events": [_ev("f", "FIN", "accession", "2000-01-01", "bi"),
                    _ev("w", "FIN", "withdrawal", "2010-01-01", "bi", specified_date="2010-03-01"),
                    _ev("p", "FIN", "withdrawal_suspension", "2010-03-01", "bi")],
         "readings": {"defective_notice": "no_effect"}},
        "status", ["FIN"], date(2011, 1, 1), {**DEFAULT_MODES, "paused_notice": "no_notice"}),
    # The treaty was superseded on 2010-03-01; FIN's pause of 2010-04-01 has nothing to act on (an
    # act after the treaty's end), but was still reported as pausing the notice.
    "a pause after the treaty was superseded, reported": (
        {"derived_treaties": [_PAUSING], "events": [
            *_NOTICE, _ev("s", "FIN", "supersession", "2010-03-01", "bi"),
            _ev("p", "FIN", "withdrawal_suspension", "2010-04-01", "bi")]},
        "findings", [], AUDIT_AS_OF, DEFAULT_MODES),
    # The pauses below were read from the records alone (withdrawal.lp now follows each notice's
    # chain of runs, and the standing says which notice a pause finds pending).
    # The second withdrawal record (without effect: the first is pending) was the one the pause
    # paused, by the rules: the first took effect on 2010-07-01 as if never paused.
    "a pause pairs with a later record without effect": (
        {"derived_treaties": [_PAUSING], "events": [
            *_NOTICE, _ev("w2", "FIN", "withdrawal", "2010-02-01", "bi"), _ev("p", "FIN", "withdrawal_suspension", "2010-03-01", "bi")]},
        "status", ["FIN"], date(2010, 7, 1), DEFAULT_MODES),
    # Paused on 2010-03-01, resumed on 2011-01-01 (a fresh six months: to 2011-07-01), paused
    # again on 2011-02-01: the second pause was ignored.
    "a second pause of a resumed notice": (
        {"derived_treaties": [_PAUSING], "events": [
            *_NOTICE, _ev("p1", "FIN", "withdrawal_suspension", "2010-03-01", "bi"),
            _ev("r1", "FIN", "withdrawal_resumption", "2011-01-01", "bi"),
            _ev("p2", "FIN", "withdrawal_suspension", "2011-02-01", "bi")]},
        "status", ["FIN"], date(2011, 7, 1), DEFAULT_MODES),
    # An armed conflict holds the notice back past 2010-07-01, to 2010-09-01; the pause of
    # 2010-08-01 was ignored (fresh_period, remaining), though under no_notice it ends the notice.
    "a pause while an armed conflict holds the notice back": (
        {"derived_treaties": [_PAUSING], "events": [*_NOTICE, _ev("p", "FIN", "withdrawal_suspension", "2010-08-01", "bi")],
         "conflicts": [_war("c", ["FIN"], "2010-06-01", "2010-09-01")]},
        "status", ["FIN"], date(2010, 10, 1), DEFAULT_MODES),
}


@pytest.mark.parametrize("name", sorted(FIXED_BUGS))
def test_fixed_bug(name: str) -> None:
    """Each disagreement the oracle found on treaties that end and paused notices, on its minimal
    dataset, that the rules now get right."""
    _compare_minimal(*FIXED_BUGS[name])


def _compare_minimal(data: dict[str, Any], what: str, states: list[str], day: date, modes: Modes) -> None:
    """The checker's statuses on the day, its audit findings, or the end `treaties` reports,
    against the oracle."""
    data = {"conflicts": [], **data}
    readings = _checker_readings(modes) | data.pop("readings", {})  # and readings the oracle does not model
    treaty, tid = treaty_of(data), (data.get("derived_treaties") or [{"id": "apmbc"}])[0]["id"]
    checker = Checker(build_dataset([*SHIPPED, Document("gen", document(data))]), readings=readings, compare=False)
    if what == "status":
        rows = checker.status(states, on=day, treaty=tid).states
        want = oracle.statuses_on(data["events"], data["conflicts"], states, day, treaty=treaty, **modes)
        assert {row.state: row.status for row in rows} == want
    elif what == "findings":
        got = {(f.code, f.records[0]) for f in checker.audit(tid, as_of=day).findings if f.code in AUDITED}
        assert got == oracle.suspension_findings(data["events"]) | oracle.act_findings(
            data["events"], data["conflicts"], treaty=treaty, **modes) | oracle.ending_findings(
            data["events"], data["conflicts"], treaty=treaty, **modes)
    else:
        row = next(r for r in checker.treaties().treaties if r.id == tid)
        assert _day(row.ended_on) == oracle.treaty_end(data["events"], data["conflicts"], treaty=treaty, **modes).day
