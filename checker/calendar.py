"""Calendar arithmetic: dates as integer days, and the periods treaties count in.

The only module that turns dates into numbers. Rules compare and subtract plain integers; "six
months after" and "the first day of the sixth month after" are computed here from a treaty's own
parameters and arrive in the program as facts.
"""

from __future__ import annotations

import calendar as _cal
import re
from datetime import date, timedelta

EPOCH = date(1970, 1, 1)


# Only the one written form of a day: Python's fromisoformat also takes 20200101 and 2020-W01-1.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(text: str) -> date | None:
    """`YYYY-MM-DD` as a date; None for any other text, or a day that does not exist."""
    if _ISO_DATE.fullmatch(text) is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def to_day(d: date) -> int:
    """Days since 1970-01-01 (negative before)."""
    return (d - EPOCH).days


def from_day(n: int) -> date:
    return EPOCH + timedelta(days=n)


def add_months(d: date, months: int, month_end: str = "clamp") -> date:
    """Same day of the month, `months` later. A day the target month lacks (31 August + 6 months)
    is read by the `month_end` reading (checker/readings.py): "clamp", the month's last day (28 or
    29 February), or "next_month", the first day of the month after (1 March)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    last = _cal.monthrange(year, month + 1)[1]
    if d.day > last and month_end == "next_month":
        return date(year, month + 1, last) + timedelta(days=1)
    return date(year, month + 1, min(d.day, last))


def first_of_next_month(d: date) -> date:
    return add_months(d.replace(day=1), 1)


def apply_period(d: date, months: int, days: int, align: str, month_end: str = "clamp") -> date:
    """Count `months` then `days` from `d`, then align the result.

    align = "none": the day reached; "first_of_month": the first day of the month reached
    (APMBC Art. 17: "the first day of the sixth month after the month in which ... deposited");
    "first_of_next_month": the first day of the month after the day reached (Rome Statute
    Art. 126: "the first day of the month after the 60th day following ..."). An aligned count
    counts whole months, so `month_end` matters only without alignment.
    """
    if align != "none":
        month_end = "clamp"
    reached = add_months(d, months, month_end) + timedelta(days=days)
    if align == "first_of_month":
        return reached.replace(day=1)
    if align == "first_of_next_month":
        return first_of_next_month(reached)
    return reached


def month_end_decides(d: date, months: int, align: str) -> bool:
    """Whether the `month_end` reading changes this count: an unaligned count of months that
    reaches a month lacking the day it starts from."""
    return align == "none" and months > 0 and add_months(d, months) != add_months(d, months, "next_month")
