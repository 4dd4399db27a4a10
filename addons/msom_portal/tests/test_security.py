# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import requests

from odoo.tests import tagged
from odoo.tests.common import JsonRpcException

from .common import MsomPortalCase


@tagged("post_install", "-at_install")
class TestPortalEnumeration(MsomPortalCase):
    """Ewa (unit 12) walks through Jan's ids on every portal route."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.jan_ticket = cls._ticket(cls.unit_1, cls.owner)
        cls.protocol = cls.env["ir.attachment"].create(
            {
                "name": "protokol-jan.pdf",
                "raw": b"%PDF-1.4 secret",
                "mimetype": "application/pdf",
                "res_model": "fsm.order",
                "res_id": cls.jan_ticket.id,
            }
        )
        cls.ewa_ticket = cls._ticket(cls.unit_12, cls.neighbour)

    def assertRefused(self, response, secret=None):
        self.assertIn(response.status_code, (403, 404), response.url)
        if secret:
            self.assertNotIn(secret, response.text)

    def test_other_residents_ids_give_nothing(self):
        self._login(self.ewa)
        for unit in (self.unit_1, self.unit_2):
            self.assertRefused(self.url_open(f"/my/units/{unit.id}"), "Jan Nowak")
            self.assertRefused(self.url_open(f"/my/balances/{unit.id}"))
            self.assertRefused(self.url_open(f"/my/invoices?unit={unit.id}"))
        self.assertRefused(
            self.url_open(f"/my/tickets/{self.jan_ticket.id}"), self.jan_ticket.name
        )
        for action, data in (("rate", {"rating": "5"}), ("reopen", {"reason": "x"})):
            self.assertRefused(
                self._post(f"/my/tickets/{self.jan_ticket.id}/{action}", data)
            )
        for url in (
            f"/web/content/{self.protocol.id}?download=true",
            f"/my/tickets/{self.jan_ticket.id}/document/{self.protocol.id}",
            f"/my/tickets/{self.ewa_ticket.id}/document/{self.protocol.id}",
        ):
            self.assertRefused(self.url_open(url), "secret")
        self.assertRefused(self.url_open(f"/my/balances/document/{self.notice_1.id}"))
        # Odoo's own report routes print our reports only for who may read them
        for converter in ("html", "pdf"):
            self.assertRefused(
                self.url_open(
                    f"/report/{converter}/msom_billing.report_charge_notice/"
                    f"{self.notice_1.id}"
                ),
                "Jan Nowak",
            )
        # Odoo's own invoice page sends a stranger back to /my
        response = self.url_open(f"/my/invoices/{self.invoice_2.id}")
        self.assertNotIn(self.invoice_2.name, response.text)
        self.assertFalse(response.url.endswith(f"/my/invoices/{self.invoice_2.id}"))
        response = self.url_open(
            f"/my/invoices/{self.invoice_2.id}?report_type=pdf&download=true"
        )
        self.assertNotEqual(response.headers.get("Content-Type"), "application/pdf")
        # posting on Jan's ticket through the chatter
        refused = False
        try:
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": "fsm.order",
                    "thread_id": self.jan_ticket.id,
                    "post_data": {"body": "spam", "message_type": "comment"},
                },
            )
        except (requests.HTTPError, JsonRpcException):
            refused = True
        self.assertTrue(refused, "Ewa could post on Jan's ticket")
        self.assertNotIn("spam", str(self.jan_ticket.message_ids.mapped("body")))
        # a ticket on Jan's unit is refused, nothing created
        response = self._post(
            "/my/tickets/submit",
            {
                "location_id": str(self.unit_1.id),
                "description": "Próba",
                "category_id": str(self.plumbing.id),
            },
        )
        self.assertIn("Choose one of your units", response.text)

    def test_enumeration_sweep(self):
        """Every id around Jan's records, on every route with an id."""
        self._login(self.ewa)
        own_units = {self.unit_12.id}
        own_tickets = {self.ewa_ticket.id}
        unit_ids = set(range(self.unit_1.id - 3, self.unit_12.id + 4)) - own_units
        for unit_id in sorted(unit_ids):
            for url in (f"/my/units/{unit_id}", f"/my/balances/{unit_id}"):
                with self.subTest(url=url):
                    self.assertRefused(self.url_open(url))
        ticket_ids = set(range(self.jan_ticket.id - 2, self.ewa_ticket.id + 3))
        for ticket_id in sorted(ticket_ids - own_tickets):
            with self.subTest(ticket=ticket_id):
                self.assertRefused(self.url_open(f"/my/tickets/{ticket_id}"))
        moves = self.env["account.move"].search(
            [("unit_id", "in", (self.unit_1 | self.unit_2).ids)]
        )
        for move in moves:
            with self.subTest(move=move.name):
                self.assertRefused(self.url_open(f"/my/balances/document/{move.id}"))
        # her own pages work
        self.assertEqual(self.url_open(f"/my/units/{self.unit_12.id}").status_code, 200)
        self.assertEqual(
            self.url_open(f"/my/tickets/{self.ewa_ticket.id}").status_code, 200
        )
        page = self.url_open("/my/tickets?filterby=all").text
        self.assertNotIn(self.jan_ticket.name, page)

    def test_anonymous_visitor(self):
        for url in (
            f"/my/units/{self.unit_1.id}",
            f"/my/tickets/{self.jan_ticket.id}",
            f"/my/balances/{self.unit_1.id}",
            "/my/payments/calendar",
        ):
            response = self.url_open(url)
            self.assertIn("/web/login", response.url, url)
        self.assertRefused(
            self.url_open(f"/web/content/{self.protocol.id}?download=true"),
            "secret",
        )
        self.assertEqual(
            self.url_open("/msom/billing/calendar/" + "x" * 32 + ".ics").status_code,
            404,
        )
