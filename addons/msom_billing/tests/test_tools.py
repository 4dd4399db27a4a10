# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The pure helpers, against every vector of DOMAIN_PL.md §1, §2 and §8."""

from decimal import Decimal

from odoo.tests import BaseCase, tagged

from ..tools import (
    NrbError,
    QrPayloadError,
    amount_to_words_pl,
    amount_to_words_pl_full,
    build_payment_qr_payload,
    format_nrb,
    is_valid_nrb,
    make_virtual_nrb,
    normalize_nrb,
    nrb_check_digits,
    qr_nip,
    sort_code_check_digit,
    validate_nrb,
    validate_sort_code,
)


@tagged("post_install", "-at_install")
class TestNrb(BaseCase):
    def test_swift_registry_example_is_valid(self):
        self.assertTrue(is_valid_nrb("PL61109010140000071219812874"))
        self.assertTrue(is_valid_nrb("PL61 1090 1014 0000 0712 1981 2874"))
        self.assertEqual(
            validate_nrb("61 1090 1014 0000 0712 1981 2874"),
            "61109010140000071219812874",
        )

    def test_zbp_example_fails_only_the_sort_code_digit(self):
        number = "92124012340001567890123456"
        self.assertTrue(is_valid_nrb(number, check_sort_code=False))
        self.assertFalse(is_valid_nrb(number))
        with self.assertRaises(NrbError) as caught:
            validate_nrb(number)
        self.assertEqual(caught.exception.code, "sort_code_checksum")
        # expected 9, is 4
        self.assertEqual(sort_code_check_digit("1240123"), 9)

    def test_short_and_placeholder_numbers_are_invalid(self):
        with self.assertRaises(NrbError) as caught:
            validate_nrb("4249000050026313017364142")
        self.assertEqual(caught.exception.code, "length")
        with self.assertRaises(NrbError) as caught:
            validate_nrb("01234567890123456789012345")
        self.assertEqual(caught.exception.code, "checksum")
        self.assertFalse(is_valid_nrb("01234567890123456789012345", False))
        for bad in ("", None, "PL6110901014000007121981287X", "abc"):
            self.assertFalse(is_valid_nrb(bad))

    def test_single_digit_changes_are_caught(self):
        good = "61109010140000071219812874"
        for position in range(26):
            digit = str((int(good[position]) + 1) % 10)
            changed = good[:position] + digit + good[position + 1 :]
            self.assertFalse(is_valid_nrb(changed, check_sort_code=False), position)

    def test_virtual_account_vectors(self):
        for payer, expected in (
            (1, "42109010141234567800000001"),
            (102, "31109010141234567800000102"),
            ("00012345", "46109010141234567800012345"),
        ):
            number = make_virtual_nrb("10901014", "12345678", payer)
            self.assertEqual(number, expected)
            self.assertTrue(is_valid_nrb(number))

    def test_virtual_account_shorter_client_code_widens_payer_id(self):
        number = make_virtual_nrb("10901014", "1234", 987654321)
        self.assertEqual(number[2:], "10901014" + "1234" + "000987654321")
        self.assertTrue(is_valid_nrb(number))

    def test_virtual_account_bad_parts(self):
        for args, code in (
            (("1090101", "12345678", 1), "sort_code_format"),
            (("10901015", "12345678", 1), "sort_code_checksum"),
            (("10901014", "12AB5678", 1), "client_code_format"),
            (("10901014", "1234567890123456", 1), "client_code_length"),
            (("10901014", "12345678", 123456789), "payer_id_range"),
            (("10901014", "12345678", -1), "payer_id_range"),
        ):
            with self.assertRaises(NrbError) as caught:
                make_virtual_nrb(*args)
            self.assertEqual(caught.exception.code, code, args)

    def test_check_digits_and_helpers(self):
        self.assertEqual(nrb_check_digits("109010140000071219812874"), "61")
        self.assertEqual(validate_sort_code("10901014"), "10901014")
        self.assertEqual(normalize_nrb("pl61-1090 1014"), "6110901014")
        self.assertEqual(
            format_nrb("PL61109010140000071219812874"),
            "61 1090 1014 0000 0712 1981 2874",
        )
        # single leading-zero check digits keep their zero
        number = make_virtual_nrb("10901014", "12345678", 11)
        self.assertEqual(len(number), 26)


