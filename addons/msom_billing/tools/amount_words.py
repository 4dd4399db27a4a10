# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Polish amounts in words (słownie) with num2words, avoiding its traps.

num2words 0.5.x: the currency defaults to EUR, an int is read as grosze, a
float rounds wrongly, and there is no "56/100" form (DOMAIN_PL §8). We always
pass Decimal and split złote / grosze ourselves.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

ZLOTY_FORMS = ("złoty", "złote", "złotych")
GROSZ_FORMS = ("grosz", "grosze", "groszy")


def plural_form(number, forms):
    """Polish noun form for an integer count (1 / 2-4 not 12-14 / other)."""
    number = abs(int(number))
    if number == 1:
        return forms[0]
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return forms[1]
    return forms[2]


def _split(amount):
    if isinstance(amount, float):
        amount = repr(amount)  # 2.675 stays 2.675, not 2.67499999…
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    negative = value < 0
    value = abs(value)
    zlote = int(value)
    grosze = int((value - zlote) * 100)
    return negative, zlote, grosze


def _integer_words(number, with_jeden):
    words = num2words(number, lang="pl")
    if with_jeden:
        # "tysiąc" / "milion" / "miliard" alone always mean one of them
        words = re.sub(r"\b(tysiąc|milion|miliard)\b", r"jeden \1", words)
    return words


def amount_to_words_pl(amount, with_jeden=False):
    """Document form: "tysiąc dwieście trzydzieści cztery złote 56/100".

    `with_jeden=True` writes "jeden tysiąc …" as many documents do.
    """
    negative, zlote, grosze = _split(amount)
    words = "%s %s %02d/100" % (
        _integer_words(zlote, with_jeden),
        plural_form(zlote, ZLOTY_FORMS),
        grosze,
    )
    return ("minus " + words) if negative else words


def amount_to_words_pl_full(amount, separator=","):
    """Full form: "… cztery złote, pięćdziesiąt sześć groszy"."""
    negative, zlote, grosze = _split(amount)
    words = "%s %s%s %s %s" % (
        _integer_words(zlote, False),
        plural_form(zlote, ZLOTY_FORMS),
        separator,
        num2words(grosze, lang="pl"),
        plural_form(grosze, GROSZ_FORMS),
    )
    return ("minus " + words) if negative else words
