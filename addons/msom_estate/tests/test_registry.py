# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from fractions import Fraction

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MsomEstateCase


@tagged("post_install", "-at_install")
class TestRegistry(MsomEstateCase):
    def test_full_name_and_ancestors(self):
        self.assertEqual(
            self.unit_12.complete_name, "Os. Testowe / ul. Lipowa 5 / kl. II / unit 12"
        )
        self.assertEqual(self.unit_12.estate_id, self.estate)
        self.assertEqual(self.unit_12.building_id, self.building)
        self.assertEqual(self.unit_12.staircase_id, self.staircase_2)
        self.assertEqual(self.building.building_id, self.building)
        self.assertFalse(self.building.staircase_id)

    def test_moving_a_staircase_updates_its_units(self):
        other_building = self.Location.create(
            {"name": "ul. Lipowa 7", "location_level": "building",
             "parent_id": self.estate.id}
        )  # fmt: skip
        self.staircase_2.parent_id = other_building
        self.assertEqual(self.unit_12.building_id, other_building)
        self.assertEqual(
            self.unit_12.complete_name, "Os. Testowe / ul. Lipowa 7 / kl. II / unit 12"
        )

    def test_unit_directly_in_building(self):
        garage = self._create_unit(self.building, "G1", unit_type="garage")
        self.assertEqual(garage.building_id, self.building)
        self.assertFalse(garage.staircase_id)

    def test_level_order_is_enforced(self):
        with self.assertRefused(ValidationError, "cannot be placed under"):
            self._create_unit(self.estate, "99")
        with self.assertRefused(ValidationError, "cannot be placed under"):
            self.Location.create(
                {"name": "ul. Bez Osiedla 1", "location_level": "building"}
            )

    def test_unit_number_unique_per_building(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._create_unit(self.staircase_2, "1")
            self.env.flush_all()

    def test_same_unit_number_in_another_building(self):
        other_building = self.Location.create(
            {"name": "ul. Lipowa 9", "location_level": "building",
             "parent_id": self.estate.id}
        )  # fmt: skip
        unit = self._create_unit(other_building, "1")
        self.assertEqual(unit.unit_number, "1")

    def test_negative_area_is_refused(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._create_unit(self.staircase_1, "3", area=-10)
            self.env.flush_all()

    def test_common_share(self):
        self.assertAlmostEqual(self.unit_1.common_share, 485 / 1500, places=10)
        self.assertEqual(
            self.estate._get_total_common_share(),
            Fraction(485, 1500) + Fraction(6025, 15000) + Fraction(4125, 15000),
        )
        self.assertEqual(self.estate._get_total_common_share(), 1)

    def test_share_must_be_a_fraction_of_one(self):
        for numerator, denominator in ((3, 2), (1, 0), (-1, 5)):
            with self.assertRefused(ValidationError, "between 0 and 1"):
                self.unit_1.write(
                    {
                        "common_share_numerator": numerator,
                        "common_share_denominator": denominator,
                    }
                )

    def test_counts(self):
        self._occupy(self.unit_1, self.owner)
        self._occupy(self.unit_12, self.neighbour)
        self._occupy(self.unit_12, self.owner, role="resident", date_to="2021-01-01")
        self.assertEqual(self.estate.unit_count, 3)
        self.assertEqual(self.staircase_1.unit_count, 2)
        self.assertEqual(self.building.occupant_count, 2)
        self.assertEqual(self.unit_12.occupant_count, 1)
        action = self.building.action_view_units()
        self.assertEqual(
            self.Location.search(action["domain"]),
            self.unit_1 | self.unit_2 | self.unit_12,
        )

    def test_unit_named_after_number(self):
        unit = self._create_unit(self.staircase_1, "7A")
        self.assertEqual(unit.name, "unit 7A")
