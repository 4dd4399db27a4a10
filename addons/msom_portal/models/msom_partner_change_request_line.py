# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

from odoo.addons.msom_billing.tools.nrb import normalize_nrb


class MsomPartnerChangeRequestLine(models.Model):
    _name = "msom.partner.change.request.line"
    _description = "Personal Data Change"
    _order = "id"

    request_id = fields.Many2one(
        "msom.partner.change.request", required=True, ondelete="cascade", index=True
    )
    field_key = fields.Char(required=True)
    field_label = fields.Char(string="Field", compute="_compute_field_label")
    old_value = fields.Char(string="Current Value")
    new_value = fields.Char(string="Requested Value")

    def _compute_field_label(self):
        labels = self.env["msom.partner.change.request"]._field_labels()
        for line in self:
            line.field_label = labels.get(line.field_key, line.field_key)

    def _get_or_create_bank(self, partner):
        if not self.new_value:
            return self.env["res.partner.bank"]
        digits = normalize_nrb(self.new_value)
        Bank = self.env["res.partner.bank"].sudo()
        bank = Bank.search(
            [
                ("partner_id", "=", partner.id),
                ("sanitized_acc_number", "in", (digits, "PL" + digits)),
            ],
            limit=1,
        )
        return bank or Bank.create({"partner_id": partner.id, "acc_number": digits})
