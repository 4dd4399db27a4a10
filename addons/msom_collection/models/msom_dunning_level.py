# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

DUNNING_KINDS = [
    ("reminder", "Reminder"),
    ("demand", "Payment demand"),
    ("final", "Final demand before court"),
]


class MsomDunningLevel(models.Model):
    """A stage of payment demands: reminder → demand → final demand."""

    _name = "msom.dunning.level"
    _description = "Payment Demand Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    title = fields.Char(
        string="Letter Title", required=True, translate=True,
        help="The heading of the letter, e.g. Ostateczne wezwanie do zapłaty.",
    )  # fmt: skip
    sequence = fields.Integer(default=10)
    kind = fields.Selection(DUNNING_KINDS, required=True, default="demand")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    min_amount = fields.Float(
        string="Minimum Debt",
        default=50.0,
        help="Only debts of at least this amount reach this stage.",
    )
    wait_days = fields.Integer(
        string="Waiting Days",
        default=14,
        help="First stage: days after the oldest due date; later stages: days "
        "after the previous letter.",
    )
    payment_days = fields.Integer(
        string="Days to Pay", default=7, help="The deadline given in the letter."
    )
    text = fields.Text(
        translate=True, help="Closing paragraph of the letter (consequences)."
    )
