from .fractions import format_fraction, parse_fraction, percent
