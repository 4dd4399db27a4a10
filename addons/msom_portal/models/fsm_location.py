# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from dateutil.relativedelta import relativedelta

from odoo import fields, models


class FsmLocation(models.Model):
    _inherit = "fsm.location"

    def _msom_portal_monthly(self, date_from, date_to):
        """Charges and payments of these units per month, for the chart.

        One aggregate through the (unit_id, date) index of msom_billing.
        Returns [{month: date, charges: float, payments: float}] for every
        month of the period, empty months included.
        """
        date_from = fields.Date.to_date(date_from).replace(day=1)
        date_to = fields.Date.to_date(date_to)
        months = {}
        month = date_from
        while month <= date_to:
            months[month] = {"month": month, "charges": 0.0, "payments": 0.0}
            month += relativedelta(months=1)
        if not self:
            return list(months.values())
        self.env["account.move.line"].flush_model(
            ["unit_id", "date", "balance", "parent_state", "account_id"]
        )
        self.env.cr.execute(
            """
            SELECT date_trunc('month', date)::date,
                   SUM(balance) FILTER (WHERE balance > 0),
                   -SUM(balance) FILTER (WHERE balance < 0)
              FROM account_move_line
             WHERE unit_id = ANY(%(units)s)
               AND parent_state = 'posted'
               AND date BETWEEN %(from)s AND %(to)s
               AND account_id = ANY(%(accounts)s)
             GROUP BY 1
            """,
            {
                "units": self.ids,
                "from": date_from,
                "to": date_to,
                "accounts": self._msom_receivable_account_ids(),
            },
        )
        for month, charges, payments in self.env.cr.fetchall():
            if month in months:
                months[month]["charges"] = charges or 0.0
                months[month]["payments"] = payments or 0.0
        return list(months.values())

    def _msom_portal_payment_qr(self, account, amount):
        """ZBP payment QR text for a transfer to ``account`` for this unit.

        With nothing due the amount is left for the payer to type.
        """
        self.ensure_one()
        company = self.company_id or self.env.company
        if not account:
            return False
        title = self.env._(
            "Charges unit %(unit)s", unit=self.unit_number or self.name or ""
        )
        return account._payment_qr(amount, title, company.currency_id)
