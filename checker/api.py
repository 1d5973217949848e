"""The Python API: the three questions, asked of a loaded dataset.

    from checker import Checker
    checker = Checker.load()                      # bundled data; or Checker.load(["my/data"])
    checker.status(["FIN"], treaty="apmbc", on=date(2026, 1, 9))
    checker.check("FIN", "production", on=date(2026, 2, 1))
    checker.audit()
"""

from __future__ import annotations

import gc
import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import clingo
from pydantic import BaseModel, ValidationError

from checker import __version__, coverage, decode, engine, facts, paths, progress
from checker.calendar import to_day
from checker.countries import ISO_3166_ALPHA3
from checker.errors import InputError, Problem, usage_error
from checker.explain import Explainer
from checker.loader import _explain, load_dataset
from checker.models import (
    CONDUCT_ACTIONS, CONSENT_ACTIONS, FIRST_DAY, LAST_DAY, PROPOSED_ID, Dataset, Event, event_field_problems,
)
from checker.readings import READINGS, resolve
from checker.results import (
    Alternative,
    AuditReport,
    AuditSummary,
    CheckReport,
    CoverageReport,
    Finding,
    Interval,
    ReadingApplied,
    Reason,
    Receipt,
    StateExplanation,
    StateTimeline,
    StatusReport,
    TimelineReport,
    TreatiesReport,
    TreatyRow,
    WithdrawalOutcome,
)


# Records that act on the treaty itself, whoever records them: every state's answer depends on them.
# (An objection or an allegation of breach is about another state's record, so it goes with it.)
TREATY_WIDE_ACTIONS = frozenset({"term_extension", "supersession", "objection", "breach_allegation"})


