"""Calendar months: the one place a month count becomes a date."""

from __future__ import annotations

from datetime import date


def add_months(start: date, months: int) -> date:
    """Return the date `months` calendar months after `start` (clamped to the month's end)."""
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    month += 1
    days_in_month = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
    return date(year, month, min(start.day, days_in_month))


def first_of_next_month(today: date) -> date:
    """The default rollout start: the first day of the month after `today`."""
    return add_months(today.replace(day=1), 1)
