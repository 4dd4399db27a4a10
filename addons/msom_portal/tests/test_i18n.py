# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.msom_estate.tests.common import MsomPolishMixin

from .services_common import MsomPortalMixin


@tagged("post_install", "-at_install")
class TestPolishTranslation(MsomPolishMixin, MsomPortalMixin, BaseCommon):
    polish_modules = ("msom_portal",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_portal()

    def test_errors_are_in_polish(self):
        Request = self.polish["msom.partner.change.request"]
        with self.assertRefused(UserError, "nie jest poprawnym numerem telefonu"):
            Request._portal_submit(self.owner, {"phone": "12ab"})
        with self.assertRefused(UserError, "nie jest poprawnym numerem rachunku"):
            Request._portal_submit(self.owner, {"refund_account": "PL00 1234"})
        conversation = self.polish["msom.resident.conversation"]._get_for_partner(
            self.owner
        )
        with self.assertRefused(UserError, "Napisz wiadomość"):
            conversation._portal_post("")
        announcement = self.polish["msom.announcement"].create(
            {"name": "Test", "body": "<p>x</p>", "unit_type": "garage"}
        )
        with self.assertRefused(UserError, "żaden obecny mieszkaniec"):
            announcement.action_publish()

    def test_labels_are_in_polish(self):
        labels = dict(
            self.polish["msom.login.event"]
            ._fields["result"]
            ._description_selection(self.polish)
        )
        self.assertEqual(labels["locked"], "Zablokowane: zbyt wiele prób")
