# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Statutory interest for late payment (DOMAIN_PL §3).

Interest runs from the day after the due date up to and including the day of
payment, split at every rate change, actual days / 365 in every year; the
total is rounded half-up to the grosz, sub-amounts stay unrounded. A due date
on a Saturday, Sunday or public holiday moves to the next working day
(art. 115 KC).
"""

import bisect
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import holidays

CENT = Decimal("0.01")
DAYS_IN_YEAR = Decimal(365)


class InterestRateMissing(ValueError):
    """No rate is known for a day of the interest period."""

    def __init__(self, day):
        super().__init__(f"no interest rate for {day}")
        self.day = day


@lru_cache(maxsize=64)
def polish_holidays(year):
    """Public holidays in Poland (ustawa o dniach wolnych od pracy), one-off
    ones included (12 November 2018), as kept by the `holidays` package."""
    return frozenset(holidays.Poland(years=year))


def is_working_day(day):
    return day.weekday() < 5 and day not in polish_holidays(day.year)


def next_working_day(day):
    """The day itself if it is a working day, else the next working day."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


class RateTable:
    """Annual rates (percent, Decimal) by effective date."""

    def __init__(self, rates):
        rows = sorted((d, Decimal(str(r))) for d, r in rates)
        self.dates = [d for d, _r in rows]
        self.rates = [r for _d, r in rows]

    def segments(self, first, last):
        """[(start, end, rate)] covering first..last (inclusive)."""
        if first > last:
            return []
        index = bisect.bisect_right(self.dates, first) - 1
        if index < 0:
            raise InterestRateMissing(first)
        result = []
        start = first
        while start <= last:
            following = self.dates[index + 1] if index + 1 < len(self.dates) else None
            end = last if following is None else min(last, following - timedelta(1))
            result.append((start, end, self.rates[index]))
            start = end + timedelta(days=1)
            index += 1
        return result


def compute_interest(amount, due_date, paid_date, table, shift_due_date=True):
    """Interest on `amount` due on `due_date` and paid on `paid_date`.

    Returns (total rounded half-up, effective due date, segments) where each
    segment is (start, end, days, rate %, unrounded interest).
    """
    amount = Decimal(str(amount))
    effective_due = next_working_day(due_date) if shift_due_date else due_date
    first = effective_due + timedelta(days=1)
    segments = []
    total = Decimal(0)
    for start, end, rate in table.segments(first, paid_date):
        days = (end - start).days + 1
        value = amount * rate / Decimal(100) * days / DAYS_IN_YEAR
        total += value
        segments.append((start, end, days, rate, value))
    return total.quantize(CENT, rounding=ROUND_HALF_UP), effective_due, segments


def recovery_compensation_eur(debt):
    """Compensation for recovery costs in EUR (art. 10 of the act of
    8 March 2013): 40 up to 5,000 zł, 70 above that and below 50,000 zł,
    100 from 50,000 zł."""
    debt = Decimal(str(debt))
    if debt <= 5000:
        return 40
    if debt < 50000:
        return 70
    return 100


def compensation_rate_date(due_date):
    """The day of the NBP EUR rate for the compensation: the last working
    day of the month before the month the payment became due."""
    day = due_date.replace(day=1) - timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def compensation_pln(eur, rate):
    """EUR converted at the NBP average rate (PLN per EUR), half-up."""
    value = Decimal(str(eur)) * Decimal(str(rate))
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
