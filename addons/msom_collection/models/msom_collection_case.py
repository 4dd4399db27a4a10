# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

COLLECTION_STAGES = [
    ("reminder", "Reminder"),
    ("demand", "Payment demand"),
    ("final_demand", "Final demand"),
    ("court", "Court claim (pozew)"),
    ("payment_order", "Payment order (nakaz zapłaty)"),
    ("objection", "Objection (sprzeciw)"),
    ("enforcement_clause", "Enforcement clause (klauzula)"),
    ("enforcement", "Enforcement by bailiff"),
    ("installments", "Instalment agreement"),
    ("closed", "Closed"),
]


class MsomCollectionCase(models.Model):
    """The debt-collection file (kartoteka windykacyjna) of a debtor and unit."""

    _name = "msom.collection.case"
    _description = "Debt Collection File"
    _inherit = ["msom.unit.debt.document", "mail.thread", "mail.activity.mixin"]
    _order = "stage_date desc, id desc"

    stage = fields.Selection(
        COLLECTION_STAGES, required=True, default="reminder", tracking=True
    )
    stage_date = fields.Date(default=fields.Date.context_today)
    amount_claimed = fields.Float(string="Debt at Last Stage", digits=(16, 2))
    balance_due = fields.Float(
        string="Overdue Now", compute="_compute_balance_due", digits=(16, 2)
    )
    event_ids = fields.One2many("msom.collection.event", "case_id", string="History")
    court_case_ids = fields.One2many("msom.court.case", "case_id", string="Court Cases")
    enforcement_ids = fields.One2many("msom.enforcement", "case_id")
    agreement_ids = fields.One2many(
        "msom.installment.agreement", "case_id", string="Instalment Agreements"
    )
    demand_ids = fields.One2many("msom.payment.demand", "case_id", string="Demands")
    document_ids = fields.One2many("msom.document", "case_id", string="Documents")
    note = fields.Html(string="Notes")

    _open_case_unique = models.UniqueIndex(
        "(company_id, unit_id, partner_id) WHERE stage != 'closed'",
        lambda env, diag: env._(
            "The debtor already has an open debt-collection file for this unit."
        ),
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "msom.collection.case"
                ) or self.env._("New")
        return super().create(vals_list)

    def _compute_balance_due(self):
        today = fields.Date.context_today(self)
        overdue = self.unit_id._msom_overdue_items(today, set(self.partner_id.ids))
        for case in self:
            items = overdue.get((case.unit_id.id, case.partner_id.id), [])
            case.balance_due = round(sum(item["residual"] for item in items), 2)

    @api.model
    def _get_open_case(self, unit_id, partner_id, company):
        case = self.search(
            [
                ("unit_id", "=", unit_id),
                ("partner_id", "=", partner_id),
                ("company_id", "=", company.id),
                ("stage", "!=", "closed"),
            ],
            limit=1,
        )
        return case or self.create(
            {"unit_id": unit_id, "partner_id": partner_id, "company_id": company.id}
        )

    def _set_stage(self, stage, date, description, amount=None):
        """Move the file to a stage and record it in the history."""
        for case in self:
            if case.stage == "closed" and stage != "closed":
                raise UserError(
                    self.env._(
                        "The debt-collection file %(number)s is closed; open a new "
                        "one.",
                        number=case.name,
                    )
                )
            vals = {"stage": stage, "stage_date": date}
            if amount is not None:
                vals["amount_claimed"] = amount
            case.write(vals)
            self.env["msom.collection.event"].create(
                {
                    "case_id": case.id,
                    "date": date,
                    "stage": stage,
                    "description": description,
                }
            )

    def action_close(self):
        self._set_stage(
            "closed", fields.Date.context_today(self), self.env._("File closed")
        )
        return True
