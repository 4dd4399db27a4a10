# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import secrets

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    msom_calendar_token = fields.Char(
        string="Payment Calendar Token", copy=False, groups="base.group_system"
    )
    msom_consent_ids = fields.One2many("msom.consent", "partner_id", string="Consents")
    msom_wants_invoice = fields.Boolean(
        string="Wants VAT Invoices",
        help="The payer asked for VAT invoices of the charges (art. 106b ust. 3 "
        "of the VAT act): the charge run issues invoices instead of notices.",
    )

    def _msom_get_calendar_url(self):
        """The tokenised iCal feed of this resident's payment calendar."""
        self.ensure_one()
        partner = self.sudo()
        if not partner.msom_calendar_token:
            partner.msom_calendar_token = secrets.token_urlsafe(24)
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        return f"{base}/msom/billing/calendar/{partner.msom_calendar_token}.ics"

    def _msom_resident_company(self):
        """The company of the partner's current occupancy (for new records)."""
        self.ensure_one()
        occupancy = (
            self.env["msom.occupancy"]
            .sudo()
            .search([("partner_id", "=", self.id), ("is_current", "=", True)], limit=1)
        )
        return occupancy.company_id or self.company_id or self.env.company

    def _msom_paying_units(self):
        """Units this partner pays for (current paying occupancies)."""
        occupancies = (
            self.env["msom.occupancy"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.id),
                    ("role", "in", ("owner", "co_owner", "member", "tenant")),
                    ("is_current", "=", True),
                ]
            )
        )
        return occupancies.unit_id

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
