# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

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
        help="Journal of the monthly charge notices; loaded with the chart of "
        "accounts.",
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
        help="Income account of the interest notes; with the Polish chart 75.000.300, "
        "else the company's default income account when empty.",
    )
    msom_interest_journal_id = fields.Many2one(
        "account.journal",
        string="Interest Note Journal",
        check_company=True,
        help="Journal of the interest notes; loaded with the chart of accounts.",
    )
    msom_compensation_account_id = fields.Many2one(
        "account.account",
        string="Recovery Compensation Account",
        check_company=True,
        help="Income account of the compensation for recovery costs (art. 10 "
        "of the act of 8 March 2013) on interest notes; with the Polish chart "
        "76.000.900, else the company's default income account when empty.",
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
            SQL(
                "UPDATE res_company SET msom_last_payer_number ="
                " COALESCE(msom_last_payer_number, 0) + %s WHERE id = %s"
                " RETURNING msom_last_payer_number",
                count,
                self.id,
            )
        )
        last = self.env.cr.fetchone()[0]
        self.invalidate_recordset(["msom_last_payer_number"])
        return list(range(last - count + 1, last + 1))

    def _msom_get_charge_journal(self):
        """The charge notice journal (loaded with the chart of accounts)."""
        self.ensure_one()
        return self.msom_charge_journal_id or self._msom_missing_setting(
            self._fields["msom_charge_journal_id"]
        )

    def _msom_get_invoice_journal(self):
        self.ensure_one()
        return self.msom_invoice_journal_id or self.env["account.journal"].search(
            [("company_id", "=", self.id), ("type", "=", "sale")], limit=1
        )

    def _msom_get_interest_journal(self):
        self.ensure_one()
        return self.msom_interest_journal_id or self._msom_missing_setting(
            self._fields["msom_interest_journal_id"]
        )

    def _msom_get_interest_account(self):
        self.ensure_one()
        return (
            self.msom_interest_account_id
            or self.income_account_id
            or self._msom_missing_setting(self._fields["msom_interest_account_id"])
        )

    def _msom_get_compensation_account(self):
        self.ensure_one()
        return (
            self.msom_compensation_account_id
            or self.income_account_id
            or self._msom_missing_setting(self._fields["msom_compensation_account_id"])
        )

    def _msom_missing_setting(self, field):
        raise UserError(
            self.env._(
                "%(company)s has no %(setting)s: install a chart of accounts "
                "or set it in the billing settings.",
                company=self.name,
                setting=field._description_string(self.env),
            )
        )
