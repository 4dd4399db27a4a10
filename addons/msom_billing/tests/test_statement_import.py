# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import file_open

from odoo.addons.msom_estate.tests.common import load_polish

from ..tools import nrb_check_digits
from .common import MsomBillingCase

HEADER = "data;kwota;waluta;rachunek;nadawca;tytuł"


@tagged("post_install", "-at_install")
class TestStatementImport(MsomBillingCase):
    """Statement files through OCA's import wizard: CAMT.053 and the CSV of
    Polish banks, matched by the individual account number on the journal
    of residents' payments, OCA's behaviour on the other journals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_2, cls.neighbour)
        cls.env["msom.charge.run"].create(
            {"period": "2025-01-01", "estate_ids": [(6, 0, cls.estate.ids)]}
        ).action_post()
        VirtualAccount = cls.env["msom.virtual.account"]
        cls.account_1 = VirtualAccount._get_or_create(cls.owner, cls.unit_1)
        cls.account_2 = VirtualAccount._get_or_create(cls.neighbour, cls.unit_2)
        bban = "10901014" + "0000000012345678"
        cls.iban = "PL" + nrb_check_digits(bban) + bban
        cls.bank_journal.bank_account_id = cls.env["res.partner.bank"].create(
            {"acc_number": cls.iban, "partner_id": cls.company.partner_id.id}
        )

    def _count(self):
        return (
            self.env["account.bank.statement"].search_count([]),
            self.env["account.bank.statement.line"].search_count([]),
            self.env["account.move"].search_count([]),
        )

    def _receivable(self, unit):
        return self.env["account.move.line"].search(
            [
                ("unit_id", "=", unit.id),
                ("account_id.account_type", "=", "asset_receivable"),
                ("move_id.msom_charge_period", "!=", False),
            ]
        )

    def _camt(self):
        with file_open("msom_billing/tests/data/camt053_pl.xml") as sample:
            return (
                sample.read()
                .format(
                    account=self.iban,
                    virtual_1="PL" + self.account_1.number,
                    virtual_2="PL" + self.account_2.number,
                    payer="PL27114020040000300201355387",
                )
                .encode()
            )

    def test_camt053_matched_by_individual_account_and_reconciled(self):
        january_1 = self._receivable(self.unit_1)
        january_2 = self._receivable(self.unit_2)
        self._statement_wizard(self._camt(), "wyciag.xml").import_file_button()
        statement = self.env["account.bank.statement"].search(
            [("name", "=", "2025/02/12/0031")]
        )
        self.assertEqual(statement.journal_id, self.bank_journal)
        self.assertEqual(statement.balance_end_real, 10458.18)
        lines = statement.line_ids.sorted("amount")
        self.assertEqual(lines.mapped("amount"), [-6.0, 100.0, 364.18])
        fee, neighbour, owner = lines
        self.assertEqual(owner.msom_match_state, "matched")
        self.assertEqual(owner.msom_virtual_account_id, self.account_1)
        self.assertEqual(owner.unit_id, self.unit_1)
        self.assertEqual(owner.partner_id, self.owner)
        self.assertTrue(owner.is_reconciled)
        self.assertTrue(january_1.reconciled)
        self.assertEqual(neighbour.unit_id, self.unit_2)
        self.assertAlmostEqual(
            january_2.amount_residual, january_2.debit - 100, places=2
        )
        self.assertEqual(fee.msom_match_state, "queue")
        self.assertTrue(all(lines.mapped("unique_import_id")))
        # the same file again: refused, nothing booked twice
        with self.assertRefused(UserError, "already imported on"):
            self._statement_wizard(self._camt(), "wyciag.xml").import_file_button()

    def test_other_journals_keep_ocas_import(self):
        journal = self.env["account.journal"].create(
            {"name": "Lokata", "code": "LOK", "type": "bank"}
        )
        self.assertFalse(journal.msom_resident_payments)
        content = "\n".join(
            [HEADER, f"2025-02-12;400,00;PLN;{self.account_1.number};Jan;opłaty"]
        ).encode()
        self._statement_wizard(content, journal=journal).import_file_button()
        line = self.env["account.bank.statement.line"].search(
            [("journal_id", "=", journal.id)]
        )
        self.assertEqual(line.amount, 400.0)
        self.assertFalse(line.msom_match_state, "not matched to a unit")
        self.assertFalse(line.statement_id.msom_import_hash)
        self.assertFalse(self._receivable(self.unit_1).reconciled)

    def test_bad_files_refused_in_polish_with_nothing_saved(self):
        load_polish(self.env, ["msom_billing"])
        before = self._count()
        good = f"2025-02-12;100,00;PLN;{self.account_1.number};Jan;opłaty"
        files = {
            "nieczytelna kwota": "\n".join(
                [HEADER, good, f"2025-02-12;sto;PLN;{self.account_1.number};J;x"]
            ).encode(),
            "kolumny data, kwota i rachunek": b"foo;bar\na;b",
            "Plik jest pusty": b"\n\n",
        }
        for message, content in files.items():
            with self.subTest(message=message):
                wizard = self._statement_wizard(content).with_context(lang="pl_PL")
                with self.assertRefused(UserError, message):
                    wizard.import_file_button()
        # neither CSV nor CAMT (OCA's CAMT parser logs the zip it tried)
        wizard = self._statement_wizard(b"PK\x03\x04\x00\x00xx").with_context(
            lang="pl_PL"
        )
        with (
            self.assertLogs("odoo.addons.account_statement_import_camt", "ERROR"),
            self.assertRefused(UserError, "ani CSV, ani wyciągiem CAMT.053"),
        ):
            wizard.import_file_button()
        self.assertEqual(self._count(), before)

    def test_residents_and_other_companies_cannot_import(self):
        content = "\n".join(
            [HEADER, f"2025-02-12;100,00;PLN;{self.account_1.number};Jan;x"]
        ).encode()
        before = self._count()
        resident = self._resident_user(self.owner, "jan.nowak.import")
        with self.assertRaises(AccessError):
            self._statement_wizard(content, user=resident)
        other = self.env["res.company"].create({"name": "Wspólnota Obca"})
        stranger = new_test_user(
            self.env,
            login="ksiegowa_obca",
            groups="msom_estate.group_msom_accountant",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        wizard = self._statement_wizard(
            content, user=stranger.with_context(allowed_company_ids=other.ids)
        )
        with self.assertRaises(AccessError):
            wizard.import_file_button()
        self.assertEqual(self._count(), before)

    def test_menu_opens_ocas_wizard_on_the_residents_journal(self):
        action = self.env["account.journal"]._msom_action_import_statement()
        self.assertEqual(action["res_model"], "account.statement.import")
        self.assertEqual(action["context"]["journal_id"], self.bank_journal.id)
        self.bank_journal.msom_resident_payments = False
        with self.assertRefused(UserError, "Residents' Payments"):
            self.env["account.journal"]._msom_action_import_statement()
