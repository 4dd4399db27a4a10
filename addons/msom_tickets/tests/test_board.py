# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import MsomTicketCase


@tagged("post_install", "-at_install")
class TestBoard(MsomTicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now()
        long_ago = now - timedelta(days=10)
        cls.t_today = cls._ticket(priority="0")
        cls.t_old_late = cls._ticket(priority="3", report_date=long_ago)
        cls.t_old_done = cls._ticket(report_date=long_ago)
        cls.t_old_done.action_msom_forward()
        cls.t_old_done.action_msom_done()
        cls.t_old_done.done_date = long_ago + timedelta(hours=12)
        cls.t_reopened = cls._ticket(report_date=long_ago, category_id=cls.electric.id)
        cls.t_reopened.action_msom_forward()
        cls.t_reopened.action_msom_done()
        cls.t_reopened.action_msom_reopen("Znowu nie działa")
        cls.t_rejected = cls._ticket(report_date=long_ago, rejection_reason="Duplikat")
        cls.t_rejected.action_msom_reject()
        cls.tickets = (
            cls.t_today
            | cls.t_old_late
            | cls.t_old_done
            | cls.t_reopened
            | cls.t_rejected
        )
        cls.domain = [("id", "in", cls.tickets.ids)]

    def test_statistics(self):
        stats = self.env["fsm.order"].get_ticket_statistics(self.domain)
        self.assertEqual(stats["total"], 5)
        self.assertEqual(stats["done"], 1)
        self.assertEqual(stats["rejected"], 1)
        self.assertEqual(stats["not_done"], 3)
        self.assertEqual(stats["overdue"], 2)  # urgent + normal from 10 days ago
        self.assertEqual(stats["avg_hours_to_done"], 12.0)
        self.assertEqual(stats["reopened"], 1)
        self.assertEqual(stats["reopen_rate"], 50.0)  # 1 of 2 that were done

    def test_cuts(self):
        dashboard = self.env["fsm.order"].get_board_dashboard(self.domain)
        self.assertEqual(dashboard["all"]["total"], 5)
        # Forwarded today: two tickets were forwarded in setUp (now).
        self.assertEqual(dashboard["forwarded_today"]["total"], 2)
        self.assertEqual(dashboard["forwarded"]["total"], 2)
        self.assertEqual(dashboard["today"]["total"], 1)
        self.t_old_done.forwarded_date = fields.Datetime.now() - timedelta(days=3)
        dashboard = self.env["fsm.order"].get_board_dashboard(self.domain)
        self.assertEqual(dashboard["forwarded_today"]["total"], 1)
        self.assertEqual(dashboard["forwarded"]["total"], 2)

    def test_today_is_the_office_day(self):
        """After 23:00 UTC it is already tomorrow in Warsaw (CET)."""
        domain = [("id", "in", (self.t_today | self.t_old_late).ids)]
        self.t_today.forwarded_date = datetime(2026, 11, 29, 23, 10)  # 00:10 CET
        self.t_old_late.forwarded_date = datetime(2026, 11, 29, 22, 50)  # 23:50
        Ticket = self.env["fsm.order"].with_context(tz="Europe/Warsaw")
        with freeze_time("2026-11-29 23:30:00"):
            dashboard = Ticket.get_board_dashboard(domain)
        self.assertEqual(dashboard["forwarded_today"]["total"], 1)
        with freeze_time("2026-11-29 22:55:00"):
            dashboard = Ticket.get_board_dashboard(domain)
        self.assertEqual(dashboard["forwarded_today"]["total"], 1)

    def test_report_view(self):
        Report = self.env["msom.ticket.report"]
        rows = Report._read_group(
            [("order_id", "in", self.tickets.ids)],
            ["category_id"],
            ["ticket_count:sum", "done_count:sum", "overdue_count:sum",
             "reopened_count:sum", "resolution_hours:avg"],
        )  # fmt: skip
        by_group = {category: values for category, *values in rows}
        self.assertEqual(by_group[self.plumbing], [4, 1, 1, 0, 12.0])
        self.assertEqual(by_group[self.electric][0], 1)
        self.assertEqual(by_group[self.electric][3], 1)
        as_operator = Report.with_user(self.operator).search_count(
            [("order_id", "in", self.tickets.ids)]
        )
        self.assertEqual(as_operator, 5)

    def test_map_data(self):
        self.plumber._set_last_position(52.1890, 21.0530)
        data = self.env["fsm.order"].get_map_data(
            bounds=[52.0, 20.9, 52.3, 21.2], limit=100
        )
        pins = {pin["id"]: pin for pin in data["tickets"]}
        # Open tickets only (done, rejected are not pins; reopened is open).
        expected = {self.t_today.id, self.t_old_late.id, self.t_reopened.id}
        self.assertEqual(set(pins) & set(self.tickets.ids), expected)
        self.assertTrue(pins[self.t_old_late.id]["overdue"])
        self.assertIn(str(self.t_today.stage_id.id), data["stages"])
        workers = {worker["id"]: worker for worker in data["workers"]}
        self.assertAlmostEqual(workers[self.plumber.id]["lat"], 52.1890)
        self.assertEqual(workers[self.plumber.id]["company"], self.hydro.name)
        outside = self.env["fsm.order"].get_map_data(bounds=[50.0, 19.0, 50.1, 19.1])
        self.assertFalse({p["id"] for p in outside["tickets"]} & set(self.tickets.ids))

    def test_map_tiles_are_web_leaflet_libs(self):
        """The maps use web_leaflet_lib's parameters; its "False" (a database
        without demo data) means OpenStreetMap."""
        Params = self.env["ir.config_parameter"].sudo()
        Order = self.env["fsm.order"]
        Params.set_param("leaflet.tile_url", "https://tiles.example.pl/{z}/{x}/{y}.png")
        Params.set_param("leaflet.copyright", "© Kafelki")
        self.assertEqual(
            Order._map_tile_config(),
            {"tile_url": "https://tiles.example.pl/{z}/{x}/{y}.png",
             "attribution": "© Kafelki"},
        )  # fmt: skip
        Params.set_param("leaflet.tile_url", "False")
        self.assertEqual(
            Order._map_tile_config()["tile_url"],
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        )
