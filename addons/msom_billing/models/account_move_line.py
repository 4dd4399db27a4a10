# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from psycopg2.extras import execute_values

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
        # one read for all the groups (each group is its own recordset)
        everything = self.browse({line_id for lines in plan for line_id in lines.ids})
        everything.fetch(
            ["move_id", "currency_id", "company_currency_id", "company_id",
             "matching_number", "account_id", "date", "date_maturity",
             "amount_currency", "balance", "amount_residual"]
        )  # fmt: skip
        everything.move_id.fetch(["move_type"])
        everything.account_id.fetch(["reconcile"])
        plan = [everything.browse(lines.ids) for lines in plan]
        if not self.env.context.get("msom_reconcile_orm"):
            lean = [lines for lines in plan if self._msom_lean_reconcilable(lines)]
            self._msom_reconcile_lean(lean)
            done = {id(lines) for lines in lean}
            plan = [lines for lines in plan if id(lines) not in done]
        if plan:
            self._reconcile_plan(plan)
        # payments may settle the instalments of an agreement on these units
        self.env["msom.installment.agreement"]._msom_check_units(credit_lines.unit_id)

    @api.model
    def _msom_lean_reconcilable(self, lines):
        """Whether these lines can be reconciled by the bulk path: journal
        entries (no invoice whose payment state would change) in the
        company's currency, none of them reconciled with anything yet."""
        return all(
            line.move_id.move_type == "entry"
            and line.currency_id == line.company_currency_id
            and not line.matching_number
            and line.account_id.reconcile
            for line in lines
        )

    @api.model
    def _msom_reconcile_lean(self, groups):
        """Reconcile each group (one unit, payer and account) in SQL.

        The same partials Odoo's _reconcile_plan makes: the lines sorted by
        due date, debits and credits paired in that order (the oldest charge
        first, art. 451 KC), a full reconciliation where a chain of partials
        settles every line in it, partial matching numbers elsewhere; the
        tests compare both. Only for groups _msom_lean_reconcilable accepts.
        """
        cr = self.env.cr
        self.flush_model()
        partials, chains, residual = self._msom_pair_oldest_first(groups)
        if not partials:
            return
        cr.execute(
            "SELECT nextval('account_partial_reconcile_id_seq')"
            " FROM generate_series(1, %s)",
            [len(partials)],
        )
        partial_ids = [row[0] for row in cr.fetchall()]
        full_chains = [
            chain
            for chain in chains
            if all(
                partials[index][0].company_currency_id.is_zero(residual[line])
                for index in chain
                for line in partials[index][:2]
            )
        ]
        full_ids = []
        if full_chains:
            cr.execute(
                "SELECT nextval('account_full_reconcile_id_seq')"
                " FROM generate_series(1, %s)",
                [len(full_chains)],
            )
            full_ids = [row[0] for row in cr.fetchall()]
        full_of_partial = {}
        matching = {}
        for chain, full_id in zip(full_chains, full_ids, strict=True):
            for index in chain:
                full_of_partial[index] = full_id
        for chain in chains:
            number = (
                str(full_of_partial[chain[0]])
                if chain[0] in full_of_partial
                else "P%s" % min(partial_ids[index] for index in chain)
            )
            for index in chain:
                for line in partials[index][:2]:
                    matching[line] = number
        uid = self.env.uid
        now = fields.Datetime.now()
        if full_ids:
            execute_values(
                cr._obj,
                "INSERT INTO account_full_reconcile"
                " (id, create_uid, create_date, write_uid, write_date) VALUES %s",
                [(full_id, uid, now, uid, now) for full_id in full_ids],
            )
        execute_values(
            cr._obj,
            """
            INSERT INTO account_partial_reconcile (
                id, debit_move_id, credit_move_id, full_reconcile_id,
                debit_currency_id, credit_currency_id, company_id, max_date,
                amount, debit_amount_currency, credit_amount_currency,
                create_uid, create_date, write_uid, write_date
            ) VALUES %s
            """,
            [
                (
                    partial_id,
                    debit.id,
                    credit.id,
                    full_of_partial.get(index),
                    debit.currency_id.id,
                    credit.currency_id.id,
                    debit.company_id.id,
                    max_date,
                    amount,
                    amount,
                    amount,
                    uid,
                    now,
                    uid,
                    now,
                )
                for index, (partial_id, (debit, credit, amount, max_date)) in enumerate(
                    zip(partial_ids, partials, strict=True)
                )
            ],  # fmt: skip
            page_size=1000,
        )
        touched = list(matching)
        cr.execute(
            """
            UPDATE account_move_line AS line
               SET amount_residual = data.residual,
                   amount_residual_currency = data.residual,
                   reconciled = data.residual = 0,
                   matching_number = data.number,
                   full_reconcile_id = CASE WHEN data.number ~ '^[0-9]+$'
                                            THEN data.number::int END,
                   write_uid = %s, write_date = %s
              FROM (SELECT unnest(%s::int[]) AS id,
                           unnest(%s::numeric[]) AS residual,
                           unnest(%s::varchar[]) AS number) AS data
             WHERE line.id = data.id
            """,
            [
                uid,
                now,
                [line.id for line in touched],
                [residual[line] for line in touched],
                [matching[line] for line in touched],
            ],
        )
        self.invalidate_model(
            ["amount_residual", "amount_residual_currency", "reconciled",
             "matching_number", "full_reconcile_id", "matched_debit_ids",
             "matched_credit_ids", "write_uid", "write_date"]
        )  # fmt: skip
        self.env["account.partial.reconcile"].invalidate_model()
        self.env["account.full.reconcile"].invalidate_model()

    @api.model
    def _msom_pair_oldest_first(self, groups):
        """Pair debits and credits of each group as Odoo does: sorted by due
        date, the oldest open charge first. Returns the partials
        [debit, credit, amount, max date], the chains of connected partials
        (lists of their indexes) and the residuals after."""
        partials = []  # [debit line, credit line, amount, max date]
        chains = []  # [[partial index, …]] connected partials
        residual = {}
        for lines in groups:
            ordered = lines.sorted(
                lambda line: (
                    line.date_maturity or line.date,
                    line.amount_currency,
                    line.balance,
                )
            )
            for line in ordered:
                residual[line] = line.amount_residual
            debits = iter([line for line in ordered if line.balance > 0])
            credits = iter([line for line in ordered if line.balance < 0])
            debit = credit = None
            chain = []
            while True:
                debit = debit or next(debits, None)
                credit = credit or next(credits, None)
                if not debit or not credit:
                    break
                currency = debit.company_currency_id
                amount = min(residual[debit], -residual[credit])
                residual[debit] = currency.round(residual[debit] - amount)
                residual[credit] = currency.round(residual[credit] + amount)
                chain.append(len(partials))
                partials.append([debit, credit, amount, max(debit.date, credit.date)])
                if currency.is_zero(residual[debit]):
                    debit = None
                if currency.is_zero(residual[credit]):
                    credit = None
                if debit is None and credit is None:
                    chains.append(chain)
                    chain = []
            if chain:
                chains.append(chain)
        return partials, chains, residual

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
