# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

CONSENT_TYPES = [
    ("einvoice", "E-invoice (documents by e-mail and portal, no paper)"),
    ("ereading", "E-reading (meter readings submitted by the resident)"),
    ("installments", "Payment in instalments"),
]
CHANNELS = [
    ("portal", "Portal"),
    ("office", "Office (paper form)"),
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("import", "Import"),
]


class MsomConsent(models.Model):
    """The current state of one consent of a partner; every grant and
    withdrawal is kept in the history (msom.consent.log)."""

    _name = "msom.consent"
    _description = "Consent"
    _order = "partner_id, consent_type"
    _rec_name = "consent_type"

    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade"
    )
    consent_type = fields.Selection(CONSENT_TYPES, string="Consent", required=True)
    granted = fields.Boolean(readonly=True)
    date = fields.Datetime(string="Last Change", readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    user_id = fields.Many2one("res.users", string="Recorded By", readonly=True)
    log_ids = fields.One2many("msom.consent.log", "consent_id", string="History")

    _partner_type_unique = models.Constraint(
        "UNIQUE(partner_id, consent_type)",
        lambda env, diag: env._("The partner already has this consent."),
    )

    @api.model
    def _set_consent(self, partner, consent_type, granted, channel="portal"):
        """Grant or withdraw a consent, stamped with time, channel and user."""
        if consent_type not in dict(CONSENT_TYPES):
            raise UserError(self.env._("Unknown consent type."))
        if channel not in dict(CHANNELS):
            raise UserError(self.env._("Unknown consent channel."))
        if not self.env.su and not self.env.user._is_internal():
            # Portal users reach this through RPC too: the history must not
            # record someone else's consent, or an office channel, as theirs.
            if partner != self.env.user.partner_id:
                raise AccessError(self.env._("You can change only your own consents."))
            if channel != "portal":
                raise AccessError(
                    self.env._("Your consents are changed through the portal.")
                )
        if granted and consent_type == "einvoice" and not partner.email:
            raise UserError(
                self.env._(
                    "An e-mail address is needed before documents can be sent "
                    "electronically."
                )
            )
        consent = self.sudo().search(
            [("partner_id", "=", partner.id), ("consent_type", "=", consent_type)]
        )
        if consent and consent.granted == granted:
            return consent
        now = fields.Datetime.now()
        vals = {
            "granted": granted,
            "date": now,
            "channel": channel,
            "user_id": self.env.uid,
        }
        if consent:
            consent.write(vals)
        else:
            consent = self.sudo().create(
                dict(vals, partner_id=partner.id, consent_type=consent_type)
            )
        self.env["msom.consent.log"].sudo().create(
            {
                "consent_id": consent.id,
                "action": "grant" if granted else "withdraw",
                "date": now,
                "channel": channel,
                "user_id": self.env.uid,
            }
        )
        return consent

    @api.model
    def _partners_with_consent(self, consent_type, partner_ids=None):
        domain = [("consent_type", "=", consent_type), ("granted", "=", True)]
        if partner_ids is not None:
            domain.append(("partner_id", "in", list(partner_ids)))
        return set(self.sudo().search(domain).partner_id.ids)
