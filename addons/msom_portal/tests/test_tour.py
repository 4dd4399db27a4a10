# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from .common import MsomPortalCase


@tagged("post_install", "-at_install")
class TestPortalTours(MsomPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._build_tour_bundles()

    def test_resident_tour(self):
        self._ticket(
            self.staircase_1,
            self.neighbour,
            description="<p>Cieknie pion w piwnicy</p>",
        )
        self.start_tour("/my", "msom_portal_resident_tour", login="portal_jan")
        ticket = self.env["fsm.order"].search(
            [("reporter_partner_id", "=", self.owner.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.location_id, self.building)  # from the pin
        self.assertTrue(ticket.latitude)
        self.assertTrue(ticket.msom_entry_permission)
        self.assertEqual(ticket.attachment_ids.name, "kran.png")
        self.assertIn("grzejnik", str(ticket.description))
        self.assertIn("Proszę o telefon", " ".join(ticket.message_ids.mapped("body")))

    def test_payment_tour(self):
        provider = self.env.ref("payment.payment_provider_demo")
        provider.write({"state": "test", "is_published": True})
        self.start_tour("/my/invoices", "msom_portal_payment_tour", login="portal_jan")
        transaction = self.env["payment.transaction"].search(
            [("invoice_ids", "in", self.invoice_2.ids)]
        )
        self.assertEqual(transaction.state, "done")
