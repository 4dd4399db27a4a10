# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import email_normalize

from odoo.addons.msom_billing.tools.nrb import NrbError, format_nrb, validate_nrb

# The partner data a resident may ask the office to change, in display order.
# "refund_account" is the bank account for refunds (a res.partner.bank).
CHANGEABLE_KEYS = (
    "street",
    "street2",
    "zip",
    "city",
    "phone",
    "email",
    "msom_correspondence_street",
    "msom_correspondence_zip",
    "msom_correspondence_city",
    "refund_account",
)
PHONE_RE = re.compile(r"^\+?[0-9 ()\-]{9,20}$")
ZIP_RE = re.compile(r"^\d{2}-\d{3}$")


class MsomPartnerChangeRequest(models.Model):
    _name = "msom.partner.change.request"
    _description = "Personal Data Change Request"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(compute="_compute_name")
    partner_id = fields.Many2one(
        "res.partner", string="Resident", required=True, readonly=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many(
        "msom.partner.change.request.line", "request_id", string="Changes"
    )
    note = fields.Text(string="Resident's Note")
    reject_reason = fields.Text(string="Reason for Rejection", tracking=True)
    date_submitted = fields.Datetime(string="Submitted On", readonly=True)
    date_decided = fields.Datetime(string="Decided On", readonly=True)
    decided_by_id = fields.Many2one(
        "res.users", string="Decided By User", readonly=True
    )

    def _compute_name(self):
        for request in self:
            request.name = self.env._(
                "Data change %(partner)s #%(id)s",
                partner=request.partner_id.name or "",
                id=request.id or "",
            )

    @api.model
    def _field_labels(self):
        return {
            "street": self.env._("Street"),
            "street2": self.env._("Street 2"),
            "zip": self.env._("Postal Code"),
            "city": self.env._("City"),
            "phone": self.env._("Phone"),
            "email": self.env._("E-mail"),
            "msom_correspondence_street": self.env._("Correspondence: street"),
            "msom_correspondence_zip": self.env._("Correspondence: postal code"),
            "msom_correspondence_city": self.env._("Correspondence: city"),
            "refund_account": self.env._("Bank account for refunds"),
        }

    @api.model
    def _current_values(self, partner):
        partner = partner.sudo()
        values = {
            key: partner[key] or ""
            for key in CHANGEABLE_KEYS
            if key != "refund_account"
        }
        values["refund_account"] = partner.msom_refund_bank_id.acc_number or ""
        return values

    @api.model
    def _normalize_value(self, key, value):
        """The value to store, or a ValidationError in Polish for bad input."""
        value = (value or "").strip()
        if not value:
            if key == "email":
                raise ValidationError(
                    self.env._("The e-mail address cannot be removed.")
                )
            return ""
        labels = self._field_labels()
        if key == "phone" and not PHONE_RE.match(value):
            raise ValidationError(
                self.env._(
                    "%(value)s is not a valid phone number (9 to 15 digits, "
                    "optionally with +48).",
                    value=value,
                )
            )
        if key == "email":
            normalized = email_normalize(value)
            if not normalized:
                raise ValidationError(
                    self.env._("%(value)s is not a valid e-mail address.", value=value)
                )
            return normalized
        if key in ("zip", "msom_correspondence_zip") and not ZIP_RE.match(value):
            raise ValidationError(
                self.env._(
                    "%(field)s: %(value)s is not a Polish postal code (00-000).",
                    field=labels[key],
                    value=value,
                )
            )
        if key == "refund_account":
            try:
                return format_nrb(validate_nrb(value))
            except NrbError as error:
                raise ValidationError(
                    self.env._(
                        "%(value)s is not a valid Polish bank account number "
                        "(26 digits, IBAN PL).",
                        value=value,
                    )
                ) from error
        if len(value) > 120:
            raise ValidationError(
                self.env._("%(field)s is too long.", field=labels[key])
            )
        return value

    @api.model
    def _portal_submit(self, partner, values, note=None):
        """Submit the changes a resident asks for; nothing is saved on error."""
        partner = partner.sudo()
        pending = self.sudo().search_count(
            [("partner_id", "=", partner.id), ("state", "=", "submitted")]
        )
        if pending:
            raise UserError(
                self.env._(
                    "You already have a change request waiting for the office's "
                    "decision."
                )
            )
        current = self._current_values(partner)
        lines = []
        for key in CHANGEABLE_KEYS:
            if key not in values:
                continue
            new_value = self._normalize_value(key, values[key])
            old_value = current[key]
            if key == "refund_account" and old_value:
                old_value = format_nrb(old_value)
            if new_value != old_value:
                lines.append(
                    Command.create(
                        {
                            "field_key": key,
                            "old_value": old_value,
                            "new_value": new_value,
                        }
                    )
                )
        if not lines:
            raise UserError(self.env._("The form does not change any of your data."))
        return self.sudo().create(
            {
                "partner_id": partner.id,
                "company_id": partner._msom_resident_company().id,
                "state": "submitted",
                "date_submitted": fields.Datetime.now(),
                "note": (note or "").strip()[:2000] or False,
                "line_ids": lines,
            }
        )

    def _apply_lines(self):
        self.ensure_one()
        partner = self.partner_id.sudo()
        values = {}
        for line in self.line_ids:
            if line.field_key == "refund_account":
                partner.msom_refund_bank_id = line._get_or_create_bank(partner)
            else:
                values[line.field_key] = line.new_value or False
        if values:
            partner.write(values)

    def action_approve(self):
        self.check_access("write")
        for request in self:
            if request.state != "submitted":
                raise UserError(self.env._("Only a submitted request can be approved."))
            request._apply_lines()
            request.write(
                {
                    "state": "approved",
                    "date_decided": fields.Datetime.now(),
                    "decided_by_id": self.env.uid,
                }
            )
        return True

    def action_reject(self):
        self.check_access("write")
        for request in self:
            if request.state != "submitted":
                raise UserError(self.env._("Only a submitted request can be rejected."))
            if not request.reject_reason:
                raise UserError(
                    self.env._("Write the reason for the rejection for the resident.")
                )
            request.write(
                {
                    "state": "rejected",
                    "date_decided": fields.Datetime.now(),
                    "decided_by_id": self.env.uid,
                }
            )
        return True
