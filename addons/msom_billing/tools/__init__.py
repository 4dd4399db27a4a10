from .nrb import (
    NrbError,
    format_nrb,
    is_valid_nrb,
    make_virtual_nrb,
    normalize_nrb,
    nrb_check_digits,
    sort_code_check_digit,
    validate_nrb,
    validate_sort_code,
)
from .payment_qr import (
    QR_MAX_AMOUNT_GROSZE,
    QrPayloadError,
    build_payment_qr_payload,
    qr_nip,
)
from .amount_words import amount_to_words_pl, amount_to_words_pl_full

__all__ = [
    "QR_MAX_AMOUNT_GROSZE",
    "NrbError",
    "QrPayloadError",
    "amount_to_words_pl",
    "amount_to_words_pl_full",
    "build_payment_qr_payload",
    "format_nrb",
    "is_valid_nrb",
    "make_virtual_nrb",
    "normalize_nrb",
    "nrb_check_digits",
    "qr_nip",
    "sort_code_check_digit",
    "validate_nrb",
    "validate_sort_code",
]
