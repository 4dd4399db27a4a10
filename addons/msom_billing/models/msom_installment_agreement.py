# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class MsomInstallmentAgreement(models.Model):
    """An agreement to pay the debt in instalments (ugoda ratalna)."""

    _name = "msom.installment.agreement"
    _description = "Instalment Agreement"
    _order = "date desc, id desc"

    case_id = fields.Many2one(
        "msom.collection.case", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="case_id.partner_id", store=True)
    unit_id = fields.Many2one(related="case_id.unit_id", store=True)
    date = fields.Date(string="Signed On", required=True, default=fields.Date.today)
    total_amount = fields.Float(required=True, digits=(16, 2))
    installment_count = fields.Integer(string="Instalments", required=True, default=6)
    first_due_date = fields.Date(required=True)
    max_missed = fields.Integer(
        string="Missed Instalments Allowed",
        default=1,
        help="The agreement is broken when more instalments than this are missed.",
    )
    line_ids = fields.One2many(
        "msom.installment.line", "agreement_id", string="Schedule"
    )
    missed_count = fields.Integer(compute="_compute_missed", string="Missed")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("broken", "Broken"),
            ("done", "Paid"),
        ],
        default="draft",
        required=True,
    )

    @api.constrains("total_amount", "installment_count")
    def _check_amounts(self):
        for agreement in self:
            if agreement.total_amount <= 0 or agreement.installment_count < 1:
                raise ValidationError(
                    self.env._(
                        "An instalment agreement needs a positive amount and at "
                        "least one instalment."
                    )
                )

    @api.depends("line_ids.state")
    def _compute_missed(self):
        for agreement in self:
            agreement.missed_count = len(
                agreement.line_ids.filtered(lambda line: line.state == "missed")
            )

    def action_generate_schedule(self):
        for agreement in self:
            if agreement.state != "draft":
                raise UserError(
                    self.env._("Only the schedule of a draft agreement can change.")
                )
            agreement.line_ids.unlink()
            count = agreement.installment_count
            cents = round(agreement.total_amount * 100)
            base = cents // count
            vals_list = []
            for index in range(count):
                amount = base if index < count - 1 else cents - base * (count - 1)
                vals_list.append(
                    {
                        "agreement_id": agreement.id,
                        "sequence": index + 1,
                        "due_date": agreement.first_due_date
                        + relativedelta(months=index),
                        "amount": amount / 100.0,
                    }
                )
            self.env["msom.installment.line"].create(vals_list)
        return True

    def action_activate(self):
        for agreement in self:
            if not agreement.line_ids:
                agreement.action_generate_schedule()
            agreement.state = "active"
            agreement.case_id._set_stage(
                "installments",
                agreement.date,
                self.env._(
                    "Instalment agreement: %(amount).2f zł in %(count)s instalments",
                    amount=agreement.total_amount,
                    count=agreement.installment_count,
                ),
            )
        return True

    def _check_schedule(self, on_date=None):
        """Mark the agreement broken or paid from the state of its instalments."""
        on_date = on_date or fields.Date.context_today(self)
        for agreement in self.filtered(lambda a: a.state == "active"):
            lines = agreement.line_ids
            lines._compute_state_on(on_date)
            if all(line.state == "paid" for line in lines):
                agreement.state = "done"
            elif agreement.missed_count > agreement.max_missed:
                agreement.state = "broken"
                agreement.case_id.message_post(
                    body=self.env._(
                        "Instalment agreement broken: %(count)s instalments missed.",
                        count=agreement.missed_count,
                    )
                )

    @api.model
    def _cron_check(self):
        self.search([("state", "=", "active")])._check_schedule()
