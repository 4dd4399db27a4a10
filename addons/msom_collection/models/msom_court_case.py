# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# art. 13 ust. 1 ustawy o kosztach sądowych: (claim up to, fee)
COURT_FEES = [(500, 30), (1500, 100), (4000, 200), (7500, 400), (10000, 500),
              (15000, 750), (20000, 1000)]  # fmt: skip


def court_fee(amount):
    """The fixed court fee for a monetary claim (DOMAIN_PL §4)."""
    for limit, fee in COURT_FEES:
        if amount <= limit:
            return float(fee)
    return float(min(round(amount * 0.05, 2), 200000))


class MsomCourtCase(models.Model):
    """A court claim: pozew, nakaz zapłaty, sprzeciw, klauzula wykonalności."""

    _name = "msom.court.case"
    _description = "Court Case"
    _order = "filed_date desc, id desc"

    case_id = fields.Many2one(
        "msom.collection.case", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="case_id.partner_id", store=True)
    court = fields.Char(default="Sąd Rejonowy Lublin-Zachód w Lublinie (EPU)")
    reference = fields.Char(string="Case Number (sygnatura)")
    procedure = fields.Selection(
        [
            ("epu", "Electronic writ proceedings (EPU)"),
            ("summary", "Writ-of-payment proceedings (upominawcze)"),
            ("ordinary", "Ordinary proceedings"),
        ],
        default="epu",
        required=True,
    )
    claim_amount = fields.Float(digits=(16, 2), required=True)
    court_fee = fields.Float(compute="_compute_court_fee", store=True, readonly=False)
    filed_date = fields.Date(string="Claim Filed (pozew)", required=True)
    order_date = fields.Date(string="Payment Order (nakaz)")
    order_served_date = fields.Date(string="Order Served")
    objection_deadline = fields.Date(compute="_compute_objection_deadline", store=True)
    objection_date = fields.Date(string="Objection (sprzeciw)")
    judgment_date = fields.Date(string="Judgment")
    clause_date = fields.Date(string="Enforcement Clause (klauzula)")
    note = fields.Text()

    @api.depends("claim_amount")
    def _compute_court_fee(self):
        for case in self:
            case.court_fee = court_fee(case.claim_amount)

    @api.depends("order_served_date")
    def _compute_objection_deadline(self):
        for case in self:
            case.objection_deadline = case.order_served_date and (
                case.order_served_date + timedelta(days=14)
            )

    @api.constrains(
        "filed_date", "order_date", "order_served_date", "objection_date",
        "clause_date", "judgment_date", "claim_amount",
    )  # fmt: skip
    def _check_dates(self):
        for case in self:
            if case.claim_amount <= 0:
                raise ValidationError(self.env._("The claim must be above zero."))
            order = [
                (case.filed_date, case.order_date, self.env._("The payment order")),
                (case.order_date, case.order_served_date, self.env._("Its service")),
                (case.order_date, case.objection_date, self.env._("The objection")),
            ]
            for before, after, label in order:
                if after and (not before or after < before):
                    raise ValidationError(
                        self.env._(
                            "%(what)s cannot come before the step it follows.",
                            what=label,
                        )
                    )
            if case.clause_date:
                final = case.judgment_date or (
                    not case.objection_date and case.order_date
                )
                if not final or case.clause_date < final:
                    raise ValidationError(
                        self.env._(
                            "An enforcement clause needs a final payment order (no "
                            "objection) or a judgment before it."
                        )
                    )

    def _stage(self):
        self.ensure_one()
        if self.clause_date:
            return "enforcement_clause", self.clause_date
        if self.objection_date:
            return "objection", self.objection_date
        if self.order_date:
            return "payment_order", self.order_date
        return "court", self.filed_date

    def _sync_case_stage(self):
        labels = dict(
            self.env["msom.collection.case"]
            ._fields["stage"]
            ._description_selection(self.env)
        )
        for court_case in self:
            stage, date = court_case._stage()
            if court_case.case_id.stage != stage:
                court_case.case_id._set_stage(
                    stage,
                    date,
                    "%s %s" % (labels[stage], court_case.reference or ""),
                    amount=court_case.claim_amount,
                )

    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        cases._sync_case_stage()
        return cases

    def write(self, vals):
        res = super().write(vals)
        self._sync_case_stage()
        return res
