# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import MsomTicketCase


@tagged("post_install", "-at_install")
class TestTicketSecurity(MsomTicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_12, cls.neighbour)
        cls.resident = cls._resident_user(cls.owner, "t_resident_sec")
        cls.neighbour_user = cls._resident_user(cls.neighbour, "t_neighbour_sec")
        cls.contractor_user = new_test_user(
            cls.env,
            login="t_plumber_sec",
            groups="msom_estate.group_msom_contractor",
            partner_id=cls.plumber.partner_id.id,
        )
        cls.other_company = cls.env["res.company"].create({"name": "Wspólnota Obca"})
        cls.other_estate = cls._create_estate("Os. Obce", cls.other_company)
        cls.env["fsm.team"].create({"name": "Obcy", "company_id": cls.other_company.id})
        # Tickets: Jan's own (unit 1), the neighbour's (unit 12), one on the
        # building, an electrical one, one of another company.
        cls.t_own = cls._ticket(cls.unit_1, reporter_partner_id=cls.owner.id)
        cls.t_unit_by_other = cls._ticket(
            cls.unit_1, channel="phone", reporter_name="Hydraulik z zewnątrz"
        )
        cls.t_neighbour = cls._ticket(cls.unit_12, reporter_partner_id=cls.neighbour.id)
        cls.t_building = cls._ticket(cls.building, category_id=cls.electric.id)
        cls.t_assigned = cls._ticket(
            cls.staircase_2, category_id=cls.electric.id, channel="phone"
        )
        cls.t_assigned.write({"contractor_id": False, "person_id": False})
        cls.t_foreign = cls.Ticket.with_company(cls.other_company).create(
            {
                "location_id": cls.other_estate.id,
                "company_id": cls.other_company.id,
                "category_id": cls.plumbing.id,
            }
        )
        cls.all_tickets = (
            cls.t_own
            | cls.t_unit_by_other
            | cls.t_neighbour
            | cls.t_building
            | cls.t_assigned
            | cls.t_foreign
        )

    def _visible(self, user):
        return (
            self.env["fsm.order"]
            .with_user(user)
            .search([("id", "in", self.all_tickets.ids)])
        )

    def test_operator_sees_own_company_only(self):
        self.assertEqual(
            self._visible(self.operator), self.all_tickets - self.t_foreign
        )
        with self.assertRefused(AccessError, "unauthorized|not allowed|restricted"):
            self.t_foreign.with_user(self.operator).read(["name"])
        with self.assertRefused(AccessError, ".*"):
            self.t_foreign.with_user(self.operator).write({"priority": "3"})

    def test_accountant_reads_tickets_without_changing_them(self):
        accountant = new_test_user(
            self.env,
            login="t_accountant_sec",
            groups="msom_estate.group_msom_accountant",
        )
        self.assertEqual(self._visible(accountant), self.all_tickets - self.t_foreign)
        self.assertTrue(self.t_own.with_user(accountant).read(["name", "location_id"]))
        with self.assertRefused(AccessError, ".*"):
            self.t_own.with_user(accountant).write({"priority": "3"})
        with self.assertRefused(AccessError, ".*"):
            self.Ticket.with_user(accountant).create({"location_id": self.unit_1.id})
        with self.assertRefused(AccessError, ".*"):
            self.unit_1.with_user(accountant).write({"room_count": 9})

    def test_resident_sees_own_tickets_and_units(self):
        self.assertEqual(
            self._visible(self.resident), self.t_own | self.t_unit_by_other
        )
        self.assertEqual(self._visible(self.neighbour_user), self.t_neighbour)
        for ticket in (self.t_neighbour, self.t_building, self.t_foreign):
            with self.assertRefused(AccessError, ".*"):
                ticket.with_user(self.resident).read(["name", "description"])
        with self.assertRefused(AccessError, ".*"):
            self.t_own.with_user(self.resident).write({"priority": "3"})
        with self.assertRefused(AccessError, ".*"):
            self.t_own.with_user(self.resident).unlink()

    def test_resident_moves_out(self):
        self.Occupancy.search(
            [("partner_id", "=", self.owner.id)]
        ).date_to = "2021-01-01"
        # Still sees what they reported, no longer the unit's other tickets.
        self.assertEqual(self._visible(self.resident), self.t_own)

    def test_resident_creates_without_office_fields(self):
        Ticket = self.env["fsm.order"].with_user(self.resident)
        report = {
            "location_id": self.unit_1.id,
            "reporter_partner_id": self.owner.id,
            "category_id": self.plumbing.id,
            "description": "<p>Cieknie</p>",
        }
        before = self.Ticket.search_count([])
        for office in (
            {"channel": "operator"},
            {"channel": "phone"},
            {"contractor_id": self.plumber.partner_id.id},
            {"person_id": self.plumber.id},
            {"rating": 5},
            {"reopen_count": 3},
            {"priority": "3"},
            {"report_date": "2020-01-01 08:00:00"},
            {"stage_id": self.env.ref("msom_tickets.fsm_stage_ticket_closed").id},
            {"name": "ZG-FALSZ"},
        ):
            with self.assertRefused(AccessError, "set by the office"):
                Ticket.create(dict(report, **office))
        self.assertEqual(self.Ticket.search_count([]), before)
        # without a channel the ticket still comes from the portal
        ticket = Ticket.create(report)
        self.assertEqual(ticket.channel, "portal")
        self.assertEqual(ticket.priority, "0")

    def test_resident_creates_only_in_own_name_and_place(self):
        Ticket = self.env["fsm.order"].with_user(self.resident)
        mine = Ticket.create(
            {
                "location_id": self.unit_1.id,
                "reporter_partner_id": self.owner.id,
                "channel": "portal",
                "category_id": self.plumbing.id,
            }
        )
        self.assertEqual(mine.reporter_partner_id, self.owner)
        common = Ticket.create(
            {
                "location_id": self.staircase_2.id,
                "reporter_partner_id": self.owner.id,
                "channel": "portal",
            }
        )
        self.assertTrue(common)
        with self.assertRefused(AccessError, ".*"):
            Ticket.create(
                {
                    "location_id": self.unit_12.id,  # the neighbour's flat
                    "reporter_partner_id": self.owner.id,
                    "channel": "portal",
                }
            )
        with self.assertRefused(AccessError, ".*"):
            Ticket.create(
                {
                    "location_id": self.unit_1.id,
                    "reporter_partner_id": self.neighbour.id,  # in someone's name
                    "channel": "portal",
                }
            )

    def test_contractor_sees_company_and_assigned(self):
        # Plumbing tickets go to Hydro-Test by default.
        company_tickets = self.t_own | self.t_unit_by_other | self.t_neighbour
        self.assertEqual(self._visible(self.contractor_user), company_tickets)
        for ticket in (self.t_building, self.t_assigned, self.t_foreign):
            with self.assertRefused(AccessError, ".*"):
                ticket.with_user(self.contractor_user).read(["name"])
        # A ticket assigned to the worker personally, without company: visible.
        self.t_assigned.write({"person_id": self.plumber.id})
        self.assertIn(self.t_assigned, self._visible(self.contractor_user))
        # Contractors update their tickets but never create or delete them.
        self.t_own.with_user(self.contractor_user).write(
            {"resolution": "<p>Wymieniono uszczelkę</p>"}
        )
        with self.assertRefused(AccessError, ".*"):
            self.t_building.with_user(self.contractor_user).write({"priority": "3"})
        with self.assertRefused(AccessError, ".*"):
            self.env["fsm.order"].with_user(self.contractor_user).create(
                {"location_id": self.unit_1.id}
            )
        with self.assertRefused(AccessError, ".*"):
            self.t_own.with_user(self.contractor_user).unlink()

    def test_contractor_loses_access_when_reassigned(self):
        self.t_own.contractor_id = self.elektro
        self.assertNotIn(self.t_own, self._visible(self.contractor_user))

    def test_contractor_sees_own_company_workers(self):
        people = self.env["fsm.person"].with_user(self.contractor_user).search([])
        self.assertIn(self.plumber, people)
        self.assertNotIn(self.electrician, people)

    def test_statistics_respect_rules(self):
        stats = (
            self.env["fsm.order"]
            .with_user(self.resident)
            .get_ticket_statistics([("id", "in", self.all_tickets.ids)])
        )
        self.assertEqual(stats["total"], 2)
