# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MsomInstallmentLine(models.Model):
    _name = "msom.installment.line"
    _description = "Instalment"
    _order = "agreement_id, sequence"

    agreement_id = fields.Many2one(
        "msom.installment.agreement", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="agreement_id.partner_id", store=True)
    sequence = fields.Integer(string="No.")
    due_date = fields.Date(required=True)
    amount = fields.Float(digits=(16, 2), required=True)
    paid_amount = fields.Float(digits=(16, 2))
    paid_date = fields.Date()
    state = fields.Selection(
        [("open", "Open"), ("paid", "Paid"), ("missed", "Missed")],
        default="open",
        required=True,
    )

    def _compute_state_on(self, on_date):
        for line in self:
            if line.paid_amount >= line.amount - 0.005:
                state = "paid"
            elif line.due_date < on_date:
                state = "missed"
            else:
                state = "open"
            if line.state != state:
                line.state = state
