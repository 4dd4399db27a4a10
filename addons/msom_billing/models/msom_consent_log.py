# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import UserError

from .msom_consent import CHANNELS, CONSENT_TYPES


class MsomConsentLog(models.Model):
    """An immutable entry of the consent history."""

    _name = "msom.consent.log"
    _description = "Consent History"
    _order = "date desc, id desc"

    consent_id = fields.Many2one(
        "msom.consent", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="consent_id.partner_id", store=True)
    consent_type = fields.Selection(
        CONSENT_TYPES, related="consent_id.consent_type", store=True
    )
    action = fields.Selection(
        [("grant", "Granted"), ("withdraw", "Withdrawn")], required=True
    )
    date = fields.Datetime(required=True)
    channel = fields.Selection(CHANNELS, required=True)
    user_id = fields.Many2one("res.users", string="Recorded By")

    def write(self, vals):
        raise UserError(self.env._("The consent history cannot be changed."))

    def unlink(self):
        if not self.env.context.get("msom_consent_cascade"):
            raise UserError(self.env._("The consent history cannot be deleted."))
        return super().unlink()
