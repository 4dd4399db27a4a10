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
        VirtualAccount = self.env["msom.virtual.account"]
        matched = self.browse()
        for st_line in self:
            if st_line.is_reconciled or st_line.msom_match_state == "matched":
                continue
            problem = st_line._msom_match_problem()
            if problem:
                st_line._msom_to_queue(problem)
                continue
            account = st_line.msom_virtual_account_id or VirtualAccount._find_by_number(
                st_line.account_number
            )
            if not account:
                st_line._msom_to_queue(
                    self.env._(
                        "Unknown individual account number %(number)s",
                        number=st_line.account_number,
                    )
                )
                continue
            st_line._msom_book_on_unit(account)
            matched |= st_line
        return matched

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
            return
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
        self.env["account.move.line"]._msom_reconcile_oldest_first(suspense)

    @api.model
    def _msom_cron_match(self):
        self.search([("msom_match_state", "=", "todo")]).action_msom_match()

    @api.model
    def _msom_normalized_account(self, value):
        return normalize_nrb(value or "")
