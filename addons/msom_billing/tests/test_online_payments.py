# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import new_test_user, tagged

from .common import MsomBillingCase


@tagged("post_install", "-at_install")
class TestOnlinePayments(MsomBillingCase):
    """Payments from a provider (account_payment creates them for confirmed
    transactions) booked on a unit, and the provider's payout."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        for month in ("2025-01-01", "2025-02-01"):
            cls.env["msom.charge.run"].create(
                {"period": month, "estate_ids": [(6, 0, cls.estate.ids)]}
            ).action_post()
        cls.january, cls.february = (
            cls.env["account.move"]
            .search(
                [("unit_id", "=", cls.unit_1.id), ("msom_charge_period", "!=", False)]
            )
            .sorted("msom_charge_period")
        )

    def _payment(self, amount, memo):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.owner.id,
                "amount": amount,
                "journal_id": self.bank_journal.id,
                "memo": memo,
            }
        )
        payment.action_post()
        return payment

    def _receivable(self, move):
        return move.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )

    def test_chosen_document_first_then_oldest_then_credit(self):
        """The document paid for is settled first (art. 451 § 1 KC), the
        rest goes to the oldest dues and what is left is the unit's credit."""
        due = self.unit_1._msom_open_amount()
        payment = self._payment(self.february.amount_total + 10, "FEB-1 - pi_1")
        payment._msom_settle_unit(self.unit_1, self.february)
        self.assertEqual(payment.move_id.unit_id, self.unit_1)
        self.assertEqual(
            payment.move_id.msom_virtual_account_id,
            self.february.msom_virtual_account_id,
        )
        self.assertTrue(self._receivable(self.february).reconciled)
        self.assertAlmostEqual(
            self._receivable(self.january).amount_residual, 364.18 - 10
        )
        self.assertAlmostEqual(
            self.unit_1._msom_open_amount(), due - self.february.amount_total - 10
        )
        # a second payment of the settled notice pays January, the rest is credit
        second = self._payment(self.february.amount_total, "FEB-1-1 - pi_2")
        second._msom_settle_unit(self.unit_1, self.february)
        self.assertTrue(self._receivable(self.january).reconciled)
        credit = self._receivable(second.move_id)
        self.assertAlmostEqual(credit.amount_residual, -10.0)
        self.assertEqual(credit.unit_id, self.unit_1)
        self.assertEqual(self.unit_1._msom_open_amount(), 0.0)
        self.assertEqual((self.january | self.february)._msom_open_amounts(), {})

    def test_unit_dues_oldest_first(self):
        payment = self._payment(400.0, "L1 - pi_3")
        payment._msom_settle_unit(self.unit_1)
        self.assertTrue(payment.is_reconciled)
        self.assertTrue(self._receivable(self.january).reconciled)
        self.assertEqual(
            (self.january | self.february)._msom_open_amounts(),
            {self.february.id: 364.18 * 2 - 400},
        )

    def test_payout_matched_by_references_in_the_title(self):
        """The provider's payout names the transactions: matched when they
        add up to its amount, left to the accountant otherwise."""
        first = self._payment(100.0, "NAL/2025/02/0001 - pi_A")
        second = self._payment(50.0, "L1-20250212 - pi_B")
        for payment in first | second:
            payment._msom_settle_unit(self.unit_1)
        Line = self.env["account.bank.statement.line"]
        wrong = Line.create(
            {
                "journal_id": self.bank_journal.id,
                "date": "2025-02-13",
                "amount": 140.0,
                "payment_ref": "Wypłata Stripe NAL/2025/02/0001 L1-20250212",
            }
        )
        payout = Line.create(
            {
                "journal_id": self.bank_journal.id,
                "date": "2025-02-13",
                "amount": 150.0,
                "payment_ref": "Wypłata Stripe NAL/2025/02/0001, L1-20250212",
            }
        )
        self.assertEqual((wrong | payout).action_msom_match(), payout)
        self.assertEqual(wrong.msom_match_state, "queue")
        self.assertTrue(payout.is_reconciled)
        outstanding = (first | second).move_id.line_ids.filtered(
            lambda line: line.account_id == first.outstanding_account_id
        )
        self.assertTrue(all(outstanding.mapped("reconciled")))

    def test_accountant_sees_online_payments_in_turnover(self):
        payment = self._payment(200.0, "L1-20250213 - pi_3Nabc")
        payment._msom_settle_unit(self.unit_1)
        accountant = new_test_user(
            self.env, login="ksiegowa_op", groups="msom_estate.group_msom_accountant"
        )
        report = (
            self.env["msom.unit.turnover"]
            .with_user(accountant)
            .create({"date_from": "2025-01-01", "date_to": "2099-12-31"})
        )
        report.action_compute()
        line = report.line_ids.filtered(lambda line: line.unit_id == self.unit_1)
        self.assertAlmostEqual(line.payments, 200.0)
        action = line.action_show_items()
        items = (
            self.env["account.move.line"].with_user(accountant).search(action["domain"])
        )
        online = items.filtered(lambda item: "pi_3Nabc" in (item.name or ""))
        self.assertEqual(online.credit, 200.0)
