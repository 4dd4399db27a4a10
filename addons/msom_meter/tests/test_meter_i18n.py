# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.msom_billing.tests.common import MsomBillingCase
from odoo.addons.msom_estate.tests.common import MsomPolishMixin


@tagged("post_install", "-at_install")
class TestMeterPolish(MsomPolishMixin, MsomBillingCase):
    polish_modules = ("msom_billing", "msom_meter")

    def test_errors_in_polish(self):
        meter = self.polish["msom.meter"].create(
            {"serial_number": "ZW-PL", "meter_type": "cold_water",
             "unit_id": self.unit_1.id, "install_date": "2025-01-01",
             "initial_reading": 50.0}
        )  # fmt: skip
        with self.assertRefused(ValidationError, "jest niższy niż poprzedni"):
            self.polish["msom.meter.reading"].create(
                {"meter_id": meter.id, "date": "2025-02-01", "value": 40.0}
            )

        self._occupy(self.unit_1, self.owner)
        self.owner.msom_grant_consent("ereading", "office")
        meter = self.env["msom.meter"].create(
            {"serial_number": "ZW-PL-2", "meter_type": "cold_water",
             "unit_id": self.unit_1.id, "install_date": "2025-01-01"}
        )  # fmt: skip
        with self.assertRefused(UserError, "tylko w okresie odczytowym"):
            meter.with_context(lang="pl_PL").msom_submit_reading(self.owner, "10")
