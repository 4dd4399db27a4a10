# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ZBP "Standard 2D" payment QR payload (Rekomendacja ZBP 2013-12-03).

Nine fields separated by `|`, at most 160 characters, UTF-8. The amount is
in grosze on 6 digits; amounts above 9 999,99 zł cannot be written, so the
payload carries `000000` and the payer types the amount (DOMAIN_PL §1).
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from stdnum.pl import nip as pl_nip

from .nrb import NrbError, validate_nrb

QR_MAX_AMOUNT_GROSZE = 999999
QR_MAX_LENGTH = 160
NAME_LENGTH = 20
TITLE_LENGTH = 32
RESERVE_LENGTHS = (20, 12, 24)
# Letters (Polish included), digits, space and , . / \ - @ # & * _
_DISALLOWED = re.compile(r"[^0-9A-Za-zĄĆĘŁŃÓŚŹŻąćęłńóśźż ,./\\\-@#&*_]")


class QrPayloadError(ValueError):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def clean_qr_text(value, length):
    """Drop characters outside the allowed set, squeeze spaces, cut to length.

    Newlines and tabs become spaces first, so that the words on either side
    of a line break stay apart.
    """
    text = re.sub(r"\s+", " ", str(value or ""))
    text = re.sub(" +", " ", _DISALLOWED.sub("", text)).strip()
    return text[:length].strip()


def qr_nip(vat):
    """The 10-digit NIP of `vat` ("PL" prefix, dashes and spaces allowed) if
    its check digit is right (stdnum.pl.nip), else an empty string."""
    nip = pl_nip.compact(vat or "")
    return nip if pl_nip.is_valid(nip) else ""


def amount_to_grosze(amount):
    """Grosze as int from Decimal/str/int/float (floats via their str)."""
    if isinstance(amount, float):
        amount = repr(amount)
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return int(value * 100)


def build_payment_qr_payload(
    account, amount, name, title, nip="", reserve1="", reserve2="", reserve3=""
):
    """The QR text for a transfer to `account`.

    `amount` in złoty (Decimal preferred); None or 0 lets the payer type it.
    Raises QrPayloadError for an invalid account, NIP, empty name or title.
    """
    try:
        account = validate_nrb(account, check_sort_code=False)
    except NrbError as error:
        raise QrPayloadError("account", str(error)) from error
    if nip:
        checked = qr_nip(nip)
        if not checked:
            raise QrPayloadError("nip", "the NIP is not valid: %s" % nip)
        nip = checked
    grosze = 0 if amount in (None, False) else amount_to_grosze(amount)
    if grosze < 0:
        raise QrPayloadError("amount", "the amount cannot be negative")
    if grosze > QR_MAX_AMOUNT_GROSZE:
        grosze = 0  # above 9 999,99 zł: the payer enters the amount
    name = clean_qr_text(name, NAME_LENGTH)
    title = clean_qr_text(title, TITLE_LENGTH)
    if not name:
        raise QrPayloadError("name", "the recipient name is empty")
    if not title:
        raise QrPayloadError("title", "the payment title is empty")
    reserves = [
        clean_qr_text(value, length)
        for value, length in zip(
            (reserve1, reserve2, reserve3), RESERVE_LENGTHS, strict=True
        )
    ]
    fields = [nip, "PL", account, "%06d" % grosze, name, title, *reserves]
    payload = "|".join(fields)
    # The field limits add up to exactly 160 characters.
    assert len(payload) <= QR_MAX_LENGTH and payload.count("|") == 8
    return payload
