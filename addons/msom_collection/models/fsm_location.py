# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import fields, models
from odoo.tools import SQL

from ..tools.interest import InterestRateMissing, compute_interest, next_working_day


class FsmLocation(models.Model):
    """What is late on a unit and the interest it accrues."""

    _inherit = "fsm.location"

    msom_collection_case_ids = fields.One2many(
        "msom.collection.case", "unit_id", string="Debt Collection"
    )

    def _msom_overdue_items(self, on_date, partner_ids=None):
        """Open charges of these units late on `on_date`, with the days late
        and the interest accrued up to that day: {(unit_id, partner_id):
        [item, …]} in due date order. One indexed query; interest notes accrue
        no interest. Days count from the due date moved off weekends and
        holidays (art. 115 KC), as the interest does; the rate is that of the
        debt's regime (see msom.interest.run)."""
        on_date = fields.Date.to_date(on_date)
        result = defaultdict(list)
        if not self:
            return result
        self.env.flush_all()
        partner_filter = SQL()
        if partner_ids:
            partner_filter = SQL(
                "AND COALESCE(l.partner_id, m.partner_id) = ANY(%s)", list(partner_ids)
            )
        commercial = self.env["msom.occupancy"]._msom_commercial_debt_sql("l", "m")
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.unit_id, COALESCE(l.partner_id, m.partner_id), l.id, m.id,
                       COALESCE(NULLIF(m.ref, ''), m.name),
                       COALESCE(l.date_maturity, l.date), l.amount_residual,
                       m.msom_interest_note_id IS NOT NULL, %(commercial)s
                  FROM account_move_line l
                  JOIN account_move m ON m.id = l.move_id
                 WHERE l.unit_id = ANY(%(units)s)
                   AND l.parent_state = 'posted'
                   AND l.account_id = ANY(%(accounts)s)
                   AND l.amount_residual > 0
                   AND COALESCE(l.date_maturity, l.date) < %(on)s
                   %(partner_filter)s
                 ORDER BY 1, 2, 6, l.id
                """,
                commercial=commercial,
                units=self.ids,
                accounts=self._msom_receivable_account_ids(),
                on=on_date,
                partner_filter=partner_filter,
            )
        )
        kinds = self.env["msom.interest.run"]._commercial_rate_types(
            {row[1] for row in rows if row[8]}
        )
        Rate = self.env["msom.interest.rate"]
        tables = {
            kind: Rate._rate_table(kind) for kind in {"statutory", *kinds.values()}
        }
        for row in rows:
            unit_id, partner_id, line_id, move_id, name, due, residual, note = row[:8]
            table = tables[kinds[partner_id] if row[8] else "statutory"]
            effective_due = next_working_day(due)
            if effective_due >= on_date:
                continue
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
                    "days": (on_date - effective_due).days,
                    "interest": interest,
                    "is_interest_note": note,
                }
            )
        return result
