"""The Python API: the three questions, asked of a loaded dataset.

    from checker import Checker
    checker = Checker.load()                      # bundled data; or Checker.load(["my/data"])
    checker.status(["FIN"], treaty="apmbc", on=date(2026, 1, 9))
    checker.check("FIN", "production", on=date(2026, 2, 1))
    checker.audit()
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from checker import decode, engine, facts
from checker.calendar import to_day
from checker.countries import ISO_3166_ALPHA3
from checker.errors import InputError, Problem, usage_error
from checker.loader import _explain, load_dataset
from checker.models import PROPOSED_ID, Dataset, Event, event_field_problems
from checker.results import AuditReport, AuditSummary, CheckReport, StatusReport, WithdrawalOutcome


class Checker:
    """A dataset, loaded and validated once, and the questions asked of it."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    @classmethod
    def load(cls, data: Sequence[Path | str] | None = None) -> Checker:
        """Load the shipped treaties and the dataset at `data` (default: the bundled facts/)."""
        return cls(load_dataset(data))

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
        declared = {s.code for s in self.dataset.states}
        if code not in ISO_3166_ALPHA3 and code not in declared:
            raise usage_error(f"unknown state {code!r} for {what}: not an ISO 3166-1 alpha-3 code and not declared in the dataset")

    def _slice(self, treaty: str, states: Iterable[str]) -> Iterable[Any]:
        """Facts for one treaty and some states: a state's status depends only on its own records
        and the conflicts, so a slice answers exactly what the whole dataset would."""
        wanted = set(states)
        sliced = Dataset(
            treaties=self.dataset.treaties,
            events=tuple(e for e in self.dataset.events if e.treaty == treaty and e.state in wanted),
            conflicts=self.dataset.conflicts,
            states=self.dataset.states,
            files=self.dataset.files,
        )
        return facts.dataset_facts(sliced)

    # --- the three questions ------------------------------------------------------------------

    def status(self, states: Sequence[str] = (), *, on: date, treaty: str | None = None) -> StatusReport:
        """Each state's status under `treaty` on day `on` (all states with records if none named)."""
        treaty_id = self.resolve_treaty(treaty)
        for state in states:
            self._check_state(state, "status")
        named = list(states) or sorted({e.state for e in self.dataset.events if e.treaty == treaty_id})
        symbols = [
            *self._slice(treaty_id, named),
            *facts.query_facts([on], [(treaty_id, s) for s in named]),
        ]
        answer = decode.Answer.of(engine.solve(symbols))
        rows = decode.statuses_on(answer, self.dataset, treaty_id, to_day(on))
        return StatusReport(treaty=treaty_id, date=on.isoformat(), states=rows)

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
    ) -> CheckReport:
        """Evaluate a proposed action against the dataset, without changing it."""
        treaty_id = self.resolve_treaty(treaty)
        proposed = self._proposed_event(treaty_id, state, action, on, counterparty, purpose, quantity)
        before = self.status([state], on=on, treaty=treaty_id).states[0]
        symbols = [
            *self._slice(treaty_id, [state]),
            *facts.proposed_facts(proposed, self.dataset.treaty(treaty_id)),
            *facts.query_facts([on], [(treaty_id, state)]),
        ]
        answer = decode.Answer.of(engine.solve(symbols))
        verdicts = [v for e, v in answer["verdict"] if e == PROPOSED_ID]
        if len(verdicts) != 1:
            raise engine.RulesError(f"expected one verdict for the proposed action, got {verdicts}")
        own = [
            f for f in decode.findings(answer, self.dataset, [proposed])
            if f.records and f.records[0] == PROPOSED_ID
        ]
        return CheckReport(
            treaty=treaty_id, state=state, action=action, date=on.isoformat(),
            counterparty=counterparty, verdict=verdicts[0], status=before.status, bound=before.bound,
            findings=own, withdrawal=self._withdrawal_outcome(answer) if action == "withdrawal" else None,
        )

    def audit(self, treaty: str | None = None) -> AuditReport:
        """Every finding in the dataset (for one treaty, if named)."""
        if treaty is not None:
            self.resolve_treaty(treaty)
        answer = decode.Answer.of(engine.solve(facts.dataset_facts(self.dataset)))
        found = [f for f in decode.findings(answer, self.dataset) if treaty is None or f.treaty in (treaty, None)]
        events = [e for e in self.dataset.events if treaty is None or e.treaty == treaty]
        severities = Counter(f.severity for f in found)
        summary = AuditSummary(
            files=len(self.dataset.files),
            treaties=sorted({e.treaty for e in events}),
            states=len({e.state for e in events}),
            events=len(events),
            conflicts=len(self.dataset.conflicts),
            findings={s: severities.get(s, 0) for s in ("error", "warning", "info")},
        )
        return AuditReport(findings=found, summary=summary)

    # --- the proposed action ------------------------------------------------------------------

    def _proposed_event(
        self, treaty: str, state: str, action: str, on: date,
        counterparty: str | None, purpose: str | None, quantity: int | None,
    ) -> Event:
        fields: dict[str, Any] = {"id": PROPOSED_ID, "treaty": treaty, "state": state, "action": action, "date": on}
        for key, val in (("counterparty", counterparty), ("purpose", purpose), ("quantity", quantity)):
            if val is not None:
                fields[key] = val
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
        if effective:
            reason = "the notice period ends on this day"
            if deferring:
                reason = f"deferred by armed conflict ({', '.join(deferring)}) until the first day the state is engaged in none"
            return WithdrawalOutcome(takes_effect=decode.iso(effective[0]), reason=reason)
        return WithdrawalOutcome(
            takes_effect=None,
            reason=f"cannot yet be known: the state is engaged in an armed conflict with no recorded end ({', '.join(deferring)})",
        )
