# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


# Kept apart from the billing (1) file of the same model while both are
# reworked in parallel; merge them once both branches are in main.
# pylint: disable=consider-merging-classes-inherited
class ResCompany(models.Model):
    _inherit = "res.company"

    msom_interest_account_id = fields.Many2one(
        "account.account",
        string="Interest Income Account",
        check_company=True,
        help="Income account of the interest notes; created on first use.",
    )
    msom_interest_journal_id = fields.Many2one(
        "account.journal",
        string="Interest Note Journal",
        check_company=True,
        help="Journal of the interest notes; created on first use.",
    )
    msom_interest_min_amount = fields.Float(
        string="Minimum Interest Note",
        default=5.0,
        help="Interest notes below this amount are not issued.",
    )
    msom_interest_payment_days = fields.Integer(
        string="Interest Note Payment Days",
        default=14,
        help="Days the debtor has to pay an interest note.",
    )

    def _msom_get_interest_journal(self):
        self.ensure_one()
        if self.msom_interest_journal_id:
            return self.msom_interest_journal_id
        Journal = self.env["account.journal"].sudo()
        journal = Journal.search(
            [("company_id", "=", self.id), ("code", "=", "NOD")], limit=1
        ) or Journal.create(
            {
                "name": self.env._("Interest Notes"),
                "code": "NOD",
                "type": "general",
                "company_id": self.id,
            }
        )
        self.sudo().msom_interest_journal_id = journal
        return journal

    def _msom_get_interest_account(self):
        self.ensure_one()
        if self.msom_interest_account_id:
            return self.msom_interest_account_id
        Account = self.env["account.account"].sudo().with_company(self)
        account = Account.search(
            [("company_ids", "in", self.id), ("code", "=", "750100")], limit=1
        ) or Account.create(
            {
                "name": self.env._("Interest for late payment"),
                "code": "750100",
                "account_type": "income_other",
                "company_ids": [(6, 0, self.ids)],
            }
        )
        self.sudo().msom_interest_account_id = account
        return account
