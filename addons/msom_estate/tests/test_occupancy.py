# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MsomEstateCase


@tagged("post_install", "-at_install")
class TestOccupancy(MsomEstateCase):
    def test_co_owners_may_share_the_whole_unit(self):
        self._occupy(self.unit_1, self.owner, role="co_owner", share=(1, 3))
        self._occupy(self.unit_1, self.neighbour, role="co_owner", share=(2, 3))
        self.assertEqual(len(self.unit_1.current_occupancy_ids), 2)

    def test_co_owners_above_the_whole_unit_are_refused(self):
        self._occupy(self.unit_1, self.owner, role="co_owner", share=(1, 2))
        with self.assertRefused(ValidationError, "add up to 7/6"):
            self._occupy(self.unit_1, self.neighbour, role="co_owner", share=(2, 3))

    def test_shares_of_successive_owners_do_not_add_up(self):
        self._occupy(self.unit_1, self.owner, date_to="2022-06-30")
        self._occupy(self.unit_1, self.neighbour, date_from="2022-07-01")
        with self.assertRefused(ValidationError, "add up to 2"):
            self._occupy(
                self.unit_1,
                self.env["res.partner"].create({"name": "Trzeci"}),
                date_from="2022-06-30",
                date_to="2022-06-30",
            )

    def test_tenants_do_not_count_as_owners(self):
        self._occupy(self.unit_1, self.owner)
        tenancy = self._occupy(self.unit_1, self.neighbour, role="tenant")
        self.assertEqual(tenancy.role, "tenant")

    def test_overlapping_occupancy_of_the_same_person_is_refused(self):
        self._occupy(self.unit_1, self.owner, role="resident", date_to="2023-12-31")
        with self.assertRefused(ValidationError, "overlapping period"):
            self._occupy(
                self.unit_1, self.owner, role="resident", date_from="2023-12-31"
            )
        later = self._occupy(
            self.unit_1, self.owner, role="resident", date_from="2024-01-01"
        )
        self.assertTrue(later)

    def test_end_before_start_is_refused(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._occupy(self.unit_1, self.owner, date_to="2019-01-01")
            self.env.flush_all()

    def test_share_in_unit_is_checked(self):
        with self.assertRefused(ValidationError, "greater than 0 and at most 1"):
            self._occupy(self.unit_1, self.owner, role="co_owner", share=(0, 2))

    def test_occupancy_only_on_units(self):
        with self.assertRefused(ValidationError, "only be recorded on a unit"):
            self._occupy(self.building, self.owner)

    def test_current_occupancy_and_history(self):
        past = self._occupy(self.unit_1, self.owner, date_to="2021-12-31")
        current = self._occupy(self.unit_1, self.neighbour, date_from="2022-01-01")
        self.assertFalse(past.is_current)
        self.assertTrue(current.is_current)
        self.assertEqual(
            self.Occupancy.search(
                [("is_current", "=", True), ("unit_id", "=", self.unit_1.id)]
            ),
            current,
        )
        in_2021 = self.Occupancy.with_context(msom_date=date(2021, 6, 1))
        self.assertEqual(
            in_2021.search(
                [("is_current", "=", True), ("unit_id", "=", self.unit_1.id)]
            ),
            past,
        )
        self.assertEqual(self.neighbour._get_current_units(), self.unit_1)
        self.assertFalse(self.owner._get_current_units())

    def test_partner_holds_several_units(self):
        self._occupy(self.unit_1, self.owner)
        self._occupy(self.unit_12, self.owner, role="co_owner", share=(1, 2))
        self.assertEqual(self.owner._get_current_units(), self.unit_1 | self.unit_12)
        self.assertEqual(self.owner.occupancy_count, 2)
