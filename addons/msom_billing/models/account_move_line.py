# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re
from collections import Counter, defaultdict

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from ..tools.sql import execute_values


class AccountMoveLine(models.Model):
    _name = "account.move.line"
    _inherit = ["account.move.line", "msom.resident.unit.mixin"]

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

        Art. 451 KC: a payment whose title names a document (charge notice
        or interest note number) settles that document first, the debtor's
        choice (§ 1); the rest, and payments that name none, cover the debt
        already due, the oldest first (§ 3). Per unit, payer and account, all
        open charges and the new credits form one reconciliation, which Odoo
        settles in order of due date; what is left stays an open credit on
        the unit. One batch for all the units, not one call per payment.
        """

        def open_lines(lines, sign):
            return lines.filtered(
                lambda line: not line.reconciled and line.amount_residual * sign > 0
            )

        credit_lines = open_lines(credit_lines, -1)
        if not credit_lines:
            return
        units = credit_lines.unit_id
        debits = self.search(
            self._msom_open_receivable_domain(
                credit_lines.unit_id, credit_lines.partner_id
            )
            & Domain("amount_residual", ">", 0)
        )
        named = self._msom_named_documents(credit_lines, debits)
        if named:
            self._msom_reconcile_groups(named)
            credit_lines = open_lines(credit_lines, -1)
            debits = open_lines(debits, 1)
        groups = defaultdict(lambda: self.browse())
        for line in credit_lines:
            groups[(line.unit_id, line.partner_id, line.account_id)] |= line
        for line in debits:
            key = (line.unit_id, line.partner_id, line.account_id)
            if key in groups:
                groups[key] |= line
        self._msom_reconcile_groups(
            [lines for lines in groups.values() if lines.filtered("debit")]
        )
        self._msom_units_settled(units)

    @api.model
    def _msom_units_settled(self, units):
        """Hook: payments were just applied to the open charges of `units`."""

    def _msom_document_numbers(self):
        """The numbers a transfer title may name this charge's document by."""
        self.ensure_one()
        return {self.move_id.name}

    @api.model
    def _msom_named_documents(self, credit_lines, debits):
        """Groups [debit | credits] of the open documents named in the
        titles of the credits of the same unit, payer and account. A title
        names a document by its number (the interest note's number for a
        note) as a whole word; a credit naming several goes to the first."""
        numbers = defaultdict(lambda: self.browse())
        for debit in debits:
            for number in debit._msom_document_numbers() - {False, "/"}:
                numbers[number.upper()] |= debit
        if not numbers:
            return []
        groups = defaultdict(lambda: self.browse())
        for credit in credit_lines:
            title = credit.move_id.statement_line_id.payment_ref or credit.name or ""
            # a number is one word of letters, digits, "/" and "-"
            for word in re.findall(r"[\w/-]+", title.upper()):
                debit = numbers.get(word, self.browse()).filtered(
                    lambda line, credit=credit: (
                        (line.unit_id, line.partner_id, line.account_id)
                        == (credit.unit_id, credit.partner_id, credit.account_id)
                    )
                )
                if debit:
                    groups[debit[0]] |= credit
                    break
        return [debit | credits for debit, credits in groups.items()]

    @api.model
    def _msom_reconcile_groups(self, plan):
        """Reconcile each group of lines (one unit, payer and account), its
        open charges oldest first: in SQL where the bulk path can, else by
        Odoo's _reconcile_plan."""
        if not plan:
            return
        # one read for all the groups (each group is its own recordset)
        everything = self.browse({line_id for lines in plan for line_id in lines.ids})
        everything.fetch(
            ["move_id", "currency_id", "company_currency_id", "company_id",
             "matching_number", "account_id", "date", "date_maturity",
             "amount_currency", "balance", "amount_residual"]
        )  # fmt: skip
        everything.move_id.fetch(["move_type", "always_tax_exigible"])
        everything.account_id.fetch(["reconcile"])
        plan = [everything.browse(lines.ids) for lines in plan]
        if self.env["account.move"]._msom_fast_posting():
            lean, plan, previous = self._msom_split_lean(plan)
            self._msom_reconcile_lean(lean, previous)
        if plan:
            self._reconcile_plan(plan)

    @api.model
    def _msom_lean_reconcilable(self, lines):
        """Whether these lines can be reconciled by the bulk path: journal
        entries (no invoice whose payment state would change, no cash-basis
        tax) in the company's currency, unmatched or only partly matched."""
        return all(
            line.move_id.move_type == "entry"
            and line.move_id.always_tax_exigible
            and line.currency_id == line.company_currency_id
            and (line.matching_number or "P").startswith("P")
            and line.account_id.reconcile
            for line in lines
        )

    @api.model
    def _msom_split_lean(self, plan):
        """Split the groups into those the bulk path reconciles and the rest.

        A partly paid line brings its earlier matches along (Odoo numbers
        and fully reconciles them together with the new partials): the bulk
        path takes the group only if those are entries in the company's
        currency too and no other group of the batch shares them.
        Returns (lean groups, other groups, earlier matches).
        """
        candidates = [lines for lines in plan if self._msom_lean_reconcilable(lines)]
        numbers_of = [
            set(lines.filtered("matching_number").mapped("matching_number"))
            for lines in candidates
        ]
        previous = self._msom_previous_matches(set().union(*numbers_of))
        groups_of = Counter(number for numbers in numbers_of for number in numbers)
        lean = [
            lines
            for lines, numbers in zip(candidates, numbers_of, strict=True)
            if all(
                groups_of[number] == 1
                and all(ok for _residual, ok in previous[0][number].values())
                for number in numbers
            )
        ]
        taken = {id(lines) for lines in lean}
        return lean, [lines for lines in plan if id(lines) not in taken], previous

    @api.model
    def _msom_previous_matches(self, numbers):
        """The lines already matched under these partial matching numbers,
        {number: {line id: (residual, bulk path can take it)}}, and the
        partials that link them [(partial id, debit line id, credit line
        id)]."""
        if not numbers:
            return {}, []
        cr = self.env.cr
        self.flush_model()
        self.env["account.partial.reconcile"].flush_model()
        cr.execute(
            SQL(
                """
            SELECT line.matching_number, line.id, line.amount_residual,
                   move.move_type = 'entry'
                   AND line.currency_id = line.company_currency_id
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
             WHERE line.matching_number = ANY(%s)
            """,
                list(numbers),
            ),
        )
        by_number = defaultdict(dict)
        for number, line_id, residual, ok in cr.fetchall():
            by_number[number][line_id] = (residual, ok)
        line_ids = [line_id for lines in by_number.values() for line_id in lines]
        cr.execute(
            SQL(
                """
            SELECT id, debit_move_id, credit_move_id
              FROM account_partial_reconcile
             WHERE debit_move_id = ANY(%s) OR credit_move_id = ANY(%s)
            """,
                line_ids,
                line_ids,
            ),
        )
        return by_number, cr.fetchall()

    @api.model
    def _msom_reconcile_lean(self, groups, previous):
        """Reconcile each group (one unit, payer and account) in SQL.

        What Odoo's _reconcile_plan writes, compared in the tests: the
        partials of _msom_pair_oldest_first; lines linked by partials (old
        and new) share the matching number "P" + their smallest partial id;
        a group whose lines, with everything matched with them before, are
        all settled becomes one full reconciliation. Only for the groups
        _msom_split_lean accepts, with the earlier matches it read.
        """
        cr = self.env.cr
        self.flush_model()
        partials, residual = self._msom_pair_oldest_first(groups)
        if not partials:
            return
        cr.execute(
            SQL(
                "SELECT nextval('account_partial_reconcile_id_seq')"
                " FROM generate_series(1, %s)",
                len(partials),
            ),
        )
        partial_ids = [row[0] for row in cr.fetchall()]
        previous_lines, previous_partials = previous
        residual_of = {
            line_id: old_residual
            for lines in previous_lines.values()
            for line_id, (old_residual, _ok) in lines.items()
        }
        residual_of.update((line.id, amount) for line, amount in residual.items())
        edges = list(previous_partials) + [
            (partial_id, debit.id, credit.id)
            for partial_id, (debit, credit, _amount, _date) in zip(
                partial_ids, partials, strict=True
            )
        ]
        component = self._msom_components(edges)
        members = defaultdict(list)
        for line_id, root in component.items():
            members[root].append(line_id)
        # one full reconciliation per settled group, as Odoo makes it
        full_lines = []
        for lines in groups:
            is_zero = lines[:1].company_currency_id.is_zero
            roots = {component[line.id] for line in lines if line.id in component}
            involved = set(lines.ids).union(*(members[root] for root in roots))
            if all(
                line_id in residual_of and is_zero(residual_of[line_id])
                for line_id in involved
            ):
                full_lines.append(involved)
        full_ids = []
        if full_lines:
            cr.execute(
                SQL(
                    "SELECT nextval('account_full_reconcile_id_seq')"
                    " FROM generate_series(1, %s)",
                    len(full_lines),
                ),
            )
            full_ids = [row[0] for row in cr.fetchall()]
        full_of = {
            line_id: full_id
            for full_id, involved in zip(full_ids, full_lines, strict=True)
            for line_id in involved
        }
        # the components the new partials touch: all their lines are renumbered
        touched = {component[debit.id] for debit, *_rest in partials}
        smallest = {}
        for partial_id, debit_id, _credit_id in edges:
            root = component[debit_id]
            smallest[root] = min(partial_id, smallest.get(root, partial_id))
        matching = {
            line_id: str(full_of[line_id])
            if line_id in full_of
            else "P%s" % smallest[root]
            for root in touched
            for line_id in members[root]
        }
        uid = self.env.uid
        now = self.env.cr.now()  # the ORM's create_date and write_date
        if full_ids:
            execute_values(
                cr,
                "INSERT INTO account_full_reconcile"
                " (id, create_uid, create_date, write_uid, write_date) VALUES %s",
                [(full_id, uid, now, uid, now) for full_id in full_ids],
            )
        execute_values(
            cr,
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
                    full_of.get(debit.id),
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
                for partial_id, (debit, credit, amount, max_date) in zip(
                    partial_ids, partials, strict=True
                )
            ],  # fmt: skip
            page_size=1000,
        )
        # the earlier partials of a settled group join its full reconciliation
        earlier = [
            (partial_id, full_of[debit_id])
            for partial_id, debit_id, _credit_id in previous_partials
            if debit_id in full_of
        ]
        if earlier:
            execute_values(
                cr,
                """
                UPDATE account_partial_reconcile AS partial
                   SET full_reconcile_id = data.full_id
                  FROM (VALUES %s) AS data(id, full_id)
                 WHERE partial.id = data.id
                """,
                earlier,
                page_size=1000,
            )
        # new residuals where partials were added (Odoo's recompute, which
        # also stamps the writer); the earlier matches only get their number
        paid = {line.id for partial in partials for line in partial[:2]}
        line_ids = list(matching)
        cr.execute(
            SQL(
                """
            UPDATE account_move_line AS line
               SET amount_residual = COALESCE(data.residual, line.amount_residual),
                   amount_residual_currency = COALESCE(
                       data.residual, line.amount_residual_currency),
                   reconciled = COALESCE(data.residual = 0, line.reconciled),
                   matching_number = data.number,
                   full_reconcile_id = data.full_id,
                   write_uid = CASE WHEN data.residual IS NULL THEN line.write_uid
                                    ELSE %s END,
                   write_date = CASE WHEN data.residual IS NULL THEN line.write_date
                                     ELSE %s END
              FROM (SELECT unnest(%s::int[]) AS id,
                           unnest(%s::numeric[]) AS residual,
                           unnest(%s::varchar[]) AS number,
                           unnest(%s::int[]) AS full_id) AS data
             WHERE line.id = data.id
            """,
                uid,
                now,
                line_ids,
                [residual_of[i] if i in paid else None for i in line_ids],
                [matching[i] for i in line_ids],
                [full_of.get(i) for i in line_ids],
            ),
        )
        self.invalidate_model(
            ["amount_residual", "amount_residual_currency", "reconciled",
             "matching_number", "full_reconcile_id", "matched_debit_ids",
             "matched_credit_ids", "write_uid", "write_date"]
        )  # fmt: skip
        self.env["account.partial.reconcile"].invalidate_model()
        self.env["account.full.reconcile"].invalidate_model()

    @api.model
    def _msom_components(self, edges):
        """{line id: component root} of the graph of partials `edges`
        [(partial id, debit line id, credit line id)]: the lines Odoo gives
        one matching number."""
        parent = {}

        def root(node):
            parent.setdefault(node, node)
            while parent[node] != node:
                parent[node] = parent[parent[node]]
                node = parent[node]
            return node

        for _partial_id, debit_id, credit_id in edges:
            parent[root(debit_id)] = root(credit_id)
        return {node: root(node) for node in list(parent)}

    @api.model
    def _msom_pair_oldest_first(self, groups):
        """Pair debits and credits of each group as Odoo does: sorted by due
        date, the oldest open charge first. Returns the partials
        [debit, credit, amount, max date] and the residuals after."""
        partials = []
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
            while True:
                debit = debit or next(debits, None)
                credit = credit or next(credits, None)
                if not debit or not credit:
                    break
                currency = debit.company_currency_id
                amount = min(residual[debit], -residual[credit])
                residual[debit] = currency.round(residual[debit] - amount)
                residual[credit] = currency.round(residual[credit] + amount)
                partials.append([debit, credit, amount, max(debit.date, credit.date)])
                if currency.is_zero(residual[debit]):
                    debit = None
                if currency.is_zero(residual[credit]):
                    credit = None
        return partials, residual

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
