# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL


class FsmLocation(models.Model):
    _inherit = "fsm.location"

    msom_virtual_account_ids = fields.One2many(
        "msom.virtual.account", "unit_id", string="Individual Accounts"
    )
    msom_document_ids = fields.One2many("msom.document", "unit_id", string="Documents")

    @api.model
    def _msom_company_units_domain(self, company, estates=None, buildings=None):
        """The units of `company` (theirs or their estate's), of `estates` and
        `buildings` where given: what a charge run or a turnover covers."""
        domain = Domain("location_level", "=", "unit") & (
            Domain("company_id", "=", company.id)
            | Domain("estate_id.company_id", "=", company.id)
        )
        if estates:
            domain &= Domain("estate_id", "in", estates.ids)
        if buildings:
            domain &= Domain("building_id", "in", buildings.ids)
        return domain

    def _msom_receivable_account_ids(self):
        return (
            self.env["account.account"]
            .sudo()
            .with_context(active_test=False)
            .search([("account_type", "=", "asset_receivable")])
            .ids
        )

    def _msom_turnover(self, date_from, date_to, overdue_on=None):
        """Turnover and balance (obroty i salda) of these units.

        One SQL aggregate over the receivable journal items of the units,
        read through the (unit_id, date) index: never the whole history in
        Python. Returns {unit_id: {opening, charges, payments, closing,
        overdue, components: {component_id: amount charged}, paid:
        {component_id: amount paid}}}. Overdue is what is
        left of the charges due before `overdue_on` (default: the day after
        the period, or today if sooner) once all payments up to the end of
        the period are applied oldest first (art. 451 KC).
        """
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        overdue_on = fields.Date.to_date(overdue_on) or min(
            date_to, fields.Date.context_today(self)
        )
        result = {
            unit.id: {
                "opening": 0.0,
                "charges": 0.0,
                "payments": 0.0,
                "closing": 0.0,
                "overdue": 0.0,
                "components": {},
            }
            for unit in self
        }
        if not self:
            return result
        self.env["account.move.line"].flush_model(
            [
                "unit_id",
                "date",
                "balance",
                "date_maturity",
                "parent_state",
                "account_id",
            ]
        )
        rows = self.env.execute_query(
            SQL(
                """
                SELECT unit_id,
                       SUM(balance) FILTER (WHERE date < %(from)s),
                       SUM(balance) FILTER (WHERE date >= %(from)s AND balance > 0),
                       -SUM(balance) FILTER (WHERE date >= %(from)s AND balance < 0),
                       SUM(balance),
                       SUM(balance) FILTER (
                           WHERE balance > 0 AND COALESCE(date_maturity, date) < %(due)s
                       ),
                       -SUM(balance) FILTER (WHERE balance < 0)
                  FROM account_move_line
                 WHERE unit_id = ANY(%(units)s)
                   AND parent_state = 'posted'
                   AND date <= %(to)s
                   AND account_id = ANY(%(accounts)s)
                 GROUP BY unit_id
                """,
                **{
                    "from": date_from,
                    "to": date_to,
                    "due": overdue_on,
                    "units": self.ids,
                    "accounts": self._msom_receivable_account_ids(),
                },
            )
        )
        for unit_id, opening, charges, payments, closing, due, paid in rows:
            data = result[unit_id]
            data["opening"] = opening or 0.0
            data["charges"] = charges or 0.0
            data["payments"] = payments or 0.0
            data["closing"] = closing or 0.0
            data["overdue"] = max(0.0, round((due or 0.0) - (paid or 0.0), 2))
        rows = self.env.execute_query(
            SQL(
                """
                SELECT unit_id, msom_component_id, -SUM(balance)
                  FROM account_move_line
                 WHERE unit_id = ANY(%(units)s)
                   AND parent_state = 'posted'
                   AND date BETWEEN %(from)s AND %(to)s
                   AND msom_component_id IS NOT NULL
                 GROUP BY unit_id, msom_component_id
                """,
                **{"from": date_from, "to": date_to, "units": self.ids},
            )
        )
        for unit_id, component_id, amount in rows:
            result[unit_id]["components"][component_id] = amount
        self._msom_component_payments(date_from, date_to, result)
        return result

    def _msom_component_payments(self, date_from, date_to, result):
        """Payments of the period per component, into result[unit]["paid"].

        Each payment settles charge documents oldest first (the partial
        reconciliations made on matching, art. 451 KC); what it pays on a
        document is split over that document's components pro rata to their
        amounts (VAT included in the split on invoices). Read from the
        partials of the units' receivable lines through indexed joins.
        """
        self.env["account.partial.reconcile"].flush_model(
            ["debit_move_id", "amount", "max_date"]
        )
        self.env["account.move.line"].flush_model(["msom_component_id"])
        query = SQL(
            """
            WITH paid AS (
                SELECT rec.unit_id, rec.move_id, SUM(part.amount) AS amount
                  FROM account_move_line rec
                  JOIN account_partial_reconcile part ON part.debit_move_id = rec.id
                 WHERE rec.unit_id = ANY(%(units)s)
                   AND rec.parent_state = 'posted'
                   AND rec.account_id = ANY(%(accounts)s)
                   AND rec.balance > 0
                   AND part.max_date BETWEEN %(from)s AND %(to)s
                 GROUP BY rec.unit_id, rec.move_id
            ), parts AS (
                SELECT paid.unit_id, paid.amount, line.msom_component_id,
                       -line.balance AS share,
                       SUM(-line.balance) OVER (PARTITION BY line.move_id) AS total
                  FROM paid
                  JOIN account_move_line line ON line.move_id = paid.move_id
                 WHERE line.msom_component_id IS NOT NULL
            )
            SELECT unit_id, msom_component_id,
                   ROUND(SUM(amount * share / NULLIF(total, 0))::numeric, 2)
              FROM parts
             GROUP BY unit_id, msom_component_id
            """,
            **{
                "from": date_from,
                "to": date_to,
                "units": self.ids,
                "accounts": self._msom_receivable_account_ids(),
            },
        )
        for data in result.values():
            data["paid"] = {}
        for unit_id, component_id, amount in self.env.execute_query(query):
            result[unit_id]["paid"][component_id] = float(amount or 0.0)

    def _msom_monthly_turnover(self, date_from, date_to):
        """Charges and payments of these units per month (a chart of the
        period): [{month: date, charges: float, payments: float}] for every
        month of the period, empty months included. One aggregate through
        the (unit_id, date) index."""
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
        rows = self.env.execute_query(
            SQL(
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
                **{
                    "units": self.ids,
                    "from": date_from,
                    "to": date_to,
                    "accounts": self._msom_receivable_account_ids(),
                },
            )
        )
        for month, charges, payments in rows:
            if month in months:
                months[month]["charges"] = charges or 0.0
                months[month]["payments"] = payments or 0.0
        return list(months.values())

    def _msom_open_amount(self, documents=None):
        """What is open on this unit now: the balance of its open receivable
        items (credits deducted, never below zero), or what is left to pay
        of `documents` on it. One indexed aggregate."""
        self.ensure_one()
        Line = self.env["account.move.line"]
        domain = Line._msom_open_receivable_domain(self)
        if documents is not None:
            domain &= Domain("move_id", "in", documents.ids) & Domain(
                "amount_residual", ">", 0
            )
        [(total,)] = Line._read_group(domain, aggregates=["amount_residual:sum"])
        currency = (self.company_id or self.env.company).currency_id
        return max(currency.round(total or 0.0), 0.0)

    def _msom_online_payer(self, resident, documents=None):
        """Whom an online payment for this unit is booked for: the debtor of
        the documents paid for, else the payer of the unit's latest charge
        (so that it settles the unit's dues and a credit meets the next
        charges), else the resident paying."""
        self.ensure_one()
        if documents:
            return documents[:1].partner_id.commercial_partner_id
        latest = self.env["account.move.line"].search(
            [
                ("unit_id", "=", self.id),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("balance", ">", 0),
            ],
            order="date desc, id desc",
            limit=1,
        )
        return latest.partner_id or resident

    def _msom_payment_calendar(self, partner=None, date_from=None):
        """Due dates and open amounts of these units: [{unit, date, amount, …}]."""
        domain = [
            ("unit_id", "in", self.ids),
            ("account_id.account_type", "=", "asset_receivable"),
            ("parent_state", "=", "posted"),
            ("amount_residual", ">", 0),
        ]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        if date_from:
            domain.append(("date_maturity", ">=", date_from))
        lines = self.env["account.move.line"].search(domain, order="date_maturity, id")
        by_key = defaultdict(float)
        details = {}
        for line in lines:
            key = (line.unit_id.id, line.date_maturity or line.date, line.move_id.id)
            by_key[key] += line.amount_residual
            details[key] = line
        return [
            {
                "unit": details[key].unit_id,
                "date": key[1],
                "amount": amount,
                "move": details[key].move_id,
                "name": details[key].move_id.ref or details[key].move_id.name,
            }
            for key, amount in by_key.items()
        ]
