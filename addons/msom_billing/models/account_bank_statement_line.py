# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from ..tools import NrbError, normalize_nrb, validate_nrb


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
        lines = self.create(vals_list)
        matched = lines.filtered(lambda line: line.msom_match_state == "matched")
        credits = matched.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.env["account.move.line"]._msom_reconcile_oldest_first(credits)
        (lines - matched).action_msom_match()
        return lines

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
