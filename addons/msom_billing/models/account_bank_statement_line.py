# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re
from xmlrpc.client import MAXINT

from odoo import api, fields, models
from odoo.fields import Command, Domain
from odoo.tools import SQL, escape_psql

from ..tools import NrbError, normalize_nrb, validate_nrb
from ..tools.sql import execute_values

# what the bulk path knows how to write
LEAN_KEYS = {
    "statement_id", "journal_id", "date", "amount", "account_number",
    "partner_name", "payment_ref", "msom_match_state", "partner_id", "unit_id",
    "msom_virtual_account_id", "counterpart_account_id", "sequence",
    "unique_import_id",
}  # fmt: skip
# the statement's stored fields computed from its lines (not the balances
# the bank gave, which depend on the statement's creation only)
STATEMENT_COMPUTED = (
    "journal_id", "company_id", "currency_id", "date", "first_line_index",
    "balance_end", "is_complete",
)  # fmt: skip


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"

    msom_match_state = fields.Selection(
        [("todo", "To match"), ("matched", "Matched"), ("queue", "For the accountant")],
        string="Matching",
        index="btree_not_null",
        copy=False,
        help="Automatic matching by the individual account number.",
    )
    msom_match_message = fields.Char(string="Matching Note", copy=False)
    msom_virtual_account_id = fields.Many2one(
        "msom.virtual.account", string="Individual Account", copy=False
    )

    def _msom_to_queue(self, message):
        self.write({"msom_match_state": "queue", "msom_match_message": message})

    def action_msom_match(self):
        """Match incoming payments by the individual account number.

        A match sets the payer and the unit on the payment, books it on the
        payer's receivable and reconciles it with the unit's charges, oldest
        first; an unknown or malformed number, a foreign currency or an
        outgoing amount goes to the accountant's queue.
        """
        todo = self.filtered(
            lambda line: not line.is_reconciled and line.msom_match_state != "matched"
        )
        accounts = self.env["msom.virtual.account"]._find_by_numbers(
            todo.mapped("account_number")
        )
        matched = self.browse()
        credits = self.env["account.move.line"]
        for st_line in todo:
            if st_line._msom_match_online_payout():
                matched |= st_line
                continue
            problem = st_line._msom_match_problem()
            if problem:
                st_line._msom_to_queue(problem)
                continue
            account = st_line.msom_virtual_account_id or accounts.get(
                normalize_nrb(st_line.account_number)
            )
            if not account:
                st_line._msom_to_queue(
                    self.env._(
                        "Unknown individual account number %(number)s",
                        number=st_line.account_number,
                    )
                )
                continue
            credits |= st_line._msom_book_on_unit(account)
            matched |= st_line
        self.env["account.move.line"]._msom_reconcile_oldest_first(credits)
        return matched

    @api.model
    def _msom_create_matched(self, vals_list):
        """Create statement lines, booking those with a known individual
        account number directly on the payer's receivable for the unit (no
        rewrite of the entry afterwards), then reconcile them in one batch
        and queue the rest."""
        accounts = self.env["msom.virtual.account"]._find_by_numbers(
            [vals.get("account_number") for vals in vals_list]
        )
        journals = self.env["account.journal"].browse(
            {vals["journal_id"] for vals in vals_list}
        )
        pln = all(
            (journal.currency_id or journal.company_id.currency_id).name == "PLN"
            for journal in journals
        )
        for vals in vals_list:
            account = accounts.get(normalize_nrb(vals.get("account_number") or ""))
            if not account or not pln or vals.get("amount", 0) <= 0:
                vals.setdefault("msom_match_state", "todo")
                continue
            partner = account.partner_id
            vals.update(
                {
                    "partner_id": partner.id,
                    "unit_id": account.unit_id.id,
                    "msom_virtual_account_id": account.id,
                    "msom_match_state": "matched",
                    "counterpart_account_id": partner.with_company(
                        account.company_id
                    ).property_account_receivable_id.id,
                }
            )
        # the SQL path where it is safe (account.move._msom_fast_posting)
        Move = self.env["account.move"]
        lean_journals = {
            journal.id
            for journal in journals
            if (
                not journal.currency_id
                or journal.currency_id == journal.company_id.currency_id
            )
            and Move._msom_fast_posting(journal)
        }
        lean = [
            vals
            for vals in vals_list
            if vals["msom_match_state"] == "matched"
            and vals["journal_id"] in lean_journals
            and self._msom_lean_ok(vals)
        ]
        chosen = {id(vals) for vals in lean}
        others = [vals for vals in vals_list if id(vals) not in chosen]
        inserted = self._msom_insert_matched(lean)
        created = self.create(others) if others else self.browse()
        by_vals = dict(zip(map(id, lean), inserted, strict=True))
        by_vals.update(zip(map(id, others), created, strict=True))
        lines = self.browse([by_vals[id(vals)].id for vals in vals_list])
        matched = lines.filtered(lambda line: line.msom_match_state == "matched")
        credits = matched.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.env["account.move.line"]._msom_reconcile_oldest_first(credits)
        (lines - matched).action_msom_match()
        return lines

    @api.model
    def _msom_lean_ok(self, vals):
        """Whether a matched line can take the bulk path: a plain line in
        the journal's currency with nothing but the fields it writes."""
        return (
            not vals.get("foreign_currency_id")
            and not vals.get("line_ids")
            and set(vals) <= LEAN_KEYS
        )

    @api.model
    def _msom_insert_matched(self, vals_list):
        """Insert matched statement lines and their posted moves in bulk.

        The same rows as create() (compared column by column in the tests):
        the move with its liquidity line and the counterpart on the payer's
        receivable for the unit, numbered in the journal's sequence for the
        whole batch; the statements' balances are recomputed once.
        """
        if not vals_list:
            return self.browse()
        cr = self.env.cr
        self.flush_model()
        self.env["account.bank.statement"].flush_model()
        cr.execute(
            SQL(
                "SELECT nextval('account_bank_statement_line_id_seq')"
                " FROM generate_series(1, %s)",
                len(vals_list),
            ),
        )
        line_ids = [row[0] for row in cr.fetchall()]
        journals = self.env["account.journal"].browse(
            {vals["journal_id"] for vals in vals_list}
        )
        partners = self.env["res.partner"].browse(
            {vals["partner_id"] for vals in vals_list}
        )
        partners.fetch(["name"])
        Move = self.env["account.move"]
        moves = Move
        groups = {}
        for st_line_id, vals in zip(line_ids, vals_list, strict=True):
            groups.setdefault((vals["journal_id"], vals["date"]), []).append(
                (st_line_id, vals)
            )
        move_of = {}
        for (journal_id, when), items in groups.items():
            journal = journals.browse(journal_id)
            move_vals = [
                {
                    "journal_id": journal_id,
                    "company_id": journal.company_id.id,
                    "date": when,
                    "move_type": "entry",
                    "partner_id": vals["partner_id"],
                    "unit_id": vals.get("unit_id"),
                    # as create() leaves it after writing the line back
                    "is_manually_modified": True,
                    "line_ids": [
                        Command.create(
                            {
                                "name": vals.get("payment_ref"),
                                "account_id": journal.default_account_id.id,
                                "partner_id": vals["partner_id"],
                                "balance": vals["amount"],
                                "statement_id": vals.get("statement_id"),
                            }
                        ),
                        Command.create(
                            {
                                "name": vals.get("payment_ref"),
                                "account_id": vals["counterpart_account_id"],
                                "partner_id": vals["partner_id"],
                                "balance": -vals["amount"],
                                "statement_id": vals.get("statement_id"),
                            }
                        ),
                    ],
                }  # fmt: skip
                for st_line_id, vals in items
            ]
            created = Move._msom_insert_posted_entries(move_vals)
            moves |= created
            move_of.update(zip((i for i, _v in items), created.ids, strict=True))
        uid = self.env.uid
        now = self.env.cr.now()  # the ORM's create_date and write_date
        rows = []
        for st_line_id, vals in zip(line_ids, vals_list, strict=True):
            journal = journals.browse(vals["journal_id"])
            currency = journal.currency_id or journal.company_id.currency_id
            sequence = vals.get("sequence", 1)
            index = "%s%s%s" % (
                fields.Date.to_date(vals["date"]).strftime("%Y%m%d"),
                f"{MAXINT - sequence:0>10}",
                f"{st_line_id:0>10}",
            )
            rows.append(
                (st_line_id, move_of[st_line_id], journal.id, journal.company_id.id,
                 vals.get("statement_id"), sequence, vals["partner_id"], currency.id,
                 vals.get("account_number"), vals.get("partner_name"),
                 vals.get("payment_ref"), index, vals["amount"],
                 vals.get("msom_virtual_account_id"), "matched",
                 vals.get("unique_import_id"), uid, now, uid, now)
            )  # fmt: skip
        execute_values(
            cr,
            """
            INSERT INTO account_bank_statement_line (
                id, move_id, journal_id, company_id, statement_id, sequence,
                partner_id, currency_id, account_number, partner_name,
                payment_ref, internal_index, amount, msom_virtual_account_id,
                msom_match_state, unique_import_id, create_uid, create_date,
                write_uid, write_date,
                amount_currency, is_reconciled, amount_residual
            ) VALUES %s
            """,
            rows,
            template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
            " %s, %s, %s, %s, %s, 0, true, 0)",
            page_size=1000,
        )
        # the move and the line point at each other: link once both exist
        cr.execute(
            SQL(
                """
            WITH data AS (SELECT unnest(%s::int[]) AS move_id,
                                 unnest(%s::int[]) AS st_line_id),
                 moves AS (UPDATE account_move AS move
                              SET statement_line_id = data.st_line_id
                             FROM data WHERE move.id = data.move_id)
            UPDATE account_move_line AS line SET statement_line_id = data.st_line_id
              FROM data WHERE line.move_id = data.move_id
            """,
                [move_of[i] for i in line_ids],
                line_ids,
            ),
        )
        st_lines = self.browse(line_ids)
        statements = self.env["account.bank.statement"].browse(
            {vals["statement_id"] for vals in vals_list if vals.get("statement_id")}
        )
        statements.invalidate_recordset()
        for name in STATEMENT_COMPUTED:
            if statements._fields[name].compute:
                self.env.add_to_compute(statements._fields[name], statements)
        statements.flush_recordset()
        return st_lines

    def _msom_match_online_payout(self):
        """Settle a provider's payout with the online payments it names.

        Online payments wait on the outstanding receipts account of the
        provider's journal until the provider pays them out; the payout's
        title carries their transaction references (the payment's memo is
        "reference - provider reference"). When the payments named add up
        to the line's amount (a payout net of fees is left to the
        accountant), the line's suspense item moves to that account and is
        reconciled with them. Returns whether the line was settled.
        """
        self.ensure_one()
        tokens = set(re.findall(r"[^\s,;]+", self.payment_ref or ""))
        _liquidity, suspense, other = self._seek_for_lines()
        if not tokens or self.amount <= 0 or not suspense or other:
            return False
        payments = self.env["account.payment"].search(
            Domain.OR(
                Domain("memo", "=like", "%s - %%" % escape_psql(token))
                for token in tokens
            )
            & Domain("payment_type", "=", "inbound")
            & Domain("state", "=", "in_process")
            & Domain("company_id", "=", self.company_id.id)
        )
        outstanding = payments.move_id.line_ids.filtered(
            lambda line: (
                line.account_id in payments.outstanding_account_id
                and not line.reconciled
            )
        )
        if not outstanding or len(outstanding.account_id) > 1:
            return False
        if self.currency_id.compare_amounts(
            sum(outstanding.mapped("amount_residual")), self.amount
        ):
            return False
        self.write({"msom_match_state": "matched", "msom_match_message": False})
        suspense.account_id = outstanding.account_id
        (suspense | outstanding).reconcile()
        return True

    def _msom_match_problem(self):
        """Why this line cannot be matched automatically, or None."""
        self.ensure_one()
        if self.foreign_currency_id or self.currency_id.name != "PLN":
            return self.env._(
                "Currency %(currency)s: only payments in PLN are matched automatically",
                currency=(self.foreign_currency_id or self.currency_id).name,
            )
        if self.amount <= 0:
            return self.env._("Outgoing payment: not matched to a unit")
        if self.msom_virtual_account_id:
            return None
        if not self.account_number:
            return self.env._("No account number on the bank line")
        try:
            validate_nrb(self.account_number)
        except NrbError:
            return self.env._(
                "Malformed account number %(number)s", number=self.account_number
            )
        return None

    def _msom_book_on_unit(self, account):
        self.ensure_one()
        _liquidity, suspense, other = self._seek_for_lines()
        if not suspense or other:
            self._msom_to_queue(self.env._("The payment is already booked"))
            return self.env["account.move.line"]
        partner = account.partner_id
        unit = account.unit_id
        receivable = partner.with_company(
            self.company_id
        ).property_account_receivable_id
        self.write(
            {
                "partner_id": partner.id,
                "msom_virtual_account_id": account.id,
                "msom_match_state": "matched",
                "msom_match_message": False,
            }
        )
        self.move_id.unit_id = unit
        suspense.write(
            {"account_id": receivable.id, "partner_id": partner.id, "unit_id": unit.id}
        )
        return suspense

    @api.model
    def _msom_cron_match(self):
        self.search([("msom_match_state", "=", "todo")]).action_msom_match()

    @api.model
    def _msom_normalized_account(self, value):
        return normalize_nrb(value or "")