class Checker:
    """A dataset, loaded and validated once, and the questions asked of it."""

    def __init__(
        self, dataset: Dataset, readings: Mapping[str, str] | None = None, *, compare: bool = True,
        check_cache_mb: float = engine.DEFAULT_CACHE_MB,
    ) -> None:
        """`readings` chooses a value for some readings (`treaty-check readings`; the rest keep
        their defaults). With `compare`, an answer that a reading decided says what its other
        values give. `check_cache_mb` bounds the grounded programs `check` keeps for the next
        question on the same states and day (0: keep none)."""
        self.dataset = dataset
        self.readings = resolve(readings)
        self._compare = compare
        self._grounded = engine.GroundedCache(check_cache_mb)
        self._twins: dict[tuple[tuple[str, str], ...], Checker] = {}

    @classmethod
    def load(
        cls, data: Sequence[Path | str] | None = None, readings: Mapping[str, str] | None = None, *,
        check_cache_mb: float = engine.DEFAULT_CACHE_MB,
    ) -> Checker:
        """Load the shipped treaties and the dataset at `data` (default: the bundled facts/)."""
        with collector_paused():
            return cls(load_dataset(data), readings, check_cache_mb=check_cache_mb)

    # --- readings -------------------------------------------------------------------------------

    def _others(self, answer: decode.Answer) -> list[tuple[str, str, Checker]]:
        """For each reading the rules used in `answer`: each other value, and this dataset under it."""
        if not self._compare:
            return []
        used = sorted({name for name, _ in answer["reading_used"]})
        return [(name, value, self._twin({**self.readings, name: value}))
                for name in used for value in READINGS[name].values if value != self.readings[name]]

    def _twin(self, readings: Mapping[str, str]) -> Checker:
        """This dataset under `readings`, answering without comparing readings (kept, with its
        grounded programs, for the next question)."""
        key = tuple(sorted(resolve(readings).items()))
        twin = self._twins.get(key)
        if twin is None:
            twin = Checker(self.dataset, readings, compare=False)
            twin.__dict__["_events_by_pair"] = self._events_by_pair  # share the index
            twin._grounded = self._grounded  # and the cache, whose keys name the readings
            self._twins[key] = twin
        return twin

    def _decided(self, results: Iterable[tuple[str, str, str, str]]) -> list[ReadingApplied]:
        """(reading, value, result under it, result as applied) -> the readings that decided the
        answer: those under which some other value gives another result."""
        by_name: dict[str, list[Alternative]] = {}
        decided: set[str] = set()
        for name, value, result, applied in results:
            by_name.setdefault(name, []).append(Alternative(value=value, result=result))
            if result != applied:
                decided.add(name)
        return [ReadingApplied(name=n, applied=self.readings[n], alternatives=alts)
                for n, alts in by_name.items() if n in decided]

    # --- helpers ------------------------------------------------------------------------------

    def resolve_treaty(self, treaty: str | None) -> str:
        """The treaty asked for, or the only one the dataset's records use."""
        known = {t.id for t in self.dataset.treaties}
        if treaty is not None:
            if treaty not in known:
                raise usage_error(f"unknown treaty {treaty!r} (known: {', '.join(sorted(known))})")
            return treaty
        used = sorted({e.treaty for e in self.dataset.events})
        if len(used) == 1:
            return used[0]
        raise usage_error(
            "--treaty is needed: the dataset holds records for " + (", ".join(used) or "no treaty")
        )

    def _check_state(self, code: str, what: str) -> None:
        if code not in ISO_3166_ALPHA3 and code not in self.dataset.declared_names:
            raise usage_error(f"unknown state {code!r} for {what}: not an ISO 3166-1 alpha-3 code and not declared in the dataset")

    @cached_property
    def _events_by_pair(self) -> dict[tuple[str, str], list[Event]]:
        index: dict[tuple[str, str], list[Event]] = {}
        for event in self.dataset.events:
            index.setdefault((event.treaty, event.state), []).append(event)
        return index

    @cached_property
    def _shared_events(self) -> dict[str, tuple[Event, ...]]:
        """Per treaty, the records of other states that every state's answer depends on: where the
        threshold day is worked out from the records (no `threshold_deposit`), every instrument and
        its revocation; the records that end a treaty (term extensions, a later treaty); and, in a
        bilateral treaty, whose end a party's withdrawal decides, every record."""
        computed = {t.id for t in self.dataset.treaties if t.entry_into_force.threshold_deposit is None}
        bilateral = {t.id for t in self.dataset.treaties if t.parties == "bilateral"}
        index: dict[str, list[Event]] = {}
        for event in self.dataset.events:
            if (event.treaty in bilateral or event.action in TREATY_WIDE_ACTIONS
                    or (event.treaty in computed and (event.action in CONSENT_ACTIONS or event.action == "ratification_revocation"))):
                index.setdefault(event.treaty, []).append(event)
        return {t: tuple(events) for t, events in index.items()}

    def _slice_events(self, treaty: str, states: Iterable[str]) -> tuple[Event, ...]:
        own = [e for s in dict.fromkeys(states) for e in self._events_by_pair.get((treaty, s), [])]
        ids = {e.id for e in own}
        return (*own, *(e for e in self._shared_events.get(treaty, ()) if e.id not in ids))

    def _slice(self, treaty: str, states: Iterable[str], audit_day: date | None = None) -> Iterable[Any]:
        """Facts for one treaty and some states: a state's status depends only on its own records,
        the conflicts and the records every state's answer depends on (`_shared_events`), so a
        slice answers exactly what the whole dataset would."""
        sliced = Dataset(
            treaties=tuple(t for t in self.dataset.treaties if t.id == treaty),
            events=self._slice_events(treaty, states),
            conflicts=self.dataset.conflicts,
            states=self.dataset.states,
            files=self.dataset.files,
        )
        return facts.dataset_facts(sliced, self.readings, audit_day=audit_day)

    # --- receipts ---------------------------------------------------------------------------

    @cached_property
    def _hashes(self) -> tuple[str, str, str]:
        """Content hashes of the rules, the treaty definitions and the dataset (order-independent)."""

        def digest(models: Iterable[BaseModel], key: str) -> str:
            # Each model's JSON as pydantic writes it (fields in their declared order; the models
            # hold no mappings, so nothing depends on the order keys were read in), a line each,
            # in the order of `key`: several times faster than sorting the keys with json.dumps.
            # (Receipts written before 2026-11-30 hashed the json.dumps form: other digests.)
            hashed = hashlib.sha256()
            for model in sorted(models, key=lambda m: str(getattr(m, key))):
                hashed.update(model.model_dump_json().encode() + b"\n")
            return hashed.hexdigest()

        rules = hashlib.sha256()
        for path in sorted(paths.rules_dir().glob("*.lp")):
            rules.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        records = digest([*self.dataset.events, *self.dataset.conflicts], "id")
        declared = digest(self.dataset.states, "code")
        dataset = hashlib.sha256(f"{records}:{declared}".encode()).hexdigest()
        return rules.hexdigest(), digest(self.dataset.treaties, "id"), dataset

    def receipt(self, as_of: date | None) -> Receipt:
        rules, treaties, dataset = self._hashes
        return Receipt(
            tool_version=__version__, clingo_version=clingo.__version__, rules_sha256=rules,
            treaties_sha256=treaties, dataset_sha256=dataset,
            as_of=as_of.isoformat() if as_of else None, readings=self.readings,
        )

    # --- the three questions ------------------------------------------------------------------

    def status(self, states: Sequence[str] = (), *, on: date, treaty: str | None = None) -> StatusReport:
        """Each state's status under `treaty` on day `on` (all states with records if none named)."""
        treaty_id = self.resolve_treaty(treaty)
        _within_range(on, "on")
        for state in states:
            self._check_state(state, "status")
        named = list(states) or sorted({e.state for e in self.dataset.events if e.treaty == treaty_id})
        symbols = [
            *self._slice(treaty_id, named),
            *facts.query_facts([on], [(treaty_id, s) for s in named]),
        ]
        answer = decode.Answer.of(engine.solve(symbols))
        rows = [r for r in decode.statuses_on(answer, self.dataset, treaty_id, to_day(on)) if r.state in named]
        others = [(n, v, {r.state: r for r in o.status(named, on=on, treaty=treaty_id).states})
                  for n, v, o in self._others(answer)]
        if others:
            rows = [row.model_copy(update={"readings": self._decided(
                (n, v, _span_text(alt[row.state]), _span_text(row)) for n, v, alt in others
            )}) for row in rows]
        return StatusReport(treaty=treaty_id, date=on.isoformat(), states=rows, receipt=self.receipt(on))

    def check(
        self,
        state: str,
        action: str,
        *,
        on: date,
        treaty: str | None = None,
        counterparty: str | None = None,
        purpose: str | None = None,
        quantity: int | None = None,
        circumstances: Sequence[str] = (),
        specified_date: date | None = None,
        statement: bool | None = None,
        ground: str | None = None,
        against: Sequence[str] = (),
        urgency: bool = False,
        explain: bool = False,
    ) -> CheckReport:
        """Evaluate a proposed action against the dataset, without changing it. The optional
        fields are those of a record (checker/models.py `Event`): `circumstances` of a conduct
        (ATT Art. 6), `specified_date` and `statement` of a withdrawal notice, `ground`, `against`
        (the states it is invoked against) and `urgency` of a suspension (VCLT Arts. 60, 62, 65)."""
        treaty_id = self.resolve_treaty(treaty)
        proposed = self._proposed_event(treaty_id, state, action, on, {
            "counterparty": counterparty, "purpose": purpose, "quantity": quantity,
            "circumstances": list(circumstances) or None, "specified_date": specified_date, "statement": statement,
            "ground": ground, "invoked_against": list(against) or None, "urgency": urgency or None,
        })
        involved = [state] if counterparty is None else [state, counterparty]
        question = set(facts.proposed_facts(proposed, self.dataset.treaty(treaty_id), self.readings))
        grounded = self._grounded_for(proposed, involved) if action in CONDUCT_ACTIONS and not explain else None
        if grounded is not None and grounded.stated <= question and question - grounded.stated <= grounded.variable:
            shown = grounded.solve(question - grounded.stated)
        else:
            shown = engine.solve([
                *self._slice(treaty_id, involved), *question,
                *facts.query_facts([on], [(treaty_id, s) for s in involved]),
            ], explain=explain)
        answer = decode.Answer.of(shown)
        if action in CONDUCT_ACTIONS:  # conduct is no act (rules/acts.lp): the day's status stands
            rows = [r for r in decode.statuses_on(answer, self.dataset, treaty_id, to_day(on)) if r.state in involved]
        else:  # an act changes the status of its own day: ask without it (the readings are compared below)
            rows = self._twin(self.readings).status(involved, on=on, treaty=treaty_id).states
        before = {row.state: row for row in rows}
        verdicts = [v for e, v in answer["verdict"] if e == PROPOSED_ID]
        if len(verdicts) != 1:
            raise engine.RulesError(f"expected one verdict for the proposed action, got {verdicts}")
        explainer = Explainer(answer, self.dataset, [proposed]) if explain else None
        own = [
            f for f in decode.findings(answer, self.dataset, [proposed], explainer=explainer)
            if f.records and f.records[0] == PROPOSED_ID
        ]
        other = before.get(counterparty) if counterparty is not None else None
        why = (lambda s: self.explain(s, on=on, treaty=treaty_id).because) if explain else (lambda s: None)
        other_verdicts = [v for e, v in answer["counterparty_verdict"] if e == PROPOSED_ID]
        report = CheckReport(
            treaty=treaty_id, state=state, action=action, date=on.isoformat(),
            counterparty=counterparty, verdict=verdicts[0], status=before[state].status, bound=before[state].bound,
            counterparty_status=other.status if other else None,
            counterparty_bound=other.bound if other else None,
            counterparty_verdict=other_verdicts[0] if other_verdicts else None,
            status_explanation=why(state),
            counterparty_status_explanation=why(counterparty) if counterparty is not None else None,
            findings=own, withdrawal=self._withdrawal_outcome(answer) if action == "withdrawal" else None,
            receipt=self.receipt(on),
        )
        decided = self._decided(
            (n, v, _check_text(o.check(state, action, on=on, treaty=treaty_id, counterparty=counterparty,
                                       purpose=purpose, quantity=quantity)), _check_text(report))
            for n, v, o in self._others(answer)
        )
        return report.model_copy(update={"readings": decided}) if decided else report

    def _grounded_for(self, proposed: Event, involved: Sequence[str]) -> engine.Grounded | None:
        """The rules grounded with the slice of `involved` and the question's day, every conduct
        action on that day (same purpose, circumstances, quantity) left open as an external; kept
        after first use. (Conduct changes no status; acts take the fresh path.) None when the
        cache keeps nothing."""
        if self._grounded.limit <= 0:
            return None
        treaty = self.dataset.treaty(proposed.treaty)
        key = (tuple(sorted(self.readings.items())), proposed.treaty, tuple(involved), proposed.date, proposed.quantity,
               proposed.purpose, tuple(proposed.circumstances))

        def build() -> engine.Grounded:
            stated, variable = facts.conduct_question_facts(proposed, treaty, self.readings)
            return engine.Grounded([
                *self._slice(proposed.treaty, involved),
                *facts.query_facts([proposed.date], [(proposed.treaty, s) for s in involved]),
            ], variable, stated)

        return self._grounded.get(key, build)

    def audit(self, treaty: str | None = None, *, as_of: date | None = None, explain: bool = False) -> AuditReport:
        """Every finding in the dataset as the world stood on `as_of` (default: today): records
        dated later are left out, open deadlines are measured to that day. For one treaty, if
        named; `explain` attaches each finding's derivation."""
        with collector_paused():
            return self._audit(treaty, as_of, explain)

    def _audit(self, treaty: str | None, as_of: date | None, explain: bool) -> AuditReport:
        if treaty is not None:
            self.resolve_treaty(treaty)
        day = _within_range(as_of or date.today(), "as_of")
        seen = as_of_day(self.dataset, day)
        progress.note(f"grounding and solving {len(seen.events):,} events")
        answer = decode.Answer.of(engine.solve(facts.dataset_facts(seen, self.readings, audit_day=day), explain=explain))
        progress.note("writing the findings")
        explainer = Explainer(answer, seen) if explain else None
        found = decode.findings(answer, seen, as_of=day.isoformat(), explainer=explainer)
        found, only_other = self._audit_readings(answer, seen, day, found)
        found = [f for f in found if treaty is None or f.treaty in (treaty, None)]
        events = [e for e in seen.events if treaty is None or e.treaty == treaty]
        severities = Counter(f.severity for f in found)
        summary = AuditSummary(
            files=len(self.dataset.data_files),
            treaties=sorted({e.treaty for e in events}),
            states=len({e.state for e in events}),
            events=len(events),
            conflicts=len(seen.conflicts),
            after_as_of=len(self.dataset.events) + len(self.dataset.conflicts) - len(seen.events) - len(seen.conflicts),
            as_of=day.isoformat(),
            findings={s: severities.get(s, 0) for s in ("error", "warning", "info")},
        )
        return AuditReport(findings=found, summary=summary, readings=only_other, receipt=self.receipt(day))

    def _audit_readings(
        self, answer: decode.Answer, seen: Dataset, day: date, found: list[Finding],
    ) -> tuple[list[Finding], list[ReadingApplied]]:
        """The findings a reading decided, each with what the other values give; and the findings
        only another value gives. Only the (treaty, state) pairs whose records used a reading are
        asked again: their findings depend on their own records, the conflicts, and the transfers
        they receive."""
        others = self._others(answer)
        if not others:
            return found, []
        events = seen.events_by_id
        shared_ids = {e.id for t, es in self._shared_events.items() for e in es}
        touched = {(events[decode.subject(r)].treaty, events[decode.subject(r)].state)
                   for _, r in answer["reading_used"] if decode.subject(r) in events}
        sliced = Dataset(
            treaties=seen.treaties, conflicts=seen.conflicts, states=seen.states, files=seen.files,
            events=tuple(e for e in seen.events if (e.treaty, e.state) in touched
                         or (e.treaty, e.counterparty) in touched
                         or e.id in shared_ids),
        )

        def key(f: Finding) -> tuple[Any, ...]:
            # the same finding under another reading: its treaty clause (first in `article`) tells
            # apart the deadlines of one instrument; general-law citations may differ
            clause = (f.article or "").split(";")[0]
            return (f.code, f.treaty, f.state, clause, f.records[0] if f.records else None)

        def told(f: Finding | None) -> str:
            return f.message if f is not None else "not reported"

        mine = {key(f): f for f in found if (f.treaty, f.state) in touched}
        per_finding: dict[tuple[Any, ...], list[tuple[str, str, str, str]]] = {k: [] for k in mine}
        extra: list[tuple[str, str, str, str]] = []
        for name, value, other in others:
            theirs = {key(f): f for f in other._audit_findings(sliced, day) if (f.treaty, f.state) in touched}
            for k, f in mine.items():
                per_finding[k].append((name, value, told(theirs.get(k)), told(f)))
            for k, f in theirs.items():
                if k not in mine:
                    extra.append((name, value, f"also reports {f.code} ({f.state}, {f.records[0]}) {told(f)}", ""))
        decided = {k: self._decided(rows) for k, rows in per_finding.items()}
        found = [f.model_copy(update={"readings": decided[key(f)]}) if decided.get(key(f)) else f for f in found]
        return found, self._decided(extra)

    def _audit_findings(self, dataset: Dataset, day: date) -> list[Finding]:
        """The findings of `dataset` as of `day`, under this checker's readings, with no comparison."""
        answer = decode.Answer.of(engine.solve(facts.dataset_facts(dataset, self.readings, audit_day=day)))
        return decode.findings(answer, dataset, as_of=day.isoformat())

    def treaties(self) -> TreatiesReport:
        """The treaties known: each with the day the rules find it entered into force, and its records."""
        sliced = Dataset(
            treaties=self.dataset.treaties, conflicts=self.dataset.conflicts, states=self.dataset.states,
            files=self.dataset.files,
            events=tuple(e for events in self._shared_events.values() for e in events),
        )
        answer = decode.Answer.of(engine.solve(facts.dataset_facts(sliced, self.readings)))
        in_force = {t: d for t, d in answer["general_entry_into_force"]}
        ended = {t: d for t, d in answer["treaty_end"]}
        causes = {t: c for t, c in sorted(answer["end_cause"])}
        rows = []
        for treaty in sorted(self.dataset.treaties, key=lambda t: t.id):
            pairs = {s: events for (t, s), events in self._events_by_pair.items() if t == treaty.id}
            stated = treaty.entry_into_force.stated_date
            rows.append(TreatyRow(
                id=treaty.id, name=" ".join(treaty.name.split()), short_name=treaty.short_name,
                in_force_since=decode.iso(in_force[treaty.id]) if treaty.id in in_force else None,
                stated_date=stated.isoformat() if stated else None,
                ended_on=decode.iso(ended[treaty.id]) if treaty.id in ended else None,
                end_cause=causes.get(treaty.id),
                records=sum(map(len, pairs.values())), states=len(pairs),
            ))
        return TreatiesReport(treaties=rows, receipt=self.receipt(None))

    def coverage(self, treaty: str | None = None) -> CoverageReport:
        """How complete and how well sourced the records of `treaty` are: the states with records
        against the sources' count, the states known to be missing, the records resting on one
        secondary source."""
        return coverage.coverage(self.dataset, self.resolve_treaty(treaty), self.receipt(None))

    # --- explanations and timelines -------------------------------------------------------

    def explain(self, state: str, *, on: date, treaty: str | None = None) -> StateExplanation:
        """Why `state` has its status under `treaty` on `on`: the derivation, and what ends it."""
        treaty_id = self.resolve_treaty(treaty)
        _within_range(on, "on")
        self._check_state(state, "explain")
        symbols = [*self._slice(treaty_id, [state]), *facts.query_facts([on], [(treaty_id, state)])]
        answer = decode.Answer.of(engine.solve(symbols, explain=True))
        row = next(r for r in decode.statuses_on(answer, self.dataset, treaty_id, to_day(on)) if r.state == state)
        explainer = Explainer(answer, self.dataset)
        since = to_day(date.fromisoformat(row.since)) if row.since else None
        if since is not None:
            because = explainer.reasons(("status", treaty_id, state, row.status, since))
        else:
            because = [Reason(
                claim=f"no signature or instrument of {decode.state_name(self.dataset, state)} ({state}) "
                      f"under {treaty_id} had taken effect by {on}",
                kind="absence",
            )]
        ends = [
            explainer.node(("status", treaty_id, state, span.status, span.start))
            for span in decode.spans(answer, treaty_id, state)
            if row.until is not None and decode.iso(span.start) == row.until
        ]
        decided = self._decided(
            (n, v, _span_text(o.status([state], on=on, treaty=treaty_id).states[0]), _span_text(row))
            for n, v, o in self._others(answer)
        )
        return StateExplanation(
            treaty=treaty_id, state=state, date=on.isoformat(), status=row.status,
            since=row.since, until=row.until, because=because, ends=ends, readings=decided,
            receipt=self.receipt(on),
        )

    def timeline(self, states: Sequence[str] = (), *, treaty: str | None = None, as_of: date | None = None) -> TimelineReport:
        """Every status interval of each state (all with records if none named), with its findings:
        those the audit reports for the state, open deadlines measured to `as_of` (default today)."""
        treaty_id = self.resolve_treaty(treaty)
        for state in states:
            self._check_state(state, "timeline")
        named = list(states) or sorted({e.state for e in self.dataset.events if e.treaty == treaty_id})
        day = _within_range(as_of or date.today(), "as_of")
        answer = decode.Answer.of(engine.solve(self._slice(treaty_id, named, audit_day=day)))
        found = decode.findings(answer, self.dataset, as_of=day.isoformat())
        others = [(n, v, {r.state: r for r in o.timeline(named, treaty=treaty_id, as_of=day).states})
                  for n, v, o in self._others(answer)]
        rows = []
        for state in named:
            spans = decode.spans(answer, treaty_id, state)
            intervals = [Interval(
                status="non_party", start=None, end=decode.iso(spans[0].start) if spans else None,
                opened_by=None, closed_by=spans[0].cause if spans else None,
            )]
            for span, after in zip(spans, [*spans[1:], None]):
                intervals.append(Interval(
                    status=span.status, start=decode.iso(span.start),
                    end=decode.iso(span.until) if span.until is not None else None,
                    opened_by=span.cause, closed_by=after.cause if after else None,
                ))
            rows.append(StateTimeline(
                state=state, name=decode.state_name(self.dataset, state), intervals=intervals,
                findings=[f for f in found if f.state == state and f.treaty == treaty_id],
                readings=self._decided(
                    (n, v, _intervals_text(alt[state].intervals), _intervals_text(intervals)) for n, v, alt in others
                ),
            ))
        return TimelineReport(treaty=treaty_id, states=rows, receipt=self.receipt(None))

    # --- the proposed action ------------------------------------------------------------------

    def _proposed_event(self, treaty: str, state: str, action: str, on: date, optional: dict[str, Any]) -> Event:
        fields: dict[str, Any] = {"id": PROPOSED_ID, "treaty": treaty, "state": state, "action": action, "date": on}
        fields.update((key, val) for key, val in optional.items() if val is not None)
        counterparty = optional["counterparty"]
        try:
            event = Event.model_validate(fields)
        except ValidationError as exc:
            raise InputError([
                Problem("proposed action", None, ".".join(map(str, e["loc"])), _explain(e)) for e in exc.errors()
            ]) from None
        problems = [Problem("proposed action", None, f, m) for f, m in event_field_problems(event)]
        if problems:
            raise InputError(problems)
        self._check_state(state, "--state")
        if counterparty is not None:
            self._check_state(counterparty, "--counterparty")
        return event

    def _withdrawal_outcome(self, answer: decode.Answer) -> WithdrawalOutcome | None:
        effective = [x for e, x in answer["would_take_effect"] if e == PROPOSED_ID]
        deferring = sorted(c for e, c in answer["would_be_deferred_by"] if e == PROPOSED_ID)
        verdict = [v for e, v in answer["verdict"] if e == PROPOSED_ID]
        if verdict != ["permitted"]:
            return WithdrawalOutcome(takes_effect=None, reason="the withdrawal would have no legal effect")
        overtaken = [x for e, x in answer["would_be_overtaken"] if e == PROPOSED_ID]
        if overtaken:
            return WithdrawalOutcome(
                takes_effect=None, overtaken_by_end=decode.iso(overtaken[0]),
                reason=(f"the treaty ends on {decode.iso(overtaken[0])}, before the notice would take effect, "
                        "and its end releases the state first (VCLT Art. 70(1)(a))"),
            )
        if effective:
            reason = "the notice period ends on this day"
            if (PROPOSED_ID,) in answer["would_take_effect_as_specified"]:
                reason = "the date the notice specifies, as the treaty allows; its notice period ends earlier"
            ends = [x for e, x in answer["would_end_treaty"] if e == PROPOSED_ID]
            if ends:
                reason += "; the treaty is bilateral, so it ends that day for both parties"
            if deferring:
                reason = f"deferred by armed conflict ({', '.join(deferring)}) until the first day the state is engaged in none"
            return WithdrawalOutcome(takes_effect=decode.iso(effective[0]), reason=reason, ends_treaty=bool(ends))
        return WithdrawalOutcome(
            takes_effect=None,
            reason=f"cannot yet be known: the state is engaged in an armed conflict with no recorded end ({', '.join(deferring)})",
        )


