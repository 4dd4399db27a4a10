# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Exact shares: stored as "numerator/denominator" text, computed as Fraction."""

from fractions import Fraction


def format_fraction(value):
    """'3/8' for Fraction(3, 8), '1' for a whole number."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def parse_fraction(text):
    """Fraction from the stored text; empty text is zero."""
    return Fraction(text) if text else Fraction(0)


def percent(part, whole, digits=2):
    """Rounded percentage of two exact values, for display only."""
    if not whole:
        return 0.0
    return round(float(Fraction(part) * 100 / Fraction(whole)), digits)
