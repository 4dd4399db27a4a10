# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import MsomEstateCase


@tagged("post_install", "-at_install")
class TestRegistrySecurity(MsomEstateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_12, cls.neighbour)
        cls._occupy(cls.unit_2, cls.owner, date_to="2021-12-31")
        cls.resident = cls._resident_user(cls.owner, "resident_nowak")
        cls.contractor = new_test_user(
            cls.env,
            login="contractor_hydro",
            groups="msom_estate.group_msom_contractor",
        )
        cls.other_company = cls.env["res.company"].create({"name": "Wspólnota Inna"})
        cls.other_estate = cls._create_estate("Os. Obce", cls.other_company)
        cls.operator = new_test_user(
            cls.env, login="operator_a", groups="msom_estate.group_msom_operator"
        )

    def test_resident_reads_own_unit(self):
        unit = self.unit_1.with_user(self.resident)
        self.assertEqual(unit.unit_number, "1")
        self.assertEqual(unit.complete_name, self.unit_1.complete_name)

    def test_resident_cannot_open_another_residents_unit(self):
        with self.assertRaises(AccessError):
            self.unit_12.with_user(self.resident).read(["unit_number"])

    def test_resident_loses_a_unit_after_moving_out(self):
        with self.assertRaises(AccessError):
            self.unit_2.with_user(self.resident).read(["usable_area"])

    def test_resident_search_returns_only_own_units(self):
        units = (
            self.env["fsm.location"]
            .with_user(self.resident)
            .search([("location_level", "=", "unit")])
        )
        self.assertEqual(units, self.unit_1)

    def test_resident_sees_only_occupants_of_own_units(self):
        occupancies = self.env["msom.occupancy"].with_user(self.resident).search([])
        self.assertEqual(occupancies.unit_id, self.unit_1)
        neighbours = self.unit_12.occupancy_ids
        with self.assertRaises(AccessError):
            neighbours.with_user(self.resident).read(["partner_id"])

    def test_resident_cannot_write_the_registry(self):
        with self.assertRaises(AccessError):
            self.unit_1.with_user(self.resident).write({"usable_area": 99})
        with self.assertRaises(AccessError):
            self.env["msom.occupancy"].with_user(self.resident).create(
                {"unit_id": self.unit_12.id, "partner_id": self.owner.id,
                 "date_from": "2024-01-01"}
            )  # fmt: skip

    def test_contractor_never_sees_occupants(self):
        with self.assertRaises(AccessError):
            self.env["msom.occupancy"].with_user(self.contractor).search([])

    def test_operator_does_not_see_another_company(self):
        locations = (
            self.env["fsm.location"]
            .with_user(self.operator)
            .search([("location_level", "=", "estate")])
        )
        self.assertIn(self.estate, locations)
        self.assertNotIn(self.other_estate, locations)
        with self.assertRaises(AccessError):
            self.other_estate.with_user(self.operator).read(["name"])

    def test_operator_manages_occupancy(self):
        occupancy = (
            self.env["msom.occupancy"]
            .with_user(self.operator)
            .create({"unit_id": self.unit_2.id, "partner_id": self.neighbour.id,
                     "date_from": "2022-01-01"})
        )  # fmt: skip
        self.assertTrue(occupancy.is_current)

    def test_portal_users_of_the_cooperative_keep_their_identity(self):
        """Name, e-mail and phone of residents and contractors are the
        office's to change; language and time zone stay their own."""
        outsider = new_test_user(
            self.env, login="portal_outsider", groups="base.group_portal"
        )
        for user in (self.resident, self.contractor):
            me = user.with_user(user)
            for vals in (
                {"name": "<b>Ktoś Inny</b>"},
                {"email": "inny@example.com"},
                {"phone": "+48 600 000 000"},
                {"signature": "<p>podpis</p>"},
            ):
                with self.assertRaises(AccessError):
                    me.write(vals)
            me.write({"lang": "en_US", "tz": "Europe/Warsaw"})
            self.assertEqual(user.tz, "Europe/Warsaw")
        self.assertNotEqual(self.resident.name, "<b>Ktoś Inny</b>")
        # Odoo's behaviour for other portal users and for the office
        outsider.with_user(outsider).write({"name": "Zewnętrzny Klient"})
        self.assertEqual(outsider.name, "Zewnętrzny Klient")
        self.operator.with_user(self.operator).write({"phone": "+48 22 111 22 33"})
        self.assertEqual(self.operator.phone, "+48 22 111 22 33")