def as_of_day(dataset: Dataset, day: date) -> Dataset:
    """The dataset as it stood on `day`: later records left out, a conflict that ended later ongoing."""
    conflicts = tuple(
        c if c.end is None or c.end <= day else c.model_copy(update={"end": None})
        for c in dataset.conflicts if c.start <= day
    )
    return Dataset(
        treaties=dataset.treaties, events=tuple(e for e in dataset.events if e.date <= day),
        conflicts=conflicts, states=dataset.states, files=dataset.files,
    )


def _within_range(day: date, name: str) -> date:
    """A day asked about must be one a record could carry (the calendar counts onward from it)."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise usage_error(f"{name} must be a day from {FIRST_DAY} to {LAST_DAY}, got {day}")
    return day


SEVERITY_ORDER = ("error", "warning", "info")


def filtered(report: AuditReport, severity: str = "info", codes: Sequence[str] = ()) -> AuditReport:
    """`report` with only the findings of `severity` or worse and, if any are named, of `codes`."""
    keep = [f for f in report.findings if SEVERITY_ORDER.index(f.severity) <= SEVERITY_ORDER.index(severity)
            and (not codes or f.code in codes)]
    return report.model_copy(update={"findings": keep, "hidden": report.hidden + len(report.findings) - len(keep)})


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for the duration. Reading and auditing a large
    dataset allocates millions of objects and no cycles worth collecting, and each full pass of the
    collector walks the whole growing heap: twelve such passes at 100k events freed nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cached_audit(
    data: Sequence[Path | str] | None = None, *, treaty: str | None = None, as_of: date | None = None,
    explain: bool = False, readings: Mapping[str, str] | None = None,
) -> AuditReport:
    """`Checker.load(data, readings).audit(...)`, answered from the cache when nothing it depends on changed."""
    return audit_entry(data, treaty=treaty, as_of=as_of, explain=explain, readings=readings).report()


@dataclass(frozen=True)
class AuditEntry:
    """An audit question and its cache key (made of every file it reads, the rules, the tool and
    the question), for `cached_audit` and for the CLI, which keeps its rendered outputs beside it."""

    key: str
    data: Sequence[Path | str] | None
    treaty: str | None
    day: date
    explain: bool
    readings: Mapping[str, str]

    def report(self) -> AuditReport:
        from checker import cache, render

        hit = cache.load(self.key, AuditReport.model_validate_json)  # an entry of another shape is a miss
        if hit is not None:
            return hit
        report = Checker.load(self.data, self.readings).audit(self.treaty, as_of=self.day, explain=self.explain)
        cache.store(self.key, render.to_json(report))
        return report


def audit_entry(
    data: Sequence[Path | str] | None = None, *, treaty: str | None = None, as_of: date | None = None,
    explain: bool = False, readings: Mapping[str, str] | None = None,
) -> AuditEntry:
    """The cache entry of an audit question (its files are read and hashed, not parsed)."""
    from checker import cache
    from checker.loader import dataset_files

    day = _within_range(as_of or date.today(), "as_of")
    applied = resolve(readings)  # a bad reading is refused before any file is read
    shipped, _ = dataset_files([paths.treaties_dir()], limit=False)
    named, problems = dataset_files([Path(t) for t in data] if data is not None else [paths.facts_dir()])
    if problems:
        raise InputError(problems)
    chosen = ",".join(f"{n}={v}" for n, v in sorted(applied.items()))
    key = cache.key([*shipped, *named], f"audit {treaty} {day.isoformat()} {explain} {chosen}")
    return AuditEntry(key, data, treaty, day, explain, applied)


def _span_text(row: Any) -> str:
    """A status row as one result line, for comparing readings."""
    return row.status + (f" since {row.since}" if row.since else "") + (f" until {row.until}" if row.until else "")


def _check_text(report: CheckReport) -> str:
    text = f"{report.verdict} (status that day: {report.status})"
    if report.counterparty_verdict is not None:
        text += f"; receiving side {report.counterparty_verdict}"
    if report.withdrawal is not None:
        outcome = report.withdrawal
        if outcome.overtaken_by_end:
            text += f"; the withdrawal would never take effect (the treaty ends on {outcome.overtaken_by_end} first)"
        else:
            text += f"; the withdrawal would take effect {outcome.takes_effect or 'on a day not yet known'}"
    return text


def _intervals_text(intervals: Sequence[Interval]) -> str:
    return "; ".join(f"{i.status} from {i.start}" for i in intervals if i.start is not None)
