# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import ValidationError

from ..tools import NrbError, validate_sort_code


class ResCompany(models.Model):
    _inherit = "res.company"

    msom_bank_sort_code = fields.Char(
        string="Bank Sort Code",
        size=8,
        help="8-digit sort code (numer rozliczeniowy) of the bank that issues "
        "the individual account numbers.",
    )
    msom_bank_client_code = fields.Char(
        string="Bank Client Code",
        help="The client code the bank assigned for mass payments; the payer "
        "number fills the remaining digits.",
    )
    msom_last_payer_number = fields.Integer(
        string="Last Payer Number",
        help="The last payer number used in an individual account number.",
    )
    msom_charge_due_day = fields.Integer(
        string="Charges Due Day", default=10, help="Day of the month charges are due."
    )
    msom_charge_journal_id = fields.Many2one(
        "account.journal",
        string="Charge Notice Journal",
        check_company=True,
        help="Journal of the monthly charge notices; created on the first run.",
    )
    msom_invoice_journal_id = fields.Many2one(
        "account.journal",
        string="Charge Invoice Journal",
        check_company=True,
        domain="[('type', '=', 'sale')]",
        help="Sales journal of the VAT invoices for commercial units and "
        "business tenants; the default sales journal when empty.",
    )
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
    msom_compensation_account_id = fields.Many2one(
        "account.account",
        string="Recovery Compensation Account",
        check_company=True,
        help="Income account of the compensation for recovery costs (art. 10 "
        "of the act of 8 March 2013) on interest notes; created on first use.",
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

    def _msom_check_billing_settings(self):
        for company in self:
            if company.msom_bank_sort_code:
                try:
                    validate_sort_code(company.msom_bank_sort_code)
                except NrbError as error:
                    raise ValidationError(
                        self.env._(
                            "The bank sort code %(code)s is not valid: it needs "
                            "8 digits and a correct check digit.",
                            code=company.msom_bank_sort_code,
                        )
                    ) from error
            client = company.msom_bank_client_code or ""
            if client and (not client.isdigit() or len(client) > 14):
                raise ValidationError(
                    self.env._(
                        "The bank client code may contain only digits (at most 14)."
                    )
                )
            if not 1 <= company.msom_charge_due_day <= 28:
                raise ValidationError(
                    self.env._("The charges due day must be between 1 and 28.")
                )

    def write(self, vals):
        res = super().write(vals)
        if {
            "msom_bank_sort_code",
            "msom_bank_client_code",
            "msom_charge_due_day",
        } & set(vals):
            self._msom_check_billing_settings()
        return res

    def _msom_next_payer_number(self):
        """Reserve the next payer number (row lock: safe under concurrency)."""
        return self._msom_reserve_payer_numbers(1)[0]

    def _msom_reserve_payer_numbers(self, count):
        """Reserve `count` consecutive payer numbers in one locked update."""
        self.ensure_one()
        self.env.cr.execute(
            "UPDATE res_company SET msom_last_payer_number = "
            "COALESCE(msom_last_payer_number, 0) + %s WHERE id = %s "
            "RETURNING msom_last_payer_number",
            (count, self.id),
        )
        last = self.env.cr.fetchone()[0]
        self.invalidate_recordset(["msom_last_payer_number"])
        return list(range(last - count + 1, last + 1))

    def _msom_get_charge_journal(self):
        """The charge notice journal, created on first use."""
        self.ensure_one()
        if self.msom_charge_journal_id:
            return self.msom_charge_journal_id
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.id), ("code", "=", "NAL")], limit=1
        )
        if not journal:
            journal = (
                self.env["account.journal"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Charge Notices"),
                        "code": "NAL",
                        "type": "general",
                        "company_id": self.id,
                    }
                )
            )
        self.sudo().msom_charge_journal_id = journal
        return journal

    def _msom_get_invoice_journal(self):
        self.ensure_one()
        return self.msom_invoice_journal_id or self.env["account.journal"].search(
            [("company_id", "=", self.id), ("type", "=", "sale")], limit=1
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
        return self.msom_interest_account_id or self._msom_income_account(
            "msom_interest_account_id",
            "750100",
            self.env._("Interest for late payment"),
        )

    def _msom_get_compensation_account(self):
        self.ensure_one()
        return self.msom_compensation_account_id or self._msom_income_account(
            "msom_compensation_account_id",
            "760100",
            self.env._("Compensation for recovery costs"),
        )

    def _msom_income_account(self, field_name, code, name):
        """The company's income account with this code, created if missing,
        remembered in `field_name`."""
        Account = self.env["account.account"].sudo().with_company(self)
        account = Account.search(
            [("company_ids", "in", self.id), ("code", "=", code)], limit=1
        ) or Account.create(
            {
                "name": name,
                "code": code,
                "account_type": "income_other",
                "company_ids": [(6, 0, self.ids)],
            }
        )
        self.sudo()[field_name] = account
        return account
