# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.fields import Command
from odoo.tests import JsonRpcException, tagged

from .common import MsomPortalCase


class MsomOnlinePaymentMixin:
    """The demo provider in test mode, and helpers to pay as a resident."""

    @classmethod
    def _setup_online_payment(cls):
        cls.provider = cls.env.ref("payment.payment_provider_demo")
        cls.provider.write({"state": "test", "is_published": True})
        cls.demo_method = cls.env.ref("payment_demo.payment_method_demo")
        cls.Tx = cls.env["payment.transaction"]

    def _pay(self, route, amount=None, **params):
        """Create the transaction through the payment form's route."""
        result = self.make_jsonrpc_request(
            route + "/transaction",
            dict(
                {
                    "provider_id": self.provider.id,
                    "payment_method_id": self.demo_method.id,
                    "token_id": None,
                    "amount": amount,
                    "flow": "direct",
                    "tokenization_requested": False,
                    "landing_route": "/my",
                    "is_validation": False,
                    "access_token": "x",
                },
                **params,
            ),
        )
        return self.Tx.search([("reference", "=", result["reference"])])

    def _notify(self, tx, state):
        """The provider's notification, then the post-processing that the
        status page or the cron runs."""
        tx._process("demo", {"reference": tx.reference, "simulated_state": state})
        tx._post_process()

    def _open(self, moves):
        return self.env["account.move.line"].search(
            [
                ("move_id", "in", moves.ids),
                ("account_id.account_type", "=", "asset_receivable"),
            ]
        )