@tagged("post_install", "-at_install")
class TestPaymentQr(BaseCase):
    ACCOUNT = "92124012340001567890123456"

    def test_zbp_document_examples(self):
        # The ZBP examples use NIP 1234567890, whose check digit is wrong
        # (stdnum.pl.nip); 1234563218 is the nearest valid one.
        self.assertEqual(
            build_payment_qr_payload(
                self.ACCOUNT, Decimal("12.00"), "Odbiorca 1", "FV 1234/34/2012",
                nip="1234563218",
            ),
            "1234563218|PL|92124012340001567890123456|001200|Odbiorca 1"
            "|FV 1234/34/2012|||",
        )  # fmt: skip
        self.assertEqual(
            build_payment_qr_payload(
                self.ACCOUNT, None, "Odbiorca 1", "FV 1234/34/2012", nip="1234563218"
            ),
            "1234563218|PL|92124012340001567890123456|000000|Odbiorca 1"
            "|FV 1234/34/2012|||",
        )
        self.assertEqual(
            build_payment_qr_payload(
                self.ACCOUNT, Decimal("12"), "Odbiorca 1", "Przelew ekspress"
            ),
            "|PL|92124012340001567890123456|001200|Odbiorca 1|Przelew ekspress|||",
        )

    def test_synthetic_cooperative_example(self):
        payload = build_payment_qr_payload(
            "PL42 1090 1014 1234 5678 0000 0001",
            Decimal("456.78"),
            "SM Przykład",
            "Opłaty 05/2026 lok. 12",
            nip="111-111-11-11",
        )
        self.assertEqual(
            payload,
            "1111111111|PL|42109010141234567800000001|045678|SM Przykład"
            "|Opłaty 05/2026 lok. 12|||",
        )
        self.assertEqual(len(payload), 85)
        self.assertEqual(len(payload.encode()), 87)

    def test_amount_limits(self):
        def amount_field(amount):
            return build_payment_qr_payload(self.ACCOUNT, amount, "A", "B").split("|")[
                3
            ]

        self.assertEqual(amount_field(Decimal("9999.99")), "999999")
        self.assertEqual(amount_field(Decimal("10000.00")), "000000")
        self.assertEqual(amount_field(Decimal("123456.78")), "000000")
        self.assertEqual(amount_field(Decimal("0.01")), "000001")
        self.assertEqual(amount_field(Decimal("0.005")), "000001")
        self.assertEqual(amount_field(2.675), "000268")
        self.assertEqual(amount_field("15.5"), "001550")
        with self.assertRaises(QrPayloadError):
            amount_field(Decimal("-1"))

    def test_lengths_and_characters(self):
        payload = build_payment_qr_payload(
            self.ACCOUNT,
            Decimal("1"),
            "Spółdzielnia Mieszkaniowa | Przyszłość <b>",
            'Opłaty|za lokal "12"; ul. Bernardyńska 12 m. 12 – 05/2026',
            nip="1234563218",
            reserve1="X" * 40,
            reserve2="Y" * 40,
            reserve3="Z" * 40,
        )
        parts = payload.split("|")
        self.assertEqual(len(parts), 9)
        self.assertEqual(parts[4], "Spółdzielnia Mieszka")
        self.assertEqual(len(parts[4]), 20)
        self.assertLessEqual(len(parts[5]), 32)
        self.assertNotIn('"', parts[5])
        self.assertNotIn(";", parts[5])
        self.assertEqual([len(p) for p in parts[6:]], [20, 12, 24])
        self.assertEqual(len(payload), 160)

    def test_line_breaks_and_nip(self):
        """A line break in a title or name separates words; the NIP is
        checked and written as 10 digits (ZBP Standard 2D, field 1)."""
        payload = build_payment_qr_payload(
            self.ACCOUNT,
            Decimal("1"),
            "SM\nPrzyszłość",
            "Opłaty 05/2026\r\nlok.\t12",
            nip="PL 123-456-32-18",
        )
        self.assertEqual(
            payload.split("|")[:6],
            ["1234563218", "PL", self.ACCOUNT, "000100", "SM Przyszłość",
             "Opłaty 05/2026 lok. 12"],
        )  # fmt: skip
        self.assertEqual(qr_nip("PL5260250274"), "5260250274")
        self.assertEqual(qr_nip("526-025-02-75"), "")
        self.assertEqual(qr_nip(False), "")

    def test_bad_input(self):
        for kwargs, code in (
            ({"account": "123"}, "account"),
            ({"account": "01234567890123456789012345"}, "account"),
            ({"nip": "12345"}, "nip"),
            ({"nip": "1234567890"}, "nip"),  # wrong check digit
            ({"name": "|||"}, "name"),
            ({"title": "  "}, "title"),
        ):
            args = {"account": self.ACCOUNT, "amount": 1, "name": "A", "title": "B"}
            args.update(kwargs)
            with self.assertRaises(QrPayloadError) as caught:
                build_payment_qr_payload(**args)
            self.assertEqual(caught.exception.code, code)


