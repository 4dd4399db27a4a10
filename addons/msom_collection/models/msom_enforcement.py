# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MsomEnforcement(models.Model):
    """Enforcement by a bailiff (egzekucja komornicza)."""

    _name = "msom.enforcement"
    _description = "Enforcement"
    _order = "start_date desc, id desc"

    case_id = fields.Many2one(
        "msom.collection.case", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="case_id.partner_id", store=True)
    court_case_id = fields.Many2one("msom.court.case", string="Enforcement Title")
    bailiff = fields.Char(string="Bailiff (komornik)", required=True)
    reference = fields.Char(string="Bailiff Case (Km)")
    start_date = fields.Date(required=True, default=fields.Date.context_today)
    end_date = fields.Date()
    method = fields.Selection(
        [
            ("account", "Bank account seizure"),
            ("wage", "Wage seizure"),
            ("movable", "Movable property"),
            ("real_estate", "Real estate"),
        ],
        default="account",
    )
    state = fields.Selection(
        [
            ("ongoing", "Ongoing"),
            ("recovered", "Recovered"),
            ("ineffective", "Ineffective"),
            ("discontinued", "Discontinued"),
        ],
        default="ongoing",
        required=True,
    )
    recovered_amount = fields.Float(digits=(16, 2))
    costs = fields.Float(string="Enforcement Costs", digits=(16, 2))

    @api.constrains("court_case_id", "start_date", "end_date")
    def _check_title(self):
        for enforcement in self:
            title = enforcement.court_case_id
            if title and not title.clause_date:
                raise ValidationError(
                    self.env._(
                        "Enforcement needs an enforcement title: the court case "
                        "has no enforcement clause yet."
                    )
                )
            if enforcement.end_date and enforcement.end_date < enforcement.start_date:
                raise ValidationError(
                    self.env._("The enforcement cannot end before it starts.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        for enforcement in records:
            enforcement.case_id._set_stage(
                "enforcement",
                enforcement.start_date,
                self.env._(
                    "Enforcement by %(bailiff)s %(ref)s",
                    bailiff=enforcement.bailiff,
                    ref=enforcement.reference or "",
                ),
            )
        return records
