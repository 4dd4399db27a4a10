# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Polish bank account numbers (NRB / IBAN PL) and virtual accounts.

Pure functions, no Odoo imports: the ISO 13616 check digits (ISO 7064
MOD 97-10) come from python-stdnum (`stdnum.iso7064.mod_97_10`, an Odoo
requirement; `stdnum.iban` reads its country table from package data, which
fails under Odoo's module loader: "Can't open orphan path"); the weighted
sort-code check digit of NBP Zarządzenie 15/2010 (weights 3,9,7,1,3,9,7),
which stdnum does not check, and the builder of individual (virtual) numbers
are ours. The error codes of NrbError let callers show their own translated
message.
"""

import re

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.iso7064 import mod_97_10

SORT_CODE_WEIGHTS = (3, 9, 7, 1, 3, 9, 7)
NRB_LENGTH = 26
BBAN_LENGTH = 24


class NrbError(ValueError):
    """A malformed account number; `code` names the problem."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def normalize_nrb(value):
    """Digits of an NRB or a PL IBAN, without spaces, dashes or the PL prefix.

    Returns the raw digit string (which may still be invalid); None stays None.
    """
    if value is None:
        return None
    text = re.sub(r"[\s\-]", "", str(value)).upper()
    if text.startswith("PL"):
        text = text[2:]
    return text


def sort_code_check_digit(first_seven):
    """The 8th digit of a bank sort code (numer rozliczeniowy)."""
    if not re.fullmatch(r"\d{7}", first_seven or ""):
        raise NrbError("sort_code_format", "the sort code needs 7 digits to check")
    total = sum(int(d) * w for d, w in zip(first_seven, SORT_CODE_WEIGHTS, strict=True))
    return (10 - total % 10) % 10


def validate_sort_code(sort_code):
    """Raise NrbError unless sort_code is 8 digits with a correct check digit."""
    if not re.fullmatch(r"\d{8}", sort_code or ""):
        raise NrbError("sort_code_format", "a sort code has exactly 8 digits")
    if sort_code_check_digit(sort_code[:7]) != int(sort_code[7]):
        raise NrbError("sort_code_checksum", "wrong sort code check digit")
    return sort_code


def nrb_check_digits(bban):
    """The two leading check digits for a 24-digit BBAN (sort code + account)."""
    if not re.fullmatch(r"\d{24}", bban or ""):
        raise NrbError("bban_format", "a BBAN has exactly 24 digits")
    return mod_97_10.calc_check_digits(bban + "PL")


def validate_nrb(value, check_sort_code=True):
    """Return the 26 normalised digits or raise NrbError.

    Checks the length, the MOD-97 check digits and (by default) the sort-code
    check digit.
    """
    digits = normalize_nrb(value)
    if not digits or not digits.isdigit():
        raise NrbError("format", "an account number may contain only digits")
    if len(digits) != NRB_LENGTH:
        raise NrbError("length", "an account number has 26 digits")
    try:
        # the IBAN order: the country code and check digits at the end
        mod_97_10.validate(digits[2:] + "PL" + digits[:2])
    except StdnumError as error:
        raise NrbError("checksum", "wrong account number check digits") from error
    if check_sort_code:
        validate_sort_code(digits[2:10])
    return digits


def is_valid_nrb(value, check_sort_code=True):
    try:
        validate_nrb(value, check_sort_code=check_sort_code)
    except NrbError:
        return False
    return True


def make_virtual_nrb(sort_code, client_code, payer_id):
    """An individual (virtual) account: sort code + client code + payer id.

    The payer id is zero-padded to fill the 24-digit BBAN, as the bank's
    annex for mass payments describes (DOMAIN_PL §2).
    """
    validate_sort_code(sort_code)
    client_code = client_code or ""
    if not client_code.isdigit() and client_code:
        raise NrbError("client_code_format", "the client code may contain only digits")
    width = BBAN_LENGTH - len(sort_code) - len(client_code)
    if width < 1:
        raise NrbError("client_code_length", "the client code is too long")
    payer = str(payer_id)
    if not payer.isdigit() or len(payer) > width:
        raise NrbError(
            "payer_id_range", f"the payer id must be a number of at most {width} digits"
        )
    bban = sort_code + client_code + payer.zfill(width)
    return nrb_check_digits(bban) + bban


def format_nrb(value):
    """Paper layout: `XX XXXX XXXX XXXX XXXX XXXX XXXX`."""
    digits = normalize_nrb(value) or ""
    if len(digits) != NRB_LENGTH:
        return value or ""
    return digits[:2] + " " + " ".join(digits[i : i + 4] for i in range(2, 26, 4))
