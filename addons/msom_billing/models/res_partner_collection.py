# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


# Kept apart from the billing (1) file of the same model while both are
# reworked in parallel; merge them once both branches are in main.
# pylint: disable=consider-merging-classes-inherited
class ResPartner(models.Model):
    _inherit = "res.partner"

    msom_consent_ids = fields.One2many("msom.consent", "partner_id", string="Consents")

    def _msom_has_consent(self, consent_type):
        self.ensure_one()
        return self.id in self.env["msom.consent"]._partners_with_consent(
            consent_type, self.ids
        )

    def msom_grant_consent(self, consent_type, channel="portal"):
        """Portal API: grant a consent of this partner (history kept)."""
        self.ensure_one()
        return self.env["msom.consent"]._set_consent(self, consent_type, True, channel)

    def msom_withdraw_consent(self, consent_type, channel="portal"):
        """Portal API: withdraw a consent of this partner (history kept)."""
        self.ensure_one()
        return self.env["msom.consent"]._set_consent(self, consent_type, False, channel)
