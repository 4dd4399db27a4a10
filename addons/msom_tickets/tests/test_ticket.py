# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MsomTicketCase

PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
)


@tagged("post_install", "-at_install")
class TestTicket(MsomTicketCase):
    def test_new_ticket_defaults(self):
        ticket = self._ticket(priority="2", reporter_partner_id=self.owner.id)
        self.assertEqual(ticket.stage_id, self.stage["new"])
        self.assertEqual(ticket.ticket_state, "new")
        self.assertEqual(ticket.channel, "operator")
        # The case group proposes its contractor company.
        self.assertEqual(ticket.contractor_id, self.hydro)
        # Registry ancestors and the building's point.
        self.assertEqual(ticket.building_id, self.building)
        self.assertEqual(ticket.estate_id, self.estate)
        self.assertEqual(ticket.staircase_id, self.staircase_1)
        self.assertAlmostEqual(ticket.latitude, 52.18843, places=5)
        self.assertAlmostEqual(ticket.longitude, 21.05286, places=5)
        # SLA: 24 h for a high-priority plumbing ticket.
        self.assertEqual(ticket.sla_deadline, ticket.report_date + timedelta(hours=24))
        self.assertFalse(ticket.is_overdue)
        self.assertIn(self.owner, ticket.message_partner_ids)

    def test_sla_per_priority_and_group(self):
        urgent = self._ticket(priority="3")
        low = self._ticket(priority="1")
        self.assertEqual(urgent.sla_deadline - urgent.report_date, timedelta(hours=4))
        self.assertEqual(low.sla_deadline - low.report_date, timedelta(hours=168))
        urgent.priority = "0"
        self.assertEqual(urgent.sla_deadline - urgent.report_date, timedelta(hours=72))
        no_group = self._ticket(category_id=False)
        self.assertFalse(no_group.sla_deadline)
        self.assertFalse(no_group.is_overdue)

    def test_overdue_follows_the_clock(self):
        """Overdue is evaluated at read/search time: no stale flag."""
        now = fields.Datetime.now()
        late = self._ticket(priority="3", report_date=now - timedelta(hours=5))
        on_time = self._ticket(priority="3", report_date=now - timedelta(hours=3))
        done_late = self._ticket(
            priority="3",
            report_date=now - timedelta(hours=30),
            stage_id=self.stage["done"].id,
        )
        self.assertTrue(late.is_overdue)
        self.assertEqual(late.board_color, 1)
        self.assertFalse(on_time.is_overdue)
        self.assertFalse(done_late.is_overdue)
        tickets = late | on_time | done_late
        domain = [("id", "in", tickets.ids)]
        self.assertEqual(self.Ticket.search(domain + [("is_overdue", "=", True)]), late)
        self.assertEqual(
            self.Ticket.search(domain + [("is_overdue", "=", False)]),
            on_time | done_late,
        )
        # Two hours later the second one is overdue too, without any cron.
        on_time.report_date = now - timedelta(hours=6)
        self.assertEqual(
            self.Ticket.search(domain + [("is_overdue", "!=", False)]), late | on_time
        )

    def test_anonymous_reporter(self):
        ticket = self._ticket(
            channel="anonymous",
            reporter_name="Przechodzień",
            reporter_phone="+48 600 100 200",
            reporter_email="przechodzien@example.pl",
            location=self.building,
        )
        self.assertEqual(ticket.reporter_display, "Przechodzień")
        with self.assertRefused(ValidationError, "not a valid e-mail"):
            self._ticket(reporter_email="nie-mail")

    def test_location_is_required_and_from_the_registry(self):
        with self.assertRefused(ValidationError, "Choose where the problem is"):
            self.Ticket.create({"category_id": self.plumbing.id})
        outside = self.env["fsm.location"].create({"name": "Magazyn poza rejestrem"})
        with self.assertRefused(ValidationError, "must be an estate, a building"):
            self._ticket(location=outside)
        # Every registry level is accepted.
        for location in (self.estate, self.building, self.staircase_2, self.unit_12):
            self.assertEqual(self._ticket(location=location).location_id, location)

    def test_unit_of_another_company_refused(self):
        other_company = self.env["res.company"].create({"name": "Wspólnota Inna"})
        other_estate = self._create_estate("Os. Obce", other_company)
        count = self.Ticket.search_count([])
        with self.assertRefused(ValidationError, "can only be reported on a location"):
            self._ticket(location=other_estate)
        self.assertEqual(self.Ticket.search_count([]), count)

    def test_proposed_time_window(self):
        ticket = self._ticket(
            proposed_date=fields.Date.today(), proposed_time_from=8, proposed_time_to=12
        )
        self.assertEqual(ticket.proposed_time_to, 12)
        with self.assertRefused(ValidationError, "must start before it ends"):
            self._ticket(proposed_time_from=14, proposed_time_to=10)
        with self.assertRefused(ValidationError, "must start before it ends"):
            ticket.proposed_time_to = 25

    def _attachment(self, name, datas, mimetype=None):
        vals = {"name": name, "datas": datas}
        if mimetype:
            vals["mimetype"] = mimetype
        return self.env["ir.attachment"].create(vals)

    def test_attachments_checked(self):
        photo = self._attachment("kran.png", PNG)
        pdf = self._attachment("protokol.pdf", base64.b64encode(b"%PDF-1.4\n%%EOF"))
        ticket = self._ticket(attachment_ids=[(6, 0, (photo | pdf).ids)])
        self.assertEqual(ticket.attachment_ids, photo | pdf)
        # Attachments belong to the ticket, so they follow its access rules.
        self.assertEqual(set(ticket.attachment_ids.mapped("res_model")), {"fsm.order"})
        self.assertEqual(set(ticket.attachment_ids.mapped("res_id")), {ticket.id})

        script = self._attachment(
            "wirus.exe",
            base64.b64encode(b"MZ\x90\x00binary"),
            "application/x-msdownload",
        )
        count = self.Ticket.search_count([])
        with self.assertRefused(ValidationError, "cannot be attached to a ticket"):
            self._ticket(attachment_ids=[(6, 0, script.ids)])
        self.assertEqual(self.Ticket.search_count([]), count)
        with self.assertRefused(ValidationError, "cannot be attached to a ticket"):
            ticket.attachment_ids = [(4, script.id)]
        self.env["ir.config_parameter"].sudo().set_param(
            "msom_tickets.attachment_max_mb", "0.0001"
        )
        big = self._attachment("duze.png", base64.b64encode(b"\x89PNG" + b"0" * 2000))
        with self.assertRefused(ValidationError, "accepts files up to"):
            ticket.attachment_ids = [(4, big.id)]
        self.assertEqual(ticket.attachment_ids, photo | pdf)

    def test_duplicates_same_place(self):
        first = self._ticket(location=self.unit_1)
        # Same staircase, same group: a likely duplicate; other group: not.
        on_staircase = self._ticket(location=self.staircase_1)
        self.assertEqual(on_staircase.duplicate_candidate_ids, first)
        other_group = self._ticket(location=self.unit_1, category_id=self.electric.id)
        self.assertFalse(other_group.duplicate_candidate_ids)
        # A ticket on the building sees everything in it.
        on_building = self._ticket(location=self.building)
        self.assertEqual(on_building.duplicate_candidate_ids, first | on_staircase)
        # A closed ticket is no duplicate any more.
        first.write({"stage_id": self.stage["rejected"].id, "rejection_reason": "x"})
        self.assertNotIn(first, on_building._find_duplicates())
        # The creation logged the possible duplicate for the operator.
        self.assertIn(first.name, " ".join(on_staircase.message_ids.mapped("body")))

    def test_duplicates_within_radius(self):
        other_building = self.Location.create(
            {
                "name": "ul. Lipowa 7",
                "location_level": "building",
                "parent_id": self.estate.id,
                "partner_latitude": 52.18843,
                "partner_longitude": 21.05316,  # about 20 m east
            }
        )
        far_building = self.Location.create(
            {
                "name": "ul. Lipowa 99",
                "location_level": "building",
                "parent_id": self.estate.id,
                "partner_latitude": 52.19043,  # about 220 m north
                "partner_longitude": 21.05286,
            }
        )
        first = self._ticket(location=self.building)
        near = self._ticket(location=other_building)
        far = self._ticket(location=far_building)
        self.assertEqual(near.duplicate_candidate_ids, first)
        self.assertFalse(far.duplicate_candidate_ids)
        self.env["ir.config_parameter"].sudo().set_param(
            "msom_tickets.duplicate_radius_m", "500"
        )
        far.invalidate_recordset(["duplicate_candidate_ids"])
        self.assertEqual(far.duplicate_candidate_ids, first | near)

    def test_nearest_building_to_a_pin(self):
        """The one distance search: the nearest building within 300 m."""
        Location = self.env["fsm.location"]
        west, east = self.Location.create(
            [
                {
                    "name": name,
                    "location_level": "building",
                    "parent_id": self.estate.id,
                    "partner_latitude": 49.3,
                    "partner_longitude": longitude,
                }
                for name, longitude in (("Zachodni", 22.4), ("Wschodni", 22.4003))
            ]
        )  # about 22 m apart
        self.assertEqual(Location._msom_nearest_building(49.3, 22.40005), west)
        self.assertEqual(Location._msom_nearest_building(49.3, 22.40025), east)
        # About 330 m north: no building of ours.
        self.assertFalse(Location._msom_nearest_building(49.303, 22.4))

    def test_numbers_drawn_in_one_batch(self):
        names = self.env["ir.sequence"]._msom_next_names("fsm.order", 3, "Nowe")
        self.assertEqual(len(set(names)), 3)
        self.assertEqual(sorted(names), names)
        self.assertEqual(
            self.env["ir.sequence"]._msom_next_names("msom.no.such", 2, "Nowe"),
            ["Nowe", "Nowe"],
        )

    def test_merge_duplicate(self):
        original = self._ticket(reporter_partner_id=self.owner.id)
        photo = self._attachment("zdjecie.png", PNG)
        duplicate = self._ticket(
            location=self.staircase_1,
            reporter_partner_id=self.neighbour.id,
            attachment_ids=[(6, 0, photo.ids)],
        )
        wizard = (
            self.env["msom.ticket.merge"]
            .with_context(**duplicate.action_open_merge_wizard()["context"])
            .create({})
        )
        self.assertEqual(wizard.original_id, original)
        wizard.action_merge()
        self.assertEqual(duplicate.merged_into_id, original)
        self.assertEqual(duplicate.ticket_state, "rejected")
        self.assertIn(self.neighbour, original.message_partner_ids)
        self.assertEqual(original.attachment_ids, photo)
        self.assertEqual(photo.res_id, original.id)
        self.assertFalse(duplicate.attachment_ids)
        with self.assertRefused(Exception, "cannot be merged into itself"):
            original.action_merge_into(original)

    def test_contractor_assignment_by_building(self):
        Assignment = self.env["msom.contractor.assignment"]
        local = self.env["res.partner"].create(
            {"name": "Konserwatorzy Lipowa", "is_company": True, "is_contractor": True}
        )
        # Without a rule the case group's default contractor is used.
        self.assertEqual(self._ticket().contractor_id, self.hydro)
        Assignment.create(
            {"location_id": self.estate.id, "contractor_id": self.elektro.id}
        )
        self.assertEqual(self._ticket().contractor_id, self.elektro)
        Assignment.create({"location_id": self.building.id, "contractor_id": local.id})
        self.assertEqual(self._ticket(location=self.unit_12).contractor_id, local)
        Assignment.create(
            {
                "location_id": self.building.id,
                "category_id": self.plumbing.id,
                "contractor_id": self.hydro.id,
            }
        )
        self.assertEqual(self._ticket().contractor_id, self.hydro)
        self.assertEqual(
            self._ticket(category_id=self.electric.id).contractor_id, local
        )
        with self.assertRefused(ValidationError, "building or an estate"):
            Assignment.create(
                {"location_id": self.unit_1.id, "contractor_id": local.id}
            )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRefused(Exception, "already has a contractor|unique constraint"),
        ):
            Assignment.create(
                {"location_id": self.building.id, "contractor_id": local.id}
            )
