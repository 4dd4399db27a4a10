# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTicketTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.operator = new_test_user(
            env,
            login="tour_operator",
            password="tour_operator",
            groups="msom_estate.group_msom_operator",
            name="Tour Operator",
        )
        Location = env["fsm.location"]
        estate = Location.create({"name": "Os. Tourowe", "location_level": "estate"})
        cls.building = Location.create(
            {
                "name": "ul. Tourowa 1",
                "location_level": "building",
                "parent_id": estate.id,
                "partner_latitude": 52.2,
                "partner_longitude": 21.0,
            }
        )
        company = env["res.partner"].create(
            {"name": "Tour-Hydro", "is_company": True, "is_contractor": True}
        )
        cls.category = env["fsm.category"].create(
            {
                "name": "tour-hydraulika",
                "contractor_id": company.id,
                "sla_hours_urgent": 2,
            }
        )
        cls.worker = env["fsm.person"].create(
            {"name": "Jan Tourowy", "parent_id": company.id}
        )
        # Tiles cannot load in the test browser: point them at a closed port.
        env["ir.config_parameter"].sudo().set_param(
            "leaflet.tile_url", "http://127.0.0.1:9/{z}/{x}/{y}.png"
        )

    def _ticket(self, name, **vals):
        return self.env["fsm.order"].create(
            dict(
                {
                    "name": name,
                    "location_id": self.building.id,
                    "category_id": self.category.id,
                },
                **vals,
            )
        )

    def test_board_tour(self):
        self._ticket(
            "ZG-TOUR-OLD",
            priority="3",
            report_date=fields.Datetime.now() - timedelta(hours=5),
        )
        self.start_tour(
            "/odoo/msom-tickets", "msom_tickets_board_tour", login="tour_operator"
        )
        ticket = self.env["fsm.order"].search(
            [("location_id", "=", self.building.id), ("name", "!=", "ZG-TOUR-OLD")]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.ticket_state, "forwarded")
        self.assertEqual(ticket.person_id, self.worker)
        self.assertEqual(ticket.forwarded_uid, self.operator)

    def test_map_tour(self):
        # Only our ticket is open in this database's test transaction.
        open_tickets = self.env["fsm.order"].search(
            [
                (
                    "ticket_state",
                    "in",
                    ("new", "accepted", "forwarded", "in_progress", "on_hold"),
                )
            ]
        )
        open_tickets.write({"latitude": 0, "longitude": 0})
        self._ticket("ZG-MAP-1")
        # A worker's name is theirs to choose: its initials spell markup here.
        self.worker.name = "< b > X"
        self.worker._set_last_position(52.201, 21.001)
        self.start_tour(
            "/odoo/msom-ticket-map", "msom_tickets_map_tour", login="tour_operator"
        )

    def test_dashboard_tour(self):
        ticket = self._ticket("ZG-DASH-1", priority="3")
        # Overdue a minute ago, reported today whatever the hour of the run.
        ticket.sla_deadline = fields.Datetime.now() - timedelta(minutes=1)
        self.start_tour(
            "/odoo/msom-ticket-dashboard",
            "msom_tickets_dashboard_tour",
            login="tour_operator",
        )
