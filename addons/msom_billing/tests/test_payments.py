# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.msom_estate.tests.common import load_polish

from ..tools import is_valid_nrb
from .common import MsomBillingCase


@tagged("post_install", "-at_install")
class TestPayments(MsomBillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_2, cls.neighbour)
        for month in ("2025-01-01", "2025-02-01"):
            run = cls.env["msom.charge.run"].create(
                {"period": month, "estate_ids": [(6, 0, cls.estate.ids)]}
            )
            run.action_post()
        cls.account_1 = cls.env["msom.virtual.account"]._get_or_create(
            cls.owner, cls.unit_1
        )
        cls.account_2 = cls.env["msom.virtual.account"]._get_or_create(
            cls.neighbour, cls.unit_2
        )

    def _import(self, rows, header="data;kwota;waluta;rachunek;nadawca;tytuł"):
        content = "\n".join([header, *rows]).encode()
        action = self._statement_wizard(content).import_file_button()
        # lines skipped as imported before: a notification, then the statements
        action = action.get("params", {}).get("next", action)
        return self.env["account.bank.statement"].search(action["domain"]).line_ids

    def _books(self):
        """Every bank and receivable line of the units, as the ledger has it."""
        lines = self.env["account.move.line"].search(
            [("parent_state", "=", "posted"), ("journal_id", "=", self.bank_journal.id)]
        )
        return sorted(
            (line.account_id.id, line.partner_id.id, line.balance, line.date)
            for line in lines
        )

    def test_individual_account_numbers(self):
        self.assertTrue(is_valid_nrb(self.account_1.number))
        self.assertEqual(self.account_1.number[2:18], "1090101412345678")
        self.assertNotEqual(self.account_1.number, self.account_2.number)
        # asking again gives the same number; a new owner gets a new one
        self.assertEqual(
            self.env["msom.virtual.account"]._get_or_create(self.owner, self.unit_1),
            self.account_1,
        )
        buyer = self.env["res.partner"].create({"name": "Zofia Mazur"})
        new = self.env["msom.virtual.account"]._get_or_create(buyer, self.unit_1)
        self.assertNotEqual(new.number, self.account_1.number)
        self.assertEqual(self.account_1.display_number[:2], self.account_1.number[:2])
        # the charge notices carry the payer's number
        notice = self.env["account.move"].search(
            [("unit_id", "=", self.unit_1.id), ("msom_charge_period", "!=", False)],
            limit=1,
        )
        self.assertEqual(notice.msom_virtual_account_id, self.account_1)

    def test_account_number_format_checks(self):
        with self.assertRefused(ValidationError, "not a valid Polish account"):
            self.env["msom.virtual.account"].create(
                {"number": "92124012340001567890123456", "partner_id": self.owner.id,
                 "unit_id": self.unit_12.id}
            )  # fmt: skip
        manual = self.env["msom.virtual.account"].create(
            {"number": "PL61 1090 1014 0000 0712 1981 2874",
             "partner_id": self.owner.id, "unit_id": self.unit_12.id}
        )  # fmt: skip
        self.assertEqual(manual.number, "61109010140000071219812874")
        with self.assertRefused(ValidationError, "sort code"):
            self.company.msom_bank_sort_code = "10901015"

    def test_payment_settles_the_oldest_charge_first(self):
        january, february = self._receivables(self.unit_1, self.owner)
        self.assertEqual(january.debit, 364.18)
        lines = self._import(
            [f"2025-02-12;400,00;PLN;{self.account_1.number};Jan Nowak;opłaty"]
        )
        self.assertEqual(lines.msom_match_state, "matched")
        self.assertEqual(lines.partner_id, self.owner)
        self.assertEqual(lines.unit_id, self.unit_1)
        self.assertTrue(january.reconciled)
        self.assertAlmostEqual(february.amount_residual, 364.18 * 2 - 400, places=2)
        # the unit's other payer is untouched
        self.assertFalse(any(self._receivables(self.unit_2).mapped("reconciled")))

    def test_title_naming_a_notice_settles_it_first(self):
        """Art. 451 § 1 KC: the debtor chooses the debt by naming its
        document in the transfer title; what is left goes to the oldest
        (§ 3)."""
        january, february = self._receivables(self.unit_1, self.owner)
        number = february.move_id.name
        self._import(
            [f"2025-02-12;400,00;PLN;{self.account_1.number};Jan Nowak;"
             f"zapłata za {number.lower()}, dziękuję"]
        )  # fmt: skip
        self.assertTrue(february.reconciled)
        self.assertAlmostEqual(january.amount_residual, 364.18 - 35.82, places=2)
        # a number that is no document of this payer: the oldest first
        other = self._receivables(self.unit_2, self.neighbour)[1].move_id.name
        self._import(
            [f"2025-02-13;10,00;PLN;{self.account_1.number};Jan Nowak;{other}"]
        )
        self.assertAlmostEqual(january.amount_residual, 364.18 - 45.82, places=2)
        self.assertFalse(any(self._receivables(self.unit_2).mapped("reconciled")))

    def test_overpayment_stays_a_credit_and_pays_the_next_charges(self):
        lines = self._import(
            [f"15.02.2025;1000.00;PLN;PL{self.account_1.number};Jan Nowak;opłaty"]
        )
        self.assertTrue(lines.is_reconciled)
        credit = self._receivables(self.unit_1).filtered(lambda line: line.credit)
        self.assertAlmostEqual(credit.amount_residual, -(1000 - 2 * 364.18), places=2)
        self.assertEqual(credit.unit_id, self.unit_1)
        march = self.env["msom.charge.run"].create(
            {"period": "2025-03-01", "estate_ids": [(6, 0, self.estate.ids)]}
        )
        march.action_post()
        self.assertAlmostEqual(credit.amount_residual, 0.0, places=2)
        march_line = self._receivables(self.unit_1).filtered(
            lambda line: (
                line.move_id.msom_charge_period
                and line.move_id.msom_charge_period.month == 3
            )
        )
        self.assertAlmostEqual(
            march_line.amount_residual, 364.18 - (1000 - 2 * 364.18), places=2
        )

    def test_unknown_and_malformed_numbers_wait_in_the_queue(self):
        unknown = "46109010141234567800012345"
        lines = self._import(
            [
                f"2025-02-12;100,00;PLN;{unknown};Ktoś;opłaty",
                "2025-02-12;50,00;PLN;12 3456;Ktoś;opłaty",
                "2025-02-12;70,00;PLN;;Ktoś bez numeru;opłaty",
                f"2025-02-12;-20,00;PLN;{self.account_1.number};Zwrot;zwrot",
            ]
        )
        self.assertEqual(set(lines.mapped("msom_match_state")), {"queue"})
        self.assertEqual(len(lines), 4, "nothing is lost")
        messages = " | ".join(lines.mapped("msom_match_message"))
        self.assertIn("Unknown individual account number", messages)
        self.assertIn("Malformed account number", messages)
        self.assertIn("No account number", messages)
        self.assertIn("Outgoing payment", messages)
        self.assertFalse(any(lines.mapped("is_reconciled")))
        # the accountant picks the right account and matches by hand
        lost = lines.filtered(lambda line: line.amount == 70)
        lost.msom_virtual_account_id = self.account_2
        lost.action_msom_match()
        self.assertEqual(lost.msom_match_state, "matched")
        self.assertEqual(lost.unit_id, self.unit_2)
        oldest = self._receivables(self.unit_2)[0]
        self.assertAlmostEqual(oldest.amount_residual, oldest.debit - 70, places=2)

    def test_bad_files_are_refused_whole(self):
        count = self.env["account.bank.statement.line"].search_count([])
        with self.assertRefused(UserError, "currency EUR"):
            self._import(
                [
                    f"2025-02-12;100,00;PLN;{self.account_1.number};Jan;opłaty",
                    f"2025-02-12;100,00;EUR;{self.account_1.number};Jan;opłaty",
                ]
            )
        with self.assertRefused(UserError, "unreadable amount"):
            self._import([f"2025-02-12;sto;PLN;{self.account_1.number};Jan;x"])
        with self.assertRefused(UserError, "unreadable date"):
            self._import([f"12/02/2025;100;PLN;{self.account_1.number};Jan;x"])
        with self.assertRefused(UserError, "columns"):
            self._import(["a;b"], header="foo;bar")
        self.assertEqual(
            self.env["account.bank.statement.line"].search_count([]), count
        )

    def test_reimported_statement_books_each_line_once(self):
        rows = [
            f"2025-02-03;100,00;PLN;{self.account_1.number};Jan Nowak;opłaty",
            f"2025-02-03;100,00;PLN;{self.account_1.number};Jan Nowak;opłaty",
            f"2025-02-04;80,00;PLN;{self.account_2.number};Anna;opłaty luty",
        ]
        first = self._import(rows)
        self.assertEqual(len(first), 3, "two equal payments on one day are two")
        self.assertTrue(all(first.mapped("unique_import_id")))
        books = self._books()
        # the same file again: refused outright, books unchanged
        with self.assertRefused(UserError, "already imported on"):
            self._import(rows)
        # an overlapping file (a longer period): only the new line is booked
        wizard_rows = [*rows, f"2025-02-10;55,00;PLN;{self.account_2.number};Anna;x"]
        content = "\n".join(["data;kwota;waluta;rachunek;nadawca;tytuł", *wizard_rows])
        wizard = self._statement_wizard(content.encode(), "luty.csv")
        action = wizard.import_file_button()
        message = action["params"]["message"]
        self.assertRegex(message, "lines imported on .* skipped: 3")
        moment = fields.Datetime.context_timestamp(wizard, first[0].create_date)
        # English: the date and time formats of en_US, without the seconds
        self.assertIn(moment.strftime("%m/%d/%Y at %I:%M %p"), message)
        new = (
            self.env["account.bank.statement"]
            .search(action["params"]["next"]["domain"])
            .line_ids
        )
        self.assertEqual(new.mapped("amount"), [55.0])
        self.assertEqual(len(self._books()), len(books) + 2, "one entry more")
        # nothing new at all: refused with the summary, no empty statement
        statements = self.env["account.bank.statement"].search_count([])
        with self.assertRefused(
            UserError, "imported before: lines imported on .* skipped: 2"
        ):
            self._import(rows[:2])
        self.assertEqual(
            self.env["account.bank.statement"].search_count([]), statements
        )

    def test_reimport_summary_in_polish_and_the_users_time_zone(self):
        load_polish(self.env, ["msom_billing"])
        rows = [f"2025-02-03;10,00;PLN;{self.account_1.number};Jan;opłaty"]
        self._import(rows)
        line = self.env["account.bank.statement.line"].search(
            [("payment_ref", "=", "opłaty"), ("amount", "=", 10.0)]
        )
        wizard = self._statement_wizard(
            ("data;kwota;waluta;rachunek;nadawca;tytuł\n" + rows[0]).encode()
        ).with_context(lang="pl_PL", tz="Europe/Warsaw")
        when = fields.Datetime.context_timestamp(wizard, line.create_date)
        with self.assertRefused(
            UserError, f"już zaimportowany {when:%d.%m.%Y} o {when:%H:%M}"
        ):
            wizard.import_file_button()
        # a longer file: the line imported before is skipped, counted without
        # a plural form ("pominięto 1 wierszy" would be wrong Polish)
        new = f"2025-02-04;12,00;PLN;{self.account_1.number};Jan;opłaty"
        wizard = self._statement_wizard(
            "\n".join(
                ["data;kwota;waluta;rachunek;nadawca;tytuł", rows[0], new]
            ).encode(),
            "pełny.csv",
        ).with_context(lang="pl_PL", tz="Europe/Warsaw")
        message = wizard.import_file_button()["params"]["message"]
        self.assertEqual(
            message,
            "Zaimportowane wiersze: 1; pominięte wiersze zaimportowane "
            f"{when:%d.%m.%Y} o {when:%H:%M}: 1.",
        )

    def test_bank_transaction_ids_identify_lines(self):
        header = "data;kwota;waluta;rachunek;nadawca;tytuł;id transakcji"
        row = f"2025-02-05;20,00;PLN;{self.account_1.number};Jan;opłaty;TX-1"
        first = self._import([row], header=header)
        self.assertTrue(first.unique_import_id.endswith("-TX-1"))
        # another file (other columns order of the same day) with that id
        again = f"2025-02-05;20,00;PLN;{self.account_1.number};Jan;inny tytuł;TX-1"
        with self.assertRefused(UserError, "imported before"):
            self._import([again], header=header)
