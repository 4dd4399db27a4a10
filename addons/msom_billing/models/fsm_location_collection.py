# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import fields, models

from ..tools.interest import InterestRateMissing, compute_interest


# Kept apart from the billing (1) file of the same model while both are
# reworked in parallel; merge them once both branches are in main.
# pylint: disable=consider-merging-classes-inherited
class FsmLocation(models.Model):
    _inherit = "fsm.location"

    msom_meter_ids = fields.One2many("msom.meter", "unit_id", string="Meters")
    msom_document_ids = fields.One2many("msom.document", "unit_id", string="Documents")
    msom_collection_case_ids = fields.One2many(
        "msom.collection.case", "unit_id", string="Debt Collection"
    )

    def _msom_overdue_items(self, on_date, partner_ids=None):
        """Open charges of these units due before `on_date`, with the interest
        accrued up to that day: {(unit_id, partner_id): [item, …]} in due
        date order. One indexed query; interest notes accrue no interest."""
        on_date = fields.Date.to_date(on_date)
        result = defaultdict(list)
        if not self:
            return result
        self.env.flush_all()
        params = {
            "units": self.ids,
            "on": on_date,
            "accounts": self._msom_receivable_account_ids(),
        }
        partner_filter = ""
        if partner_ids:
            partner_filter = (
                "AND COALESCE(l.partner_id, m.partner_id) = ANY(%(partners)s)"
            )
            params["partners"] = list(partner_ids)
        self.env.cr.execute(
            f"""
            SELECT l.unit_id, COALESCE(l.partner_id, m.partner_id), l.id, m.id,
                   COALESCE(NULLIF(m.ref, ''), m.name),
                   COALESCE(l.date_maturity, l.date), l.amount_residual,
                   m.msom_interest_note_id IS NOT NULL
              FROM account_move_line l
              JOIN account_move m ON m.id = l.move_id
             WHERE l.unit_id = ANY(%(units)s)
               AND l.parent_state = 'posted'
               AND l.account_id = ANY(%(accounts)s)
               AND l.amount_residual > 0
               AND COALESCE(l.date_maturity, l.date) < %(on)s
               {partner_filter}
             ORDER BY 1, 2, 6, l.id
            """,  # noqa: S608 - fixed filter only
            params,
        )
        rows = self.env.cr.fetchall()
        table = self.env["msom.interest.rate"]._rate_table("statutory")
        for unit_id, partner_id, line_id, move_id, name, due, residual, note in rows:
            interest = 0.0
            if not note:
                try:
                    value, _due, _segments = compute_interest(
                        "%.2f" % residual, due, on_date, table
                    )
                    interest = float(value)
                except InterestRateMissing:
                    interest = 0.0
            result[(unit_id, partner_id)].append(
                {
                    "line_id": line_id,
                    "move_id": move_id,
                    "name": name,
                    "due_date": due,
                    "residual": residual,
                    "days": (on_date - due).days,
                    "interest": interest,
                    "is_interest_note": note,
                }
            )
        return result

    def _msom_consumption(self, meter_type, date_from, date_to):
        """{unit_id: consumption} over every meter of the type, replaced
        meters included (final minus start, plus new minus initial)."""
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        meters = (
            self.env["msom.meter"]
            .with_context(active_test=False)
            .search([("unit_id", "in", self.ids), ("meter_type", "=", meter_type)])
        )
        result = dict.fromkeys(self.ids, 0.0)
        for meter in meters:
            result[meter.unit_id.id] += meter._consumption(date_from, date_to)
        return {unit: round(value, 3) for unit, value in result.items()}
