"""The registry of readings: named choices where a treaty's text admits more than one answer.

Each reading has a default, a one-line justification for every value and the clauses it
concerns. The rules compute every value (rules/withdrawal.lp, rules/deadlines.lp; the calendar
for `month_end`) and report where one decided something (`reading_used/2`); the API then asks the
same question under the other values and says what they give. `treaty-check readings` lists them,
and the README's list of choices is generated from here (tests/test_readings.py checks it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from checker.errors import InputError, Problem


@dataclass(frozen=True)
class Reading:
    name: str
    question: str  # what the text leaves open
    clauses: str  # the words that admit more than one reading, and where
    values: dict[str, str]  # value -> one-line justification; the first is the default

    @property
    def default(self) -> str:
        return next(iter(self.values))


READINGS: dict[str, Reading] = {
    r.name: r
    for r in [
        Reading(
            "armed_conflict_deferral",
            "Which armed conflicts hold back a withdrawal, and until when?",
            'APMBC Art. 20(3), CCM Art. 20(2): "If, however, on the expiry of that six-month period, '
            'the withdrawing State Party is engaged in an armed conflict, the withdrawal shall not '
            'take effect before the end of the armed conflict."',
            {
                "literal": "only the conflicts engaging the state on the expiry day defer it, and it takes "
                           "effect at the end of those: the clause looks at one day, \"on the expiry of that "
                           "six-month period\", and at \"the\" conflict found then",
                "chained": "a conflict that engages the state on the day the deferral would end defers it "
                           "again: the purpose of the clause (no exit in the middle of a war) applies as much "
                           "to a conflict that began during the deferral",
            },
        ),
        Reading(
            "conflict_end",
            "Is a conflict's recorded `end` its first day of peace or its last day of conflict?",
            "Data convention, read with APMBC Art. 20(3): \"before the end of the armed conflict\"; "
            "sources date an end by the day of a ceasefire or peace agreement, not by the last day of fighting.",
            {
                "exclusive": "`end` is the first day without conflict: a ceasefire or peace agreement takes "
                             "effect on its day, so the state is no longer engaged that day",
                "inclusive": "`end` is the conflict's last day: the state is still engaged on it, and a "
                             "deferred withdrawal takes effect the day after",
            },
        ),
        Reading(
            "defective_notice",
            "Does a withdrawal notice that misses a condition of its clause still count?",
            'NPT Art. X(1): "Such notice shall include a statement of the extraordinary events it regards '
            'as having jeopardized its supreme interests"; Open Skies Art. XV(2): "at least six months in '
            'advance of the date of its intended withdrawal"',
            {
                "period_counts": "the notice counts and the treaty's period runs from its receipt (not from a "
                                 "date it names too early): no clause says such a notice is void, the depositary "
                                 "circulates it, and the other parties may object",
                "no_effect": "a notice that does not meet its clause's conditions is no notice under the treaty: "
                             "no withdrawal until a proper one is given (Japan's position on the DPRK's 2003 "
                             "statement under the NPT)",
            },
        ),
        Reading(
            "paused_notice",
            "When does a withdrawal notice take effect that was paused before its period ran out, and resumed later?",
            'NPT Art. X(1): "It shall give notice of such withdrawal ... three months in advance"; the '
            "treaty has no clause on pausing a notice (the DPRK paused its 1993 notice one day before it "
            "would have taken effect, and resumed it on 10 January 2003)",
            {
                "fresh_period": "a full notice period from the resumption (the DPRK: 10 April 2003): the other "
                                "parties are owed the whole period in advance, and a paused notice gave them no "
                                "certainty for ten years",
                "remaining": "the days left at the pause, counted from the resumption (the DPRK: 11 January "
                             "2003): the notice was given and only its running was interrupted, as the DPRK "
                             "argued",
                "no_notice": "a pause ends the notice, as a revocation would, and a resumption is no notice: no "
                             "withdrawal until a new one is given in full (Japan, 11 April 2003)",
            },
        ),
        Reading(
            "month_end",
            "\"N months after\" a day the target month lacks (six months after 31 August)?",
            'APMBC Art. 20(3) "six months after the receipt"; every period counted in months or '
            "years from a day, without a first-day-of-the-month alignment",
            {
                "clamp": "the corresponding day, or the month's last day if it has none (31 August + 6 "
                         "months = 28/29 February): depositary practice, and no period ends in a later "
                         "month than the one it names",
                "next_month": "the first day of the next month (31 August + 6 months = 1 March): the "
                              "period is never shorter than the calendar days it would have in a long month",
            },
        ),
        Reading(
            "open_deadline_count",
            "How long is a deadline overdue when the last record showing it open is old?",
            'APMBC Art. 4 "not later than four years after"; ARSIWA Art. 14(2): a continuing breach '
            '"extends over the entire period during which the act continues"',
            {
                "to_audit_day": "counted to the audit day (or to the day the obligation ended): an obligation "
                                "shown open stays open until a record shows it met, as a continuing breach",
                "to_last_evidence": "counted to the last record that shows it open: only what the data proves",
            },
        ),
    ]
}


def resolve(chosen: Mapping[str, str] | None) -> dict[str, str]:
    """Every reading's value: the chosen ones, the defaults for the rest; a bad name or value is
    a usage error listing them all."""
    chosen = dict(chosen or {})
    problems = []
    for name, value in sorted(chosen.items()):
        reading = READINGS.get(name)
        if reading is None:
            problems.append(Problem("--reading", None, name, f"unknown reading (known: {', '.join(READINGS)})"))
        elif value not in reading.values:
            problems.append(Problem("--reading", None, name,
                                    f"unknown value {value!r} (one of: {', '.join(reading.values)})"))
    if problems:
        raise InputError(problems)
    return {name: chosen.get(name, r.default) for name, r in READINGS.items()}


def parse(pairs: list[str] | None) -> dict[str, str]:
    """`NAME=VALUE` options from the command line, as a mapping (checked by `resolve`)."""
    chosen: dict[str, str] = {}
    problems = []
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name or not value:
            problems.append(Problem("--reading", None, pair, "expected NAME=VALUE, e.g. armed_conflict_deferral=chained"))
        elif name in chosen and chosen[name] != value:
            problems.append(Problem("--reading", None, name, f"given twice ({chosen[name]!r} and {value!r})"))
        else:
            chosen[name] = value
    if problems:
        raise InputError(problems)
    return chosen


def markdown() -> str:
    """The README's list of readings (generated: tests/test_readings.py keeps them in step)."""
    lines = []
    for r in READINGS.values():
        lines.append(f"- **`{r.name}`**: {r.question} {r.clauses}")
        for value, why in r.values.items():
            mark = " (default)" if value == r.default else ""
            lines.append(f"  - `{value}`{mark}: {why}.")
    return "\n".join(lines) + "\n"
