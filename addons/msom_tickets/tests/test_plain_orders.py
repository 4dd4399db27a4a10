# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import ast

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import MsomTicketCase


@tagged("post_install", "-at_install")
class TestPlainOrders(MsomTicketCase):
    """Plain Field Service orders live next to tickets with Field Service's
    behaviour: no ticket rule, number, stage, SLA or portal access of ours."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A client's boiler room: a Field Service location outside the registry.
        client = cls.env["res.partner"].create({"name": "Ciepłownia Klient S.A."})
        cls.boiler_room = cls.env["fsm.location"].create(
            {
                "name": "Kotłownia Klienta",
                "owner_id": client.id,
                "partner_id": client.id,
            }
        )
        cls.plain = cls.env["fsm.order"].create(
            {"location_id": cls.boiler_room.id, "category_id": cls.plumbing.id}
        )
        cls.ticket = cls._ticket(cls.unit_1)

    def test_marker(self):
        self.assertFalse(self.plain.is_ticket)
        self.assertTrue(self.ticket.is_ticket)
        # Without a word from the creator, an order on the registry is a ticket.
        reported = self.env["fsm.order"].create({"location_id": self.unit_12.id})
        self.assertTrue(reported.is_ticket)
        self.assertEqual(reported.stage_id, self.stage["new"])
        # A crew's order explicitly outside the flow, even on the registry.
        crew = self.env["fsm.order"].create(
            {"location_id": self.building.id, "is_ticket": False}
        )
        self.assertFalse(crew.is_ticket)
        self.assertEqual(crew.stage_id, self.env.ref("fieldservice.fsm_stage_new"))

    def test_plain_order_keeps_field_service_behaviour(self):
        plain = self.plain
        self.assertEqual(plain.stage_id, self.env.ref("fieldservice.fsm_stage_new"))
        self.assertEqual(self.ticket.stage_id, self.stage["new"])
        # No SLA and no contractor of the case group: those are ticket rules.
        self.assertFalse(plain.sla_deadline)
        self.assertFalse(plain.contractor_id)
        self.assertTrue(self.ticket.sla_deadline)
        self.assertEqual(self.ticket.contractor_id, self.hydro)
        # Field Service's numbering, the same sequence as the tickets'.
        sequence = self.env["ir.sequence"].search([("code", "=", "fsm.order")])
        self.assertTrue(plain.name.startswith(sequence.prefix), plain.name)
        self.assertTrue(self.ticket.name.startswith(sequence.prefix))
        self.assertFalse(plain.duplicate_candidate_ids)
        plain.action_complete()
        self.assertEqual(
            plain.stage_id, self.env.ref("fieldservice.fsm_stage_completed")
        )

    def test_board_counts_tickets_only(self):
        stats = self.env["fsm.order"].get_ticket_statistics(
            [("id", "in", (self.plain | self.ticket).ids)]
        )
        self.assertEqual(stats["total"], 1)
        action = self.env.ref("msom_tickets.action_msom_ticket_board")
        domain = ast.literal_eval(action.domain) + [
            ("id", "in", (self.plain | self.ticket).ids)
        ]
        self.assertEqual(self.env["fsm.order"].search(domain), self.ticket)
        report = self.env["msom.ticket.report"].search(
            [("order_id", "in", (self.plain | self.ticket).ids)]
        )
        self.assertEqual(report.order_id, self.ticket)

    def test_board_form_creates_tickets_on_the_registry_only(self):
        board = self.env["fsm.order"].with_context(default_is_ticket=True)
        with self.assertRaisesRegex(ValidationError, "registry"):
            board.create({"location_id": self.boiler_room.id})
        form = Form(board.with_context(default_location_id=self.unit_1.id))
        ticket = form.save()
        self.assertTrue(ticket.is_ticket)
        self.assertEqual(ticket.stage_id, self.stage["new"])

    def test_portal_roles_never_see_plain_orders(self):
        self._occupy(self.unit_1, self.owner)
        resident = self._resident_user(self.owner, "t_resident_plain")
        contractor = new_test_user(
            self.env,
            login="t_plumber_plain",
            groups="msom_estate.group_msom_contractor",
            partner_id=self.plumber.partner_id.id,
        )
        # A plain order on the resident's unit, of the contractor's company.
        on_unit = self.env["fsm.order"].create(
            {
                "location_id": self.unit_1.id,
                "is_ticket": False,
                "contractor_id": self.hydro.id,
                "person_id": self.plumber.id,
            }
        )
        for user in (resident, contractor):
            self.assertIn(self.ticket, self.ticket.with_user(user).search([]))
            with self.assertRaises(AccessError):
                on_unit.with_user(user).read(["name"])
