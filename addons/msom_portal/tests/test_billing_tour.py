# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from .common import MsomPortalCase
from .test_billing_pages import MsomPortalBillingMixin


@tagged("post_install", "-at_install")
class TestPortalBillingTour(MsomPortalBillingMixin, MsomPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_billing_pages()
        cls._build_tour_bundles()

    def test_consent_and_reading_tour(self):
        """Documents and the collection file, the e-reading consent granted,
        a reading refused (lower than the last) then sent with a photo."""
        self.start_tour("/my", "msom_portal_billing_tour", login="portal_jan")
        self.assertTrue(self.owner._msom_has_consent("ereading"))
        reading = self.meter_jan.reading_ids.filtered(lambda r: r.source == "resident")
        self.assertEqual(reading.value, 112.5)
        self.assertTrue(reading.photo)
        self.assertEqual(reading.campaign_id, self.campaign)
