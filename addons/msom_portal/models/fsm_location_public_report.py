# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class FsmLocation(models.Model):
    _inherit = "fsm.location"  # pylint: disable=consider-merging-classes-inherited

    def _get_public_report_url(self):
        """The anonymous report form pre-filled with this location: the route
        ``/zgloszenie/<token>`` of ``controllers/public_report.py``, printed as
        a QR code on msom_estate's sheet."""
        self.ensure_one()
        return f"{self.get_base_url()}/zgloszenie/{self.sudo().public_report_token}"
