# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import api, fields, models
from odoo.fields import Domain


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    unit_id = fields.Many2one(
        "fsm.location",
        string="Housing Unit",
        compute="_compute_unit_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        domain=[("location_level", "=", "unit")],
    )
    msom_component_id = fields.Many2one(
        "msom.charge.component",
        string="Charge Component",
        index="btree_not_null",
        ondelete="restrict",
    )

    # Turnover and balance per unit read receivable lines by unit and date.
    _msom_unit_date_idx = models.Index(
        "(unit_id, date) WHERE unit_id IS NOT NULL AND parent_state = 'posted'"
    )

    @api.depends("move_id.unit_id")
    def _compute_unit_id(self):
        for line in self:
            if line.move_id.unit_id or not line.unit_id:
                line.unit_id = line.move_id.unit_id

    @api.model
    def _msom_open_receivable_domain(self, units, partners=None):
        domain = Domain("unit_id", "in", units.ids) & Domain(
            "account_id.account_type", "=", "asset_receivable"
        )
        domain &= Domain("parent_state", "=", "posted") & Domain(
            "reconciled", "=", False
        )
        if partners is not None:
            domain &= Domain("partner_id", "in", partners.ids)
        return domain

    @api.model
    def _msom_reconcile_oldest_first(self, credit_lines):
        """Apply credits (payments, overpayments) to the oldest open charges.

        Art. 451 KC: without the debtor's choice a payment covers the debt
        already due, the oldest first. Per unit, payer and account, all open
        charges and the new credits form one reconciliation, which Odoo
        settles in order of due date; what is left stays an open credit on
        the unit. One batch for all the units, not one call per payment.
        """
        credit_lines = credit_lines.filtered(
            lambda line: not line.reconciled and line.amount_residual < 0
        )
        if not credit_lines:
            return
        debits = self.search(
            self._msom_open_receivable_domain(
                credit_lines.unit_id, credit_lines.partner_id
            )
            & Domain("amount_residual", ">", 0)
        )
        groups = defaultdict(lambda: self.browse())
        for line in credit_lines:
            groups[(line.unit_id, line.partner_id, line.account_id)] |= line
        for line in debits:
            key = (line.unit_id, line.partner_id, line.account_id)
            if key in groups:
                groups[key] |= line
        plan = [lines for lines in groups.values() if lines.filtered("debit")]
        if plan:
            self._reconcile_plan(plan)

    @api.model
    def _msom_apply_credits(self, moves):
        """After posting charges, use open credits of the same unit and payer."""
        receivables = moves.line_ids.filtered(
            lambda line: (
                line.account_id.account_type == "asset_receivable" and line.unit_id
            )
        )
        if not receivables:
            return
        credits = self.search(
            self._msom_open_receivable_domain(
                receivables.unit_id, receivables.partner_id
            )
            & Domain("amount_residual", "<", 0)
        )
        pairs = {(line.unit_id, line.partner_id) for line in receivables}
        credits = credits.filtered(
            lambda line: (line.unit_id, line.partner_id) in pairs
        )
        if credits:
            self._msom_reconcile_oldest_first(credits)
