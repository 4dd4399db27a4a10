# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class MsomInstallmentLine(models.Model):
    """An instalment; what is paid of it comes from the bank payments on the
    unit (see msom.installment.agreement._paid_by_instalment)."""

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
    paid_amount = fields.Float(
        digits=(16, 2), compute="_compute_paid", compute_sudo=True
    )
    paid_date = fields.Date(
        compute="_compute_paid",
        compute_sudo=True,
        help="The day of the last payment that went into this instalment.",
    )
    state = fields.Selection(
        [
            ("open", "Open"),
            ("partial", "Partly paid"),
            ("paid", "Paid"),
            ("missed", "Missed"),
        ],
        compute="_compute_state",
    )

    def _compute_paid(self):
        paid = self.agreement_id._paid_by_instalment()
        for line in self:
            line.paid_amount, line.paid_date = paid.get(line.id, (0.0, False))

    @api.depends("paid_amount", "amount", "due_date")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.state = line._state_on(today)

    def _state_on(self, on_date):
        """Paid in full, missed (not paid in full by its due date and still
        not), partly paid or open on the day."""
        self.ensure_one()
        if self.paid_amount >= self.amount - 0.005:
            return "paid"
        if self.due_date < on_date:
            return "missed"
        return "partial" if self.paid_amount > 0.005 else "open"