@tagged("post_install", "-at_install")
class TestOnlinePayment(MsomOnlinePaymentMixin, MsomPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_online_payment()
        cls.notice_1a, cls.notice_1b = (
            cls.env["account.move"]
            .search(
                [("unit_id", "=", cls.unit_1.id), ("msom_charge_period", "!=", False)]
            )
            .sorted("msom_charge_period")
        )

    def test_pay_one_notice(self):
        """The notice's open amount is paid whatever the request says; the
        payment is booked for the unit, settles that notice (not the older
        one), and a repeated notification books nothing more."""
        self._login(self.jan)
        page = self.url_open("/my/pay/document/%s" % self.notice_1b.id)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_payment_form", page.text)
        due = self.unit_1._msom_open_amount()
        amount = self.notice_1b.amount_total
        tx = self._pay("/my/pay/document/%s" % self.notice_1b.id, amount=1.0)
        self.assertEqual(tx.amount, amount)
        self.assertEqual(tx.msom_unit_id, self.unit_1)
        self.assertEqual(tx.msom_document_ids, self.notice_1b)
        self.assertEqual(tx.landing_route, "/my/pay/confirmation/%s" % tx.id)
        self._notify(tx, "done")
        payment = tx.payment_id
        self.assertEqual(payment.partner_id, self.owner)
        self.assertEqual(payment.move_id.unit_id, self.unit_1)
        self.assertTrue(self._open(self.notice_1b).reconciled)
        self.assertFalse(self._open(self.notice_1a).reconciled)
        self.assertAlmostEqual(self.unit_1._msom_open_amount(), due - amount)
        # the provider notifies again: still one payment
        tx.is_post_processed = False
        self._notify(tx, "done")
        self.assertEqual(tx.payment_id, payment)
        self.assertEqual(
            self.env["account.payment"].search_count(
                [("payment_transaction_id", "=", tx.id)]
            ),
            1,
        )
        self.assertAlmostEqual(self.unit_1._msom_open_amount(), due - amount)
        # the resident is told in their thread, once
        conversation = self.env["msom.resident.conversation"]._get_for_partner(
            self.owner
        )
        self.assertEqual(
            len(conversation.message_ids.filtered(lambda m: tx.reference in m.body)),
            1,
        )
        page = self.url_open(tx.landing_route)
        self.assertIn("msom_pay_done", page.text)

    def test_states_book_nothing(self):
        """Pending, cancelled and failed payments are shown as such and
        book nothing."""
        self._login(self.jan)
        due = self.unit_1._msom_open_amount()
        for state, css in (
            ("pending", "msom_pay_pending"),
            ("cancel", "msom_pay_cancel"),
            ("error", "msom_pay_error"),
        ):
            with self.subTest(state=state):
                tx = self._pay("/my/pay/unit/%s" % self.unit_1.id)
                self._notify(tx, state)
                self.assertEqual(tx.state, state)
                self.assertFalse(tx.payment_id)
                self.assertIn(css, self.url_open(tx.landing_route).text)
        self.assertAlmostEqual(self.unit_1._msom_open_amount(), due)

    def test_two_tabs_same_notice(self):
        """Two payments of the same notice both succeed at the provider: the
        first settles it, the second the older notice and the rest is the
        unit's credit."""
        self._login(self.jan)
        route = "/my/pay/document/%s" % self.notice_1b.id
        first, second = self._pay(route), self._pay(route)
        self.assertNotEqual(first.reference, second.reference)
        self._notify(first, "done")
        self._notify(second, "done")
        self.assertTrue(self._open(self.notice_1b).reconciled)
        self.assertTrue(self._open(self.notice_1a).reconciled)
        credit = second.payment_id.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertAlmostEqual(
            -credit.amount_residual,
            self.notice_1b.amount_total - self.notice_1a.amount_total,
        )
        self.assertEqual(credit.unit_id, self.unit_1)
        self.assertEqual(self.unit_1._msom_open_amount(), 0.0)

    def test_overpayment_and_chosen_amount(self):
        """A chosen amount above the dues pays them all; the rest stays as
        the unit's credit. A chosen amount must be positive."""
        self._login(self.jan)
        due = self.unit_1._msom_open_amount()
        page = self.url_open("/my/pay/unit/%s?amount=-5" % self.unit_1.id)
        self.assertEqual(page.status_code, 200)
        self.assertIn("msom_pay_error", page.text)
        route = "/my/pay/unit/%s" % self.unit_1.id
        with self.assertRaises(JsonRpcException):
            self._pay(route, amount="nic")
        tx = self._pay(route, amount=due + 100)
        self.assertAlmostEqual(tx.amount, due + 100)
        self._notify(tx, "done")
        self.assertTrue(self._open(self.notice_1a).reconciled)
        self.assertTrue(self._open(self.notice_1b).reconciled)
        balance = self.unit_1._msom_turnover("2025-01-01", "2099-12-31")
        self.assertAlmostEqual(balance[self.unit_1.id]["closing"], -100.0)

    def test_foreign_unit_and_documents(self):
        """Another resident's unit, document or payment cannot be paid,
        looked at or confirmed through the request."""
        self._login(self.jan)
        for url in (
            "/my/pay/unit/%s" % self.unit_12.id,
            "/my/pay/document/%s" % self.notice_12.id,
            "/my/pay/demand/%s" % self.notice_12.id,
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
                with self.assertRaises(JsonRpcException):
                    self._pay(url)
        self.assertFalse(self.Tx.search([("msom_unit_id", "=", self.unit_12.id)]))
        # a transaction of another resident is not shown
        self._login(self.ewa)
        tx = self._pay("/my/pay/unit/%s" % self.unit_12.id)
        self._login(self.jan)
        self.assertEqual(self.url_open(tx.landing_route).status_code, 404)
        # nor can the unit or the payer be swapped through the form's values
        for extra in ({"msom_unit_id": self.unit_12.id}, {"partner_id": 5}):
            with self.subTest(extra=extra), self.assertRaises(JsonRpcException):
                self._pay("/my/pay/unit/%s" % self.unit_1.id, **extra)

    def test_pay_demand(self):
        """A payment demand pays the documents it lists, what is left of
        them, not the interest it quotes."""
        demand = self.env["msom.payment.demand"].create(
            {
                "name": "WZ/2025/0001",
                "unit_id": self.unit_1.id,
                "partner_id": self.owner.id,
                "level_id": self.env["msom.dunning.level"].search([], limit=1).id,
                "date_deadline": "2025-03-14",
                "amount_principal": self.notice_1a.amount_total,
                "amount_interest": 12.5,
                "state": "sent",
                "line_ids": [
                    Command.create(
                        {
                            "move_id": self.notice_1a.id,
                            "residual": self.notice_1a.amount_total,
                        }
                    )
                ],
            }
        )
        self._login(self.jan)
        self.assertIn(
            "/my/pay/demand/%s" % demand.id, self.url_open("/my/documents").text
        )
        tx = self._pay("/my/pay/demand/%s" % demand.id, amount=9999)
        self.assertEqual(tx.msom_document_ids, self.notice_1a)
        self.assertAlmostEqual(tx.amount, self.notice_1a.amount_total)
        self.assertTrue(tx.reference.startswith("WZ/2025/0001"))
        self._notify(tx, "done")
        self.assertTrue(self._open(self.notice_1a).reconciled)
        self.assertFalse(self._open(self.notice_1b).reconciled)

    def test_co_owner_pays_unit_dues(self):
        """A co-owner pays the unit's dues: booked for the unit's payer."""
        partner = self.env["res.partner"].create(
            {"name": "Anna Nowak", "email": "anna.nowak@example.pl"}
        )
        self.unit_1.current_occupancy_ids.write(
            {"share_numerator": 1, "share_denominator": 2}
        )
        self._occupy(self.unit_1, partner, role="co_owner", share=(1, 2))
        anna = self._portal_user(partner, "portal_anna")
        self._login(anna)
        due = self.unit_1._msom_open_amount()
        tx = self._pay("/my/pay/unit/%s" % self.unit_1.id)
        self.assertEqual(tx.partner_id, partner)
        self.assertAlmostEqual(tx.amount, due)
        self._notify(tx, "done")
        self.assertEqual(tx.payment_id.partner_id, self.owner)
        self.assertEqual(self.unit_1._msom_open_amount(), 0.0)

    def test_no_provider_no_pages(self):
        """Without an active provider there is no button and no page to
        manage payment methods."""
        self._login(self.jan)
        self.assertIn(
            "msom_pay_online", self.url_open("/my/units/%s" % self.unit_1.id).text
        )
        self.provider.state = "disabled"
        self.assertNotIn(
            "msom_pay_online", self.url_open("/my/units/%s" % self.unit_1.id).text
        )
        response = self.url_open("/my/payment_method", allow_redirects=False)
        self.assertEqual(response.status_code, 303)


@tagged("post_install", "-at_install")
class TestOnlinePaymentTours(MsomOnlinePaymentMixin, MsomPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_online_payment()
        cls._build_tour_bundles()

    def test_pay_one_notice_tour(self):
        """The resident pays the latest notice with the demo provider: the
        notice is reconciled and the unit's balance drops by its amount."""
        notices = self.env["account.move"].search(
            [("unit_id", "=", self.unit_1.id), ("msom_charge_period", "!=", False)],
            order="msom_charge_period desc",
        )
        due = self.unit_1._msom_open_amount()
        self.start_tour(
            "/my/balances/%s?year=2025" % self.unit_1.id,
            "msom_portal_pay_notice_tour",
            login="portal_jan",
        )
        self.assertTrue(self._open(notices[0]).reconciled)
        self.assertFalse(self._open(notices[1]).reconciled)
        self.assertAlmostEqual(
            self.unit_1._msom_open_amount(), due - notices[0].amount_total
        )

    def test_pay_unit_dues_tour(self):
        """The resident pays the whole due amount of a unit with two open
        notices."""
        notices = self.env["account.move"].search(
            [("unit_id", "=", self.unit_1.id), ("msom_charge_period", "!=", False)]
        )
        self.assertEqual(len(notices), 2)
        self.start_tour(
            "/my/units/%s" % self.unit_1.id,
            "msom_portal_pay_unit_tour",
            login="portal_jan",
        )
        self.assertTrue(all(self._open(notices).mapped("reconciled")))
        self.assertEqual(self.unit_1._msom_open_amount(), 0.0)
