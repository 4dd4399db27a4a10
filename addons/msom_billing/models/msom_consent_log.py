# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from .msom_consent import CHANNELS


class MsomConsentLog(models.Model):
    """An immutable entry of the consent history."""

    _name = "msom.consent.log"
    _description = "Consent History"
    _order = "date desc, id desc"

    consent_id = fields.Many2one(
        "msom.consent",
        string="Consent Record",
        required=True,
        index=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(related="consent_id.partner_id", store=True)
    consent_type = fields.Selection(related="consent_id.consent_type", store=True)
    action = fields.Selection(
        [("grant", "Granted"), ("withdraw", "Withdrawn")], required=True
    )
    date = fields.Datetime(required=True)
    channel = fields.Selection(CHANNELS, required=True)
    user_id = fields.Many2one("res.users", string="Recorded By")

    def write(self, vals):
        if vals:
            raise UserError(self.env._("The consent history cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The consent history cannot be deleted."))