@tagged("post_install", "-at_install")
class TestAmountInWords(BaseCase):
    def test_document_form(self):
        for amount, expected in (
            ("1234.56", "tysiąc dwieście trzydzieści cztery złote 56/100"),
            ("1.00", "jeden złoty 00/100"),
            ("22.00", "dwadzieścia dwa złote 00/100"),
            ("112.00", "sto dwanaście złotych 00/100"),
            ("1001.00", "tysiąc jeden złotych 00/100"),
            ("1022.00", "tysiąc dwadzieścia dwa złote 00/100"),
            ("2000000.00", "dwa miliony złotych 00/100"),
            ("-15.50", "minus piętnaście złotych 50/100"),
            ("0.00", "zero złotych 00/100"),
            ("104.00", "sto cztery złote 00/100"),
            ("1002.00", "tysiąc dwa złote 00/100"),
            ("12.00", "dwanaście złotych 00/100"),
            ("14.00", "czternaście złotych 00/100"),
            ("25.00", "dwadzieścia pięć złotych 00/100"),
            ("101.00", "sto jeden złotych 00/100"),
        ):
            self.assertEqual(amount_to_words_pl(Decimal(amount)), expected, amount)

    def test_jeden_tysiac_variant(self):
        self.assertEqual(
            amount_to_words_pl(Decimal("1234.56"), with_jeden=True),
            "jeden tysiąc dwieście trzydzieści cztery złote 56/100",
        )
        self.assertEqual(
            amount_to_words_pl(Decimal("1001000"), with_jeden=True),
            "jeden milion jeden tysiąc złotych 00/100",
        )
        self.assertEqual(
            amount_to_words_pl(Decimal("21000"), with_jeden=True),
            "dwadzieścia jeden tysięcy złotych 00/100",
        )

    def test_full_form(self):
        for amount, expected in (
            ("1234.56",
             "tysiąc dwieście trzydzieści cztery złote, pięćdziesiąt sześć groszy"),
            ("1.00", "jeden złoty, zero groszy"),
            ("22.00", "dwadzieścia dwa złote, zero groszy"),
            ("112.00", "sto dwanaście złotych, zero groszy"),
            ("1001.00", "tysiąc jeden złotych, zero groszy"),
            ("2000000.00", "dwa miliony złotych, zero groszy"),
            ("-15.50", "minus piętnaście złotych, pięćdziesiąt groszy"),
            ("0.01", "zero złotych, jeden grosz"),
            ("0.22", "zero złotych, dwadzieścia dwa grosze"),
            ("0.13", "zero złotych, trzynaście groszy"),
        ):  # fmt: skip
            self.assertEqual(amount_to_words_pl_full(Decimal(amount)), expected)
        self.assertEqual(
            amount_to_words_pl_full(Decimal("1234.56"), separator=" i"),
            "tysiąc dwieście trzydzieści cztery złote i pięćdziesiąt sześć groszy",
        )

    def test_traps(self):
        # an int means złote, not grosze (num2words would say "jeden złoty")
        self.assertEqual(amount_to_words_pl(100), "sto złotych 00/100")
        self.assertEqual(
            amount_to_words_pl(1234), "tysiąc dwieście trzydzieści cztery złote 00/100"
        )
        # floats round half-up on their decimal text
        self.assertEqual(amount_to_words_pl(2.675), "dwa złote 68/100")
        self.assertEqual(amount_to_words_pl(1.005), "jeden złoty 01/100")
        self.assertEqual(amount_to_words_pl(Decimal("2.675")), "dwa złote 68/100")
        # never euro
        self.assertNotIn("euro", amount_to_words_pl_full(Decimal("5")))
        self.assertEqual(amount_to_words_pl("3.5"), "trzy złote 50/100")
