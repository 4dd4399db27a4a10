# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MsomEstateCase, MsomPolishMixin


@tagged("post_install", "-at_install")
class TestPolishTranslation(MsomPolishMixin, MsomEstateCase):
    polish_modules = ("msom_estate",)

    def test_units_are_named_in_polish(self):
        unit = self._create_unit(self.staircase_1.with_env(self.polish), "7")
        self.assertEqual(unit.name, "lok. 7")

    def test_errors_are_in_polish(self):
        with self.assertRefused(ValidationError, "leżą poza Polską"):
            self.building.with_env(self.polish).write(
                {"partner_latitude": 48.8566, "partner_longitude": 2.3522}
            )

    def test_selection_labels_are_in_polish(self):
        labels = dict(
            self.polish["msom.occupancy"]
            ._fields["role"]
            ._description_selection(self.polish)
        )
        self.assertEqual(labels["co_owner"], "Współwłaściciel")
