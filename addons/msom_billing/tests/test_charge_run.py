# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MsomBillingCase


@tagged("post_install", "-at_install")
class TestChargeRun(MsomBillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.occ_1 = cls._occupy(cls.unit_1, cls.owner)
        cls.occ_2 = cls._occupy(cls.unit_2, cls.neighbour)
        cls.tenant = cls.env["res.partner"].create({"name": "Piotr Zieliński"})
        cls.occ_12 = cls._occupy(cls.unit_12, cls.tenant, role="tenant")

    def _lines_by_component(self, move):
        return {
            line.msom_component_id: line
            for line in move.line_ids
            if line.msom_component_id
        }

    def test_one_posted_entry_per_unit_with_a_line_per_component(self):
        run = self._run("2025-03-17")
        self.assertEqual(run.period, date(2025, 3, 1))
        self.assertEqual(run.due_date, date(2025, 3, 10))
        run.action_preview()
        self.assertEqual(run.state, "preview")
        self.assertEqual(run.line_count, 3)
        self.assertFalse(self._charges(self.unit_1), "preview posts nothing")
        run.action_post()
        self.assertEqual(run.state, "done")
        self.assertEqual(run.posted_count, 3)
        self.assertEqual(run.progress, 100.0)
        move = self._charges(self.unit_1)
        self.assertEqual(len(move), 1)
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.move_type, "entry")
        self.assertEqual(move.partner_id, self.owner)
        self.assertEqual(move.unit_id, self.unit_1)
        lines = self._lines_by_component(move)
        # 48.5 m² × 3.45 = 167.325 → 167.33; × 2.10 = 101.85; 2 persons × 45; 5
        self.assertEqual(lines[self.c_maintenance].credit, 167.33)
        self.assertEqual(lines[self.c_repair].credit, 101.85)
        self.assertEqual(lines[self.c_water].credit, 90.0)
        self.assertEqual(lines[self.c_intercom].credit, 5.0)
        receivable = move.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertEqual(receivable.debit, 364.18)
        self.assertEqual(receivable.date_maturity, date(2025, 3, 10))
        self.assertEqual(receivable.partner_id, self.owner)
        self.assertEqual(set(move.line_ids.unit_id), {self.unit_1})
        # the payer's individual account number is on the document
        self.assertEqual(move.msom_virtual_account_id.partner_id, self.owner)
        self.assertEqual(
            move._msom_amount_in_words(), "trzysta sześćdziesiąt cztery złote 18/100"
        )
        payload = move._msom_payment_qr_payload()
        self.assertIn("|036418|", payload)
        self.assertIn(move.msom_virtual_account_id.number, payload)

    def test_calculation_keys_and_rate_scopes(self):
        Rate = self.env["msom.charge.rate"]
        Component = self.env["msom.charge.component"]
        share = Component.create(
            {"name": "Podatek od nieruchomości", "code": "POD",
             "calculation_key": "share", "account_id": self.account_repair.id}
        )  # fmt: skip
        fixed = Component.create(
            {"name": "Ryczałt ciepła woda", "code": "CW", "calculation_key": "fixed",
             "account_id": self.account_repair.id}
        )  # fmt: skip
        Rate.create(
            [
                # the property's monthly total, split by shares
                {"component_id": share.id, "date_from": "2025-01-01", "amount": 1500},
                # a fixed amount agreed for unit 2 only
                {"component_id": fixed.id, "date_from": "2025-01-01", "amount": 33.3,
                 "unit_id": self.unit_2.id},
                # the building pays more for maintenance from April
                {"component_id": self.c_maintenance.id, "date_from": "2025-04-01",
                 "amount": 4.0, "building_id": self.building.id},
                # and the building's intercom is free
                {"component_id": self.c_intercom.id, "date_from": "2025-01-01",
                 "amount": 0.0, "building_id": self.building.id},
            ]
        )  # fmt: skip
        run = self._run("2025-04-01")
        run.action_post()
        lines_1 = self._lines_by_component(self._charges(self.unit_1))
        lines_2 = self._lines_by_component(self._charges(self.unit_2))
        self.assertIn(share, lines_1, run.line_ids.mapped("detail"))
        self.assertEqual(lines_1[share].credit, 485.0)  # 1500 × 485/1500
        self.assertEqual(lines_2[share].credit, 602.5)  # 1500 × 6025/15000
        self.assertNotIn(fixed, lines_1)
        self.assertEqual(lines_2[fixed].credit, 33.3)
        self.assertEqual(lines_1[self.c_maintenance].credit, 194.0)  # 48.5 × 4.00
        self.assertNotIn(self.c_intercom, lines_1, "a zero amount makes no line")
        # in March the company-wide rates still apply
        march = self._run("2025-03-01")
        march.action_post()
        lines = self._lines_by_component(self._charges(self.unit_1, date(2025, 3, 1)))
        self.assertEqual(lines[self.c_maintenance].credit, 167.33)
        self.assertNotIn(self.c_intercom, lines)  # the building's rate since January

    def test_commercial_unit_gets_a_vat_invoice(self):
        self.unit_12.unit_type = "commercial"
        run = self._run("2025-03-01")
        run.action_post()
        invoice = self._charges(self.unit_12)
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.invoice_date_due, date(2025, 3, 10))
        self.assertEqual(invoice.partner_id, self.tenant)
        self.assertEqual(len(invoice.invoice_line_ids), 4)
        self.assertEqual(self._charges(self.unit_1).move_type, "entry")

    def test_running_the_same_month_again_creates_nothing(self):
        run = self._run("2025-03-01")
        run.action_post()
        moves = self.env["account.move"].search([("msom_charge_run_id", "=", run.id)])
        self.assertEqual(len(moves), 3)
        run.action_post()
        run._process()
        self.assertEqual(
            self.env["account.move"].search_count(
                [("msom_charge_period", "=", "2025-03-01")]
            ),
            3,
        )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self._run("2025-03-20")

    def test_a_killed_run_completes_on_restart(self):
        run = self._run("2025-03-01", batch_size=1)
        run.action_preview()
        run.state = "running"
        # the first batch was committed before the kill
        self.assertEqual(run._process(max_batches=1, commit=False), 1)
        self.assertEqual(run.posted_count, 1)
        # the second batch created its document, but the kill came before the
        # run line was marked: the restart must not create it again
        second = run.line_ids.filtered(lambda line: line.state == "planned")[0]
        second._post_batch()
        document = second.move_id
        second.write({"state": "planned", "move_id": False})
        run._process(commit=False)
        self.assertEqual(run.state, "done")
        self.assertEqual(second.move_id, document)
        for unit in (self.unit_1, self.unit_2, self.unit_12):
            self.assertEqual(len(self._charges(unit, date(2025, 3, 1))), 1, unit.name)
        # the database refuses a second document for the same unit and month
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.env["account.move"].create(
                    {"move_type": "entry", "journal_id": document.journal_id.id,
                     "date": "2025-03-01", "msom_charge_period": "2025-03-01",
                     "unit_id": second.unit_id.id, "partner_id": second.partner_id.id}
                )  # fmt: skip
                self.env.flush_all()

    def test_owner_change_within_the_month_splits_by_days(self):
        buyer = self.env["res.partner"].create({"name": "Zofia Mazur"})
        self.occ_1.date_to = "2025-03-15"
        self._occupy(self.unit_1, buyer, date_from="2025-03-16")
        run = self._run("2025-03-01")
        run.action_post()
        moves = self._charges(self.unit_1)
        self.assertEqual(len(moves), 2)
        seller_move = moves.filtered(lambda m: m.partner_id == self.owner)
        buyer_move = moves.filtered(lambda m: m.partner_id == buyer)
        seller = self._lines_by_component(seller_move)
        buyer_lines = self._lines_by_component(buyer_move)
        # 167.33 × 15/31 = 80.966… → 80.97; the buyer gets the rest
        self.assertEqual(seller[self.c_maintenance].credit, 80.97)
        self.assertEqual(buyer_lines[self.c_maintenance].credit, 86.36)
        for component in (self.c_maintenance, self.c_repair, self.c_water):
            self.assertAlmostEqual(
                seller[component].credit + buyer_lines[component].credit,
                {self.c_maintenance: 167.33, self.c_repair: 101.85, self.c_water: 90.0}[
                    component
                ],
                places=2,
            )
        # a new owner gets a new individual account number
        self.assertNotEqual(
            seller_move.msom_virtual_account_id, buyer_move.msom_virtual_account_id
        )
        line = run.line_ids.filtered(lambda line: line.partner_id == buyer)
        self.assertEqual(line.days, 16)

    def test_unit_without_payer_is_skipped_and_reported(self):
        self.occ_12.date_to = "2025-01-31"
        run = self._run("2025-03-01")
        run.action_post()
        self.assertFalse(self._charges(self.unit_12))
        skipped = run.line_ids.filtered(lambda line: line.state == "skipped")
        self.assertEqual(skipped.unit_id, self.unit_12)
        self.assertEqual(run.skipped_count, 1)

    def test_bad_input(self):
        early = self._run("2024-06-01")
        with self.assertRefused(UserError, "No charge rate"):
            early.action_preview()
        self.company.fiscalyear_lock_date = "2025-02-28"
        run = self._run("2025-02-01")
        with self.assertRefused(UserError, "closed"):
            run.action_preview()
        self.assertFalse(run.line_ids)
        with (
            self.assertRefused(IntegrityError, "non_negative"),
            mute_logger("odoo.sql_db"),
        ):
            with self.env.cr.savepoint():
                self.env["msom.charge.rate"].create(
                    {"component_id": self.c_repair.id, "date_from": "2025-01-01",
                     "amount": -1}
                )  # fmt: skip
        with self.assertRefused(ValidationError, "cannot end before"):
            self.env["msom.charge.rate"].create(
                {"component_id": self.c_repair.id, "date_from": "2025-05-01",
                 "date_to": "2025-04-01", "amount": 1}
            )  # fmt: skip
        with self.assertRefused(ValidationError, "needs an advance key"):
            self.env["msom.charge.component"].create(
                {"name": "Ciepła woda", "code": "CW2", "calculation_key": "meter",
                 "advance_key": False, "account_id": self.account_repair.id}
            )  # fmt: skip
