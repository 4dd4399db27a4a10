# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields
from odoo.tests import tagged

from odoo.addons.msom_billing.tests.common import MsomBillingCase
from odoo.addons.msom_estate.tools import demo_env


@tagged("post_install", "-at_install")
class TestMeterDemo(MsomBillingCase):
    def test_demo_resident_campaign(self):
        """The demo gives its resident an open campaign of their meters."""
        self._occupy(self.unit_1, self.owner)
        self._occupy(self.unit_2, self.neighbour)
        meter = self.env["msom.meter"].create(
            {"serial_number": "ZW-DEMO-1", "meter_type": "cold_water",
             "unit_id": self.unit_1.id, "install_date": "2025-01-01"}
        )  # fmt: skip
        other = self.env["msom.meter"].create(
            {"serial_number": "ZW-DEMO-2", "meter_type": "cold_water",
             "unit_id": self.unit_2.id, "install_date": "2025-01-01"}
        )  # fmt: skip
        campaign = self.env["msom.meter.demo"]._demo_resident_campaign(
            self.owner, fields.Date.today()
        )
        self.assertEqual(campaign.state, "open")
        # the campaign covers the resident's estate: their meter (and the
        # neighbours' of the same estate), so the portal takes readings now
        self.assertEqual(meter._msom_open_campaigns()[meter.id], campaign)
        self.assertEqual(other._msom_open_campaigns()[other.id], campaign)

    def test_demo_texts_in_polish(self):
        self.env["res.lang"]._activate_lang("pl_PL")
        self.env.company.partner_id.lang = "pl_PL"
        self._occupy(self.unit_1, self.owner)
        today = fields.Date.today()
        demo = self.env["msom.meter.demo"].with_env(demo_env(self.env, "msom_meter"))
        campaign = demo._demo_resident_campaign(self.owner, today)
        self.assertEqual(campaign.name, f"Odczyty liczników {today:%m/%Y}")
