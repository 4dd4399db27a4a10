# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_amount


class MsomInstallmentAgreement(models.Model):
    """An agreement to pay the debt in instalments (ugoda ratalna)."""

    _name = "msom.installment.agreement"
    _description = "Instalment Agreement"
    _order = "date desc, id desc"

    case_id = fields.Many2one(
        "msom.collection.case", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="case_id.partner_id", store=True)
    unit_id = fields.Many2one(related="case_id.unit_id", store=True, index=True)
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

    @api.depends("line_ids.state", "line_ids.paid_amount")
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
                    "Instalment agreement: %(amount)s in %(count)s instalments",
                    amount=format_amount(
                        self.env,
                        agreement.total_amount,
                        agreement.case_id.company_id.currency_id,
                    ),
                    count=agreement.installment_count,
                ),
            )
        return True

    def _paid_by_instalment(self):
        """{instalment id: (amount paid, day of the last payment in it)}.

        What the debtor paid towards the agreement is what the bank and cash
        payments received on or after signing settled of the unit's debt that
        was overdue when it was signed: the matching reconciles payments with
        the oldest charges first (art. 451 KC), so that debt is paid before
        the current charges. The amounts fill the instalments in order, the
        oldest first; a payment short of an instalment leaves it partly paid.
        """
        agreements = self.filtered("id")
        if not agreements:
            return {}
        for model in ("account.move.line", "account.partial.reconcile"):
            self.env[model].flush_model()
        agreements.flush_recordset(["unit_id", "partner_id", "date"])
        self.env.cr.execute(
            SQL(
                """
            SELECT a.id, c.date, p.amount
              FROM msom_installment_agreement a
              JOIN account_move_line d
                ON d.unit_id = a.unit_id AND d.partner_id = a.partner_id
              JOIN account_partial_reconcile p ON p.debit_move_id = d.id
              JOIN account_move_line c ON c.id = p.credit_move_id
              JOIN account_journal j ON j.id = c.journal_id
             WHERE a.id = ANY(%s)
               AND d.parent_state = 'posted' AND c.parent_state = 'posted'
               AND d.account_id = ANY(%s)
               AND COALESCE(d.date_maturity, d.date) < a.date
               AND c.date >= a.date
               AND j.type IN ('bank', 'cash')
             ORDER BY a.id, c.date, p.id
            """,
                agreements.ids,
                self.env["fsm.location"]._msom_receivable_account_ids(),
            ),
        )
        payments = {}
        for agreement_id, day, amount in self.env.cr.fetchall():
            payments.setdefault(agreement_id, []).append((day, amount))
        result = {}
        for agreement in agreements:
            lines = agreement.line_ids.sorted(lambda line: (line.sequence, line.id))
            paid = {line.id: [0.0, False] for line in lines}
            pending = iter(lines)
            line = next(pending, None)
            for day, amount in payments.get(agreement.id, []):
                while line and amount > 0.005:
                    part = min(amount, round(line.amount - paid[line.id][0], 2))
                    paid[line.id] = [round(paid[line.id][0] + part, 2), day]
                    amount = round(amount - part, 2)
                    if paid[line.id][0] >= line.amount - 0.005:
                        line = next(pending, None)
            result.update((key, tuple(value)) for key, value in paid.items())
        return result

    def _check_schedule(self, on_date=None):
        """Mark the agreement broken or paid from the state of its instalments."""
        on_date = on_date or fields.Date.context_today(self)
        # paid amounts follow the payments, which the cache does not track
        self.line_ids.invalidate_recordset(["paid_amount", "paid_date", "state"])
        self.invalidate_recordset(["missed_count"])
        for agreement in self.filtered(lambda a: a.state == "active"):
            states = [line._state_on(on_date) for line in agreement.line_ids]
            missed = states.count("missed")
            if all(state == "paid" for state in states):
                agreement.state = "done"
            elif missed > agreement.max_missed:
                agreement.state = "broken"
                agreement.case_id.message_post(
                    body=self.env._(
                        "Instalment agreement broken: %(count)s instalments missed.",
                        count=missed,
                    )
                )

    @api.model
    def _msom_check_units(self, units):
        """Recheck the active agreements of units that received payments."""
        if units:
            self.sudo().search(
                [("state", "=", "active"), ("unit_id", "in", units.ids)]
            )._check_schedule()

    @api.model
    def _cron_check(self):
        self.search([("state", "=", "active")])._check_schedule()
